// Programs a transport starts in place of its usual helper: git's
// `--upload-pack`, `--receive-pack`, `--exec` and clone's `-u` name the
// program git runs (through a shell, on this machine for a local or `file://`
// remote), an `ext::CMD` remote URL is a command git runs as the transport,
// socat's `EXEC:` and `SYSTEM:` addresses run a command whatever the other
// address is, sftp's `-S` and `-D` name the program it starts instead of ssh
// or the server, and tar's and cpio's `--rsh-command` the one they reach a
// remote archive through. Each is read as a command line of its own, beside
// the program, as sideCommands reads the others.
import { optionValues } from '../../command/args';
import { readGlobalOptions } from '../../command/globalOptions';
import { foldedAt } from '../../text/asciiFold';
import { shellWord } from '../../text/shellWord';

/** git subcommands whose `-u VALUE` is the upload-pack program (elsewhere `-u` is a flag: fetch's --update-head-ok). */
const GIT_SHORT_UPLOAD_PACK = new Set(['clone', 'ls-remote']);

/** Options of git's transport subcommands whose value is the program run at the other end of the pipe. */
const GIT_TRANSPORT_PROGRAMS = ['--upload-pack', '--receive-pack', '--exec'];

/** Subcommands that talk to a remote through those options (`--exec` elsewhere means something else, as in rebase). */
const GIT_TRANSPORT_SUBCOMMANDS = new Set([
  'clone',
  'fetch',
  'pull',
  'push',
  'ls-remote',
  'archive',
  'send-pack',
  'fetch-pack',
  'remote',
  'submodule',
]);

/**
 * The command of git's `ext::` transport (git-remote-ext(1)): words split on
 * spaces, `% ` a space inside a word, `%%` a percent sign, `%s`/`%S` the
 * service name, `%G`/`%V` dropped. Returned as a shell line with each word
 * quoted, so it is read as the same words.
 */
export function extTransportCommand(spec: string): string {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '%' && i + 1 < spec.length) {
      const n = spec[++i];
      if (n === ' ') word += ' ';
      else if (n === '%') word += '%';
      else if (n === 's' || n === 'S') word += 'git-upload-pack';
      else if (n !== 'G' && n !== 'V') word += '%' + n;
    } else if (c === ' ') {
      if (word) words.push(word);
      word = '';
    } else word += c;
  }
  if (word) words.push(word);
  return words.map((x) => `'${x.replace(/'/g, `'\\''`)}'`).join(' ');
}

/** `ext::CMD` as a URL, a `-c remote.x.url=ext::CMD` value, or the base of a `url.ext::CMD.insteadOf` setting. */
function extSpecs(word: string): string[] {
  // The first test of the `i` expression costs V8 compiling it (about 0.3 ms): only a word it may match runs it.
  const rewritten = foldedAt(word, 0, 'url.ext::')
    ? /^url\.ext::([\s\S]*)\.(?:push)?insteadof(?:=|$)/i.exec(word)
    : null;
  if (rewritten) return [rewritten[1]];
  const url = word.includes('ext::') ? /(?:^|=)ext::([\s\S]*)$/.exec(word) : null;
  return url ? [url[1]] : [];
}

/** The command lines a git call starts as its transport (`--upload-pack=CMD`, `clone -u CMD`, `ext::CMD`). */
export function gitTransportCommands(full: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of full.slice(1)) for (const spec of extSpecs(w)) if (spec.trim()) out.push(extTransportCommand(spec));
  const argv = readGlobalOptions(full, '/').bare ?? full;
  const sub = argv[1] ?? '';
  if (!GIT_TRANSPORT_SUBCOMMANDS.has(sub)) return out;
  const rest = argv.slice(1);
  out.push(...optionValues(rest, GIT_TRANSPORT_PROGRAMS));
  if (GIT_SHORT_UPLOAD_PACK.has(sub)) out.push(...optionValues(rest, ['-u']));
  return out;
}

/** socat's option names after an address (`EXEC:cmd,pty,stderr`, `SYSTEM:cmd,setsid=1`). */
const SOCAT_OPTION = /^[a-z][a-z0-9-]*(?:=[^,]*)?$/i;

/**
 * socat's `EXEC:PROGRAM ARGS` and `SYSTEM:SHELL-LINE` addresses run their
 * command whatever the other address is (`socat - EXEC:'rm -rf ~'`). The
 * options after the first comma are cut off only when every one reads as an
 * option; otherwise the whole text is read, so a comma cannot hide a command.
 */
export function socatCommands(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of argv.slice(1)) {
    const m = /^(?:exec|system):([\s\S]*)$/i.exec(a);
    if (!m) continue;
    const parts = m[1].split(',');
    out.push(parts.slice(1).every((o) => SOCAT_OPTION.test(o.trim())) ? parts[0] : m[1]);
  }
  return out;
}

/** sftp's `-S PROGRAM` (run in place of ssh) and `-D SERVER` (a local sftp server run directly). */
export function sftpPrograms(argv: readonly string[]): string[] {
  return optionValues(argv, ['-S', '-D']);
}

/** A `host:file` archive word (`backup:/x.tar`, `me@backup:x`): the host tar reaches through the remote shell. */
const REMOTE_ARCHIVE = /^([\w.@-]+):(?!\/\/)/;

/**
 * tar's and cpio's `--rsh-command=PROGRAM`: run to reach a `host:file` archive, as `PROGRAM HOST RMT` (RMT is
 * `--rmt-command`, /etc/rmt by default). Read with those arguments: `--rsh-command=/bin/rm` deletes RMT.
 */
export function rshCommands(argv: readonly string[]): string[] {
  const programs = optionValues(argv, ['--rsh-command']);
  if (!programs.length) return [];
  const host = argv.map((a) => (a.startsWith('-') ? undefined : REMOTE_ARCHIVE.exec(a)?.[1])).find((h) => h);
  const rmt = optionValues(argv, ['--rmt-command'])[0] ?? '/etc/rmt';
  return programs.map((p) => `${p} ${shellWord(host ?? 'host')} ${shellWord(rmt)}`);
}
