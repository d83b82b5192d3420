// What every secrets check shares: the advice it gives, which variable names
// hold secrets, the program families it looks at, and whether a command's
// output reaches the agent's transcript.
import type { SimpleCommand } from '../../types';
import { TRANSFER_CLIENTS } from '../common/transferScripts';

export const READ_ALT = 'reference the file from the tool that needs it instead of printing it';
export const PRINT_ALT = 'use the variable where it is needed without printing it; check it is set with [ -n "$NAME" ]';
export const SEND_ALT = 'never send credentials or the environment to a host; ask the user';

// ---- secret variable names: shared with the packs that write them elsewhere (identity/ci.ts)
export { isSecretName, secretRefs, secretRefsOf, VAR_REF_RE } from '../common/environmentNames';

/** Output goes to a file, not to the terminal the agent reads. */
function stdoutToFile(cmd: SimpleCommand): boolean {
  return cmd.redirects.some(
    (r) =>
      (r.fd === 1 || r.op === '&>' || r.op === '&>>') &&
      r.op !== '<' &&
      !r.target.startsWith('&') &&
      r.target !== '/dev/stdout' &&
      r.target !== '/dev/stderr' &&
      r.target !== '/dev/tty',
  );
}

/**
 * Output reaches the agent's transcript: not redirected to a file, and not
 * piped into or captured by a program that consumes it (`echo $TOKEN | gh auth
 * login --with-token`, `export $(cat .env | xargs)`) rather than printing it.
 */
export function stdoutShown(cmd: SimpleCommand): boolean {
  if (stdoutToFile(cmd)) return false;
  const next = cmd.stdoutTo?.[0];
  return next === undefined || PRINTERS.has(next) || FILTERS.has(next) || next === 'tee';
}

/** Where a command's output goes, for a human: the transcript, or the words of the command a `$(…)` sits in. */
export function shownInto(cmd: SimpleCommand): string {
  return cmd.captured ? 'into a $(…), where it becomes part of the command around it' : "into the agent's transcript";
}

// Programs that print what they read.
export const PRINTERS = new Set([
  'cat',
  'bat',
  'batcat',
  'less',
  'more',
  'most',
  'head',
  'tail',
  'nl',
  'tac',
  'od',
  'xxd',
  'hexdump',
  'hd',
  'strings',
  'base64',
  'base32',
  'basenc',
  'uuencode',
  'cut',
  'sort',
  'uniq',
  'column',
  'fold',
  'rev',
  'diff',
  'sdiff',
  'colordiff',
  'paste',
  'expand',
  'pr',
  'fmt',
  'iconv',
  'dos2unix',
  'view',
  'zcat',
  'bzcat',
  'xzcat',
  'openssl',
]);
// Programs whose first positional is a pattern or a script, not a file.
export const FILTERS = new Set([
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'ack',
  'awk',
  'gawk',
  'mawk',
  'sed',
  'gsed',
  'jq',
  'yq',
  'gojq',
]);
export const FILTER_VALUE_OPTS = [
  '-e',
  '--regexp',
  '-f',
  '--file',
  '-m',
  '--max-count',
  '-A',
  '-B',
  '-C',
  '--context',
  '-g',
  '--glob',
  '-t',
  '--type',
  '-F',
  '-v',
  '--arg',
  '--argjson',
  '-o',
  '--output-format',
  '--include',
  '--exclude',
  '--exclude-dir',
];
// Copying or archiving moves a credential somewhere it may be committed or shipped.
export const COPIERS = new Set(['cp', 'tar', 'zip', '7z', 'gpg', 'install', 'ln', 'link']);
// Programs that send data to another host.
export const SENDERS = new Set([
  'curl',
  'wget',
  'nc',
  'ncat',
  'netcat',
  'socat',
  'telnet',
  'http',
  'https',
  'xh',
  'xhs',
  'httpie',
  // Download managers: only what their URLs and headers carry.
  'aria2c',
  'axel',
  'wcurl',
  'curlie',
]);
// …and file-transfer clients, whose scripts say what they send (common/transferScripts.ts).
export const REMOTE_COPIERS = new Set(['scp', 'rsync', ...TRANSFER_CLIENTS]);
