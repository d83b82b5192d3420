// The benchmarks' corpora (scripts/corpus-rows.mjs): the shared corpora sit beside the main checkout, and a
// linked git worktree, which may live anywhere, finds them there through git.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const MODULE = path.join(REPO, 'scripts', 'corpus-rows.mjs');

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

function benchFiles(root: string): string[] {
  const code = `import(${JSON.stringify(MODULE)}).then((m) => console.log(JSON.stringify(m.benchCorpusFiles(${JSON.stringify(root)}))))`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.AGENTGUARD_CORPUS_DIR;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as string[];
}

test('a linked worktree reads the shared corpora beside its main checkout, as the main checkout does', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-corpus-rows-')));
  try {
    const main = path.join(dir, 'main');
    fs.mkdirSync(path.join(dir, 'shared', 'corpus'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'shared', 'corpus', 'commands.jsonl'), '{"command":"ls"}\n');
    fs.mkdirSync(main);
    git(main, 'init', '-q', '-b', 'main');
    git(main, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'start');
    const linked = path.join(dir, 'elsewhere', 'feature');
    git(main, 'worktree', 'add', '-q', linked, '-b', 'feature');
    const shared = path.join(dir, 'shared', 'corpus', 'commands.jsonl');
    assert.ok(benchFiles(main).includes(shared));
    assert.ok(benchFiles(linked).includes(shared), 'the worktree found no shared corpus');
    // Outside any repository and with nothing beside it: the project's own corpus only.
    const lone = path.join(dir, 'lone', 'checkout');
    fs.mkdirSync(lone, { recursive: true });
    assert.deepEqual(benchFiles(lone), [path.join(lone, 'test', 'fixtures', 'corpus', 'regression.jsonl')]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
