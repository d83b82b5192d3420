// The wrappers unwrap (index.ts) knows by name: one table from a program's name to the reader of its inner command.
// A name is handled exactly when it has an entry, so no second list of the names can fall out of step with the
// readers (one that lacked a name would leave that wrapper's inner command unread). The lookup is one hash probe,
// where a switch on strings compared the name with each of about a hundred cases in turn, unoptimized for most of a
// batch's lines. Names that share a reader are several keys for one function; a duplicate key does not compile.
import * as path from 'node:path';
import { readBeforeRun } from './madeOnLine';
import { writesOwnActivate } from './envMakers';
import { readSed, rebaseExec, rgPreprocessor } from './textTools';
import { readAwkCall } from './awkCall';
import { unwrapMake } from '../makefile';
import { unwrapTaskRunner } from '../taskRunners';
import { unwrapRemoteRunner, unwrapSecretRunner } from '../runners';
import { gitSideCommands } from '../gitSettings';
import { interpreterOf } from '../interpreters';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { inChildShell, trapFinding } from '../machinery';
import { joinForShell, noteUnreadScript, SHELLS, skipOptions, slice, STDIN_FILES, type UnwrapStep } from './common';
import type { Wrapper } from './common';
import { codeFromStdin, scriptOrDynamic, unwrapInterpreter, unwrapShell } from './shells';
import { unwrapOsascript } from './osascript';
import { bunRunsFile } from './interpreterOptions';
import { PROFILER_RUNNERS } from './profilers';
import { unwrapFd, unwrapFind, unwrapParallel, unwrapSem, unwrapXargs, unwrapXe } from './fanout';
import { unwrapDupeDeleter, unwrapRdfind } from './dupeFinders';
import { unwrapCompose, unwrapDocker, unwrapKubectlExec, unwrapSsh } from './remote';
import { readComposeStart } from './composeRun';
import { unwrapGitAlias, unwrapNpx, unwrapPackageManager } from './scripts';
import { packageFolderStep } from './packageFolder';
import { unwrapAsNpm, unwrapCorepack } from './npmAliases';
import { unwrapCmd, unwrapPowerShell, unwrapRunas, unwrapSchtasks, unwrapWsl } from './windows';
import { unwrapExpect } from './expect';
import { screen, systemdRun } from './detached';
import { unwrapRunner } from './runners';
import { unwrapSqlite } from './sqliteShell';
import { unwrapMongoShell } from './mongoShell';
import { unwrapPathScript } from './pathScripts';
import { NOTEBOOK_RUNNERS, unwrapNotebook } from './notebooks';
import { unwrapTmux } from './tmux';
import { unwrapCurlie, unwrapStandIn } from './httpStandIns';
import { unwrapPlatformShell } from './platformShells';
import { runnerModule } from './runnerFiles';
import { unwrapPueue } from './pueue';
import { unwrapGoGenerate } from './goGenerate';
import { MANY_HOSTS } from './manyHosts';
import { cargoWatch, COMMAND_RUNNERS } from './commandRunners';
import { shellCodeInArguments } from './shellInArgs';
import { unwrapPathProgram } from './pathPrograms';
import { namedPath } from './pathNamed';
import { RENAMERS } from './renames';

export type { Wrapper } from './common';

/** A program no name of the table matches: a shell, a notebook runner, an interpreter, or a script run by path. */
export function unwrapByKind(raw: string, prog: string, p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  if (SHELLS.has(prog)) return unwrapShell(p, scope, w);
  if (NOTEBOOK_RUNNERS.has(prog)) return unwrapNotebook(prog, p, scope, w);
  const lang = interpreterOf(prog);
  if (lang === 'python') runnerModule(p, scope, w);
  if (lang) return unwrapInterpreter(p, scope, w, lang);
  // A program standing in for curl or wget (a build of curl, Wget2, lwp-request): read as that one.
  const standIn = unwrapStandIn(prog, p);
  if (standIn) return standIn;
  // A script run by path (`./deploy.sh`, `./y`): read what its first line hands it to (pathScripts.ts); else a shell
  // and its code among the words of a program nothing read (shellInArgs.ts).
  // A name no pack reads, found on PATH outside the system's folders (`wipe` in ~/.local/bin): read as its path is.
  // A path whose last part is a name a pack reads (`./tools/rm`) was read already, before its name's reading (pathNamed.ts).
  const byPath = namedPath(raw, scope.cwd, w) ? undefined : unwrapPathScript(raw, p, scope, w);
  return byPath ?? unwrapPathProgram(raw, prog, p, scope, w) ?? shellCodeInArguments(prog, p);
}

/** deno subcommands that run deno's own tooling over the project, not a file named by the next word. */
const DENO_TOOLS = new Set([
  'fmt',
  'lint',
  'check',
  'doc',
  'info',
  'cache',
  'coverage',
  'outdated',
  'types',
  'lsp',
  'clean',
]);

/** A script file's name, as bun runs it directly rather than as a package.json script. */
const JS_FILE = /\.[cm]?[jt]sx?$/;

/** The same call as `NAME ARGS…` from argv[from] on: `bun run x.ts` → `bun x.ts`, `tsx x.ts` → `node x.ts`. */
function runnerOf(p: Pending, from: number, name: string): Pending {
  return { ...p, argv: [name, ...p.argv.slice(from)], dynamic: [false, ...p.dynamic.slice(from)] };
}

/** The multi-call binary of GNU coreutils (`--coreutils-prog=rm -rf x`) and of uutils (`coreutils rm -rf x`). */
const coreutils: Wrapper = (p, _scope, _w, prog) => {
  // The first argument names the tool that runs.
  const argv = p.argv;
  const named = /^--coreutils-prog(?:-shebang)?=(.+)$/.exec(argv[1] ?? '');
  if (named) {
    const next = slice(p, 1, { argv: [named[1], ...argv.slice(2)], dynamic: p.dynamic.slice(1) });
    return { kind: 'command', next, via: prog };
  }
  return argv[1] && !argv[1].startsWith('-') ? { kind: 'command', next: slice(p, 1), via: prog } : undefined;
};

const timeout: Wrapper = (p) => {
  let i = skipOptions(p.argv, 1, ['-s', '--signal', '-k', '--kill-after']);
  i++; // the duration
  return i < p.argv.length ? { kind: 'command', next: slice(p, i), via: 'timeout' } : undefined;
};

const watch: Wrapper = (p) => {
  const i = skipOptions(p.argv, 1, ['-n', '--interval', '-q', '--equexit']);
  return i < p.argv.length ? { kind: 'script', text: joinForShell(p.argv.slice(i)), via: 'watch' } : undefined;
};

/** AgentGuard's own sandbox wrapper (core/launcher/run.ts): `agentguard-run ID -- COMMAND` runs COMMAND. */
const agentguardRun: Wrapper = (p) => {
  const argv = p.argv;
  const dd = argv.indexOf('--');
  return dd > 0 && argv[dd + 1] !== undefined
    ? { kind: 'script', text: argv.slice(dd + 1).join(' '), via: 'agentguard-run' }
    : undefined;
};

const flock: Wrapper = (p) => {
  const i = skipOptions(p.argv, 1, ['-w', '--timeout', '-E', '--conflict-exit-code']);
  const rest = p.argv.slice(i + 1);
  if (rest[0] === '-c' || rest[0] === '--command')
    return rest[1] ? { kind: 'script', text: rest[1], via: 'flock' } : undefined;
  return rest.length ? { kind: 'command', next: slice(p, i + 1), via: 'flock' } : undefined;
};

/** `script -qc CMD [file]`: runs CMD in a recorded terminal. */
const script: Wrapper = (p) => {
  const argv = p.argv;
  const c = argv.findIndex((a, k) => k > 0 && (a === '-c' || a === '--command' || /^-[a-z]*c$/.test(a)));
  return c !== -1 && argv[c + 1] ? { kind: 'script', text: argv[c + 1], via: 'script -c' } : undefined;
};

/** The program and the files it comes from: system(), getline and pipes to a shell run commands. */
const awk: Wrapper = (p, scope, w, prog) => {
  readAwkCall(prog, p, scope, w);
  return undefined;
};

const sed: Wrapper = (p, scope, w) => {
  readSed(p, scope, w);
  return undefined;
};

/** Commands for later come on stdin (`at now <<< CMD`, `echo CMD | at now`); `source /dev/stdin` reads them so too. */
const fromStdin = (p: Pending, prog: string, w: Walker) =>
  codeFromStdin(p, prog, w, (text) => ({ kind: 'script', text, via: prog }));

const fd: Wrapper = (p, scope, w) => {
  unwrapFd(p, scope, w);
  return undefined;
};

const su: Wrapper = (p) => {
  const c = p.argv.findIndex((a) => a === '-c' || a === '--command');
  return c !== -1 && p.argv[c + 1] ? { kind: 'script', text: p.argv[c + 1], via: 'su' } : undefined;
};

const npx: Wrapper = (p, _scope, _w, prog) => unwrapNpx(p, 1, prog);

/** `bun -e CODE` runs JavaScript; `bun run NAME` a script. */
const bun: Wrapper = (p, scope, w) => {
  // `bun --cwd DIR …` runs there: read again in DIR first, whatever it then runs.
  const moved = packageFolderStep(p, 'bun', scope, w);
  if (moved) return moved;
  const argv = p.argv;
  if (['-e', '--eval', '-p', '--print', 'eval'].includes(argv[1] ?? '')) return unwrapInterpreter(p, scope, w, 'node');
  // `bun main.ts`, `bun .`, `bun -r ./pre.ts app.ts`: a file of code (or a folder's), run like node runs it.
  if (bunRunsFile(argv)) return unwrapInterpreter(p, scope, w, 'node');
  // `bun run -` (and `bun -`) runs the code on stdin.
  if (argv[1] === 'run' && (JS_FILE.test(argv[2] ?? '') || argv[2] === '-'))
    return unwrapInterpreter(runnerOf(p, 2, 'bun'), scope, w, 'node');
  if (argv[1] === '-') return unwrapInterpreter(runnerOf(p, 1, 'bun'), scope, w, 'node');
  return unwrapPackageManager(p, scope, w);
};

const deno: Wrapper = (p, scope, w) => {
  const argv = p.argv;
  if (argv[1] === 'task') return unwrapTaskRunner(p, scope, w);
  // `deno fmt`, `deno lint`, `deno check`: deno's own tools, no script named `lint` to read.
  if (DENO_TOOLS.has(argv[1] ?? '')) return undefined;
  // `deno run -A main.ts`: the file after run's flags.
  return unwrapInterpreter(argv[1] === 'run' ? runnerOf(p, 2, 'deno') : p, scope, w, 'node');
};

/** TypeScript runners run a file as node does; `tsx watch FILE` runs it again on each change. */
const typeScriptRunner: Wrapper = (p, scope, w, prog) =>
  unwrapInterpreter(runnerOf(p, prog === 'tsx' && p.argv[1] === 'watch' ? 2 : 1, 'node'), scope, w, 'node');

const git: Wrapper = (p, scope, w) => {
  gitSideCommands(p, scope, w, w.requestEnv);
  rebaseExec(p, scope, w);
  return unwrapGitAlias(p, scope, w);
};

/** `go generate` runs the commands of its directives; any other go call is judged as a program of its kind. */
const go: Wrapper = (p, scope, w, prog, raw) => unwrapGoGenerate(p, scope, w) ?? unwrapByKind(raw, prog, p, scope, w);

const trap: Wrapper = (p, scope, w) => {
  const argv = p.argv;
  const machinery = inChildShell(scope.via) ? undefined : trapFinding(argv);
  if (machinery) w.addFinding(machinery);
  // `trap 'CODE' EXIT`: the code runs when the shell exits (or on the signal). `--` only ends the options.
  const at = argv[1] === '--' ? 2 : 1;
  const code = argv[at];
  if (code === undefined || code === '-' || code.startsWith('-') || argv.length < at + 2) return undefined;
  return scriptOrDynamic({ ...p, argv: argv.slice(0, at + 1), dynamic: p.dynamic.slice(0, at + 1) }, code, 'trap', w);
};

const gsudo: Wrapper = (p) =>
  p.argv.length > 1
    ? {
        kind: 'command',
        next: slice(p, skipOptions(p.argv, 1, ['-u', '--user', '-i', '--integrity', '-d'])),
        via: 'gsudo',
      }
    : undefined;

const source: Wrapper = (p, scope, w, prog) => {
  const file = p.argv[1];
  // fish's `source` with no file reads its stdin (`echo CODE | source`); bash's refuses, which runs nothing.
  if (!file) {
    const fed = p.stdin !== undefined || p.stdinFrom || p.redirects.some((r) => r.fd === 0 && r.op.startsWith('<'));
    return fed ? fromStdin(p, prog, w) : undefined;
  }
  // `. /dev/stdin <<< CODE`, `echo CODE | source /dev/stdin`: the code comes on stdin.
  if (STDIN_FILES.has(file)) return fromStdin(p, prog, w);
  // `source <(CMD)` runs what CMD prints: the same as `CMD | source /dev/stdin`.
  const proc = p.dynamic[1] ? /^<\((.*)\)$/s.exec(file) : null;
  if (proc) return { kind: 'script', text: `${proc[1]} | . /dev/stdin`, via: prog };
  // `git checkout evil && . ./env.sh`, `curl -o env.sh … && . ./env.sh`: what the line leaves there runs, as for
  // `sh env.sh`; an environment maker's own activate script is its known text (envMakers.ts).
  const abs = path.resolve(scope.cwd, file);
  const text = p.dynamic[1]
    ? w.ctx.readFile(file, scope.cwd)
    : readBeforeRun(file, p, scope, w, `source ${file}`, true, (c) => writesOwnActivate(c, abs));
  if (text === undefined && p.dynamic[1]) noteUnreadScript(file, text, scope, w, `source ${file}`);
  return text === undefined
    ? undefined
    : { kind: 'script', text, via: `source ${file}`, lenient: true, alsoEmit: true, sameShell: true };
};

const expect: Wrapper = (p, scope, w) => unwrapExpect(p, scope, w);
const remoteRunner: Wrapper = (p, scope, w) => unwrapPlatformShell(p, scope, w) ?? unwrapRemoteRunner(p);
// A compose call that starts containers is judged by the `docker run` lines starting them (composeRun.ts) as well.
const docker: Wrapper = (p, scope, w) => (readComposeStart(p, scope, w) ? undefined : unwrapDocker(p));
const dockerCompose: Wrapper = (p, scope, w) => (readComposeStart(p, scope, w) ? undefined : unwrapCompose(p, 1));
const kubectl: Wrapper = (p) => unwrapKubectlExec(p);
const packageManager: Wrapper = (p, scope, w) => unwrapPackageManager(p, scope, w);
const make: Wrapper = (p, scope, w) => unwrapMake(p, scope, w);
const taskRunner: Wrapper = (p, scope, w) => unwrapTaskRunner(p, scope, w);
const secretRunner: Wrapper = (p, scope, w) => unwrapPlatformShell(p, scope, w) ?? unwrapSecretRunner(p);
const powershell: Wrapper = (p, scope, w) => unwrapPowerShell(p, scope, w);
const cmd: Wrapper = (p, _scope, w) => unwrapCmd(p, w);
const wsl: Wrapper = (p) => unwrapWsl(p);
const runas: Wrapper = (p) => unwrapRunas(p);
const sqlite: Wrapper = (p, _scope, w) => unwrapSqlite(p, w);
const mongo: Wrapper = (p, scope, w) => unwrapMongoShell(p, scope, w);
const schtasks: Wrapper = (p) => unwrapSchtasks(p);

/** Every wrapper read by its name, and no other name: unwrap hands any other program to unwrapByKind. */
const BY_NAME: Readonly<Record<string, Wrapper>> = {
  coreutils,
  timeout,
  watch,
  pueue: (p, _scope, w) => unwrapPueue(p, w),
  sem: (p, scope, w) => unwrapSem(p, scope, w),
  'agentguard-run': agentguardRun,
  flock,
  script,
  tmux: (p) => unwrapTmux(p),
  // curl with httpie's items: read as the curl call it makes.
  curlie: (p) => unwrapCurlie(p),
  // tclsh, wish and jimsh (Jim Tcl) run the same Tcl as expect: its `exec` runs programs.
  expect,
  tclsh: expect,
  wish: expect,
  jimsh: expect,
  kamal: remoteRunner,
  screen,
  'systemd-run': systemdRun,
  awk,
  gawk: awk,
  mawk: awk,
  nawk: awk,
  sed,
  gsed: sed,
  rg: (p, scope, w) => {
    rgPreprocessor(p, scope, w);
    return undefined;
  },
  at: (p, _scope, w, prog) => fromStdin(p, prog, w),
  batch: (p, _scope, w, prog) => fromStdin(p, prog, w),
  su,
  // eval runs its words in the shell itself, as `source` runs a file (emit.ts: what it leaves is the shell's).
  eval: (p, _scope, w) =>
    p.argv.length > 1
      ? { ...scriptOrDynamic(p, joinForShell(p.argv.slice(1)), 'eval', w), sameShell: true as const }
      : undefined,
  xargs: (p) => unwrapXargs(p),
  xe: (p) => unwrapXe(p),
  find: (p, scope, w) => {
    unwrapFind(p, scope, w);
    return undefined;
  },
  fd,
  fdfind: fd,
  fdupes: (p, scope, w, prog) => {
    unwrapDupeDeleter(prog, p, scope, w);
    return undefined;
  },
  jdupes: (p, scope, w, prog) => {
    unwrapDupeDeleter(prog, p, scope, w);
    return undefined;
  },
  rdfind: (p, scope, w) => {
    unwrapRdfind(p, scope, w);
    return undefined;
  },
  parallel: (p, scope, w) => unwrapParallel(p, scope, w),
  ssh: (p) => unwrapSsh(p),
  ...MANY_HOSTS,
  ...RENAMERS,
  docker,
  podman: docker,
  nerdctl: docker,
  'docker-compose': dockerCompose,
  'podman-compose': dockerCompose,
  kubectl,
  oc: kubectl,
  // `uv tool run` is uvx spelled out (`uv run` is a runner form).
  uv: (p) => (p.argv[1] === 'tool' && p.argv[2] === 'run' ? unwrapRunner('uvx', slice(p, 2)) : undefined),
  npx,
  bunx: npx,
  pnpx: npx,
  bun,
  deno,
  tsx: typeScriptRunner,
  'ts-node': typeScriptRunner,
  'ts-node-esm': typeScriptRunner,
  esno: typeScriptRunner,
  'vite-node': typeScriptRunner,
  npm: packageManager,
  corepack: (p) => unwrapCorepack(p),
  rushx: (p, _scope, _w, prog) => unwrapAsNpm(p, prog),
  nr: (p, _scope, _w, prog) => unwrapAsNpm(p, prog),
  ni: (p, _scope, _w, prog) => unwrapAsNpm(p, prog),
  nci: (p, _scope, _w, prog) => unwrapAsNpm(p, prog),
  nlx: (p, _scope, _w, prog) => unwrapAsNpm(p, prog),
  pnpm: packageManager,
  yarn: packageManager,
  git,
  make,
  gmake: make,
  just: taskRunner,
  task: taskRunner,
  'go-task': taskRunner,
  composer: taskRunner,
  go,
  cargo: (p, scope, w, prog, raw) => cargoWatch(p) ?? unwrapByKind(raw, prog, p, scope, w),
  ...COMMAND_RUNNERS,
  ...PROFILER_RUNNERS,
  doppler: secretRunner,
  op: secretRunner,
  infisical: secretRunner,
  dotenv: secretRunner,
  'dotenv-cli': secretRunner,
  dotenvx: secretRunner,
  'aws-vault': secretRunner,
  railway: secretRunner,
  'env-cmd': secretRunner,
  'with-env': secretRunner,
  heroku: remoteRunner,
  fly: remoteRunner,
  flyctl: remoteRunner,
  gcloud: remoteRunner,
  aws: remoteRunner,
  az: remoteRunner,
  trap,
  powershell,
  'powershell.exe': powershell,
  pwsh: powershell,
  'pwsh.exe': powershell,
  cmd,
  'cmd.exe': cmd,
  wsl,
  'wsl.exe': wsl,
  runas,
  'runas.exe': runas,
  osascript: (p) => unwrapOsascript(p),
  sqlite3: sqlite,
  sqlite,
  mongosh: mongo,
  mongo,
  schtasks,
  'schtasks.exe': schtasks,
  gsudo,
  source,
  '.': source,
};

/** The reader of each wrapper known by name: a name is read as a wrapper exactly when it is a key here. */
export const NAMED_WRAPPERS: ReadonlyMap<string, Wrapper> = new Map(Object.entries(BY_NAME));
