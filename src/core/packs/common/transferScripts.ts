// File-transfer clients driven by a script of their own commands: `sftp -b
// batch h`, `lftp -c 'open h; put ~/.ssh/id_rsa'`, `smbclient //h/s -c 'put
// .env'`, `ftp -n h <<< $'user a b\nput .env'`, `tftp h -c put .env`, and
// `ncftpput h /dir FILE…`, whose files are its own operands. The script (an
// option, a here-string or here-doc, a batch file) is read for the commands
// that send local files (`put`, `mput`, `reput`, `send`, `append`, lftp's
// reverse `mirror -R`), following `lcd`, so the files can be judged as scp's
// and rsync's operands are: the secrets pack for credentials
// (secrets/network.ts), the outgoing pack for the project (outgoing/copies.ts).
import * as path from 'node:path';
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { own } from '../../text/own';
import { readAsLineLeft } from '../../parse/normalize';

export interface ScriptUpload {
  client: string;
  /** Where the files go, as the command names it; `another host` when it names none. */
  host: string;
  /** Local files and folders sent, as written (relative to the command's folder). */
  files: string[];
  /** Scripts the client runs that could not be read (a batch file missing now, a pipe's output): what they send is unknown. */
  unread: string[];
}

/** Commands of a script read; past it nothing more is read (the files found so far still count). */
const MAX_COMMANDS = 256;
const MAX_FILES = 32;

/** Options of each client that take a value, and those whose value is the script or a file holding it. */
const CLIENTS: Record<string, { values: readonly string[]; inline: readonly string[]; file: readonly string[] }> = {
  sftp: {
    values: ['-b', '-i', '-P', '-o', '-F', '-c', '-J', '-l', '-S', '-D', '-R', '-B', '-s'],
    inline: [],
    file: ['-b'],
  },
  lftp: { values: ['-p', '-u', '-c', '-e', '-f', '--rcfile'], inline: ['-c', '-e'], file: ['-f'] },
  smbclient: {
    values: [
      '-U',
      '--user',
      '-c',
      '--command',
      '-W',
      '-p',
      '-I',
      '-A',
      '-s',
      '-l',
      '-d',
      '-n',
      '-m',
      '-t',
      '-O',
      '-D',
      '-T',
      '-b',
      '-M',
      '-L',
    ],
    inline: ['-c', '--command'],
    file: [],
  },
  ftp: { values: ['-P', '-o', '-r', '-s', '-T', '-q', '-u'], inline: [], file: [] },
  tftp: { values: ['-c', '-l', '-m', '-R', '-w', '-B'], inline: [], file: [] },
};
/** Every client this module reads. */
export const TRANSFER_CLIENTS = new Set([...Object.keys(CLIENTS), 'ncftpput']);

const NCFTPPUT_VALUES = ['-u', '-p', '-P', '-j', '-f', '-t', '-U', '-X', '-Y', '-W', '-E', '-B', '-y', '-o'];
/** Verbs of the script that send local files: the first operand only, or all of them. */
const SEND_FIRST = new Set(['put', 'reput', 'send', 'append']);
const SEND_ALL = new Set(['mput']);
/** Options of `put`/`mput`/`mirror` that take a value (lftp's `-O DIR`, `-o NAME`, mirror's filters). */
const VERB_VALUES = new Set(['-O', '-o', '-i', '-x', '-I', '-X', '-P', '--parallel', '--include', '--exclude']);

/** A script line split into words, quotes removed (no expansion: a script is the client's text, not the shell's). */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** The script's commands: one per line, and `;`-separated within a line (lftp, smbclient). */
function scriptCommands(text: string): string[][] {
  return text
    .split(/\r?\n|;|\\n/, MAX_COMMANDS)
    .map(words)
    .filter((w) => w.length > 0);
}

/** The local files a script's commands send, following `lcd`; and the host an `open` names. */
function readScript(text: string): { files: string[]; host?: string } {
  const files: string[] = [];
  let host: string | undefined;
  let lcd = '';
  const local = (w: string) => (lcd && !/^[/~]/.test(w) ? path.posix.join(lcd, w) : w);
  for (const [verb0, ...rest] of scriptCommands(text)) {
    const verb = verb0.toLowerCase();
    const ops: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      if (VERB_VALUES.has(rest[i])) i++;
      else if (!rest[i].startsWith('-')) ops.push(rest[i]);
    }
    if (verb === 'open') host ??= ops[0]?.replace(/^\w+:\/\//, '').replace(/[/:].*$/, '');
    else if (verb === 'lcd') lcd = ops[0] ? local(ops[0]) : '';
    else if (SEND_FIRST.has(verb) && ops[0]) files.push(local(ops[0]));
    else if (SEND_ALL.has(verb)) files.push(...ops.map(local));
    // `mirror -R [LOCAL [REMOTE]]` uploads LOCAL, the current local folder by default.
    else if (verb === 'mirror' && rest.some((w) => w === '-R' || w === '--reverse')) files.push(local(ops[0] ?? '.'));
    if (files.length >= MAX_FILES) break;
  }
  return { files: files.slice(0, MAX_FILES), host };
}

/** `user@host:path` and `//host/share` → host. */
function hostWord(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const bare = word.replace(/^\w+:\/\//, '').replace(/^\/\//, '');
  return bare.replace(/^[^@/]*@/, '').replace(/[/:].*$/, '') || undefined;
}

/** What a transfer client uploads and where, read from its script or operands; undefined when it sends nothing local. */
export function scriptUpload(cmd: SimpleCommand, ctx: AnalysisContext): ScriptUpload | undefined {
  const argv = cmd.argv;
  const client = argv[0] ?? '';
  if (client === 'ncftpput') {
    const pos = positionals(argv, NCFTPPUT_VALUES);
    // With `-f login.cfg` the host comes from the file; `-c` sends stdin (what was redirected in).
    const fromFile = optionValue(argv, ['-f']) !== undefined;
    const host = fromFile ? 'the host of ' + optionValue(argv, ['-f']) : (pos[0] ?? 'another host');
    const files = hasFlag(argv, ['-c'])
      ? cmd.redirects.filter((r) => r.op === '<').map((r) => r.target)
      : pos.slice(fromFile ? 1 : 2);
    return files.length ? { client, host, files: files.slice(0, MAX_FILES), unread: [] } : undefined;
  }
  const spec = own(CLIENTS, client);
  if (!spec) return undefined;
  const texts = optionValues(argv, spec.inline);
  const unread: string[] = [];
  // A script that cannot be read now (missing, written earlier on the line with unknown text, a variable) may send anything: fail closed.
  const take = (text: string | undefined, what: string | undefined) => {
    if (text !== undefined) texts.push(text);
    else if (what !== undefined) unread.push(what);
  };
  // `printf 'put .env\n' > /tmp/b && sftp -b /tmp/b h`: a batch file the line wrote holds what the line wrote, not the disk's copy.
  for (const f of optionValues(argv, spec.file)) {
    if (f === '-') take(cmd.stdin, unreadStdin(cmd) ?? 'its standard input');
    else take(readAsLineLeft(cmd, ctx, f), f);
  }
  const pos = positionals(argv, spec.values);
  // `tftp h -c put .env`: the words after `-c` are one command.
  if (client === 'tftp') {
    const c = argv.indexOf('-c');
    if (c !== -1) texts.push(argv.slice(c + 1).join(' '));
  }
  // `ftp -n h < cmds.txt`, `gen | sftp h`: with no batch option the client reads its commands on stdin.
  if (!spec.file.some((o) => argv.includes(o))) take(cmd.stdin, unreadStdin(cmd));
  if (!texts.length && !unread.length) return undefined;
  const { files, host } = texts.length ? readScript(texts.join('\n')) : { files: [], host: undefined };
  if (!files.length && !unread.length) return undefined;
  return { client, host: hostWord(pos[0]) ?? host ?? 'another host', files, unread };
}

/** Where a command's stdin comes from when its text is not known: a file redirected in, or another program's output. */
function unreadStdin(cmd: SimpleCommand): string | undefined {
  const redirected = cmd.redirects.filter((r) => r.op === '<' && r.fd === 0).pop();
  if (redirected) return redirected.target === '/dev/null' ? undefined : redirected.target;
  const from = cmd.stdinOrigin ?? cmd.stdinFrom;
  return from?.length ? `the output of \`${from.slice(0, 3).join(' ')}\`` : undefined;
}
