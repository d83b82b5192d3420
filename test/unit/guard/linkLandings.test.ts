// A symbolic link named as a protected or CI folder (`ln -s /tmp/x/.claude
// .claude`) hands every file below that name to the place it leads to: what
// is there now, and whatever is written there later, where nothing guards it.
// It asks as a copy of unknown contents into that folder does, whatever the
// place holds now. Links that name nothing protected stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate } from '../../../src/core/engine';
import { assertGatedBy } from '../support/helpers';

function world(): { root: string; ws: string; home: string; elsewhere: string; done(): void } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-links-')));
  const home = path.join(root, 'home');
  const ws = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'src', 'index.ts'), 'export const x = 1;\n');
  // A folder outside the workspace holding nothing harmful today: a link to it may still be filled later.
  const elsewhere = path.join(root, 'elsewhere');
  fs.mkdirSync(path.join(elsewhere, '.claude'), { recursive: true });
  fs.writeFileSync(path.join(elsewhere, '.claude', 'notes.md'), 'nothing yet\n');
  return { root, ws, home, elsewhere, done: () => fs.rmSync(root, { recursive: true, force: true }) };
}

test('a symbolic link named as a host settings folder asks, whatever the place it leads to holds now', () => {
  const w = world();
  try {
    const decide = (command: string, cwd = w.ws) =>
      evaluate({ command, cwd }, { workspace: w.ws, home: w.home, env: {} });
    const x = w.elsewhere;
    for (const command of [
      `ln -s ${x}/.claude .claude`,
      `ln -sfn ${x}/.claude .claude`,
      `ln -s ${x}/.claude .`,
      `ln -s ${x}/.claude ./`,
      `ln -s ${x}/.claude`,
      `ln -s ${x}/.claude -t .`,
      `ln -s ${x}/missing .claude`,
      `ln -s ${x}/.claude ~/.claude`,
      `ln --symbolic ${x}/.claude .vscode`,
    ]) {
      const d = decide(command);
      assertGatedBy(d, 'path.agentguard', command);
      assert.notEqual(d.decision, 'deny', `${command}: asked, never denied outright`);
    }
    const summary = decide(`ln -s ${x}/.claude .claude`).findings.find((f) => f.id === 'path.agentguard')?.summary;
    assert.match(summary ?? '', /link to .*now or later/, 'the reason names the link and why its contents are unknown');
  } finally {
    w.done();
  }
});

test('a symbolic link named as a CI folder asks as a CI file of unknown steps', () => {
  const w = world();
  try {
    const decide = (command: string) => evaluate({ command, cwd: w.ws }, { workspace: w.ws, home: w.home, env: {} });
    for (const command of [`ln -s ${w.elsewhere} .github/workflows`, `ln -sfn ${w.elsewhere} .github`])
      assertGatedBy(decide(command), 'autorun.ci-step', command);
  } finally {
    w.done();
  }
});

test('links that name nothing protected, and hard links, stay quiet', () => {
  const w = world();
  try {
    fs.mkdirSync(path.join(w.ws, '.claude'));
    const decide = (command: string) => evaluate({ command, cwd: w.ws }, { workspace: w.ws, home: w.home, env: {} });
    for (const command of [
      'ln -s ../shared/lib lib',
      'ln -sfn releases/v2 current',
      'ln -s /data/uploads public/uploads',
      'ln -s build/compile_commands.json',
      'ln -s build/compile_commands.json .',
      'ln -s packages/app/src src/app',
      'ln src/index.ts src/main.ts',
      // Into a real folder of that name the link lands inside it, as `.claude/.claude`, which nothing reads.
      `ln -s ${w.elsewhere}/.claude .claude`,
    ]) {
      assert.equal(decide(command).decision, 'allow', `${command}: ${JSON.stringify(decide(command).findings)}`);
    }
  } finally {
    w.done();
  }
});
