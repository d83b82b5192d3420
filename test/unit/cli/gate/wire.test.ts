// Variables named like a property of every object (`__proto__`,
// `constructor`) reach the terminal gate's judgement as written, whichever
// way the environment comes: the NAME=VALUE fields a shell sends, bash's
// `declare -px`, the gate's own environment (a command string's, `--once`),
// and the editor's judge the gate hands its lines to. A `__proto__` that was
// lost left `rm -rf "$__proto__"` an unknown target to ask about, when the
// shell would delete `/`.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { startJudgeServer } from '../../../../src/channels/editorJudge/server';
import { GateReader } from '../../../../src/cli/gate/wire';
import { CLI, hookEnv, readAudit, sandbox, type Sandbox } from '../../support/hookHarness';

const linux = process.platform === 'linux';
const BUILD = execFileSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).trim().split(' ')[1];
const NAMES = ['__proto__', 'constructor'] as const;

function fresh(t: TestContext): Sandbox {
  const sb = sandbox();
  t.after(() => sb.cleanup());
  return sb;
}

/** The sandbox's environment and `name=value`, in a table where `__proto__` is a name like any other. */
function environment(sb: Sandbox, name: string, value: string): Record<string, string> {
  const env = Object.assign(Object.create(null) as Record<string, string>, hookEnv(sb));
  env[name] = value;
  return env;
}

/** `declare -px` of a real bash that has `name` exported with `value` (how a bash gate sends its environment). */
function declared(sb: Sandbox, name: string, value: string): string {
  const env = environment(sb, name, value);
  return execFileSync('bash', ['--norc', '--noprofile', '-c', 'declare -px'], { env, encoding: 'utf8' });
}

/** A shell's gate (`agentguard gate --shell bash`) in the sandbox: send a request, read its answer. */
function gate(t: TestContext, sb: Sandbox) {
  const child = spawn(process.execPath, [CLI, 'gate', '--shell', 'bash'], {
    cwd: sb.workspace,
    env: hookEnv(sb),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  t.after(() => {
    child.kill('SIGKILL');
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  return {
    async ask(id: string, env: string[], line: string): Promise<{ decision: string; message: string }> {
      child.stdin.write(`${id}\0${sb.workspace}\0${env.join('\0')}\0\0${line}\0`);
      for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
        const m = new RegExp(`(?:^|\\0)${id}\\0(\\w+)\\0([^\\0]*)\\0`).exec(out);
        if (m) return { decision: m[1], message: m[2] };
      }
      throw new Error(`no answer to line ${id}: ${JSON.stringify(out)}`);
    },
  };
}

test('the gate reads a variable named __proto__ or constructor as any other, in both forms a shell sends', () => {
  const fields = new GateReader().push('1\0/w\0__proto__=/\0constructor=/c\0\0ls\0').requests[0].env;
  assert.deepEqual(Object.entries(fields), [
    ['__proto__', '/'],
    ['constructor', '/c'],
  ]);
  const declare = 'declare -x __proto__="/"\ndeclare -x constructor="/c"\n';
  const bash = new GateReader().push(`1\0/w\0${declare}\0\0ls\0`).requests[0].env;
  assert.deepEqual(Object.entries(bash), [
    ['__proto__', '/'],
    ['constructor', '/c'],
  ]);
  assert.equal(
    new GateReader().push('1\0/w\0A=1\0\0ls\0').requests[0].env.toString,
    undefined,
    'an unset name is unset',
  );
});

test("a terminal's line is judged with the __proto__ and constructor its shell has", async (t) => {
  const sb = fresh(t);
  // The shell is a terminal of no editor: judge it as an agent's would be, not only for production.
  fs.writeFileSync(path.join(sb.state, 'terminal.json'), JSON.stringify({ gateHumanTerminals: 'all' }));
  const g = gate(t, sb);
  const base = [`HOME=${sb.home}`, `AGENTGUARD_STATE_DIR=${sb.state}`];
  for (const name of NAMES) {
    const line = `rm -rf "$${name}"`;
    for (const [form, env] of [
      ['fields', [...base, `${name}=/`]],
      ['declare', [declared(sb, name, '/')]],
    ] as const) {
      const a = await g.ask(`${name}-${form}`, [...env], line);
      assert.equal(a.decision, 'deny', `${name} (${form}): ${a.message}`);
      assert.match(a.message, /fs\.rm-root/, `${name} (${form}): the shell deletes /, not something unknown`);
    }
  }
});

test("a command string's gate (--once) is judged with the __proto__ and constructor of its own environment", (t) => {
  const sb = fresh(t);
  for (const name of NAMES) {
    const r = spawnSync(
      process.execPath,
      [CLI, 'gate', '--once', '--via', 'bash-env', '--shell', 'bash', '--', 'rm', '-rf', `"$${name}"`],
      { cwd: sb.workspace, env: environment(sb, name, '/'), encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' },
    );
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /fs\.rm-root/, `${name}: ${r.stderr}`);
  }
});

test(
  "the editor's judge takes a gate's line with the __proto__ and constructor its shell sent",
  { skip: !linux },
  async (t) => {
    const sb = fresh(t);
    const judge = await startJudgeServer({
      build: BUILD,
      stateDir: sb.state,
      channels: () => [],
      terminals: {
        terminal: (pid: number) =>
          pid === process.pid ? { origin: 'agent-terminal' as const, name: 'test terminal' } : undefined,
        humanGating: () => 'production' as const,
        approvalMs: () => 10_000,
        gate: () => undefined,
      },
    });
    t.after(() => judge.close());
    const g = gate(t, sb);
    for (const name of NAMES) {
      const a = await g.ask(
        name,
        [`HOME=${sb.home}`, `AGENTGUARD_STATE_DIR=${sb.state}`, `${name}=/`],
        `rm -rf "$${name}"`,
      );
      assert.equal(a.decision, 'deny', `${name}: ${a.message}`);
      assert.match(a.message, /fs\.rm-root/, `${name}: ${a.message}`);
    }
    const judged = readAudit(sb).filter((r) => r.host === 'terminal');
    assert.deepEqual(
      judged.map((r) => r.origin),
      ['agent-terminal', 'agent-terminal'],
      "both lines were judged by the editor, as its agent's terminal's",
    );
  },
);
