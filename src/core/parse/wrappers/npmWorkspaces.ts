// The folders npm's `-w`/`--workspace` (and `-ws`/`--workspaces`) pick, and
// the other monorepo tools' picks (workspaceRuns.ts): a script then runs from
// that package's package.json, in that package's folder.
// A value is a folder (`-w packages/app`) or a package's name (`-w @acme/app`)
// among the root's `workspaces` (each a folder or `folder/*`).
import * as path from 'node:path';
import { pastTargets, type Scope, type Walker } from '../normalize/scope';

/** Most workspace packages read. */
const MAX_PACKAGES = 32;

interface Root {
  dir: string;
  globs: string[];
}

function packageJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** pnpm-workspace.yaml's `packages:` items (`- "packages/*"`, one a line). */
export function pnpmPackages(text: string | undefined): string[] {
  const list = text && /^packages:[ \t]*\n((?:[ \t]*(?:-.*|#.*)?\n?)*)/m.exec(text)?.[1];
  return [...(list || '').matchAll(/^[ \t]*-[ \t]*(["']?)([^"'\n#]+?)\1[ \t]*(?:#.*)?$/gm)].map((m) => m[2]);
}

/**
 * The nearest folder up to the workspace root that declares workspace packages: package.json's `workspaces` (npm,
 * yarn, bun), pnpm-workspace.yaml's `packages` (pnpm) or lerna.json's `packages` (lerna).
 */
function workspaceRoot(scope: Scope, w: Walker): Root | undefined {
  let dir = scope.cwd;
  for (let k = 0; k < 16; k++) {
    const read = (name: string) => w.ctx.readFile(path.join(dir, name), scope.cwd);
    const ws = packageJson(read('package.json'))?.workspaces;
    const globs = [...strings(ws), ...strings((ws as Record<string, unknown> | undefined)?.packages)];
    if (!globs.length) globs.push(...pnpmPackages(read('pnpm-workspace.yaml')));
    if (!globs.length) globs.push(...strings(packageJson(read('lerna.json'))?.packages));
    if (globs.length) return { dir, globs };
    if (dir === w.ctx.workspace || dir === path.dirname(dir)) break;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** The package folders of the root's `workspaces`, bounded: a list cut short is a finding. */
function packageDirs(root: Root, w: Walker, via: string): string[] {
  const dirs: string[] = [];
  for (const glob of root.globs.slice(0, MAX_PACKAGES)) {
    const g = glob.replace(/^\.\//, '').replace(/\/+$/, '');
    if (!g || g.startsWith('!') || path.isAbsolute(g) || g.split('/').includes('..')) continue;
    if (!/[*?[{]/.test(g)) dirs.push(path.join(root.dir, g));
    else if (/^[^*?[{]+\/\*$/.test(g)) {
      const base = path.join(root.dir, g.slice(0, -2));
      for (const e of w.ctx.readdir?.(base) ?? [])
        if (e.dir && !e.name.startsWith('.')) dirs.push(path.join(base, e.name));
    }
  }
  if (dirs.length > MAX_PACKAGES) w.addFinding(pastTargets(via, MAX_PACKAGES));
  return dirs.slice(0, MAX_PACKAGES);
}

/**
 * The folders `-w VALUE…` (or every package, `-ws`) names. A value that is a folder with a package.json is that
 * folder; else the workspace package of that name or folder. A value that names none picks nothing (npm stops).
 */
export function workspaceFolders(
  values: readonly string[],
  all: boolean,
  scope: Scope,
  w: Walker,
  via: string,
): string[] {
  const out: string[] = [];
  const root = workspaceRoot(scope, w);
  const dirs = root ? packageDirs(root, w, via) : [];
  if (all) return dirs;
  for (const value of values.slice(0, MAX_PACKAGES)) {
    const direct = path.resolve(scope.cwd, value);
    if (w.ctx.readFile(path.join(direct, 'package.json'), scope.cwd) !== undefined) {
      out.push(direct);
      continue;
    }
    const named = dirs.find(
      (d) =>
        d === path.resolve(root?.dir ?? scope.cwd, value) ||
        packageJson(w.ctx.readFile(path.join(d, 'package.json'), scope.cwd))?.name === value,
    );
    if (named) out.push(named);
  }
  return out;
}
