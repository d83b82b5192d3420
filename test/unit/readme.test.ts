// The README's `node dist/cli.js check` examples print exactly what the
// README shows: run as written, from an empty folder, against the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import './account';

const ROOT = path.join(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Example { command: string; expected: string }

/** `$ node dist/cli.js check …` lines of the README's shell blocks, each with the lines that follow it up to a blank line or the next prompt. */
function checkExamples(readme: string): Example[] {
  const out: Example[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block[1].split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('$ node dist/cli.js check ')) continue;
      const expected: string[] = [];
      for (let j = i + 1; j < lines.length && lines[j] !== '' && !lines[j].startsWith('$ '); j++) expected.push(lines[j]);
      out.push({ command: lines[i].slice(2), expected: expected.join('\n') });
    }
  }
  return out;
}

test('every `node dist/cli.js check` example in the README prints what the README shows', () => {
  const examples = checkExamples(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  assert.ok(examples.length >= 3, `found ${examples.length} examples`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-readme-'));
  try {
    for (const { command, expected } of examples) {
      const run = spawnSync('bash', ['-c', command.replace('node dist/cli.js', `node ${JSON.stringify(CLI)}`)], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, AGENTGUARD_STATE_DIR: path.join(dir, 'state') },
      });
      assert.equal(run.stdout.trimEnd(), expected, `${command}\n(stderr: ${run.stderr})`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
