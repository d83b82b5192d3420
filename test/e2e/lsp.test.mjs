// The language server in the real workbench: agentguard.vsix installed into
// a fresh code-server profile, a workspace whose package.json has
// `"reset": "prisma migrate reset --force"`, the file opened through Quick
// Open, and the warning AgentGuard's server publishes read from the Problems
// view and from the squiggle's hover, as a user sees them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, test } from 'mocha';
import { TIMEOUTS, log, pollUntil } from './lib/host.mjs';
import { runFromCommandPalette } from './lib/session.mjs';
import { EXTENSION_ID, SETUP_TIMEOUT, useWorkbench } from './lib/workbench.mjs';

const WARNING = 'prisma migrate reset drops the database';

suite('Language server: diagnostics in the real workbench', function () {
  this.bail(true);

  const w = useWorkbench('lsp', {
    prepare({ sandbox }) {
      const workspace = path.join(sandbox.root, 'shop-api');
      fs.mkdirSync(workspace, { recursive: true });
      fs.writeFileSync(
        path.join(workspace, 'package.json'),
        `${JSON.stringify(
          {
            name: 'shop-api',
            private: true,
            scripts: { build: 'tsc -p .', test: 'vitest run', reset: 'prisma migrate reset --force' },
          },
          null,
          2,
        )}\n`,
      );
      return workspace;
    },
  });
  const { screenshot } = w;

  // The editor renders spaces as no-break spaces.
  async function textOf(locator) {
    return (await locator.innerText({ timeout: TIMEOUTS.ui })).replace(/\u00a0/g, ' ');
  }

  test('the .vsix installs and the workbench opens the workspace', async function () {
    this.timeout(SETUP_TIMEOUT);
    await w.open();
    await pollUntil(async () => (await w.page.title()).includes('shop-api'), {
      what: 'the window title to name shop-api',
    });
  });

  test('opening package.json starts the server, and the reset script is a warning in the Problems view', async function () {
    this.timeout(TIMEOUTS.activation + 4 * TIMEOUTS.ui);
    // Quick Open, as a user opens a file.
    await w.page.keyboard.press('Control+P');
    const input = w.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await input.fill('package.json');
    await w.page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'package.json' })
      .first()
      .waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    await w.page.keyboard.press('Enter');
    await w.page
      .locator('.tab.active', { hasText: 'package.json' })
      .waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    log('opened package.json');

    await runFromCommandPalette(w.page, 'View: Focus Problems');
    const problems = w.page.locator('.markers-panel');
    await problems.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
    const row = problems.locator('.monaco-list-row', { hasText: WARNING }).first();
    await pollUntil(async () => (await row.count()) > 0, {
      timeout: TIMEOUTS.activation,
      interval: 250,
      what: async () =>
        `the Problems view to show "${WARNING}" (it shows "${await textOf(problems).catch(() => '?')}")`,
    });
    const text = await textOf(row);
    log(`Problems view: ${text.replace(/\s+/g, ' ')}`);
    assert.match(text, /AgentGuard would ask before running this: prisma migrate reset drops the database/);
    assert.match(text, /agentguard/);
    // An ask is a warning: a yellow squiggle, no red one (the row's own icon turns into a light bulb when it has quick fixes).
    await w.page
      .locator('.monaco-editor .squiggly-warning')
      .first()
      .waitFor({ state: 'attached', timeout: TIMEOUTS.ui });
    assert.equal(await w.page.locator('.monaco-editor .squiggly-error').count(), 0, 'an ask is not an error');
    // One AgentGuard problem only: the harmless scripts are silent. (Offline, VS Code's own JSON
    // support adds one about the schemastore schema it cannot download.)
    assert.equal(
      await problems.locator('.monaco-list-row', { hasText: 'AgentGuard would' }).count(),
      1,
      'exactly one AgentGuard problem',
    );
    await screenshot('problems');
  });

  test('the squiggle sits on the script value, line 7', async function () {
    this.timeout(3 * TIMEOUTS.ui);
    const row = w.page.locator('.markers-panel .monaco-list-row', { hasText: WARNING }).first();
    // "[Ln 7, Col 15]": the command's own columns, not the whole line.
    assert.match(await textOf(row), /Ln 7, Col 15/);
    await row.click({ timeout: TIMEOUTS.ui });
    const squiggle = w.page.locator('.monaco-editor .squiggly-warning').first();
    await squiggle.waitFor({ state: 'attached', timeout: TIMEOUTS.ui });
    await screenshot('editor');
    log(`extension ${EXTENSION_ID} published the warning at Ln 7, Col 15`);
  });
});
