// The launcher keeps V8's code cache in the state folder: one entry for a
// call, and one for `check --batch` that a batch judging at least twice as
// many lines writes again, so a batch of lines it never saw finds the engine
// compiled. Neither entry drops the other; a damaged entry is refused by V8,
// changes no answer, and is written again. Only a hook call writes the
// call's entry, so it holds the hook's code whatever ran first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../support/account';
import { confirmedState } from '../support/account';

const CLI = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

function sandbox(): { home: string; ws: string; cache: string; env: NodeJS.ProcessEnv } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-launcher-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(ws, { recursive: true });
  const state = path.join(home, 'state');
  // The launcher keeps its cache in a state folder that is there: it never makes one for it.
  fs.mkdirSync(state, { mode: 0o700 });
  return {
    home,
    ws,
    cache: path.join(state, 'code-cache'),
    env: { PATH: process.env.PATH ?? '', HOME: home, AGENTGUARD_STATE_DIR: confirmedState(state) },
  };
}

const LINES = ['ls', 'rm -rf /', 'git push --force origin main', 'cat README.md', 'npm test'].map((command) =>
  JSON.stringify({ command }),
);

function batch(sb: ReturnType<typeof sandbox>, n: number): string[] {
  const r = spawnSync(process.execPath, [CLI, 'check', '--batch', '--workspace', sb.ws], {
    input: LINES.slice(0, n).join('\n') + '\n',
    encoding: 'utf8',
    env: sb.env,
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { decision: string }).decision);
}

/** The cache's entries, the build's own prefix cut off: `.bin` for a call, `-batch-N.bin` for a batch. */
function entries(cache: string): string[] {
  return fs
    .readdirSync(cache)
    .filter((f) => f.endsWith('.bin'))
    .map((f) => f.replace(/^v[\d.]+-[^-]+-\d+-\d+/, ''))
    .sort();
}

/** A hook call judged in its own process (no editor's judge), as Claude Code makes it. */
function hook(
  sb: ReturnType<typeof sandbox>,
  command: string,
  runtimeArgs: readonly string[] = [],
): { status: number | null; stdout: string; stderr: string } {
  const payload = {
    session_id: 's',
    cwd: sb.ws,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command },
  };
  return spawnSync(process.execPath, [...runtimeArgs, CLI, 'hook', 'claude'], {
    input: JSON.stringify(payload),
    encoding: 'utf8',
    env: { ...sb.env, AGENTGUARD_JUDGE: 'off' },
  });
}

test('check --batch keeps its own code cache beside a call’s, written again when a batch judged twice the lines', () => {
  const sb = sandbox();
  try {
    const call = hook(sb, 'ls');
    assert.equal(call.status, 0, call.stderr);
    assert.deepEqual(entries(sb.cache), ['.bin']);

    assert.deepEqual(batch(sb, 1), ['allow']);
    assert.deepEqual(entries(sb.cache), ['-batch-1.bin', '.bin'], 'the call’s entry stays');
    assert.deepEqual(batch(sb, 3), ['allow', 'deny', 'ask']);
    assert.deepEqual(entries(sb.cache), ['-batch-3.bin', '.bin'], 'three lines, at least twice one: written again');
    const written = fs.statSync(
      path.join(
        sb.cache,
        fs.readdirSync(sb.cache).find((f) => f.includes('-batch-3'))!,
      ),
    );
    assert.deepEqual(batch(sb, 5), ['allow', 'deny', 'ask', 'allow', 'allow']);
    assert.deepEqual(entries(sb.cache), ['-batch-3.bin', '.bin'], 'five lines, fewer than twice three: kept');
    const kept = fs.statSync(
      path.join(
        sb.cache,
        fs.readdirSync(sb.cache).find((f) => f.includes('-batch-3'))!,
      ),
    );
    assert.equal(kept.mtimeMs, written.mtimeMs);

    // A later call does not drop the batch's entry either.
    fs.rmSync(
      path.join(
        sb.cache,
        fs.readdirSync(sb.cache).find((f) => /\d\.bin$/.test(f) && !f.includes('-batch-'))!,
      ),
    );
    hook(sb, 'ls');
    assert.deepEqual(entries(sb.cache), ['-batch-3.bin', '.bin']);
  } finally {
    fs.rmSync(sb.home, { recursive: true, force: true });
  }
});

test('a damaged batch code cache changes no answer and is written again', () => {
  const sb = sandbox();
  try {
    assert.deepEqual(batch(sb, 4), ['allow', 'deny', 'ask', 'allow']);
    const name = fs.readdirSync(sb.cache).find((f) => f.includes('-batch-4'))!;
    fs.writeFileSync(path.join(sb.cache, name), Buffer.alloc(4096, 0x5a));
    assert.deepEqual(batch(sb, 2), ['allow', 'deny']);
    assert.deepEqual(entries(sb.cache), ['-batch-2.bin'], 'refused by V8, so this batch wrote its own');
    assert.notDeepEqual(fs.readFileSync(path.join(sb.cache, fs.readdirSync(sb.cache)[0])), Buffer.alloc(4096, 0x5a));
  } finally {
    fs.rmSync(sb.home, { recursive: true, force: true });
  }
});

test('only a hook call writes the call’s code cache: a first --version or check leaves it to the hook', () => {
  const sb = sandbox();
  try {
    const version = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8', env: sb.env });
    assert.equal(version.status, 0, version.stderr);
    const check = spawnSync(process.execPath, [CLI, 'check', '--workspace', sb.ws, '--', 'git status'], {
      encoding: 'utf8',
      env: sb.env,
    });
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /^allow/);
    assert.deepEqual(fs.existsSync(sb.cache) ? entries(sb.cache) : [], [], 'no entry holds their code');
    const first = hook(sb, 'git status');
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(entries(sb.cache), ['.bin'], 'the hook call wrote it');
    const written = fs.readFileSync(
      path.join(
        sb.cache,
        fs.readdirSync(sb.cache).find((f) => f.endsWith('.bin'))!,
      ),
    );
    // Later commands of any kind read it, answer the same, and leave it as the hook wrote it.
    const again = spawnSync(process.execPath, [CLI, 'check', '--workspace', sb.ws, '--', 'git status'], {
      encoding: 'utf8',
      env: sb.env,
    });
    assert.equal(again.stdout, check.stdout);
    assert.deepEqual(hook(sb, 'git status').stdout, first.stdout);
    const after = fs.readFileSync(
      path.join(
        sb.cache,
        fs.readdirSync(sb.cache).find((f) => f.endsWith('.bin'))!,
      ),
    );
    assert.ok(after.equals(written));
  } finally {
    fs.rmSync(sb.home, { recursive: true, force: true });
  }
});

// Any V8 option changes V8's flag hash (a heap size too), and V8 then rejects a cache made without it.
const V8_OPTIONS = ['--max-semi-space-size=8'];

test('a call started with V8 options keeps its own code cache beside a plain call’s: neither rewrites the other', () => {
  const sb = sandbox();
  try {
    const plain = hook(sb, 'git status');
    assert.equal(plain.status, 0, plain.stderr);
    const launched = hook(sb, 'git status', V8_OPTIONS);
    assert.equal(launched.status, 0, launched.stderr);
    assert.equal(launched.stdout, plain.stdout);
    // V8 rejects a cache made under other options: one entry each, both kept.
    assert.deepEqual(entries(sb.cache), ['+opts.bin', '.bin']);
    const stamps = () =>
      fs
        .readdirSync(sb.cache)
        .filter((f) => f.endsWith('.bin'))
        .sort()
        .map((f) => fs.statSync(path.join(sb.cache, f)).mtimeMs);
    const before = stamps();
    // Alternating calls find their own entry accepted and write nothing.
    assert.equal(hook(sb, 'git status').stdout, plain.stdout);
    assert.equal(hook(sb, 'git status', V8_OPTIONS).stdout, plain.stdout);
    assert.deepEqual(stamps(), before);
  } finally {
    fs.rmSync(sb.home, { recursive: true, force: true });
  }
});

// A lazily loaded part (the PowerShell reader) was compiled from source at every batch that reached it: only a
// hook call kept its cache, and a batch runs under other V8 flags, so it could not use the call's.
const POWERSHELL_LINES = ['Remove-Item -Recurse -Force /srv/code', 'Get-ChildItem .', 'Set-Content a.txt hi'].map(
  (command) => JSON.stringify({ command, shell: 'pwsh' }),
);

function pwshBatch(sb: ReturnType<typeof sandbox>, n: number): string {
  const r = spawnSync(process.execPath, [CLI, 'check', '--batch', '--workspace', sb.ws], {
    input: POWERSHELL_LINES.slice(0, n).join('\n') + '\n',
    encoding: 'utf8',
    env: sb.env,
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('check --batch keeps a lazily loaded part’s code cache of its own, written again with the bundle’s', () => {
  const sb = sandbox();
  try {
    const first = pwshBatch(sb, 1);
    assert.match(first, /"fs.rm-system"/, 'read as PowerShell: Remove-Item deletes');
    const chunk = () => entries(sb.cache).filter((f) => f.startsWith('-batch.chunk-'));
    assert.equal(chunk().length, 1, `no batch cache for the part in ${entries(sb.cache).join(', ')}`);
    assert.match(chunk()[0], /^-batch\.chunk-[0-9a-f]{64}\.bin$/);
    assert.deepEqual(
      entries(sb.cache).filter((f) => !f.startsWith('-batch.chunk-')),
      ['-batch-1.bin'],
      'the bundle’s batch entry stays beside it',
    );
    const file = path.join(
      sb.cache,
      fs.readdirSync(sb.cache).find((f) => f.includes('-batch.chunk-'))!,
    );
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const stamp = () => fs.statSync(file).mtimeMs;
    const back = new Date(Date.now() - 60_000);
    fs.utimesSync(file, back, back);
    const set = stamp();
    // Taken, and one line is fewer than twice the one that wrote it: the same answer, not written again.
    assert.equal(pwshBatch(sb, 1), first);
    assert.equal(stamp(), set, 'a cache V8 took is not written again');
    // Three lines, at least twice one: written again with the bundle's, holding what this batch ran.
    const three = pwshBatch(sb, 3);
    assert.ok(three.startsWith(first));
    assert.notEqual(stamp(), set, 'written again with the bundle’s entry');
    assert.deepEqual(
      entries(sb.cache).filter((f) => !f.startsWith('-batch.chunk-')),
      ['-batch-3.bin'],
    );
    // Garbage in its place: V8 rejects it, the part compiles from its checked source, the answers stand.
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    assert.equal(pwshBatch(sb, 3), three);
    assert.notDeepEqual(fs.readFileSync(file), Buffer.alloc(4096, 7), 'a rejected cache is written again');
    // A hook call keeps its own: V8 would reject the batch's, made under the batch's flags.
    assert.equal(hook(sb, 'git status').status, 0);
  } finally {
    fs.rmSync(sb.home, { recursive: true, force: true });
  }
});
