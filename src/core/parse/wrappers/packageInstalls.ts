// `npm ci && node node_modules/typescript/bin/tsc -p .`: the file node runs is
// not there yet, and the only commands before it that make files install the
// project's declared packages. What runs is then a package's own code, trusted
// as it is when run by its bin's name (`npm ci && npx tsc`, pathPrograms.ts)
// and as an installed package's file left as its install made it is
// (installedFiles.ts): not read. An install that names packages, paths or
// URLs, any other command that may make files, or a write the line makes
// below node_modules leaves the file unknown, as before.
import * as path from 'node:path';
import type { SimpleCommand } from '../../types';
import type { Walker } from '../normalize/scope';
import { positionals } from '../../command/args';
import { within } from './lineChanges';

const PACKAGES = '/node_modules/';

/** Each package manager's commands that install what the project declares (its manifest and lockfile), no more. */
const INSTALLS: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set(['ci', 'install', 'i', 'in', 'isntall', 'clean-install']),
  pnpm: new Set(['install', 'i']),
  yarn: new Set(['install']),
  bun: new Set(['install', 'i']),
};

/** Options naming the folder an install works in. */
const FOLDER_OPTIONS = ['--prefix', '--dir', '-C', '--cwd'];

/** The folder a command installs the project's declared packages into, or undefined when it is not such an install. */
function declaredInstallFolder(c: SimpleCommand): string | undefined {
  if (c.dynamic.includes(true)) return undefined;
  const prog = path.basename(c.argv[0] ?? '');
  const subs = INSTALLS[prog];
  if (subs === undefined) return undefined;
  // Any positional word but the subcommand names a package, a path or a URL (or an option's value: read as one).
  const words = positionals(c.argv, FOLDER_OPTIONS);
  // `yarn` alone installs.
  if (!(words.length === 1 && subs.has(words[0])) && !(prog === 'yarn' && words.length === 0)) return undefined;
  let folder: string | undefined;
  for (let i = 1; i < c.argv.length; i++) {
    const a = c.argv[i];
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!FOLDER_OPTIONS.includes(name)) continue;
    folder = eq > 0 ? a.slice(eq + 1) : c.argv[++i];
  }
  return path.resolve(c.cwd, folder ?? '.');
}

/**
 * Whether `file` (absolute, not on disk now) is a package's file that the line's earlier commands that may make
 * files (`makers`) put there: each of them installs the project's declared packages into a folder holding it below a
 * node_modules folder that is no link, or is a step of such an install's own scripts, and nothing on the line writes
 * below node_modules.
 */
export function installedByLine(file: string, makers: readonly SimpleCommand[], w: Walker): boolean {
  if (!file.includes(PACKAGES) || makers.length === 0) return false;
  for (const f of w.written.keys()) if (f.includes(PACKAGES)) return false;
  for (const f of w.writtenUnknown) if (f.includes(PACKAGES)) return false;
  // The labels an install's own steps carry (`npm ci`, `yarn install`): the install's text and what it ran through.
  const installs = new Set<string>();
  const accepted = new Set<SimpleCommand>();
  for (let i = 0; i < makers.length; i++) {
    const folder = declaredInstallFolder(makers[i]);
    if (folder === undefined) continue;
    if (!within(folder, file)) return false;
    const rest = file.slice(folder.length);
    const at = rest.indexOf(PACKAGES);
    if (at < 0) return false;
    // A node_modules folder that leads elsewhere (a link to the home's folder) is not the install's own.
    const modules = folder + rest.slice(0, at + PACKAGES.length - 1);
    const real = w.ctx.realpath?.(modules);
    if (real !== undefined && real !== modules) return false;
    installs.add(makers[i].source);
    if (makers[i].via.length) installs.add(makers[i].via[0]);
    accepted.add(makers[i]);
  }
  // The project's own lifecycle scripts the install runs (`postinstall`) were judged as its steps; they run before
  // the file does either way, as they do before `npm ci && npx tsc`.
  for (let i = 0; i < makers.length; i++)
    if (!accepted.has(makers[i]) && !(makers[i].via.length && installs.has(makers[i].via[0]))) return false;
  return true;
}
