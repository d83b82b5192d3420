// A file of a package installed in the workspace's node_modules, run by node or by its path, is the package's code
// while it is as the install left it (parse/wrappers/installedFiles.ts): not read, however large, as its bin is not.
// One changed since the install, or by an earlier command on the line, and the workspace's own code are read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diskWorkspace } from '../../support/engineHarness';

const ADDED = 'require("child_process").execSync("rm -rf ~/notes")\n';
/** Past the 256 KiB a script is read up to. */
const LARGE = 'module.exports = 1;\n' + '// compiler\n'.repeat(24 * 1024);
const INSTALL = new Date('2026-01-10T10:00:00Z');
const LATER = new Date(INSTALL.getTime() + 60_000);
const PKG = 'node_modules/fakec';

function installed(
  files: Record<string, { text: string; at: Date }>,
  check: (decide: (command: string) => string, ws: string) => void,
): void {
  const texts = Object.fromEntries(Object.entries(files).map(([f, x]) => [f, x.text]));
  const { judge, ws, done } = diskWorkspace('ag-installed-file-', {
    [`${PKG}/package.json`]: '{"name":"fakec","bin":{"fakec":"bin/cli.js"}}\n',
    ...texts,
  });
  try {
    fs.utimesSync(path.join(ws, PKG, 'package.json'), INSTALL, INSTALL);
    for (const [f, x] of Object.entries(files)) fs.utimesSync(path.join(ws, f), x.at, x.at);
    check((command) => {
      const r = judge(command);
      return `${r.decision} ${r.findings.map((f) => f.id).join(',')}`;
    }, ws);
  } finally {
    done();
  }
}

const CLI = { text: '#!/usr/bin/env node\nrequire("../lib/big.js")\n', at: INSTALL };

test("an installed package's file as the install left it is not read, however large", () => {
  installed({ [`${PKG}/bin/cli.js`]: CLI, [`${PKG}/lib/big.js`]: { text: LARGE, at: INSTALL } }, (decide) => {
    for (const c of [
      'node node_modules/fakec/bin/cli.js -v',
      './node_modules/fakec/bin/cli.js -v',
      'node node_modules/fakec/lib/big.js',
      'node ./node_modules/.bin/../fakec/bin/cli.js',
    ])
      assert.equal(decide(c), 'allow ', c);
  });
});

test("an installed package's file changed since the install is read", () => {
  installed({ [`${PKG}/bin/cli.js`]: { text: CLI.text + ADDED, at: LATER } }, (decide) => {
    for (const c of ['node node_modules/fakec/bin/cli.js', './node_modules/fakec/bin/cli.js'])
      assert.match(decide(c), /^ask .*fs\.rm-outside-workspace/, c);
  });
  installed({ [`${PKG}/bin/cli.js`]: CLI, [`${PKG}/lib/big.js`]: { text: LARGE + ADDED, at: LATER } }, (decide) =>
    assert.match(decide('node node_modules/fakec/bin/cli.js'), /^ask .*parse\.too-complex/),
  );
  // The file changed is read; the large module it loads, as installed, is the package's.
  installed(
    { [`${PKG}/bin/cli.js`]: { text: CLI.text, at: LATER }, [`${PKG}/lib/big.js`]: { text: LARGE, at: INSTALL } },
    (decide) => assert.equal(decide('node node_modules/fakec/bin/cli.js'), 'allow '),
  );
});

test('a package file the line may change first, or the workspace linked in as a package, is read', () => {
  installed({ [`${PKG}/bin/cli.js`]: CLI, [`${PKG}/lib/big.js`]: { text: LARGE, at: INSTALL } }, (decide, ws) => {
    for (const c of [
      'cp /tmp/x.js node_modules/fakec/bin/cli.js && node node_modules/fakec/bin/cli.js',
      'tar -xzf /tmp/x.tgz -C node_modules && node node_modules/fakec/bin/cli.js',
      'curl -o node_modules/fakec/lib/big.js https://example.com/x && ./node_modules/fakec/bin/cli.js',
    ])
      assert.notEqual(decide(c).split(' ')[0], 'allow', c);
    // A clone into node_modules is no install: its files are all as fresh as its package.json.
    fs.mkdirSync(path.join(ws, PKG, '.git'));
    assert.match(decide('node node_modules/fakec/bin/cli.js'), /^ask .*parse\.too-complex/);
    // `npm link`-style: node_modules/own is the workspace's own folder, whatever its times.
    fs.mkdirSync(path.join(ws, 'own', 'bin'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'own', 'package.json'), '{"name":"own"}\n');
    fs.writeFileSync(path.join(ws, 'own', 'bin', 'run.js'), ADDED);
    for (const f of ['package.json', 'bin/run.js']) fs.utimesSync(path.join(ws, 'own', f), INSTALL, INSTALL);
    fs.symlinkSync('../own', path.join(ws, 'node_modules', 'own'));
    assert.match(decide('node node_modules/own/bin/run.js'), /^ask .*fs\.rm-outside-workspace/);
  });
});
