// The once-gate's Node is started by a shell (BASH_ENV, zsh's .zshenv, a
// PATH shim, a gated `sh -c` string), not through the launcher, so it
// inherits the shell's environment. A NODE_EXTRA_CA_CERTS naming a CA bundle
// made every gated command pay Node parsing that bundle (about 40 ms of CPU)
// for a judgment that makes no TLS connection. The gate's process now starts
// without it; the command it judges still runs with it. A stand-in "node"
// records what the gate's process was given and lets the command run.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { childGateEnvironment, terminalGateFiles, terminalGateLayout } from '../../../src/core/terminal/childGate';
import { gatedShString } from '../../../src/core/terminal/shGate';

const posix = process.platform !== 'win32';
const hasZsh = posix && ['/usr/bin/zsh', '/bin/zsh'].some((z) => fs.existsSync(z));

function setup(): {
  dir: string;
  seen: string;
  env: Record<string, string>;
  layout: ReturnType<typeof terminalGateLayout>;
  paths: { node: string; cli: string };
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-once-env-'));
  const seen = path.join(dir, 'seen');
  const fakeNode = path.join(dir, 'fake-node');
  // Prints "unset" when the variable is absent, its value (empty included) otherwise; exit 0 lets the command run.
  fs.writeFileSync(
    fakeNode,
    `#!/bin/sh\nprintf '%s' "\${NODE_EXTRA_CA_CERTS-unset}" > ${JSON.stringify(seen)}\nexit 0\n`,
    {
      mode: 0o755,
    },
  );
  const layout = terminalGateLayout(path.join(dir, 'state'));
  const paths = { node: fakeNode, cli: path.join(dir, 'cli.js') };
  for (const f of terminalGateFiles(layout, paths)) {
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    fs.writeFileSync(f.path, f.content, { mode: f.mode });
  }
  const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir };
  const env = {
    ...base,
    ...childGateEnvironment(base, layout),
    NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
  };
  return { dir, seen, env, layout, paths };
}

const printCa = 'printf "%s" "$NODE_EXTRA_CA_CERTS"';

test('bash -c: the once-gate starts without NODE_EXTRA_CA_CERTS, the command keeps it', { skip: !posix }, () => {
  const s = setup();
  try {
    const out = execFileSync('bash', ['-c', printCa], { env: s.env, cwd: s.dir, encoding: 'utf8' });
    assert.equal(fs.readFileSync(s.seen, 'utf8'), '', "the gate's Node is given an empty NODE_EXTRA_CA_CERTS");
    assert.equal(out, '/etc/ssl/certs/ca-certificates.crt', 'the judged command runs with the variable as it was');
  } finally {
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
});

test('zsh -c: the once-gate starts without NODE_EXTRA_CA_CERTS, the command keeps it', { skip: !hasZsh }, () => {
  const s = setup();
  try {
    const out = execFileSync('zsh', ['-c', printCa], { env: s.env, cwd: s.dir, encoding: 'utf8' });
    assert.equal(fs.readFileSync(s.seen, 'utf8'), '');
    assert.equal(out, '/etc/ssl/certs/ca-certificates.crt');
  } finally {
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
});

test(
  'a PATH shim: the once-gate starts without NODE_EXTRA_CA_CERTS, the real program still runs',
  { skip: !posix },
  () => {
    const s = setup();
    try {
      const victim = path.join(s.dir, 'victim.txt');
      fs.writeFileSync(victim, 'x');
      execFileSync(path.join(s.layout.shims, 'rm'), [victim], { env: s.env, cwd: s.dir });
      assert.equal(fs.readFileSync(s.seen, 'utf8'), '');
      assert.equal(fs.existsSync(victim), false, 'the gate allowed it and the real rm ran');
    } finally {
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
  },
);

test(
  'a gated sh -c string: the once-gate starts without NODE_EXTRA_CA_CERTS, the command keeps it',
  { skip: !posix },
  () => {
    const s = setup();
    try {
      const gated = gatedShString(printCa, s.env, s.layout, s.paths);
      const out = execFileSync('/bin/sh', ['-c', gated], { env: s.env, cwd: s.dir, encoding: 'utf8' });
      assert.equal(fs.readFileSync(s.seen, 'utf8'), '');
      assert.equal(out, '/etc/ssl/certs/ca-certificates.crt');
    } finally {
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
  },
);
