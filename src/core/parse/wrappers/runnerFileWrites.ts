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
import { TASKFILE_NAMES } from '../taskfile';
import { JUSTFILE_NAMES } from '../justFiles';
import { MISE_FILES } from '../taskRunners';
import { makesNothing, unknownSource } from './madeOnLine';
import { rememberWrite } from '../normalize/output';
import { gitChanges } from './gitChanges';
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

/** Editors that write the files they name only in place (`sed -i`, `perl -pi`); otherwise they print. */
const IN_PLACE = new Set(['sed', 'gsed', 'perl', 'ruby']);

/** The files an earlier command may write, by the words it names. */
function writtenBy(c: SimpleCommand, stat: Walker['ctx']['stat']): Written[] {
  const prog = path.basename(c.argv[0] ?? '');
  const argv = c.argv;
  if (onlyReads(c)) return [];
  if (IN_PLACE.has(prog) && !argv.some((a) => /^-[a-zA-Z]*i|^--in-place/.test(a))) return [];
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
  for (const c of w.out) {
    if (c.source === p.source || makesNothing(c)) continue;
    const unread = gitChanges(c, names, scope.cwd, w);
    if (unread) {
      unknownSource(
        w,
        via,
        unread.target,
        `its own file as ${unread.what} earlier on the line leaves it, not read here`,
      );
      return;
    }
    // `tar -xf a.tar && npm run build`: what the archive holds is not read, so it may land the runner's file.
    const into = extractionFolder(c);
    if (into !== undefined && within(into, scope.cwd)) {
      unknownSource(w, via, path.relative(scope.cwd, into) || '.', 'files an earlier command on the line unpacks');
      return;
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
      return;
    }
  }
}
