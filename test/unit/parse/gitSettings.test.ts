// A config file the line names for git (GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM,
// GIT_CONFIG) is read as `.git/config` is, and the commands its settings hold
// are judged as `-c` ones are: `core.fsmonitor` there runs on the next `git
// status`. A file that cannot be read, or that sends git further (include.path,
// core.hooksPath), asks; `/dev/null` and GIT_CONFIG_NOSYSTEM say nothing.
// Real files on disk, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { evaluate } from '../../../src/core/engine';
import { diskWorkspace } from '../support/engineHarness';

function workspace(files: Record<string, string>) {
  return diskWorkspace('ag-gitcfg-', files, { git: true });
}

const FILES = {
  'evil.cfg': '[core]\n\tfsmonitor = rm -rf ~\n',
  'pager.cfg': "[core]\n\tpager = sh -c 'rm -rf ~'\n",
  'alias.cfg': '[alias]\n\twipe = !rm -rf ~\n',
  'ok.cfg': '[user]\n\tname = bot\n[core]\n\tpager = less -R\n[alias]\n\tlg = log --oneline\n\tst = !git status -s\n',
  'include.cfg': '[include]\n\tpath = /tmp/elsewhere.cfg\n',
  'hooks.cfg': '[core]\n\thooksPath = /tmp/hooks\n',
  'sub/c.cfg': '[diff]\n\texternal = rm -rf ~\n',
};

test('a config file named for git is read, and the commands its settings hold are judged', () => {
  const { judge, done } = workspace(FILES);
  try {
    for (const command of [
      'GIT_CONFIG_GLOBAL=evil.cfg git status',
      'GIT_CONFIG_SYSTEM=./evil.cfg git log',
      'GIT_CONFIG=./pager.cfg git diff',
      'export GIT_CONFIG_GLOBAL=evil.cfg; git status',
      'env GIT_CONFIG_GLOBAL=evil.cfg git status',
      'GIT_CONFIG_GLOBAL=alias.cfg git wipe',
      // `-C` moves git before it reads the file: the name is read from there.
      'GIT_CONFIG_GLOBAL=c.cfg git -C sub diff',
      // Written earlier on the same line: what the line wrote is what git reads.
      "printf '[core]\\n\\tfsmonitor = rm -rf ~\\n' > fresh.cfg; GIT_CONFIG_GLOBAL=fresh.cfg git status",
    ]) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', command);
      assert.ok(
        r.findings.some((f) => f.target === '~' && /deletes/.test(f.summary)),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    const ok = judge('GIT_CONFIG_GLOBAL=ok.cfg git status');
    assert.equal(ok.decision, 'allow', ok.findings.map((f) => f.summary).join('; '));
  } finally {
    done();
  }
});

test('a named config file that cannot be read, or sends git further, asks with a reason and an alternative', () => {
  const { judge, done } = workspace(FILES);
  try {
    for (const [command, target] of [
      ['GIT_CONFIG_GLOBAL=/tmp/ag-no-such-file.cfg git status', '/tmp/ag-no-such-file.cfg'],
      ['GIT_CONFIG_SYSTEM=./missing git log', './missing'],
      ['GIT_CONFIG_GLOBAL=$(mktemp) git status', '$(mktemp)'],
      ['GIT_CONFIG_GLOBAL=include.cfg git status', 'include.cfg'],
      ['GIT_CONFIG_GLOBAL=hooks.cfg git commit -m x', 'hooks.cfg'],
      // A folder is no config file.
      ['GIT_CONFIG_GLOBAL=sub git status', 'sub'],
    ]) {
      const r = judge(command);
      assert.notEqual(r.decision, 'allow', command);
      const f = r.findings.find((x) => x.id === 'autorun.git-config');
      assert.ok(f, `${command}: ${r.findings.map((x) => x.id)}`);
      assert.equal(f.target, target);
      assert.match(f.summary, /git takes its settings from/);
      assert.match(f.alternative ?? '', /git -c/);
    }
  } finally {
    done();
  }
});

test('no config at all, and the user’s own GIT_CONFIG_GLOBAL, say nothing', () => {
  const { judge, ws, done } = workspace(FILES);
  try {
    for (const command of [
      'GIT_CONFIG_GLOBAL=/dev/null git status',
      'GIT_CONFIG_NOSYSTEM=1 git log',
      'GIT_CONFIG_SYSTEM=/dev/null GIT_CONFIG_GLOBAL=/dev/null git log --oneline',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
    // Set before the line (the user's own shell): not the line's doing.
    const env = {
      HOME: path.dirname(path.dirname(ws)),
      PATH: '/usr/bin:/bin',
      GIT_CONFIG_GLOBAL: '/tmp/ag-users-own.cfg',
    };
    const r = evaluate({ command: 'git status', cwd: ws, env }, { workspace: ws, env, platform: 'linux' });
    assert.equal(r.decision, 'allow', r.findings.map((f) => f.id).join(','));
  } finally {
    done();
  }
});

test('a GIT_CONFIG_KEY_n numbered past the pairs read asks; one within them is judged as before', () => {
  const { judge, done } = workspace({});
  try {
    const past = judge(
      'GIT_CONFIG_COUNT=65 GIT_CONFIG_KEY_64=core.fsmonitor GIT_CONFIG_VALUE_64="rm -rf ~" git status',
    );
    assert.equal(past.decision, 'ask', past.findings.map((f) => f.id).join(','));
    assert.ok(past.findings.some((f) => f.id === 'parse.too-complex' && /GIT_CONFIG_KEY_64/.test(f.summary)));
    const within = judge(
      'GIT_CONFIG_COUNT=64 GIT_CONFIG_KEY_63=core.fsmonitor GIT_CONFIG_VALUE_63="rm -rf ~" git status',
    );
    assert.equal(within.decision, 'deny');
    assert.equal(judge('GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0=x git log').decision, 'allow');
  } finally {
    done();
  }
});

test("git's helpers from a temp folder (--exec-path=) and a setting in GIT_CONFIG_PARAMETERS' one-word spelling are judged", () => {
  const { judge, done } = workspace({});
  try {
    assert.notEqual(judge('git --exec-path=/tmp/x fetch').decision, 'allow');
    assert.equal(judge(`GIT_CONFIG_PARAMETERS="'core.pager=rm -rf ~'" git log`).decision, 'deny');
    assert.equal(judge(`GIT_CONFIG_PARAMETERS="'core.pager'='rm -rf ~'" git log`).decision, 'deny');
    for (const command of [
      'git --exec-path',
      'git --exec-path=/usr/lib/git-core status',
      `GIT_CONFIG_PARAMETERS="'core.pager=less -R'" git log`,
    ])
      assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
  } finally {
    done();
  }
});

test('a HOME or XDG_CONFIG_HOME set for git moves its global config, which is read as one named outright', () => {
  const { judge, done } = workspace({
    'fake/.gitconfig': '[core]\n\tfsmonitor = rm -rf ~\n',
    'xdg/git/config': '[core]\n\tpager = rm -rf ~\n',
    'okhome/.gitconfig': '[user]\n\tname = bot\n',
  });
  try {
    assert.equal(judge('HOME=./fake git status').decision, 'deny');
    assert.equal(judge('XDG_CONFIG_HOME=./xdg git log').decision, 'deny');
    for (const command of [
      'HOME=./okhome git status',
      'HOME=/tmp/empty-home git status',
      'XDG_CONFIG_HOME=./none git log',
    ])
      assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
  } finally {
    done();
  }
});
