// The hook runs git itself (to see what `git checkout -- .` would throw
// away). An agent can plant code in the settings git reads — core.fsmonitor,
// a clean filter, in the repository or in ~/.gitconfig — and the hook is not
// confined: none of it may run when the hook runs git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { claudeDecision, fixture, runHook, withInput, withSandbox } from '../../support/hookHarness';

test("planted fsmonitor and clean filters do not run when the hook reads git's status", () =>
  withSandbox(async (sb) => {
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
        cwd: sb.workspace,
        encoding: 'utf8',
        env: { ...process.env, HOME: sb.home },
      });
      assert.equal(r.status, 0, r.stderr);
    };
    fs.rmSync(path.join(sb.workspace, '.git'), { recursive: true });
    git('init', '-q');
    fs.writeFileSync(path.join(sb.workspace, 'a.txt'), 'one\n');
    git('add', 'a.txt');
    git('commit', '-qm', 'one');
    const ran = path.join(sb.root, 'ran');
    const plant = (what: string) => `echo ${what} >> ${ran}; false`;
    git('config', 'core.fsmonitor', plant('repo-fsmonitor'));
    git('config', 'filter.evil.clean', `echo repo-filter >> ${ran}; cat`);
    fs.writeFileSync(path.join(sb.workspace, '.gitattributes'), '* filter=evil\n');
    fs.writeFileSync(path.join(sb.home, '.gitconfig'), `[core]\n\tfsmonitor = ${plant('global-fsmonitor')}\n`);
    fs.writeFileSync(path.join(sb.workspace, 'a.txt'), 'two\n');
    // Settings smuggled in through git's own variables, as a poisoned host environment would.
    const smuggled = {
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'filter.smuggled.clean',
      GIT_CONFIG_VALUE_0: `echo env-filter >> ${ran}; cat`,
      GIT_CONFIG_KEY_1: 'core.fsmonitor',
      GIT_CONFIG_VALUE_1: plant('env-fsmonitor'),
      GIT_CONFIG_PARAMETERS: `'core.fsmonitor=${plant('param-fsmonitor')}'`,
    };
    fs.appendFileSync(path.join(sb.workspace, '.gitattributes'), '*.txt filter=smuggled\n');
    const r = await runHook(
      'claude',
      withInput(fixture('claude/bash', sb), { command: 'git checkout -- .' }),
      sb,
      smuggled,
    );
    const { reason } = claudeDecision(r);
    // The status was read (the changed file is in the snapshot), and nothing planted ran.
    assert.match(reason, /snapshot restore/, reason);
    assert.ok(!fs.existsSync(ran), fs.existsSync(ran) ? fs.readFileSync(ran, 'utf8') : '');
  }));
