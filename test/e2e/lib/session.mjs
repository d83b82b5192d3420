// What every workbench suite does around its tests: numbered screenshots in
// its output folder, commands run from the palette as a user would, and a
// teardown that stops the browser and code-server and keeps their logs.
import path from 'node:path';
import { TIMEOUTS, collectHostLogs, log, repoRoot } from './host.mjs';

/**
 * `screenshot(name, locator?, options?)`: `NN-name.png` in `outDir`, of the
 * page unless a locator is given (options go to Playwright's screenshot, e.g.
 * a clip); `onSaved(name, file)` after each.
 */
export function screenshotter(outDir, getPage, onSaved = () => undefined) {
  let count = 0;
  return async function screenshot(name, locator = getPage(), options = {}) {
    const file = path.join(outDir, `${String(++count).padStart(2, '0')}-${name}.png`);
    await locator.screenshot({ path: file, timeout: TIMEOUTS.ui, ...options });
    log(`screenshot ${path.relative(repoRoot, file)}`);
    onSaved(name, file);
  };
}

export async function runFromCommandPalette(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
  await input.fill(`>${title}`);
  const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await entry.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
  await entry.click({ timeout: TIMEOUTS.ui });
  await input.waitFor({ state: 'hidden', timeout: TIMEOUTS.ui });
  log(`command palette: ran "${title}"`);
}

/** Stops the browser and code-server, keeps the host's logs in `outDir`, then `beforeDispose()` and removes the sandbox. */
export async function closeSession({ browser, server, sandbox, outDir, beforeDispose = () => undefined }) {
  await browser?.close();
  await server?.stop();
  if (sandbox) {
    collectHostLogs(sandbox, outDir);
    beforeDispose();
    sandbox.dispose();
  }
}
