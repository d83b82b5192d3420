// The language server's code cache (src/languageServer/start.ts), through
// both ways a server starts (dist/server.js as the extension starts it, and
// `agentguard lsp --stdio`): kept in the state folder once a whole document
// was judged, started from by the next server without being written again,
// and never a reason for a different diagnostic or a stalled server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../support/account';
import { LspSession, repo } from '../support/lspClient';

const server = path.join(repo, 'dist', 'server.js');
const cli = path.join(repo, 'dist', 'cli.js');
const SCRIPT = 'echo "building"\nmkdir -p dist\nrm -rf ~/projects/old\ngit push --force origin main\n';

/** The entry a server on this runtime reads and writes for the built server-main.js (start.ts entryName). */
function entryOf(state: string): string {
  const st = fs.statSync(path.join(repo, 'dist', 'server-main.js'));
  return path.join(state, 'code-cache', 'lsp', `${process.version}-${process.arch}-${st.size}-${st.mtimeMs}.bin`);
}

async function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One session: a script opened in a fresh folder, its diagnostics (flagged lines) once published whole. */
async function diagnose(argv: string[], state: string): Promise<number[]> {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-lsp-cache-ws-'));
  const lsp = new LspSession(argv, state);
  try {
    await lsp.initialize([ws]);
    const file = path.join(ws, 'deploy.sh');
    fs.writeFileSync(file, SCRIPT);
    const uri = await lsp.open(file, SCRIPT, 'shellscript');
    const diagnostics = await lsp.diagnostics(uri, (d) => d.length === 2);
    return diagnostics.map((d) => d.range.start.line);
  } finally {
    await lsp.close({ keepState: true });
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

for (const [how, argv] of [
  ['dist/server.js', [server, '--stdio']],
  ['agentguard lsp --stdio', [cli, 'lsp', '--stdio']],
] as const) {
  test(`${how}: the first server keeps a code cache once it judged a document, and the next starts from it`, async () => {
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-lsp-cache-'));
    try {
      const entry = entryOf(state);
      assert.deepEqual(await diagnose([...argv], state), [2, 3]);
      await until('the code cache', () => fs.existsSync(entry));
      const written = fs.readFileSync(entry);
      const stamp = fs.statSync(entry).mtimeMs;
      assert.ok(written.length > 100_000, `a cache of the compiled server (${written.length} bytes)`);
      assert.equal(fs.statSync(entry).mode & 0o777, 0o600);
      // V8 accepted it: the second server writes nothing, and says the same.
      assert.deepEqual(await diagnose([...argv], state), [2, 3]);
      assert.equal(fs.statSync(entry).mtimeMs, stamp);
      assert.ok(fs.readFileSync(entry).equals(written));
    } finally {
      fs.rmSync(state, { recursive: true, force: true });
    }
  });
}

test('a damaged code cache changes no diagnostic and is written again', async () => {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-lsp-cache-'));
  try {
    const entry = entryOf(state);
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    const garbage = Buffer.alloc(4096, 0x5a);
    fs.writeFileSync(entry, garbage);
    assert.deepEqual(await diagnose([server, '--stdio'], state), [2, 3]);
    await until('the cache written again', () => !fs.readFileSync(entry).equals(garbage));
  } finally {
    fs.rmSync(state, { recursive: true, force: true });
  }
});

test('a FIFO where the code cache goes does not stall the server', async () => {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-lsp-cache-'));
  try {
    const entry = entryOf(state);
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    execFileSync('mkfifo', [entry]);
    assert.deepEqual(await diagnose([server, '--stdio'], state), [2, 3]);
  } finally {
    fs.rmSync(state, { recursive: true, force: true });
  }
});

test('without a state folder the server keeps no cache, and makes no folder for one', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-lsp-cache-'));
  const state = path.join(parent, 'state');
  try {
    assert.deepEqual(await diagnose([server, '--stdio'], state), [2, 3]);
    // Given time to write, it wrote nothing.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(fs.existsSync(state), false);
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
