// `agentguard check --batch` reads one request per line, with the line ends
// readline knew (\n, \r\n, a lone \r), a last line without one, blank lines
// skipped, and a \r\n split across two reads of stdin still one line end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import './account';
import { LineSplitter } from '../../src/cli/check';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

function split(chunks: string[]): string[] {
  const out: string[] = [];
  const s = new LineSplitter((l) => out.push(l));
  for (const c of chunks) s.push(c);
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

function batchEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: home, AGENTGUARD_STATE_DIR: path.join(home, 'state') };
}

test('check --batch answers every line in order, whatever its line end, and one whose \\r\\n arrives in two writes', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-'));
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(ws, { recursive: true });
  try {
    const req = (command: string) => JSON.stringify({ command });
    const input = `${req('ls')}\r\n${req('rm -rf /')}\r${req('git push --force origin main')}\n\n   \nnot json\n${req('ls -la')}`;
    const r = spawnSync(process.execPath, [CLI, 'check', '--batch', '--workspace', ws], { input, encoding: 'utf8', env: batchEnv(home) });
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { command: string; decision: string; findings: { id: string }[] });
    assert.deepEqual(out.map((o) => o.decision), ['allow', 'deny', 'ask', 'ask', 'allow']);
    assert.equal(out[3].findings[0].id, 'input.invalid-request');
    assert.deepEqual([out[0].command, out[4].command], ['ls', 'ls -la']);

    // The \r of a line end in one write, its \n in the next: still two requests, not three.
    const child = spawn(process.execPath, [CLI, 'check', '--batch', '--workspace', ws], { env: batchEnv(home) });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stdin.write(`${req('rm -rf /')}\r`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.stdin.end(`\n${req('ls')}\n`);
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.deepEqual(stdout.trim().split('\n').map((l) => (JSON.parse(l) as { decision: string }).decision), ['deny', 'allow']);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
