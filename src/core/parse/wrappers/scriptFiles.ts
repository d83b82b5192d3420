// Files a program reads as its own commands, or runs one by one: gdb's
// `-x FILE` / `--command=FILE` / `-ix FILE` and lldb's `-s FILE` /
// `--source FILE` / `-S FILE` hold debugger commands (`shell CMD`, `!CMD`,
// `platform shell CMD`), `run-parts DIR` runs every executable in DIR, and
// a desktop entry launched by `gio launch`, `dex`, `kioclient exec` or
// `gtk-launch` runs its `Exec=` line, and lynx's `-cmd_script FILE` replays
// FILE as keystrokes, and `systemctl --user start|enable|stop UNIT` runs
// the Exec lines of a unit the user's own folders (or a path) hold.
// Each file is read for the command lines it runs; one that cannot be read
// before it runs is asked about, as `vim -S FILE` is.
import * as path from 'node:path';
import { optionValues, positionals, singleDashValues } from '../../command/args';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';

/** Files read, and lines of each read, at most (the caller bounds the commands walked too). */
const MAX_FILES = 16;
const MAX_LINES = 1024;

function readable(f: string, scope: Scope, w: Walker): string | undefined {
  return w.ctx.readFile(f.replace(/^~(?=\/)/, scope.vars.HOME ?? w.ctx.home), scope.cwd);
}

/** The command files a debugger call names: gdb's -x/-ix/--command/--init-command, lldb's -s/-S/--source*. */
function debuggerFiles(argv: readonly string[]): string[] {
  return argv[0] === 'lldb'
    ? optionValues(argv, ['-s', '--source', '-S', '--source-before-file', '-o-file'])
    : optionValues(argv, ['-x', '--x', '-command', '--command', '-ix', '--ix', '-init-command', '--init-command']);
}

/** The shell lines a debugger's command files run, read with `toLines` as its -ex values are. */
export function debuggerScriptLines(
  p: Pending,
  scope: Scope,
  w: Walker,
  toLines: (values: string[]) => string[],
): string[] {
  const out: string[] = [];
  for (const f of debuggerFiles(p.argv).slice(0, MAX_FILES)) {
    // gdb sources a `.py` file with its Python: read it as python reads it.
    if (p.argv[0] === 'gdb' && /\.py$/.test(f)) {
      out.push(`python3 '${f.replace(/'/g, `'\\''`)}'`);
      continue;
    }
    const text = readable(f, scope, w);
    if (text === undefined)
      w.addFinding(
        parseFinding(
          'system.unread-script',
          45,
          `${p.argv[0]} runs ${f} as debugger commands, and it cannot be read first`,
          f,
        ),
      );
    else out.push(...toLines(text.split('\n').slice(0, MAX_LINES)));
  }
  return out;
}

/** Options of run-parts after which it lists or tests, not runs. */
const RUN_PARTS_DRY = new Set(['--test', '--list']);
const RUN_PARTS_VALUES = ['--umask', '--arg', '-a', '--regex'];

/**
 * `run-parts DIR`: each regular file in DIR (in name order) runs as a program,
 * so each is judged as `DIR/NAME` typed alone, and read as its `#!` line
 * says. A folder that cannot be listed, or holds more files than are read,
 * asks.
 */
export function runPartsLines(p: Pending, scope: Scope, w: Walker): string[] {
  const argv = p.argv;
  if (argv.some((a) => RUN_PARTS_DRY.has(a))) return [];
  const dirs: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (RUN_PARTS_VALUES.includes(argv[i])) i++;
    else if (!argv[i].startsWith('-')) dirs.push(argv[i]);
  }
  const dir = dirs[0];
  if (dir === undefined) return [];
  const abs = path.resolve(scope.cwd, dir.replace(/^~(?=\/|$)/, scope.vars.HOME ?? w.ctx.home));
  const entries = w.ctx.readdir?.(abs);
  if (!entries || entries.filter((e) => !e.dir).length > MAX_FILES) {
    w.addFinding(
      parseFinding(
        'system.unread-script',
        45,
        `run-parts runs every program in ${dir}, which cannot all be read first (a folder that cannot be listed, or more than ${MAX_FILES} files)`,
        dir,
      ),
    );
    return [];
  }
  return entries.filter((e) => !e.dir).map((e) => `'${path.join(abs, e.name).replace(/'/g, `'\\''`)}'`);
}

/** Desktop entry field codes (`%f`, `%U`, …): filled in by the launcher, not part of the command. */
const FIELD_CODES = /%[fFuUdDnNickvm%]/g;

/** The desktop entries a launcher call starts: `gio launch F`, `gio open F.desktop`, `dex F…`, `kioclient exec F`, `gtk-launch NAME`. */
function launchedEntries(argv: readonly string[], home: string): string[] {
  const ops = argv.slice(1).filter((a) => !a.startsWith('-'));
  switch (argv[0]) {
    case 'gio':
      return ops[0] === 'launch'
        ? ops.slice(1, 2)
        : ops[0] === 'open'
          ? ops.slice(1).filter((f) => f.endsWith('.desktop'))
          : [];
    case 'dex':
      return ops;
    case 'kioclient':
    case 'kioclient5':
    case 'kioclient6':
      return ops[0] === 'exec' ? ops.slice(1, 2).filter((f) => f.endsWith('.desktop')) : [];
    case 'gtk-launch':
      // Only the user's own entries: the system's are installed software, judged as it is.
      return ops[0]
        ? [path.join(home, '.local/share/applications', ops[0].replace(/(?:\.desktop)?$/, '.desktop'))]
        : [];
    default:
      return [];
  }
}

/**
 * The `Exec=` lines of the desktop entries a launcher starts, as shell lines;
 * an entry that cannot be read first asks. gtk-launch's system entries (no
 * file in the user's applications folder) are installed programs, left quiet.
 */
export function desktopEntryLines(p: Pending, scope: Scope, w: Walker): string[] {
  const home = scope.vars.HOME ?? w.ctx.home;
  const out: string[] = [];
  for (const f of launchedEntries(p.argv, home).slice(0, MAX_FILES)) {
    const text = readable(f.replace(/^file:\/\//, ''), scope, w);
    if (text === undefined) {
      if (p.argv[0] !== 'gtk-launch')
        w.addFinding(
          parseFinding(
            'system.unread-script',
            45,
            `${p.argv[0]} runs the Exec line of ${f}, which cannot be read first`,
            f,
          ),
        );
      continue;
    }
    for (const line of text.split('\n').slice(0, MAX_LINES)) {
      const m = /^\s*(?:Exec|TryExec)\s*=\s*(.*)$/.exec(line);
      if (m?.[1].trim()) out.push(m[1].replace(FIELD_CODES, ''));
    }
  }
  return out;
}

/**
 * `lynx -cmd_script=FILE`: lynx replays FILE as typed keys, and keys can open
 * a shell (`!`), go to a `lynxexec:` or `file:` address, download, print to a
 * file or edit one. Keys are not read as commands here, so every such script
 * is asked about, readable or not.
 */
export function keystrokeScriptFindings(p: Pending, w: Walker): void {
  for (const f of singleDashValues(p.argv, ['-cmd_script']).slice(0, MAX_FILES))
    w.addFinding(
      parseFinding(
        'system.unread-script',
        45,
        `${p.argv[0]} replays ${f} as keystrokes, which can open a shell, download or save files; they are not read as commands`,
        f,
      ),
    );
}

/** Verbs after which systemd runs a unit's Exec lines, now or at the next login or boot. */
const SYSTEMCTL_RUNS = new Set([
  'enable',
  'reenable',
  'start',
  'restart',
  'try-restart',
  'reload-or-restart',
  'try-reload-or-restart',
  'reload',
  'stop',
  'preset',
]);
const SYSTEMCTL_VALUES = ['-H', '--host', '-M', '--machine', '-p', '--property', '-t', '--type', '-s', '--signal'];
/** The keys whose value is a command line systemd runs (systemd.service(5)); ExecSearchPath and ExecPaths are folders. */
const UNIT_EXEC_KEYS = /^\s*Exec(?:Start|StartPre|StartPost|Condition|Reload|Stop|StopPost)\s*=\s*(.*)$/;

/**
 * The unit files `systemctl` would read for these units: a unit named by
 * path, or one in the user's own unit folders (a timer, path or socket unit
 * starts the service of its name). Packaged units are installed software,
 * judged as it is, and are not read.
 */
function unitFiles(argv: readonly string[], home: string, cwd: string): string[] {
  const [verb, ...units] = positionals(argv, SYSTEMCTL_VALUES);
  if (!verb || !SYSTEMCTL_RUNS.has(verb) || !argv.includes('--user')) return [];
  const dirs = [path.join(home, '.config/systemd/user'), path.join(home, '.local/share/systemd/user')];
  const out: string[] = [];
  for (const unit of units.slice(0, MAX_FILES)) {
    if (unit.includes('/')) {
      out.push(path.resolve(cwd, unit));
      continue;
    }
    const named = /\.[a-z]+$/.test(unit) ? unit : `${unit}.service`;
    const service = named.replace(/\.(?:timer|path|socket)$/, '.service');
    const template = service.replace(/@[^/]+(\.[a-z]+)$/, '@$1');
    for (const d of dirs) for (const n of new Set([service, template])) out.push(path.join(d, n));
  }
  return out;
}

/** A unit's drop-ins (`UNIT.d/*.conf`), whose Exec lines systemd adds to the unit's own. */
function dropIns(unit: string, w: Walker): string[] {
  const dir = `${unit}.d`;
  return (w.ctx.readdir?.(dir) ?? [])
    .filter((e) => !e.dir && e.name.endsWith('.conf'))
    .slice(0, MAX_FILES)
    .map((e) => path.join(dir, e.name));
}

/**
 * The command lines of the Exec keys of the units `systemctl --user` starts,
 * enables or stops (their drop-ins too), as shell lines: the `-@:+!` prefixes dropped (with `@`'s
 * argv[0] word), `%h` the home, continued lines joined. An unreadable unit
 * says nothing here: the autorun pack weighs that.
 */
export function unitExecLines(p: Pending, scope: Scope, w: Walker): string[] {
  const home = scope.vars.HOME ?? w.ctx.home;
  const out: string[] = [];
  for (const f of unitFiles(p.argv, home, scope.cwd).flatMap((u) => [u, ...dropIns(u, w)])) {
    const text = w.ctx.readFile(f, scope.cwd);
    if (text === undefined) continue;
    for (const line of text
      .replace(/\\\r?\n/g, ' ')
      .split('\n')
      .slice(0, MAX_LINES)) {
      const value = UNIT_EXEC_KEYS.exec(line)?.[1];
      if (!value?.trim()) continue;
      const prefix = /^[-@:+!]*/.exec(value)![0];
      let command = value.slice(prefix.length);
      if (prefix.includes('@')) command = command.replace(/^(\S+)\s+\S+/, '$1');
      out.push(command.replace(/%h/g, home).replace(/%%/g, '%'));
    }
  }
  return out;
}
