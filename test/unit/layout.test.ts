// The layout is the architecture (docs/ARCHITECTURE.md): modules stay small,
// no module imports one that imports it back, and the rooms of src/core form
// a one-way order, so a newcomer can read any room top-down.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const repo = path.resolve(__dirname, '..', '..', '..');
const src = path.join(repo, 'src');
const core = path.join(src, 'core');
/** Near 400 lines is the size the best extensions keep; past this a module wants splitting. */
const MAX_LINES = 420;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Relative imports of a module, static and dynamic, type-only ones included: a shared type is a tie too. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.[^'"]*)['"]/g)) {
    const base = path.resolve(path.dirname(file), m[1]);
    const hit = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c));
    if (hit) out.push(hit);
  }
  return out;
}

/** Strongly connected groups of more than one node (Tarjan), as sorted lists. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const files = sources(src);
const rel = (f: string) => path.relative(repo, f);

test('no module in src is longer than ~400 lines', () => {
  const long = files.map((f) => ({ f: rel(f), n: fs.readFileSync(f, 'utf8').split('\n').length })).filter((x) => x.n > MAX_LINES);
  assert.deepEqual(long, []);
});

test('no two modules in src import each other, directly or around a circle', () => {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  assert.deepEqual(cycles(graph).map((c) => c.map(rel)), []);
});

test('the rooms of src/core import one way only, and core imports no door', () => {
  // engine.ts and types.ts, the front door, stand each on their own.
  const roomOf = (f: string) => path.relative(core, f).split(path.sep)[0];
  const graph = new Map<string, Set<string>>();
  const doors: string[] = [];
  for (const f of files.filter((x) => x.startsWith(core + path.sep))) {
    for (const dep of importsOf(f)) {
      if (!dep.startsWith(core + path.sep)) {
        if (!dep.startsWith(path.join(src, 'shared') + path.sep)) doors.push(`${rel(f)} -> ${rel(dep)}`);
        continue;
      }
      const [a, b] = [roomOf(f), roomOf(dep)];
      if (a === b) continue;
      if (!graph.has(a)) graph.set(a, new Set());
      graph.get(a)!.add(b);
    }
  }
  assert.deepEqual(doors, [], 'src/core imports only itself and src/shared');
  assert.deepEqual(cycles(new Map([...graph].map(([k, v]) => [k, [...v]]))), []);
});
