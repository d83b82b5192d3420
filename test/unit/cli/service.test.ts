// The AgentGuard service, for real: a service user and a developer user made
// by useradd, the service run as its user, every hook a real Claude Code
// PreToolUse payload into the built CLI run as the developer, and the third
// round's attacks on the kill switch, the audit log and the circuit breaker
// replayed as the developer against what the service keeps (issue 31). Each
// asserts the effect failed. See serviceWorld.ts for how the accounts are made.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  nextHookRecord,
  parseHookRecord,
  writeHookRecord,
  type RecordedHookFile,
} from '../../../src/core/launcher/hookRecord';
import { editorInstall } from '../support/editorInstall';
import { peerProofOf, readPtraceScope } from '../../../src/core/launcher/yama';
import {
  CANNOT_RUN,
  RAW_CLIENT,
  ROOT,
  SERVICE_CLI,
  SERVICE_POLICY,
  claudeBash,
  decision,
  makeWorld,
  socketAppears,
  type Run,
  type World,
} from '../support/serviceWorld';

const skip = CANNOT_RUN ?? false;
let w: World;
let service: ReturnType<World['start']> | undefined;
/** The organization's syslog receiver (this test process, as root): what the service shipped, frame by frame. */
let receiver: net.Server;
const received: { seq: number; synthetic: boolean; record: Record<string, unknown> }[] = [];

// The longest wait the managed policy allows: a loaded machine running the whole suite must not turn a slow
// first answer into a block. The one test of a silent service sets its own short wait.
const policy = (extra: Record<string, unknown> = {}) => ({
  service: { user: w.svc.name, socketDir: w.socketDir, stateDir: w.stateDir, timeoutMs: 10_000, ...extra },
  rateLimit: { maxGated: 3, windowSeconds: 600 },
  audit: { syslog: `tcp://127.0.0.1:${(receiver.address() as net.AddressInfo).port}` },
});

/** RFC 6587 octet-counted frames; each message's structured data gives its seq, its body is the entry's line. */
function takeFrames(data: Buffer): void {
  for (let pos = 0; pos < data.length;) {
    const sp = data.indexOf(0x20, pos);
    const len = Number(data.subarray(pos, sp).toString('ascii'));
    const msg = data.subarray(sp + 1, sp + 1 + len).toString('utf8');
    pos = sp + 1 + len;
    const seq = Number(/ seq="(\d+)"/.exec(msg)?.[1]);
    received.push({
      seq,
      synthetic: / synthetic="true"/.test(msg),
      record: JSON.parse(msg.slice(msg.indexOf('\uFEFF') + 1)) as Record<string, unknown>,
    });
  }
}
/** The built CLI as the developer, or as root (`null`). */
const cli = (args: string[], as: World['dev'] | null = w.dev, input?: string) =>
  w.run(['node', SERVICE_CLI, ...args], { ...(as ? { as } : {}), ...(input !== undefined ? { input } : {}) });
const hook = (command: string) => cli(['hook', 'claude'], w.dev, claudeBash(w, command));
const sh = (script: string) => w.run(['sh', '-c', script], { as: w.dev });
const raw = (line: string, socket = w.socket) => w.run(['node', '-e', RAW_CLIENT, socket, line], { as: w.dev });

/** `caps`: the capabilities the systemd unit grants (AmbientCapabilities=), to see who records an approval. */
async function startService(caps = true): Promise<void> {
  service = w.start(['node', SERVICE_CLI, 'service', 'run'], w.svc, caps ? ['sys_ptrace', 'dac_read_search'] : []);
  assert.ok(await socketAppears(w.socket, 30_000), "the service listens on the developer's socket");
}

async function stopService(): Promise<void> {
  if (!service) return;
  await w.stop(service);
  service = undefined;
  // Killed, it left its socket behind: the next service's must be the one that appears.
  fs.rmSync(w.socket, { force: true });
}

async function releaseAsRoot(): Promise<void> {
  const r = await cli(['service', 'release', '--user', w.dev.name], null);
  assert.equal(r.code, 0, r.stderr);
}

const keptLog = () => path.join(w.kept, 'audit.jsonl');

/** The service's breaker count (as root) and the developer's own emptied, both switches released: a test starts below the rate limit. */
async function freshBreaker(): Promise<void> {
  for (const f of fs.existsSync(w.kept) ? fs.readdirSync(w.kept) : [])
    if (f.startsWith('gated.log')) fs.rmSync(path.join(w.kept, f), { force: true });
  await releaseAsRoot();
  const own = await sh(`rm -f ${localState()}/gated.log* ${localState()}/killswitch.json`);
  assert.equal(own.code, 0, own.stderr);
}
const digest = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const localState = () => path.join(w.dev.home, '.local', 'state', 'agentguard');

before(async () => {
  if (skip) return;
  receiver = net.createServer((c) => {
    const parts: Buffer[] = [];
    c.on('data', (b: Buffer) => parts.push(b));
    c.on('end', () => {
      takeFrames(Buffer.concat(parts));
      c.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  w = makeWorld();
  w.writePolicy(policy());
  const prepared = await cli(['service', 'prepare', '--user', w.dev.name], null);
  assert.equal(prepared.code, 0, prepared.stderr);
});

after(async () => {
  if (skip) return;
  receiver.close();
  await stopService();
  w.cleanup();
});

test(
  'the folders prepare makes: only the developer reaches their socket, only the service user writes its state',
  { skip, timeout: 60_000 },
  async () => {
    const userDir = path.dirname(w.socket);
    const st = fs.statSync(userDir);
    assert.equal(st.uid, w.svc.uid);
    assert.equal(st.gid, w.dev.gid, "the group is the developer's private group");
    assert.equal(st.mode & 0o7777, 0o2750);
    assert.equal(fs.statSync(w.socketDir).uid, 0);
    const state = fs.statSync(w.stateDir);
    assert.equal(state.uid, w.svc.uid);
    assert.equal(state.mode & 0o777, 0o700);
  },
);

test(
  "the service down: every hook answers Claude Code's block, a harmless command too",
  { skip, timeout: 60_000 },
  async () => {
    assert.equal(service, undefined);
    const r = await hook('ls -la');
    assert.equal(r.code, 0, r.stderr);
    const d = decision(r);
    assert.equal(d.decision, 'deny', r.stdout + r.stderr);
    assert.match(d.reason, /AgentGuard service/);
    assert.match(d.reason, /no service socket|unreachable/);
  },
);

test(
  'with the service up, calls are judged as usual and recorded in the log the service keeps',
  { skip, timeout: 60_000 },
  async () => {
    await startService();
    const st = fs.lstatSync(w.socket);
    assert.equal(st.uid, w.svc.uid);
    assert.equal(st.gid, w.dev.gid, "the socket takes the developer's group from its setgid folder");
    assert.equal(st.mode & 0o777, 0o660);
    const ls = await hook('ls -la');
    assert.notEqual(decision(ls).decision, 'deny', ls.stdout + ls.stderr);
    const push = await hook('git push --force origin main');
    assert.equal(decision(push).decision, 'ask', push.stdout + push.stderr);
    const lines = fs
      .readFileSync(keptLog(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(lines.some((e) => e.command === 'ls -la'));
    assert.ok(lines.some((e) => e.command === 'git push --force origin main' && e.decision === 'ask'));
    // The user's own log holds a copy (the editor's views and shipping read it); the service's is the one that counts.
    assert.match(fs.readFileSync(path.join(localState(), 'audit.jsonl'), 'utf8'), /git push --force origin main/);
  },
);

test(
  'kill switch: engaged through the service, no release the developer can make lifts it; root can',
  { skip, timeout: 60_000 },
  async () => {
    const engaged = await cli(['service', 'engage', '--reason', 'halt everything']);
    assert.equal(engaged.code, 0, engaged.stderr);
    assert.equal(decision(await hook('ls -la')).decision, 'deny');

    // A release sent over the developer's socket: refused.
    const release = await cli(['service', 'release']);
    assert.equal(release.code, 77, release.stdout + release.stderr);
    assert.match(release.stderr, /only an administrator/);
    const forged = await raw(JSON.stringify({ op: 'release', uid: 0 }));
    assert.match(forged.stdout, /"ok":false/);
    // The file rewritten to released, by the developer: the service's is out of reach; the user's own changes nothing.
    const rewrite = await sh(`printf '{"engaged":false}' > ${w.kept}/killswitch.json`);
    assert.notEqual(rewrite.code, 0);
    assert.match(rewrite.stderr, /Permission denied/);
    const local = await sh(`mkdir -p ${localState()} && printf '{"engaged":false}' > ${localState()}/killswitch.json`);
    assert.equal(local.code, 0, local.stderr);
    // A background watcher rewriting it to released, in a loop (round 3): the same.
    const watcher = await sh(
      `for i in 1 2 3 4 5; do printf '{"engaged":false}' > ${w.kept}/killswitch.json 2>/dev/null; done; ls ${w.kept}`,
    );
    assert.notEqual(watcher.code, 0);

    const blocked = await hook('ls -la');
    assert.equal(decision(blocked).decision, 'deny', blocked.stdout);
    assert.match(decision(blocked).reason, /kill switch|halt everything/i);
    const status = await cli(['service', 'status']);
    assert.match(status.stdout, /ENGAGED by user: halt everything/);

    await releaseAsRoot();
    assert.notEqual(decision(await hook('ls -la')).decision, 'deny');
  },
);

test(
  "kill switch: the developer's own killswitch.json neither halts nor releases, and unreadable it is never the reason",
  { skip, timeout: 90_000 },
  async () => {
    await freshBreaker();
    const own = `${localState()}/killswitch.json`;
    const reasonOf = async (command: string) => decision(await hook(command));
    // Engaged, garbled or chmod 000 by the developer: the service says released, so nothing is halted.
    for (const write of [
      `printf '{"engaged":true,"reason":"local halt"}' > ${own}`,
      `printf 'garbage' > ${own}`,
      `printf '{"engaged":true}' > ${own} && chmod 000 ${own}`,
    ]) {
      assert.equal((await sh(`mkdir -p ${localState()} && chmod 600 ${own} 2>/dev/null; ${write}`)).code, 0, write);
      const d = await reasonOf('ls -la');
      assert.notEqual(d.decision, 'deny', `${write}: ${JSON.stringify(d)}`);
    }
    // The service engaged, the local file still unreadable: the deny names the service's switch, not the file.
    assert.equal((await cli(['service', 'engage', '--reason', 'incident 4711'])).code, 0);
    const halted = await reasonOf('ls -la');
    assert.equal(halted.decision, 'deny');
    assert.match(halted.reason, /incident 4711/);
    assert.doesNotMatch(halted.reason, /killswitch\.json|kill switch file/);
    // Released locally, by the developer: the service's switch still halts.
    assert.equal((await sh(`chmod 600 ${own} && printf '{"engaged":false}' > ${own}`)).code, 0);
    assert.equal((await reasonOf('ls -la')).decision, 'deny');
    // The kill-switch command is the service's too: it shows its switch and cannot release it for a developer.
    const status = await cli(['kill-switch', 'status']);
    assert.match(status.stdout, /ENGAGED .*incident 4711 \(kept by the AgentGuard service\)/);
    const release = await cli(['kill-switch', 'release']);
    assert.equal(release.code, 77, release.stdout + release.stderr);
    assert.match(release.stderr, /only an administrator/);
    const doctor = await cli(['doctor']);
    assert.match(doctor.stdout, /^state {6}.*its killswitch\.json is not read/m);
    await releaseAsRoot();
    // The service down, the local file unreadable: the block names the service, not the file.
    assert.equal((await sh(`chmod 000 ${own}`)).code, 0);
    await stopService();
    try {
      const down = await reasonOf('ls -la');
      assert.equal(down.decision, 'deny');
      assert.match(down.reason, /AgentGuard service/);
      assert.doesNotMatch(down.reason, /killswitch\.json|kill switch file/);
    } finally {
      await startService();
    }
    // A gated call leaves no count in the developer's folder: the service alone counts it.
    assert.equal((await sh(`chmod 600 ${own}; rm -f ${own} ${localState()}/gated.log*`)).code, 0);
    assert.equal((await reasonOf('git push --force origin main')).decision, 'ask');
    assert.equal((await sh(`test ! -e ${localState()}/gated.log`)).code, 0);
    await freshBreaker();
  },
);

test('kill switch: where the policy lets developers release, they can', { skip, timeout: 60_000 }, async () => {
  w.writePolicy(policy({ usersMayRelease: true }));
  await stopService();
  await startService();
  try {
    assert.equal((await cli(['service', 'engage'])).code, 0);
    assert.equal(decision(await hook('ls -la')).decision, 'deny');
    const release = await cli(['service', 'release']);
    assert.equal(release.code, 0, release.stderr);
    assert.notEqual(decision(await hook('ls -la')).decision, 'deny');
  } finally {
    w.writePolicy(policy());
    await stopService();
    await startService();
  }
});

test(
  "audit log: truncated, rewritten or found by glob by the developer, the service's log is untouched and verifies with every entry",
  { skip, timeout: 60_000 },
  async () => {
    for (const c of ['ls', 'git status', 'cat README.md']) await hook(c);
    const before = digest(keptLog());
    const entries = fs.readFileSync(keptLog(), 'utf8').trim().split('\n').length;

    const truncate = await sh(`truncate -s 0 ${keptLog()}; : > ${w.kept}/audit.head`);
    assert.notEqual(truncate.code, 0);
    assert.match(truncate.stderr, /Permission denied/);
    // Round 3: the log and its head found by a glob that names no AgentGuard path, then emptied.
    const glob = await sh(`for f in /var/lib/*/users/*/audit.* /var/lib/*/*/*/audit.*; do : > "$f"; done`);
    assert.notEqual(glob.code, 0);
    // Round 3: a script that rewrites an entry and recomputes every hash and the head.
    const rewrite = await w.run(
      [
        'node',
        '-e',
        `
    const fs = require('fs');
    const file = process.argv[1];
    const lines = fs.readFileSync(file, 'utf8').trim().split('\\n').map(JSON.parse);
    lines[0].command = 'nothing happened';
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\\n') + '\\n');
  `,
        keptLog(),
      ],
      { as: w.dev },
    );
    assert.notEqual(rewrite.code, 0);
    assert.match(rewrite.stderr, /EACCES/);
    // Chain fields sent through the socket are refused; the service writes them.
    const chained = await raw(
      JSON.stringify({
        op: 'record',
        entry: {
          time: new Date().toISOString(),
          host: 'claude',
          decision: 'allow',
          score: 0,
          findings: [],
          prev: '0'.repeat(64),
          hash: 'f'.repeat(64),
        },
      }),
    );
    assert.match(chained.stdout, /"ok":false/);

    assert.equal(digest(keptLog()), before, "the service's log is byte for byte what it was");
    const verify = await cli(['service', 'verify', '--json']);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    const result = JSON.parse(verify.stdout) as { ok: boolean; reply: { verify: { ok: boolean; entries: number } } };
    assert.deepEqual([result.reply.verify.ok, result.reply.verify.entries], [true, entries]);

    // The developer may add lines through the service (that is what a hook does), chained after the others.
    const added = await raw(
      JSON.stringify({
        op: 'record',
        entry: {
          time: new Date().toISOString(),
          host: 'claude',
          decision: 'allow',
          score: 0,
          findings: [],
          command: 'added by hand',
        },
      }),
    );
    assert.match(added.stdout, /"ok":true/);
    const again = JSON.parse((await cli(['service', 'verify', '--json'])).stdout) as typeof result;
    assert.deepEqual([again.reply.verify.ok, again.reply.verify.entries], [true, entries + 1]);
  },
);

/**
 * Round 3's planted approver, as the developer: a process on the editor's binary (it records that binary in
 * the developer's own state folder, as the extension does) holds this folder's approval channel, starts the
 * hook as its child and answers "allowed by a human" with the right digest. `records`: it also records that
 * allow with the service first, as the editor does.
 */
const FAKE_EDITOR = `
const [root, cli, state, workspace, payload, socket, user, records] = process.argv.slice(-8);
const { spawn } = require('child_process');
const { startApprovalServer } = require(root + '/out/src/channels/approval/server.js');
const { approvalSocketPath } = require(root + '/out/src/channels/approval/paths.js');
const { recordEditorBinary } = require(root + '/out/src/core/launcher/pins.js');
const { askService } = require(root + '/out/src/channels/service/client.js');
const { subjectDigest } = require(root + '/out/src/shared/protocol.js');
recordEditorBinary(state);
const record = async (subject, decision) => {
  const r = await askService({ socket, user, timeoutMs: 10_000 }, { op: 'approval', digest: subjectDigest(subject), decision });
  return r.ok ? undefined : r.error;
};
startApprovalServer({ socketPath: approvalSocketPath(state, workspace), decide: async () => 'allow', ...(records === 'yes' ? { record } : {}) }).then((server) => {
  const hook = spawn(process.execPath, [cli, 'hook', 'claude'], { stdio: ['pipe', 'inherit', 'inherit'] });
  hook.stdin.end(payload);
  hook.on('exit', () => server.close().then(() => process.exit(0)));
});
`;

/** A hook call for `command` put to FAKE_EDITOR running on `editor`, as the developer; `records`: it records its allow with the service first. */
const approveThrough = (editor: { node: string; entry: string }, command: string, records: boolean) =>
  w.run(
    [
      editor.node,
      editor.entry,
      ROOT,
      SERVICE_CLI,
      localState(),
      w.workspace,
      claudeBash(w, command),
      w.socket,
      w.svc.name,
      records ? 'yes' : 'no',
    ],
    { as: w.dev },
  );

test(
  "approvals: an allow the service did not record is not trusted; a recorded one is used once and stays in the service's log",
  { skip, timeout: 90_000 },
  async () => {
    const approve = (command: string, records: boolean) => approveThrough(editor, command, records);
    if (!service) await startService();
    // On an editor root installed, started through its own entry points, as a managed policy requires:
    // the process that records the allow is the editor's extension host, which the service checks.
    const editor = editorInstall(path.join(w.root, 'usr', 'lib', 'code-server'), FAKE_EDITOR);
    const command = 'git push --force origin approved-branch';
    // The editor's allow, recorded with the service first: the call runs as approved, once.
    const recorded = await approve(command, true);
    assert.equal(decision(recorded).decision, 'allow', recorded.stdout + recorded.stderr);
    assert.match(decision(recorded).reason, /a human approved/);
    // Round 3's planted approver, which answers without recording: the same command again is not let through.
    // (One planted call only: the policy's circuit breaker trips at the fourth gated call.)
    const planted = await approve(command, false);
    assert.notEqual(decision(planted).decision, 'allow', planted.stdout + planted.stderr);
    assert.match(decision(planted).reason, /the AgentGuard service has no record of this approval/);
    const log = fs
      .readFileSync(keptLog(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const events = log.filter((e) => typeof e.subjectDigest === 'string').map((e) => e.event);
    assert.deepEqual(events, ['approval.recorded', 'approval.used', 'approval.unrecorded']);
    const calls = log.filter((e) => e.command === command).map((e) => e.decision);
    assert.deepEqual(calls, ['allow', 'deny'], 'the call approved once, then refused');
    // What the checks of who answered are worth on this kernel (no Yama here: only that the approval was recorded),
    // in the service's record of the approval and in the hook's record of the call it let through.
    const proof = peerProofOf(readPtraceScope());
    assert.equal(log.find((e) => e.event === 'approval.recorded')?.peerProof, proof);
    assert.equal(log.find((e) => e.command === command && e.approval === 'allow')?.peerProof, proof);
    // And in words, where a developer asks.
    const status = await cli(['service', 'status']);
    assert.match(
      status.stdout,
      proof === 'recorded'
        ? /^approvals: Only the editor records an approval .*, but an approval proves only that it was recorded: any process of yours can drive the editor \((this kernel has no Yama ptrace setting|kernel\.yama\.ptrace_scope is 0);.*sudo sysctl kernel\.yama\.ptrace_scope=1/m
        : /^approvals: Only the editor records an approval .* so an approval is the running editor's/m,
    );
    const verified = await cli(['audit', 'verify']);
    assert.match(
      verified.stdout,
      proof === 'recorded'
        ? /^approvals given in the editor: \d+: \d+ that prove only they were recorded: any process of yours could drive the editor/m
        : /^approvals given in the editor: \d+: \d+ with the kernel keeping your other processes from tracing the editor/m,
    );
    // What the service holds is out of the developer's reach: no allow can be planted in it, none erased from its log.
    const plant = await sh(`printf '[]' > ${w.kept}/approvals.json`);
    assert.notEqual(plant.code, 0);
    assert.match(plant.stderr, /Permission denied/);
  },
);

/** What the editor sends when a human confirms a policy (`node -e CONFIRM ROOT SOCKET USER WORKSPACE TEXT`): exit 1 with the service's refusal. */
const CONFIRM = `
    const [root, socket, user, workspace, text] = process.argv.slice(-5);
    const { confirmWithService } = require(root + '/out/src/channels/service/policies.js');
    const { parseConfigText } = require(root + '/out/src/core/frontdoor/config.js');
    const config = parseConfigText(text, workspace + '/.agentguard.json').config;
    confirmWithService({ socket, user, timeoutMs: 10_000 }, workspace, text, config).then((e) => { if (e) { console.error(e); process.exit(1); } });
  `;

/** An approval (or a confirmed policy) sent by `argv`, a developer process that is not the editor: the service's reply. */
const recordAsNotEditor = async (argv: string[]) => {
  const line = JSON.stringify({
    op: 'approval',
    digest: 'ab'.repeat(32),
    decision: 'allow',
    summary: 'claude bash: planted',
  });
  const r = await w.run([...argv, '-e', RAW_CLIENT, w.socket, line], { as: w.dev });
  return r.stdout.trim().split('\n').slice(-1)[0] ?? '';
};
const recordedCount = () => (fs.readFileSync(keptLog(), 'utf8').match(/"event":"approval\.recorded"/g) ?? []).length;

test(
  "approvals: only the editor records one; any other process of the developer is refused, even on the editor's own runtime",
  { skip, timeout: 90_000 },
  async () => {
    if (!service) await startService();
    await freshBreaker();
    const editor = editorInstall(path.join(w.root, 'usr', 'lib', 'code-server'), FAKE_EDITOR);
    const before = recordedCount();
    // What an agent runs: a script on the system's node, and the editor's own runtime started by a shell...
    for (const argv of [['node'], [editor.node]]) {
      const reply = await recordAsNotEditor(argv);
      assert.match(reply, /"ok":false/, reply);
      assert.match(
        reply,
        /only the editor records a human's answer, and process \d+ was not started by the editor's main process/,
      );
    }
    // ...or started by the editor's runtime, as the extension host is, running code of its own.
    const spawnSame =
      "require('child_process').spawnSync(process.execPath, process.argv.slice(1), { stdio: 'inherit' })";
    const nested = await recordAsNotEditor([editor.node, '-e', spawnSame, '--']);
    assert.match(nested, /"ok":false/, nested);
    assert.match(nested, /the editor's binary, and what it runs, must be out of your reach, and process \d+ .*-e/);
    assert.equal(recordedCount(), before, 'nothing recorded');
    const status = JSON.parse((await cli(['service', 'status', '--json'])).stdout) as { reply: { recorders?: string } };
    assert.equal(status.reply.recorders, 'editor');
  },
);

test(
  'approvals: where the managed policy wants the kernel behind the check, none is asked for or recorded without Yama',
  { skip: skip || peerProofOf(readPtraceScope()) === 'kernel', timeout: 90_000 },
  async () => {
    w.writePolicy({ ...policy(), approvalPeerProof: 'kernel' });
    // Without its capabilities the service takes a record from any process: its own refusal is what stops one.
    await stopService();
    await startService(false);
    try {
      await freshBreaker();
      const editor = editorInstall(path.join(w.root, 'usr', 'lib', 'code-server'), FAKE_EDITOR);
      const command = 'git push --force origin unproven-branch';
      const before = recordedCount();
      // An editor that would allow, and records with the service first: the hook never asks it.
      const r = await approveThrough(editor, command, true);
      const d = decision(r);
      assert.equal(d.decision, 'deny', r.stdout + r.stderr);
      assert.match(d.reason, /needs a human's approval, and none is taken here/);
      assert.match(d.reason, /approvalPeerProof "kernel"/);
      assert.match(d.reason, /sudo sysctl kernel\.yama\.ptrace_scope=1/);
      // Sent straight to the service, an approval is refused too, and the refusal stays in its log.
      const reply = await recordAsNotEditor(['node']);
      assert.match(reply, /"ok":false/, reply);
      assert.match(reply, /approvalPeerProof/);
      assert.equal(recordedCount(), before, 'no approval recorded');
      // A human's confirmation of a looser policy is an approval too: refused with the same words, kept nowhere.
      const loosening = JSON.stringify({ rules: [{ match: 'git push --force *', decision: 'allow', reason: 'r' }] });
      const confirm = await w.run(['node', '-e', CONFIRM, ROOT, w.socket, w.svc.name, w.workspace, loosening], {
        as: w.dev,
      });
      assert.notEqual(confirm.code, 0, confirm.stdout);
      assert.match(confirm.stderr, /takes an approval only where the kernel .*approvalPeerProof "kernel"/);
      assert.match(confirm.stderr, /sudo sysctl kernel\.yama\.ptrace_scope=1/);
      const log = fs
        .readFileSync(keptLog(), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const refused = log.filter((e) => e.event === 'approval.refused');
      assert.equal(refused.length, 1);
      assert.equal(refused[0].peerProof, 'recorded');
      assert.deepEqual(
        log.filter((e) => e.event === 'policy.refused' || e.event === 'policy.confirmed').map((e) => [e.event, e.cwd]),
        [['policy.refused', path.resolve(w.workspace)]],
      );
      const call = log.filter((e) => e.command === command);
      assert.deepEqual(
        call.map((e) => [e.decision, e.policy, e.approval, e.peerProof]),
        [['deny', 'ask', undefined, 'recorded']],
        "denied without asking, and not recorded as a human's answer",
      );
      const status = await cli(['service', 'status']);
      assert.match(status.stdout, /^approvals: .*approvalPeerProof "kernel"\), so here every ask is denied instead/m);
    } finally {
      w.writePolicy(policy());
      await stopService();
      await startService();
    }
  },
);

test(
  'approvals: a service without the capabilities cannot tell who recorded one, and says so',
  { skip, timeout: 90_000 },
  async () => {
    await stopService();
    await startService(false);
    try {
      await freshBreaker();
      const status = JSON.parse((await cli(['service', 'status', '--json'])).stdout) as {
        reply: { recorders?: string };
      };
      assert.equal(status.reply.recorders, 'any');
      const doctor = await cli(['doctor']);
      assert.match(doctor.stdout, /Approvals prove only that one was recorded/);
      const before = recordedCount();
      assert.match(await recordAsNotEditor(['node']), /"ok":true/);
      assert.equal(recordedCount(), before + 1);
    } finally {
      await stopService();
      await startService();
    }
  },
);

test(
  'confirmed policies: under "authenticated" the service asks for the password for a loosening only, and keeps none it could not ask for',
  { skip, timeout: 90_000 },
  async () => {
    w.writePolicy({ ...policy(), approvalPeerProof: 'authenticated' });
    // Without its capabilities the service cannot find the editor's process to ask polkit about: refused, with why.
    await stopService();
    await startService(false);
    // A workspace of its own: what it confirms there leaves the other tests' confirmed policy as it was.
    const workspace = path.join(w.dev.home, 'code', 'password-policy');
    const confirm = (text: string) =>
      w.run(['node', '-e', CONFIRM, ROOT, w.socket, w.svc.name, workspace, text], { as: w.dev });
    const events = () =>
      (fs.existsSync(keptLog()) ? fs.readFileSync(keptLog(), 'utf8') : '')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((e) => e.event === 'policy.refused' || e.event === 'policy.confirmed')
        .map((e) => e.event);
    try {
      const before = events().length;
      const loosening = JSON.stringify({ rules: [{ match: 'git push --force *', decision: 'allow', reason: 'r' }] });
      const refused = await confirm(loosening);
      assert.notEqual(refused.code, 0, refused.stdout);
      assert.match(
        refused.stderr,
        /only with the developer's password \(approvalPeerProof "authenticated"\), and this service cannot see which process sent it, to ask for the password/,
      );
      // A record that only tightens needs no human, and no password.
      const tightening = JSON.stringify({ rules: [{ match: 'git push *', decision: 'deny', reason: 'CI pushes' }] });
      const kept = await confirm(tightening);
      assert.equal(kept.code, 0, kept.stderr);
      assert.deepEqual(events().slice(before), ['policy.refused', 'policy.confirmed']);
    } finally {
      w.writePolicy(policy());
      await stopService();
      await startService();
    }
  },
);

test(
  'approvals: the service reads approvalPeerProof at each approval, and "authenticated" takes none where polkit cannot ask for the password',
  { skip: skip || peerProofOf(readPtraceScope()) === 'kernel', timeout: 120_000 },
  async () => {
    const refusals = () => (fs.readFileSync(keptLog(), 'utf8').match(/"event":"approval\.refused"/g) ?? []).length;
    // Without its capabilities the service takes a record from any process: the policy alone decides.
    await stopService();
    await startService(false);
    try {
      await freshBreaker();
      const before = recordedCount();
      const refusedBefore = refusals();
      assert.match(await recordAsNotEditor(['node']), /"ok":true/);
      // Tightened while the service runs: the next approval is judged by the new policy, no restart.
      w.writePolicy({ ...policy(), approvalPeerProof: 'kernel' });
      const kernel = await recordAsNotEditor(['node']);
      assert.match(kernel, /"ok":false/, kernel);
      assert.match(kernel, /approvalPeerProof \\"kernel\\"/);
      w.writePolicy({ ...policy(), approvalPeerProof: 'authenticated' });
      const unseen = await recordAsNotEditor(['node']);
      assert.match(unseen, /"ok":false/, unseen);
      assert.match(
        unseen,
        /takes an approval only with the developer's password \(approvalPeerProof \\"authenticated\\"\), and this service cannot see which process sent it.*To approve: approve in a desktop session on Linux, where polkit \(pkcheck\) is installed/,
      );
      // Loosened again: taken again.
      w.writePolicy(policy());
      assert.match(await recordAsNotEditor(['node']), /"ok":true/);
      assert.equal(recordedCount(), before + 2);
      assert.equal(refusals(), refusedBefore + 2);
    } finally {
      w.writePolicy(policy());
      await stopService();
      await startService();
    }
    // With its capabilities the service asks polkit about the editor's process; no polkit answers for this
    // machine's test (no polkitd of this test, no agent): the editor's allow is not recorded, and the call is denied
    // with the fix. (test/unit/channels/service/authenticate.test.ts runs a real polkitd and agent.)
    await freshBreaker();
    w.writePolicy({ ...policy(), approvalPeerProof: 'authenticated' });
    try {
      const editor = editorInstall(path.join(w.root, 'usr', 'lib', 'code-server'), FAKE_EDITOR);
      const before = recordedCount();
      const r = await approveThrough(editor, 'git push --force origin unauthenticated-branch', true);
      const d = decision(r);
      assert.equal(d.decision, 'deny', r.stdout + r.stderr);
      assert.match(
        d.reason,
        /the approval could not be recorded: the AgentGuard service refused: the managed policy takes an approval only with the developer's password \(approvalPeerProof "authenticated"\), and .*To approve: approve in a desktop session/,
      );
      assert.equal(recordedCount(), before, 'no approval recorded');
      const status = await cli(['service', 'status']);
      assert.match(
        status.stdout,
        /^approvals: Only the editor records an approval, and the service records one only after you type your password/m,
      );
    } finally {
      w.writePolicy(policy());
    }
  },
);

test(
  'circuit breaker: the developer empties the counter between bursts, and the breaker still trips',
  { skip, timeout: 60_000 },
  async () => {
    // The developer's own counter emptied and their own switch released, before every call: only the service's count stands.
    const emptyCounter = `rm -f ${localState()}/gated.log.* ${localState()}/killswitch.json; : > ${localState()}/gated.log`;
    assert.equal((await sh(emptyCounter)).code, 0);
    const engaged = async () =>
      (
        JSON.parse((await cli(['service', 'status', '--json'])).stdout) as {
          reply: { killSwitch: { engaged: boolean; by?: string } };
        }
      ).reply.killSwitch;
    let tripping: ReturnType<typeof decision> | undefined;
    for (let i = 0; i < 4 && !tripping; i++) {
      const r = await hook('git push --force origin main');
      assert.notEqual(decision(r).decision, 'allow', r.stdout);
      // The call after which the service's switch is engaged is the one that tripped it.
      if ((await engaged()).engaged) tripping = decision(r);
      const emptied = await sh(emptyCounter);
      assert.equal(emptied.code, 0, emptied.stderr);
      // The service's count is out of reach.
      assert.notEqual((await sh(`: > ${w.kept}/gated.log`)).code, 0);
    }
    const k = await engaged();
    assert.deepEqual([k.engaged, k.by], [true, 'rate-limit']);
    // The call that tripped the breaker is halted itself, not only the calls after it.
    assert.equal(tripping?.decision, 'deny', JSON.stringify(tripping));
    assert.match(tripping.reason, /kill switch is engaged \(\d+ gated agent commands within 600 s/);
    const halted = await hook('ls -la');
    assert.equal(decision(halted).decision, 'deny', halted.stdout);
    assert.match(decision(halted).reason, /gated agent commands/);
    await releaseAsRoot();
  },
);

test(
  'shipping: the service ships every entry, numbered, from cursors the developer cannot move; moved, deleted or rewound cursors skip nothing',
  { skip, timeout: 90_000 },
  async () => {
    const url = `tcp://127.0.0.1:${(receiver.address() as net.AddressInfo).port}`;
    const keptLines = () => fs.readFileSync(keptLog(), 'utf8').trim().split('\n').length;
    const shippedAll = async () => {
      for (const until = Date.now() + 20_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
        const seqs = new Set(received.filter((r) => !r.synthetic).map((r) => r.seq));
        if (Array.from({ length: keptLines() }, (_, i) => i + 1).every((n) => seqs.has(n))) return;
      }
      assert.fail(`the receiver has ${received.length} entries, the service's log ${keptLines()}`);
    };
    // The service's own cursors: out of the developer's reach (round 3 moved the cursor to the log's end).
    const own = await sh(
      `ls ${w.kept}/ship; rm -f ${w.kept}/ship/*.cursor.json; printf '{}' > ${w.kept}/ship/x.cursor.json`,
    );
    assert.notEqual(own.code, 0);
    assert.match(own.stderr, /Permission denied/);
    // The developer's own cursor moved to the end of their copy of the log, then shipping asked for by hand: the copy is not what ships.
    const id = crypto.createHash('sha256').update(`syslog\0${url}`).digest('hex').slice(0, 16);
    const moved = await w.run(
      [
        'node',
        '-e',
        `
    const fs = require('fs'); const [dir, url, id] = process.argv.slice(1);
    const log = fs.readFileSync(dir + '/audit.jsonl', 'utf8').trim().split('\\n');
    fs.mkdirSync(dir + '/ship', { recursive: true });
    fs.writeFileSync(dir + '/ship/' + id + '.cursor.json', JSON.stringify({ version: 1, sink: url, offset: fs.statSync(dir + '/audit.jsonl').size, seq: log.length, hash: JSON.parse(log[log.length - 1]).hash, updatedAt: new Date().toISOString() }));
  `,
        localState(),
        url,
        id,
      ],
      { as: w.dev },
    );
    assert.equal(moved.code, 0, moved.stderr);
    const byHand = await cli(['audit', 'ship', '--once']);
    assert.equal(byHand.code, 0, byHand.stderr);
    assert.match(byHand.stdout, /the AgentGuard service \(user \S+\) ships this machine's audit logs/);
    const gated = [
      'git push --force origin release-1',
      'git push --force origin release-2',
      'git push --force origin release-3',
    ];
    for (const [i, c] of gated.entries()) {
      await hook(c);
      // Between calls, the local cursors deleted, moved away and put back rewound.
      assert.equal(
        (
          await sh(
            i === 0
              ? `rm -rf ${localState()}/ship`
              : `mkdir -p ${localState()}/ship && mv ${localState()}/ship ${localState()}/ship.old`,
          )
        ).code,
        0,
      );
    }
    await shippedAll();
    // Restarted, the service goes on from its own cursor: no gap, nothing skipped.
    await stopService();
    await startService();
    await hook('git status');
    await shippedAll();
    const entries = received.filter((r) => !r.synthetic);
    assert.deepEqual(
      received.filter((r) => r.synthetic).map((r) => r.record),
      [],
      "no gap notice: the service's log continues from its cursor",
    );
    // Each entry carries the sequence the service wrote into it (inside its hash), the same the receiver is told.
    for (const e of entries) assert.equal(e.record.seq, e.seq, JSON.stringify(e.record));
    for (const c of gated)
      assert.ok(
        entries.some((e) => e.record.command === c),
        `${c} was shipped`,
      );
    const verify = await cli(['audit', 'verify']);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(
      verify.stdout,
      new RegExp(
        `^audit log kept by the AgentGuard service: intact, (\\d+) entries \\(head [0-9a-f]{12}…\\); shipped up to entry \\1 to ${url}$`,
        'm',
      ),
    );
    const status = JSON.parse((await cli(['service', 'status', '--json'])).stdout) as {
      reply: { killSwitch: { engaged: boolean } };
    };
    if (status.reply.killSwitch.engaged) await releaseAsRoot();
  },
);

test(
  'terminal door: the gate takes the kill switch from the service and records its lines there; with the service down no line runs',
  { skip, timeout: 90_000 },
  async () => {
    // `agentguard gate --once` as a shell's BASH_ENV runs it for one `bash -c` string: exit 0 runs it.
    const gate = (...words: string[]) =>
      w.run(
        [
          'sh',
          '-c',
          `cd ${w.workspace} && exec node ${SERVICE_CLI} gate --once --via bash-env --shell bash -- "$@"`,
          'gate',
          ...words,
        ],
        { as: w.dev },
      );
    // The developer's own switch released, as anything running as the developer can: only the service's counts.
    assert.equal((await sh(`rm -f ${localState()}/killswitch.json`)).code, 0);
    const ran = await gate('ls', '-la');
    assert.equal(ran.code, 0, ran.stderr);
    assert.ok(fs.readFileSync(keptLog(), 'utf8').includes('"command":"ls -la"'), "the line is in the service's log");
    assert.equal((await cli(['service', 'engage', '--reason', 'terminal halt'])).code, 0);
    const halted = await gate('ls', '-la');
    assert.equal(halted.code, 1, halted.stderr);
    assert.match(halted.stderr, /kill switch is engaged \(terminal halt\)/);
    await releaseAsRoot();
    assert.equal((await gate('ls', '-la')).code, 0);
    await stopService();
    try {
      const down = await gate('ls', '-la');
      assert.equal(down.code, 1, down.stderr);
      assert.match(down.stderr, /AgentGuard service/);
    } finally {
      await startService();
    }
  },
);

test(
  "the editor's status bar: the service's kill switch, engaged by whom, release needing root; unreachable shows agents halted",
  { skip, timeout: 90_000 },
  async () => {
    // The extension's own code (channels/service/switchView.ts) run as the developer, as the extension host is.
    const view = async (op = 'view') =>
      JSON.parse(
        (
          await w.run(
            [
              'node',
              '-e',
              `
    const [root, socket, user, op] = process.argv.slice(1);
    const v = require(root + '/out/src/channels/service/switchView.js');
    const address = { socket, user, timeoutMs: 10_000 };
    (op === 'release' ? v.toggleServiceSwitch(address, false) : v.serviceSwitchView(address, { user, usersMayRelease: false })).then((r) => process.stdout.write(JSON.stringify(r)));
  `,
              ROOT,
              w.socket,
              w.svc.name,
              op,
            ],
            { as: w.dev },
          )
        ).stdout,
      ) as { state?: string; halted?: boolean; text?: string; tooltip?: string; ok?: boolean; message?: string };
    assert.deepEqual([(await view()).state, (await view()).halted], ['released', false]);
    // Released in the developer's own file, engaged at the service: the status bar shows the service's.
    assert.equal((await sh(`rm -f ${localState()}/killswitch.json`)).code, 0);
    assert.equal((await cli(['service', 'engage', '--reason', 'incident 4711'])).code, 0);
    const engaged = await view();
    assert.deepEqual([engaged.state, engaged.halted, engaged.text], ['engaged', true, '$(circle-slash) Agents halted']);
    assert.match(
      engaged.tooltip ?? '',
      /engaged by you at \S+: incident 4711\. Releasing needs an administrator: sudo agentguard service release/,
    );
    // The administrator's command names the developer's own account, ready to run.
    assert.ok(engaged.tooltip?.endsWith(`service release --user ${w.dev.name}.`), engaged.tooltip);
    const release = await view('release');
    assert.equal(release.ok, false);
    assert.match(release.message ?? '', /only an administrator may release the kill switch/);
    assert.equal((await view()).state, 'engaged');
    await releaseAsRoot();
    await stopService();
    try {
      const down = await view();
      assert.deepEqual([down.state, down.halted], ['unreachable', true]);
      assert.match(down.tooltip ?? '', /Every agent command and edit is blocked until it does/);
    } finally {
      await startService();
    }
  },
);

test(
  'a fake service at a place the developer controls is refused: the hook blocks',
  { skip, timeout: 60_000 },
  async () => {
    const fakeDir = path.join(w.dev.home, 'run');
    const fakeSocket = path.join(fakeDir, 'users', String(w.dev.uid), 'agentguard.sock');
    // A look-alike that says "released" and takes every record.
    const fake = w.start(
      [
        'node',
        '-e',
        `
    const net = require('net'); const fs = require('fs');
    fs.mkdirSync(require('path').dirname(process.argv[1]), { recursive: true });
    net.createServer((c) => {
      c.write(JSON.stringify({ agentguard: 'service', protocol: 1 }) + '\\n');
      c.on('data', () => c.end(JSON.stringify({ ok: true, killSwitch: { engaged: false } }) + '\\n'));
    }).listen(process.argv[1]);
  `,
        fakeSocket,
      ],
      w.dev,
    );
    try {
      assert.ok(await socketAppears(fakeSocket));
      w.writePolicy(policy({ socketDir: fakeDir }));
      const r = await hook('ls -la');
      assert.equal(decision(r).decision, 'deny', r.stdout);
      assert.match(decision(r).reason, /not trusted: .*belongs to uid/);
    } finally {
      await w.stop(fake);
      w.writePolicy(policy());
    }
    // And the developer cannot put one in the real place: the socket and its folder are the service's.
    const replace = await sh(`rm -f ${w.socket} || true; mv ${path.dirname(w.socket)} ${path.dirname(w.socket)}.x`);
    assert.notEqual(replace.code, 0);
    assert.ok(fs.lstatSync(w.socket).isSocket());
  },
);

test(
  'a service that answers garbage, or nothing in time, is a block, never an allow',
  { skip, timeout: 60_000 },
  async () => {
    await stopService();
    w.writePolicy(policy({ timeoutMs: 1500 }));
    for (const [name, answer] of [
      ['garbage', JSON.stringify({ ok: true, killSwitch: 'released' })],
      ['silence', undefined],
    ] as const) {
      // Root binds the real place (as a broken service would), so only the answer is wrong.
      const conns: net.Socket[] = [];
      const server = net.createServer((c) => {
        conns.push(c);
        c.on('error', () => undefined);
        c.write(JSON.stringify({ agentguard: 'service', protocol: 1 }) + '\n');
        c.on('data', () => {
          if (answer !== undefined) c.end(answer + '\n');
        });
      });
      fs.rmSync(w.socket, { force: true });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(w.socket, resolve);
      });
      fs.chmodSync(w.socket, 0o666);
      try {
        const started = Date.now();
        const r = await hook('ls -la');
        assert.equal(decision(r).decision, 'deny', `${name}: ${r.stdout}`);
        assert.match(decision(r).reason, name === 'garbage' ? /not its protocol/ : /did not answer within 1500 ms/);
        assert.ok(Date.now() - started < 15_000);
      } finally {
        for (const c of conns) c.destroy();
        await new Promise((r) => server.close(r));
      }
    }
    w.writePolicy(policy());
    await startService();
  },
);

test('a malformed or oversized request is refused, and the connection ends', { skip, timeout: 60_000 }, async () => {
  const garbage = await raw('{not json');
  assert.match(garbage.stdout, /"ok":false,"error":"malformed request/);
  const unknown = await raw(JSON.stringify({ op: 'delete-log' }));
  assert.match(unknown.stdout, /unknown operation/);
  const big = await raw(
    JSON.stringify({
      op: 'record',
      entry: { time: 't', host: 'h', decision: 'allow', score: 0, findings: [], command: 'x'.repeat(100_000) },
    }),
  );
  assert.doesNotMatch(big.stdout, /"ok":true/, 'an oversized line is dropped unanswered');
});

test(
  'doctor says the service keeps the kill switch, the log and the breaker; with the service down, that every hook blocks',
  { skip, timeout: 120_000 },
  async () => {
    // The service ships on its own round (every 500 ms): doctor may first see the last entries not yet shipped.
    let line: string | undefined;
    for (const until = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 250))) {
      const up = await cli(['doctor']);
      line = up.stdout.split('\n').find((l) => l.startsWith('service '));
      assert.ok(line, up.stdout);
      const counts = /audit log intact \((\d+) entries, shipped up to entry (\d+) /.exec(line);
      if ((counts && counts[1] === counts[2]) || Date.now() > until) break;
    }
    assert.match(
      line,
      /kill switch released, audit log intact \((\d+) entries, shipped up to entry \1 to tcp:\/\/127\.0\.0\.1:\d+\)\. Kept under its own OS user: .*move its shipping cursor/,
    );
    await stopService();
    try {
      const down = await cli(['doctor']);
      assert.match(down.stdout, /^service {4}UNREACHABLE at .*every hook blocks until it answers$/m);
      assert.notEqual(down.code, 0);
    } finally {
      await startService();
    }
  },
);

test(
  'install --managed --service: the user exists, the folders are prepared and the systemd unit runs the service as its user',
  { skip },
  async () => {
    const unit = path.join(
      path.dirname(path.dirname(path.dirname(SERVICE_POLICY))),
      'etc',
      'systemd',
      'system',
      'agentguard.service',
    );
    const r = await cli(['install', '--managed', '--service'], null);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const text = fs.readFileSync(unit, 'utf8');
    assert.match(text, new RegExp(`^User=${w.svc.name}$`, 'm'));
    assert.match(text, /^ExecStartPre=\+\S+node \S+service-test\/cli\.js service prepare$/m);
    assert.match(text, new RegExp(`^ReadWritePaths=${w.stateDir} ${w.socketDir}$`, 'm'));
    assert.match(text, /^ProtectSystem=strict$/m);
    // Developers added later enrol themselves: a path unit runs prepare --enrolled as root when one asks.
    const enrolPath = fs.readFileSync(path.join(path.dirname(unit), 'agentguard-enrol.path'), 'utf8');
    assert.match(enrolPath, new RegExp(`^DirectoryNotEmpty=${w.socketDir}/enrol$`, 'm'));
    const enrolRun = fs.readFileSync(path.join(path.dirname(unit), 'agentguard-enrol.service'), 'utf8');
    assert.match(enrolRun, /^ExecStart=\S+node \S+service-test\/cli\.js service prepare --enrolled$/m);
    // polkit's password prompt for approvalPeerProof "authenticated", naming the service user as the one who may ask.
    const action = fs.readFileSync(
      path.join(
        path.dirname(path.dirname(path.dirname(path.dirname(unit)))),
        'usr',
        'share',
        'polkit-1',
        'actions',
        'dev.agentguard.approve.policy',
      ),
      'utf8',
    );
    assert.match(action, /<action id="dev\.agentguard\.approve">/);
    assert.match(action, new RegExp(`key="org\\.freedesktop\\.policykit\\.owner">unix-user:${w.svc.name}<`));
    assert.match(r.stdout, /systemd is not running here/);
    // A developer cannot run it: the service's definition and folders are root's.
    assert.notEqual((await cli(['install', '--managed', '--service'])).code, 0);
  },
);

test(
  "snapshots: the service keeps the way back; the developer's own copy truncated, chmodded or rewritten changes nothing a restore writes",
  { skip, timeout: 90_000 },
  async () => {
    if (!service) await startService();
    await freshBreaker();
    const target = path.join(w.workspace, 'src', 'billing.ts');
    const original = 'export const rate = 42;\n'.repeat(50);
    assert.equal((await sh(`printf '%s' '${original}' > ${target}`)).code, 0);
    // The agent's call, judged by the hook (which takes the snapshot first), then run as the host would.
    const r = await hook(`rm -rf ${w.workspace}/src`);
    assert.notEqual(decision(r).decision, 'deny', r.stdout + r.stderr);
    const id = /agentguard snapshot restore ([0-9TZ]+-[0-9a-f]{6})/.exec(r.stdout)?.[1];
    assert.ok(id, `the answer names the snapshot: ${r.stdout}`);
    assert.equal((await sh(`rm -rf ${w.workspace}/src`)).code, 0);
    // The service keeps it, where the developer cannot write; its log says so.
    assert.ok(fs.existsSync(path.join(w.kept, 'snapshots', 'manifests', `${id}.json`)), r.stdout + r.stderr);
    assert.match(fs.readFileSync(keptLog(), 'utf8'), new RegExp(`"event":"snapshot.kept".*"id":"${id}"`));
    const own = path.join(localState(), 'snapshots');
    // Round 3: chmod -R u+w, then every blob truncated; the manifest rewritten to point elsewhere; everything locked (chmod 000).
    const attack = await sh(
      `chmod -R u+w ${own} && for f in ${own}/blobs/*/*; do : > "$f"; done && ` +
        `sed -i 's#${target}#${w.workspace}/evil.ts#' ${own}/manifests/${id}.json && ` +
        `chmod 000 ${own}/blobs/* ${own}/manifests/* && chmod 000 ${own}/blobs ${own}/manifests ${own}`,
    );
    assert.equal(attack.code, 0, attack.stderr);
    const theirs = await sh(
      `chmod -R u+w ${w.kept}/snapshots; for f in ${w.kept}/snapshots/blobs/*/*; do : > "$f"; done`,
    );
    assert.notEqual(theirs.code, 0, "the service's store is out of the developer's reach");
    assert.match(theirs.stderr, /Permission denied/);

    const list = await cli(['snapshot', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    assert.ok(
      (JSON.parse(list.stdout) as { id: string }[]).some((m) => m.id === id),
      list.stdout,
    );
    const restore = await cli(['snapshot', 'restore', id]);
    assert.equal(restore.code, 0, restore.stdout + restore.stderr);
    assert.equal(fs.readFileSync(target, 'utf8'), original, 'the content the service hashed is back');
    // The restore is in the log the service keeps, by its hand and clock, naming what was written back.
    const restored = fs
      .readFileSync(keptLog(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { host: string; event?: string; snapshot?: { id?: string }; changes?: string[] })
      .find((e) => e.event === 'snapshot.restored');
    assert.equal(restored?.host, 'service', JSON.stringify(restored));
    assert.equal(restored.snapshot?.id, id);
    assert.ok(restored.changes?.includes(target), JSON.stringify(restored));
    // Nor can a developer have the service record a restore of a snapshot it does not keep.
    const forged = await raw(
      JSON.stringify({ op: 'snapshot.restored', id: '20010101T000000Z-abcdef', door: 'cli', changes: [] }),
    );
    assert.match(forged.stdout, /"ok":false.*keeps no snapshot/);
    assert.ok(!fs.existsSync(path.join(w.workspace, 'evil.ts')), "the developer's rewritten manifest played no part");

    // The service's hash check decides: its own blob damaged (by root), the restore refuses rather than write it.
    const [blob] = fs
      .readdirSync(path.join(w.kept, 'snapshots', 'blobs'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
    fs.chmodSync(blob, 0o600);
    fs.writeFileSync(blob, 'export const rate = 0;\n');
    fs.writeFileSync(target, 'changed since\n');
    const refused = await cli(['snapshot', 'restore', id]);
    assert.equal(refused.code, 1, refused.stdout);
    assert.match(refused.stderr, /does not match its name|damaged/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'changed since\n');
    await sh(`chmod -R u+w ${own}`);
  },
);

test(
  'a restore the service cannot record still puts the files back, and says loudly that the record lacks it',
  { skip, timeout: 90_000 },
  async () => {
    await freshBreaker();
    // The developer's own store, left locked by the test before: its copy is taken too.
    assert.equal((await sh(`chmod -R u+rwX ${localState()}/snapshots`)).code, 0);
    const target = path.join(w.workspace, 'lib', 'ledger.ts');
    assert.equal((await sh(`mkdir -p ${w.workspace}/lib && printf 'ledger\\n' > ${target}`)).code, 0);
    const r = await hook(`rm -rf ${w.workspace}/lib`);
    const id = /agentguard snapshot restore ([0-9TZ]+-[0-9a-f]{6})/.exec(r.stdout)?.[1];
    assert.ok(id, r.stdout + r.stderr);
    assert.equal((await sh(`rm -rf ${w.workspace}/lib`)).code, 0);
    // The developer's share of writes used up (floodLimit): the service reads, but records nothing more this window.
    w.writePolicy(policy({ floodLimit: { writes: 10, windowSeconds: 60 } }));
    await stopService();
    await startService();
    try {
      for (let i = 0; i < 10; i++) assert.equal((await cli(['service', 'engage', '--reason', `flood ${i}`])).code, 0);
      const restore = await cli(['snapshot', 'restore', id]);
      assert.equal(restore.code, 1, restore.stdout + restore.stderr);
      assert.equal(fs.readFileSync(target, 'utf8'), 'ledger\n', 'the way back is taken');
      assert.match(restore.stdout, /restored snapshot/);
      assert.match(restore.stderr, /RESTORED BUT NOT RECORDED BY THE AGENTGUARD SERVICE: .*too many requests/);
      const kept = fs.readFileSync(keptLog(), 'utf8');
      assert.doesNotMatch(kept, new RegExp(`snapshot\\.restored.*${id}`));
      assert.match(
        fs.readFileSync(path.join(localState(), 'audit.jsonl'), 'utf8'),
        new RegExp(`snapshot\\.restored.*${id}`),
      );
    } finally {
      w.writePolicy(policy());
      await stopService();
      await startService();
      await releaseAsRoot();
    }
  },
);

test(
  'confirmed policies: the service keeps them; a record the developer forges in their own folder confirms nothing',
  { skip, timeout: 90_000 },
  async () => {
    if (!service) await startService();
    await freshBreaker();
    const loosened = { rules: [{ match: 'git push --force *', decision: 'allow', reason: 'we force-push' }] };
    const text = JSON.stringify(loosened);
    assert.equal((await sh(`printf '%s' '${text}' > ${w.workspace}/.agentguard.json`)).code, 0);
    const push = () => hook('git push --force origin main');
    const before = await push();
    assert.equal(decision(before).decision, 'ask', before.stdout);
    assert.match(decision(before).reason, /loosens the policy a human confirmed|waits for a human/);

    // The developer writes the confirmation record the editor would write, in their own state folder.
    const name = `${crypto.createHash('sha256').update(path.resolve(w.workspace)).digest('hex')}.json`;
    const forged = JSON.stringify({
      version: 1,
      workspace: path.resolve(w.workspace),
      confirmedAt: new Date().toISOString(),
      text,
      config: loosened,
    });
    const forge = await sh(
      `mkdir -p ${localState()}/policy && printf '%s' '${forged}' > ${localState()}/policy/${name}`,
    );
    assert.equal(forge.code, 0, forge.stderr);
    const after = await push();
    assert.equal(decision(after).decision, 'ask', `the forged record is not read: ${after.stdout}`);
    // Nor can it be planted where the service publishes what it keeps.
    const published = path.join(path.dirname(w.socket), 'policy');
    const plant = await sh(`mkdir -p ${published} && printf '%s' '${forged}' > ${published}/${name}`);
    assert.notEqual(plant.code, 0);
    assert.match(plant.stderr, /Permission denied/);

    // A confirmation recorded by the service (what the editor sends after a human's click) is honoured, and logged:
    // sent by the editor's extension host. The same request from a script of the developer's is refused.
    await freshBreaker();
    const args = [ROOT, w.socket, w.svc.name, w.workspace, text];
    const script = await w.run(['node', '-e', CONFIRM, ...args], { as: w.dev });
    assert.notEqual(script.code, 0);
    assert.match(
      script.stderr,
      /only the editor records a human's answer, and process \d+ was not started by the editor's main process/,
    );
    assert.equal(decision(await push()).decision, 'ask', 'a confirmation the editor did not send confirms nothing');
    const editor = editorInstall(path.join(w.root, 'opt', 'confirming-editor'), CONFIRM);
    const confirm = await w.run([editor.node, editor.entry, ...args], { as: w.dev });
    assert.equal(confirm.code, 0, confirm.stderr);
    assert.equal(fs.statSync(path.join(published, name)).uid, w.svc.uid);
    const confirmed = await push();
    assert.equal(decision(confirmed).decision, 'allow', confirmed.stdout + confirmed.stderr);
    const confirmedEntry = fs
      .readFileSync(keptLog(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((e) => e.event === 'policy.confirmed');
    // A human's confirmation is an approval: its entry says what the service's check of the editor was worth.
    assert.equal(confirmedEntry?.peerProof, peerProofOf(readPtraceScope()), JSON.stringify(confirmedEntry));
    // /run emptied (a reboot): the service publishes what it keeps again when it starts.
    await stopService();
    fs.rmSync(published, { recursive: true, force: true });
    await startService();
    assert.equal(decision(await push()).decision, 'allow');
    fs.rmSync(path.join(w.workspace, '.agentguard.json'));
  },
);

test(
  'flooding the socket: a burst from a developer process is cut at the bound, leaves one flood entry, and hooks block until the next window',
  { skip, timeout: 90_000 },
  async () => {
    // The window starts at the first burst's first request and must outlast both bursts and the hook after them,
    // which take seconds of spawning on a busy machine; the wait for the next window is only what is left of it.
    const windowMs = 15_000;
    w.writePolicy(policy({ floodLimit: { writes: 20, windowSeconds: windowMs / 1000 } }));
    await stopService();
    await startService();
    try {
      await freshBreaker();
      const lines = () => fs.readFileSync(keptLog(), 'utf8').trim().split('\n').length;
      const start = lines();
      // 300 records, 20 at a time, through the same client a hook uses (it names its pid).
      const burst = async () => {
        const r = await w.run(
          [
            'node',
            '-e',
            `
    const [root, socket, user] = process.argv.slice(1);
    const { askService } = require(root + '/out/src/channels/service/client.js');
    const entry = (i) => ({ time: new Date().toISOString(), host: 'claude', decision: 'allow', score: 0, findings: [], command: 'flood ' + i + ' ' + 'x'.repeat(2000) });
    (async () => {
      let ok = 0, refused = 0;
      for (let i = 0; i < 300; i += 20) {
        const rs = await Promise.all(Array.from({ length: 20 }, (_, j) => askService({ socket, user, timeoutMs: 3000 }, { op: 'record', entry: entry(i + j) })));
        for (const r of rs) r.ok ? ok++ : refused++;
      }
      process.stdout.write(JSON.stringify({ ok, refused }));
    })();
  `,
            ROOT,
            w.socket,
            w.svc.name,
          ],
          { as: w.dev },
        );
        assert.equal(r.code, 0, r.stderr);
        return JSON.parse(r.stdout) as { ok: number; refused: number };
      };
      // One process gets at most half of its user's share: the rest of the user's processes still get through.
      const windowStart = Date.now();
      const first = await burst();
      assert.ok(first.ok <= 10 && first.refused >= 290, JSON.stringify(first));
      const meanwhile = await hook('ls -la');
      assert.notEqual(decision(meanwhile).decision, 'deny', meanwhile.stdout);
      // A second flooding process takes the rest of the user's share.
      const second = await burst();
      assert.ok(second.ok <= 10 && second.refused >= 290, JSON.stringify(second));
      // The hook now: refused by the service, so the call is blocked, never let through unrecorded.
      const during = await hook('ls -la');
      assert.ok(Date.now() - windowStart < windowMs, `the bursts and the hook took ${Date.now() - windowStart} ms`);
      assert.equal(decision(during).decision, 'deny', during.stdout);
      assert.match(decision(during).reason, /too many requests/);
      const log = fs.readFileSync(keptLog(), 'utf8').trim().split('\n');
      assert.ok(log.length - start <= 20 + 1, `the log grew by ${log.length - start}`);
      assert.equal(log.slice(start).filter((l) => l.includes('"event":"service.flood"')).length, 1, 'one flood entry');
      const verify = JSON.parse((await cli(['service', 'verify', '--json'])).stdout) as {
        reply: { verify: { ok: boolean } };
      };
      assert.equal(verify.reply.verify.ok, true);
      // The next window: normal calls work again.
      await new Promise((r) => setTimeout(r, windowStart + windowMs + 500 - Date.now()));
      const after = await hook('ls -la');
      assert.notEqual(decision(after).decision, 'deny', after.stdout);
      assert.ok(fs.readFileSync(keptLog(), 'utf8').trim().split('\n').length > log.length);
    } finally {
      w.writePolicy(policy());
      await stopService();
      await startService();
    }
  },
);

test(
  'a developer added after prepare asks to be enrolled on their first call and is served without a restart',
  { skip, timeout: 90_000 },
  async () => {
    if (!service) await startService();
    // A new account, made by useradd after the service was prepared and started (the name service knows it; the service does not yet).
    const taken = new Set(
      fs
        .readFileSync(path.join(w.root, 'etc', 'passwd'), 'utf8')
        .split('\n')
        .map((l) => Number(l.split(':')[2])),
    );
    let uid = 64000 + Math.floor(Math.random() * 1000);
    while (taken.has(uid)) uid++;
    const name = `aglate${uid}`;
    const home = path.join(w.root, 'home', name);
    const made = spawnSync(
      'useradd',
      ['--prefix', w.root, '-M', '-d', home, '--shell', '/bin/bash', '-u', String(uid), '-U', name],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(made.status, 0, made.stderr);
    const late = {
      name,
      uid,
      gid: Number(
        fs
          .readFileSync(path.join(w.root, 'etc', 'passwd'), 'utf8')
          .split('\n')
          .find((l) => l.startsWith(`${name}:`))!
          .split(':')[3],
      ),
      home,
    };
    const workspace = path.join(home, 'code', 'app');
    fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
    spawnSync('chown', ['-R', `${late.uid}:${late.gid}`, home]);
    const lateHook = (command: string) =>
      w.run(['node', SERVICE_CLI, 'hook', 'claude'], {
        as: late,
        input: claudeBash({ ...w, workspace, dev: late } as World, command),
      });
    const socket = `${w.socketDir}/users/${uid}/agentguard.sock`;
    assert.equal(fs.existsSync(socket), false);

    // First call: no socket of theirs yet, so it is blocked, and it asks to be enrolled.
    const first = await lateHook('ls -la');
    assert.equal(decision(first).decision, 'deny', first.stdout);
    assert.match(decision(first).reason, /asked the AgentGuard service to enrol you \(uid \d+\)/);
    const asked = fs.readdirSync(path.join(w.socketDir, 'enrol'));
    assert.deepEqual(
      asked.map((f) => fs.lstatSync(path.join(w.socketDir, 'enrol', f)).uid),
      [uid],
      'the request is a file the kernel says the new developer owns',
    );
    // Another developer cannot see who asked, nor remove the request.
    assert.notEqual((await sh(`ls ${w.socketDir}/enrol`)).code, 0);
    const remove = await sh(`rm -f ${w.socketDir}/enrol/${uid}`);
    assert.notEqual(remove.code, 0);
    assert.match(remove.stderr, /Operation not permitted/);
    assert.equal(fs.readdirSync(path.join(w.socketDir, 'enrol')).length, 1);

    // What systemd's agentguard-enrol.path runs as root when the folder fills.
    const enrol = await cli(['service', 'prepare', '--enrolled'], null);
    assert.equal(enrol.code, 0, enrol.stderr);
    assert.match(enrol.stdout, new RegExp(`^enrolled ${name}$`, 'm'));
    assert.equal(fs.statSync(path.dirname(socket)).gid, late.gid);
    // The running service finds the new folder and listens there: no restart.
    assert.ok(await socketAppears(socket), 'the service listens for the new developer');
    const served = await lateHook('ls -la');
    assert.notEqual(decision(served).decision, 'deny', served.stdout);
    assert.ok(
      fs
        .readFileSync(path.join(w.stateDir, 'users', String(uid), 'audit.jsonl'), 'utf8')
        .includes('"command":"ls -la"'),
    );
  },
);

test(
  'a developer flooding the enrol folder: prepare --enrolled reads a bounded batch, removes the junk and names its owner, and still enrols a real request',
  { skip, timeout: 120_000 },
  async () => {
    const enrolDir = path.join(w.socketDir, 'enrol');
    // As the developer: 3000 names of their choosing, a request-looking file with content, a folder full of files,
    // a request in another user's name, a link.
    const flood = await sh(
      `cd ${enrolDir} && i=0; while [ $i -lt 3000 ]; do : > junk$i; i=$((i+1)); done; ` +
        `head -c 1048576 /dev/zero > ${w.dev.uid}; mkdir d && touch d/a d/b; : > 0; ln -s /etc/passwd l`,
    );
    assert.equal(flood.code, 0, flood.stderr);
    const waiting = () => fs.readdirSync(enrolDir).length;
    assert.equal(waiting(), 3004);
    const first = await cli(['service', 'prepare', '--enrolled'], null);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^enrolled no users$/m);
    assert.match(first.stderr, new RegExp(`enrol: uid ${w.dev.uid} left \\d+ entries that are no enrolment request`));
    assert.match(first.stderr, /more than 1024 entries waiting/);
    assert.equal(waiting(), 3004 - 1024, 'one run takes a bounded batch');
    for (let i = 0; i < 4 && waiting() > 0; i++)
      assert.equal((await cli(['service', 'prepare', '--enrolled'], null)).code, 0);
    assert.equal(waiting(), 0, 'every piece of junk is gone, the folder the developer filled too');
    assert.ok(!fs.existsSync(path.join(w.socketDir, 'enrol-junk', 'd')));
    // A real request after the flood: the developer, by the name the kernel gives its owner.
    assert.equal((await sh(`: > ${enrolDir}/${w.dev.uid}`)).code, 0);
    const real = await cli(['service', 'prepare', '--enrolled'], null);
    assert.equal(real.code, 0, real.stderr);
    assert.match(real.stdout, new RegExp(`^enrolled ${w.dev.name}$`, 'm'));
    assert.doesNotMatch(real.stderr, /no enrolment request/);
  },
);

/** The service running, and AgentGuard installed for Claude Code in the workspace, its hook-file record sent there. */
async function claudeInstalledWithService(): Promise<{ published: string; settings: string; installed: Run }> {
  if (!service) await startService();
  await freshBreaker();
  const installed = await cli(['install', '--claude', '--no-host-sandbox', '--workspace', w.workspace]);
  assert.equal(installed.code, 0, installed.stderr);
  return {
    published: path.join(path.dirname(w.socket), 'hook-files.json'),
    settings: path.join(w.workspace, '.claude', 'settings.json'),
    installed,
  };
}

/** The record the service keeps and publishes, and the workspace's Claude Code settings, gone again. */
function forgetClaudeInstall(published: string): void {
  for (const f of [published, path.join(w.kept, 'hook-files.json')]) fs.rmSync(f, { force: true });
  fs.rmSync(path.join(w.workspace, '.claude'), { recursive: true, force: true });
}

test(
  "hook files: the service keeps install's record; a hook file rewritten with the developer's own record rewritten to match is still asked",
  { skip, timeout: 120_000 },
  async () => {
    const { published, settings, installed } = await claudeInstalledWithService();
    assert.doesNotMatch(installed.stderr, /hash record was not written/);
    assert.equal(fs.statSync(published).uid, w.svc.uid, 'the copy the hook reads is the service user’s');
    assert.ok(fs.readFileSync(published, 'utf8').includes(settings));
    assert.match(fs.readFileSync(keptLog(), 'utf8'), /"event":"hooks.recorded"/);
    const routine = () => hook('ls -la src');
    assert.notEqual(decision(await routine()).decision, 'ask', 'the file as install left it');

    // The agent's move: AgentGuard's entry taken out of the hook file, and the developer's own record made to match it.
    const forge = await w.run(
      [
        'node',
        '-e',
        `
    const [root, settings, state, workspace] = process.argv.slice(1);
    require('fs').writeFileSync(settings, '{}\\n');
    const { recordHookFiles } = require(root + '/out/src/core/launcher/hookRecord.js');
    recordHookFiles(state, [{ host: 'claude', scope: 'project', file: settings }], workspace, '/x');
  `,
        ROOT,
        settings,
        localState(),
        w.workspace,
      ],
      { as: w.dev },
    );
    assert.equal(forge.code, 0, forge.stderr);
    assert.ok(fs.readFileSync(path.join(localState(), 'hook-files.json'), 'utf8').includes(settings));
    const after = await routine();
    assert.equal(decision(after).decision, 'ask', after.stdout);
    assert.match(decision(after).reason, /settings\.json changed since install: .*AgentGuard/);
    const doctor = await cli(['doctor']);
    assert.match(doctor.stdout, /hookfile +claude .*settings\.json +FAIL changed since install/);
    // Nor can the developer plant a record where the service publishes it.
    const plant = await sh(`cp ${localState()}/hook-files.json ${published}`);
    assert.notEqual(plant.code, 0);

    // A copy that cannot be read fails closed: asked.
    fs.writeFileSync(published, 'not a record');
    const unreadable = await routine();
    assert.equal(decision(unreadable).decision, 'ask', unreadable.stdout);
    assert.match(decision(unreadable).reason, /cannot be checked/);
    assert.match(
      (await cli(['doctor'])).stdout,
      /hookfile +FAIL the AgentGuard service's hook-file record cannot be read/,
    );
    // /run emptied (a reboot): the service publishes what it keeps again when it starts.
    await stopService();
    fs.rmSync(published);
    await startService();
    assert.equal(fs.statSync(published).uid, w.svc.uid);
    assert.equal(decision(await routine()).decision, 'ask');
    forgetClaudeInstall(published);
  },
);

/** The service the test build's managed policy names, for a compiled module run as the developer (it reads the machine's policy). */
const serviceForClient = () => JSON.stringify({ socketDir: w.socketDir, user: w.svc.name, timeoutMs: 10_000 });

/** Runs `script` (node, with the repository's root as its first argument) as the developer. */
const developerNode = (script: string, ...args: string[]) =>
  w.run(['node', '-e', script, ROOT, ...args], { as: w.dev });

/** The record the service publishes for `file`, or undefined. */
const publishedFor = (published: string, file: string): RecordedHookFile | undefined =>
  parseHookRecord(fs.readFileSync(published, 'utf8')).find((r) => r.file === file);

/** AgentGuard's command in a Claude Code settings text, and the text with every entry running it made to run `to`. */
function claudeCommand(text: string, to?: string): { command: string; text: string } {
  const v = JSON.parse(text) as { hooks: { PreToolUse: { hooks: { command: string }[] }[] } };
  const command = v.hooks.PreToolUse[0].hooks[0].command;
  for (const g of v.hooks.PreToolUse)
    for (const h of g.hooks) if (to !== undefined && h.command === command) h.command = to;
  return { command, text: JSON.stringify(v, null, 2) + '\n' };
}

test(
  "hook files: a repair's record goes to the service, so a hook file the editor rewrote is not asked",
  { skip, timeout: 120_000 },
  async () => {
    const { published, settings } = await claudeInstalledWithService();
    const routine = () => hook('ls -la src');
    // What an earlier version installed and the service kept: AgentGuard's entry ran a pinned node and CLI.
    const legacy = 'node /opt/agentguard-0.0.9/dist/cli.js hook claude';
    const { command: launcherCommand, text: old } = claudeCommand(fs.readFileSync(settings, 'utf8'), legacy);
    fs.writeFileSync(settings, old);
    const record = nextHookRecord([], [{ host: 'claude', scope: 'project', file: settings }], w.workspace, '/old');
    for (const [dir, mode] of [
      [w.kept, 0o600],
      [path.dirname(published), 0o644],
    ] as const) {
      writeHookRecord(dir, record, mode);
      fs.chownSync(path.join(dir, 'hook-files.json'), w.svc.uid, w.svc.gid);
    }
    assert.notEqual(decision(await routine()).decision, 'ask', 'the file as the earlier install left it');
    const recordedSoFar = () => fs.readFileSync(keptLog(), 'utf8').match(/"event":"hooks.recorded"/g)?.length ?? 0;
    const before = recordedSoFar();
    // The editor's repair: the stale entry rewritten to run the launcher, then the record kept the way the
    // extension keeps it after a repair (channels/service/hookRecord.ts).
    const repair = (keep: 'service' | 'local') =>
      developerNode(
        `
    const [root, settings, state, workspace, keep, service, legacy, command] = process.argv.slice(1);
    const fs = require('fs');
    fs.writeFileSync(settings, fs.readFileSync(settings, 'utf8').replaceAll(JSON.stringify(legacy), JSON.stringify(command)));
    const written = [{ host: 'claude', scope: 'project', file: settings }];
    const done =
      keep === 'service'
        ? require(root + '/out/src/channels/service/hookRecord.js').keepHookRecord(state, written, workspace, '/x', JSON.parse(service))
        : Promise.resolve(require(root + '/out/src/core/launcher/hookRecord.js').recordHookFiles(state, written, workspace, '/x'));
    done.then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });
  `,
        settings,
        localState(),
        w.workspace,
        keep,
        serviceForClient(),
        legacy,
        launcherCommand,
      );
    // Kept only in the developer's own record (as the editor's repair did before): every routine call asked.
    const local = await repair('local');
    assert.equal(local.code, 0, local.stderr);
    const unrecorded = await routine();
    assert.equal(decision(unrecorded).decision, 'ask');
    assert.match(decision(unrecorded).reason, /settings\.json changed since install: AgentGuard's entry now runs/);
    const kept = await repair('service');
    assert.equal(kept.code, 0, kept.stderr);
    const repairedRun = await routine();
    assert.notEqual(decision(repairedRun).decision, 'ask', repairedRun.stdout + repairedRun.stderr);
    assert.equal(recordedSoFar(), before + 1);
    assert.deepEqual(
      publishedFor(published, settings)?.entries?.map((e) => e.command),
      [launcherCommand],
      'the entries kept are the ones the service read',
    );
    forgetClaudeInstall(published);
  },
);

test(
  'hook files: a hook file the agent rewrote and sent hooks.record for itself is refused by the service, logged, and the hook still asks naming it',
  { skip, timeout: 120_000 },
  async () => {
    const { published, settings } = await claudeInstalledWithService();
    const routine = () => hook('ls -la src');
    assert.notEqual(decision(await routine()).decision, 'ask');
    const installed = publishedFor(published, settings);
    assert.ok(installed?.entries?.length);
    // The agent's move, as the developer: Claude Code's hooks turned off in the workspace's settings, then the
    // record sent to the service the way install sends it.
    const tamper = await developerNode(
      `
    const [root, settings, state, workspace, service] = process.argv.slice(1);
    const fs = require('fs');
    fs.writeFileSync(settings, JSON.stringify({ ...JSON.parse(fs.readFileSync(settings, 'utf8')), disableAllHooks: true }));
    require(root + '/out/src/channels/service/hookRecord.js')
      .keepHookRecord(state, [{ host: 'claude', scope: 'project', file: settings }], workspace, '/x', JSON.parse(service))
      .then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });
  `,
      settings,
      localState(),
      w.workspace,
      serviceForClient(),
    );
    // The hook, as Claude Code runs it next: the file is still judged, and the call asked.
    const asked = await routine();
    assert.equal(decision(asked).decision, 'ask', asked.stdout);
    assert.match(decision(asked).reason, /\.claude\/settings\.json sets disableAllHooks/);
    assert.equal(tamper.code, 1, 'the service does not keep it');
    assert.match(tamper.stderr, /\n {2}refused {2}\S*settings\.json: sets disableAllHooks/);
    assert.deepEqual(publishedFor(published, settings), installed, "the record in force is still install's");
    assert.match(fs.readFileSync(keptLog(), 'utf8'), /"event":"hooks.refused".*settings\.json: sets disableAllHooks/);

    // A record written by hand: AgentGuard's entry taken out and the file sent as one it never held.
    const bare = await developerNode(
      `
    const [root, settings, service] = process.argv.slice(1);
    const fs = require('fs');
    fs.writeFileSync(settings, '{}\\n');
    const st = fs.statSync(settings);
    const sha256 = require('crypto').createHash('sha256').update('{}\\n').digest('hex');
    const file = { host: 'claude', scope: 'project', file: settings, sha256, size: st.size, ino: st.ino, ctimeMs: st.ctimeMs, at: new Date().toISOString() };
    const { sendHookRecord } = require(root + '/out/src/channels/service/hookRecord.js');
    const { ownAddress } = require(root + '/out/src/channels/service/client.js');
    sendHookRecord(ownAddress(JSON.parse(service)), [file]).then((e) => { console.error(e ?? 'kept'); process.exit(e ? 1 : 0); });
  `,
      settings,
      serviceForClient(),
    );
    assert.equal(bare.code, 1, bare.stderr);
    assert.match(
      bare.stderr,
      /settings\.json: it held AgentGuard's hook|settings\.json: changed since install: AgentGuard's entry is gone/,
    );
    const gone = await routine();
    assert.equal(decision(gone).decision, 'ask', gone.stdout);
    assert.match(decision(gone).reason, /settings\.json changed since install: AgentGuard's entry is gone/);
    forgetClaudeInstall(published);
  },
);

test(
  'hook files: a clean reinstall is recorded by the service; one it cannot read is refused, and it says why',
  { skip, timeout: 180_000 },
  async () => {
    const { published, settings } = await claudeInstalledWithService();
    // A human's own change, then install again: the service reads the file clean and records it.
    fs.writeFileSync(
      settings,
      JSON.stringify({ ...JSON.parse(fs.readFileSync(settings, 'utf8')), cleanupPeriodDays: 20 }),
    );
    const again = await cli(['install', '--claude', '--no-host-sandbox', '--workspace', w.workspace]);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /hash record was not written/);
    assert.equal(publishedFor(published, settings)?.sha256, digest(settings));
    assert.notEqual(decision(await hook('ls -la src')).decision, 'ask');
    // A service without the capability to read the developer's files (their home is theirs alone) keeps nothing it cannot read.
    await stopService();
    await startService(false);
    fs.writeFileSync(
      settings,
      JSON.stringify({ ...JSON.parse(fs.readFileSync(settings, 'utf8')), cleanupPeriodDays: 21 }),
    );
    const unread = await cli(['install', '--claude', '--no-host-sandbox', '--workspace', w.workspace]);
    assert.equal(unread.code, 0, unread.stderr);
    assert.match(unread.stderr, /settings\.json: the service cannot read it as its own user/);
    assert.notEqual(publishedFor(published, settings)?.sha256, digest(settings));
    await stopService();
    await startService();
    forgetClaudeInstall(published);
  },
);

test(
  "hook files: the service's own record it cannot read refuses the next install's, is logged and left as it is",
  { skip, timeout: 120_000 },
  async () => {
    const { published, settings } = await claudeInstalledWithService();
    const kept = path.join(w.kept, 'hook-files.json');
    const good = fs.readFileSync(kept, 'utf8');
    assert.ok(good.includes(settings));
    const refusedSoFar = () => fs.readFileSync(keptLog(), 'utf8').match(/hook-file record not updated/g)?.length ?? 0;
    // Cut short (a disk that filled), then with an entry that is no hook file's record: merged from nothing,
    // either would lose the record that settings.json must hold AgentGuard's entry.
    const spoilt = [
      good.slice(0, 40),
      JSON.stringify({ files: [...parseHookRecord(good), { file: 'settings.json' }] }),
    ];
    for (const [i, text] of spoilt.entries()) {
      fs.writeFileSync(kept, text);
      const again = await cli(['install', '--claude', '--no-host-sandbox', '--workspace', w.workspace]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(
        again.stderr,
        /hash record was not written: .*hooks\.record: the service's own hook-file record cannot be read \(.+\); it is left as it is/,
      );
      assert.equal(fs.readFileSync(kept, 'utf8'), text, 'the record is not replaced');
      assert.equal(refusedSoFar(), i + 1);
    }
    assert.match(
      fs.readFileSync(keptLog(), 'utf8'),
      /"event":"hooks.refused","decision":"deny".*not records of a hook file/,
    );
    forgetClaudeInstall(published);
  },
);

test(
  'hook files: an install the service keeps in part names each file it kept and each it refused, with why',
  { skip, timeout: 120_000 },
  async () => {
    if (!service) await startService();
    await freshBreaker();
    // The developer's local settings turn Claude Code's hooks off: the service keeps settings.json, not this.
    const local = path.join(w.workspace, '.claude', 'settings.local.json');
    assert.equal((await sh(`mkdir -p ${path.dirname(local)} && echo '{"disableAllHooks": true}' > ${local}`)).code, 0);
    const installed = await cli(['install', '--claude', '--no-host-sandbox', '--workspace', w.workspace]);
    assert.equal(installed.code, 0, installed.stderr);
    const settings = path.join(w.workspace, '.claude', 'settings.json');
    assert.doesNotMatch(installed.stderr, /hash record was not written/);
    // settings.json, and the project's .mcp.json, absent (a server env it gains later is news).
    assert.match(installed.stderr, /the AgentGuard service kept the hash record of 2 hook file\(s\) and refused 1/);
    assert.ok(installed.stderr.includes(`\n  kept     ${settings}\n`), installed.stderr);
    assert.ok(installed.stderr.includes(`\n  kept     ${path.join(w.workspace, '.mcp.json')}\n`), installed.stderr);
    assert.match(installed.stderr, /\n {2}refused {2}\S*settings\.local\.json: sets disableAllHooks/);
    const published = path.join(path.dirname(w.socket), 'hook-files.json');
    assert.equal(publishedFor(published, settings)?.sha256, digest(settings));
    assert.equal(publishedFor(published, local), undefined);
    forgetClaudeInstall(published);
  },
);

test(
  "hook files: AgentGuard's OpenCode plugin in any of OpenCode's plugin folders is kept; a file outside its folders is refused",
  { skip, timeout: 120_000 },
  async () => {
    if (!service) await startService();
    await freshBreaker();
    const opencode = (...parts: string[]) => path.join(w.workspace, '.opencode', ...parts);
    const install = () => cli(['install', '--opencode', '--workspace', w.workspace]);
    const first = await install();
    assert.equal(first.code, 0, first.stderr);
    // The plugin as install writes it, copied into `.opencode/plugin/` (the folder's other name, which OpenCode loads too).
    const copy = opencode('plugin', 'agentguard.js');
    const copied = await sh(`mkdir -p ${path.dirname(copy)} && cp ${opencode('plugins', 'agentguard.js')} ${copy}`);
    assert.equal(copied.code, 0, copied.stderr);
    const again = await install();
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /hash record was not written|refused/);
    const published = path.join(path.dirname(w.socket), 'hook-files.json');
    assert.equal(publishedFor(published, copy)?.sha256, digest(copy), 'the copy is kept as the service read it');
    assert.equal(publishedFor(published, opencode('plugins', 'agentguard.js'))?.sha256, digest(copy));

    // The same plugin in a folder OpenCode loads no plugin from: no file of OpenCode's, refused.
    const outside = opencode('agentguard.js');
    assert.equal((await sh(`cp ${copy} ${outside}`)).code, 0);
    const sent = await developerNode(
      `
    const [root, file, workspace, service] = process.argv.slice(1);
    const { nextHookRecord } = require(root + '/out/src/core/launcher/hookRecord.js');
    const { sendHookRecord } = require(root + '/out/src/channels/service/hookRecord.js');
    const { ownAddress } = require(root + '/out/src/channels/service/client.js');
    const files = nextHookRecord([], [{ host: 'opencode', scope: 'project', file }], workspace, '/x').filter((r) => r.file === file);
    sendHookRecord(ownAddress(JSON.parse(service)), files).then((e) => { console.error(JSON.stringify(e ?? 'kept')); process.exit(e ? 1 : 0); });
  `,
      outside,
      w.workspace,
      serviceForClient(),
    );
    assert.equal(sent.code, 1, sent.stderr);
    assert.match(sent.stderr, /it is not a hook or settings file of OpenCode/);
    assert.equal(publishedFor(published, outside), undefined);
    for (const f of [published, path.join(w.kept, 'hook-files.json')]) fs.rmSync(f, { force: true });
    fs.rmSync(path.join(w.workspace, '.opencode'), { recursive: true, force: true });
  },
);
