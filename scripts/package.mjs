// `npm run package`: vsce (which runs the production build), never a question.
//
// vsce asks "Do you want to continue? [y/N]" on a terminal for each thing it
// frowns on; Enter aborts. The one it asked about is the `*` activation
// event, which AgentGuard needs on purpose: the extension host's children are
// gated from AgentGuard's activation on, and only `*` activates it before the
// extensions that start on `onStartupFinished` (where agents start). That
// choice is said here with --allow-star-activation; any other question vsce
// may grow reads end-of-file on stdin and fails the packaging instead of
// waiting for an answer nobody is there to give.
//
// The package is written under a temporary name and renamed only when vsce
// succeeded, and an older agentguard.vsix is removed first: a failed run
// leaves no package at all to be installed by mistake.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = process.cwd();
const out = path.join(root, 'agentguard.vsix');
const partial = path.join(root, 'agentguard.partial.vsix');

function run(what, command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status === 0) return true;
  process.stderr.write(
    `package: ${what} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}); no agentguard.vsix was written.\n`,
  );
  return false;
}

function vsceBin() {
  const require = createRequire(path.join(root, 'package.json'));
  const manifest = require.resolve('@vscode/vsce/package.json');
  return path.join(path.dirname(manifest), 'vsce');
}

fs.rmSync(out, { force: true });
fs.rmSync(partial, { force: true });
// vsce runs the production build itself (`vscode:prepublish`). On a terminal it also asks the npm registry whether
// it is out of date (`npm show`), and waits for that answer before it exits: offline, npm says at once it cannot.
let ok = run(
  'vsce',
  process.execPath,
  [vsceBin(), 'package', '--no-dependencies', '--allow-star-activation', '--out', partial],
  { ...process.env, npm_config_offline: 'true' },
);
// A question vsce cannot read an answer to ends it with exit 0 and no package (its prompt's promise never settles).
if (ok && !fs.existsSync(partial)) {
  process.stderr.write(
    '\npackage: vsce ended without writing a package (it asked a question nobody can answer here); no agentguard.vsix was written.\n',
  );
  ok = false;
}
if (ok) {
  fs.renameSync(partial, out);
  process.stdout.write(`package: wrote ${path.relative(root, out)}\n`);
} else {
  fs.rmSync(partial, { force: true });
  process.exitCode = 1;
}
