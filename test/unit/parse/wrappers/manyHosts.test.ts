// pdsh, pssh, clush, Salt and `knife ssh` run one shell line on many hosts:
// the line is judged as ssh's is, with the same findings, and a host list or
// target named for production makes a production target. Salt's
// `cmd.script salt://PATH` is read from the file root when it can be, and
// asks when it cannot. Option values are never taken for the line. The
// engine as the hook runs it, over files held in memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const WIPE = "'rm -rf /var/lib/postgresql'";

const sorted = (ids: readonly string[]): string[] => [...new Set(ids)].sort();

test('a destructive line run on many hosts is judged as ssh judges it', () => {
  const { judge } = engine();
  const ssh = judge(`ssh web1 ${WIPE}`);
  assert.notEqual(ssh.decision, 'allow');
  for (const command of [
    `pdsh -w web[1-4] ${WIPE}`,
    `pdsh -a ${WIPE}`,
    'pdsh -g webservers rm -rf /var/lib/postgresql',
    `pssh -h hosts.txt -i ${WIPE}`,
    `parallel-ssh -H 'web1 web2' ${WIPE}`,
    `clush -w node[1-9] -b ${WIPE}`,
    `clush -a ${WIPE}`,
    `salt '*' cmd.run ${WIPE}`,
    `salt 'web*' cmd.run_all ${WIPE} runas=root`,
    `salt '*' cmd.shell cmd=${WIPE}`,
    `salt-ssh web1 cmd.run ${WIPE}`,
    `salt-ssh '*' -r ${WIPE}`,
    `salt-call cmd.run ${WIPE}`,
    `knife ssh 'role:web' ${WIPE} -x ubuntu`,
  ]) {
    const r = judge(command);
    assert.equal(r.decision, ssh.decision, command);
    assert.deepEqual(sorted(r.findings.map((f) => f.id)), sorted(ssh.findings.map((f) => f.id)), command);
  }
});

test('a host list or target named for production is a production target, as an ssh host is', () => {
  const { judge } = engine();
  const ssh = judge(`ssh db-prod1 ${WIPE}`);
  const pdsh = judge(`pdsh -w db-prod1 ${WIPE}`);
  assert.ok(pdsh.environment.production, JSON.stringify(pdsh.environment));
  assert.deepEqual(sorted(pdsh.findings.map((f) => f.id)), sorted(ssh.findings.map((f) => f.id)));
  for (const command of [
    'pdsh -w web1,db-prod[1-3] uptime',
    'pdsh -Sw web-prod[1-2] uptime',
    "parallel-ssh -H 'web1 prod-db1' -i uptime",
    'pssh -h hosts-production.txt uptime',
    'clush -g prod uptime',
    "salt -G 'env:prod' cmd.run uptime",
    "salt -L 'web1,live-db' cmd.run uptime",
    "knife ssh 'chef_environment:production' uptime",
  ])
    assert.ok(judge(command).environment.production, command);
  for (const command of ['pdsh -w web[1-2] uptime', "salt -G 'env:staging' cmd.run uptime", 'clush -g web uptime'])
    assert.ok(!judge(command).environment.production, command);
});

test('a harmless line on many hosts, and a call that runs no line, stay allowed', () => {
  const { decide } = engine();
  for (const command of [
    'pdsh -w web[1-2] uptime',
    "pssh -h hosts.txt -i 'df -h'",
    'clush -a df -h',
    'clush -w node[1-4] -c /etc/hosts --dest /etc',
    "salt '*' test.ping",
    "salt '*' cmd.run 'systemctl status nginx'",
    'salt-call grains.items',
    "knife ssh 'role:web' uptime",
    "knife ssh 'role:web' interactive",
  ])
    assert.equal(decide(command), 'allow', command);
});

test("Salt's cmd.script reads its salt:// file from the file root, and asks about one it cannot read", () => {
  const { judge, decide } = engine({
    '/srv/salt/scripts/wipe.sh': '#!/bin/sh\nrm -rf /var/lib/postgresql\n',
    '/srv/salt/scripts/status.sh': '#!/bin/sh\nuptime\ndf -h\n',
  });
  const wipe = judge("salt '*' cmd.script salt://scripts/wipe.sh");
  assert.notEqual(wipe.decision, 'allow');
  assert.ok(
    wipe.findings.some((f) => f.id === 'fs.rm-system' && f.target === '/var/lib/postgresql'),
    JSON.stringify(wipe.findings),
  );
  assert.ok(judge('salt-call cmd.script source=salt://scripts/wipe.sh').findings.some((f) => f.id === 'fs.rm-system'));
  assert.equal(decide("salt '*' cmd.script salt://scripts/status.sh"), 'allow');
  for (const command of [
    "salt '*' cmd.script salt://scripts/missing.sh",
    "salt '*' cmd.script https://example.com/setup.sh",
    "salt '*' cmd.script salt://scripts/status.sh saltenv=dev",
    "salt '*' cmd.script salt://../../etc/shadow",
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'ask', command);
    assert.ok(
      r.findings.some((f) => f.id === 'system.unread-script'),
      `${command}: ${r.findings.map((f) => f.id)}`,
    );
  }
});

test('option values are not taken for the line', () => {
  const { decide, judge } = engine();
  for (const command of [
    'pdsh -w web1 -l rm -u 5 -t 3 -f 8 uptime',
    'pdsh -wrm -R ssh uptime',
    'pssh -H web1 -l rm -p 4 -t 30 -o rm -e rm uptime',
    "pssh -H web1 -x '-o StrictHostKeyChecking=no' uptime",
    'clush -w web1 -l rm -u 5 -f 8 uptime',
    "salt -t 30 --out json -b 10 '*' cmd.run uptime",
    "knife ssh 'role:web' uptime -x rm -a rm -C 4",
  ])
    assert.equal(decide(command), 'allow', command);
  // And the line after the values is the line: none of them swallows it.
  for (const command of [
    `pdsh -l root -w web1 ${WIPE}`,
    `pssh -l root -H web1 -- ${WIPE}`,
    `clush -l root -w web1 ${WIPE}`,
    `knife ssh -x root -C 4 'role:web' ${WIPE}`,
  ])
    assert.ok(
      judge(command).findings.some((f) => f.id === 'fs.rm-system'),
      command,
    );
});
