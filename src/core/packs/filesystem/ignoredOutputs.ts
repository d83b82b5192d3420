// A folder whose name is a build output in some ecosystems and source in
// others (`bin` holds Go's binaries but Rails' scripts; `lib` is tsc's outDir
// or a package's code): it counts as output where the repository's own
// .gitignore ignores it (by name, path or a wildcard within a segment, `dist-*`),
// so `make clean` (`rm -rf build dist bin`) stays quiet in a Go repository and
// `rm -rf bin` still asks in a Rails app.
import * as path from 'node:path';
import type { AnalysisContext } from '../../types';

const AMBIGUOUS_OUTPUTS = new Set([
  'bin',
  'gen',
  'lib',
  'pkg',
  'assets',
  'packs',
  'artifacts',
  // One ecosystem's build, environment or language-server output (cabal, Scala's build servers, Kotlin's daemon,
  // Android's native build, AWS SAM, PlatformIO, Godot, Clojure, Zig, YARD, pixi, opam, pdm, Quarto, Firebase,
  // Elixir's language server, Python type checkers, TanStack and React Router type generation): a plain name
  // elsewhere, so only where the repository ignores it.
  'dist-newstyle',
  '.cabal-sandbox',
  '.bloop',
  '.metals',
  '.bsp',
  '.scala-build',
  '.kotlin',
  '.cxx',
  '.externalNativeBuild',
  '.aws-sam',
  '.pio',
  '.godot',
  '.import',
  '.shadow-cljs',
  '.cpcache',
  'zig-cache',
  '.yardoc',
  '.pixi',
  '_opam',
  '.pdm-build',
  '.quarto',
  '.firebase',
  '.elixir_ls',
  '.pytype',
  '.pyre',
  '.tanstack',
  '.react-router',
  // Django's collectstatic, vcpkg's manifest-mode install tree, Hugo's processed resources, fastlane's test output,
  // Jekyll's built site.
  'staticfiles',
  'vcpkg_installed',
  '_gen',
  'test_output',
  '_site',
]);
/** A cache by its name (`.phpunit.cache`, `.jekyll-cache`, `.terragrunt-cache`, `ccls_cache`): where git ignores it. */
export const CACHE_NAME = /^\.?[\w.-]*[._-]cache$/i;
/** .gitignore files looked at, from the folder's parent up to the workspace root. */
const MAX_LEVELS = 8;
const MAX_LINES = 2000;

/**
 * Whether a .gitignore of the workspace ignores this folder by a plain line (no wildcard, no `!` about it). Only the
 * ambiguous output names and cache names count, unless `anyName` (a path that is not there now: `make clean` removing `app`, the
 * program it builds, before the first build). A folder inside such an ignored output folder (`.godot/imported`) is
 * output too, unless a `!` line names one of the segments below it.
 */
export function ignoredOutputFolder(abs: string, ctx: AnalysisContext, anyName = false, followsLast = true): boolean {
  if (ctx.windows || !abs.startsWith(ctx.workspace + '/')) return false;
  // A symbolic link on the way (`.godot/link/` to `../src`) leads the delete somewhere else: not this output. A link
  // at the last name counts only when the delete goes through it: `rm -rf bazel-out` removes the link itself.
  const where = whereOnDisk(followsLast ? abs : path.posix.dirname(abs), ctx);
  if (where === 'elsewhere') return false;
  if (ignoredByName(abs, ctx, anyName)) return true;
  if (where !== 'here') return false;
  for (let dir = path.posix.dirname(abs), level = 0; level < MAX_LEVELS; dir = path.posix.dirname(dir), level++) {
    if (!dir.startsWith(ctx.workspace + '/')) return false;
    if (ignoredByName(dir, ctx, false)) return !reincludedBelow(dir, abs, ctx);
  }
  return false;
}

/**
 * Whether the nearest part of `abs` there now resolves where it is spelled ('here'), through a link somewhere else
 * ('elsewhere'), or cannot be told (no lookup of real paths).
 */
function whereOnDisk(abs: string, ctx: AnalysisContext): 'here' | 'elsewhere' | 'unknown' {
  const root = ctx.realpath?.(ctx.workspace);
  if (!ctx.realpath || root === undefined) return 'unknown';
  for (
    let p = abs, level = 0;
    level < MAX_LEVELS * 4 && p.startsWith(ctx.workspace + '/');
    p = path.posix.dirname(p), level++
  ) {
    const real = ctx.realpath(p);
    if (real !== undefined) return real === root + p.slice(ctx.workspace.length) ? 'here' : 'elsewhere';
  }
  return 'unknown';
}

function ignoredByName(abs: string, ctx: AnalysisContext, anyName: boolean): boolean {
  const name = path.posix.basename(abs);
  if (!anyName && !AMBIGUOUS_OUTPUTS.has(name) && !CACHE_NAME.test(name)) return false;
  const root = ctx.workspace;
  let dir = path.posix.dirname(abs);
  let found = false;
  for (let level = 0; level < MAX_LEVELS; level++) {
    const text = ctx.readFile(path.posix.join(dir, '.gitignore'), dir);
    if (text !== undefined) {
      const verdict = readIgnore(text, path.posix.relative(dir, abs), name);
      if (verdict === 'negated') return false;
      if (verdict === 'ignored') found = true;
    }
    if (dir === root || !dir.startsWith(root)) break;
    dir = path.posix.dirname(dir);
  }
  return found;
}

/** Whether a `!` line of a .gitignore from `abs`'s folder up to the workspace names a segment of `abs` below `outer`. */
function reincludedBelow(outer: string, abs: string, ctx: AnalysisContext): boolean {
  const names = abs.slice(outer.length + 1).split('/');
  // A .gitignore in the folder itself that re-includes anything keeps files git tracks there.
  if (/^\s*!/m.test(ctx.readFile(path.posix.join(abs, '.gitignore'), abs) ?? '')) return true;
  let dir = path.posix.dirname(abs);
  for (let level = 0; level < MAX_LEVELS * 2; level++) {
    const text = ctx.readFile(path.posix.join(dir, '.gitignore'), dir);
    // Unreadable is no answer: only a file that is there and says `!` re-includes.
    if (text !== undefined)
      for (const raw of text.split('\n').slice(0, MAX_LINES)) {
        const line = raw.trim();
        if (line.startsWith('!') && names.some((n) => line.includes(n))) return true;
      }
    if (dir === ctx.workspace || !dir.startsWith(ctx.workspace)) break;
    dir = path.posix.dirname(dir);
  }
  return false;
}

function readIgnore(text: string, rel: string, name: string): 'ignored' | 'negated' | undefined {
  let verdict: 'ignored' | undefined;
  const lines = text.split('\n');
  for (const raw of lines.slice(0, MAX_LINES)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    // Any re-inclusion under the folder's name: git's rules get subtle, so it stays a folder of work.
    if (line.startsWith('!')) {
      if (line.includes(name)) return 'negated';
      continue;
    }
    const bare = line.replace(/\/+$/, '');
    const anchored = bare.startsWith('/') || bare.slice(0, -1).includes('/');
    const pattern = bare.replace(/^\/+/, '').replace(/^\*\*\//, '');
    if (/[[\\]/.test(pattern) || pattern.includes('**')) continue;
    const against = anchored && !bare.startsWith('**/') ? rel : name;
    if (/[*?]/.test(pattern) ? segmentGlob(pattern)?.test(against) : pattern === against) verdict = 'ignored';
  }
  return verdict;
}

/**
 * `dist-*`, `/bazel-*`, `*.egg-info`: a wildcard within each segment, as git reads it (`*` and `?` never cross a
 * `/`). A segment of wildcards alone (a bare `*`) names no output: whitelisting .gitignores start with one.
 */
function segmentGlob(pattern: string): RegExp | undefined {
  if (pattern.split('/').some((seg) => !/[^*?]/.test(seg))) return undefined;
  const body = pattern
    .replace(/[.+^${}()|]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}
