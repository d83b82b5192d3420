// An alias table holds at most MAX_ALIASES names. One defined past the bound
// was once dropped, so a later word of that name ran as a bare command, unread.
// Past the bound the line is asked about; the built CLI is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, withSandbox } from '../../support/hookHarness';
import { evaluate, type EngineOptions } from '../../../../src/core/engine';
import { HOME, WORKSPACE } from '../../support/helpers';

test('an alias past the bound on aliases defined is asked about, never run as its bare name', async () => {
  await withSandbox(async (sb) => {
    // Empty values: each alias's text is judged where defined, and 600 commands would hit the line's own bound first.
    const many = Array.from({ length: 600 }, (_, i) => `a${i}=`).join(' ');
    const r = runCli(sb, ['check', '--json', '--', `alias ${many}; alias z='rm -rf ~'; z`]);
    const out = JSON.parse(r.stdout) as { decision: string; findings: { id: string; summary: string }[] };
    assert.notEqual(out.decision, 'allow');
    assert.ok(
      out.findings.some((f) => /more than 512 aliases/.test(f.summary)),
      JSON.stringify(out.findings),
    );
  });
});

test("a terminal's saved aliases past the bound read ask when a command names one; other commands stay as before", () => {
  const opts: EngineOptions = { workspace: WORKSPACE, home: HOME, env: { HOME }, readFile: () => undefined };
  const state = (n: number, last: string) =>
    Array.from({ length: n }, (_, i) => `alias -- a${i}=ls`).join('\n') + `\nalias -- zz=${last}\n`;
  const judge = (command: string, shellState: string) =>
    evaluate({ command, cwd: WORKSPACE, env: { HOME }, shellState }, opts);
  // 512 aliases before it: `zz` is the 513th, past the table's bound.
  const past = judge('zz', state(512, 'ls'));
  assert.equal(past.decision, 'ask', JSON.stringify(past.findings));
  assert.ok(past.findings.some((f) => f.id === 'parse.too-complex' && /aliases past the 512/.test(f.summary)));
  assert.notEqual(judge('zz', state(512, "'rm -rf ~'")).decision, 'allow');
  assert.equal(judge('echo hi', state(512, "'rm -rf ~'")).decision, 'allow');
  // State too large to read at all: every alias in it is unread, none of them runs unjudged.
  assert.equal(judge('zz', state(7000, 'ls')).decision, 'ask');
  // The 512th is read, as before: judged by what it runs.
  assert.equal(judge('zz', state(511, 'ls')).decision, 'allow');
  assert.equal(judge('zz', state(511, "'rm -rf ~'")).decision, 'deny');
});

test("a terminal's saved state is looked through for unread aliases only where some alias may have missed the table", () => {
  const opts: EngineOptions = { workspace: WORKSPACE, home: HOME, env: { HOME }, readFile: () => undefined };
  const judge = (command: string, shellState: string) =>
    evaluate({ command, cwd: WORKSPACE, env: { HOME }, shellState }, opts);
  // Every alias read: text that only looks like an alias line (a heredoc in a function `declare -f` printed) is not one.
  const heredoc = "alias -- ll='ls -l'\nnotes () \n{ \n    cat <<'EOF'\nalias -- zz=ls\nEOF\n}\n";
  assert.equal(judge('zz', heredoc).decision, 'allow', JSON.stringify(judge('zz', heredoc).findings));
  assert.equal(judge('ll', heredoc).decision, 'allow');
  // State that cannot be read: the aliases in it were not read, so a command naming one still asks.
  const unparseable = "alias -- zz=ls\nalias -- yy='ls\n";
  assert.equal(judge('zz', unparseable).decision, 'ask', JSON.stringify(judge('zz', unparseable).findings));
  assert.equal(judge('echo hi', unparseable).decision, 'allow');
  // State whose own lines read through an alias (`alias` made an alias): the lines after it define nothing.
  const shadowed = "alias -- alias='echo'\nalias -- zz='rm -rf ~'\n";
  assert.notEqual(judge('zz', shadowed).decision, 'allow', JSON.stringify(judge('zz', shadowed).findings));
  // A name the table does not take is still looked for.
  assert.equal(judge('a/b', "alias -- a/b='rm -rf ~'\n").decision, 'ask');
});

test('an alias whose name is known only when the line runs asks, as a name that may be a known command', () => {
  const opts: EngineOptions = { workspace: WORKSPACE, home: HOME, env: { HOME }, readFile: () => undefined };
  const judge = (command: string) => evaluate({ command, cwd: WORKSPACE, env: { HOME } }, opts);
  for (const command of [
    'alias "$N=rm -rf ~"',
    `alias "$N"='rm -rf ~'`,
    'alias "$DEF"',
    'alias "$(echo ls)=echo hi"',
    'alias ll=\'ls -l\' "$N=echo hi"',
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    assert.ok(
      r.findings.some((f) => f.id === 'terminal.shell-machinery'),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
  // A child shell's aliases end with it; names spelled out, and `alias` that only prints, stay quiet.
  for (const command of [
    `bash -c 'alias "$N=echo hi"'`,
    "alias ll='ls -l'",
    'alias',
    'alias ll',
    'alias gs="git status"',
  ])
    assert.equal(judge(command).decision, 'allow', command);
});
