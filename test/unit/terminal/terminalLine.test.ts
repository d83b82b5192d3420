// The terminal door's pieces without a shell: when a line is not complete
// yet, what the gate reads from the shell, whose line it is, and the findings
// for lines that would take the gate apart.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { lineOrigin, type TerminalDirectory } from '../../../src/channels/editorJudge/lines';
import { awaitsMoreInput } from '../../../src/core/terminal/complete';
import { decideLine } from '../../../src/core/frontdoor/line';
import type { LineCall } from '../../../src/core/terminal/types';
import { evaluate } from '../../../src/core/engine';
import { GateReader, gateResponse, parseDeclareExports } from '../../../src/cli/gate/wire';
import { parseJudgeLine, parseJudgeLineReply } from '../../../src/shared/judgeProtocol';
import { sandbox } from '../support/hookHarness';
import { confirmedState } from '../support/account';

test('a command the shell would read on from is not judged in parts', () => {
  for (const more of [
    'echo "abc',
    "echo 'x",
    'if true; then',
    'for x in a b; do',
    'ls |',
    'ls &&',
    'ls ||',
    'echo $(ls',
    '{ echo',
    '( echo',
    'case x in',
    'f() {',
    'echo `ls',
    'while true',
    'echo a \\',
    'cat <<EOF',
    'cat <<EOF\nbody',
    'cat <<-EOF\n\tbody',
    'if true; then\n  echo x',
  ]) {
    assert.equal(awaitsMoreInput(more), true, JSON.stringify(more));
  }
  for (const done of [
    'ls',
    'echo hi # comment',
    'cat <<EOF\nbody\nEOF',
    'echo a \\\\',
    'if true; then echo x; fi',
    'ls )',
    'echo >',
    '',
    '   ',
    'echo "a\nb"',
  ]) {
    assert.equal(awaitsMoreInput(done), false, JSON.stringify(done));
  }
});

test('the environment a bash gate sends is read back exactly (declare -px)', async () => {
  const values = {
    PLAIN: 'a b',
    QUOTES: 'q"d$b`k\\e',
    NL: 'line\nnext',
    CTRL: 'tab\there\x01x',
    EMPTY: '',
    UTF: 'café ✓',
  };
  const out = await new Promise<string>((resolve) => {
    const child = spawn('bash', ['--norc', '-c', 'declare -px'], { env: { ...values, PATH: '/usr/bin:/bin' } });
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString('utf8');
    });
    child.on('close', () => resolve(text));
  });
  const env = parseDeclareExports(out);
  for (const [k, v] of Object.entries(values)) assert.equal(env[k], v, k);
});

test('the gate reads requests field by field, across chunks, and answers with the request id', () => {
  const r = new GateReader();
  const wire = '7\0/w\0A=1\0B=x=y\0\0rm -rf ~/code\necho\0' + '8\0/w\0\0ls\0';
  // The environments are tables without a prototype (any variable name is a key): compared as plain objects.
  const got = [...wire].flatMap((c) => r.push(c).requests).map((q) => ({ ...q, env: { ...q.env } }));
  assert.deepEqual(got, [
    { id: '7', cwd: '/w', env: { A: '1', B: 'x=y' }, line: 'rm -rf ~/code\necho' },
    { id: '8', cwd: '/w', env: {}, line: 'ls' },
  ]);
  const bash = new GateReader().push('1\0/w\0declare -x HOME="/h"\ndeclare -x X\n\0\0ls\0').requests;
  assert.deepEqual({ ...bash[0].env }, { HOME: '/h' });
  assert.equal(gateResponse('3', 'deny', 'no\0way'), '3\0deny\0noway\0');
});

test('line messages that are not exactly right are refused', () => {
  const good = {
    type: 'judge.line',
    version: 1,
    line: 'ls',
    shell: 'bash',
    via: 'terminal',
    shellPid: 42,
    cwd: '/w',
    env: {},
    install: [],
  };
  assert.equal(parseJudgeLine(JSON.stringify(good)).ok, true);
  for (const bad of [
    { ...good, shell: 'tcsh' },
    { ...good, via: 'x' },
    { ...good, shellPid: 1 },
    { ...good, cwd: 'w' },
    { ...good, env: { A: 1 } },
    { ...good, line: 3 },
  ]) {
    assert.equal(parseJudgeLine(JSON.stringify(bad)).ok, false, JSON.stringify(bad));
  }
  assert.equal(parseJudgeLineReply('{"type":"judge.lineAnswer","decision":"deny"}'), undefined, 'a deny says why');
  assert.equal(parseJudgeLineReply('{"type":"judge.lineAnswer","decision":"run"}'), undefined);
  assert.deepEqual(
    parseJudgeLineReply('{"type":"judge.decline","reason":"r","origin":"agent-terminal","humanGating":"nope"}'),
    { type: 'judge.decline', reason: 'r', origin: 'agent-terminal' },
  );
});

test("whose line: the nearest terminal above the shell, else the extension host, else nobody's", () => {
  const dir = (map: Record<number, 'agent-terminal' | 'human-terminal'>): TerminalDirectory => ({
    terminal: (pid) => (map[pid] ? { origin: map[pid], name: `t${pid}` } : undefined),
    humanGating: () => 'production',
    approvalMs: () => 1000,
  });
  // This test process's parent chain: its parent stands in for a terminal's shell, the test itself for the extension host.
  assert.deepEqual(lineOrigin(process.pid, dir({ [process.ppid]: 'human-terminal' }), 999_999_999), {
    origin: 'human-terminal',
    name: `t${process.ppid}`,
  });
  assert.equal(
    lineOrigin(process.pid, dir({ [process.ppid]: 'human-terminal' })).origin,
    'extension-host',
    'the nearer of the two wins',
  );
  assert.equal(lineOrigin(process.pid, dir({}), process.ppid).origin, 'extension-host');
  assert.equal(lineOrigin(process.pid, dir({}), 999_999_999).origin, 'outside');
});

test('lines that would take the terminal gate apart ask', () => {
  const opts = { workspace: '/home/dev/code/app', home: '/home/dev', env: { HOME: '/home/dev', PATH: '/usr/bin' } };
  const ids = (command: string) => evaluate({ command, cwd: opts.workspace }, opts).findings.map((f) => f.id);
  assert.deepEqual(ids(`bind '"\\C-m": accept-line'`), ['terminal.gate-keys']);
  assert.deepEqual(ids('bind -s'), ['terminal.gate-keys'], 'reading the bindings reveals the private keys');
  assert.deepEqual(ids('bindkey "^M" .accept-line'), ['terminal.gate-keys']);
  assert.deepEqual(ids('zle -N accept-line my-widget'), ['terminal.gate-keys']);
  assert.deepEqual(ids('unset -f __agentguard_judge'), ['guard.terminal-gate']);
  assert.deepEqual(ids('unfunction __agentguard_accept'), ['terminal.gate-function']);
  assert.deepEqual(ids('PS0= rm -f x'), ['guard.terminal-gate']);
  assert.deepEqual(ids('export PROMPT_COMMAND=true'), ['guard.terminal-gate']);
  // Whatever builtin writes it: an element, printf -v, read, mapfile, a name reference.
  for (const set of [
    'PROMPT_COMMAND[1]=true',
    'printf -v PROMPT_COMMAND %s x',
    'read PROMPT_COMMAND <<< x',
    'mapfile -t PROMPT_COMMAND < f',
    'declare -n r=PROMPT_COMMAND; r=x',
  ]) {
    assert.deepEqual(ids(set), ['guard.terminal-gate'], set);
  }
  // Other characters for history references would pass the gate's expansion of `!`.
  assert.deepEqual(ids("histchars='@^#'"), ['guard.terminal-gate']);
  assert.deepEqual(ids("trap -- '' INT"), ['terminal.shell-machinery'], '`--` only ends the options');
  assert.ok(
    ids("trap -- 'rm -rf ~/Downloads' EXIT").includes('fs.rm-outside-workspace'),
    'the code a trap runs is judged past `--`',
  );
  assert.deepEqual(ids('exec bash --norc'), ['terminal.ungated-shell']);
  assert.deepEqual(ids('sh'), ['terminal.ungated-shell']);
  assert.deepEqual(ids('zsh -f'), ['terminal.ungated-shell']);
  assert.deepEqual(ids('fish --no-config'), ['terminal.ungated-shell']);
  for (const fine of [
    'bash',
    'zsh',
    'sh -c "ls"',
    'bash script.sh',
    'sh < setup.sh',
    'cat setup.sh | sh -s',
    'echo __agentguard_judge',
    'git status',
    'fish -c "ls"',
    'arr[1]=x',
    'printf -v line %s x',
    'read -r name',
    'trap -- - INT',
    'trap -- \'rm -f "$tmp"\' EXIT',
  ]) {
    assert.deepEqual(
      ids(fine).filter((id) => id.startsWith('terminal.') || id === 'guard.terminal-gate'),
      [],
      fine,
    );
  }
});

test("a shell process of its own traps and switches off what it likes: the terminal's shell is not touched", () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-child-shell-')));
  try {
    const script =
      '#!/bin/bash\ncleanup() { rm -f "$TMPF"; }\ntrap cleanup INT TERM EXIT\nset -T\nenable -f ./rp.so realpath\necho ok\n';
    fs.writeFileSync(path.join(root, 'build.sh'), script, { mode: 0o755 });
    fs.writeFileSync(path.join(root, 'tool'), script, { mode: 0o755 });
    const opts = { workspace: root, home: path.join(root, 'home'), env: { PATH: '/usr/bin' } };
    const ids = (command: string) =>
      evaluate({ command, cwd: root }, opts)
        .findings.map((f) => f.id)
        .filter((id) => id.startsWith('terminal.'));
    for (const child of [
      './build.sh',
      'bash build.sh',
      `${root}/tool install 3.12`,
      'bash -c "trap cleanup INT; make"',
      'sh -c \'trap "" INT; sleep 1\'',
      'bash -c "kill() { :; }; kill 1"',
      'sudo bash -c "enable -n kill"',
    ])
      assert.deepEqual(ids(child), [], child);
    // In the shell itself: sourced, evaluated, typed.
    for (const own of ['source build.sh', '. ./build.sh', 'eval "trap \'\' INT"', "trap '' INT", 'enable -n kill'])
      assert.ok(ids(own).includes('terminal.shell-machinery'), own);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("a human's line is judged only for production unless the setting says all; off judges nothing", async () => {
  const sb = sandbox();
  try {
    const asked: string[] = [];
    const call = (line: string, origin: LineCall['origin'], humanGating: LineCall['humanGating']): LineCall => ({
      line,
      shell: 'bash',
      cwd: sb.workspace,
      env: { HOME: sb.home, PATH: '/usr/bin:/bin', AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
      origin,
      humanGating,
      label: 't',
      via: 'terminal',
      started: new Date(),
    });
    const deps = {
      askEditor: async (_h: string, req: { command?: string }) => {
        asked.push(req.command ?? '');
        return { via: 'editor' as const, decision: 'deny' as const };
      },
      warn: () => undefined,
      approvalMs: 1000,
    };
    const prod = 'psql postgres://app@db.prod.acme.io/app -c "drop table users"';
    const decide = async (line: string, origin: LineCall['origin'], gating: LineCall['humanGating']) => {
      const o = await decideLine(call(line, origin, gating), deps);
      assert.equal(o.declined, false);
      return o.declined ? undefined : o.answer.decision;
    };
    assert.equal(await decide('rm -rf src', 'human-terminal', 'production'), 'allow');
    assert.equal(await decide(prod, 'human-terminal', 'off'), 'allow');
    assert.deepEqual(asked, []);
    assert.equal(await decide(prod, 'human-terminal', 'production'), 'deny');
    assert.equal(await decide('rm -rf src', 'human-terminal', 'all'), 'deny');
    assert.equal(
      await decide('rm -rf src', 'agent-terminal', 'off'),
      'deny',
      "an agent's terminal ignores the human setting",
    );
    assert.equal(await decide('if true; then', 'agent-terminal', 'production'), 'more');
    assert.deepEqual(asked, [prod, 'rm -rf src', 'rm -rf src']);
  } finally {
    sb.cleanup();
  }
});
