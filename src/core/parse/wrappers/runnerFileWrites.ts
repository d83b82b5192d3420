// A task runner's own file changed earlier on the same line: `cp evil.json
// package.json && npm run clean`, `mv x.yml Taskfile.yml && task clean`,
// `sed -i 's/tsc/rm -rf ~/' package.json && npm run build`. The runner reads
// its file when it starts, after the change; what is on disk now is not what
// runs, so the call is asked about. A file written with text the line says
// (`echo '{…}' > package.json`) is read as written (normalize/index.ts
// lineContext) and needs no question.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import type { SimpleCommand } from '../../types';
import { isInPlaceEditor } from '../../command/inPlaceEditors';
import { TASKFILE_NAMES } from '../taskfile';
import { JUSTFILE_NAMES } from '../justFiles';
import { MISE_FILES } from '../taskRunners';
import { makesNothing, unknownSource } from './madeOnLine';
import { rememberWrite } from '../normalize/output';
import { gitChanges } from './gitChanges';
import { runsOnlyAfter } from '../normalize/chains';
import { copied, COPIERS, extractionFolder, onlyReads, within, type Written } from './lineChanges';

const PACKAGE = ['package.json'];
const MAKEFILES = ['Makefile', 'makefile', 'GNUmakefile'];
const PYPROJECT = ['pyproject.toml'];

/** The files each runner reads its tasks (or build code) from, by program name. */
const RUNNER_FILES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  (
    [
      ['npm', PACKAGE],
      ['pnpm', PACKAGE],
      ['yarn', PACKAGE],
      ['bun', PACKAGE],
      ['make', MAKEFILES],
      ['gmake', MAKEFILES],
      ['task', TASKFILE_NAMES],
      ['go-task', TASKFILE_NAMES],
      ['just', JUSTFILE_NAMES],
      ['deno', ['deno.json', 'deno.jsonc']],
      ['composer', ['composer.json']],
      ['poe', PYPROJECT],
      ['pdm', PYPROJECT],
      ['hatch', [...PYPROJECT, 'hatch.toml']],
      ['rye', PYPROJECT],
      ['pipenv', ['Pipfile']],
      ['pixi', ['pixi.toml', ...PYPROJECT]],
      ['devcontainer', ['devcontainer.json', '.devcontainer.json']],
      ['mise', MISE_FILES.map((f) => path.basename(f))],
      ['tox', ['tox.ini', ...PYPROJECT, 'setup.cfg']],
      ['nox', ['noxfile.py']],
      ['rake', ['Rakefile', 'rakefile', 'Rakefile.rb']],
      ['turbo', ['turbo.json', ...PACKAGE]],
      ['nx', ['nx.json', 'project.json', ...PACKAGE]],
      ['cargo', ['Makefile.toml', 'build.rs']],
    ] as const
  ).map(([prog, names]) => [prog, new Set<string>(names)]),
);

/** Package-manager verbs that run no script: what they read of package.json is not run. */
const NO_SCRIPT_VERBS = new Set([
  'view',
  'info',
  'show',
  'ls',
  'list',
  'outdated',
  'search',
  'whoami',
  'help',
  'ping',
  'doctor',
  'explain',
  'why',
  'config',
  'get',
  '-v',
  '--version',
]);

/** The files an earlier command may write, by the words it names. */
function writtenBy(c: SimpleCommand, stat: Walker['ctx']['stat']): Written[] {
  const prog = path.basename(c.argv[0] ?? '');
  const argv = c.argv;
  if (onlyReads(c)) return [];
  if (isInPlaceEditor(prog) && !argv.some((a) => /^-[a-zA-Z]*i|^--in-place/.test(a))) return [];
  if (COPIERS.has(prog)) return copied(c, stat);
  const out: Written[] = [];
  for (let k = 1; k < argv.length && k < 256; k++) {
    const a = argv[k].replace(/^-[\w-]+=/, '');
    if (c.dynamic[k] || !(a.includes('/') || a === '.' || /\.\w+$/.test(a) || /^[A-Z]\w*file$/i.test(a))) continue;
    out.push({ abs: path.resolve(c.cwd, a), anyName: false });
  }
  return out;
}

/**
 * Whether a write reaches a file the runner reads from `cwd`: one of its names, in the folder the runner starts in,
 * one above it (runners look upwards) or one below (workspaces, `-C sub`); files of any name landing in the runner's
 * folder or one above it.
 */
function reaches(x: Written, names: ReadonlySet<string>, cwd: string): boolean {
  if (x.anyName) return within(x.abs, cwd);
  if (!names.has(path.basename(x.abs))) return false;
  const dir = path.dirname(x.abs);
  return within(dir, cwd) || within(cwd, dir);
}

/** Ask about a runner call whose own file an earlier command on the line changes with text not known now. */
export function readRunnerFileWrites(prog: string, p: Pending, scope: Scope, w: Walker): void {
  const names = RUNNER_FILES.get(prog);
  if (!names || !w.out.length) return;
  if ((prog === 'npm' || prog === 'pnpm' || prog === 'yarn' || prog === 'bun') && NO_SCRIPT_VERBS.has(p.argv[1] ?? ''))
    return;
  // Walked again with its files as they were before the line changed them (judgeBefore): read as they are.
  const key = `${scope.cwd}\0${p.source}\0${p.argv.join('\0')}`;
  if (key === diskPass) return;
  const via = p.argv.slice(0, 3).join(' ');
  for (const abs of w.writtenUnknown) {
    if (!reaches({ abs, anyName: false }, names, scope.cwd)) continue;
    unknownSource(
      w,
      via,
      path.basename(abs),
      'its own file, written earlier on the line with text not known before it runs',
    );
    return;
  }
  // What the runner's files held before each change that need not succeed for the runner to run.
  const states: Map<string, string>[] = [];
  for (const c of w.out) {
    if (c.source === p.source || makesNothing(c)) continue;
    const maker = path.basename(c.argv[0] ?? '');
    const was = MAY_FAIL_FIRST.has(maker) && !runsOnlyAfter(c, w) ? new Map(w.written) : undefined;
    if (scan(c, names, scope, w, via)) return;
    if (was && changed(was, w.written)) states.push(was);
  }
  if (states.length) judgeBefore(states, p, scope, w, key);
}

/** Programs whose change to a runner's file is read here (gitChanges, a copy's source) and may fail, leaving it. */
const MAY_FAIL_FIRST = new Set(['git', 'patch', ...COPIERS]);
/** Texts of the runner's files judged besides the one the line leaves; past this, it asks. */
const MAX_STATES = 3;
/** The runner call being judged against its files' text before the line changed them. */
let diskPass: string | undefined;

function changed(was: ReadonlyMap<string, string>, now: ReadonlyMap<string, string>): boolean {
  if (was.size !== now.size) return true;
  for (const [k, v] of now) if (was.get(k) !== v) return true;
  return false;
}

/**
 * `git checkout side; npm run build`, `cp a.json package.json || make`: when the change fails the runner still runs
 * and reads the file as it was. Each text it may then read is judged too, by walking the call again with the
 * files as they were (the text the line leaves is judged by the call itself, after this).
 */
function judgeBefore(states: Map<string, string>[], p: Pending, scope: Scope, w: Walker, key: string): void {
  const via = p.argv.slice(0, 3).join(' ');
  if (states.length > MAX_STATES)
    return unknownSource(w, via, p.argv[0], 'its own files, changed more times earlier on the line than are read');
  const now = new Map(w.written);
  const outer = diskPass;
  try {
    for (const state of states) {
      refill(w.written, state);
      diskPass = key;
      w.emit(p, scope);
    }
  } finally {
    diskPass = outer;
    refill(w.written, now);
  }
}

/** The line's written files (one map, shared with the line's file reader) made to hold `from`'s entries. */
function refill(written: Map<string, string>, from: ReadonlyMap<string, string>): void {
  written.clear();
  for (const [k, v] of from) written.set(k, v);
}

/** Read what `c` does to the runner's files: true when it asked, as something could not be read. */
function scan(c: SimpleCommand, names: ReadonlySet<string>, scope: Scope, w: Walker, via: string): boolean {
  const unread = gitChanges(c, names, scope.cwd, w);
  if (unread) {
    unknownSource(w, via, unread.target, `its own file as ${unread.what} earlier on the line leaves it, not read here`);
    return true;
  }
  // `tar -xf a.tar && npm run build`: what the archive holds is not read, so it may land the runner's file.
  const into = extractionFolder(c);
  if (into !== undefined && within(into, scope.cwd)) {
    unknownSource(w, via, path.relative(scope.cwd, into) || '.', 'files an earlier command on the line unpacks');
    return true;
  }
  for (const x of writtenBy(c, w.ctx.stat)) {
    if (!reaches(x, names, scope.cwd)) continue;
    // `cp package.json.bak package.json`: the runner reads the copy's text, judged as the line leaves it.
    const text = x.from !== undefined && !w.writtenUnknown.has(x.from) ? w.ctx.readFile(x.from, c.cwd) : undefined;
    if (text !== undefined) {
      rememberWrite(w, c.cwd, x.abs, text, false);
      continue;
    }
    const what = x.anyName
      ? 'files an earlier command on the line copies into its folder'
      : 'its own file, which an earlier command on the line changes';
    unknownSource(w, via, x.anyName ? path.relative(scope.cwd, x.abs) || '.' : path.basename(x.abs), what);
    return true;
  }
  return false;
}
