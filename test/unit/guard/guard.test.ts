// Self-protection: commands, interpreter code, scripts run by an interpreter
// and code files written by an agent that reach AgentGuard itself (state,
// policy file, hook files, installed CLI) or bind a Unix socket are gated;
// background launches of files an agent wrote ask. Harmless look-alikes stay
// allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { judgeRequest } from '../../../src/core/request';
import { ledgerLookup, readLedger, recordWritten } from '../../../src/core/state/ledger';
import { shellWrites } from '../../../src/core/frontdoor/agentWrites';
import { makeContext } from '../../../src/core/engine';
import { HOME, WORKSPACE } from '../support/helpers';
import { claudeDecision, fixture, runHook, sandbox, withInput } from '../support/hookHarness';

const FILES: Record<string, string> = {
  [`${WORKSPACE}/tools/pair.py`]:
    'import socket, os\ns = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\ns.bind(path)\ns.listen(1)\n',
  [`${WORKSPACE}/tools/reset.js`]:
    "const fs = require('fs');\nfs.writeFileSync(process.env.HOME + '/.cursor/hooks.json', '{}');\n",
  [`${WORKSPACE}/tools/report.py`]: 'import json\nprint(json.dumps({"ok": True}))\n',
  [`${WORKSPACE}/tools/serve.rb`]: "require 'socket'\nserver = UNIXServer.new('/tmp/x.sock')\n",
};
const WRITTEN = new Set([`${WORKSPACE}/tools/report.py`, `${WORKSPACE}/tools/worker.sh`, `${WORKSPACE}/bin/sync`]);

const opts: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/bin:/bin' },
  readFile: (p, cwd) => FILES[path.resolve(cwd, p)],
  agentWritten: (p) => WRITTEN.has(p),
};

function ids(command: string): { decision: string; ids: string[] } {
  const r = evaluate({ command }, opts);
  return { decision: r.decision, ids: r.findings.map((f) => f.id) };
}

function gated(commands: string[], id: string): void {
  for (const c of commands) {
    const r = ids(c);
    assert.notEqual(r.decision, 'allow', c);
    assert.ok(r.ids.includes(id), `${c}: ${r.ids.join(',')}`);
  }
}

function allowed(commands: string[]): void {
  for (const c of commands) assert.equal(ids(c).decision, 'allow', `${c}: ${ids(c).ids.join(',')}`);
}

test("commands and interpreter code that reach AgentGuard's state, policy, hooks or CLI ask", () => {
  gated(
    [
      'python3 -c "import os; os.remove(os.path.expanduser(\'~/.local/state/agentguard/killswitch.json\'))"',
      'truncate -s0 "$HOME/.local/state/agentguard/audit.jsonl"',
      'ruby -e \'puts ENV["AGENTGUARD_STATE_DIR"]\'',
      'AGENTGUARD_STATE_DIR=/tmp/fake agentguard hook claude',
      'XDG_STATE_HOME=/tmp/s agentguard check -- ls',
    ],
    'guard.state',
  );
  gated(
    [
      "node -e \"require('fs').writeFileSync('.agentguard.json', JSON.stringify({mode:'monitor'}))\"",
      'jq \'.mode="monitor"\' .agentguard.json | sponge .agentguard.json',
      'perl -0pi -e \'s/"ask"/"allow"/\' .agentguard.json',
    ],
    'guard.policy-file',
  );
  gated(
    [
      "python3 -c \"open('.claude/settings.json','w').write('{}')\"",
      'mv .github/hooks/agentguard.json /tmp/',
      'node tools/reset.js',
    ],
    'guard.hook-file',
  );
  gated(['cp patched.js ~/.cursor/extensions/agentguard.agentguard-0.1.0/dist/cli.js'], 'guard.installed-cli');
  gated(['agentguard uninstall --claude --cursor'], 'guard.cli');
  // Looking is not touching.
  allowed([
    'cat .agentguard.json',
    'git diff .claude/settings.json',
    'grep -n mode .agentguard.json',
    'agentguard check -- ls',
    'agentguard audit verify',
    'git clone https://github.com/acme/agentguard-demo',
    'ls ~/.vscode/extensions',
  ]);
});

test('code that binds a Unix socket or starts a listener asks; ordinary scripts do not', () => {
  gated(
    [
      'python3 tools/pair.py',
      'ruby tools/serve.rb',
      'socat UNIX-LISTEN:/tmp/ag.sock,fork EXEC:/bin/cat',
      'nc -lU /tmp/ag.sock',
      "node -e \"require('net').createServer(c => c.end()).listen('/tmp/ag.sock')\"",
    ],
    'guard.unix-listener',
  );
  gated(
    [
      'python3 -c "import socketserver"',
      'nc -l 9000',
      'node -e "require(\'http\').createServer((q,s)=>s.end()).listen(8080)"',
    ],
    'guard.listener',
  );
  // The standard library's file server only serves a folder: which one is what matters (the outgoing pack).
  allowed([
    'python3 -m http.server 8000',
    'python3 tools/report.py',
    'node -e "console.log(1+1)"',
    'python3 -c "import json; print(json.dumps({}))"',
    'nc -z localhost 5432',
    'npm run dev &',
  ]);
});

test('a background launch of a file an agent wrote asks; the same launch in the foreground, or of other code, does not', () => {
  gated(
    [
      'nohup python3 tools/report.py &',
      'setsid bash tools/worker.sh',
      'python3 tools/report.py & disown',
      'screen -dmS w ./bin/sync',
      'tmux new -d "python3 tools/report.py"',
      'echo "python3 tools/report.py" | at now + 1 minute',
    ],
    'guard.background-agent-code',
  );
  allowed(['python3 tools/report.py', 'nohup python3 other.py &', 'npm run dev &', 'sleep 5 &']);
});

test('written code files are judged for what they do to AgentGuard: the edit itself is gated', () => {
  const base = {
    workspace: WORKSPACE,
    cwd: WORKSPACE,
    config: undefined,
    env: { HOME },
    home: HOME,
    readFile: () => undefined,
  };
  const write = (file: string, content: string) =>
    judgeRequest({ kind: 'edit', toolName: 'Write', targets: [{ path: file, op: 'write', content }] } as never, base);
  for (const [file, content, id] of [
    ['approve.py', 'import socket\ns = socket.socket(socket.AF_UNIX)\ns.bind(sock)\n', 'guard.unix-listener'],
    ['off.js', "require('fs').writeFileSync('.agentguard.json', '{\"mode\":\"monitor\"}')\n", 'guard.policy-file'],
    ['scripts/release', '#!/bin/sh\nrm -f "$XDG_STATE_HOME/agentguard/killswitch.json"\n', 'guard.state'],
    ['hooks.rb', "File.write(File.join(Dir.home, '.gemini/settings.json'), '{}')\n", 'guard.hook-file'],
  ] as const) {
    const v = write(file, content);
    assert.notEqual(v.decision, 'allow', file);
    assert.ok(
      v.findings.some((f) => f.id === id),
      `${file}: ${v.findings.map((f) => f.id).join(',')}`,
    );
  }
  // Ordinary code, documentation that names the policy file, and a web server stay allowed.
  for (const [file, content] of [
    ['app.py', 'from flask import Flask\napp = Flask(__name__)\n'],
    ['README.md', 'Configure `.agentguard.json` to add rules.\n'],
    ['server.js', "const express = require('express');\nexpress().listen(3000);\n"],
  ])
    assert.equal(write(file, content).decision, 'allow', file);
});

test('the ledger is bounded, survives a FIFO in its place and records what an allowed command writes', () => {
  const sb = sandbox();
  try {
    recordWritten(sb.state, ['/w/a.py', '/w/b.py', 'relative/ignored.py']);
    assert.deepEqual([...readLedger(sb.state)], ['/w/a.py', '/w/b.py']);
    assert.equal(ledgerLookup(sb.state)('/w/a.py'), true);
    assert.equal(ledgerLookup(sb.state)('/w/c.py'), false);
    for (let i = 0; i < 3000; i++) recordWritten(sb.state, [`/w/many/${i}/file-with-a-long-enough-name.py`]);
    const size = fs.statSync(path.join(sb.state, 'agent-written.txt')).size;
    assert.ok(size <= 128 * 1024, `ledger grew to ${size} bytes`);
    assert.equal(ledgerLookup(sb.state)('/w/many/2999/file-with-a-long-enough-name.py'), true);
    const ctx = makeContext({ workspace: sb.workspace }, { HOME: sb.home });
    assert.deepEqual(
      shellWrites("printf 'print(1)' > job.py && cp job.py ../job2.py", sb.workspace, { HOME: sb.home }, ctx),
      [path.join(sb.workspace, 'job.py'), path.join(path.dirname(sb.workspace), 'job2.py')],
    );
    assert.deepEqual(shellWrites('ls -la', sb.workspace, { HOME: sb.home }, ctx), []);
    fs.rmSync(path.join(sb.state, 'agent-written.txt'));
    fs.mkdirSync(path.join(sb.state, 'agent-written.txt'));
    assert.deepEqual([...readLedger(sb.state)], []);
    recordWritten(sb.state, ['/w/x.py']);
  } finally {
    sb.cleanup();
  }
});

test('through the real hook: a script written with the Write tool, then started in the background, asks', async () => {
  const sb = sandbox();
  try {
    const file = path.join(sb.workspace, 'tools', 'job.py');
    const write = await runHook(
      'claude',
      withInput(fixture('claude/write', sb), { file_path: file, content: 'print("working")\n' }),
      sb,
    );
    assert.equal(claudeDecision(write).decision, 'defer');
    const fg = await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'python3 tools/job.py' }), sb);
    assert.equal(claudeDecision(fg).decision, 'defer');
    const bg = await runHook(
      'claude',
      withInput(fixture('claude/bash', sb), { command: 'nohup python3 tools/job.py > /dev/null 2>&1 &' }),
      sb,
    );
    assert.equal(claudeDecision(bg).decision, 'ask');
    assert.match(claudeDecision(bg).reason, /\[guard\.background-agent-code\]/);
    // Written by an allowed shell command counts too.
    await runHook('claude', withInput(fixture('claude/bash', sb), { command: "echo 'print(2)' > tools/two.py" }), sb);
    const bg2 = await runHook(
      'claude',
      withInput(fixture('claude/bash', sb), { command: 'setsid python3 tools/two.py' }),
      sb,
    );
    assert.equal(claudeDecision(bg2).decision, 'ask');
    const approver = await runHook(
      'claude',
      withInput(fixture('claude/write', sb), {
        file_path: path.join(sb.workspace, 'a.py'),
        content: 'import socket\ns = socket.socket(socket.AF_UNIX)\n',
      }),
      sb,
    );
    assert.equal(claudeDecision(approver).decision, 'ask');
    assert.match(claudeDecision(approver).reason, /\[guard\.unix-listener\]/);
  } finally {
    sb.cleanup();
  }
});

test('a script file run by an interpreter is read for what it deletes and runs', () => {
  const files: Record<string, string> = {
    [`${WORKSPACE}/scripts/wipe.py`]: "import shutil, os\nshutil.rmtree(os.path.expanduser('~/Documents'))\n",
    [`${WORKSPACE}/scripts/ship.js`]: "require('child_process').execSync('git push --force origin main');\n",
    [`${WORKSPACE}/scripts/fine.py`]: "print('hello')\n",
    [`${WORKSPACE}/scripts/big.py`]: '# ' + 'x'.repeat(70_000) + '\n',
  };
  const o: EngineOptions = { ...opts, readFile: (p, cwd) => files[path.resolve(cwd, p)] };
  assert.notEqual(evaluate({ command: 'python3 scripts/wipe.py' }, o).decision, 'allow');
  assert.notEqual(evaluate({ command: 'node scripts/ship.js' }, o).decision, 'allow');
  assert.equal(evaluate({ command: 'python3 scripts/fine.py' }, o).decision, 'allow');
  assert.equal(evaluate({ command: 'python3 scripts/big.py' }, o).decision, 'allow');
  assert.equal(evaluate({ command: 'node run build' }, o).decision, 'allow');
});

test("setting or unsetting AgentGuard's own variables asks, however the shell spells it", () => {
  gated(
    [
      'export AGENTGUARD_STATE_DIR=/tmp/x',
      'AGENTGUARD_STATE_DIR=/tmp/x npm test',
      'AGENTGUARD_APPROVAL_TIMEOUT_MS=1; ls',
      'env AGENTGUARD_SNAPSHOT_MAX_BYTES=0 npm run db:reset',
      'env -u AGENTGUARD_STATE_DIR make deploy',
      'unset AGENTGUARD_STATE_DIR',
      'declare -x AGENTGUARD_HOOK_STDIN_TIMEOUT_MS=1',
      'typeset -x AGENTGUARD_PGDUMP_TIMEOUT_MS=1',
      'readonly AGENTGUARD_STATE_DIR=/tmp/y',
      'export XDG_STATE_HOME=/tmp/s && code .',
      // The name built from a variable is seen once expanded.
      'V=AGENTGUARD_STATE_DIR; export "$V=/tmp/z"',
      'bash -c "export AGENTGUARD_STATE_DIR=/tmp/x"',
    ],
    'guard.settings-variable',
  );
  const r = evaluate({ command: 'export AGENTGUARD_STATE_DIR=/tmp/x' }, opts);
  const f = r.findings.find((x) => x.id === 'guard.settings-variable');
  assert.equal(f?.target, 'AGENTGUARD_STATE_DIR');
  assert.match(f?.summary ?? '', /sets AGENTGUARD_STATE_DIR/);
  assert.ok(f?.alternative);
});

test("reading AgentGuard's variables, and other variables, stays quiet", () => {
  allowed([
    'echo "$AGENTGUARD_STATE_DIR"',
    'export NODE_ENV=test && npm test',
    'unset DEBUG',
    'env -u DEBUG npm test',
    'AGENTGUARD=1 npm test',
    'export MY_AGENTGUARD_STATE_DIR=/tmp/x',
  ]);
});
