// Search, view and pick tools whose options hold a command line they run
// on their own: ripgrep's `--pre CMD` (run on every file searched), git
// grep's `-O CMD` / `--open-files-in-pager`, ugrep's `--filter=EXTS:CMD`,
// bat's and delta's `--pager`, fzf's and skim's `--preview` and the
// `execute(…)`, `become(…)` and `reload(…)` actions of `--bind`, ranger's
// `--cmd='shell …'`, csvtool's `call CMD`, git send-email's
// `--smtp-server=/PATH` (a program when it is a path), a desktop setting
// that holds a command (`dconf write …/command`, `gsettings set … command`);
// and the `!CMD` lines
// of the file-transfer clients' scripts (`ftp`, `sftp -b`, `lftp -c`,
// `smbclient -c`), which run CMD in a local shell. Each is read as a command
// line of its own, as sideCommands reads the others.
import { optionValues } from '../../command/args';
import { readGlobalOptions } from '../../command/globalOptions';
import type { Pending } from '../normalize/scope';
import { muttCommands } from './muttCommands';
import { PLUGIN_SCRIPT_READERS } from './pluginScripts';

/** fzf's actions that run a shell line: `execute(CMD)`, `execute-silent[CMD]`, `become:CMD`, `reload(CMD)`… */
const FZF_ACTION =
  /\b(?:execute|execute-silent|execute-multi|become|reload|reload-sync|preview|change-preview|transform|transform-[a-z-]+)(?:\(([^)]*)\)|\[([^\]]*)\]|\{([^}]*)\}|<([^>]*)>|~([^~]*)~|!([^!]*)!|@([^@]*)@|#([^#]*)#|\$([^$]*)\$|%([^%]*)%|\^([^^]*)\^|&([^&]*)&|\*([^*]*)\*|;([^;]*);|\/([^/]*)\/|\|([^|]*)\||:([\s\S]*))/g;

function fzfCommands(argv: readonly string[]): string[] {
  const out = optionValues(argv, ['--preview']);
  for (const bind of optionValues(argv, ['--bind'])) {
    for (const m of bind.matchAll(FZF_ACTION)) {
      const line = m.slice(1).find((g) => g !== undefined);
      if (line?.trim()) out.push(line);
    }
  }
  return out;
}

/** `ranger --cmd='shell CMD'` (and `shell -f`, `!CMD`): ranger's console commands that run a shell line. */
function rangerCommands(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of optionValues(argv, ['--cmd'])) {
    const m = /^\s*(?:shell(?:\s+-[a-z]+)*\s+|!)([\s\S]+)$/.exec(c);
    if (m) out.push(m[1]);
  }
  return out;
}

/** `ugrep --filter=EXTS:CMD,EXTS:CMD`: each CMD filters the files with those extensions. */
function ugrepCommands(argv: readonly string[]): string[] {
  return optionValues(argv, ['--filter'])
    .flatMap((v) => v.split(','))
    .map((f) => f.slice(f.indexOf(':') + 1))
    .filter((c) => c.trim() && c.trim() !== '-');
}

/** git grep's pager option, and send-email's `--smtp-server` when it names a program (an absolute path). */
function gitToolCommands(full: readonly string[]): string[] {
  const argv = readGlobalOptions(full, '/').bare ?? full;
  const rest = argv.slice(1);
  if (argv[1] === 'grep') return optionValues(rest, ['--open-files-in-pager', '-O']);
  if (argv[1] === 'send-email') return optionValues(rest, ['--smtp-server']).filter((s) => s.startsWith('/'));
  return [];
}

/** `csvtool call CMD FILE`: CMD runs once for each row, with the row's fields as its arguments. */
function csvtoolCommands(argv: readonly string[]): string[] {
  const k = argv.indexOf('call');
  return k > 0 && argv[k + 1] !== undefined ? [argv[k + 1]] : [];
}

/** Lines past which a transfer script is not read for `!` lines (the caller bounds the commands it walks). */
const MAX_SCRIPT_LINES = 1024;

/** The `!CMD` lines of a transfer client's script: each runs CMD in a local shell. */
function bangLines(text: string | undefined): string[] {
  if (text === undefined) return [];
  const out: string[] = [];
  for (const line of text.split(/\n|;/).slice(0, MAX_SCRIPT_LINES)) {
    const m = /^\s*!([\s\S]*)$/.exec(line);
    if (m?.[1].trim()) out.push(m[1]);
  }
  return out;
}

/** ftp and tftp read their commands on stdin; sftp with `-b -` too; lftp and smbclient also from `-c`/`-e`. */
function transferShellEscapes(argv: readonly string[], p: Pending): string[] {
  const scripts = optionValues(
    argv,
    argv[0] === 'lftp' ? ['-c', '-e'] : argv[0] === 'smbclient' ? ['-c', '--command'] : [],
  );
  const out = scripts.flatMap((s) => bangLines(s));
  const batch = argv[0] === 'sftp' ? optionValues(argv, ['-b'])[0] : undefined;
  if (argv[0] !== 'sftp' || batch === '-') out.push(...bangLines(p.stdin));
  return out;
}

/** A GVariant string as dconf and gsettings take it (`"'rm -rf ~'"`): the text inside its quotes. */
function gvariantText(v: string): string {
  const m = /^\s*'((?:[^'\\]|\\.)*)'\s*$|^\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(v);
  return m ? (m[1] ?? m[2]).replace(/\\(.)/g, '$1') : v;
}

/**
 * A desktop setting whose key is a command the desktop runs later (a custom
 * keybinding's `command`, an `exec`, `command-line` or `*-command` key):
 * `dconf write /…/custom0/command "'CMD'"`, `gsettings set SCHEMA command 'CMD'`.
 */
function desktopSettingCommands(argv: readonly string[]): string[] {
  const sub = argv[1];
  const [key, value] =
    argv[0] === 'dconf' ? (sub === 'write' ? [argv[2], argv[3]] : []) : sub === 'set' ? [argv[3], argv[4]] : [];
  if (key === undefined || value === undefined) return [];
  return /(?:^|[/.-])(?:command|exec|command-line|commandline)$/i.test(key) ? [gvariantText(value)] : [];
}

export const TOOL_READERS: Readonly<Record<string, (argv: readonly string[], p: Pending) => string[]>> = {
  // A one-word preprocessor is run on each file by rgPreprocessor (textTools.ts); a command line is read here too.
  rg: (argv) => optionValues(argv, ['--pre']).filter((c) => /\s/.test(c.trim())),
  ugrep: ugrepCommands,
  ug: ugrepCommands,
  bat: (argv) => optionValues(argv, ['--pager']),
  batcat: (argv) => optionValues(argv, ['--pager']),
  delta: (argv) => optionValues(argv, ['--pager']),
  fzf: fzfCommands,
  sk: fzfCommands,
  ranger: rangerCommands,
  csvtool: csvtoolCommands,
  // sdiff's and diff3's `--diff-program=CMD` (colordiff passes it on): CMD compares the files.
  sdiff: (argv) => optionValues(argv, ['--diff-program']),
  diff3: (argv) => optionValues(argv, ['--diff-program']),
  colordiff: (argv) => optionValues(argv, ['--diff-program']),
  // The mysql client's `--pager=CMD`: every result is piped into CMD.
  mysql: (argv) => optionValues(argv, ['--pager']),
  mariadb: (argv) => optionValues(argv, ['--pager']),
  dconf: desktopSettingCommands,
  gsettings: desktopSettingCommands,
  ...PLUGIN_SCRIPT_READERS,
  mutt: muttCommands,
  neomutt: muttCommands,
  ftp: transferShellEscapes,
  tftp: transferShellEscapes,
  lftp: transferShellEscapes,
  smbclient: transferShellEscapes,
};

/** For the programs another reader already covers: git's search and mail options, sftp's batch escapes. */
export { gitToolCommands, transferShellEscapes };
