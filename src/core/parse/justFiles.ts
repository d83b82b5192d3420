// The justfile a just call runs, and the files it brings in. `-f FILE` /
// `--justfile FILE` names it, `-d DIR` the folder its recipes run in, and a
// path before the recipe (`just sub/clean`) looks for the justfile from that
// folder; else it is found from the working folder up. `import 'other.just'`
// adds that file's recipes and settings as its own; `mod NAME` (NAME.just,
// NAME/mod.just, NAME/justfile…) a module whose recipes are called `NAME RECIPE`
// or `NAME::RECIPE` and run in the module's folder. Bounded in files; an
// import or module that cannot be found or is named only at run time asks.
import * as path from 'node:path';
import type { Scope, Walker } from './normalize/scope';
import { justRecipes } from './justRecipes';
import { MAX_UP, type Recipes } from './recipes';
import { pastBound } from './wrappers/testFiles';

/** The names just looks for in a folder. */
export const JUSTFILE_NAMES = ['justfile', 'Justfile', '.justfile', 'JUSTFILE'];
/** Most files (imports and modules) one call reads. */
const MAX_FILES = 16;

export interface JustLoad {
  recipes: Recipes;
  first?: string;
  shell: string;
  /** Lines evaluating the assignments of every file read: they run before any recipe. */
  evaluated: string[];
  /** The words naming recipes, with `MOD RECIPE` and `path/RECIPE` turned into the recipe's name here. */
  goals: string[];
}

/** Reads the justfile a call runs and the files it brings in; undefined when there is none. */
export function loadJust(
  options: { file?: string; dir?: string; shell?: string },
  goals: readonly string[],
  scope: Scope,
  w: Walker,
): JustLoad | undefined {
  let words = [...goals];
  let from = scope.cwd;
  // `just sub/clean`: the path's folder is where the justfile is looked for.
  const slash = words[0]?.lastIndexOf('/') ?? -1;
  if (slash >= 0 && options.file === undefined) {
    from = path.resolve(scope.cwd, words[0].slice(0, slash + 1));
    words = [words[0].slice(slash + 1), ...words.slice(1)].filter(Boolean);
  }
  const found = options.file !== undefined ? readAt(path.resolve(scope.cwd, options.file), w) : findFrom(from, w);
  if (!found) return undefined;
  const home = {
    dir: options.dir !== undefined ? path.resolve(scope.cwd, options.dir) : path.dirname(found.file),
    cwd: scope.cwd,
  };
  const read = [found.file];
  const text = withImports(found.text, found.file, read, w);
  const main = justRecipes(text, options.shell, home);
  const out: JustLoad = {
    recipes: main.recipes,
    first: main.first,
    shell: main.shell,
    evaluated: [...main.evaluated],
    goals: words,
  };
  for (const m of text.matchAll(/^mod(\??)[ \t]+([A-Za-z_][\w-]*)(?:[ \t]+(?:'([^']*)'|"([^"]*)"))?/gm)) {
    const name = m[2];
    const dir = path.dirname(found.file);
    const candidates =
      (m[3] ?? m[4])
        ? [path.resolve(dir, m[3] ?? m[4])]
        : [`${name}.just`, ...JUSTFILE_NAMES.map((n) => `${name}/${n}`), `${name}/mod.just`].map((f) =>
            path.join(dir, f),
          );
    const file = candidates.find((f) => w.ctx.readFile(f, dir) !== undefined);
    if (!file) {
      if (!m[1]) pastBound(w, 'just', `modules it could not find (${name})`);
      continue;
    }
    if (read.length >= MAX_FILES) return (pastBound(w, 'just', `justfiles (${MAX_FILES})`), out);
    read.push(file);
    const mod = justRecipes(withImports(w.ctx.readFile(file, dir) ?? '', file, read, w), options.shell, {
      dir: path.dirname(file),
      cwd: scope.cwd,
    });
    out.evaluated.push(...mod.evaluated);
    for (const [r, v] of mod.recipes)
      out.recipes.set(`${name}::${r}`, { deps: v.deps.map((d) => `${name}::${d}`), lines: v.lines });
    // `just NAME RECIPE` is `just NAME::RECIPE`; `just NAME` alone runs the module's first recipe.
    out.goals = out.goals.flatMap((g, k, all) =>
      g === name && !main.recipes.has(g)
        ? []
        : all[k - 1] === name && !main.recipes.has(name)
          ? [`${name}::${g}`]
          : [g],
    );
    if (goals.length === 1 && goals[0] === name && mod.first) out.goals = [`${name}::${mod.first}`];
  }
  return out;
}

function readAt(file: string, w: Walker): { file: string; text: string } | undefined {
  const text = w.ctx.readFile(file, path.dirname(file));
  return text === undefined ? undefined : { file, text };
}

function findFrom(start: string, w: Walker): { file: string; text: string } | undefined {
  let dir = start;
  for (let k = 0; k < MAX_UP; k++) {
    for (const n of JUSTFILE_NAMES) {
      const found = readAt(path.join(dir, n), w);
      if (found) return found;
    }
    if (dir === w.ctx.workspace || dir === path.dirname(dir)) break;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** The text with each `import 'FILE'` replaced by that file's text (its own imports too), bounded. */
function withImports(text: string, file: string, read: string[], w: Walker): string {
  return text.replace(
    /^import(\??)[ \t]+(?:'([^']*)'|"([^"]*)")[^\n]*$/gm,
    (_m, optional: string, a?: string, b?: string) => {
      const dir = path.dirname(file);
      const other = path.resolve(dir, (a ?? b ?? '').replace(/^~(?=\/)/, w.ctx.home));
      if (read.includes(other)) return '';
      if (read.length >= MAX_FILES) {
        pastBound(w, 'just', `justfiles (${MAX_FILES})`);
        return '';
      }
      const inner = w.ctx.readFile(other, dir);
      if (inner === undefined) {
        if (!optional) pastBound(w, 'just', `imports it could not read (${path.basename(other)})`);
        return '';
      }
      read.push(other);
      return withImports(inner, other, read, w);
    },
  );
}

/** just's options that take a value, skipped when looking for recipe names. */
export const JUST_GOAL_VALUED = [
  '-f',
  '--justfile',
  '-d',
  '--working-directory',
  '--set',
  '--shell',
  '--shell-arg',
  '--dotenv-filename',
  '--dotenv-path',
  '--color',
  '--command-color',
  '--chooser',
];

/** `-f FILE` / `--justfile FILE` and `-d DIR` / `--working-directory DIR` (also `--opt=value`). */
export function justOptions(argv: readonly string[]): { file?: string; dir?: string } {
  const out: { file?: string; dir?: string } = {};
  for (let i = 1; i < argv.length; i++) {
    const eq = /^(--[\w-]+)=(.*)$/s.exec(argv[i]);
    const flag = eq ? eq[1] : argv[i];
    if (flag === '-f' || flag === '--justfile') out.file = eq ? eq[2] : argv[++i];
    else if (flag === '-d' || flag === '--working-directory') out.dir = eq ? eq[2] : argv[++i];
    else if (!eq && JUST_GOAL_VALUED.includes(flag)) i += flag === '--set' ? 2 : 1;
  }
  return out;
}
