// The sharded unit run's queue (scripts/unit-queue.mjs): shards running at
// once take every file exactly once between them, sum their counts, and fail
// when a file fails or cannot load. And mutate's reading of which outputs a
// mutant's tests use (scripts/mutantReads.mjs).
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const QUEUE = path.join(REPO, 'scripts', 'unit-queue.mjs');

/** Runs one queue shard to its end: its exit code and what it printed. */
function shard(list: string, claims: string, extra: string[] = []): Promise<{ code: number | null; out: string }> {
  // This file runs under node --test, which marks its children: the shard is a runner of its own.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, [QUEUE, list, claims, ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

/** The sum of a count (`ℹ pass 3`) over the summaries in TEXTS. */
const counted = (name: string, ...texts: string[]) =>
  texts.reduce((sum, t) => sum + Number(new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(t)?.[1] ?? NaN), 0);

function queueOf(dir: string, bodies: string[]) {
  const log = path.join(dir, 'ran.log');
  const files = bodies.map((body, i) => {
    const file = path.join(dir, `f${i}.test.js`);
    const record = `require('fs').appendFileSync(${JSON.stringify(log)}, '${i}\\n');`;
    fs.writeFileSync(file, `const { test } = require('node:test');\n${record}\n${body}\n`);
    return file;
  });
  fs.writeFileSync(path.join(dir, 'list'), files.join('\n') + '\n');
  fs.mkdirSync(path.join(dir, 'claims'));
  const ran = () => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map(Number);
  return { list: path.join(dir, 'list'), claims: path.join(dir, 'claims'), ran };
}

test('two shards take every file of the queue once between them, and sum their counts', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-unit-queue-'));
  try {
    const pass = "test('a', () => {}); test('b', async () => new Promise((r) => setTimeout(r, 30)));";
    const q = queueOf(
      dir,
      Array.from({ length: 8 }, () => pass),
    );
    const [one, two] = await Promise.all([shard(q.list, q.claims), shard(q.list, q.claims)]);
    assert.equal(one.code, 0, one.out);
    assert.equal(two.code, 0, two.out);
    assert.deepEqual(
      q.ran().sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7],
      'each file ran once',
    );
    assert.equal(counted('files', one.out, two.out), 8);
    assert.equal(counted('pass', one.out, two.out), 16);
    assert.equal(counted('fail', one.out, two.out), 0);
    assert.equal((one.out.match(/^ℹ tests /gm) ?? []).length, 1, 'one summary a shard, not one a file');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a shard fails when a file it took fails or cannot load, and runs the rest', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-unit-queue-'));
  try {
    const q = queueOf(dir, [
      "test('fine', () => {});",
      "test('broken', () => { throw new Error('no'); });",
      'syntax error here(',
      "test('fine too', () => {});",
    ]);
    const r = await shard(q.list, q.claims);
    assert.equal(r.code, 1, r.out);
    assert.deepEqual(q.ran(), [0, 1, 3], 'every file was started; the one that cannot load logged nothing');
    assert.equal(counted('fail', r.out), 2, r.out);
    assert.equal(counted('pass', r.out), 2, r.out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a name pattern reaches every file; an option the queue does not know is refused', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-unit-queue-'));
  try {
    const q = queueOf(dir, ["test('alpha', () => {}); test('beta', () => { throw new Error('no'); });"]);
    const r = await shard(q.list, q.claims, ['--test-name-pattern=alpha']);
    assert.equal(r.code, 0, r.out);
    assert.equal(counted('pass', r.out), 1, r.out);
    assert.equal(counted('skipped', r.out), 1, 'beta does not match');
    const refused = await shard(q.list, path.join(dir, 'claims2'), ['--only']);
    assert.equal(refused.code, 64, refused.out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("mutate reads a test as using the bundles when it or a test helper it imports names one's place", async () => {
  const { testsReadBundles } = (await import(pathToFileURL(path.join(REPO, 'scripts', 'mutantReads.mjs')).href)) as {
    testsReadBundles: (dir: string, tests: string[]) => boolean;
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-mutant-reads-'));
  try {
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write('test/unit/support/harness.ts', "export const CLI = path.join(ROOT, 'dist', 'cli.js');\n");
    write('test/unit/support/plain.ts', 'export const x = 1;\n');
    write('test/unit/a/viaHarness.test.ts', "import { CLI } from '../support/harness';\n");
    write('test/unit/a/direct.test.ts', "spawnSync('node', ['dist/cli.js', 'check']);\n");
    write('test/unit/a/managed.test.ts', "const cli = path.join(ROOT, 'out', 'managed-test', 'cli.js');\n");
    write(
      'test/unit/a/inProcess.test.ts',
      "import { x } from '../support/plain';\nimport { judge } from '../../../src/core/engine';\nconst line = 'rm -rf dist && ls dist/';\n",
    );
    assert.equal(testsReadBundles(dir, ['a/viaHarness']), true, 'through a helper');
    assert.equal(testsReadBundles(dir, ['a/direct']), true, 'dist/cli.js');
    assert.equal(testsReadBundles(dir, ['a/managed']), true, 'a test-only CLI');
    assert.equal(testsReadBundles(dir, ['a/inProcess']), false, "a command's dist folder, src modules");
    assert.equal(testsReadBundles(dir, ['a/inProcess', 'a/direct']), true, 'any of the tests');
    assert.equal(testsReadBundles(dir, ['a/missing']), true, 'a file it cannot read is read as the costly case');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
