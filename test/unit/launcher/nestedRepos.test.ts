// The one walk for nested repositories (deny-write list, Codex's nested projects): what it finds and where it stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_NESTED_PROJECTS, nestedRepositories, unhookedCodexProjects } from '../../../src/core/launcher/nestedRepos';
import { installHooks } from '../../../src/core/launcher/wiring';

function tree(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-nested-')));
}

test('nested repositories: folders holding a .git (folder or file), never the workspace itself, nor inside node_modules or past the depth bound', () => {
  const ws = tree();
  try {
    for (const d of ['.git', 'a/.git', 'node_modules/dep/.git', 'b/c/d/e/f/g/h/.git', 'a/inner/.git/modules/x'])
      fs.mkdirSync(path.join(ws, d), { recursive: true });
    fs.mkdirSync(path.join(ws, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'sub', '.git'), 'gitdir: ../.git/modules/sub\n');
    const found = nestedRepositories(ws).sort((x, y) => x.folder.localeCompare(y.folder));
    assert.deepEqual(found, [
      { folder: path.join(ws, 'a'), gitFolder: true },
      { folder: path.join(ws, 'a', 'inner'), gitFolder: true },
      { folder: path.join(ws, 'sub'), gitFolder: false },
    ]);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

test('nested Codex projects without the hook: at most MAX_NESTED_PROJECTS, none without the workspace wired', () => {
  const ws = tree();
  const home = tree();
  try {
    for (let i = 0; i < MAX_NESTED_PROJECTS + 5; i++) fs.mkdirSync(path.join(ws, `r${i}`, '.git'), { recursive: true });
    assert.deepEqual(unhookedCodexProjects(ws, home), []);
    installHooks({ hosts: ['codex'], scope: 'project', workspace: ws, home, launcher: '/opt/ag/agentguard' });
    assert.equal(unhookedCodexProjects(ws, home).length, MAX_NESTED_PROJECTS);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  }
});
