// What `npm run package` ships: exactly the bundles, media, grammars,
// schemas, manifest and docs (.vscodeignore is an allowlist), never
// sources, tests, dependencies or source maps.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'mocha';
import { log, repoRoot } from './lib/host.mjs';
import { expectedVsixEntries, listVsix, vsixPath } from './lib/vsix.mjs';

/** `npm run package` on a pseudo-terminal nobody types into: what it printed and its exit code. */
function packageOnTerminal(timeoutMs) {
  const relay = path.join(repoRoot, 'test', 'unit', 'support', 'pty', 'relay.py');
  const child = spawn('python3', [relay, 'sh', '-c', 'npm run package; echo "package-exit=$?"'], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let text = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    text += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `npm run package still ran after ${timeoutMs} ms on a terminal nobody typed into; it showed:\n${text}`,
        ),
      );
    }, timeoutMs);
    // stdin stays open (a terminal nobody answers) until the run ends.
    child.on('exit', () => {
      clearTimeout(timer);
      const m = /package-exit=(\d+)/.exec(text);
      resolve({ text, code: m ? Number(m[1]) : undefined });
    });
  });
}

suite('Package: agentguard.vsix', () => {
  test('npm run package on a terminal asks nothing and writes agentguard.vsix', async function () {
    this.timeout(5 * 60_000);
    const before = fs.statSync(vsixPath, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const { text, code } = await packageOnTerminal(4 * 60_000);
    assert.equal(code, 0, text);
    assert.doesNotMatch(text, /\[y\/N\]/, 'vsce asked a question');
    assert.ok(fs.statSync(vsixPath).mtimeMs > before, 'agentguard.vsix was written by this run');
    log('npm run package on a pseudo-terminal: no question, agentguard.vsix written');
  });

  test('contains exactly what ships', () => {
    const entries = listVsix().sort();
    log(`agentguard.vsix (unzip -Z1): ${entries.join(', ')}`);
    for (const entry of entries) {
      assert.doesNotMatch(
        entry,
        /^extension\/(src|test|out|node_modules|scripts|\.vscode|\.ci)\//,
        `${entry} must not ship`,
      );
      assert.doesNotMatch(entry, /\.(map|ts|vsix)$/, `${entry} must not ship`);
    }
    assert.deepEqual(entries, expectedVsixEntries());
    // The grammar package.json points at must ship, or the audit log opens without colours.
    assert.ok(entries.includes('extension/syntaxes/agentguard-audit.tmLanguage.json'), 'the audit log grammar ships');
  });
});
