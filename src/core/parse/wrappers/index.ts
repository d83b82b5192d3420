// Wrappers: programs whose job is to run another program. Each entry says how
// to find the inner command (or the code) in its arguments. A wrapper that is
// not recognised is judged as the program itself, so this list only ever adds
// sight, never removes it.
import { readSed, rebaseExec, rgPreprocessor } from './textTools';
import { readAwkCall } from './awkCall';
import { unwrapMake } from '../makefile';
import { readPlaybooks } from '../ansible';
import { unwrapTaskRunner } from '../taskRunners';
import { unwrapRemoteRunner, unwrapSecretRunner } from '../runners';
import { gitSideCommands } from '../gitSettings';
import { interpreterOf } from '../interpreters';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { inChildShell, trapFinding } from '../machinery';
import {
  joinForShell,
  noteUnreadScript,
  PREFIX_WRAPPERS,
  programName,
  SHELLS,
  skipOptions,
  slice,
  STDIN_FILES,
  type UnwrapStep,
} from './common';
import { NAMED_WRAPPERS } from './named';
import { codeFromStdin, scriptOrDynamic, unwrapInterpreter, unwrapOsascript, unwrapShell } from './shells';
import { unwrapFd, unwrapFind, unwrapParallel, unwrapXargs, unwrapXe } from './fanout';
import { unwrapCompose, unwrapDocker, unwrapKubectlExec, unwrapSsh } from './remote';
import { unwrapGitAlias, unwrapNpx, unwrapPackageManager } from './scripts';
import { unwrapCmd, unwrapPowerShell, unwrapRunas, unwrapSchtasks, unwrapWsl } from './windows';
import { screenStuff, unwrapExpect } from './expect';
import { unwrapRunner } from './runners';
import { unwrapEnv } from './env';
import { unwrapSqlite } from './sqliteShell';
import { unwrapMongoShell } from './mongoShell';
import { unwrapPathScript } from './pathScripts';
import { NOTEBOOK_RUNNERS, unwrapNotebook } from './notebooks';
import { unwrapTmux } from './tmux';
import { sideCommands } from './sideCommands';
import { readRunnerFiles, runnerModule } from './runnerFiles';
import { readSourceRuns } from './sourceRuns';
import { unwrapGoGenerate } from './goGenerate';
import { readBuildFiles } from './buildFiles';
import { readProjectBuilds } from './projectBuilds';
import { readGitHooks } from './gitHooks';
import { unwrapRunApi } from './runApis';
import { unwrapCurlConfig } from './curlConfig';
import { table } from '../../text/own';
export { programName } from './common';
export type { UnwrapStep } from './common';

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

export function unwrap(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const raw = p.argv[0];
  if (p.dynamic[0]) return undefined;
  const prog = programName(raw);
  if (prog !== raw) {
    // Spelling: `/bin/rm` is `rm`. Judge the bare name from here on.
    p = { ...p, argv: [prog, ...p.argv.slice(1)] };
  }
  const argv = p.argv;
  sideCommands(prog, p, scope, w);
  if (prog === 'ansible-playbook') readPlaybooks(p, scope, w);
  readRunnerFiles(prog, p, scope, w);
  readBuildFiles(prog, p, scope, w);
  readProjectBuilds(prog, p, scope, w);
  readSourceRuns(prog, p, scope, w);
  if (prog === 'git') readGitHooks(p, scope, w);
  const curlConfig = prog === 'curl' ? unwrapCurlConfig(p, scope, w) : undefined;
  if (curlConfig) return curlConfig;
  const runApi = unwrapRunApi(prog, p, scope, w);
  if (runApi) return runApi;

  if (prog === 'env') return unwrapEnv(p, scope, w);
  const prefix = PREFIX_WRAPPERS.get(prog);
  if (prefix) {
    if (prog === 'command' && (argv[1] === '-v' || argv[1] === '-V')) return undefined;
    if (prog === 'sudo' && argv.slice(1).some((a) => /^-[a-zA-Z]*[lvkK]$/.test(a)) && argv.length <= 3)
      return undefined;
    let i = skipOptions(argv, 1, prefix);
    if (prog === 'nice' && /^-\d+$/.test(argv[1] ?? '')) i = skipOptions(argv, 2, prefix);
    // sudo and doas accept VAR=value before the command. Copied only then: the same environment otherwise
    // (a batch's, frozen, is scanned once for all its lines: environment/envScan.ts).
    let env = p.env;
    while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]) && (prog === 'sudo' || prog === 'doas')) {
      const eq = argv[i].indexOf('=');
      if (env === p.env) env = table(p.env);
      env[argv[i].slice(0, eq)] = argv[i].slice(eq + 1);
      i++;
    }
    if (i >= argv.length) return undefined;
    if (prog === 'sudo' && (argv.includes('-s') || argv.includes('-i')) && i < argv.length) {
      return { kind: 'script', text: joinForShell(argv.slice(i)), via: prog, env };
    }
    // A coprocess reads what later commands write to `${COPROC[1]}`: a shell started so runs lines nobody reads here.
    const input = prog === 'coproc' && !p.stdinFrom ? { stdinFrom: ['>&${COPROC[1]}'] } : {};
    return { kind: 'command', next: slice(p, i, { env, ...input }), via: prog };
  }
  // `pipenv run NAME` runs the Pipfile's script NAME when it has one, else NAME as a command.
  // `mise run NAME` runs a task of mise's config files.
  const task = prog === 'pipenv' || prog === 'poe' || prog === 'mise' ? unwrapTaskRunner(p, scope, w) : undefined;
  if (task) return task;
  const runner = unwrapRunner(prog, p);
  if (runner) return runner;
  if (!NAMED_WRAPPERS.has(prog)) return unwrapByKind(raw, prog, p, scope, w);

  switch (prog) {
    case 'coreutils': {
      // The multi-call binary of GNU coreutils (`--coreutils-prog=rm -rf x`) and of uutils (`coreutils rm -rf x`):
      // the first argument names the tool that runs.
      const named = /^--coreutils-prog(?:-shebang)?=(.+)$/.exec(argv[1] ?? '');
      if (named) {
        const next = slice(p, 1, { argv: [named[1], ...argv.slice(2)], dynamic: p.dynamic.slice(1) });
        return { kind: 'command', next, via: prog };
      }
      return argv[1] && !argv[1].startsWith('-') ? { kind: 'command', next: slice(p, 1), via: prog } : undefined;
    }
    case 'timeout': {
      let i = skipOptions(argv, 1, ['-s', '--signal', '-k', '--kill-after']);
      i++; // the duration
      return i < argv.length ? { kind: 'command', next: slice(p, i), via: 'timeout' } : undefined;
    }
    case 'watch': {
      const i = skipOptions(argv, 1, ['-n', '--interval', '-q', '--equexit']);
      return i < argv.length ? { kind: 'script', text: joinForShell(argv.slice(i)), via: 'watch' } : undefined;
    }
    case 'agentguard-run': {
      // AgentGuard's own sandbox wrapper (core/launcher/run.ts): `agentguard-run ID -- COMMAND` runs COMMAND.
      const dd = argv.indexOf('--');
      return dd > 0 && argv[dd + 1] !== undefined
        ? { kind: 'script', text: argv.slice(dd + 1).join(' '), via: 'agentguard-run' }
        : undefined;
    }
    case 'flock': {
      const i = skipOptions(argv, 1, ['-w', '--timeout', '-E', '--conflict-exit-code']);
      const rest = argv.slice(i + 1);
      if (rest[0] === '-c' || rest[0] === '--command')
        return rest[1] ? { kind: 'script', text: rest[1], via: 'flock' } : undefined;
      return rest.length ? { kind: 'command', next: slice(p, i + 1), via: 'flock' } : undefined;
    }
    case 'script': {
      // `script -qc CMD [file]`: runs CMD in a recorded terminal.
      const c = argv.findIndex((a, k) => k > 0 && (a === '-c' || a === '--command' || /^-[a-z]*c$/.test(a)));
      return c !== -1 && argv[c + 1] ? { kind: 'script', text: argv[c + 1], via: 'script -c' } : undefined;
    }
    case 'tmux':
      return unwrapTmux(p);
    case 'expect':
    case 'tclsh':
    case 'wish':
      // tclsh and wish run the same Tcl: its `exec` runs programs.
      return unwrapExpect(p, scope, w);
    case 'kamal':
      return unwrapRemoteRunner(p);
    case 'screen': {
      // `screen -dm [-S name] CMD…`: everything after the options runs detached.
      // `-dmS name`: a cluster ending in S takes the session name.
      const valued = [
        '-S',
        '-c',
        '-L',
        '-Logfile',
        '-p',
        '-T',
        '-t',
        '-x',
        '-r',
        '-R',
        ...argv.filter((a) => /^-[a-zA-Z]+S$/.test(a)),
      ];
      const i = skipOptions(argv, 1, valued);
      // `screen -S name -X stuff 'keys'`: a command for a running session (keys typed into it), not a program to start.
      if (argv.slice(1, i).includes('-X')) return screenStuff(argv);
      return i < argv.length ? { kind: 'command', next: slice(p, i), via: 'screen' } : undefined;
    }
    case 'systemd-run': {
      const i = skipOptions(argv, 1, [
        '-u',
        '--unit',
        '-p',
        '--property',
        '-d',
        '--description',
        '--slice',
        '-E',
        '--setenv',
        '-M',
        '--machine',
        '-H',
        '--host',
        '--on-active',
        '--on-calendar',
        '--on-boot',
        '--on-unit-active',
        '--uid',
        '--gid',
        '--working-directory',
        '--nice',
      ]);
      return i < argv.length ? { kind: 'command', next: slice(p, i), via: 'systemd-run' } : undefined;
    }
    case 'awk':
    case 'gawk':
    case 'mawk':
    case 'nawk': {
      // The program and the files it comes from: system(), getline and pipes to a shell run commands.
      readAwkCall(prog, p, scope, w);
      return undefined;
    }
    case 'sed':
    case 'gsed':
      readSed(p, scope, w);
      return undefined;
    case 'rg':
      rgPreprocessor(p, scope, w);
      return undefined;
    case 'at':
    case 'batch':
      // Commands for later come on stdin (`at now <<< CMD`, `echo CMD | at now`).
      return codeFromStdin(p, prog, w, (text) => ({ kind: 'script', text, via: prog }));
    case 'su': {
      const c = argv.findIndex((a) => a === '-c' || a === '--command');
      return c !== -1 && argv[c + 1] ? { kind: 'script', text: argv[c + 1], via: 'su' } : undefined;
    }
    case 'eval':
      return argv.length > 1 ? scriptOrDynamic(p, joinForShell(argv.slice(1)), 'eval', w) : undefined;
    case 'xargs':
      return unwrapXargs(p);
    case 'xe':
      return unwrapXe(p);
    case 'find':
      unwrapFind(p, scope, w);
      return undefined;
    case 'fd':
    case 'fdfind':
      unwrapFd(p, scope, w);
      return undefined;
    case 'parallel':
      return unwrapParallel(p, scope, w);
    case 'ssh':
      return unwrapSsh(p);
    case 'docker':
    case 'podman':
    case 'nerdctl':
      return unwrapDocker(p);
    case 'docker-compose':
      return unwrapCompose(p, 1);
    case 'kubectl':
    case 'oc':
      return unwrapKubectlExec(p);
    case 'uv':
      // `uv tool run` is uvx spelled out (`uv run` is a runner form).
      return argv[1] === 'tool' && argv[2] === 'run' ? unwrapRunner('uvx', slice(p, 2)) : undefined;
    case 'npx':
    case 'bunx':
    case 'pnpx':
      return unwrapNpx(p, 1, prog);
    case 'bun':
      // `bun -e CODE` runs JavaScript; `bun run NAME` a script.
      if (['-e', '--eval', '-p', '--print', 'eval'].includes(argv[1] ?? ''))
        return unwrapInterpreter(p, scope, w, 'node');
      // `bun main.ts`, `bun run main.ts`: a file of code, run like node runs it (its imports followed).
      if (JS_FILE.test(argv[1] ?? '')) return unwrapInterpreter(p, scope, w, 'node');
      // `bun run -` (and `bun -`) runs the code on stdin.
      if (argv[1] === 'run' && (JS_FILE.test(argv[2] ?? '') || argv[2] === '-'))
        return unwrapInterpreter(runnerOf(p, 2, 'bun'), scope, w, 'node');
      if (argv[1] === '-') return unwrapInterpreter(runnerOf(p, 1, 'bun'), scope, w, 'node');
      return unwrapPackageManager(p, scope, w);
    case 'deno':
      if (argv[1] === 'task') return unwrapTaskRunner(p, scope, w);
      // `deno fmt`, `deno lint`, `deno check`: deno's own tools, no script named `lint` to read.
      if (DENO_TOOLS.has(argv[1] ?? '')) return undefined;
      // `deno run -A main.ts`: the file after run's flags.
      return unwrapInterpreter(argv[1] === 'run' ? runnerOf(p, 2, 'deno') : p, scope, w, 'node');
    case 'tsx':
    case 'ts-node':
    case 'ts-node-esm':
    case 'esno':
    case 'vite-node':
      // TypeScript runners run a file as node does; `tsx watch FILE` runs it again on each change.
      return unwrapInterpreter(runnerOf(p, prog === 'tsx' && argv[1] === 'watch' ? 2 : 1, 'node'), scope, w, 'node');
    case 'npm':
    case 'pnpm':
    case 'yarn':
      return unwrapPackageManager(p, scope, w);
    case 'git':
      gitSideCommands(p, scope, w, w.requestEnv);
      rebaseExec(p, scope, w);
      return unwrapGitAlias(p, scope, w);
    case 'make':
    case 'gmake':
      return unwrapMake(p, scope, w);
    case 'just':
    case 'task':
    case 'go-task':
    case 'composer':
      return unwrapTaskRunner(p, scope, w);
    case 'go': {
      const generated = unwrapGoGenerate(p, scope, w);
      if (generated) return generated;
      break;
    }
    case 'doppler':
    case 'op':
    case 'infisical':
    case 'dotenv':
    case 'dotenvx':
    case 'aws-vault':
    case 'railway':
    case 'env-cmd':
    case 'with-env':
      return unwrapSecretRunner(p);
    case 'heroku':
    case 'fly':
    case 'flyctl':
    case 'gcloud':
    case 'aws':
    case 'az':
      return unwrapRemoteRunner(p);
    case 'trap': {
      const machinery = inChildShell(scope.via) ? undefined : trapFinding(argv);
      if (machinery) w.addFinding(machinery);
      // `trap 'CODE' EXIT`: the code runs when the shell exits (or on the signal). `--` only ends the options.
      const at = argv[1] === '--' ? 2 : 1;
      const code = argv[at];
      if (code === undefined || code === '-' || code.startsWith('-') || argv.length < at + 2) return undefined;
      return scriptOrDynamic(
        { ...p, argv: argv.slice(0, at + 1), dynamic: p.dynamic.slice(0, at + 1) },
        code,
        'trap',
        w,
      );
    }
    case 'powershell':
    case 'powershell.exe':
    case 'pwsh':
    case 'pwsh.exe':
      return unwrapPowerShell(p, scope, w);
    case 'cmd':
    case 'cmd.exe':
      return unwrapCmd(p, w);
    case 'wsl':
    case 'wsl.exe':
      return unwrapWsl(p);
    case 'runas':
    case 'runas.exe':
      return unwrapRunas(p);
    case 'osascript':
      return unwrapOsascript(p);
    case 'sqlite3':
    case 'sqlite':
      return unwrapSqlite(p, w);
    case 'mongosh':
    case 'mongo':
      return unwrapMongoShell(p, scope, w);
    case 'schtasks':
    case 'schtasks.exe':
      return unwrapSchtasks(p);
    case 'gsudo':
      return argv.length > 1
        ? {
            kind: 'command',
            next: slice(p, skipOptions(argv, 1, ['-u', '--user', '-i', '--integrity', '-d'])),
            via: 'gsudo',
          }
        : undefined;
    case 'source':
    case '.': {
      const file = argv[1];
      if (!file) return undefined;
      // `. /dev/stdin <<< CODE`, `echo CODE | source /dev/stdin`: the code comes on stdin.
      if (STDIN_FILES.has(file)) return codeFromStdin(p, prog, w, (text) => ({ kind: 'script', text, via: prog }));
      // `source <(CMD)` runs what CMD prints: the same as `CMD | source /dev/stdin`.
      const proc = p.dynamic[1] ? /^<\((.*)\)$/s.exec(file) : null;
      if (proc) return { kind: 'script', text: `${proc[1]} | . /dev/stdin`, via: prog };
      const text = w.ctx.readFile(file, scope.cwd);
      if (text === undefined) noteUnreadScript(file, text, scope, w, `source ${file}`);
      return text === undefined
        ? undefined
        : { kind: 'script', text, via: `source ${file}`, lenient: true, alsoEmit: true };
    }
  }
  return unwrapByKind(raw, prog, p, scope, w);
}

/** A program none of unwrap's cases named: a shell, a notebook runner, an interpreter, or a script run by path. */
function unwrapByKind(raw: string, prog: string, p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  if (SHELLS.has(prog)) return unwrapShell(p, scope, w);
  if (NOTEBOOK_RUNNERS.has(prog)) return unwrapNotebook(prog, p, scope, w);
  const lang = interpreterOf(prog);
  if (lang === 'python') runnerModule(p, scope, w);
  if (lang) return unwrapInterpreter(p, scope, w, lang);
  // A script run by path (`./deploy.sh`, `./y`): read what its first line hands it to (pathScripts.ts).
  return unwrapPathScript(raw, p, scope, w);
}
