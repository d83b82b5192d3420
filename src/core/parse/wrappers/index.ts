// Wrappers: programs whose job is to run another program. Each entry says how
// to find the inner command (or the code) in its arguments. A wrapper that is
// not recognised is judged as the program itself, so this list only ever adds
// sight, never removes it. The wrappers known by name are in byName.ts.
import { readPlaybooks } from '../ansible';
import { unwrapTaskRunner } from '../taskRunners';
import { unwrapPixiRun } from '../pixiTasks';
import { unwrapBazel } from '../bazelRun';
import { unwrapDevcontainer } from '../devcontainerCli';
import { unwrapPythonScripts } from '../pythonScripts';
import { BUILD_TASK_RUNNERS, unwrapBuildTaskRunner } from '../buildTaskRunners';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { joinForShell, PREFIX_WRAPPERS, programName, skipOptions, slice, type UnwrapStep } from './common';
import { NAMED_WRAPPERS, unwrapByKind } from './byName';
import { unwrapRunner } from './runners';
import { unwrapEnv } from './env';
import { sideCommands } from './sideCommands';
import { readRunnerFiles } from './runnerFiles';
import { unwrapRakeOptions } from './rakeOptions';
import { readRunnerFileWrites } from './runnerFileWrites';
import { readSourceRuns } from './sourceRuns';
import { readCompiledTests } from './compiledTests';
import { readInstalls } from './builtPrograms';
import { readBuildFiles } from './buildFiles';
import { cargoAliased } from './cargoConfig';
import { readProjectBuilds } from './projectBuilds';
import { readGitHooks } from './gitHooks';
import { readLintStaged } from './lintStaged';
import { unwrapRunApi } from './runApis';
import { unwrapCurlConfig } from './curlConfig';
import { SCRIPT_RUNNERS, unwrapScriptRunner } from './scriptRunners';
import { runnerFolderStep, wrapperFolder } from './runnerFolders';
import { unwrapLernaRun } from './scripts';
import { table } from '../../text/own';
export { programName } from './common';
export type { UnwrapStep } from './common';

export function unwrap(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const raw = p.argv[0];
  if (p.dynamic[0]) return undefined;
  const prog = programName(raw);
  if (prog !== raw) {
    // Spelling: `/bin/rm` is `rm`. Judge the bare name from here on.
    p = { ...p, argv: [prog, ...p.argv.slice(1)] };
  }
  // `cargo start` with `[alias] start = "run"`: judged as the call the alias stands for.
  if (prog === 'cargo') p = cargoAliased(p, scope, w) ?? p;
  const argv = p.argv;
  // `rake -C DIR test`: rake in DIR, reading DIR's Rakefile and tests.
  const rake = prog === 'rake' ? unwrapRakeOptions(p, scope, w) : undefined;
  if (rake) return rake;
  // `composer -d DIR x`, `poe -C DIR x`, `mise -C DIR run x`: the runner in DIR, reading DIR's task file.
  const moved = runnerFolderStep(prog, p, w);
  if (moved) return moved;
  sideCommands(prog, p, scope, w);
  if (prog === 'ansible-playbook') readPlaybooks(p, scope, w);
  readRunnerFiles(prog, p, scope, w);
  readRunnerFileWrites(prog, p, scope, w);
  readBuildFiles(prog, p, scope, w);
  readProjectBuilds(prog, p, scope, w);
  readSourceRuns(prog, p, scope, w);
  if (prog === 'go' || prog === 'cargo') {
    readCompiledTests(prog, p, scope, w);
    readInstalls(prog, p, scope, w);
  }
  if (prog === 'git') readGitHooks(p, scope, w);
  if (prog === 'lint-staged') readLintStaged(p, scope, w);
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
    // `sudo -D DIR CMD`, `run0 --chdir=DIR CMD`: CMD runs in DIR, and reads its project files there.
    const cwd = prog === 'sudo' || prog === 'run0' ? wrapperFolder(p, i, w, prog) : undefined;
    return { kind: 'command', next: slice(p, i, { env, ...input }), via: prog, ...(cwd ? { cwd } : {}) };
  }
  // `pipenv run NAME` runs the Pipfile's script NAME when it has one, else NAME as a command.
  // `mise run NAME` runs a task of mise's config files.
  // `cargo make NAME`, `turbo run NAME`, `nx run P:T` run tasks of the project's files (buildTaskRunners.ts).
  const built = BUILD_TASK_RUNNERS.has(prog) ? unwrapBuildTaskRunner(p, scope, w) : undefined;
  if (built) return built;
  const task = prog === 'pipenv' || prog === 'poe' || prog === 'mise' ? unwrapTaskRunner(p, scope, w) : undefined;
  if (task) return task;
  // `pixi run NAME` runs a task of pixi.toml, or the words as a line in pixi's shell (pixiTasks.ts).
  const pixi = prog === 'pixi' ? unwrapPixiRun(p, scope, w) : undefined;
  if (pixi) return pixi;
  // `bazel run //:x` runs the target's script, every build the genrules of its packages (bazelRun.ts).
  const bazel = prog === 'bazel' || prog === 'bazelisk' ? unwrapBazel(p, scope, w) : undefined;
  if (bazel) return bazel;
  // `devcontainer up` runs the lifecycle commands of devcontainer.json (devcontainerCli.ts).
  const container = prog === 'devcontainer' ? unwrapDevcontainer(p, scope, w) : undefined;
  if (container) return container;
  // `pdm run NAME`, `hatch run NAME`, `rye run NAME`: a script of pyproject.toml (pythonScripts.ts).
  const script = prog === 'pdm' || prog === 'hatch' || prog === 'rye' ? unwrapPythonScripts(p, scope, w) : undefined;
  if (script) return script;
  // `npm-run-all a b`, `run-s a`, `concurrently npm:a CMD`: package.json scripts run by name.
  const scripts = SCRIPT_RUNNERS.has(prog) ? unwrapScriptRunner(p, scope, w, prog) : undefined;
  if (scripts) return scripts;
  // `lerna run x`: the script x of each package lerna picks (workspaceRuns.ts).
  const lerna = prog === 'lerna' ? unwrapLernaRun(p, scope, w) : undefined;
  if (lerna) return lerna;
  const runner = unwrapRunner(prog, p);
  if (runner) return runner;
  // A wrapper known by name is read by its own reader, every other program by its kind (byName.ts).
  const named = NAMED_WRAPPERS.get(prog);
  return named ? named(p, scope, w, prog, raw) : unwrapByKind(raw, prog, p, scope, w);
}
