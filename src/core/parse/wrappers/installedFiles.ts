// A file of a package an install put in node_modules, run by node or by its
// path (`node node_modules/typescript/bin/tsc`, `./node_modules/mocha/bin/mocha.js`):
// it is the package's own code, trusted as its `node_modules/.bin` link is
// (pathPrograms.ts), while it is as the install left it. Reading it would
// read each tool's own code (TypeScript's compiler is some 6 MB) for every
// call that names its file rather than its bin. A file changed since the
// install, one the line itself may change first, one outside an installed
// package (a link to the workspace's own folder), and the workspace's own
// package are read as any script is.
import * as path from 'node:path';
import type { Pending, Walker } from '../normalize/scope';
import { within } from './lineChanges';
import { madeBefore } from './madeOnLine';

/** A package's own folder: what npm installed there is the package's code, run by the bin's name. */
export const IN_PACKAGE = /\/node_modules\/(?!\.bin\/)/;
const PACKAGES = '/node_modules/';

/**
 * How much later than its package's package.json an installed file may have been written: an install extracts a
 * package's files within a second or two of each other (or gives them all the tarball's fixed time).
 */
const INSTALL_SPAN_MS = 10_000;

/** The package.json of the installed package holding `real` (`…/node_modules/@scope/pkg/bin/x.js`), the nearest. */
function packageManifest(real: string): string | undefined {
  const at = real.lastIndexOf(PACKAGES);
  if (at < 0) return undefined;
  const parts = real.slice(at + PACKAGES.length).split('/', 3);
  const depth = parts[0]?.startsWith('@') ? 2 : 1;
  if (parts.length <= depth || parts.slice(0, depth).some((x) => x === '' || x === '.' || x === '..')) return undefined;
  return real.slice(0, at + PACKAGES.length) + parts.slice(0, depth).join('/') + '/package.json';
}

/**
 * Whether a package's file is as the install left it: written no later than its package.json, give or take the
 * install's own seconds (one an earlier command on the line changes is found by the caller). A file changed since
 * (`echo … >>` it, an editor's save) runs what was added, whatever the package's name: it is read, and so is one
 * whose times are unknown. A package folder holding `.git` was cloned there, not installed (an install packs a git
 * dependency first): every file of a clone is as fresh as its package.json.
 */
export function asInstalled(real: string, w: Walker): boolean {
  const manifest = packageManifest(real);
  if (manifest === undefined || w.ctx.stat?.(path.dirname(manifest) + '/.git') !== undefined) return false;
  const made = w.ctx.stat?.(manifest)?.mtimeMs;
  const written = w.ctx.stat?.(real)?.mtimeMs;
  return made !== undefined && written !== undefined && written <= made + INSTALL_SPAN_MS;
}

/**
 * Whether `file` (absolute) is a file of an installed package as its install left it, on a line that changes nothing
 * before it runs. Any earlier command that may write (an unpack into node_modules keeps the archive's times, so a
 * planted package would look installed), or a write the line makes below node_modules, and it is read.
 */
export function installedAsIs(file: string, p: Pending, w: Walker): boolean {
  // Cheap first: almost every script a line runs is the workspace's own.
  if (!file.includes(PACKAGES)) return false;
  const real = w.ctx.realpath?.(file);
  const manifest = real === undefined || !IN_PACKAGE.test(real) ? undefined : packageManifest(real);
  if (real === undefined || manifest === undefined) return false;
  // The workspace's own package (a workspace that is itself inside a node_modules folder) is its own code.
  const pkg = path.dirname(manifest);
  if (within(pkg, w.ctx.workspace)) return false;
  const modules = pkg.slice(0, real.lastIndexOf(PACKAGES) + PACKAGES.length - 1);
  for (const set of [w.written, w.writtenUnknown])
    for (const f of set.keys()) if (within(modules, f) || within(path.dirname(file), f)) return false;
  return !madeBefore(w, p) && asInstalled(real, w);
}
