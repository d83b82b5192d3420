// The running CLI's own install (core/guard/runningInstall.ts), found from
// the bundle's own file whatever name started it: a copy of the built CLI
// installed in a temporary folder (which a confined command may write, as it
// may every temp folder) and started through a link of another name, as
// npm's global `agentguard` starts it. Its folder is still read-only in the
// confined line, and a write to it is still judged as one to AgentGuard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installOf } from '../../../src/core/guard/runningInstall';
import { claudeDecision, CLI, fixture, runHook, withInput, withSandbox } from '../support/hookHarness';
import { hostEnv, humanGuard, needsBwrap, opaque, OUTSIDE_TEMP } from '../support/confineHarness';

/** The built CLI's files copied into `<tmp>/lib/agentguard/dist`, and `<tmp>/bin/agentguard` a link to its cli.js. */
function linkedInstall(): { dist: string; link: string; done: () => void } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-install-')));
  const dist = path.join(root, 'lib', 'agentguard', 'dist');
  fs.mkdirSync(dist, { recursive: true });
  for (const f of fs.readdirSync(path.dirname(CLI)))
    if (f.endsWith('.js')) fs.copyFileSync(path.join(path.dirname(CLI), f), path.join(dist, f));
  const link = path.join(root, 'bin', 'agentguard');
  fs.mkdirSync(path.dirname(link));
  fs.symlinkSync(path.join(dist, 'cli.js'), link);
  return { dist, link, done: () => fs.rmSync(root, { recursive: true, force: true }) };
}

test("a CLI started through a link of another name keeps its own folder read-only in the confined line, and judged as AgentGuard's", (t) => {
  if (!needsBwrap(t)) return;
  const install = linkedInstall();
  return withSandbox(async (sb) => {
    humanGuard(sb);
    const bash = async (command: string) => {
      const r = await runHook(
        'claude',
        withInput(fixture('claude/bash', sb), { command }),
        sb,
        {},
        sb.workspace,
        install.link,
      );
      const updated = (r.json?.hookSpecificOutput as { updatedInput?: { command?: string } } | undefined)?.updatedInput
        ?.command;
      return { ...claudeDecision(r), updated };
    };
    const planted = path.join(install.dist, 'planted.js');
    // Only the sandbox stands in the way of a command no judge can read.
    const sneak = await bash(opaque(sb, `echo 'process.exit(0)' > ${planted}`));
    assert.equal(sneak.decision, 'allow', sneak.reason);
    assert.match(sneak.updated ?? '', /^\/\S*bwrap /, 'confined');
    assert.ok(sneak.updated?.includes(`--ro-bind ${install.dist} ${install.dist}`), sneak.updated);
    const ran = spawnSync('bash', ['-c', sneak.updated ?? ''], {
      cwd: sb.workspace,
      env: hostEnv(sb),
      encoding: 'utf8',
    });
    assert.match(ran.stderr, /Read-only file system/);
    assert.equal(fs.existsSync(planted), false, 'nothing was written into the install');
    // Written in plain sight: the judge knows the folder is AgentGuard's.
    const plain = await bash(`echo 'process.exit(0)' > ${path.join(install.dist, 'agentguard.js')}`);
    assert.notEqual(plain.decision, 'allow', plain.reason);
    assert.notEqual(plain.decision, 'defer', plain.reason);
  }, OUTSIDE_TEMP).finally(install.done);
});

test("only the CLI's own bundles name an install: the editor's, the language server's or a module of the tests' do not", () => {
  const dist = path.dirname(CLI);
  for (const bundle of ['cli.js', 'agentguard.js'])
    assert.deepEqual(installOf(path.join(dist, bundle), undefined).slice(0, 1), [dist], bundle);
  assert.ok(installOf(CLI, undefined).includes(process.execPath), 'the runtime running it too');
  for (const other of ['extension.js', 'server.js', 'runningInstall.js'])
    assert.deepEqual(installOf(path.join(dist, other), CLI), [], other);
  // A link of another name in another folder (npm's bin folder) is not the install; a linked folder above it is.
  const linked = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-linked-'));
  try {
    fs.symlinkSync(dist, path.join(linked, 'dist'));
    assert.ok(installOf(CLI, path.join(linked, 'dist', 'cli.js')).includes(path.join(linked, 'dist')));
    assert.ok(!installOf(CLI, path.join(linked, 'agentguard')).includes(linked));
  } finally {
    fs.rmSync(linked, { recursive: true, force: true });
  }
});
