// The terminal gate's fail-closed paths, with the built CLI as the shells run
// it (`agentguard gate`): a line runs only on an allow. An engine that fails
// or is not there (an empty bundle), an editor judge lost in the middle of a
// line, a line that cannot be recorded or is over the bound, and an
// incomplete line — none of them runs.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { approvalSocketPath } from '../../../../src/channels/approval/paths';
import { startApprovalServer } from '../../../../src/channels/approval/server';
import { startJudgeServer } from '../../../../src/channels/editorJudge/server';
import { decideLine } from '../../../../src/core/frontdoor/line';
import { CLI, sandbox, type Sandbox } from '../../support/hookHarness';
import { confirmedState } from '../../support/account';
import { BUNDLE_PIN_ENV } from '../../../../src/core/launcher';

const linux = process.platform === 'linux';
const BUILD = execFileSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).trim().split(' ')[1];

function env(sb: Sandbox, state = sb.state): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sb.home, AGENTGUARD_STATE_DIR: confirmedState(state) };
}

/** `agentguard gate --once` as a shell's BASH_ENV runs it for one `bash -c` string: exit 0 runs it. */
function once(
  sb: Sandbox,
  words: string[],
  o: { cli?: string; state?: string; via?: string; pin?: string } = {},
): { code: number | null; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [o.cli ?? CLI, 'gate', '--once', '--via', o.via ?? 'bash-env', '--shell', 'bash', '--', ...words],
    {
      cwd: sb.workspace,
      env: { ...env(sb, o.state), ...(o.pin ? { [BUNDLE_PIN_ENV]: o.pin } : {}) },
      encoding: 'utf8',
      timeout: 60_000,
      killSignal: 'SIGKILL',
    },
  );
  return { code: r.status, stderr: r.stderr };
}

function fresh(t: TestContext): Sandbox {
  const sb = sandbox();
  t.after(() => sb.cleanup());
  return sb;
}

test('an engine that fails, or is not there (an empty bundle beside the CLI), runs no line', (t) => {
  const sb = fresh(t);
  for (const [name, bundle] of [
    ['fails', 'exports.judgeLineHere = async () => { throw new Error("engine broke"); };\n'],
    ['is empty', ''],
  ]) {
    const dist = path.join(sb.root, `dist-${name.replace(/\W/g, '')}`);
    fs.mkdirSync(dist);
    fs.copyFileSync(CLI, path.join(dist, 'cli.js'));
    fs.writeFileSync(path.join(dist, 'agentguard.js'), bundle);
    const r = once(sb, ['ls'], { cli: path.join(dist, 'cli.js') });
    assert.equal(r.code, 1, `${name}: ${r.stderr}`);
    assert.match(r.stderr, /could not judge this command, so it was not run/, name);
  }
});

// The launcher pins the bundle's SHA-256 for every command it starts. A hook call refused a changed bundle, while the
// gate loaded it with a plain require: a bundle that allows everything then judged the terminal's lines.
test('a bundle other than the one the launcher pinned judges no line; the pinned one does', (t) => {
  const sb = fresh(t);
  const dist = path.join(sb.root, 'dist-pinned');
  fs.mkdirSync(dist);
  fs.copyFileSync(CLI, path.join(dist, 'cli.js'));
  const bundle = path.join(dist, 'agentguard.js');
  fs.copyFileSync(path.join(path.dirname(CLI), 'agentguard.js'), bundle);
  const pin = createHash('sha256').update(fs.readFileSync(bundle)).digest('hex');
  const cli = path.join(dist, 'cli.js');
  assert.equal(once(sb, ['ls'], { cli, pin }).code, 0, 'the pinned bundle judges: a harmless line runs');
  const wipe = once(sb, ['rm -rf ~'], { cli, pin });
  assert.equal(wipe.code, 1, wipe.stderr);

  fs.writeFileSync(bundle, 'exports.judgeLineHere = async () => ({ decision: "allow" });\n');
  const r = once(sb, ['rm -rf ~'], { cli, pin });
  assert.equal(r.code, 1, `a changed bundle must not judge: ${r.stderr}`);
  assert.match(r.stderr, /not the bundle AgentGuard recorded/);
  // Without a pin (the CLI run directly, not through the launcher) the bundle beside it is what runs.
  assert.equal(once(sb, ['rm -rf ~'], { cli }).code, 0, 'the planted bundle is what an unpinned gate loads');
});

test('a line that cannot be recorded, or is longer than the bound, does not run', (t) => {
  const sb = fresh(t);
  assert.equal(once(sb, ['ls']).code, 0, 'a harmless line runs');
  const broken = path.join(sb.root, 'broken-state');
  fs.mkdirSync(path.join(broken, 'audit.jsonl'), { recursive: true });
  const unrecorded = once(sb, ['ls'], { state: broken });
  assert.equal(unrecorded.code, 1, unrecorded.stderr);
  assert.match(unrecorded.stderr, /cannot write its audit log/);
  // Three arguments of 100 KiB (one may be at most 128 KiB): 300 KiB of line.
  const long = once(sb, ['echo', ...Array.from({ length: 3 }, () => 'x'.repeat(100 * 1024))]);
  assert.equal(long.code, 1, long.stderr.slice(0, 300));
  assert.match(long.stderr, /the command is \d+ characters long \(limit \d+\)/);
});

test("an incomplete line is never run: a command string is judged as it is, a terminal's line waits for more", async (t) => {
  const sb = fresh(t);
  // A command string (bash -c) is read whole: there is no more to wait for.
  const call = {
    shell: 'bash' as const,
    cwd: sb.workspace,
    env: env(sb),
    origin: 'extension-host' as const,
    humanGating: 'production' as const,
    label: 'bash -c',
    started: new Date(),
  };
  const deps = {
    askEditor: async () => ({ via: 'unanswered' as const, why: 'no editor in this test' }),
    warn: () => undefined,
    approvalMs: 1000,
  };
  for (const via of ['bash-env', 'zdotdir', 'shim'] as const) {
    const o = await decideLine({ ...call, via, line: 'if true; then' }, deps);
    assert.ok(!o.declined && o.answer.decision !== 'more', `${via}: ${JSON.stringify(o)}`);
  }
  // "more" is an answer only to a shell that reads on; as a one-off verdict it does not run the line.
  const more = once(sb, ['if', 'true;', 'then'], { via: 'terminal' });
  assert.equal(more.code, 1, more.stderr);
});

test(
  "an editor's judge lost in the middle of a line runs no line, in a shell's gate and for a command string",
  { skip: !linux },
  async (t) => {
    const sb = fresh(t);
    // The "human" never answers: the line waits in the editor until the judge goes away.
    let asked = 0;
    const questions = async (n: number) => {
      for (const until = Date.now() + 30_000; asked < n; await new Promise((r) => setTimeout(r, 20)))
        if (Date.now() > until) throw new Error(`${asked} questions, not ${n}`);
    };
    const editor = () =>
      startApprovalServer({
        socketPath: approvalSocketPath(sb.state, sb.workspace),
        decide: () => {
          asked++;
          return new Promise(() => undefined);
        },
      });
    let approval = await editor();
    t.after(() => approval.close());
    const terminals = {
      terminal: (pid: number) =>
        pid === process.pid ? { origin: 'agent-terminal' as const, name: 'test terminal' } : undefined,
      humanGating: () => 'production' as const,
      approvalMs: () => 60_000,
      gate: () => undefined,
    };
    let judge = await startJudgeServer({ build: BUILD, stateDir: sb.state, channels: () => [approval], terminals });
    t.after(() => judge.close());

    // A shell's gate: its first line opens the connection it keeps; the second is lost with the judge.
    const gate = spawn(process.execPath, [CLI, 'gate', '--shell', 'bash'], {
      cwd: sb.workspace,
      env: env(sb),
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    t.after(() => {
      gate.kill('SIGKILL');
    });
    let out = '';
    gate.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    const answer = async (id: string) => {
      for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
        const m = new RegExp(`(?:^|\\0)${id}\\0(\\w+)\\0([^\\0]*)\\0`).exec(out);
        if (m) return { decision: m[1], message: m[2] };
      }
      throw new Error(`no answer to line ${id}: ${JSON.stringify(out)}`);
    };
    const send = (id: string, line: string) =>
      gate.stdin.write(`${id}\0${sb.workspace}\0HOME=${sb.home}\0AGENTGUARD_STATE_DIR=${sb.state}\0\0${line}\0`);
    send('1', 'ls');
    assert.equal((await answer('1')).decision, 'allow');
    send('2', 'rm -rf ~/code');
    await questions(1);
    await judge.close();
    const lost = await answer('2');
    assert.equal(lost.decision, 'deny', JSON.stringify(lost));
    assert.match(lost.message, /judge was lost/);

    // A command string of the extension host's child, its judge lost the same way (a new window: the old one's question is gone with it).
    await approval.close();
    approval = await editor();
    judge = await startJudgeServer({ build: BUILD, stateDir: sb.state, channels: () => [approval], terminals });
    const child = spawn(
      process.execPath,
      [CLI, 'gate', '--once', '--via', 'bash-env', '--shell', 'bash', '--', 'rm', '-rf', '~/code'],
      { cwd: sb.workspace, env: env(sb), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    t.after(() => {
      child.kill('SIGKILL');
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await questions(2);
    await judge.close();
    assert.equal(await exited, 1, stderr);
    assert.match(stderr, /judge was lost/);
  },
);
