// `npm run package` on a real terminal: a question vsce would ask is never
// left waiting for an answer, and a failed packaging leaves no agentguard.vsix
// behind to be installed by mistake. The successful run is in the end-to-end
// suite (test/e2e/package.test.mjs), which installs what it writes.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { startPtyShell } from '../support/pty/shell';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const SCRIPT = path.join(REPO, 'scripts', 'package.mjs');

test('a packaging vsce would question fails at once on a terminal and removes the older agentguard.vsix', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-package-'));
  try {
    // No repository and no LICENSE: vsce asks "Do you want to continue? [y/N]" about each on a terminal.
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({
        name: 'question',
        publisher: 'agentguard',
        version: '0.0.1',
        engines: { vscode: '^1.93.0' },
        main: './index.js',
        activationEvents: ['onStartupFinished'],
      }),
    );
    fs.writeFileSync(path.join(dir, 'index.js'), '');
    fs.writeFileSync(path.join(dir, 'README.md'), '# question\n\nA package vsce asks about.\n');
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'agentguard.vsix'), 'an older package');
    const shell = await startPtyShell(
      ['sh', '-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(SCRIPT)}; echo "package-exit=$?"`],
      {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm' },
        cwd: dir,
      },
    );
    try {
      // Nobody types: a run that waited for an answer would time out here.
      await shell.waitFor(/package-exit=\d+/, 60_000);
      const text = shell.text();
      assert.match(text, /package-exit=1/, text);
      assert.match(text, /'repository' field is missing/, text);
      assert.match(text, /no agentguard\.vsix was written/, text);
    } finally {
      await shell.close();
    }
    assert.equal(fs.existsSync(path.join(dir, 'agentguard.vsix')), false, 'the older package is gone');
    assert.equal(fs.existsSync(path.join(dir, 'agentguard.partial.vsix')), false, 'no half-written package is left');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
