// The V8 startup snapshot `npm run bench` measures (scripts/snapshot-blob.mjs): the engine bundle must still
// build into one (nothing its modules run at load that Node's snapshot builder lacks), and a hook call started
// from it must answer exactly what the plain CLI answers, or its figure would be of another program.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLI, ROOT, fixture, hookEnv, sandbox, withInput, type Sandbox } from '../support/hookHarness';

const BUILDER = path.join(ROOT, 'scripts', 'snapshot-blob.mjs');
const POCKETOS = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \\"3d2f\\") }"}'`;

function hook(sb: Sandbox, command: string, start: string[]): { code: number | null; out: string } {
  const payload = withInput(fixture('claude/bash', sb), { command });
  const r = spawnSync(process.execPath, [...start, 'hook', 'claude'], {
    input: JSON.stringify(payload),
    cwd: sb.workspace,
    env: hookEnv(sb, { AGENTGUARD_JUDGE: 'off' }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  // Each call has a sandbox of its own (its rate limit, its once-only claim): its paths are not the answer.
  return { code: r.status, out: (r.stdout + r.stderr).replaceAll(sb.root, '<sandbox>') };
}

test('a hook call started from a startup snapshot of the engine answers what the plain CLI answers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-snapshot-test-'));
  try {
    const blob = path.join(dir, 'agentguard.blob');
    const built = spawnSync(process.execPath, [BUILDER, '--out', blob], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(built.status, 0, built.stderr);
    const expected: Record<string, string> = {
      'ls -la': '"defer"',
      'git status': '"defer"',
      [POCKETOS]: '"ask"',
      'rm -rf /': '"deny"',
      'rm -rf /srv/code': '"ask"',
    };
    for (const [command, decision] of Object.entries(expected)) {
      const answers = [[CLI], ['--snapshot-blob', blob]].map((start) => {
        const sb = sandbox();
        try {
          return hook(sb, command, start);
        } finally {
          sb.cleanup();
        }
      });
      assert.deepEqual(answers[1], answers[0], `${command}: the snapshot answered otherwise`);
      assert.equal(answers[0].code, 0, answers[0].out);
      const said = answers[0].out.trim() ? JSON.parse(answers[0].out).hookSpecificOutput?.permissionDecision : 'defer';
      assert.equal(JSON.stringify(said ?? 'defer'), decision, `${command}: ${answers[0].out}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
