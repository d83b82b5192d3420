// The AgentGuard service's messages and the hook's check of its socket, on
// their own: what is refused, and which sockets a hook will not use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  MAX_SERVICE_LINE_BYTES,
  adminSocketPath,
  parseServiceHello,
  parseServiceReply,
  parseServiceRequest,
  userSocketPath,
} from '../../../src/shared/serviceProtocol';
import { trustServiceSocket } from '../../../src/channels/service/trust';
import { keeperAnswer } from '../../../src/core/frontdoor/serviceKeeper';
import { servicedState, localState } from '../../../src/core/frontdoor/state';
import { verifyAudit } from '../../../src/core/state/audit';
import {
  launchdPlist,
  serviceUnitFile,
  systemdUnit,
  windowsServiceScript,
} from '../../../src/core/launcher/serviceUnits';

test('a request is one known operation with well-formed fields; anything else is refused', () => {
  assert.deepEqual(parseServiceRequest('{"op":"status"}'), { op: 'status' });
  assert.deepEqual(parseServiceRequest('{"op":"count"}'), { op: 'count' });
  assert.deepEqual(parseServiceRequest('{"op":"count","rateLimit":{"maxGated":2,"windowSeconds":30}}'), {
    op: 'count',
    rateLimit: { maxGated: 2, windowSeconds: 30 },
  });
  for (const bad of [
    '',
    'null',
    '[]',
    '{not json',
    '{"op":"truncate"}',
    '{"op":"status","uid":-1}',
    '{"op":"status","uid":1.5}',
    '{"op":"record"}',
    '{"op":"record","entry":{"time":"t","host":"h","decision":"allow","score":0}}',
    '{"op":"record","entry":{"time":"t","host":"h","decision":"allow","score":0,"findings":[],"hash":"x"}}',
    // The sequence is the service's to write: a client that numbers its own entry could leave a gap or repeat one.
    '{"op":"record","entry":{"time":"t","host":"h","decision":"allow","score":0,"findings":[],"seq":1}}',
    // Nor can a client write what reads as the service's own approval or breaker events.
    '{"op":"record","entry":{"time":"t","host":"service","event":"approval.recorded","decision":"allow","score":0,"findings":[]}}',
    '{"op":"record","entry":{"time":"t","host":"claude","decision":"allow","score":0,"findings":[],"subjectDigest":"x"}}',
    '{"op":"record","entry":{"time":"t","host":"h","decision":"allow","score":0,"findings":[]},"gated":"yes"}',
    JSON.stringify({ op: 'engage', reason: 'x'.repeat(501) }),
    '{"op":"count","rateLimit":{"maxGated":0,"windowSeconds":30}}',
    '{"op":"count","rateLimit":{"maxGated":2,"windowSeconds":86401}}',
    '{"op":"count","rateLimit":{"maxGated":2}}',
    '{"op":"count","rateLimit":null}',
    '{"op":"snapshot.restored","id":"20010101T000000Z-abcdef","changes":[]}',
    '{"op":"snapshot.restored","id":"../x","door":"cli","changes":[]}',
    '{"op":"snapshot.restored","id":"20010101T000000Z-abcdef","door":"cli","changes":[1]}',
    JSON.stringify({ op: 'status', pad: 'x'.repeat(MAX_SERVICE_LINE_BYTES) }),
  ]) {
    assert.ok('error' in parseServiceRequest(bad), bad.slice(0, 80));
  }
  const rec = parseServiceRequest(
    JSON.stringify({
      op: 'record',
      entry: { time: 't', host: 'claude', decision: 'ask', score: 60, findings: ['git.force-push'] },
      gated: true,
    }),
  );
  assert.ok(!('error' in rec) && rec.gated === true && rec.entry?.host === 'claude');
});

test('a reply the hook believes says its kill switch with a boolean; garbage is no reply', () => {
  assert.deepEqual(parseServiceReply('{"ok":true,"killSwitch":{"engaged":true,"by":"user"}}'), {
    ok: true,
    killSwitch: { engaged: true, by: 'user' },
  });
  assert.deepEqual(parseServiceReply('{"ok":false,"error":"no"}'), { ok: false, error: 'no' });
  for (const bad of [
    '',
    'true',
    '{"ok":"yes"}',
    '{"ok":true,"killSwitch":"released"}',
    '{"ok":true,"killSwitch":{"engaged":"false"}}',
    '{"ok":true,"tripped":1}',
    '{"ok":true,"verify":{"ok":true}}',
  ]) {
    assert.equal(parseServiceReply(bad), undefined, bad);
  }
  assert.ok(parseServiceHello('{"agentguard":"service","protocol":1}'));
  assert.equal(parseServiceHello('{"agentguard":"judge","protocol":1}'), undefined);
  assert.equal(userSocketPath('/run/agentguard/', 1000), '/run/agentguard/users/1000/agentguard.sock');
  assert.equal(adminSocketPath('/run/agentguard'), '/run/agentguard/admin/agentguard.sock');
});

test('the hook will not use a socket a user could have planted: not a socket, under a writable folder, owned by someone else, through a link', async () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-trust-')));
  try {
    const sock = path.join(root, 'agentguard.sock');
    assert.match(
      trustServiceSocket(sock, undefined).ok
        ? ''
        : (trustServiceSocket(sock, undefined) as { problem: string }).problem,
      /no service socket/,
    );
    fs.writeFileSync(sock, '');
    assert.match((trustServiceSocket(sock, undefined) as { problem: string }).problem, /not a socket/);
    fs.rmSync(sock);
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(sock, r));
    try {
      const me = process.getuid!();
      // The socket is this process's; a folder above it (the temp folder) is writable by everyone.
      const asService = trustServiceSocket(sock, me);
      assert.equal(asService.ok, false);
      assert.match(
        (asService as { problem: string }).problem,
        me === 0 ? /writable by others/ : /belongs to uid|writable by others/,
      );
      if (me !== 0)
        assert.match(
          (trustServiceSocket(sock, undefined) as { problem: string }).problem,
          /belongs to uid \d+, not root/,
        );
      // A folder reached through a symbolic link.
      const link = path.join(root, 'link');
      fs.symlinkSync(root, link);
      assert.equal(trustServiceSocket(path.join(link, 'agentguard.sock'), me).ok, false);
      assert.equal(trustServiceSocket('relative/agentguard.sock', me).ok, false);
    } finally {
      await new Promise((r) => server.close(r));
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("the keeper: a developer's release is refused unless the policy allows it; a record is chained; a gated one is counted by the service's clock", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-keeper-'));
  try {
    const now = new Date();
    const ctx = {
      dir,
      admin: false,
      usersMayRelease: false,
      config: { rateLimit: { maxGated: 2, windowSeconds: 60 } },
      now,
    };
    assert.equal(keeperAnswer({ op: 'engage', reason: 'stop' }, ctx).ok, true);
    const refused = keeperAnswer({ op: 'release' }, ctx);
    assert.equal(refused.ok, false);
    assert.equal(
      (keeperAnswer({ op: 'status' }, ctx) as { killSwitch: { engaged: boolean } }).killSwitch.engaged,
      true,
    );
    assert.equal(keeperAnswer({ op: 'release' }, { ...ctx, usersMayRelease: true }).ok, true);
    assert.equal(keeperAnswer({ op: 'engage' }, ctx).ok, true);
    assert.equal(keeperAnswer({ op: 'release' }, { ...ctx, admin: true }).ok, true);
    const entry = {
      time: '2001-01-01T00:00:00.000Z',
      host: 'claude',
      decision: 'ask',
      score: 80,
      findings: ['git.force-push'],
    };
    const later = new Date(now.getTime() + 1000);
    const replies = [1, 2, 3].map(() => keeperAnswer({ op: 'record', entry, gated: true }, { ...ctx, now: later }));
    assert.deepEqual(
      replies.map((r) => r.ok && r.tripped),
      [false, false, true],
      'the third gated call within the window trips (limit 2), whatever time the entry claims',
    );
    assert.equal(verifyAudit(dir).ok, true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a call's state with a service: the service's switch is the only one, and a gated call is left for the service to count", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-serviced-'));
  try {
    const engaged = servicedState(localState(dir), { killSwitch: { engaged: true, reason: 'by the service' } });
    assert.deepEqual(engaged.killSwitch(), { engaged: true, reason: 'by the service' });
    // The developer's own file, engaged, garbled or unreadable, neither halts nor gives the reason.
    for (const text of ['{"engaged":true,"reason":"local"}', 'not json']) {
      fs.writeFileSync(path.join(dir, 'killswitch.json'), text);
      assert.equal(localState(dir).killSwitch().engaged, true, 'without a service the file halts');
      const released = servicedState(localState(dir), { killSwitch: { engaged: false } });
      assert.deepEqual(released.killSwitch(), { engaged: false });
    }
    fs.writeFileSync(path.join(dir, 'killswitch.json'), '{"engaged":false}');
    assert.deepEqual(engaged.killSwitch(), { engaged: true, reason: 'by the service' }, 'nor releases');
    const released = servicedState(localState(dir), { killSwitch: { engaged: false } });
    assert.equal(released.gated(), false);
    const counted = released.countGated({ rateLimit: { maxGated: 1 } }, new Date());
    assert.deepEqual([counted.tripped, counted.recorded], [false, true]);
    assert.equal(released.gated(), true);
    assert.deepEqual(released.rateLimit(), { maxGated: 1, windowSeconds: 10 }, "the workspace's limit goes with it");
    // Nothing of the breaker in the developer's own folder: no count there to empty, no switch there to trip.
    assert.ok(!fs.existsSync(path.join(dir, 'gated.log')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the keeper counts under the stricter of its own rate limit and the one the call was judged under', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-keeper-'));
  try {
    const ctx = {
      dir,
      admin: false,
      usersMayRelease: false,
      config: { rateLimit: { maxGated: 3, windowSeconds: 60 } },
    };
    // Looser than the policy's, in a folder of its own: the policy's limit of 3 still trips the fourth call.
    const loose = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-keeper-'));
    const looseCounts = [1, 2, 3, 4].map(() => {
      const r = keeperAnswer(
        { op: 'count', rateLimit: { maxGated: 1000, windowSeconds: 1 } },
        { ...ctx, dir: loose, now: new Date() },
      );
      return r.ok && r.tripped;
    });
    fs.rmSync(loose, { recursive: true, force: true });
    assert.deepEqual(looseCounts, [false, false, false, true]);
    const count = (rateLimit?: { maxGated: number; windowSeconds: number }) =>
      keeperAnswer({ op: 'count', ...(rateLimit ? { rateLimit } : {}) }, { ...ctx, now: new Date() });
    const tripped = (r: ReturnType<typeof count>) => r.ok && r.tripped;
    // Two calls, each judged under a looser limit than the policy's: the policy's stands, neither trips.
    assert.deepEqual(
      [1, 2].map(() => tripped(count({ maxGated: 100, windowSeconds: 1 }))),
      [false, false],
    );
    // The third, under the policy's 3 alone, would not trip: judged under a workspace's stricter 2, it does.
    assert.equal(tripped(count({ maxGated: 2, windowSeconds: 60 })), true, "a workspace's stricter limit counts");
    const k = keeperAnswer({ op: 'status' }, { ...ctx, now: new Date() });
    assert.equal(k.ok && k.killSwitch?.by, 'rate-limit');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the service's definitions: systemd runs it as its user, hardened; launchd and Windows name the same command", () => {
  const spec = {
    node: '/usr/bin/node',
    cli: '/usr/lib/node_modules/agentguard/dist/cli.js',
    user: 'agentguard',
    socketDir: '/run/agentguard',
    stateDir: '/var/lib/agentguard',
  };
  const unit = systemdUnit(spec);
  for (const line of [
    'User=agentguard',
    'ExecStart=/usr/bin/node /usr/lib/node_modules/agentguard/dist/cli.js service run',
    'ExecStartPre=+/usr/bin/node /usr/lib/node_modules/agentguard/dist/cli.js service prepare',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    'ReadWritePaths=/var/lib/agentguard /run/agentguard',
    // It ships logs to syslog and OTLP destinations over the network: a unit that cut the network would lose them.
    // ...and reads the kernel's socket table (netlink) to find who records an approval.
    'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK',
    // Two capabilities, bounded and ambient (a non-root service gets them only this way), never more by what it runs.
    'CapabilityBoundingSet=CAP_SYS_PTRACE CAP_DAC_READ_SEARCH',
    'AmbientCapabilities=CAP_SYS_PTRACE CAP_DAC_READ_SEARCH',
    'WantedBy=multi-user.target',
  ]) {
    assert.ok(unit.split('\n').includes(line), line);
  }
  assert.deepEqual(
    unit.split('\n').filter((l) => /^(CapabilityBoundingSet|AmbientCapabilities|NoNewPrivileges)=/.test(l)),
    [
      'NoNewPrivileges=yes',
      'CapabilityBoundingSet=CAP_SYS_PTRACE CAP_DAC_READ_SEARCH',
      'AmbientCapabilities=CAP_SYS_PTRACE CAP_DAC_READ_SEARCH',
    ],
  );
  assert.doesNotMatch(unit, /^PrivateNetwork=yes$/m);
  assert.match(
    systemdUnit({ ...spec, cli: '/opt/Agent Guard/100%/cli.js' }),
    /^ExecStart=\/usr\/bin\/node "\/opt\/Agent Guard\/100%%\/cli\.js" service run$/m,
  );
  const plist = launchdPlist({ ...spec, user: '_agentguard' });
  assert.match(plist, /<key>UserName<\/key>\n {2}<string>_agentguard<\/string>/);
  assert.match(
    plist,
    /<string>\/usr\/lib\/node_modules\/agentguard\/dist\/cli\.js<\/string>\n {4}<string>service<\/string>\n {4}<string>run<\/string>/,
  );
  assert.match(plist, /<key>KeepAlive<\/key>\n {2}<true\/>/);
  const ps = windowsServiceScript({
    ...spec,
    node: 'C:\\Program Files\\nodejs\\node.exe',
    cli: "C:\\Program Files\\AgentGuard's\\cli.js",
  });
  assert.match(
    ps,
    /-BinaryPathName '"C:\\Program Files\\nodejs\\node\.exe" "C:\\Program Files\\AgentGuard''s\\cli\.js" service run'/,
  );
  assert.match(ps, /obj= 'NT SERVICE\\AgentGuard'/);
  assert.equal(serviceUnitFile('linux', ''), '/etc/systemd/system/agentguard.service');
});

test('snapshot requests: a keep declares its size within the bound, a get names a snapshot id', () => {
  assert.deepEqual(parseServiceRequest('{"op":"snapshot.keep","bytes":1200}'), { op: 'snapshot.keep', bytes: 1200 });
  assert.deepEqual(parseServiceRequest('{"op":"snapshot.list"}'), { op: 'snapshot.list' });
  assert.deepEqual(parseServiceRequest('{"op":"snapshot.get","id":"20261123T235851Z-9c06b1"}'), {
    op: 'snapshot.get',
    id: '20261123T235851Z-9c06b1',
  });
  assert.deepEqual(
    parseServiceRequest(
      '{"op":"snapshot.restored","id":"20261123T235851Z-9c06b1","door":"editor","changes":["/srv/a"]}',
    ),
    { op: 'snapshot.restored', id: '20261123T235851Z-9c06b1', door: 'editor', changes: ['/srv/a'] },
  );
  for (const bad of [
    '{"op":"snapshot.keep"}',
    '{"op":"snapshot.keep","bytes":0}',
    `{"op":"snapshot.keep","bytes":${200 * 1024 * 1024}}`,
    '{"op":"snapshot.get"}',
    '{"op":"snapshot.get","id":"../../etc/passwd"}',
  ])
    assert.ok('error' in parseServiceRequest(bad), bad);
  assert.equal(parseServiceReply(`{"ok":true,"bytes":${200 * 1024 * 1024}}`), undefined, 'more than the bound');
  assert.deepEqual(parseServiceReply('{"ok":true,"bytes":5}'), { ok: true, bytes: 5 });
});

test('an approval says how long the editor still waits, and what the password prompt shows, in parts; malformed, refused', () => {
  const d = 'a'.repeat(64);
  const asked = {
    host: 'claude',
    kind: 'shell',
    reason: 'force-pushes main',
    target: 'origin/main',
    text: 'git push -f',
  };
  assert.deepEqual(
    parseServiceRequest(JSON.stringify({ op: 'approval', digest: d, decision: 'allow', asked, waitMs: 41_000 })),
    { op: 'approval', digest: d, decision: 'allow', asked, waitMs: 41_000 },
  );
  for (const bad of [
    { waitMs: -1 },
    { waitMs: 1.5 },
    { waitMs: 11 * 60_000 },
    { waitMs: '40000' },
    { asked: 'git push' },
    { asked: { ...asked, text: 'x'.repeat(2001) } },
    { asked: { ...asked, host: undefined } },
    { asked: { ...asked, reason: 7 } },
  ])
    assert.ok(
      'error' in parseServiceRequest(JSON.stringify({ op: 'approval', digest: d, decision: 'allow', ...bad })),
      JSON.stringify(bad),
    );
});
