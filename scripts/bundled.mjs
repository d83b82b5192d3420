// The benchmarks time AgentGuard's code bundled as the hook and the editor
// run it: the unbundled build in out/ calls across modules through getters,
// which would time the module layout rather than the work. One set of
// esbuild options for every benchmark script.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Bundles `entry` (a file, or esbuild's `{ stdin }`) into `outfile`; `extra`: more esbuild options (sourcemap, define). */
export function bundleTo(entry, outfile, extra = {}) {
  require('esbuild').buildSync({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : entry),
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    mainFields: ['module', 'main'],
    external: ['./validate'],
    logLevel: 'error',
    ...extra,
  });
}

/** `entry` bundled, loaded and its file removed: the module's exports. */
export function loadBundled(entry, extra = {}) {
  const file = path.join(os.tmpdir(), `agentguard-bench-${process.pid}-${Math.random().toString(36).slice(2)}.js`);
  bundleTo(entry, file, extra);
  try {
    return require(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
