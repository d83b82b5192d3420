// Git settings whose value is a command git runs, wherever the line gives
// them: `-c core.pager=…`, the same spelled in the environment
// (GIT_CONFIG_KEY_n/VALUE_n, GIT_CONFIG_PARAMETERS), a setting `git config`
// writes, an alias set earlier on the line, and a config file the line names
// through GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM or GIT_CONFIG. The command is
// judged as a line of its own; a config file that cannot be read, or that
// makes git read or run more than is followed here, is asked about.
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, setVar, type Walker } from './normalize/scope';
import { ARRAY_SEP, arrayKey, RUN_TIME_CD, UNKNOWN } from './dynamic';
import { gitConfigCode } from '../text/gitConfig';
import { loaderVariableFinding } from './loaderVariables';
import type { Finding } from '../types';
import { outsideRepoDir } from './gitOutsideRepo';
import { own } from '../text/own';
import { namedBefore } from './wrappers/madeOnLine';
import { LINE_HOOKS_PATH } from './wrappers/gitRepository';

/** Git settings whose value is a command git runs. */
const GIT_COMMAND_KEYS =
  /^(?:core\.(?:pager|editor|sshcommand|fsmonitor|askpass|gitproxy|alternaterefscommand)|sequence\.editor|diff\.external|pager\.[\w.-]+|gpg(?:\.[\w]+)?\.program|credential(?:\.[^=]*)?\.helper|filter\.[\w.-]+\.(?:clean|smudge|process)|(?:diff|merge)tool\.[\w.-]+\.cmd|merge\.[\w.-]+\.driver|diff\.[\w.-]+\.(?:textconv|command)|uploadpack\.packobjectshook|core\.hookspath|interactive\.difffilter|remote\.[\w.-]+\.(?:uploadpack|receivepack)|sendemail\.[\w.-]*cmd|browser\.[\w.-]+\.cmd|man\.[\w.-]+\.cmd)$/i;

/**
 * send-email's server setting (`sendemail.smtpServer`, per identity `sendemail.ID.smtpServer`) holds a host name, or
 * the full path of a sendmail-like program git runs to send: as `--smtp-server=/PATH` is read.
 */
const SMTP_SERVER_KEY = /^sendemail\.(?:[\w.-]+\.)?smtpserver$/i;

/** The command a setting makes git run, or undefined when its value is no command. */
function settingCommand(key: string, value: string): string | undefined {
  if (!value) return undefined;
  if (GIT_COMMAND_KEYS.test(key)) return value.replace(/^!/, '');
  return SMTP_SERVER_KEY.test(key) && value.trim().startsWith('/') ? value.trim() : undefined;
}

/** Settings in a config file that name more settings, hooks or templates to take: not followed, so asked about. */
const GIT_PLACE_KEYS = /^(?:include\.path|includeif\..+\.path|core\.hookspath|init\.templatedir)$/;

/** Variables naming a config file git reads (GIT_CONFIG: the one `git config` reads and writes, all of them for an older git). */
const CONFIG_FILE_VARIABLES = ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG'];

/** Most GIT_CONFIG_KEY_n/VALUE_n pairs read: far more than a hand-written line sets. */
const MAX_ENV_SETTINGS = 64;

/** Most code-running settings of one named config file walked as commands; past it the file is asked about. */
const MAX_FILE_COMMANDS = 16;

/**
 * `-c KEY=VALUE` spelled in the environment, as git reads it: GIT_CONFIG_KEY_n
 * and GIT_CONFIG_VALUE_n pairs (GIT_CONFIG_COUNT says how many), and
 * GIT_CONFIG_PARAMETERS (`'key'='value' …`, what `git -c` hands its children).
 * Every pair set on the line counts, whatever the count says: a pair git does
 * not read only makes a harmless command look asked about, never the reverse.
 */
function envSettings(env: Readonly<Record<string, string>>, lineEnv: Readonly<Record<string, string>>): string[][] {
  const own = (name: string): string | undefined => (env[name] !== lineEnv[name] ? env[name] : undefined);
  const out: string[][] = [];
  for (let n = 0; n < MAX_ENV_SETTINGS; n++) {
    const key = own(`GIT_CONFIG_KEY_${n}`);
    if (key !== undefined) out.push([key, own(`GIT_CONFIG_VALUE_${n}`) ?? '']);
  }
  const params = own('GIT_CONFIG_PARAMETERS');
  for (const m of params ? params.matchAll(/'((?:[^']|'\\'')*)'(?:='((?:[^']|'\\'')*)')?/g) : []) {
    const first = m[1].replace(/'\\''/g, "'");
    // `'core.pager=CMD'`, one quoted word with no `=VALUE` after it: the spelling older gits hand on, still read.
    const eq = m[2] === undefined ? first.indexOf('=') : -1;
    if (eq > 0) out.push([first.slice(0, eq), first.slice(eq + 1)]);
    else out.push([first, (m[2] ?? '').replace(/'\\''/g, "'")]);
  }
  return out;
}

/** A GIT_CONFIG_KEY_n set on the line past the pairs read: git would read it, AgentGuard would not. */
function pastBoundSetting(env: Readonly<Record<string, string>>, lineEnv: Readonly<Record<string, string>>) {
  for (const name of Object.keys(env)) {
    const n = /^GIT_CONFIG_KEY_(\d+)$/.exec(name);
    if (n && Number(n[1]) >= MAX_ENV_SETTINGS && env[name] !== lineEnv[name]) return name;
  }
  return undefined;
}

/** Key under which an alias set on this line (`git config alias.x …`) is kept in the scope. */
export function gitAliasKey(name: string): string {
  return arrayKey('git-alias.' + name.toLowerCase());
}

function configFileFinding(spelled: string, name: string, why: string): Finding {
  // A name only known at run time is shown as written (`$(mktemp)`), without the reader's markers.
  const file = spelled.split(UNKNOWN).join('');
  return {
    ...parseFinding(
      'autorun.git-config',
      60,
      `git takes its settings from ${file} (named by ${name}), ${why}: settings there run commands (core.fsmonitor on every git status, core.pager, aliases)`,
      file,
    ),
    alternative: 'leave git its usual config; pass the one setting you need with `git -c KEY=VALUE`',
  };
}

/**
 * A config file the line names for git (`GIT_CONFIG_GLOBAL=/tmp/x.cfg git
 * status`): read with the reader `.git/config` is read with, its commands
 * judged as `-c` ones are. Missing, unreadable, too large or only known at run
 * time asks; `/dev/null` (no settings at all) says nothing.
 */
function configFileSettings(
  p: Pending,
  cwd: string,
  sub: () => Scope,
  w: Walker,
  lineEnv: Readonly<Record<string, string>>,
  gitDir?: [string, string],
  verb?: string,
): void {
  const files: [string, string | undefined, boolean][] = CONFIG_FILE_VARIABLES.map((n) => [n, p.env[n], false]);
  if (gitDir) {
    // A git folder with no config file (git makes one, but runs without it) gives git nothing to run, unless an
    // earlier command on the line may have put one there. A git folder that is not there asks as before.
    const folder = gitDir[1].replace(/\/+$/, '');
    const config = `${folder}/config`;
    const stat = (f: string) => w.ctx.stat?.(path.resolve(cwd, f));
    const absent =
      !/[$`]/.test(folder) && !folder.includes(UNKNOWN) && stat(folder)?.isDir === true && stat(config) === undefined;
    // An earlier command naming the config or a folder holding it may make it (`tar -xf x.tar -C /tmp/r`).
    const abs = path.resolve(cwd, config);
    const named = namedBefore(w, p, (t) => t === abs || abs.startsWith(t + '/'), path.dirname(abs));
    files.push([gitDir[0], config, absent && !named]);
  }
  // A HOME or XDG_CONFIG_HOME set on the line moves git's global config there: `HOME=/tmp/h git status` reads /tmp/h/.gitconfig.
  if (p.env.HOME !== lineEnv.HOME && p.env.HOME) files.push(['HOME', `${p.env.HOME}/.gitconfig`, true]);
  const xdg = p.env.XDG_CONFIG_HOME;
  if (xdg !== lineEnv.XDG_CONFIG_HOME && xdg) files.push(['XDG_CONFIG_HOME', `${xdg}/git/config`, true]);
  for (const [name, file, derived] of files) {
    if (file === undefined || (!derived && file === lineEnv[name]) || file === '/dev/null') continue;
    const known = !file.includes(UNKNOWN) && !file.includes('$') && !w.writtenUnknown.has(path.resolve(cwd, file));
    const text = known && file ? w.ctx.readFile(file, cwd) : undefined;
    // A home with no config file of git's gives git nothing to run.
    if (text === undefined && derived && known) continue;
    if (text === undefined) {
      w.addFinding(
        configFileFinding(
          file,
          name,
          'which AgentGuard could not read (missing, unreadable, too large or only known when the line runs)',
        ),
      );
      continue;
    }
    const code = gitConfigCode(text);
    const hooksRun = !runsNoHooks(verb);
    const unfollowed = code.filter(
      ({ key, value }) =>
        (GIT_PLACE_KEYS.test(key) && (hooksRun || !/^core\.hookspath$/i.test(key))) ||
        !(GIT_COMMAND_KEYS.test(key) || value.trim().startsWith('!')),
    );
    if (unfollowed.length || code.length > MAX_FILE_COMMANDS) {
      const shown = (unfollowed.length ? unfollowed : code).slice(0, 3).map((c) => `${c.key} = ${c.value}`);
      w.addFinding(
        configFileFinding(file, name, `which makes git read or run more than AgentGuard follows (${shown.join('; ')})`),
      );
      continue;
    }
    for (const { key, value } of code)
      if (value && (hooksRun || !/^core\.hookspath$/i.test(key)))
        w.walkText(value.trim().replace(/^!/, ''), sub(), true);
  }
}

/**
 * Subcommands that only read and run no hook (no commit, merge, checkout, ref update or push): the hooks folder,
 * wherever core.hooksPath points it, is not read. Anything else, an alias included, may run hooks. `status` may run
 * post-index-change when it writes a refreshed index: in the repository itself that hook is read (gitHooks.ts);
 * in one the line points at elsewhere it is not, so that `git -C ../other status` stays quiet beside husky.
 */
const NO_HOOK_VERBS = new Set([
  'status',
  'log',
  'diff',
  'show',
  'blame',
  'shortlog',
  'ls-files',
  'ls-tree',
  'cat-file',
  'rev-parse',
  'rev-list',
  'describe',
  'grep',
  'show-ref',
  'for-each-ref',
  'name-rev',
  'whatchanged',
  'version',
  'help',
]);

function runsNoHooks(verb: string | undefined): boolean {
  return verb !== undefined && NO_HOOK_VERBS.has(verb);
}

/** Subcommands that make the git folder they are pointed at: nothing is there yet to read. */
const MAKES_GIT_DIR = new Set(['init', 'clone']);

/**
 * The git folder a line points git at (`--git-dir=DIR`, `GIT_DIR=DIR` set on the line) when it lies outside the
 * workspace: git reads its config (core.fsmonitor runs on `git status`, core.pager on `git log`) and runs its hooks,
 * and nothing protects a folder there from whoever wrote it. The workspace's own are judged where they are
 * (packs/autorun/gitDirs.ts).
 */
function outsideGitDir(
  named: string | undefined,
  p: Pending,
  cwd: string,
  w: Walker,
  lineEnv: Readonly<Record<string, string>>,
  sub: string | undefined,
): [string, string] | undefined {
  if (sub !== undefined && MAKES_GIT_DIR.has(sub)) return undefined;
  const onLine = p.env.GIT_DIR !== undefined && p.env.GIT_DIR !== lineEnv.GIT_DIR ? p.env.GIT_DIR : undefined;
  const dir = named ?? onLine;
  if (!dir) return undefined;
  const name = named !== undefined ? '--git-dir' : 'GIT_DIR';
  // A name known only at run time is asked about as an unreadable file is.
  if (dir.includes(UNKNOWN) || /[$`]/.test(dir)) return [name, dir];
  const abs = path.resolve(cwd, dir);
  const ws = w.ctx.workspace;
  if (abs === ws || abs.startsWith(ws.endsWith('/') ? ws : ws + '/')) return undefined;
  return [name, abs];
}

/** Hooks in a git folder outside the workspace: run by commit, merge, checkout, push … with no word on the line. */
function outsideHooksFinding(name: string, dir: string, w: Walker): Finding | undefined {
  const hooks = (w.ctx.readdir?.(path.join(dir, 'hooks')) ?? []).filter((e) => !e.dir && !e.name.endsWith('.sample'));
  if (!hooks.length) return undefined;
  return configFileFinding(
    path.join(dir, 'hooks'),
    name,
    `which holds hooks git runs (${hooks
      .slice(0, 3)
      .map((e) => e.name)
      .join(', ')})`,
  );
}

/**
 * `git --config-env=KEY=NAME`: `-c KEY=VALUE` with VALUE taken from the environment variable NAME (the last `=`
 * splits them, as git does). A value known on the line is judged as `-c`'s is; one not known before the line runs is
 * walked as the run-time word `$NAME` (asked about for a setting that runs a program).
 */
function envNamedSetting(spec: string, p: Pending, sub: () => Scope, w: Walker): void {
  const eq = spec.lastIndexOf('=');
  if (eq <= 0) return;
  const key = spec.slice(0, eq);
  const name = spec.slice(eq + 1);
  const known = own(p.env, name);
  const value = known !== undefined && !known.includes(UNKNOWN) ? known : undefined;
  if (value !== undefined) {
    const command = settingCommand(key, value);
    if (command !== undefined) w.walkText(command, sub(), true);
    return;
  }
  if (settingCommand(key, '/run-time') === undefined) return;
  if (/^[A-Za-z_]\w*$/.test(name)) {
    // git reads the environment, not a shell variable the line set without exporting it.
    const scope = { ...sub() };
    if (own(scope.vars, name) !== undefined) setVar(scope, name, undefined);
    w.walkText(`"$${name}"`, scope, true);
  } else
    w.addFinding(
      parseFinding(
        'parse.unknown-program',
        60,
        `git takes ${key} from the environment variable ${name}, whose value is known only when the line runs: the command it names was not judged, so a human must look at it`,
        key,
      ),
    );
}

/**
 * Reads the commands a git invocation runs through its settings (`-c KEY=CMD`,
 * the same in the environment, a config file named on the line) and
 * remembers aliases it defines.
 */
export function gitSideCommands(p: Pending, scope: Scope, w: Walker, lineEnv: Readonly<Record<string, string>>): void {
  const argv = p.argv;
  let inner: Scope | undefined;
  const sub = (): Scope => (inner ??= { ...scope, via: [...scope.via, 'git setting'], depth: scope.depth + 1 });
  // `git -C DIR`: git moves there before it reads any config, so a relative file name is read from there.
  let cwd = scope.cwd;
  let gitDirWord: string | undefined;
  let cWord: string | undefined;
  let movedBy = scope.cwd === w.ctx.workspace ? '' : 'the folder the line runs git in';
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const a = argv[i];
    if (a === '--git-dir' || a.startsWith('--git-dir=')) gitDirWord = a === '--git-dir' ? argv[i + 1] : a.slice(10);
    const fromEnv = a === '--config-env' ? argv[++i] : a.startsWith('--config-env=') ? a.slice(13) : undefined;
    if (fromEnv !== undefined) {
      envNamedSetting(fromEnv, p, sub, w);
      continue;
    }
    const setting = a === '-c' ? argv[++i] : a.startsWith('-c') && a.includes('=') ? a.slice(2) : undefined;
    if (setting === undefined) {
      // `--exec-path=DIR`: git runs its helpers (`git-remote-https`, dashed subcommands) from DIR, as GIT_EXEC_PATH makes it.
      if (a.startsWith('--exec-path=')) {
        const f = loaderVariableFinding('GIT_EXEC_PATH', a.slice(12), {
          tempDirs: w.ctx.tempDirs,
          cwd,
          home: w.ctx.home,
        });
        if (f) w.addFinding(f);
      }
      if (a === '-C' && argv[i + 1] !== undefined) {
        cwd = path.resolve(cwd, argv[i + 1]);
        // A later -C is read from this one: a folder known only at run time stays so.
        cWord = cWord !== undefined && !path.isAbsolute(argv[i + 1]) ? cWord : argv[i + 1];
        movedBy = '`git -C`';
      }
      if (['-C', '--git-dir', '--work-tree', '--namespace', '--exec-path'].includes(a)) i++;
      continue;
    }
    const eq = setting.indexOf('=');
    const key = eq === -1 ? setting : setting.slice(0, eq);
    const value = eq === -1 ? '' : setting.slice(eq + 1);
    const command = settingCommand(key, value);
    if (command !== undefined) w.walkText(command, sub(), true);
  }
  if (p.env !== w.lineVars) {
    // `GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.fsmonitor GIT_CONFIG_VALUE_0=CMD git status` runs CMD as `-c` would.
    for (const [key, value] of envSettings(p.env, lineEnv)) {
      const command = settingCommand(key, value);
      if (command !== undefined) w.walkText(command, sub(), true);
    }
    const past = pastBoundSetting(p.env, lineEnv);
    if (past)
      w.addFinding(
        parseFinding(
          'parse.too-complex',
          60,
          `git is given ${past}, past the ${MAX_ENV_SETTINGS} GIT_CONFIG_KEY_n settings AgentGuard reads: a command it sets would run unjudged, so a human must look at it`,
        ),
      );
    configFileSettings(p, cwd, sub, w, lineEnv);
  }
  // `cd "$d" && git pull`: the folder is the one a run-time word names, as `git -C "$d"` is.
  const cd = cWord === undefined ? own(scope.vars, RUN_TIME_CD)?.split(ARRAY_SEP) : undefined;
  if (cd && cd.length === 2 && (cwd === cd[0] || cwd.startsWith(cd[0] + '/'))) cWord = cd[1];
  // Without a git folder named (on the line or inherited), git finds the repository from the folder it runs in.
  const found =
    gitDirWord === undefined && p.env.GIT_DIR === undefined && movedBy && !MAKES_GIT_DIR.has(argv[i] ?? '')
      ? outsideRepoDir(cwd, movedBy, p, w, cWord)
      : undefined;
  const outside = outsideGitDir(gitDirWord, p, cwd, w, lineEnv, argv[i]) ?? found;
  if (outside) {
    configFileSettings({ ...p, env: lineEnv }, cwd, sub, w, lineEnv, outside, argv[i]);
    const hooks = runsNoHooks(argv[i]) ? undefined : outsideHooksFinding(outside[0], outside[1], w);
    if (hooks) w.addFinding(hooks);
  }
  // `git config [--global|--local] alias.NAME VALUE` defines an alias later words on the line may call.
  if (argv[i] === 'config') {
    const ops = argv.slice(i + 1).filter((a) => !a.startsWith('-'));
    if (ops.length >= 2 && /^alias\./i.test(ops[0]))
      setVar(scope, gitAliasKey(ops[0].slice(6)), ops.slice(1).join(' '));
    // The hooks a later `git commit` on the line runs are the ones in the folder set now.
    if (/^core\.hookspath$/i.test(ops[0] ?? ''))
      setVar(scope, LINE_HOOKS_PATH, argv.includes('--unset') ? '' : (ops[1] ?? ''));
    const key = ops[0] ?? '';
    const command = ops.length >= 2 ? settingCommand(key, ops.slice(1).join(' ')) : undefined;
    if (command !== undefined) w.walkText(command, sub(), true);
  }
}
