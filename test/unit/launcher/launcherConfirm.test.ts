// Every hook answer through the launcher is positive: "exit 0, nothing on
// stdout" is most hosts' no decision, and also what an empty or half-unpacked
// bundle gives. The real built launcher and the real CLI, every host as it
// runs its hook: an update still being unpacked is passed over for a complete
// install, and a CLI that ends without confirming an answer is the host's
// block, kill switch engaged or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOSTS, type HostId } from '../../../src/core/hosts/types';
import { ANSWER_MARK, LAUNCHER_REASONS } from '../../../src/core/launcher';
import { chosenInstall, findInstalls } from '../../../src/core/launcher/find';
import { readLauncher, writeLauncher } from '../../../src/core/launcher/file';
import { installHooks } from '../../../src/core/launcher/wiring';
import { writeKillSwitch } from '../../../src/core/state';
import { execFileSync, spawn } from 'node:child_process';
import { readAnswer } from '../../../src/core/hosts';
import { samplePayload } from '../../../src/core/hosts/samples';
import { startJudgeServer } from '../../../src/channels/editorJudge/server';
import { wiredCommands } from '../../../src/core/launcher/wiring';
import { fakeInstall, installCopy, notBlocked, runInstalledHook, type HostRun } from '../support/launcherHarness';
import { CLI, readAudit, sandbox, type Sandbox } from '../support/hookHarness';
import { confirmedState } from '../support/account';

const skip = process.platform === 'win32' ? 'the POSIX launcher' : false;

/** A throwaway home with the launcher written and every host's hook wired to it. */
function wired(sb: Sandbox): void {
  const { file } = writeLauncher({ home: sb.home, runtime: { kind: 'node', path: process.execPath } });
  assert.deepEqual(
    installHooks({ hosts: HOSTS, scope: 'project', workspace: sb.workspace, home: sb.home, launcher: file }).filter(
      (o) => o.status === 'refused',
    ),
    [],
  );
}

function env(sb: Sandbox, state: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: sb.home,
    AGENTGUARD_STATE_DIR: confirmedState(state),
    AGENTGUARD_JUDGE: 'off',
  };
}

const blocked = (r: HostRun) => r.read.ok && r.read.decision === 'deny';
const show = (r: HostRun) =>
  JSON.stringify({ code: r.code, stdout: r.stdout, stderr: r.stderr.slice(0, 400), read: r.read });

test(
  "an update still being unpacked (an empty bundle) is passed over: the complete install judges every host's call, kill switch engaged or not",
  { skip },
  () => {
    const sb = sandbox();
    try {
      const root = path.join(sb.home, '.vscode', 'extensions');
      const complete = installCopy(root, '0.1.0');
      const unpacking = installCopy(root, '0.2.0');
      fs.writeFileSync(path.join(unpacking, 'dist', 'agentguard.js'), '');
      // And one whose CLI is still empty.
      fs.writeFileSync(path.join(installCopy(root, '0.3.0'), 'dist', 'cli.js'), '');
      wired(sb);
      const e = env(sb, sb.state);
      assert.equal(
        chosenInstall(findInstalls(sb.home, readLauncher(sb.home), e))?.cli,
        path.join(complete, 'dist', 'cli.js'),
        'the TypeScript search passes them over too',
      );
      for (const host of HOSTS) {
        const state = fs.mkdtempSync(path.join(sb.root, `state-${host}-`));
        const harmless = runInstalledHook(host, {
          workspace: sb.workspace,
          home: sb.home,
          env: env(sb, state),
          command: 'git status',
        });
        assert.ok(
          !harmless.stdout.includes(ANSWER_MARK),
          `${host}: the confirmation never reaches the host: ${show(harmless)}`,
        );
        if (host === 'amp')
          assert.ok(harmless.code === 1 && /no objection; Amp asks/.test(harmless.stderr), show(harmless));
        else assert.ok(notBlocked(harmless), `${host}: git status ${show(harmless)}`);
        const rm = runInstalledHook(host, {
          workspace: sb.workspace,
          home: sb.home,
          env: env(sb, state),
          command: 'rm -rf ~',
        });
        assert.ok(
          rm.read.ok && rm.read.decision !== 'allow' && rm.read.decision !== 'defer',
          `${host}: rm -rf ~ ${show(rm)}`,
        );
        writeKillSwitch(state, { engaged: true, by: 'user', since: new Date().toISOString() });
        const halted = runInstalledHook(host, {
          workspace: sb.workspace,
          home: sb.home,
          env: env(sb, state),
          command: 'git status',
        });
        assert.ok(
          blocked(halted) && /kill switch is engaged/.test(halted.read.ok ? (halted.read.reason ?? '') : ''),
          `${host}: kill switch ${show(halted)}`,
        );
      }
    } finally {
      sb.cleanup();
    }
  },
);

test(
  "a CLI that ends without confirming an answer is each host's block, kill switch engaged or not, and nothing is recorded as judged",
  { skip },
  () => {
    const sb = sandbox();
    try {
      const root = path.join(sb.home, '.vscode', 'extensions');
      // The real CLI with a bundle cut short where it still parses: it loads, does nothing, exits 0.
      const cut = installCopy(root, '0.2.0');
      fs.writeFileSync(path.join(cut, 'dist', 'agentguard.js'), '/* cut short */\n');
      wired(sb);
      for (const engaged of [false, true]) {
        const state = fs.mkdtempSync(path.join(sb.root, 'state-'));
        if (engaged) writeKillSwitch(state, { engaged: true, by: 'user', since: new Date().toISOString() });
        for (const host of HOSTS) {
          for (const command of ['rm -rf ~', 'git push --force origin main', 'ls']) {
            const r = runInstalledHook(host, { workspace: sb.workspace, home: sb.home, env: env(sb, state), command });
            assert.ok(blocked(r), `${host} (kill switch ${engaged ? 'engaged' : 'released'}): ${command}: ${show(r)}`);
            if (host !== 'opencode')
              assert.ok(
                r.stderr.includes(LAUNCHER_REASONS.died) && /without confirming an answer/.test(r.stderr),
                `${host}: the repair is said: ${r.stderr}`,
              );
          }
        }
        assert.equal(
          fs.existsSync(path.join(state, 'audit.jsonl')),
          false,
          'nothing judged, nothing recorded as judged',
        );
      }
    } finally {
      sb.cleanup();
    }
  },
);

test(
  "an answer the CLI did not confirm, or confirmed with another exit code, is the host's block; a confirmed one reaches the host without the confirmation",
  { skip },
  () => {
    const sb = sandbox();
    try {
      const root = path.join(sb.home, '.vscode', 'extensions');
      wired(sb);
      const allow = JSON.stringify({
        hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: 'x' },
      });
      const cases: { name: string; source: string; ok: boolean; hosts?: readonly HostId[] }[] = [
        {
          name: 'an allow without the confirmation',
          source: `process.stdout.write(${JSON.stringify(allow + '\n')})`,
          ok: false,
        },
        {
          name: 'a confirmation of exit 0, then exit 2',
          source: `process.stdout.write(${JSON.stringify(`${ANSWER_MARK} 0\n`)}); process.exitCode = 2`,
          ok: false,
        },
        {
          name: 'a confirmation of exit 2, then exit 0',
          source: `process.stdout.write(${JSON.stringify(`${ANSWER_MARK} 2\n`)})`,
          ok: false,
        },
        {
          name: 'the confirmation not first',
          source: `process.stdout.write(${JSON.stringify(`\n${ANSWER_MARK} 0\n`)})`,
          ok: false,
        },
        {
          name: 'a confirmed answer no JSON host can read',
          source: `process.stdout.write(${JSON.stringify(`${ANSWER_MARK} 0\nSegmentation fault?\n`)})`,
          ok: false,
          hosts: ['claude', 'codex'],
        },
        {
          name: 'a confirmed empty answer',
          source: `process.stdout.write(${JSON.stringify(`${ANSWER_MARK} 0\n`)})`,
          ok: true,
        },
      ];
      for (const c of cases) {
        fs.rmSync(root, { recursive: true, force: true });
        fakeInstall(root, '0.1.0', c.source);
        // Recorded as the editor records what it installs: the launcher vouches for this CLI, and must still not take its word.
        wired(sb);
        for (const host of c.hosts ?? (['claude', 'windsurf', 'amp', 'codex'] as const)) {
          const r = runInstalledHook(host, {
            workspace: sb.workspace,
            home: sb.home,
            env: env(sb, sb.state),
            command: 'ls',
          });
          if (c.ok) assert.deepEqual([r.code, r.stdout], [0, ''], `${c.name}: ${host}: ${show(r)}`);
          else assert.ok(blocked(r) && r.stderr.includes(LAUNCHER_REASONS.died), `${c.name}: ${host}: ${show(r)}`);
        }
      }
    } finally {
      sb.cleanup();
    }
  },
);

test(
  "an answer of the editor's judge reaches the host through the launcher as the CLI's own does, confirmed",
  { skip: skip || (process.platform !== 'linux' && "the editor's judge listens on Linux") },
  async (t) => {
    const sb = sandbox();
    t.after(() => sb.cleanup());
    installCopy(path.join(sb.home, '.vscode', 'extensions'), '0.1.0');
    wired(sb);
    // The judge runs in this process, an ancestor of the hook's, as the editor's extension host is.
    const judged: string[] = [];
    const judge = await startJudgeServer({
      build: execFileSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).trim().split(' ')[1],
      channels: () => [],
      stateDir: sb.state,
      log: (m) => {
        if (m.startsWith('judged ')) judged.push(m);
      },
    });
    t.after(() => judge.close());
    const e = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: sb.home,
      AGENTGUARD_STATE_DIR: confirmedState(sb.state),
    };
    const run = (command: string) =>
      new Promise<HostRun>((resolve) => {
        // Asynchronously: the judge answers in this process meanwhile.
        const child = spawn('/bin/sh', ['-c', wiredCommands('claude', 'project', sb.workspace, sb.home)[0].command], {
          cwd: sb.workspace,
          env: e,
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => {
          stdout += d;
        });
        child.stderr.on('data', (d: Buffer) => {
          stderr += d;
        });
        child.on('close', (code) =>
          resolve({ code, signal: null, stdout, stderr, ms: 0, read: readAnswer('claude', { stdout, stderr, code }) }),
        );
        child.stdin.end(JSON.stringify(samplePayload('claude', 'PreToolUse', sb.workspace, command).stdin));
      });
    const harmless = await run('git status');
    assert.deepEqual([harmless.code, harmless.stdout], [0, ''], show(harmless));
    const denied = await run('rm -rf /');
    assert.ok(denied.read.ok && denied.read.decision === 'deny' && !denied.stdout.includes(ANSWER_MARK), show(denied));
    assert.equal(judged.length, 2, `the editor's judge answered both: ${judged}`);
    assert.equal(readAudit(sb).length, 2, 'each recorded once');
  },
);
