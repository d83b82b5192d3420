#!/usr/bin/env node
// Two builds' `agentguard check --batch` answers over every corpus line, compared byte for byte: a change
// meant to make the batch faster must not change one decision. Each line is given twice (the second time
// through the batch's reuse of a repeated line), in the same throwaway workspace and home for both builds,
// and each build runs twice (the second time from the code cache the first left).
//
//   node scripts/diff-batch.mjs OTHER/dist/cli.js [--cli dist/cli.js] [--corpus DIR]…
// OTHER may be a V8 startup snapshot of the CLI's bundle (a `.blob`, scripts/snapshot-blob.mjs), run as
// `node --snapshot-blob OTHER check --batch`.
// Exits 1 and prints the first differing lines when the answers differ.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusRows, jsonlFiles } from './corpus-rows.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const take = (name) => {
  const out = [];
  for (let i = argv.indexOf(name); i !== -1; i = argv.indexOf(name)) out.push(...argv.splice(i, 2).slice(1));
  return out;
};
const cli = path.resolve(take('--cli')[0] ?? path.join(root, 'dist', 'cli.js'));
const dirs = [path.join(root, 'test', 'fixtures', 'corpus'), ...take('--corpus')];
const other = argv[0];
if (!other) {
  console.error('usage: diff-batch.mjs OTHER/dist/cli.js [--cli dist/cli.js] [--corpus DIR]…');
  process.exit(64);
}
const files = jsonlFiles(dirs);
const lines = corpusRows(files).map((r) =>
  JSON.stringify({
    command: r.command,
    ...(r.shell ? { shell: r.shell } : {}),
    ...(r.env ? { env: r.env } : {}),
  }),
);
const input = [...lines, ...lines].join('\n') + '\n';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-diff-batch-'));
try {
  const workspace = path.join(tmp, 'app');
  fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
  const env = { PATH: process.env.PATH, HOME: tmp, TMPDIR: os.tmpdir(), AGENTGUARD_STATE_DIR: path.join(tmp, 'state') };
  const answer = (c) => {
    const start = c.endsWith('.blob') ? ['--snapshot-blob', c] : [c];
    const r = spawnSync(process.execPath, [...start, 'check', '--batch'], {
      input,
      env,
      cwd: workspace,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    if (r.status !== 0) throw new Error(`${c}: exit ${r.status}: ${r.stderr.slice(0, 300)}`);
    return r.stdout.split('\n').filter(Boolean);
  };
  // Each build twice: the second run starts from the code cache the first one left.
  const [a, b] = [cli, path.resolve(other)].map((c) => {
    const first = answer(c);
    const again = answer(c);
    if (first.join('\n') !== again.join('\n')) throw new Error(`${c}: a second run answered differently`);
    return first;
  });
  const differ = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) differ.push(i);
  console.log(
    `${files.length} corpus files, ${lines.length} lines × 2: ${a.length} and ${b.length} answers, ${differ.length} differ`,
  );
  for (const i of differ.slice(0, 5))
    console.log(`line ${i + 1}: ${lines[i % lines.length]}\n  ${cli}: ${a[i]}\n  ${other}: ${b[i]}`);
  process.exitCode = differ.length || a.length !== 2 * lines.length ? 1 : 0;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
