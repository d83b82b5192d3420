// `ninja [-C DIR] [-f FILE] [TARGETS]` (and samu, its twin): reads the build
// file (ninjaFile.ts) and hands the walk the commands the targets' edges run,
// from the build folder. `-t TOOL`, `-n` and the options that only print run
// no edge.
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, type Walker } from './normalize/scope';
import type { UnwrapStep } from './wrappers/common';
import { readOptions, type GetoptStyle } from '../command/options';
import { askRunTimeName, fillsAtRunTime } from './wrappers/runTimeNames';
import { ninjaLines, readNinja } from './ninjaFile';
import { readerCdLine } from './readerCd';
import { shellWord } from '../text/shellWord';

/** ninja's options that take a value (ninja --help). */
const NINJA_OPTIONS: GetoptStyle = { short: 'Cfjkldtw', long: [], permute: true };
/** Options after which no edge runs: a tool, a dry run, help or the version. */
const RUNS_NOTHING = new Set(['-t', '-n', '-h', '--help', '--version']);

export const NINJA_PROGRAMS: ReadonlySet<string> = new Set(['ninja', 'samu']);

/** Whether a path an edge names lies below the build folder or the workspace (so it stands as one name). */
function insideOf(dir: string, workspace: string): (p: string) => boolean {
  return (p) => {
    if (/^[~$]/.test(p)) return false;
    const abs = path.resolve(dir, p);
    // The folders themselves are not one name among many: `rm -rf $out` of `.` deletes the build.
    return [dir, workspace].some((root) => abs.startsWith(root + path.sep));
  };
}

export function unwrapNinja(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const prog = p.argv[0];
  const read = readOptions(p.argv, 1, NINJA_OPTIONS);
  if (read.options.some((o) => RUNS_NOTHING.has(o.name))) return undefined;
  const folder = read.options.filter((o) => o.name === '-C').map((o) => o.value ?? '');
  const file = read.options.find((o) => o.name === '-f')?.value ?? 'build.ninja';
  for (const word of [...folder, file])
    if (fillsAtRunTime(word)) return void askRunTimeName(w, prog, word, 'runs the build file of');
  // `-C a -C b` enters each in turn.
  const dir = folder.reduce((d, f) => path.resolve(d, f), scope.cwd);
  const text = w.ctx.readFile(file, dir);
  if (text === undefined) return undefined;
  const build = readNinja(text, (name) => w.ctx.readFile(name, dir));
  // A target named only when the line runs may be any edge's output: every edge is read.
  const runTime = read.operands.some(fillsAtRunTime);
  const targets = runTime ? build.edges.flatMap((e) => e.outputs) : read.operands.map((t) => t.replace(/\^$/, ''));
  const { lines, unread } = ninjaLines(build, targets, insideOf(dir, w.ctx.workspace));
  if (unread)
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `${prog} runs a build file holding ${unread}, more than AgentGuard reads; the rest was not judged, so a human must look at it`,
        path.join(dir, file),
      ),
    );
  if (!lines.length) return undefined;
  const enter = dir === scope.cwd ? [] : [readerCdLine(shellWord(dir))];
  return {
    kind: 'script',
    text: [...enter, ...lines].join('\n'),
    via: `${prog} ${targets.length && !runTime ? targets.join(' ') : '(default)'}`,
    lenient: true,
    alsoEmit: true,
    runnerCd: true,
  };
}

/** `cmake --build`'s options that take a value (`--target` takes every word up to the next option). */
const CMAKE_BUILD_VALUES = new Set(['--config', '-j', '--parallel', '--resolve-package-references']);

/** The folder and targets of `cmake --build DIR [--target T…]` or `meson compile [-C DIR] [T…]`; undefined else. */
function driven(argv: readonly string[]): { dir: string; targets: string[] } | undefined {
  const targets: string[] = [];
  if (argv[0] === 'cmake') {
    if (argv[1] !== '--build' || argv[2] === undefined || argv[2].startsWith('-')) return undefined;
    for (let i = 3; i < argv.length && argv[i] !== '--'; i++) {
      const a = argv[i];
      if (a === '--target' || a === '-t') {
        while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-')) targets.push(argv[++i]);
      } else if (a.startsWith('--target=')) targets.push(...a.slice(9).split(','));
      else if (CMAKE_BUILD_VALUES.has(a) && argv[i + 1] !== undefined && /^\d+$|^[A-Z]/.test(argv[i + 1])) i++;
    }
    return { dir: argv[2], targets };
  }
  if (argv[0] !== 'meson' || argv[1] !== 'compile') return undefined;
  let dir = '.';
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-C') dir = argv[++i] ?? '.';
    else if (a === '-j' || a === '-l' || a === '--jobs' || a === '--load-average') i++;
    else if (!a.startsWith('-')) targets.push(a);
  }
  return { dir, targets };
}

/**
 * `cmake --build DIR` and `meson compile -C DIR` run the build tool the folder was made for: ninja where it holds
 * build.ninja, make where it holds a Makefile. Read as that call, so its build file is judged.
 */
export function unwrapBuildDriver(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const call = driven(p.argv);
  if (!call) return undefined;
  const via = p.argv.slice(0, 2).join(' ');
  if (fillsAtRunTime(call.dir)) return void askRunTimeName(w, via, call.dir, 'runs the build of');
  const dir = path.resolve(scope.cwd, call.dir);
  const tool =
    w.ctx.readFile(path.join(dir, 'build.ninja'), scope.cwd) !== undefined
      ? 'ninja'
      : w.ctx.readFile(path.join(dir, 'Makefile'), scope.cwd) !== undefined
        ? 'make'
        : undefined;
  if (!tool) return undefined;
  const argv = [tool, '-C', dir, ...call.targets];
  return { kind: 'command', next: { ...p, argv, dynamic: argv.map((a) => fillsAtRunTime(a)) }, via };
}
