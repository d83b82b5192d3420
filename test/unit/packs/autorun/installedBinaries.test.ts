// A local build-and-install lands binaries in a PATH folder of the home: one
// named like a command already on PATH (`go install ./cmd/git`, `cargo install
// --path .` of a crate named `git`) shadows it, as a copy there would, and
// asks; a new tool name and registry installs stay quiet. Real files, the
// engine as the hook runs it (the machine's /usr/bin holds `git` and `ls`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { diskWorkspace } from '../../support/engineHarness';

const FILES = {
  'cmd/git/main.go': 'package main\nfunc main() {}\n',
  'cmd/acme-server/main.go': 'package main\nfunc main() {}\n',
  'go.mod': 'module example.com/x/ls\n',
  'Cargo.toml': '[package]\nname = "git"\nversion = "0.1.0"\n',
  'tools/mytool/Cargo.toml': '[package]\nname = "mytool"\n\n[[bin]]\nname = "mytool-cli"\npath = "src/main.rs"\n',
};

test('a local install of a binary named like a command on PATH asks', (t) => {
  if (!fs.existsSync('/usr/bin/git') || !fs.existsSync('/bin/ls')) return t.skip('needs git and ls installed');
  const { judge, done } = diskWorkspace('ag-installbin-', FILES);
  try {
    for (const command of [
      'go install ./cmd/git',
      'GOBIN=~/.local/bin go install ./cmd/git',
      'go install .',
      'cargo install --path . --root ~/.local',
      'cargo install --path .',
      'cargo install --path tools/mytool --bin ls',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'ask', command);
      assert.ok(
        r.findings.some((f) => f.id === 'autorun.path-shadow'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      'cargo install ripgrep',
      'go install golang.org/x/tools/gopls@latest',
      'go install ./cmd/acme-server',
      'cargo install --path tools/mytool',
      'go install ./...',
      'go build ./cmd/git',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});

test("npm link and a global install of a local folder put its package.json bin on PATH: a command's name asks", (t) => {
  if (!fs.existsSync('/usr/bin/git')) return t.skip('needs git installed');
  const { judge, done } = diskWorkspace('ag-npmbin-', {
    'tool/package.json': JSON.stringify({ name: 'tool', bin: { git: 'cli.js' } }),
    'mytool/package.json': JSON.stringify({ name: 'mytool', bin: { 'mytool-cli': 'cli.js' } }),
  });
  try {
    for (const command of [
      'NPM_CONFIG_PREFIX=~/.local npm link ./tool',
      'npm i -g --prefix ~/.local ./tool',
      'cd tool && npm_config_prefix=/usr/local npm link',
      'npm install --global --prefix /usr/local file:./tool',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'ask', command);
      assert.ok(
        r.findings.some((f) => f.id === 'autorun.path-shadow'),
        `${command}: ${r.findings.map((f) => f.id)}`,
      );
    }
    for (const command of [
      'NPM_CONFIG_PREFIX=~/.local npm link ./mytool',
      'npm i -g --prefix ~/.local typescript',
      'npm i ./tool',
      'npm link lodash',
      'npm install',
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
    }
  } finally {
    done();
  }
});
