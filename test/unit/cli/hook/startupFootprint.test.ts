// What every agent command pays before the hook can answer: dist/cli.js is
// compiled from source at each start (only the bundle behind it has a code
// cache), so it must stay the small front door — the editor judge's client,
// the shell gate's client, shell-init — and never carry the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, claudeDecision, fixture, runHook, withInput, withSandbox } from '../../support/hookHarness';

/** Past this, something pulled a large part of core into the front door (578 KB when shell-init carried the engine, 115 KB with every host adapter). */
const FRONT_DOOR_BUDGET = 96 * 1024;

test('the CLI front door compiled at every hook call holds no analyzer pack and stays small', () => {
  const text = fs.readFileSync(CLI, 'utf8');
  const bundle = fs.readFileSync(path.join(path.dirname(CLI), 'agentguard.js'), 'utf8');
  // A finding id every build of the engine carries: the bundle behind the door has it, the door must not.
  assert.ok(
    bundle.includes('http.protection-off'),
    'the engine bundle carries the packs (the check below would prove nothing otherwise)',
  );
  assert.ok(!text.includes('http.protection-off'), 'dist/cli.js carries the analyzer packs');
  assert.ok(
    text.length <= FRONT_DOOR_BUDGET,
    `dist/cli.js is ${text.length} bytes, over the ${FRONT_DOOR_BUDGET}-byte budget of the hook's front door`,
  );
});

test("shell-init, answered by the front door without the engine, still prints each shell's gate", () => {
  for (const shell of ['bash', 'zsh', 'fish', 'pwsh']) {
    const r = spawnSync(process.execPath, [CLI, 'shell-init', shell], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(
      new RegExp(`^# AgentGuard terminal gate for \\w+ \\(agentguard shell-init ${shell}\\)`).test(r.stdout),
      `${shell}: ${r.stdout.slice(0, 200)}`,
    );
    // The gate it prints runs this CLI on this Node for each line.
    assert.ok(r.stdout.includes(CLI) && r.stdout.includes(process.execPath), shell);
  }
});

test("a harmless call judged in the hook's own process loads neither node:crypto nor node:zlib (each over a millisecond to load)", () =>
  withSandbox(async (sb) => {
    // Node's list of the built-in modules it loaded, written when the hook exits.
    const preload = path.join(sb.root, 'modules.js');
    const out = path.join(sb.root, 'modules.txt');
    fs.writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.join('\\n')));\n`,
    );
    for (const command of ['git status', 'ls -la']) {
      const r = await runHook('claude', withInput(fixture('claude/bash', sb), { command }), sb, {
        AGENTGUARD_JUDGE: 'off',
        NODE_OPTIONS: `--require ${preload}`,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(claudeDecision(r).decision, 'defer', r.stdout);
      const loaded = fs.readFileSync(out, 'utf8').split('\n');
      // The list is Node's own: it names what was loaded (the check below would prove nothing otherwise).
      assert.ok(loaded.includes('NativeModule vm'), 'the list names the modules the hook loaded');
      for (const m of ['NativeModule crypto', 'NativeModule zlib'])
        assert.ok(!loaded.includes(m), `${command}: the hook loaded ${m}`);
    }
  }));
