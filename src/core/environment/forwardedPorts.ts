// A port forwarded earlier on the line carries a local port to a remote
// service: after `kubectl port-forward -n production svc/es 9200 &` (or `ssh
// -L 9200:es.internal:9200 bastion`), `curl -X DELETE localhost:9200/users`
// deletes in production. A client that reaches this machine on a forwarded
// port targets what the forward reaches, not this machine: HTTP clients and
// Kafka's tools by the `localhost:PORT` they name, redis-cli by its `-p`
// (6379 unless told).
import type { EnvironmentMatch, SimpleCommand } from '../types';
import { optionValue, positionals } from '../command/args';
import { localForwards, readSshLine } from '../command/ssh';
import { isLocalHost } from './programs';
import { unknown } from './clues';

/** Commands that forward a local port: kubectl's and oc's port-forward, ssh -L (and autossh's). */
const KUBE_FORWARDERS = new Set(['kubectl', 'oc', 'kubecolor']);
/** Clients whose destination is written as a URL or `host:port`: HTTP clients and Kafka's tools. */
const PORT_CLIENTS =
  /^(?:curl|wget|http|https|httpie|xh|xhs|kcat|kafkacat|rpk|kafka-[\w-]+(?:\.sh)?|kafka-topics(?:\.sh)?)$/;
/** Redis's command-line clients: `-h`, `-p`, `-u URL`, else 127.0.0.1:6379. */
const REDIS_CLIENTS: ReadonlySet<string> = new Set(['redis-cli', 'valkey-cli', 'keydb-cli']);
/** This machine with a port: `localhost:9200`, `http://127.0.0.1:9200/x`, `[::1]:9200`. */
const LOCAL_PORT = /(?:^|[/@=,])(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0):(\d{1,5})(?=$|[/?#,])/g;
/** Words looked at per client command and forwards per line: a line is short, its words are bounded here too. */
const MAX_WORDS = 256;

/** The local ports a command forwards. */
function forwardedBy(cmd: SimpleCommand): string[] {
  const argv = cmd.argv;
  const tool = argv[0] ?? '';
  if (KUBE_FORWARDERS.has(tool)) {
    const pos = positionals(argv, [
      '-n',
      '--namespace',
      '--context',
      '--address',
      '--kubeconfig',
      '--pod-running-timeout',
    ]);
    if (pos[0] !== 'port-forward') return [];
    // `9200`, `8080:9200`; `:9200` picks a random local port nobody can name later.
    return pos
      .slice(2, MAX_WORDS)
      .map((p) => /^(\d{1,5})(?::\d{1,5})?$/.exec(p)?.[1])
      .filter((p): p is string => p !== undefined);
  }
  if (tool === 'ssh' || tool === 'autossh') {
    // Read as ssh reads its clustered letters: `-fNL 9200:es:9200` forwards 9200 as `-L 9200:es:9200` does.
    return localForwards(readSshLine(argv))
      .slice(0, MAX_WORDS)
      .map((spec) => {
        const parts = spec.split(':');
        // [bind_address:]port:host:hostport
        return parts.length >= 3 ? parts[parts.length - 3] : undefined;
      })
      .filter((p): p is string => p !== undefined && /^\d{1,5}$/.test(p));
  }
  return [];
}

/** Whether a command forwards a local port to somewhere else. */
export function forwardsPorts(cmd: SimpleCommand): boolean {
  const tool = cmd.argv[0] ?? '';
  // ssh's `-L` also comes bundled (`-fNL 5432:db:5432`).
  if (tool === 'ssh') return cmd.argv.some((a, i) => i > 0 && /^-[A-Za-z]*L/.test(a));
  return KUBE_FORWARDERS.has(tool) && forwardedBy(cmd).length > 0;
}

/** The local ports a client reaches. */
function localPortsOf(cmd: SimpleCommand): string[] {
  if (REDIS_CLIENTS.has(cmd.argv[0] ?? '')) return redisPort(cmd.argv);
  if (!PORT_CLIENTS.test(cmd.argv[0] ?? '')) return [];
  const ports: string[] = [];
  for (const word of cmd.argv.slice(1, MAX_WORDS)) {
    LOCAL_PORT.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = LOCAL_PORT.exec(word)) && ports.length < MAX_WORDS) ports.push(m[1]);
  }
  return ports;
}

/** The port of this machine redis-cli reaches: its `-u` URL's or `-p`, else 6379, when no other host is named. */
function redisPort(argv: readonly string[]): string[] {
  const host = optionValue(argv, ['-h']);
  if (host !== undefined && !isLocalHost(host)) return [];
  const url = optionValue(argv, ['-u']);
  if (url !== undefined) {
    if (!/^rediss?:\/\/(?:[^@/]*@)?(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?=$|[:/?])/i.test(url)) return [];
    return [/:(\d{1,5})(?=$|[/?])/.exec(url.replace(/^rediss?:\/\/[^@/]*@/i, ''))?.[1] ?? '6379'];
  }
  return [optionValue(argv, ['-p']) ?? '6379'];
}

/**
 * Gives each client that reaches a port forwarded earlier on the line the environment of the command that
 * forwards it (`targets[i]` is `commands[i]`'s), when that environment is not this machine's.
 */
export function forwardedTargets(commands: readonly SimpleCommand[], targets: EnvironmentMatch[]): void {
  const forwards = new Map<string, number>();
  for (let i = 0; i < commands.length; i++) {
    for (const port of localPortsOf(commands[i])) {
      const from = forwards.get(port);
      if (from === undefined) continue;
      const reached = targets[from];
      const why = `localhost:${port} is forwarded by \`${commands[from].argv.slice(0, 4).join(' ')}\``;
      if (reached.production || (!targets[i].production && reached.name !== 'local' && reached.name !== 'unknown')) {
        targets[i] = { ...reached, evidence: [...reached.evidence, why], forwarded: true };
        break;
      }
      // A forward whose far end is not known still takes the port off this machine: the client's target is unknown.
      if (!targets[i].production && reached.name !== 'local') {
        const own = targets[i].name === 'local' ? unknown() : targets[i];
        targets[i] = { ...own, evidence: [...own.evidence, why], forwarded: true };
        break;
      }
    }
    if (forwards.size < MAX_WORDS) for (const port of forwardedBy(commands[i])) forwards.set(port, i);
  }
}
