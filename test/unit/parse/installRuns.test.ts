// Commands that run what a project file says without naming it: `npm install`
// (and ci, yarn, pnpm, bun) runs the project's own lifecycle scripts,
// `composer install|update` the scripts on its events, `go generate` every
// `//go:generate` directive. A command written there earlier is judged when
// the install runs it; routine scripts and installs of named packages stay
// quiet. Real files in a sandbox workspace, judged by the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, withSandbox } from '../support/hookHarness';

type Sb = Parameters<Parameters<typeof withSandbox>[0]>[0];
const decision = (sb: Sb, command: string) =>
  (JSON.parse(runCli(sb, ['check', '--json', '--', command]).stdout) as { decision: string }).decision;

function write(sb: Sb, files: Record<string, string>) {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(sb.workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(sb.workspace, rel), text);
  }
}

test('an install runs the lifecycle scripts, events and directives written into the project', async () => {
  await withSandbox(async (sb) => {
    write(sb, {
      'package.json': JSON.stringify({ scripts: { postinstall: 'rm -rf ~/.agentguard' } }),
      'composer.json': JSON.stringify({ scripts: { 'post-install-cmd': 'rm -rf ~/.agentguard' } }),
      'tools/gen.go': '//go:generate rm -rf /root/.agentguard\npackage tools\n',
    });
    for (const command of [
      'npm install',
      'npm ci',
      'yarn',
      'pnpm install',
      'bun install',
      'composer install',
      'go generate ./...',
    ])
      assert.notEqual(decision(sb, command), 'allow', command);
    for (const command of [
      'npm install --ignore-scripts',
      'npm install zod',
      'composer install --no-scripts',
      'go generate .',
    ])
      assert.equal(decision(sb, command), 'allow', command);
  });
});

test('routine lifecycle scripts, composer events and generators stay quiet', async () => {
  await withSandbox(async (sb) => {
    write(sb, {
      'package.json': JSON.stringify({ scripts: { prepare: 'husky', postinstall: 'node scripts/p.js' } }),
      'scripts/p.js': 'console.log("ready")\n',
      'composer.json': JSON.stringify({ scripts: { 'post-install-cmd': '@php artisan package:discover' } }),
      'gen.go': '//go:generate stringer -type=Kind\npackage main\n',
    });
    for (const command of [
      'npm install',
      'npm ci',
      'pnpm install',
      'composer install',
      'composer update',
      'go generate ./...',
    ])
      assert.equal(decision(sb, command), 'allow', command);
  });
});
