// What a process on a root-installed runtime runs, as the approval channel
// asks under a managed policy: real processes, started with each way of
// giving a runtime code of one's own, judged for an unprivileged user who
// owns none of the files (the editor's install here is root's, as a real one is).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isEditorEntryPoint, processCodeReachable } from '../../../src/core/launcher/runsCode';

const skip =
  process.platform !== 'linux' || process.getuid?.() !== 0 ? 'needs Linux /proc and root-owned files' : false;
const NOBODY = { uid: 65534, gids: [65534] };
const READY = "process.stdout.write('ready\\n'); setInterval(() => {}, 1000);";
let top: string;
let install: string;
let host: string;
let electron: string;
const started: ChildProcess[] = [];

/** Starts `argv` and resolves with its pid once it runs its own code (it says so). */
function run(argv: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<number> {
  const child = spawn(argv[0], argv.slice(1), {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...opts.env },
    cwd: opts.cwd ?? '/',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child.pid!));
    child.once('exit', (code) => reject(new Error(`${argv.join(' ')} exited ${code}`)));
  });
}

before(() => {
  if (skip) return;
  top = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-runs-code-'));
  fs.chmodSync(top, 0o755);
  // code-server's layout: lib/vscode beside out/node/entry.js, and a package.json naming it.
  install = path.join(top, 'code-server');
  host = path.join(install, 'lib', 'vscode', 'out', 'bootstrap-fork.js');
  fs.mkdirSync(path.dirname(host), { recursive: true, mode: 0o755 });
  fs.mkdirSync(path.join(install, 'out', 'node'), { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(install, 'lib', 'vscode', 'product.json'), '{}\n');
  fs.writeFileSync(host, READY);
  fs.writeFileSync(path.join(install, 'lib', 'vscode', 'other.js'), READY);
  fs.writeFileSync(path.join(install, 'out', 'node', 'entry.js'), READY);
  fs.writeFileSync(path.join(install, 'package.json'), '{"main":"out/node/entry.js"}\n');
  // An Electron editor's folder: Chromium's resources.pak beside its binary.
  const app = path.join(top, 'editor');
  fs.mkdirSync(app, { mode: 0o755 });
  fs.writeFileSync(path.join(app, 'resources.pak'), '');
  electron = path.join(app, 'code');
  try {
    fs.linkSync(process.execPath, electron);
  } catch {
    fs.copyFileSync(process.execPath, electron);
    fs.chmodSync(electron, 0o755);
  }
  fs.writeFileSync(path.join(top, 'mine.js'), READY);
});

after(() => {
  for (const c of started) c.kill('SIGKILL');
  if (!skip) fs.rmSync(top, { recursive: true, force: true });
});

const judge = (pid: number, exe = process.execPath) => processCodeReachable(pid, fs.realpathSync(exe), NOBODY);

test("a VS Code build's entry points, and nothing else beside them", { skip }, () => {
  assert.equal(isEditorEntryPoint(host), true);
  assert.equal(isEditorEntryPoint(path.join(install, 'out', 'node', 'entry.js')), true);
  assert.equal(isEditorEntryPoint(path.join(install, 'lib', 'vscode', 'other.js')), false);
  assert.equal(isEditorEntryPoint(path.join(top, 'mine.js')), false);
});

test(
  "the editor's own entry points, by absolute path or as code-server's folder, are the editor's code",
  { skip },
  async () => {
    assert.equal(
      judge(await run([process.execPath, '--dns-result-order=ipv4first', host, '--type=extensionHost'])),
      undefined,
    );
    assert.equal(judge(await run([process.execPath, install])), undefined);
    assert.equal(
      judge(
        await run([process.execPath, host], {
          env: { VSCODE_ESM_ENTRYPOINT: 'vs/workbench/api/node/extensionHostProcess' },
        }),
      ),
      undefined,
    );
  },
);

test('code given on the command line, before the script or instead of it, is refused', { skip }, async () => {
  const mine = path.join(top, 'mine.js');
  assert.match(
    judge(await run([process.execPath, '-e', READY])) ?? '',
    /does not run the editor's own code: it is started with -e$/,
  );
  assert.match(judge(await run([process.execPath, '--require', mine, host])) ?? '', /it is started with --require$/);
  assert.match(judge(await run([process.execPath, `--import=${mine}`, host])) ?? '', /it is started with --import=/);
  assert.match(
    judge(await run([process.execPath, '--expose-gc', '--no-addons', host])) ?? '',
    /--no-addons, an option this check does not know/,
  );
  assert.match(
    judge(await run([process.execPath, mine])) ?? '',
    /its script \S+\/mine\.js is not an entry point of a VS Code build/,
  );
  assert.match(
    judge(await run([process.execPath, path.join(install, 'lib', 'vscode', 'other.js')])) ?? '',
    /other\.js is not an entry point/,
  );
  // Resolved against a working folder the process may have left since: not trusted.
  assert.match(
    judge(await run([process.execPath, 'lib/vscode/out/bootstrap-fork.js'], { cwd: install })) ?? '',
    /its script lib\/vscode\/out\/bootstrap-fork\.js is a relative path/,
  );
});

test('variables that load other code into the editor are refused', { skip }, async () => {
  assert.match(
    judge(
      await run([process.execPath, host], {
        env: { NODE_OPTIONS: `--max-old-space-size=512 --require ${top}/mine.js` },
      }),
    ) ?? '',
    /NODE_OPTIONS holds --require$/,
  );
  assert.match(
    judge(await run([process.execPath, host], { env: { NODE_OPTIONS: `-r ${top}/mine.js` } })) ?? '',
    /NODE_OPTIONS holds -r$/,
  );
  assert.equal(
    judge(await run([process.execPath, host], { env: { NODE_OPTIONS: '--max-old-space-size=512' } })),
    undefined,
  );
  assert.match(
    judge(await run([process.execPath, host], { env: { VSCODE_ESM_ENTRYPOINT: '../../../../mine' } })) ?? '',
    /VSCODE_ESM_ENTRYPOINT names \.\.\/\.\.\/\.\.\/\.\.\/mine, outside the editor's code/,
  );
  assert.match(
    judge(await run([process.execPath, host], { env: { NODE_PATH: top } })) ?? '',
    /NODE_PATH is set in its environment/,
  );
});

test('an Electron editor is its own binary, unless it is run as Node', { skip }, async () => {
  const mine = path.join(top, 'mine.js');
  // (This stand-in is Node, so it runs the script it is given; a real Electron editor shows its window.)
  assert.equal(judge(await run([electron, host]), electron), undefined);
  assert.match(
    judge(await run([electron, mine], { env: { ELECTRON_RUN_AS_NODE: '1' } }), electron) ?? '',
    /\/editor\/code\) does not run the editor's own code: its script \S+\/mine\.js is not an entry point/,
  );
  assert.match(
    judge(await run([electron, '--inspect-port=0', host]), electron) ?? '',
    /it is started with --inspect-port=0$/,
  );
});
