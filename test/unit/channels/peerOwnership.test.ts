// Where a managed policy is in force, the editor binary the approval channel
// trusts must be out of the developer's reach, whatever the developer's own
// record says. Real accounts (useradd, serviceWorld.ts): as the developer, an
// approver planted on a `node` of the developer's own — it records that binary
// in the developer's state folder, as the extension does, binds the approval
// channel, starts the real hook as its child and answers "allowed by a human"
// with the right digest. Under the managed policy it is refused; on a
// root-owned copy of the same runtime (as an installed editor's binary is) the
// same process is trusted; without a managed policy both are (the record then
// rests on the host sandboxes' deny-write lists).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reachableBy } from '../../../src/core/launcher/reach';
import { editorInstall, serverScript, type EditorInstall } from '../support/editorInstall';
import {
  CANNOT_RUN,
  ROOT,
  claudeBash,
  decision,
  makeWorld,
  policyOf,
  type Run,
  type World,
} from '../support/serviceWorld';

const skip = CANNOT_RUN ?? false;
const BUILD = 'identity-test';
const CLI = path.join(ROOT, 'out', BUILD, 'cli.js');
let w: World;
let devNode: string;
let rootNode: string;

/** As the developer: records the binary it runs as the editor's, holds the approval channel, runs the hook as its child. */
const FAKE_EDITOR = `
const [root, cli, state, workspace, payload] = process.argv.slice(-5);
const { spawn } = require('child_process');
const { startApprovalServer } = require(root + '/out/src/channels/approval/server.js');
const { approvalSocketPath } = require(root + '/out/src/channels/approval/paths.js');
const { recordEditorBinary } = require(root + '/out/src/core/launcher/pins.js');
recordEditorBinary(state);
startApprovalServer({ socketPath: approvalSocketPath(state, workspace), decide: async () => 'allow' }).then((server) => {
  const hook = spawn(process.execPath, [cli, 'hook', 'claude'], { stdio: ['pipe', 'inherit', 'inherit'] });
  hook.stdin.end(payload);
  hook.on('exit', () => server.close().then(() => process.exit(0)));
});
`;
/** Its parent on the same binary, as the editor's main process is the extension host's. */
const MAIN = `
const r = require('child_process').spawnSync(process.execPath, ['-e', process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
`;
let editor: EditorInstall;

const localState = () => path.join(w.dev.home, '.local', 'state', 'agentguard');

function approveOn(node: string, command: string) {
  return w.run([node, '-e', MAIN, FAKE_EDITOR, ROOT, CLI, localState(), w.workspace, claudeBash(w, command)], {
    as: w.dev,
  });
}

/** The approver started as an editor is: `node …/out/node/entry.js`, which starts `node …/bootstrap-fork.js`. */
function approveAsEditor(install: { node: string; entry: string }, command: string) {
  return w.run([install.node, install.entry, ROOT, CLI, localState(), w.workspace, claudeBash(w, command)], {
    as: w.dev,
  });
}

/** A human's release between tests: every approval here is a gated call, and the managed policy's breaker counts them. */
function releaseBreaker() {
  for (const f of fs.existsSync(localState()) ? fs.readdirSync(localState()) : [])
    if (f.startsWith('gated.log')) fs.rmSync(path.join(localState(), f), { force: true });
  const ks = path.join(localState(), 'killswitch.json');
  if (fs.existsSync(ks)) fs.writeFileSync(ks, JSON.stringify({ engaged: false }) + '\n');
}

function assertRefused(r: Run, why: RegExp) {
  assert.notEqual(decision(r).decision, 'allow', r.stdout + r.stderr);
  assert.match(
    r.stderr,
    /no verified editor: .*under the managed policy the editor's binary, and what it runs, must be out of your reach/,
  );
  assert.match(r.stderr, why);
}

before(() => {
  if (skip) return;
  w = makeWorld(BUILD);
  // The developer's own runtime, where Debian and agents' installers put one first on PATH.
  const bin = path.join(w.dev.home, '.local', 'bin');
  fs.mkdirSync(bin, { recursive: true });
  devNode = path.join(bin, 'node');
  fs.copyFileSync(process.execPath, devNode);
  fs.chmodSync(devNode, 0o755);
  spawnSync('chown', ['-R', `${w.dev.uid}:${w.dev.gid}`, path.join(w.dev.home, '.local')]);
  // The same runtime installed by root, as an editor's binary is (/usr/share/code, /opt/cursor).
  const opt = path.join(w.root, 'opt', 'editor');
  fs.mkdirSync(opt, { recursive: true, mode: 0o755 });
  rootNode = path.join(opt, 'node');
  fs.copyFileSync(process.execPath, rootNode);
  fs.chmodSync(rootNode, 0o755);
  editor = editorInstall(path.join(w.root, 'usr', 'lib', 'code-server'), FAKE_EDITOR);
});

after(() => {
  if (!skip) w.cleanup();
});

test('what the developer can reach, by owner and mode through every folder', { skip }, () => {
  const dev = { uid: w.dev.uid, gids: [w.dev.gid] };
  assert.match(reachableBy(devNode, dev) ?? '', /node is writable by uid \d+ \(owner \d+, mode 0755\)/);
  assert.equal(reachableBy(rootNode, dev), undefined);
  // A root-owned file in a folder the developer owns can be renamed away and replaced.
  const inHome = path.join(w.dev.home, 'root-owned-node');
  fs.copyFileSync(rootNode, inHome);
  assert.match(reachableBy(inHome, dev) ?? '', /home\/agdev\d+ is writable by uid \d+ .*can be replaced/);
  // Through a link in a folder of root's, the file it points to is what counts.
  const link = path.join(w.root, 'opt', 'link-to-dev-node');
  fs.symlinkSync(devNode, link);
  assert.match(reachableBy(link, dev) ?? '', /\.local\/bin\/node is writable/);
  // Group-writable by a group of the developer's, and world-writable.
  const shared = path.join(w.root, 'opt', 'shared');
  fs.mkdirSync(shared, { mode: 0o755 });
  const groupFile = path.join(shared, 'group-node');
  fs.writeFileSync(groupFile, '');
  fs.chownSync(groupFile, 0, w.dev.gid);
  fs.chmodSync(groupFile, 0o775);
  assert.match(reachableBy(groupFile, dev) ?? '', /group-node is writable/);
  assert.equal(reachableBy(groupFile, { uid: w.dev.uid, gids: [] }), undefined, 'not in that group');
  fs.chmodSync(shared, 0o777);
  assert.match(reachableBy(groupFile, { uid: w.dev.uid, gids: [] }) ?? '', /shared is writable/);
  // A sticky folder (as the temp folder is) does not let the developer replace root's file in it; their own, they can.
  const sticky = path.join(w.root, 'opt', 'sticky');
  fs.mkdirSync(sticky);
  fs.chmodSync(sticky, 0o1777);
  const rootsInSticky = path.join(sticky, 'roots');
  fs.copyFileSync(groupFile, rootsInSticky);
  fs.chmodSync(rootsInSticky, 0o755);
  assert.equal(reachableBy(rootsInSticky, dev), undefined);
  fs.chmodSync(sticky, 0o777);
  assert.match(reachableBy(rootsInSticky, dev) ?? '', /sticky is writable/);
});

test(
  'under a managed policy, an approver on a node the developer owns, with the record it forged, is not the editor',
  { skip, timeout: 60_000 },
  async () => {
    w.writePolicy({ rateLimit: { maxGated: 50, windowSeconds: 600 } });
    const planted = await approveOn(devNode, 'git push --force origin planted');
    const d = decision(planted);
    assert.notEqual(d.decision, 'allow', planted.stdout + planted.stderr);
    assertRefused(planted, /\S+\/\.local\/bin\/node is writable by uid/);
    const audit = fs.readFileSync(path.join(localState(), 'audit.jsonl'), 'utf8');
    assert.doesNotMatch(
      audit
        .split('\n')
        .filter((l) => l.includes('origin planted'))
        .join('\n'),
      /"allow"/,
    );
    // The record it wrote names its binary: the record alone is not what is trusted.
    assert.match(fs.readFileSync(path.join(localState(), 'editor-binaries.json'), 'utf8'), /\.local\/bin\/node/);

    // The same approver run by a runtime root installed, from code the developer gave it (-e), is not the editor either.
    const evalled = await approveOn(rootNode, 'git push --force origin evalled');
    assertRefused(evalled, /\/opt\/editor\/node\) does not run the editor's own code: it is started with -e/);

    // Started as the editor is, from the editor's own entry points root installed: the editor, trusted.
    const real = await approveAsEditor(editor, 'git push --force origin editor');
    assert.equal(decision(real).decision, 'allow', real.stdout + real.stderr);
    assert.match(decision(real).reason, /a human approved/);
  },
);

test(
  "under a managed policy, a root-installed runtime running the developer's own copy of the editor's code is not the editor",
  { skip, timeout: 60_000 },
  async () => {
    w.writePolicy({ rateLimit: { maxGated: 50, windowSeconds: 600 } });
    releaseBreaker();
    // The editor's layout written by the developer, in their home, run by the editor's own root-installed node.
    const mine = editorInstall(path.join(w.dev.home, 'editor-copy'), FAKE_EDITOR);
    spawnSync('chown', ['-R', `${w.dev.uid}:${w.dev.gid}`, path.join(w.dev.home, 'editor-copy')]);
    const copied = await approveAsEditor({ node: editor.node, entry: mine.entry }, 'git push --force origin copied');
    assertRefused(copied, /editor-copy\/\S+ is writable by uid \d+/);
    // Developer-written scripts beside nothing of the editor's: a main that starts the approver on the same runtime.
    const loose = path.join(w.dev.home, 'loose');
    fs.mkdirSync(loose);
    fs.writeFileSync(path.join(loose, 'approver.js'), FAKE_EDITOR);
    fs.writeFileSync(path.join(loose, 'main.js'), serverScript('approver.js'));
    spawnSync('chown', ['-R', `${w.dev.uid}:${w.dev.gid}`, loose]);
    const script = await approveAsEditor(
      { node: editor.node, entry: path.join(loose, 'main.js') },
      'git push --force origin loose',
    );
    assertRefused(script, /its script \S+\/loose\/approver\.js is not an entry point of a VS Code build/);
  },
);

test(
  'under a managed policy, a root-owned editor file whose POSIX ACL lets the developer write it is not out of reach',
  { skip: skip || (!fs.existsSync('/usr/bin/setfacl') && 'setfacl (Debian package acl) is needed'), timeout: 60_000 },
  async () => {
    w.writePolicy({ rateLimit: { maxGated: 50, windowSeconds: 600 } });
    releaseBreaker();
    const dev = { uid: w.dev.uid, gids: [w.dev.gid] };
    assert.equal(reachableBy(editor.host, dev), undefined);
    const acl = spawnSync('setfacl', ['-m', `u:${w.dev.uid}:rw`, editor.host], { encoding: 'utf8' });
    assert.equal(acl.status, 0, acl.stderr);
    try {
      assert.match(
        reachableBy(editor.host, dev) ?? '',
        new RegExp(
          `bootstrap-fork\\.js is writable by uid ${w.dev.uid} through its POSIX ACL \\(user:${w.dev.uid}:rw-`,
        ),
      );
      assert.equal(reachableBy(editor.host, { uid: w.dev.uid + 1, gids: [] }), undefined, 'the ACL names one user');
      const r = await approveAsEditor(editor, 'git push --force origin acl');
      assertRefused(r, /bootstrap-fork\.js is writable by uid \d+ through its POSIX ACL/);
      // A folder above opened to the developer's group by an ACL: they could rename another file into its place.
      spawnSync('setfacl', ['-b', editor.host]);
      spawnSync('setfacl', ['-m', `g:${w.dev.gid}:rwx`, path.dirname(editor.node)]);
      assert.match(
        reachableBy(editor.node, dev) ?? '',
        /code-server\/lib is writable by uid \d+ through its POSIX ACL \(group:/,
      );
    } finally {
      spawnSync('setfacl', ['-b', editor.host, path.dirname(editor.node)]);
    }
    releaseBreaker();
    const back = await approveAsEditor(editor, 'git push --force origin acl-gone');
    assert.equal(decision(back).decision, 'allow', back.stdout + back.stderr);
  },
);

test(
  "without a managed policy the developer's record is trusted as before (it rests on the host sandboxes' deny-write lists)",
  { skip, timeout: 60_000 },
  async () => {
    fs.rmSync(policyOf(BUILD), { force: true });
    releaseBreaker();
    const r = await approveOn(devNode, 'git push --force origin unmanaged');
    assert.equal(decision(r).decision, 'allow', r.stdout + r.stderr);
  },
);
