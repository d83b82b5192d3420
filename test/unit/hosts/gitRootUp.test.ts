// The folders Copilot CLI reads `.mcp.json` in, on real folders: from the
// working folder up to the repository's root, every `.mcp.json` on the way
// (https://docs.github.com/en/copilot/how-tos/copilot-cli/customize-copilot/add-mcp-servers,
// "Adding per-repository MCP servers"). The root is the nearest folder with
// `.git`, a folder or a worktree's file; the home's files are the user's;
// outside a repository none; too deep a walk throws, and the call is asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { foldersUpToGitRoot, MAX_GIT_WALK } from '../../../src/core/hosts/gitRootUp';

/** Runs `fn` in a fresh folder (its real path), removed afterwards. */
function inRoot(fn: (root: string) => void): void {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-gitroot-')));
  try {
    fn(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

test('from the working folder up to the nearest folder holding .git, that one included, nearest first', () => {
  inRoot((root) => {
    const home = path.join(root, 'home');
    const repo = path.join(home, 'code', 'mono');
    const cwd = path.join(repo, 'packages', 'api', 'src');
    fs.mkdirSync(cwd, { recursive: true });
    fs.mkdirSync(path.join(repo, '.git'));
    assert.deepEqual(foldersUpToGitRoot(cwd, home), [
      cwd,
      path.join(repo, 'packages', 'api'),
      path.join(repo, 'packages'),
      repo,
    ]);
    assert.deepEqual(foldersUpToGitRoot(repo, home), [repo], 'started at the root');
    // A worktree or submodule names its repository in a `.git` file: its folder is the root.
    fs.writeFileSync(path.join(repo, 'packages', '.git'), 'gitdir: ../.git/modules/packages\n');
    assert.deepEqual(foldersUpToGitRoot(cwd, home), [
      cwd,
      path.join(repo, 'packages', 'api'),
      path.join(repo, 'packages'),
    ]);
  });
});

test('none outside a repository; the home is never one of them, and a home holding .git ends the walk below it', () => {
  inRoot((root) => {
    const home = path.join(root, 'home');
    const cwd = path.join(home, 'code', 'scratch');
    fs.mkdirSync(cwd, { recursive: true });
    assert.deepEqual(foldersUpToGitRoot(cwd, home), [], 'no repository up to the home');
    fs.mkdirSync(path.join(home, '.git'));
    assert.deepEqual(foldersUpToGitRoot(cwd, home), [cwd, path.join(home, 'code')], 'a home kept in Git');
    assert.deepEqual(foldersUpToGitRoot(home, home), []);
    const outside = path.join(root, 'srv', 'app');
    fs.mkdirSync(outside, { recursive: true });
    assert.deepEqual(foldersUpToGitRoot(outside, home), [], 'none up to the filesystem root');
  });
});

test(`a working folder more than ${MAX_GIT_WALK} folders below its repository's root throws`, () => {
  inRoot((root) => {
    fs.mkdirSync(path.join(root, '.git'));
    const deep = path.join(root, ...Array.from({ length: MAX_GIT_WALK - 1 }, (_, i) => `d${i}`));
    fs.mkdirSync(deep, { recursive: true });
    assert.equal(foldersUpToGitRoot(deep, '/nonexistent-home').length, MAX_GIT_WALK);
    const deeper = path.join(deep, 'one-more');
    fs.mkdirSync(deeper);
    assert.throws(() => foldersUpToGitRoot(deeper, '/nonexistent-home'), /more than 32 folders below/);
  });
});
