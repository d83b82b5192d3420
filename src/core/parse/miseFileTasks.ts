// mise's file tasks: a script in one of mise's task folders, run by its shebang's
// program, found by the task's name. A config task's `depends` may name one, so
// the walk from the task called follows names no config defines into files.
import * as path from 'node:path';
import type { Scope, Walker } from './normalize/scope';
import { MAX_RECIPES, MAX_UP, type Recipes } from './recipes';
import { runnerLines, TASK_FILE } from './tomlTasks';

/** The folders mise reads file tasks from, in a project. */
const MISE_TASK_DIRS = ['mise-tasks', '.mise-tasks', 'mise/tasks', '.mise/tasks', '.config/mise/tasks'];

/**
 * The file tasks `mise run NAME` runs: a file named after the task (`db:up` → `db/up`) in one of mise's task folders,
 * in the nearest folder holding one. mise names a task after its file with the extension kept and answers to the
 * name without it too, so `deploy` also finds `deploy.py`, and finds every such file (`build.sh` and `build.ps1`).
 */
function miseTaskFiles(name: string, scope: Scope, w: Walker): string[] {
  const rel = name.replace(/:/g, '/');
  const stem = path.basename(rel);
  let dir = scope.cwd;
  for (let k = 0; k < MAX_UP; k++) {
    const found: string[] = [];
    for (const tasks of MISE_TASK_DIRS) {
      const exact = path.join(dir, tasks, rel);
      if (w.ctx.readFile(exact, dir) !== undefined) found.push(exact);
      const folder = path.dirname(exact);
      for (const e of (w.ctx.readdir?.(folder) ?? []).slice(0, 4096)) {
        if (!e.dir && e.name.includes('.', 1) && e.name.slice(0, e.name.lastIndexOf('.')) === stem)
          found.push(path.join(folder, e.name));
      }
    }
    if (found.length) return found.slice(0, MAX_RECIPES);
    if (dir === w.ctx.workspace || dir === path.dirname(dir)) break;
    dir = path.dirname(dir);
  }
  return [];
}

/**
 * The file tasks the task `name` reaches: itself and, through `depends` and `run = [{ task }]`, the tasks it names
 * that no config defines, each found as mise finds a file task. Bounded as linesOf's walk is.
 */
export function addMiseFileTasks(recipes: Recipes, name: string, scope: Scope, w: Walker): void {
  const queue = [name];
  const seen = new Set<string>();
  for (let i = 0; i < queue.length && i < MAX_RECIPES * 8 && seen.size < MAX_RECIPES; i++) {
    if (seen.has(queue[i])) continue;
    seen.add(queue[i]);
    const files = recipes.has(queue[i]) ? [] : miseTaskFiles(queue[i], scope, w);
    if (files.length) {
      const deps = files.flatMap((f) => headerDepends(w.ctx.readFile(f, scope.cwd) ?? ''));
      recipes.set(queue[i], { deps, lines: files.map((f) => TASK_FILE + f) });
    }
    queue.push(...(recipes.get(queue[i])?.deps ?? []));
  }
}

/** A file task's `#MISE depends=[…]` (and `depends_post`, `// MISE …`, `# [MISE] …`) header lines. */
const DEPENDS_HEADER = /^\s*(?:#|\/\/|::)\s*\[?mise\]?\s+(?:depends|depends_post)\s*=\s*(.*)$/i;
/** Lines of a file task looked through for its header. */
const HEADER_LINES = 64;

/** The tasks a file task's header says run with it: each entry's first word (the rest are its arguments). */
function headerDepends(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n', HEADER_LINES)) {
    const m = DEPENDS_HEADER.exec(line);
    for (const q of m ? m[1].matchAll(/"([^"]*)"|'([^']*)'/g) : []) {
      const name = (q[1] ?? q[2]).trim().split(/\s+/)[0];
      if (name && out.length < MAX_RECIPES) out.push(name);
    }
  }
  return out;
}

/** A script file a task runs, as its shebang's program runs it (runnerLines), or as `sh FILE` without one. */
export function fileRun(file: string, scope: Scope, w: Walker): string[] {
  const bang = /^#!\s*([^\n]*)/.exec(w.ctx.readFile(file, scope.cwd) ?? '');
  return runnerLines(bang ? bang[1].trim() : 'sh', [], file);
}
