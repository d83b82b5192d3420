#!/usr/bin/env node
// Where a process's CPU time goes, from a `node --cpu-prof` profile: self and
// inclusive time per function and inclusive time per source file, mapped back
// to src/ through the bundle's source map when there is one
// (source-place.mjs). A function counts once per sample however deep it
// recurses, so inclusive figures never exceed the whole.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/p dist/cli.js check --batch < lines.jsonl > /dev/null
//   node scripts/profile-summary.mjs /tmp/p/*.cpuprofile [--top 30] [--per N]
//
// --per N divides every figure by N (the lines of a batch) and prints µs each. Several profiles (runs of the
// same batch) are averaged.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sourcePlace } from './source-place.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i === -1) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const top = Number(option('--top', '30'));
const per = Number(option('--per', '0'));
const files = args;
if (!files.length) {
  console.error('usage: profile-summary.mjs FILE.cpuprofile... [--top N] [--per LINES]');
  process.exit(64);
}

/** `name (src/file.ts:line)`, through the source map when the bundle has one. */
function where(frame) {
  const { url, lineNumber, columnNumber } = frame;
  const name = frame.functionName || '(anonymous)';
  if (!url) return { fn: name, file: name.startsWith('(') ? name : '(native)' };
  const src = sourcePlace(url, lineNumber, columnNumber);
  if (src) return { fn: `${name} (${src.file}:${src.line})`, file: src.file };
  const short = url.startsWith('node:') ? url : path.basename(url);
  return { fn: `${name} (${short}:${lineNumber + 1})`, file: short };
}

/** A source file's room: `src/core/parse/bash/walk.ts` → `src/core/parse`; Node's own code → `node:`; the rest as is. */
function room(file) {
  if (file.startsWith('src/'))
    return file
      .split('/')
      .slice(0, file.startsWith('src/core/') ? 3 : 2)
      .join('/');
  if (file.startsWith('node_modules/')) return file.split('/').slice(0, 2).join('/');
  if (file.startsWith('node:')) return 'node: (Node.js itself)';
  return file;
}

const self = new Map();
const selfRoom = new Map();
const inclusiveFn = new Map();
const inclusiveFile = new Map();
let total = 0;
let nodes = 0;
// Averaged over the profiles: each sample's time counts once divided by their number.
const add = (m, k, t) => m.set(k, (m.get(k) ?? 0) + t / files.length);
for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = new Map(profile.nodes.map((n) => [n.id, where(n.callFrame)]));
  nodes += profile.nodes.length;
  for (let i = 0; i < profile.samples.length; i++) {
    const t = (profile.timeDeltas[i + 1] ?? 0) / 1000; // the time until the next sample, ms
    const id = profile.samples[i];
    total += t / files.length;
    add(self, label.get(id).fn, t);
    add(selfRoom, room(label.get(id).file), t);
    const fns = new Set();
    const places = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const l = label.get(n);
      fns.add(l.fn);
      places.add(l.file);
    }
    for (const f of fns) add(inclusiveFn, f, t);
    for (const f of places) add(inclusiveFile, f, t);
  }
}

const unit = per ? 'µs/line' : 'ms';
const fmt = (ms) => (per ? ((ms * 1000) / per).toFixed(1) : ms.toFixed(1)).padStart(9);
const pct = (ms) => `${((100 * ms) / total).toFixed(1).padStart(5)}%`;
function table(title, m) {
  console.log(`\n${title} (${unit})`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${fmt(v)} ${pct(v)}  ${k}`);
}
const named = files.length === 1 ? path.basename(files[0]) : `${files.length} profiles, mean`;
console.log(`${named}: ${fmt(total).trim()} ${unit} sampled, ${Math.round(nodes / files.length)} nodes`);
table('self time by room (source folder)', selfRoom);
table('self time by function', self);
table('inclusive time by function', inclusiveFn);
table('inclusive time by source file', inclusiveFile);
