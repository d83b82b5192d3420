// `agentguard check --batch` reads one request per line, with the line ends
// readline knew (\n, \r\n, a lone \r), a last line without one, blank lines
// skipped, and a \r\n split across two reads of stdin still one line end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import '../support/account';
import { LineSplitter } from '../../../src/cli/batchLines';
import { confirmedState } from '../support/account';

const CLI = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

function split(chunks: (string | Buffer)[]): string[] {
  const out: string[] = [];
  const s = new LineSplitter((l) => out.push(l));
  for (const c of chunks) s.push(Buffer.isBuffer(c) ? c : Buffer.from(c, 'utf8'));
  s.end();
  return out;
}

test('lines end at \\n, \\r\\n and a lone \\r, wherever the chunks break', () => {
  assert.deepEqual(split(['a\nb\r\nc\rd']), ['a', 'b', 'c', 'd']);
  assert.deepEqual(split(['a\r', '\nb']), ['a', 'b'], 'a \\r\\n split across two chunks is one line end');
  assert.deepEqual(split(['a\r', 'b\r']), ['a', 'b']);
  assert.deepEqual(split(['a', 'b', '\n', '\n', 'c\n']), ['ab', '', 'c']);
  assert.deepEqual(split(['']), []);
  assert.deepEqual(split(['é✓\n🛡']), ['é✓', '🛡']);
});

test('each line is decoded as a UTF-8 decoder of the whole input decodes it, wherever the chunks break', () => {
  const bytes = Buffer.concat([
    Buffer.from('é✓🛡\n', 'utf8'),
    Buffer.from([0x61, 0xe2, 0x0a, 0xf0, 0x9f, 0x41, 0x0d, 0xff, 0xc3]), // cut and invalid sequences, around line ends
  ]);
  const whole = (chunks: Buffer[]): string[] => {
    const decoder = new StringDecoder('utf8');
    const text = chunks.map((c) => decoder.write(c)).join('') + decoder.end();
    return text.split(/\r\n|\n|\r/).filter((l, i, all) => l !== '' || i < all.length - 1);
  };
  assert.deepEqual(split([bytes]), ['é✓🛡', 'a\ufffd', '\ufffdA', '\ufffd\ufffd']);
  for (let size = 1; size <= 4; size++) {
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
    assert.deepEqual(split(chunks), whole(chunks), `chunks of ${size} bytes`);
  }
});

function batchEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: home, AGENTGUARD_STATE_DIR: confirmedState(path.join(home, 'state')) };
}

test('check --batch answers every line in order, whatever its line end, and one whose \\r\\n arrives in two writes', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(ws, { recursive: true });
  try {
    const req = (command: string) => JSON.stringify({ command });
    const input = `${req('ls')}\r\n${req('rm -rf /')}\r${req('git push --force origin main')}\n\n   \nnot json\n${req('ls -la')}`;
    const r = spawnSync(process.execPath, [CLI, 'check', '--batch', '--workspace', ws], {
      input,
      encoding: 'utf8',
      env: batchEnv(home),
    });
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { command: string; decision: string; findings: { id: string }[] });
    assert.deepEqual(
      out.map((o) => o.decision),
      ['allow', 'deny', 'ask', 'ask', 'allow'],
    );
    assert.equal(out[3].findings[0].id, 'input.invalid-request');
    assert.deepEqual([out[0].command, out[4].command], ['ls', 'ls -la']);

    // The \r of a line end in one write, its \n in the next: still two requests, not three.
    const child = spawn(process.execPath, [CLI, 'check', '--batch', '--workspace', ws], { env: batchEnv(home) });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stdin.write(`${req('rm -rf /')}\r`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.stdin.end(`\n${req('ls')}\n`);
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.deepEqual(
      stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { decision: string }).decision),
      ['deny', 'allow'],
    );
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

/** A running `check --batch`: write lines, read answers as they come. */
function batchProcess(ws: string, home: string) {
  const child = spawn(process.execPath, [CLI, 'check', '--batch'], {
    cwd: ws,
    env: batchEnv(home),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const answers: string[] = [];
  let rest = '';
  let waiting: (() => void) | undefined;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    const parts = (rest + d).split('\n');
    rest = parts.pop()!;
    answers.push(...parts);
    waiting?.();
  });
  const answered = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${answers.length} of ${n} answers after 20 s`)), 20_000);
      waiting = () => {
        if (answers.length >= n) {
          clearTimeout(timer);
          resolve();
        }
      };
      waiting();
    });
  const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, answers, answered, ended };
}

test('check --batch judges a repeated line again when its answer read the disk: a symlink made between the two counts', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.agentguard.json'), '{}\n');
  const batch = batchProcess(ws, home);
  try {
    const write = JSON.stringify({ command: 'echo x > notes.txt' }) + '\n';
    const harmless = JSON.stringify({ command: 'echo hello world' }) + '\n';
    batch.child.stdin.write(write + harmless);
    await batch.answered(2);
    // notes.txt now leads to AgentGuard's configuration, made right after the answers came: no wait, since a look
    // the guard caches serves only the judgment that made it, never the next line's.
    fs.symlinkSync('.agentguard.json', path.join(ws, 'notes.txt'));
    batch.child.stdin.end(write + harmless);
    assert.equal(await batch.ended, 0);
    const [before, quiet, after, quietAgain] = batch.answers.map(
      (a) => JSON.parse(a) as { decision: string; findings: { id: string }[] },
    );
    assert.equal(before.decision, 'allow');
    assert.equal(after.decision, 'ask', 'the same line, judged again after the symlink');
    assert.ok(after.findings.some((f) => f.id === 'path.agentguard'));
    assert.deepEqual(quietAgain, quiet);
    assert.equal(batch.answers[3], batch.answers[1], 'a line that read nothing is answered byte for byte as before');
  } finally {
    batch.child.kill();
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('check --batch looks at the disk again for each new line: a link repointed just after an earlier line read it counts at once', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  fs.mkdirSync(path.join(home, 'safe'));
  fs.mkdirSync(path.join(home, '.agentguard'));
  fs.symlinkSync(path.join(home, 'safe'), path.join(ws, 'link'));
  const batch = batchProcess(ws, home);
  try {
    batch.child.stdin.write(
      JSON.stringify({ command: 'cp notes.txt link/x' }) +
        '\n' +
        JSON.stringify({ command: 'chmod -R u+w link/' }) +
        '\n',
    );
    await batch.answered(2);
    // The agent ran that line and repointed the link; its next line comes at once, well within any cache's life.
    fs.rmSync(path.join(ws, 'link'));
    fs.symlinkSync(path.join(home, '.agentguard'), path.join(ws, 'link'));
    batch.child.stdin.end(JSON.stringify({ command: 'chmod -R 000 link/' }) + '\n');
    assert.equal(await batch.ended, 0);
    const [copied, before, after] = batch.answers.map(
      (a) => JSON.parse(a) as { decision: string; findings: { id: string }[] },
    );
    assert.equal(copied.decision, 'allow');
    assert.equal(before.decision, 'allow');
    assert.equal(after.decision, 'ask', JSON.stringify(after));
    assert.ok(after.findings.some((f) => f.id === 'path.agentguard'));
  } finally {
    batch.child.kill();
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('check --batch reuses a repeated line that read the disk only while the disk says the same: a package.json script rewritten in between counts at once', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  const scripts = (reset: string) => JSON.stringify({ scripts: { test: 'vitest run', reset } });
  fs.writeFileSync(path.join(ws, 'package.json'), scripts('echo nothing to reset'));
  const batch = batchProcess(ws, home);
  try {
    const line = JSON.stringify({ command: 'npm run reset' }) + '\n';
    batch.child.stdin.write(line + line);
    await batch.answered(2);
    // The script the same line runs now drops the database: no wait for any cache to lapse.
    fs.writeFileSync(path.join(ws, 'package.json'), scripts('prisma migrate reset --force'));
    batch.child.stdin.end(line);
    assert.equal(await batch.ended, 0);
    const [first, repeated, after] = batch.answers.map((a) => JSON.parse(a) as { decision: string });
    assert.equal(first.decision, 'allow');
    assert.equal(batch.answers[1], batch.answers[0], 'the disk unchanged: the same answer, byte for byte');
    assert.equal(repeated.decision, 'allow');
    assert.notEqual(after.decision, 'allow', 'the same line after package.json changed is judged again');
  } finally {
    batch.child.kill();
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('check --batch reads the files a line depends on for every new line: a script or a hooks folder changed between two lines counts', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ scripts: { reset: 'echo nothing to reset' } }));
  fs.writeFileSync(path.join(ws, '.git', 'config'), '[core]\n\tbare = false\n');
  const batch = batchProcess(ws, home);
  try {
    const line = (command: string) => JSON.stringify({ command }) + '\n';
    batch.child.stdin.write(line('npm run reset') + line('echo one > .githooks/pre-commit'));
    await batch.answered(2);
    // Other lines than before, after the script and git's hooks folder changed: each judged on the disk as it is now.
    fs.writeFileSync(
      path.join(ws, 'package.json'),
      JSON.stringify({ scripts: { reset: 'prisma migrate reset --force' } }),
    );
    fs.writeFileSync(path.join(ws, '.git', 'config'), '[core]\n\tbare = false\n\thooksPath = .githooks\n');
    batch.child.stdin.end(line('npm run reset --silent') + line('echo two > .githooks/pre-commit'));
    assert.equal(await batch.ended, 0);
    const [script, hook, scriptAfter, hookAfter] = batch.answers.map(
      (a) => JSON.parse(a) as { decision: string; findings: { id: string }[] },
    );
    assert.equal(script.decision, 'allow');
    assert.notEqual(scriptAfter.decision, 'allow', 'the script as rewritten is judged');
    assert.ok(!hook.findings.some((f) => f.id === 'autorun.git-hook'), JSON.stringify(hook));
    assert.ok(
      hookAfter.findings.some((f) => f.id === 'autorun.git-hook'),
      `a write into the hooks folder git was just told to use: ${JSON.stringify(hookAfter)}`,
    );
  } finally {
    batch.child.kill();
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('check --batch reads a file again for the next chunk of input: one missing when a chunk was judged and written before the next counts', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  const batch = batchProcess(ws, home);
  try {
    const line = (command: string) => JSON.stringify({ command }) + '\n';
    // Two lines in one chunk look for the same package.json, which is not there yet.
    batch.child.stdin.write(line('npm run reset') + line('npm run reset -- --verbose'));
    await batch.answered(2);
    fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ scripts: { reset: 'rm -rf ~' } }));
    batch.child.stdin.end(line('npm run reset --silent'));
    assert.equal(await batch.ended, 0);
    const [first, second, after] = batch.answers.map((a) => JSON.parse(a) as { decision: string });
    assert.equal(first.decision, second.decision, 'one chunk, one view of the disk');
    assert.notEqual(after.decision, 'allow', `the script written before the next chunk is read: ${batch.answers[2]}`);
  } finally {
    batch.child.kill();
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('check --batch judges a repeated delete again when the folder it lies in, or the configuration there, appears in between', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.gitignore'), '/data/processed\n');
  const batch = batchProcess(ws, home);
  try {
    const line = JSON.stringify({ command: 'rm -rf data/processed' }) + '\n';
    batch.child.stdin.write(line + line);
    await batch.answered(2);
    // The folder is made, holding work: nothing says a tool writes it.
    fs.mkdirSync(path.join(ws, 'data', 'processed'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'data', 'processed', 'customers.parquet'), 'PAR1\n');
    // Sent at once: the guard's own look (is the folder there) made for the earlier lines serves none after them.
    batch.child.stdin.write(line);
    await batch.answered(3);
    // Now a dvc stage beside it declares it as its output.
    fs.writeFileSync(
      path.join(ws, 'data', 'dvc.yaml'),
      'stages:\n  prep:\n    cmd: python prep.py\n    outs: [processed]\n',
    );
    batch.child.stdin.end(line);
    assert.equal(await batch.ended, 0);
    const [missing, again, work, output] = batch.answers.map((a) => JSON.parse(a) as { decision: string });
    assert.equal(missing.decision, 'allow', 'an ignored folder that is not there: nothing to delete');
    assert.equal(batch.answers[1], batch.answers[0]);
    assert.equal(again.decision, 'allow');
    assert.notEqual(work.decision, 'allow', `the folder made in between holds work: ${batch.answers[2]}`);
    assert.equal(output.decision, 'allow', `the stage written in between declares it: ${batch.answers[3]}`);
  } finally {
    batch.child.kill();
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test("check --batch judges each line in its own environment: the batch's, scanned once, and a request's own, between them", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-env-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(ws, { recursive: true });
  type Answer = { decision: string; environment: { production: boolean; evidence: string[] } };
  // The command three times: in the batch's environment, in the request's own, in the batch's again.
  const judge = (command: string, batchVars: Record<string, string>, own: Record<string, string>): Answer[] => {
    const lines = [{ command }, { command, env: own }, { command }];
    const r = spawnSync(process.execPath, [CLI, 'check', '--batch', '--workspace', ws], {
      input: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
      encoding: 'utf8',
      env: { ...batchEnv(home), ...batchVars },
    });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Answer);
  };
  try {
    // A connection string: the batch's is production's, the request's own a test database on this machine.
    const psql = judge(
      'psql -c "DELETE FROM users"',
      { DATABASE_URL: 'postgres://admin@db.prod.acme.com/app' },
      { DATABASE_URL: 'postgres://app@localhost:5432/app_test' },
    );
    assert.deepEqual(
      psql.map((o) => [o.decision, o.environment.production]),
      [
        ['ask', true],
        ['allow', false],
        ['ask', true],
      ],
    );
    // A test key: the batch's Stripe key is one, the request's own is live.
    const stripe = judge(
      'stripe customers delete cus_1',
      { STRIPE_API_KEY: 'sk_test_123' },
      { STRIPE_API_KEY: 'sk_live_1' },
    );
    assert.deepEqual(
      stripe.map((o) => o.decision),
      ['allow', 'ask', 'allow'],
    );
    assert.deepEqual(stripe[0].environment.evidence, ['a test-mode API key']);
    // An emulator: the batch's AWS endpoint is one on this machine, the request's own environment names none.
    const aws = judge('aws s3 rb s3://data --force', { AWS_ENDPOINT_URL: 'http://localhost:4566' }, {});
    assert.deepEqual(
      aws.map((o) => o.decision),
      ['allow', 'ask', 'allow'],
    );
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('check --batch answers a line again without judging it when more distinct lines than it once kept came in between, and when the archive it extracts is not there', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-many-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  // There, though not an archive: a line that extracts it read the file, and is judged again.
  fs.writeFileSync(path.join(ws, 'present.zip'), 'not a zip');
  // The launcher keeps the batch's code cache, named by the lines it judged, only in a state folder that is there.
  fs.mkdirSync(path.join(home, 'state'), { mode: 0o700 });
  try {
    const env = batchEnv(home);
    const distinct = Array.from({ length: 5000 }, (_, i) => `echo line-${i}`);
    const archives = [
      'tar -xzf vendor.tgz -C vendor',
      'unzip -o fixtures.zip -d test/fixtures',
      'unzip -o present.zip',
    ];
    const commands = [...distinct, ...archives, ...distinct, ...archives];
    const r = spawnSync(process.execPath, [CLI, 'check', '--batch'], {
      cwd: ws,
      input: commands.map((command) => JSON.stringify({ command })).join('\n') + '\n',
      encoding: 'utf8',
      env,
      maxBuffer: 1 << 28,
    });
    assert.equal(r.status, 0, r.stderr);
    const answers = r.stdout.trim().split('\n');
    assert.equal(answers.length, commands.length);
    const half = distinct.length + archives.length;
    assert.deepEqual(answers.slice(half), answers.slice(0, half), 'every line answered the second time as the first');
    assert.equal((JSON.parse(answers[half - 2]) as { decision: string }).decision, 'allow');
    // How many lines the batch judged, as the launcher names the code cache it kept for the batch.
    const cache = path.join(env.AGENTGUARD_STATE_DIR!, 'code-cache');
    const entry = fs.readdirSync(cache).find((f) => /-batch-\d+\.bin$/.test(f));
    assert.ok(entry, fs.readdirSync(cache).join(', '));
    assert.equal(
      Number(/-batch-(\d+)\.bin$/.exec(entry)![1]),
      half + 1,
      'each line judged once, but the one whose archive is there',
    );
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

// V8's flags set while the process runs (`v8.setFlagsFromString('--no-regexp-tier-up')`) left a pattern Node had
// already run in its regexp interpreter without machine code, and its next match jumped to none: the batch died of a
// segmentation fault on the first line whose sed script's pattern was `^`, answering nothing.
test('check --batch answers a line that runs a pattern Node itself ran before the batch started, and keeps answering', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(ws, { recursive: true });
  fs.writeFileSync(path.join(ws, 'Makefile'), 'build:\n\techo hi\n');
  try {
    const lines = ["sed -i 's/^/rm -rf ~\\n/' Makefile && make", 'sed -i s/^/x/ Makefile && make', 'ls'];
    const r = spawnSync(process.execPath, [CLI, 'check', '--batch', '--workspace', ws], {
      input: lines.map((command) => JSON.stringify({ command, cwd: ws })).join('\n') + '\n',
      env: batchEnv(home),
      encoding: 'utf8',
    });
    assert.equal(r.signal, null, `the batch was killed by ${r.signal}`);
    assert.equal(r.status, 0, r.stderr);
    const answers = r.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { decision: string }).decision);
    assert.deepEqual(answers, ['ask', 'ask', 'allow']);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
