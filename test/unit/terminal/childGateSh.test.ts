// `/bin/sh -c` spawned by the extension host, where the PATH shims alone
// stood: `command -p rm`, a `PATH=/usr/bin:/bin` prefix and `/bin/rm` by
// path reached the real program unjudged. This test process is the
// extension host: it runs the editor's judge with a real approval channel,
// gates its own `child_process` the way the extension does on activation
// (gateShellSpawns), and spawns as agent extensions do (`exec`, `execSync`,
// `spawn` with `shell: true`, an explicit `sh -c`), with dash as /bin/sh.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { approvalSocketPath } from '../../../src/channels/approval/paths';
import { startApprovalServer } from '../../../src/channels/approval/server';
import { startJudgeServer } from '../../../src/channels/editorJudge/server';
import { writeBaseline } from '../../../src/core/policy/baseline';
import { childGateEnvironment, terminalGateFiles, terminalGateLayout } from '../../../src/core/terminal/childGate';
import { gateShellSpawns } from '../../../src/core/terminal/shGate';
import type { ApprovalSubject } from '../../../src/shared/protocol';
import { CLI, readAudit, sandbox } from '../support/hookHarness';
import { confirmedState } from '../support/account';

const linux = process.platform === 'linux';
const BUILD = execFileSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).trim().split(' ')[1];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cp = require('node:child_process') as typeof import('node:child_process');

test(
  '/bin/sh -c from the extension host is judged as a whole string: command -p, PATH prefixes and absolute paths no longer pass',
  { skip: !linux, timeout: 120_000 },
  async () => {
    const sb = sandbox();
    const layout = terminalGateLayout(sb.state);
    for (const f of terminalGateFiles(layout, { node: process.execPath, cli: CLI })) {
      fs.mkdirSync(path.dirname(f.path), { recursive: true });
      fs.writeFileSync(f.path, f.content, { mode: f.mode });
    }
    const policy = { rateLimit: { maxGated: 100, windowSeconds: 10 } };
    fs.writeFileSync(path.join(sb.workspace, '.agentguard.json'), JSON.stringify(policy));
    writeBaseline(sb.state, sb.workspace, JSON.stringify(policy), policy);
    const asked: ApprovalSubject[] = [];
    const approval = await startApprovalServer({
      socketPath: approvalSocketPath(sb.state, sb.workspace),
      decide: async (s) => {
        asked.push(s);
        return 'deny';
      },
    });
    const judge = await startJudgeServer({
      build: BUILD,
      stateDir: sb.state,
      channels: () => [approval],
      terminals: { terminal: () => undefined, humanGating: () => 'production', approvalMs: () => 10_000 },
    });
    const base = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: sb.home,
      AGENTGUARD_STATE_DIR: confirmedState(sb.state),
    };
    const env = { ...base, ...childGateEnvironment(base, layout) };
    const code = path.join(sb.workspace, 'src');
    const reset = () => {
      fs.mkdirSync(path.join(code, 'api'), { recursive: true });
      fs.writeFileSync(path.join(code, 'api', 'notes.md'), 'wip\n');
    };
    const gate = gateShellSpawns(layout, { node: process.execPath, cli: CLI }, cp);
    const viaExec = (command: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        cp.exec(command, { cwd: sb.workspace, env }, (err, _out, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr }),
        );
      });
    const viaSpawn = (file: string, args: string[], shell: boolean) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = cp.spawn(file, args, { cwd: sb.workspace, env, shell });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.on('close', (c) => resolve({ code: c, stderr }));
      });
    try {
      const attacks: Array<[string, () => Promise<{ code: number | null; stderr: string }>]> = [
        ['exec: command -p rm', () => viaExec('command -p rm -rf src')],
        ['spawn shell: PATH=/usr/bin:/bin rm', () => viaSpawn('PATH=/usr/bin:/bin rm -rf src', [], true)],
        ["spawn('/bin/sh', ['-c', '/bin/rm …'])", () => viaSpawn('/bin/sh', ['-c', '/bin/rm -rf src'], false)],
        // execSync holds this process (the editor's judge with it): the gate judges alone, and a line that needs a human does not run.
        [
          'execSync: builtin redirect emptying a file',
          async () => {
            try {
              cp.execSync(': > src/api/notes.md; command -p rm -rf src', { cwd: sb.workspace, env, stdio: 'pipe' });
              return { code: 0, stderr: '' };
            } catch (err) {
              return { code: (err as { status: number }).status, stderr: String((err as { stderr: Buffer }).stderr) };
            }
          },
        ],
        // A multi-line bash -c that defines an alias and then uses it: BASH_ENV's gate reads it as bash will.
        [
          'bash -c defining then using an alias',
          () => viaSpawn('bash', ['-c', "shopt -s expand_aliases\nalias tidy='rm -rf src'\ntidy"], false),
        ],
      ];
      for (const [label, attack] of attacks) {
        reset();
        asked.length = 0;
        const r = await attack();
        assert.equal(r.code, 1, `${label}: ${r.stderr}`);
        const sync = label.startsWith('execSync');
        assert.match(
          r.stderr,
          sync
            ? /AgentGuard: not run: it needs a human's approval and no editor answered/
            : /AgentGuard: not run: a human denied it in the editor/,
          label,
        );
        assert.equal(
          fs.readFileSync(path.join(code, 'api', 'notes.md'), 'utf8'),
          'wip\n',
          `${label}: src is untouched`,
        );
        assert.equal(asked.length, sync ? 0 : 1, `${label}: one question for the whole string`);
      }
      // Routine strings stay silent, and those the shims fully see do not start the gate at all.
      asked.length = 0;
      const before = readAudit(sb).length;
      assert.equal((await viaExec('ls src > /dev/null && echo fine')).code, 0);
      assert.equal((await viaSpawn('ls -la src', [], true)).code, 0);
      assert.equal(
        readAudit(sb).length,
        before,
        `nothing judged by the gate for what the shims see: ${JSON.stringify(readAudit(sb).slice(before))}`,
      );
      assert.equal(
        (await viaExec('command -v git > /dev/null && echo fine > out.txt')).code,
        0,
        'a harmless string the shims cannot see runs after the gate',
      );
      assert.equal(fs.readFileSync(path.join(sb.workspace, 'out.txt'), 'utf8'), 'fine\n');
      assert.equal(asked.length, 0);
    } finally {
      gate.restore();
      await judge.close();
      await approval.close();
      sb.cleanup();
    }
  },
);
