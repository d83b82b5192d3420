// `agentguard audit verify | tail [-n N] [-f] | path | ship`: proves the
// decision log is whole. verify exits 0 on an intact chain, 1 naming the first
// bad entry; tail prints the last entries (and follows new ones with -f);
// ship and verify --shipped deliver it to a log pipeline and check what
// arrived (auditShip.ts).
import * as fs from 'node:fs';
import { auditFile, serviceConfig, verifyAudit, type ServiceConfig } from '../core/frontdoor/records';
import { readStateDir } from './stateRead';

const USAGE =
  'usage: agentguard audit verify [--json] [--shipped FILE] | tail [-n N] [-f] [--json] | path | ship [--once] [--syslog URL] [--otlp URL] [--ca FILE]\n';
const MAX_TAIL = 100_000;

export async function runAudit(args: string[]): Promise<number> {
  const dir = readStateDir('audit');
  const [sub, ...rest] = args;
  switch (sub) {
    case 'path':
      process.stdout.write(auditFile(dir) + '\n');
      return 0;
    case 'ship':
      return (await import('./auditShip')).runShip(dir, rest);
    case 'verify': {
      if (rest[0] === '--shipped') return (await import('./auditShip')).runVerifyShipped(dir, rest.slice(1));
      const json = rest.includes('--json');
      if (rest.some((a) => a !== '--json')) {
        process.stderr.write(
          `agentguard audit verify: unknown argument ${JSON.stringify(rest.find((a) => a !== '--json'))}\n${USAGE}`,
        );
        return 64;
      }
      const service = serviceConfig();
      if (service) return verifyKept(service, dir, json);
      const r = verifyAudit(dir);
      if (json) {
        process.stdout.write(
          JSON.stringify({
            ok: r.ok,
            entries: r.entries,
            ...(r.legacy ? { legacy: r.legacy } : {}),
            ...(r.ok ? {} : { problem: r.problem }),
            file: auditFile(dir),
          }) + '\n',
        );
        return r.ok ? 0 : 1;
      }
      if (r.ok) {
        process.stdout.write(
          `audit log intact: ${r.entries} ${r.entries === 1 ? 'entry' : 'entries'}${r.legacy ? ` (${r.legacy} unchained from before the chain)` : ''} (${auditFile(dir)})\n${approvalsLine(auditFile(dir))}`,
        );
        return 0;
      }
      process.stdout.write(
        `audit log TAMPERED: ${r.problem} (${auditFile(dir)}); ${r.entries} ${r.entries === 1 ? 'entry' : 'entries'} before it verifies\n`,
      );
      return 1;
    }
    case 'tail':
      return tail(dir, rest);
    default:
      process.stderr.write(USAGE);
      return 64;
  }
}

/**
 * With an AgentGuard service the log that counts is the one it keeps, checked
 * by the service against the head it wrote and the cursors it shipped from;
 * this user's own log is a copy (the editor's views read it), shown beside.
 */
async function verifyKept(service: ServiceConfig, dir: string, json: boolean): Promise<number> {
  const { askService, ownAddress } = await import('../channels/service/client');
  const asked = await askService(ownAddress(service), { op: 'verify' });
  const copy = verifyAudit(dir);
  const kept = asked.ok ? asked.reply.verify : undefined;
  if (json) {
    process.stdout.write(
      JSON.stringify({
        ok: kept?.ok === true,
        ...(kept ? { service: kept } : { error: asked.ok ? 'no verdict' : asked.error }),
        copy: {
          ok: copy.ok,
          entries: copy.entries,
          ...(copy.ok ? {} : { problem: copy.problem }),
          file: auditFile(dir),
        },
      }) + '\n',
    );
    return kept?.ok ? 0 : 1;
  }
  if (!kept) {
    process.stdout.write(
      `audit log UNVERIFIED: ${asked.ok ? 'the AgentGuard service gave no verdict' : asked.error}\n`,
    );
    return 1;
  }
  const shipped = kept.shipped?.length
    ? `; shipped up to entry ${kept.shipped.map((c) => `${c.seq} to ${c.sink}`).join(', ')}`
    : '';
  process.stdout.write(
    kept.ok
      ? `audit log kept by the AgentGuard service: intact, ${kept.entries} ${kept.entries === 1 ? 'entry' : 'entries'}${kept.head ? ` (head ${kept.head.slice(0, 12)}…)` : ''}${shipped}\n`
      : `audit log kept by the AgentGuard service TAMPERED: ${kept.problem ?? 'unknown'}; ${kept.entries} entries before it verify\n`,
  );
  process.stdout.write(
    `your copy (${auditFile(dir)}): ${copy.ok ? `intact, ${copy.entries} ${copy.entries === 1 ? 'entry' : 'entries'}` : `TAMPERED: ${copy.problem}`} (a copy: the service's log is the record)\n${approvalsLine(auditFile(dir))}`,
  );
  return kept.ok ? 0 : 1;
}

/**
 * The approvals a human gave in the editor, in the log at `file`, by what the
 * check of the answering process was worth (each entry's `peerProof`): a line
 * to print, empty when there are none.
 */
export function approvalsLine(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  const count = { authenticated: 0, kernel: 0, recorded: 0, unsaid: 0 };
  for (const line of text.split('\n')) {
    if (!/"approval":"(?:allow|deny)"/.test(line)) continue;
    let e: { approval?: unknown; peerProof?: unknown };
    try {
      e = JSON.parse(line) as typeof e;
    } catch {
      continue;
    }
    if (e.approval !== 'allow' && e.approval !== 'deny') continue;
    if (e.peerProof === 'authenticated') count.authenticated++;
    else if (e.peerProof === 'kernel') count.kernel++;
    else if (e.peerProof === 'recorded') count.recorded++;
    else count.unsaid++;
  }
  const parts = [
    count.authenticated &&
      `${count.authenticated} with your password typed into the system's prompt (polkit), which no process of yours can type`,
    count.kernel &&
      `${count.kernel} with the kernel keeping your other processes from tracing the editor (Yama ptrace_scope 1 or more)`,
    count.recorded &&
      `${count.recorded} that prove only they were recorded: any process of yours could drive the editor (no Yama ptrace_scope 1)`,
    count.unsaid && `${count.unsaid} from before entries said which`,
  ].filter((p): p is string => typeof p === 'string');
  const all = count.authenticated + count.kernel + count.recorded + count.unsaid;
  return all ? `approvals given in the editor: ${all}: ${parts.join('; ')}\n` : '';
}

function tail(dir: string, args: string[]): Promise<number> | number {
  let n = 10;
  let follow = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-f' || a === '--follow') follow = true;
    // Entries are JSON lines already: --json is accepted for scripts that ask for it everywhere.
    else if (a === '--json') continue;
    else if (a === '-n' || a.startsWith('-n')) {
      const v = Number(a === '-n' ? args[++i] : a.slice(2));
      if (!Number.isInteger(v) || v < 0 || v > MAX_TAIL) {
        process.stderr.write(`agentguard audit tail: -n needs a whole number up to ${MAX_TAIL}\n${USAGE}`);
        return 64;
      }
      n = v;
    } else {
      process.stderr.write(`agentguard audit tail: unknown argument ${JSON.stringify(a)}\n${USAGE}`);
      return 64;
    }
  }
  const file = auditFile(dir);
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      process.stderr.write(`agentguard audit tail: ${(err as Error).message}\n`);
      return 1;
    }
  }
  const lines = text.split('\n').filter(Boolean);
  if (n > 0)
    process.stdout.write(
      lines
        .slice(-n)
        .map((l) => l + '\n')
        .join(''),
    );
  if (!follow) return 0;
  // Follow by polling the size: works on every filesystem, and appends are whole lines under the lock.
  let offset = Buffer.byteLength(text);
  return new Promise<number>(() => {
    setInterval(() => {
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch {
        return;
      }
      if (size < offset) offset = 0;
      if (size === offset) return;
      const fd = fs.openSync(file, 'r');
      try {
        const buf = Buffer.alloc(size - offset);
        fs.readSync(fd, buf, 0, buf.length, offset);
        const end = buf.lastIndexOf(0x0a) + 1;
        if (end > 0) {
          process.stdout.write(buf.subarray(0, end));
          offset += end;
        }
      } finally {
        fs.closeSync(fd);
      }
    }, 250);
  });
}
