// Profilers, tracers, debuggers and coverage tools that run a program handed to
// them: `python3 -m cProfile -o out.prof run.py`, `python3 -m pdb run.py`,
// `coverage run run.py` run run.py as `python3 run.py` does; `c8 node app.js`
// and `nyc node app.js` run the rest of the line as a command. Each is read as
// what it runs, its own options (and their values) left out.
import type { Pending } from '../normalize/scope';
import { own } from '../../text/own';
import { slice, type UnwrapStep, type Wrapper } from './common';

interface RunnerOptions {
  /** Letters that take a value (attached or the next word). */
  short: string;
  /** Long names that take the next word as their value (`--name=value` carries its own). */
  long: readonly string[];
  /** Options whose value is a module to run instead of a script (`-m pytest`). */
  module: readonly string[];
}

const PROFILE: RunnerOptions = { short: 'os', long: ['--outfile', '--sort'], module: ['-m'] };
const COVERAGE_RUN: RunnerOptions = {
  short: '',
  long: ['--rcfile', '--data-file', '--source', '--include', '--omit', '--context', '--concurrency', '--debug'],
  module: ['-m', '--module'],
};

/** Python's standard modules (and coverage) that run a script named after their options, by module name. */
const PYTHON_RUNNERS: Readonly<Record<string, RunnerOptions>> = {
  cProfile: PROFILE,
  profile: PROFILE,
  // trace's `-m` is --missing; its `--module` names a module.
  trace: {
    short: 'fC',
    long: ['--file', '--coverdir', '--ignore-module', '--ignore-dir'],
    module: ['--module'],
  },
  pdb: { short: 'c', long: ['--command'], module: ['-m'] },
};

/** Where the program run starts: the script's word, or the module's name after a module option. */
interface Run {
  at: number;
  module: boolean;
}

/** The bound on the option words read: past it nothing more is read, as before. */
const MAX_OPTION_WORDS = 64;

function runStart(argv: readonly string[], from: number, table: RunnerOptions): Run | undefined {
  for (let i = from; i < argv.length && i < from + MAX_OPTION_WORDS; i++) {
    const a = argv[i];
    if (a === '--') return i + 1 < argv.length ? { at: i + 1, module: false } : undefined;
    if (a === '-' || !a.startsWith('-')) return { at: i, module: false };
    if (table.module.includes(a)) return i + 1 < argv.length ? { at: i + 1, module: true } : undefined;
    if (a.startsWith('--') ? table.long.includes(a) : a.length === 2 && table.short.includes(a[1])) i++;
  }
  return undefined;
}

/** `python` and what the runner runs: `python SCRIPT ARGS…` or `python -m MODULE ARGS…`. */
function asPython(p: Pending, python: string, run: Run, via: string): UnwrapStep {
  const head = run.module ? [python, '-m'] : [python];
  const next = slice(p, run.at, {
    argv: [...head, ...p.argv.slice(run.at)],
    dynamic: [...head.map(() => false), ...p.dynamic.slice(run.at)],
  });
  return { kind: 'command', next, via };
}

/**
 * `python -m cProfile [OPTS] SCRIPT`, `python -m coverage run [OPTS] SCRIPT` (argv[at] is the module's name): the
 * interpreter's call the module makes; undefined for a module that runs no script of the line.
 */
export function pythonModuleRun(p: Pending, at: number): UnwrapStep | undefined {
  const argv = p.argv;
  const name = argv[at];
  const coverage = name === 'coverage' && argv[at + 1] === 'run';
  const table = coverage ? COVERAGE_RUN : own(PYTHON_RUNNERS, name);
  const run = table && runStart(argv, at + (coverage ? 2 : 1), table);
  return run ? asPython(p, argv[0], run, `${argv[0]} -m ${name}`) : undefined;
}

/** `coverage run [OPTS] SCRIPT` runs `python SCRIPT`; coverage's other commands (report, html…) run nothing. */
const coverage: Wrapper = (p) => {
  const run = p.argv[1] === 'run' ? runStart(p.argv, 2, COVERAGE_RUN) : undefined;
  return run ? asPython(p, 'python3', run, 'coverage run') : undefined;
};

/** Options of c8 and nyc that take the next word as their value. */
const JS_COVERAGE: RunnerOptions = {
  short: 'roxneti',
  long: [
    '--reporter',
    '--reports-dir',
    '--report-dir',
    '--temp-directory',
    '--temp-dir',
    '--include',
    '--exclude',
    '--extension',
    '--src',
    '--config',
    '--nycrc-path',
    '--cwd',
    '--require',
    '--watermarks',
    '--branches',
    '--functions',
    '--lines',
    '--statements',
  ],
  module: [],
};
/** c8's and nyc's commands that report on coverage gathered before and run nothing. */
const JS_COVERAGE_COMMANDS = new Set(['report', 'check-coverage', 'instrument', 'merge']);

/** `c8 [OPTS] CMD…`, `nyc [OPTS] CMD…`: CMD runs with coverage gathered. */
const jsCoverage: Wrapper = (p, _scope, _w, prog) => {
  if (JS_COVERAGE_COMMANDS.has(p.argv[1] ?? '')) return undefined;
  const run = runStart(p.argv, 1, JS_COVERAGE);
  return run && !JS_COVERAGE_COMMANDS.has(p.argv[run.at])
    ? { kind: 'command', next: slice(p, run.at), via: prog }
    : undefined;
};

export const PROFILER_RUNNERS: Readonly<Record<string, Wrapper>> = { coverage, c8: jsCoverage, nyc: jsCoverage };
