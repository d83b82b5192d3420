// What the human reads is what runs: bidi controls, zero-width and tag
// characters in a command or a path ask, and every human-facing text shows
// them escaped. Emoji spelled with a joiner or the emoji selector stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { evaluate } from '../../../src/core/engine';
import { hiddenCharacters, visibleText } from '../../../src/core/text/visible';
import { claudeDecision, CLI, fixture, runHook, withInput, withSandbox } from '../support/hookHarness';
import { HOME, WORKSPACE } from '../support/helpers';
import { confirmedState } from '../support/account';

const opts = { workspace: WORKSPACE, home: HOME, env: { HOME } };
const ids = (command: string) => evaluate({ command }, opts).findings.map((f) => f.id);

test('bidi overrides, isolates and marks ask, and say the text is reordered', () => {
  for (const ch of ['\u202e', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f', '\u061c']) {
    const r = evaluate({ command: `echo safe${ch} && ls` }, opts);
    assert.equal(r.decision, 'ask', JSON.stringify(ch));
    const f = r.findings.find((x) => x.id === 'parse.invisible-characters');
    assert.ok(f, JSON.stringify(ch));
    assert.match(f.summary, /displayed in another order than it runs/);
  }
});

test('zero-width, tag and other invisible characters ask', () => {
  for (const ch of ['\u200b', '\u200c', '\u2060', '\ufeff', '\u00ad', '\u{e0041}', '\u{e0100}', '\u2028']) {
    assert.ok(ids(`rm -rf ./bu${ch}ild`).includes('parse.invisible-characters'), JSON.stringify(ch));
    assert.equal(evaluate({ command: `cat notes${ch}.txt` }, opts).decision, 'ask', JSON.stringify(ch));
  }
});

test('emoji sequences (joiner, emoji selector) and plain text stay quiet', () => {
  for (const command of [
    'git commit -m "fix ❤️ layout"',
    'git commit -m "⚠️ breaking"',
    'echo "👨‍👩‍👧 family"',
    'echo héllo wörld',
    'ls -la',
    'printf "a\\tb\\n"',
  ]) {
    const r = evaluate({ command }, opts);
    assert.equal(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
  }
  // A joiner between letters is not part of an emoji.
  assert.ok(ids('echo a\u200db').includes('parse.invisible-characters'));
});

test('visibleText writes every hidden character out and leaves the rest alone', () => {
  assert.equal(visibleText('rm -rf \u202e/ ~'), 'rm -rf ⟨U+202E⟩/ ~');
  assert.equal(visibleText('a\u200bb\u{e0041}c'), 'a⟨U+200B⟩b⟨U+E0041⟩c');
  assert.equal(visibleText('tab\there\nnext'), 'tab\there\nnext');
  assert.equal(visibleText('❤️ 👨‍👩‍👧'), '❤️ 👨‍👩‍👧');
  assert.equal(visibleText('esc\u001b[31m'), 'esc⟨U+001B⟩[31m');
  assert.deepEqual(
    hiddenCharacters('x\u202ey\u202ez\u200b').map((h) => h.code),
    ['U+202E', 'U+200B'],
  );
});

test('the hook asks for a command with a right-to-left override, and a write to a path with a zero-width space', () =>
  withSandbox(async (sb) => {
    const bash = claudeDecision(
      await runHook('claude', withInput(fixture('claude/bash', sb), { command: 'echo \u202egnp.exe' }), sb),
    );
    assert.equal(bash.decision, 'ask', bash.reason);
    assert.match(bash.reason, /right-to-left override \(U\+202E\)/);
    const write = claudeDecision(
      await runHook(
        'claude',
        withInput(fixture('claude/write', sb), {
          file_path: path.join(sb.workspace, 'src', 'in\u200bdex.ts'),
          content: 'x',
        }),
        sb,
      ),
    );
    assert.equal(write.decision, 'ask', write.reason);
    assert.match(write.reason, /zero-width space \(U\+200B\)/);
    assert.match(write.reason, /in⟨U\+200B⟩dex\.ts/);
  }));

test('agentguard check prints hidden characters escaped', () =>
  withSandbox(async (sb) => {
    // A workspace that exists: check refuses one that does not.
    const r = spawnSync(process.execPath, [CLI, 'check', '--workspace', sb.workspace, '--', 'echo \u202eevil'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sb.home, AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^ask \(score 50\): echo ⟨U\+202E⟩evil$/m);
    assert.ok(!r.stdout.includes('\u202e'));
  }));
