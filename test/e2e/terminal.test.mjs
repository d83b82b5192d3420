// The terminal door in the real workbench: a stand-in agent extension with no
// hook (test/e2e/agent) runs `rm -rf ~/code` the ways Roo Code and Continue
// do — `bash -c` and execa's `/bin/sh -c` spawned from the extension host,
// and lines sent into a terminal it created (sendText, shellIntegration.
// executeCommand) in bash and zsh — and applies a WorkspaceEdit to a
// protected migration. Every gated one shows AgentGuard's modal and runs only
// after Allow (marker files say what ran); a human's own terminal runs
// `rm -rf dist` without a modal. PowerShell has no Debian package: its gate
// is not exercised here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { suite, suiteSetup, test } from 'mocha';
import { TIMEOUTS, copyWorkspace, log, pollUntil, repoRoot } from './lib/host.mjs';
import { waitForApprovalChannel } from './lib/hook.mjs';
import { runFromCommandPalette } from './lib/session.mjs';
import { EXTENSION_ID, SETUP_TIMEOUT, useWorkbench } from './lib/workbench.mjs';

const AGENT_DIR = path.join(repoRoot, 'test', 'e2e', 'agent');
const KILL_SWITCH_ITEM = `[id="${EXTENSION_ID}.agentguard.killSwitch"]`;
const MIGRATION = 'CREATE TABLE users (\n  id serial PRIMARY KEY,\n  email text NOT NULL\n);\n';
const POCKETOS = `curl -sS -X POST https://backboard.railway.app/graphql/v2 -H 'Authorization: Bearer rw_tok_4f9' -H 'Content-Type: application/json' -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_prod_db\\") }"}'`;
const have = (program) => spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
const ZSH = have('zsh');
// In CI (.ci/run installs zsh) a missing zsh fails the suite; here it skips the zsh half with a note.
if (!ZSH && process.env.CI === 'true')
  throw new Error('zsh is not installed: .ci/run must install it for the terminal door suite');

const requireCore = createRequire(path.join(repoRoot, 'out', 'src', 'core', 'index.js'));
function confirmPolicy(stateDir, workspace) {
  const { writeBaseline } = requireCore('./policy/baseline.js');
  const { parseConfigText } = requireCore('./config/load.js');
  const file = path.join(workspace, '.agentguard.json');
  const text = fs.readFileSync(file, 'utf8');
  const loaded = parseConfigText(text, file);
  assert.ok(loaded.ok, JSON.stringify(loaded.errors));
  writeBaseline(stateDir, workspace, text, loaded.config ?? null);
}

suite('Terminal door: agents without a hook, in terminals and in the extension host', function () {
  this.bail(true);

  // Outside the temp folder: the engine treats what lies in /tmp as scratch, and ~/code must be a home folder here.
  const w = useWorkbench('terminal', {
    extensions: [AGENT_DIR],
    sandboxParent: path.join(
      process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
      'agentguard-e2e-sandboxes',
    ),
    prepare({ sandbox }) {
      const workspace = copyWorkspace(sandbox, path.join(repoRoot, 'test', 'fixtures', 'workspace'));
      // A confirmed policy (as a human's review would record it): its looser rate limit lets this suite gate many commands in a row.
      fs.writeFileSync(
        path.join(workspace, '.agentguard.json'),
        JSON.stringify(
          { protectedPaths: ['migrations/**'], rateLimit: { maxGated: 100, windowSeconds: 10 } },
          null,
          2,
        ) + '\n',
      );
      fs.mkdirSync(path.join(workspace, 'migrations'));
      fs.writeFileSync(path.join(workspace, 'migrations', '001_init.sql'), MIGRATION);
      for (const d of ['dist', 'build']) {
        fs.mkdirSync(path.join(workspace, d));
        fs.writeFileSync(path.join(workspace, d, 'bundle.js'), '// built\n');
      }
      spawnSync('git', ['init', '-q', workspace]);
      confirmPolicy(path.join(sandbox.state, 'agentguard'), workspace);
      resetCode(sandbox.home);
      return workspace;
    },
  });
  const { channelLog, dialog, screenshot } = w;
  const home = () => w.sandbox.home;
  const code = () => path.join(home(), 'code');
  const marker = (name) => path.join(home(), `marker-${name}`);

  function resetCode(h = home()) {
    fs.mkdirSync(path.join(h, 'code', 'api'), { recursive: true });
    fs.writeFileSync(path.join(h, 'code', 'api', 'notes.md'), 'work in progress\n');
  }

  /** Asks the stand-in agent to do something; resolves with what it reports. */
  function agent(request, timeout = 4 * TIMEOUTS.ui) {
    const dir = path.join(home(), '.agentguard-e2e', 'agent');
    fs.mkdirSync(dir, { recursive: true });
    const id = `${Date.now()}-${randomUUID().slice(0, 8)}`;
    fs.writeFileSync(path.join(dir, `${id}.json.tmp`), JSON.stringify(request));
    fs.renameSync(path.join(dir, `${id}.json.tmp`), path.join(dir, `${id}.json`));
    log(`agent: ${request.kind} ${request.how ?? ''} ${JSON.stringify(request.command ?? request.file)}`);
    const result = path.join(dir, `${id}.result`);
    return {
      done: () => fs.existsSync(result),
      result: () =>
        pollUntil(() => fs.existsSync(result) && JSON.parse(fs.readFileSync(result, 'utf8')), {
          timeout,
          what: `the stand-in agent's result for ${JSON.stringify(request)}`,
        }),
    };
  }

  /** The approval modal whose first detail line matches; returns its texts. */
  async function modalFor(firstLine, running) {
    await pollUntil(
      async () => {
        if (running?.done())
          throw new assert.AssertionError({
            message: `finished before any modal was clicked: ${JSON.stringify(await running.result())}`,
          });
        if (!(await dialog().isVisible())) return false;
        const detail = await dialog().locator('.dialog-message-detail').innerText();
        return firstLine instanceof RegExp
          ? firstLine.test(detail.split('\n')[0])
          : detail.split('\n')[0].trim() === firstLine;
      },
      { timeout: 2 * TIMEOUTS.ui, what: `the approval modal for ${firstLine}` },
    );
    const message = (await dialog().locator('.dialog-message-text').innerText()).trim();
    const detail = (await dialog().locator('.dialog-message-detail').innerText()).trim();
    log(`modal: "${message}" / ${JSON.stringify(detail.split('\n').slice(0, 4))}`);
    return { message, detail };
  }

  async function click(button) {
    await dialog().getByRole('button', { name: button, exact: true }).click({ timeout: TIMEOUTS.ui });
    await dialog().waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
    log(`modal: clicked "${button}"`);
  }

  async function noModalFor(ms) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      assert.equal(await dialog().isVisible(), false, 'no modal may appear');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  suiteSetup(async function () {
    this.timeout(SETUP_TIMEOUT);
    await w.open();
    await w.page.locator(KILL_SWITCH_ITEM).waitFor({ state: 'visible', timeout: TIMEOUTS.activation });
    await waitForApprovalChannel(w.sandbox);
    log('AgentGuard active; the stand-in agent extension installed beside it');
  });

  test("AgentGuard put the gate into the extension host's environment before the agent activated", async function () {
    this.timeout(2 * TIMEOUTS.ui);
    const file = path.join(home(), '.agentguard-e2e', 'agent', 'activated.json');
    const seen = await pollUntil(() => fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')), {
      what: 'the stand-in agent to activate',
    });
    const state = path.join(w.sandbox.state, 'agentguard', 'terminal');
    assert.equal(seen.env.BASH_ENV, path.join(state, 'bash-env.sh'));
    assert.equal(seen.env.ZDOTDIR, path.join(state, 'zdotdir'));
    assert.equal(seen.env.PATH.split(':')[0], path.join(state, 'shims'));
    const gated = /commands spawned from this extension host are gated .*, (\d+) ms into activation/.exec(channelLog());
    assert.ok(gated, "AgentGuard logs when the extension host's children were gated");
    log(
      `extension host gated ${gated[1]} ms into AgentGuard's activation ("*"); the onStartupFinished agent saw it at its own activation`,
    );
  });

  for (const how of ['bash-c', 'sh-c']) {
    const label =
      how === 'bash-c'
        ? "spawn('bash', ['-c', …], {env: process.env})"
        : 'execa-style spawn(cmd, {shell: true}): /bin/sh -c';
    test(`${label}: rm -rf ~/code waits for the modal; Deny leaves the folder, Allow deletes it`, async function () {
      this.timeout(8 * TIMEOUTS.ui);
      resetCode();
      // Both are judged as the whole string: bash -c through BASH_ENV, /bin/sh -c through the extension host's gated child_process.
      const first = 'rm -rf ~/code';
      const denied = agent({ kind: 'spawn', how, command: 'rm -rf ~/code', cwd: w.workspace });
      const { message } = await modalFor(first, denied);
      assert.match(
        message,
        how === 'bash-c'
          ? /an extension's bash -c wants to run a command/
          : /an extension's sh -c wants to run a command/,
      );
      await screenshot(`${how}-rm-modal`);
      await click('Deny');
      const d = await denied.result();
      assert.notEqual(d.code, 0, `a denied command fails: ${JSON.stringify(d)}`);
      assert.match(d.stderr, /AgentGuard: not run: a human denied it in the editor/);
      assert.ok(fs.existsSync(path.join(code(), 'api', 'notes.md')), '~/code is still there after Deny');

      const allowed = agent({ kind: 'spawn', how, command: 'rm -rf ~/code', cwd: w.workspace });
      await modalFor(first, allowed);
      await click('Allow once');
      const a = await allowed.result();
      assert.equal(a.code, 0, JSON.stringify(a));
      assert.ok(!fs.existsSync(code()), '~/code is gone after Allow');

      const harmless = await agent({
        kind: 'spawn',
        how,
        command: 'git status --short > /dev/null; echo checked',
        cwd: w.workspace,
      }).result();
      assert.equal(harmless.code, 0, JSON.stringify(harmless));
      assert.match(harmless.stdout, /checked/);
      assert.equal(await dialog().isVisible(), false, 'git status runs without a modal');
    });
  }

  for (const shell of ['bash', 'zsh']) {
    const shellPath = shell === 'bash' ? '/bin/bash' : '/usr/bin/zsh';
    for (const how of ['sendText', 'executeCommand']) {
      test(`${shell} terminal of the agent, ${how}: rm -rf ~/code and the PocketOS curl wait for the modal; git status runs silently`, async function () {
        if (shell === 'zsh' && !ZSH) this.skip();
        this.timeout(10 * TIMEOUTS.ui);
        resetCode();
        const name = `Stand-in agent ${shell}`;
        const send = (command, timeoutMs) =>
          agent({ kind: 'terminal', name, shellPath, how, command, cwd: w.workspace, timeoutMs }, timeoutMs);
        const tag = `${shell}-${how}`;
        // sendText gives no end: a harmless line sent after it ends only once it did (lines run in order).
        const settle = async (n) => {
          if (how === 'executeCommand') return;
          await send(`touch ${marker(`${tag}-after-${n}`)}`).result();
          await pollUntil(() => fs.existsSync(marker(`${tag}-after-${n}`)), { what: `the terminal to run line ${n}` });
        };

        const rmDeny = how === 'sendText';
        const rm = send(`rm -rf ~/code; touch ${marker(`${tag}-rm`)}`);
        const m1 = await modalFor(
          `rm -rf ~/code; touch ${marker(`${tag}-rm`)}`,
          how === 'executeCommand' ? rm : undefined,
        );
        assert.match(m1.message, new RegExp(`the terminal "${name}" wants to run a command`));
        await screenshot(`${tag}-rm-modal`);
        await click(rmDeny ? 'Deny' : 'Allow once');
        const r1 = await rm.result();
        await settle(1);
        if (rmDeny) {
          await screenshot(`${tag}-rm-denied`);
          assert.ok(fs.existsSync(path.join(code(), 'api', 'notes.md')), '~/code is still there after Deny');
          assert.ok(!fs.existsSync(marker(`${tag}-rm`)), 'no part of the denied line ran');
        } else {
          assert.equal(r1.exitCode, 0, JSON.stringify(r1));
          assert.ok(!fs.existsSync(code()) && fs.existsSync(marker(`${tag}-rm`)), 'Allow ran the line');
        }

        const curl = send(`${POCKETOS}; touch ${marker(`${tag}-curl`)}`);
        const m2 = await modalFor(
          `${POCKETOS}; touch ${marker(`${tag}-curl`)}`,
          how === 'executeCommand' ? curl : undefined,
        );
        assert.match(m2.detail, /volumeDelete/);
        await screenshot(`${tag}-pocketos-modal`);
        await click(rmDeny ? 'Allow once' : 'Deny');
        const r2 = await curl.result();
        await settle(2);
        if (rmDeny) assert.ok(fs.existsSync(marker(`${tag}-curl`)), 'Allow ran the curl line');
        else {
          // Never reaches the shell: an inert line runs in its place, and fails (1).
          assert.equal(r2.exitCode, 1, `a denied line fails: ${JSON.stringify(r2)}`);
          assert.ok(!fs.existsSync(marker(`${tag}-curl`)), 'the denied curl line did not run');
        }

        const git = send(`git status; touch ${marker(`${tag}-git`)}`);
        await git.result();
        await pollUntil(() => fs.existsSync(marker(`${tag}-git`)), { what: 'git status to run' });
        assert.equal(await dialog().isVisible(), false, 'git status runs without a modal');
        await screenshot(`${tag}-after`);
        resetCode();
      });
    }
  }

  for (const [shell, dir] of [
    ['bash', 'dist'],
    ['zsh', 'build'],
  ]) {
    test(`a ${shell} terminal the human opened: rm -rf ${dir} runs without a modal (gateHumanTerminals: production)`, async function () {
      if (shell === 'zsh' && !ZSH) this.skip();
      this.timeout(6 * TIMEOUTS.ui);
      // The human's default shell, as they would set it; then the terminal they open is theirs. code-server (a
      // remote workbench) reads the terminal's profile settings from the machine settings.
      const settingsFile = path.join(w.sandbox.userData, 'Machine', 'settings.json');
      const settings = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
      settings['terminal.integrated.profiles.linux'] = { bash: { path: '/bin/bash' }, zsh: { path: '/usr/bin/zsh' } };
      settings['terminal.integrated.defaultProfile.linux'] = shell;
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
      await new Promise((r) => setTimeout(r, 1500));
      const before = (channelLog().match(new RegExp(`terminal "${shell}" \\(shell \\d+\\): gate connected`, 'g')) ?? [])
        .length;
      await runFromCommandPalette(w.page, 'Terminal: Create New Terminal');
      // The human's shell is up when its gate has said hello to the judge.
      await pollUntil(
        () =>
          (channelLog().match(new RegExp(`terminal "${shell}" \\(shell \\d+\\): gate connected`, 'g')) ?? []).length >
          before,
        { timeout: 2 * TIMEOUTS.ui, what: `the new ${shell} terminal's gate to connect` },
      );
      await w.page.locator('.terminal-wrapper.active .xterm').click();
      await w.page.keyboard.type(`rm -rf ${dir} && touch ${marker(`human-${shell}`)}`);
      await w.page.keyboard.press('Enter');
      await pollUntil(() => fs.existsSync(marker(`human-${shell}`)), { what: `the human's rm -rf ${dir} to run` });
      assert.ok(!fs.existsSync(path.join(w.workspace, dir)));
      await noModalFor(1000);
      assert.match(
        channelLog(),
        /opened by you: lines judged per agentguard.terminal.gateHumanTerminals \(production\)/,
      );
      await screenshot(`human-${shell}-terminal`);
    });
  }

  test("the agent's WorkspaceEdit of migrations/001_init.sql is put back and the diff offered", async function () {
    this.timeout(6 * TIMEOUTS.ui);
    const file = path.join(w.workspace, 'migrations', '001_init.sql');
    const dropped = 'DROP TABLE users;\n';
    const edit = agent({ kind: 'edit', file, text: dropped });
    await pollUntil(
      async () =>
        (await dialog().isVisible()) &&
        /put back migrations\/001_init\.sql/.test(await dialog().locator('.dialog-message-text').innerText()),
      { what: 'the put-back modal' },
    );
    const detail = await dialog().locator('.dialog-message-detail').innerText();
    assert.match(detail, /changed it in the editor and saved it/);
    const diff = w.page.locator('.monaco-diff-editor').first();
    await diff.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      MIGRATION,
      'the previous content is back on disk while the human decides',
    );
    await screenshot('workspace-edit-put-back');
    await click('Discard');
    const e = await edit.result();
    assert.equal(e.applied, true);
    assert.equal(fs.readFileSync(file, 'utf8'), MIGRATION, 'Discard keeps the file as it was');
    const snapshots = fs.readdirSync(path.join(w.sandbox.state, 'agentguard', 'snapshots'));
    assert.ok(snapshots.length > 0, "the agent's version is kept in the snapshot store");
  });
});
