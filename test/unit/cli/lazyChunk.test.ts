// The parts of the CLI bundle loaded at first use (the PowerShell and cmd
// readers, the change preview, the sandbox's profile, taking and restoring
// snapshots): a harmless call never reads them, and one that needs a part
// runs it only when it is the very file the build wrote, else the call is
// blocked. The built CLI, run as a real hook process, on a copy of dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_CHUNKS, RESCUE_FILES } from '../../../src/core/launcher';
import { SETTLED_MS } from '../../../src/cli/bundlePin';
import { ROOT, claudeDecision, fixture, runHook, withInput, withSandbox, type Sandbox } from '../support/hookHarness';

const DIST = path.join(ROOT, 'dist');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LAZY_CHUNKS } = require(path.join(ROOT, 'scripts', 'lazy-chunks.js')) as { LAZY_CHUNKS: { file: string }[] };

/** A copy of the built CLI (front door, bundle, chunks) in the sandbox; `without` left out. */
function copyOfDist(sb: Sandbox, without: readonly string[] = []): string {
  const dir = path.join(sb.root, 'agentguard', 'dist');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['cli.js', 'agentguard.js', 'validate.js', 'ship.js', ...CLI_CHUNKS])
    if (!without.includes(f)) fs.copyFileSync(path.join(DIST, f), path.join(dir, f));
  return path.join(dir, 'cli.js');
}

const call = (sb: Sandbox, command: string, cli: string) =>
  runHook(
    'claude',
    withInput(fixture('claude/bash', sb), { command }),
    sb,
    { AGENTGUARD_JUDGE: 'off' },
    sb.workspace,
    cli,
  );

// Read as PowerShell (a cmdlet), then as bash: the PowerShell reader is needed.
const POWERSHELL = 'Remove-Item -Recurse -Force /srv/code';

test('the build writes every part the CLI loads lazily, the bundle holds its hash, and it ships and is kept with the CLI', () => {
  assert.deepEqual(
    LAZY_CHUNKS.map((c) => c.file),
    [...CLI_CHUNKS],
  );
  const bundle = fs.readFileSync(path.join(DIST, 'agentguard.js'), 'utf8');
  const shipped = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
  for (const f of CLI_CHUNKS) {
    const sha = createHash('sha256')
      .update(fs.readFileSync(path.join(DIST, f)))
      .digest('hex');
    assert.ok(bundle.includes(`"${sha}"`), `dist/agentguard.js does not pin ${f} by its sha256`);
    assert.ok(shipped.includes(`!dist/${f}`), `.vscodeignore does not ship dist/${f}`);
    assert.ok(RESCUE_FILES.includes(f), `the rescue copy does not keep ${f}`);
  }
  // What moved out is no longer in the bundle: a message of the PowerShell reader's own.
  const readerOnly = 'foreach needs a loop variable';
  assert.ok(fs.readFileSync(path.join(DIST, 'readers-windows.js'), 'utf8').includes(readerOnly));
  assert.ok(!bundle.includes(readerOnly), 'dist/agentguard.js still carries the PowerShell reader');
});

test('harmless calls are answered without any lazily loaded part: with all of them gone, they still defer', () =>
  withSandbox(async (sb) => {
    const cli = copyOfDist(sb, CLI_CHUNKS);
    for (const command of ['ls -la', 'git status', 'npm test', 'cat README.md | grep -n agent']) {
      const r = await call(sb, command, cli);
      assert.equal(r.code, 0, `${command}: ${r.stderr}`);
      assert.equal(claudeDecision(r).decision, 'defer', `${command}: ${r.stdout} ${r.stderr}`);
    }
  }));

test('a call that needs a part that is missing or changed is blocked, and never runs it', () =>
  withSandbox(async (sb) => {
    const intact = await call(sb, POWERSHELL, copyOfDist(sb));
    assert.equal(intact.code, 0, intact.stderr);
    const judged = claudeDecision(intact);
    assert.ok(judged.decision === 'ask' || judged.decision === 'deny', JSON.stringify(judged));
    assert.ok(!/readers-windows/.test(judged.reason), judged.reason);

    fs.rmSync(path.join(sb.root, 'agentguard'), { recursive: true });
    const missing = claudeDecision(await call(sb, POWERSHELL, copyOfDist(sb, ['readers-windows.js'])));
    assert.equal(missing.decision, 'deny');
    assert.match(missing.reason, /readers-windows\.js cannot be read/);

    // Changed by one statement that would leave a trace if it ran.
    const cli = path.join(path.dirname(copyOfDist(sb)), 'cli.js');
    const chunk = path.join(path.dirname(cli), 'readers-windows.js');
    const marker = path.join(sb.root, 'chunk-ran');
    fs.appendFileSync(chunk, `\nrequire('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n`);
    const changed = claudeDecision(await call(sb, POWERSHELL, cli));
    assert.equal(changed.decision, 'deny');
    assert.match(changed.reason, /readers-windows\.js is not the file this build of AgentGuard wrote/);
    assert.ok(!fs.existsSync(marker), 'the changed chunk ran');

    // Another part: deleting a workspace folder takes a snapshot first.
    fs.mkdirSync(path.join(sb.workspace, 'build'), { recursive: true });
    fs.appendFileSync(path.join(path.dirname(cli), 'snapshot.js'), '\n// changed\n');
    const snapshot = claudeDecision(await call(sb, 'rm -rf build', cli));
    assert.equal(snapshot.decision, 'deny');
    assert.match(snapshot.reason, /snapshot\.js is not the file this build of AgentGuard wrote/);
  }));

// A part was compiled from source at every call that loaded it (about 0.5 ms of a confined call). A hook call
// now keeps its code cache beside the bundle's, named by the part's pinned sha256; a cache V8 does not take
// is compiled past and written again, and a part that is not the build's never gets as far as its cache.
test("a hook call keeps a part's code cache beside the bundle's, and a bad cache is only compiled past", () =>
  withSandbox(async (sb) => {
    const cli = copyOfDist(sb);
    const sha = createHash('sha256')
      .update(fs.readFileSync(path.join(path.dirname(cli), 'readers-windows.js')))
      .digest('hex');
    const first = await call(sb, POWERSHELL, cli);
    assert.equal(first.code, 0, first.stderr);
    const judged = claudeDecision(first);
    const cacheDir = path.join(sb.state, 'code-cache');
    const entries = () => fs.readdirSync(cacheDir).filter((f) => f.endsWith(`.chunk-${sha}.bin`));
    assert.equal(entries().length, 1, `no code cache for readers-windows.js in ${fs.readdirSync(cacheDir).join(', ')}`);
    const entry = path.join(cacheDir, entries()[0]);
    assert.equal(fs.statSync(entry).mode & 0o777, 0o600);
    const bundleEntry = entries()[0].replace(`.chunk-${sha}.bin`, '.bin');
    assert.ok(fs.existsSync(path.join(cacheDir, bundleEntry)), "the part's cache is named after the bundle's build");

    // Taken: the same answer, the cache not written again.
    const back = new Date(Date.now() - 60_000);
    fs.utimesSync(entry, back, back);
    const set = fs.statSync(entry).mtimeMs;
    const again = claudeDecision(await call(sb, POWERSHELL, cli));
    assert.deepEqual(again, judged);
    assert.equal(fs.statSync(entry).mtimeMs, set, 'a cache V8 took is not written again');

    // Garbage in its place: V8 rejects it, the part compiles from its checked source, the answer stands.
    fs.writeFileSync(entry, Buffer.alloc(4096, 7));
    const past = claudeDecision(await call(sb, POWERSHELL, cli));
    assert.deepEqual(past, judged);
    assert.notDeepEqual(fs.readFileSync(entry), Buffer.alloc(4096, 7), 'a rejected cache is written again');
  }));

// A confined call hashed its sandbox part at every call (node:crypto loaded for it: about 2 ms of a short
// process). Once the part's settled file hashed to its pin, a note beside the bundle's stands for the hash, as
// the bundle's does (cli/bundlePin.ts); a part changed after it was noted has a new change time and is refused.
test('a part that hashed to its pin is noted once settled, and a part changed after that is refused all the same', () =>
  withSandbox(async (sb) => {
    const cli = copyOfDist(sb);
    const chunk = path.join(path.dirname(cli), 'readers-windows.js');
    const sha = createHash('sha256').update(fs.readFileSync(chunk)).digest('hex');
    const cacheDir = path.join(sb.state, 'code-cache');
    const notes = () =>
      fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => f.startsWith('chunk-readers-windows.js-')) : [];

    const first = await call(sb, POWERSHELL, cli);
    assert.equal(first.code, 0, first.stderr);
    const judged = claudeDecision(first);
    assert.deepEqual(notes(), [], 'a part changed just now: its change time may not name its content yet');
    // Another file's note (the bundle's), which a part's note never drops.
    const other = path.join(cacheDir, `bundle-1-2-3-4-${'a'.repeat(64)}.checked`);
    fs.writeFileSync(other, '');

    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLED_MS + 200);
    assert.deepEqual(claudeDecision(await call(sb, POWERSHELL, cli)), judged);
    const st = fs.statSync(chunk, { bigint: true });
    assert.deepEqual(notes(), [`chunk-readers-windows.js-${st.dev}-${st.ino}-${st.size}-${st.ctimeNs}-${sha}.checked`]);
    assert.ok(fs.existsSync(other), "a part's note leaves the bundle's alone");
    assert.deepEqual(claudeDecision(await call(sb, POWERSHELL, cli)), judged, 'the note stands in for the hash');

    // The same size, other bytes, one that would leave a trace if it ran: a new change time, refused.
    const marker = path.join(sb.root, 'chunk-ran');
    const bytes = fs.readFileSync(chunk);
    const planted = Buffer.from(`;require('node:fs').writeFileSync(${JSON.stringify(marker)},'x');`);
    planted.copy(bytes, bytes.length - planted.length - 1);
    fs.writeFileSync(chunk, bytes);
    assert.equal(fs.statSync(chunk).size, Number(st.size));
    const changed = claudeDecision(await call(sb, POWERSHELL, cli));
    assert.equal(changed.decision, 'deny');
    assert.match(changed.reason, /readers-windows\.js is not the file this build of AgentGuard wrote/);
    assert.ok(!fs.existsSync(marker), 'the changed part ran');
  }));

test('the bundle and its parts are the same bytes at every build', async () => {
  // Which modules a part holds, and which it shares with the bundle, arrive in the order esbuild's threads reach them:
  // unsorted, two builds of the same sources differed. The launcher pins the bundle, and the bundle its parts, by hash.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const esbuild = require('esbuild') as typeof import('esbuild');
  const { buildWithLazyChunks } = require(path.join(ROOT, 'scripts', 'lazy-chunks.js')) as {
    buildWithLazyChunks: (e: typeof esbuild, config: object) => Promise<{ written: string[] }>;
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const cwd = process.cwd();
  const tmp = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'agentguard-builds-'));
  try {
    process.chdir(ROOT);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { cliBundle } = require(path.join(ROOT, 'esbuild.js')) as { cliBundle: object };
    const builds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const outfile = path.join(tmp, String(i), 'agentguard.js');
      const { written } = await buildWithLazyChunks(esbuild, { ...cliBundle, outfile, sourcemap: false });
      assert.equal(written.length, LAZY_CHUNKS.length);
      builds.push(
        [outfile, ...written]
          .map((f) => `${path.basename(f)} ${createHash('sha256').update(fs.readFileSync(f)).digest('hex')}`)
          .join('\n'),
      );
    }
    assert.deepEqual(builds.slice(1), [builds[0], builds[0]]);
  } finally {
    process.chdir(cwd);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
