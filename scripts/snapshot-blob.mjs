#!/usr/bin/env node
// A V8 startup snapshot of the engine bundle (dist/agentguard.js), for measuring only: AgentGuard does not
// ship or run one (docs/performance.md, "A V8 startup snapshot, measured"). The snapshot holds the bundle's
// module bodies already run, the modules a hook call and a check import already initialized, and, when a
// code cache of a real call is given, the bytecode of the functions that call compiled. Only module bodies
// run while it is built: no judgment, so nothing of the building account (its home, its state folder) is
// remembered in it.
//
//   node scripts/snapshot-blob.mjs --out FILE [--dist DIR] [--code-cache FILE]
//   node --snapshot-blob FILE hook claude        runs the CLI from it (the node binary that built it only)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The snapshot builder's entry script. It may require only Node's own modules, and its `require` serves
 * only those after the snapshot is deserialized too: the bundle gets a require that, once running, resolves
 * beside the bundle (dist/validate.js, dist/ship.js). Node 20's builder has no SharedArrayBuffer, and
 * warns that `node:vm` and `node:module` are not verified in it (they are used here only to compile the
 * bundle with its code cache, before the snapshot is taken).
 */
function entrySource(bundle, codeCache) {
  return `'use strict';
const fs = require('node:fs');
const vm = require('node:vm');
const Module = require('node:module');
const bundle = ${JSON.stringify(bundle)};
let resolver = require;
const bundleRequire = (id) => resolver(id);
bundleRequire.resolve = (id, options) => resolver.resolve(id, options);
const mod = { exports: {} };
const cachedData = ${codeCache ? `fs.readFileSync(${JSON.stringify(codeCache)})` : 'undefined'};
const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
if (cachedData && script.cachedDataRejected) throw new Error('the code cache given does not belong to this bundle and node');
globalThis.__AGENTGUARD_LIBRARY__ = true;
script.runInThisContext().call(mod.exports, mod.exports, bundleRequire, mod, bundle, ${JSON.stringify(path.dirname(bundle))});
delete globalThis.__AGENTGUARD_LIBRARY__;
let loaded = false;
mod.exports.loadForSnapshot().then(() => { loaded = true; });
require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {
  if (!loaded) throw new Error('the snapshot was taken before the CLI finished loading');
  resolver = Module.createRequire(bundle);
  // As if started as \`node dist/cli.js ARGS\`: the CLI reads its arguments from argv[2] on. (Its own install,
  // protected in every confined line, it finds from the bundle's file: core/guard/runningInstall.ts.)
  process.argv.splice(1, 0, ${JSON.stringify(path.join(path.dirname(bundle), 'cli.js'))});
  mod.exports.runMain();
});
`;
}

/** Builds the snapshot of `dist`'s bundle into `out` with this node; throws with the builder's output when it fails. */
export function buildSnapshotBlob({ out, dist = path.join(root, 'dist'), codeCache }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-snapshot-'));
  try {
    const entry = path.join(tmp, 'entry.js');
    fs.writeFileSync(entry, entrySource(path.resolve(dist, 'agentguard.js'), codeCache && path.resolve(codeCache)));
    const r = spawnSync(process.execPath, ['--snapshot-blob', path.resolve(out), '--build-snapshot', entry], {
      encoding: 'utf8',
      cwd: tmp,
    });
    if (r.status !== 0 || !fs.existsSync(out))
      throw new Error(`node --build-snapshot failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return path.resolve(out);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opt = (name) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const out = opt('--out');
  if (!out) {
    console.error('usage: node scripts/snapshot-blob.mjs --out FILE [--dist DIR] [--code-cache FILE]');
    process.exit(64);
  }
  console.log(buildSnapshotBlob({ out, dist: opt('--dist'), codeCache: opt('--code-cache') }));
}
