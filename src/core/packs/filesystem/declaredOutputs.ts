// `rm -rf site` beside mkdocs.yml, `rm -rf data/processed` that a dvc.yaml
// stage writes, `rm -rf renv/library` beside renv.lock: a folder the
// project's own site generator, data pipeline or dependency tool writes by
// its configuration (the key, or the tool's default layout) is made again by
// `mkdocs build`, `dvc repro` or `renv::restore()`. It counts as output only where the
// repository's .gitignore also ignores it, so a folder of work that happens to
// share the name (a `public` of a web app, a committed `book`) still asks. A
// configuration that cannot be read leaves the folder a folder of work.
import * as path from 'node:path';
import { within } from '../../command/locations';
import type { AnalysisContext } from '../../types';
import { ignoredOutputFolder } from './ignoredOutputs';

/** Folders looked at for a configuration, from the path's parent up to the workspace root. */
const MAX_LEVELS = 8;
const MAX_LINES = 2000;
const MAX_OUTPUTS = 64;

interface SiteTool {
  files: string[];
  /** The configuration key naming the output folder; the first match counts. */
  key: RegExp;
  fallback: string;
}

const SITE_TOOLS: SiteTool[] = [
  { files: ['mkdocs.yml', 'mkdocs.yaml'], key: /^site_dir\s*:\s*["']?([^"'\s#]+)/m, fallback: 'site' },
  // Jekyll
  { files: ['_config.yml', '_config.yaml'], key: /^destination\s*:\s*["']?([^"'\s#]+)/m, fallback: '_site' },
  {
    files: ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json'],
    key: /^\s*"?publishDir"?\s*[:=]\s*["']?([^"'\s#,]+)/m,
    fallback: 'public',
  },
  { files: ['book.toml'], key: /^\s*build-dir\s*=\s*["']([^"']+)/m, fallback: 'book' },
  { files: ['_quarto.yml', '_quarto.yaml'], key: /^\s+output-dir\s*:\s*["']?([^"'\s#]+)/m, fallback: '_site' },
];

/**
 * Folders a tool writes where its manifest sits, by the tool's own layout rather than a key: renv's package
 * library, Carthage's built frameworks, SwiftPM's workspace state, cibuildwheel's wheels, Quarto's freeze, mix's
 * coverage and docs, CocoaPods' plugin links in a Flutter app, Fresh's build, hpc's coverage and cabal's build,
 * sbt's build of its own build, Laravel's compiled views and caches, and Bazel's convenience links (`bazel-bin`, `bazel-<folder>`) to its output tree.
 */
const TOOL_OUTPUTS: { files: string[]; outputs: (dir: string) => string[] }[] = [
  { files: ['renv.lock'], outputs: () => ['renv/library', 'renv/staging', 'renv/sandbox', 'renv/python'] },
  { files: ['Cartfile', 'Cartfile.resolved'], outputs: () => ['Carthage/Build'] },
  { files: ['Package.swift'], outputs: () => ['.swiftpm', '.build'] },
  { files: ['pyproject.toml', 'setup.py', 'setup.cfg'], outputs: () => ['wheelhouse'] },
  { files: ['_quarto.yml', '_quarto.yaml'], outputs: () => ['_freeze'] },
  { files: ['mix.exs'], outputs: () => ['cover', 'doc'] },
  { files: ['Podfile'], outputs: () => ['.symlinks'] },
  { files: ['fresh.config.ts', 'fresh.gen.ts'], outputs: () => ['_fresh'] },
  { files: ['stack.yaml', 'cabal.project', 'package.yaml'], outputs: () => ['.hpc', 'dist-newstyle'] },
  { files: ['build.sbt'], outputs: () => ['project/project', 'project/target'] },
  // Laravel's compiled views and caches: each folder keeps a .gitignore of its own that ignores all it holds.
  { files: ['artisan'], outputs: () => ['storage/framework/views', 'storage/framework/cache', 'bootstrap/cache'] },
  {
    files: ['MODULE.bazel', 'WORKSPACE', 'WORKSPACE.bazel'],
    outputs: (dir) => ['bazel-bin', 'bazel-out', 'bazel-testlogs', `bazel-${path.posix.basename(dir)}`],
  },
];

function siteOutputs(dir: string, ctx: AnalysisContext): string[] {
  const out: string[] = [];
  for (const tool of TOOL_OUTPUTS)
    if (tool.files.some((f) => ctx.readFile(path.posix.join(dir, f), dir) !== undefined))
      out.push(...tool.outputs(dir));
  for (const tool of SITE_TOOLS)
    for (const file of tool.files) {
      const text = ctx.readFile(path.posix.join(dir, file), dir);
      if (text === undefined) continue;
      out.push(tool.key.exec(text)?.[1] ?? tool.fallback);
      break;
    }
  return out;
}

/** The `outs:` entries of a dvc.yaml's stages: `- data/processed`, `- models/m.pkl:` with options below it, `[a, b]`. */
function pipelineOutputs(dir: string, ctx: AnalysisContext): string[] {
  const text = ctx.readFile(path.posix.join(dir, 'dvc.yaml'), dir);
  if (text === undefined) return [];
  const out: string[] = [];
  let outsIndent = -1;
  let itemIndent = -1;
  for (const line of text.split('\n').slice(0, MAX_LINES)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const flow = /^\s*outs\s*:\s*\[([^\]]*)\]\s*$/.exec(line);
    if (flow) {
      for (const entry of flow[1].split(',').slice(0, MAX_OUTPUTS - out.length))
        out.push(entry.trim().replace(/^["']|["']$/g, ''));
      outsIndent = -1;
      continue;
    }
    const key = /^(\s*)outs\s*:\s*$/.exec(line);
    if (key) {
      outsIndent = indent;
      itemIndent = -1;
      continue;
    }
    if (outsIndent < 0) continue;
    const item = /^(\s*)-\s+["']?([^"'\s#:]+)["']?\s*:?\s*$/.exec(line);
    if (item && indent >= outsIndent && (itemIndent < 0 || indent === itemIndent)) {
      itemIndent = indent;
      if (out.length >= MAX_OUTPUTS) break;
      out.push(item[2]);
      continue;
    }
    // An option of the entry above (`cache: false`, `persist: true`) sits deeper; anything else ends the list.
    if (itemIndent >= 0 && indent > itemIndent) continue;
    outsIndent = -1;
  }
  return out;
}

/** Whether `abs` lies in a folder a site generator or dvc stage configured in an enclosing folder writes. */
/** `followsLast`: false when the delete removes a link at `abs` itself rather than going through it. */
export function declaredOutput(abs: string, ctx: AnalysisContext, followsLast = true): boolean {
  const root = ctx.workspace;
  if (ctx.windows || !abs.startsWith(root + '/')) return false;
  let dir = path.posix.dirname(abs);
  for (let level = 0; level < MAX_LEVELS; level++) {
    // A folder that is not there holds no configuration to read: one look at it instead of one per file it might
    // hold (a delete of `data/processed` where `data` was never made). Without a stat, every file is read.
    const there = !ctx.stat || ctx.stat(dir)?.isDir === true;
    for (const rel of there ? [...siteOutputs(dir, ctx), ...pipelineOutputs(dir, ctx)] : []) {
      if (/[$`*?[]/.test(rel) || path.posix.isAbsolute(rel)) continue;
      const output = path.posix.resolve(dir, rel);
      // An output that holds its own configuration (`site_dir: .`, `..`) is the project, not a build of it.
      if (!within(output, dir) || (abs !== output && !within(abs, output))) continue;
      if (ignoredOutputFolder(output, ctx, true, abs !== output || followsLast) || ignoresAllItHolds(output, ctx))
        return true;
    }
    if (dir === root || !dir.startsWith(root)) break;
    dir = path.posix.dirname(dir);
  }
  return false;
}

/**
 * A folder whose own .gitignore ignores everything in it (`*`, keeping only itself and folders that do the same,
 * `!.gitignore`, `!data/`): git keeps the empty folder, never what the tool writes there.
 */
function ignoresAllItHolds(dir: string, ctx: AnalysisContext): boolean {
  const text = ctx.readFile(path.posix.join(dir, '.gitignore'), dir);
  if (text === undefined) return false;
  const lines = text
    .split('\n')
    .slice(0, MAX_LINES)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return lines.includes('*') && lines.every((l) => l === '*' || l === '!.gitignore' || /^![\w-]+\/$/.test(l));
}
