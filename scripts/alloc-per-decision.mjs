#!/usr/bin/env node
// What the engine allocates per decision, and where: every corpus command judged in-process (the engine bundled
// as the hook runs it) after warm-up passes, under V8's sampling heap profiler with the objects the collector
// freed kept, so garbage counts as much as what stays. Places are mapped to src/ through the bundle's source map.
//
//   node scripts/alloc-per-decision.mjs [--passes 3] [--top 25]
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from 'node:inspector/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchCorpusFiles, corpusRows } from './corpus-rows.mjs';
import { sourcePlace } from './source-place.mjs';
import { bundleTo } from './bundled.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i !== -1 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
};
const passes = option('--passes', 3);
const top = option('--top', 25);

const require = createRequire(import.meta.url);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-alloc-'));
try {
  const bundle = path.join(tmp, 'engine.js');
  bundleTo(path.join(root, 'src', 'core', 'engine.ts'), bundle, { sourcemap: true });
  const { evaluate } = require(bundle);
  const home = path.join(tmp, 'home');
  const workspace = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
  const opts = { workspace, home, env: { HOME: home, PATH: process.env.PATH ?? '' } };
  const requests = corpusRows(benchCorpusFiles(root)).map((r) => ({
    command: r.command,
    cwd: workspace,
    ...(r.shell ? { shell: r.shell } : {}),
    ...(r.env ? { env: { HOME: home, ...r.env } } : {}),
  }));
  for (let i = 0; i < passes; i++) for (const req of requests) evaluate(req, opts);

  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < passes; i++) for (const req of requests) evaluate(req, opts);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();

  const bundleUrl = pathToFileURL(bundle).href;
  const place = (frame) => {
    // A CommonJS module's frames name it by path, an ES module's by URL.
    const ours = frame.url === bundle || frame.url === bundleUrl;
    const at = ours ? sourcePlace(bundleUrl, frame.lineNumber, frame.columnNumber) : undefined;
    const where = at ? `${at.file}:${at.line}` : frame.url ? path.basename(frame.url) : '(V8)';
    return `${frame.functionName || '(anonymous)'} ${where}`;
  };
  const self = new Map();
  let total = 0;
  // Bounded by the profile's own tree; a node's self size is what was allocated in it, not in what it called.
  const stack = [profile.head];
  while (stack.length) {
    const node = stack.pop();
    total += node.selfSize;
    const k = place(node.callFrame);
    self.set(k, (self.get(k) ?? 0) + node.selfSize);
    stack.push(...node.children);
  }
  const decisions = passes * requests.length;
  console.log(
    `allocated per decision: ${(total / decisions / 1024).toFixed(1)} KB (${requests.length} corpus commands × ${passes} passes after ${passes} warm-up passes, ${process.version})`,
  );
  for (const [k, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${String(Math.round(bytes / decisions)).padStart(6)} B  ${k}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
