// `ssh -F FILE host`, `scp -F FILE …`, `sftp -F FILE …`: ssh takes all its
// settings from FILE instead of ~/.ssh/config, and some of them run a command
// on this machine (ProxyCommand before any host is reached, KnownHostsCommand,
// LocalCommand once PermitLocalCommand allows it, `Match exec`) or open a port
// on the other host that leads back here (RemoteForward). The file is read as
// ssh reads it; the commands are judged as lines of their own (sideCommands.ts).
// One that cannot be read, or that includes more files, is asked about.
import * as path from 'node:path';
import { readSshLine } from '../../command/ssh';
import { UNKNOWN } from '../dynamic';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';

/** Most lines of one config file read: far more than a hand-written one holds. */
const MAX_LINES = 2000;

/** Settings whose value is a command ssh runs here. */
const RUNS = /^(?:proxycommand|knownhostscommand)$/;

function unread(file: string, why: string): ReturnType<typeof parseFinding> {
  return {
    ...parseFinding(
      'parse.too-complex',
      60,
      `ssh takes its settings from ${file} (named by -F), ${why}: settings there run commands here (ProxyCommand, LocalCommand, Match exec) or open ports back into this machine`,
      file,
    ),
    alternative: 'pass the settings you need with `-o KEY=VALUE`, or keep them in ~/.ssh/config',
  };
}

/** `KEY VALUE`, `KEY=VALUE`, `KEY = "VALUE"` as ssh_config(5) spells a line; keys are case-insensitive. */
function settingOf(line: string): [string, string] | undefined {
  const m = /^\s*([A-Za-z]+)(?:\s*=\s*|\s+)(.*?)\s*$/.exec(line);
  return m ? [m[1].toLowerCase(), m[2]] : undefined;
}

/** The command in `Match … exec "CMD" …` (quoted or one word). */
function matchExec(value: string): string | undefined {
  const m = /(?:^|\s)!?exec\s+(?:"((?:[^"\\]|\\.)*)"|(\S+))/i.exec(value);
  return m ? (m[1] ?? m[2]).replace(/\\"/g, '"') : undefined;
}

/**
 * The command lines a config file named by `-F` runs here; findings for one that cannot be read, that includes
 * more files, or that asks for a reverse forward.
 */
export function sshConfigFileLines(p: Pending, scope: Scope, w: Walker): string[] {
  const files = readSshLine(p.argv)
    .options.filter(([letter]) => letter === 'F')
    .map(([, value]) => value);
  const out: string[] = [];
  for (const [n, file] of files.entries()) {
    // `-F none`: no config file at all.
    if (file === 'none' || file === '/dev/null') continue;
    const shown = file.split(UNKNOWN).join('');
    const abs = path.resolve(scope.cwd, file);
    const dynamic = p.dynamic.some(Boolean) && (file.includes(UNKNOWN) || /[$`]/.test(file));
    const text =
      dynamic || w.writtenUnknown.has(abs) ? undefined : (w.written.get(abs) ?? w.ctx.readFile(file, scope.cwd));
    if (text === undefined || n > 0) {
      w.addFinding(
        unread(
          shown,
          'which AgentGuard could not read (missing, unreadable, too large or only known when the line runs)',
        ),
      );
      continue;
    }
    const settings = text
      .split('\n')
      .slice(0, MAX_LINES)
      .map((l) => settingOf(l.replace(/^\s*#.*$/, '')))
      .filter((s): s is [string, string] => s !== undefined);
    const permitLocal = settings.some(([k, v]) => k === 'permitlocalcommand' && /^yes$/i.test(v));
    for (const [key, value] of settings) {
      if (RUNS.test(key) || (key === 'localcommand' && permitLocal)) {
        if (value.toLowerCase() !== 'none') out.push(value);
      } else if (key === 'match') {
        const cmd = matchExec(value);
        if (cmd) out.push(cmd);
      } else if (key === 'include') w.addFinding(unread(shown, `which includes more files (${value})`));
      else if (key === 'remoteforward')
        w.addFinding(
          parseFinding(
            'outgoing.reverse-tunnel',
            60,
            `${shown} (named by ${p.argv[0]} -F) sets RemoteForward ${value}: a port on the other host that leads back into this machine`,
            shown,
          ),
        );
    }
  }
  return out;
}
