// Judges commands with the built CLI (`check --batch`) in a throwaway home
// and workspace of real files: what a user's agent gets from AgentGuard.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { confirmedState } from './account';

const CLI = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

export interface BatchWorld {
  home: string;
  workspace: string;
  /** Each command's decision and finding ids, in order. */
  judge(commands: readonly string[]): { decision: string; ids: string[] }[];
  cleanup(): void;
}

/** A home with a git workspace at ~/code/app; `files` (home-relative) written first. */
export function batchWorld(files: Record<string, string> = {}): BatchWorld {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-batch-'));
  const workspace = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(workspace, '.git', 'hooks'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'package.json'), '{"name":"app","scripts":{"test":"node t.js"}}\n');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
    fs.writeFileSync(path.join(home, rel), text);
  }
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AGENTGUARD_STATE_DIR: confirmedState(path.join(home, 'state')),
  };
  return {
    home,
    workspace,
    judge(commands) {
      const input = commands.map((command) => JSON.stringify({ command, cwd: workspace })).join('\n') + '\n';
      const r = spawnSync(process.execPath, [CLI, 'check', '--batch', '--workspace', workspace], {
        input,
        encoding: 'utf8',
        env,
        cwd: workspace,
      });
      assert.equal(r.status, 0, r.stderr);
      const rows = r.stdout
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { decision: string; findings?: { id: string }[] });
      assert.equal(rows.length, commands.length, r.stderr);
      return rows.map((o) => ({ decision: o.decision, ids: (o.findings ?? []).map((f) => f.id) }));
    },
    cleanup: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}

/** Every command gated (ask or deny), every neighbour allowed. */
export function assertJudged(world: BatchWorld, gated: readonly string[], allowed: readonly string[]): void {
  const answers = world.judge([...gated, ...allowed]);
  gated.forEach((c, i) => assert.notEqual(answers[i].decision, 'allow', `should be gated: ${c}`));
  allowed.forEach((c, i) => {
    const a = answers[gated.length + i];
    assert.equal(a.decision, 'allow', `should be allowed: ${c} (${a.ids.join(', ')})`);
  });
}
