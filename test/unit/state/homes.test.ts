// Which home is for what (core/state/homes.ts): what AgentGuard trusts hangs
// from the account's home whatever HOME a process is handed; `~` in a command
// is HOME's. Run as an account of its own (bubblewrap) whose home is the
// sandbox's, with HOME pointed elsewhere.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { homesApart, shellHome } from '../../../src/core/state/homes';
import { hasStartupLine } from '../../../src/core/terminal/startupLine';
import { asAccount, confirmedState } from '../support/account';
import { CLI, ROOT, sandbox, type Sandbox } from '../support/hookHarness';

test('shellHome is HOME when absolute; homesApart only when the folders differ (a link to the same folder is one home)', () => {
  const sb = sandbox();
  try {
    assert.equal(shellHome({ HOME: '/srv/someone' }), '/srv/someone');
    assert.equal(shellHome({ HOME: 'relative' }) === 'relative', false, 'a relative HOME is not taken');
    assert.equal(homesApart({ HOME: sb.home }, sb.home), undefined);
    const link = path.join(sb.root, 'home-link');
    fs.symlinkSync(sb.home, link);
    assert.equal(homesApart({ HOME: link }, sb.home), undefined);
    assert.deepEqual(homesApart({ HOME: '/srv/other' }, sb.home), { account: sb.home, shell: '/srv/other' });
  } finally {
    sb.cleanup();
  }
});

/** Runs `argv` as an account whose home is the sandbox's, with HOME `home`. */
function asSandboxAccount(t: TestContext, sb: Sandbox, argv: string[], home: string) {
  const prefix = asAccount(sb.home, sb.root);
  if (!prefix) {
    t.skip('bubblewrap is needed to run as an account of its own');
    return undefined;
  }
  return spawnSync(prefix[0], [...prefix.slice(1), ...argv], {
    cwd: sb.workspace,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test('install --terminal started with another HOME writes the start-up line into the account home, where the editor watches it', (t) => {
  const sb = sandbox();
  try {
    const elsewhere = path.join(sb.root, 'elsewhere');
    fs.mkdirSync(elsewhere);
    const lib = path.join(ROOT, 'out', 'src', 'cli', 'installTerminal.js');
    const script = `const t = require(${JSON.stringify(lib)}); process.stdout.write(JSON.stringify(t.installStartupLines(['bash'], process.execPath, ${JSON.stringify(CLI)})));`;
    const r = asSandboxAccount(t, sb, [process.execPath, '-e', script], elsewhere);
    if (!r) return;
    assert.equal(r.status, 0, r.stderr);
    const [outcome] = JSON.parse(r.stdout) as { file: string; status: string }[];
    assert.deepEqual(outcome, { shell: 'bash', file: path.join(sb.home, '.bashrc'), status: 'added' });
    assert.ok(hasStartupLine(fs.readFileSync(path.join(sb.home, '.bashrc'), 'utf8')));
    assert.equal(fs.existsSync(path.join(elsewhere, '.bashrc')), false, 'nothing is written in the other HOME');
  } finally {
    sb.cleanup();
  }
});

test('doctor says when HOME is not the account home, naming which places follow which, and says nothing when they agree', (t) => {
  const sb = sandbox();
  try {
    const elsewhere = path.join(sb.root, 'elsewhere');
    fs.mkdirSync(elsewhere);
    const apart = asSandboxAccount(t, sb, [process.execPath, CLI, 'doctor'], elsewhere);
    if (!apart) return;
    const lines = apart.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('home '));
    assert.ok(at > 0, apart.stdout);
    assert.equal(lines[at], `home       HOME is ${elsewhere}, not your account's home ${sb.home}`);
    assert.match(
      lines[at + 1],
      new RegExp(`state folder.* are under ${sb.home}; \`~\` in an agent's command is judged as ${elsewhere}`),
    );
    const together = asSandboxAccount(t, sb, [process.execPath, CLI, 'doctor'], sb.home)!;
    assert.equal(
      together.stdout.split('\n').some((l) => l.startsWith('home ')),
      false,
      together.stdout,
    );
  } finally {
    sb.cleanup();
  }
});

test("a relative HOME is not the shell's home even where Node takes it as is: the account's is", () => {
  const sb = sandbox();
  try {
    const lib = path.join(ROOT, 'out', 'src', 'core', 'state', 'homes.js');
    const script = `process.stdout.write(JSON.stringify([require('os').homedir(), require(${JSON.stringify(lib)}).shellHome()]))`;
    const r = spawnSync(process.execPath, ['-e', script], {
      cwd: sb.workspace,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '.', AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const [node, shell] = JSON.parse(r.stdout) as [string, string];
    assert.equal(node, '.', "Node's own reading is HOME as is");
    assert.ok(path.isAbsolute(shell), shell);
    assert.notEqual(path.resolve(sb.workspace, shell), sb.workspace);
  } finally {
    sb.cleanup();
  }
});
