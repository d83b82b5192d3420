// Rebuilding, reinstalling, reimaging or restoring over a machine erases its disk: judged as the deletion of
// that disk, by the CLI's own deletion finding, and by the HTTP pack when the same action is a REST path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('CLI rebuilds, reinstalls, reimages and restores of a machine ask as deletions of its disk', () => {
  const { decide, ids } = engine();
  const cases: [string, string][] = [
    ['hcloud server rebuild web-1 --image ubuntu-24.04', 'cloud.hcloud-delete'],
    ['doctl compute droplet-action rebuild 123 --image ubuntu-24-04-x64', 'cloud.doctl-delete'],
    ['doctl compute droplet-action restore 123 --image-id 9', 'cloud.doctl-delete'],
    ['az vm reimage -g rg -n vm', 'cloud.az-delete'],
    ['az vmss reimage -g rg -n pool', 'cloud.az-delete'],
    ['linode-cli linodes rebuild 123 --image linode/ubuntu24.04 --root_pass x', 'cloud.linode-delete'],
    ['vultr-cli instance reinstall abc', 'cloud.vultr-delete'],
    [
      'aws ec2 create-replace-root-volume-task --instance-id i-1 --snapshot-id snap-1 --delete-replaced-root-volume',
      'cloud.aws-data-delete',
    ],
  ];
  for (const [c, id] of cases) {
    assert.equal(decide(c), 'ask', c);
    assert.ok(ids(c).includes(id), `${c}: ${ids(c).join(',')}`);
  }
});

test('REST rebuild and reinstall actions on a server ask', () => {
  const { decide, ids } = engine();
  for (const c of [
    `curl -X POST https://api.hetzner.cloud/v1/servers/1/actions/rebuild -d '{"image":"ubuntu-24.04"}'`,
    'curl -X POST https://api.vultr.com/v2/instances/abc/reinstall',
    'curl -X POST https://api.vultr.com/v2/bare-metals/abc/reinstall',
  ]) {
    assert.equal(decide(c), 'ask', c);
    assert.ok(ids(c).includes('http.destructive-action'), `${c}: ${ids(c).join(',')}`);
  }
});

test('looking at, creating, rebooting machines and rebuilding what is not a machine stay allowed', () => {
  const { decide } = engine();
  for (const c of [
    'hcloud server list',
    'hcloud server describe web-1',
    'hcloud server create --name rebuild-box --image ubuntu-24.04 --type cx22',
    'hcloud server reboot web-1',
    'doctl compute droplet list',
    'doctl compute droplet-action reboot 123',
    'doctl compute droplet-action snapshot 123 --snapshot-name s1',
    'doctl compute droplet get rebuild-me',
    'az vm show -g rg -n vm',
    'az vm restart -g rg -n vm',
    'linode-cli linodes view 123',
    'vultr-cli instance list',
    'aws ec2 describe-instances',
    'aws ec2 create-replace-root-volume-task --instance-id i-1 --snapshot-id snap-1',
    'aws ec2 create-replace-root-volume-task --instance-id i-1 --no-delete-replaced-root-volume',
    'curl https://api.hetzner.cloud/v1/servers',
    'curl -X POST https://api.hetzner.cloud/v1/servers/1/actions/reboot',
    'curl -X PUT https://api.buildkite.com/v2/organizations/o/pipelines/p/builds/1/rebuild',
    'curl -X POST https://api.example.com/v1/search/index/rebuild',
    'npm rebuild',
    'heroku builds:rebuild',
  ]) {
    assert.equal(decide(c), 'allow', c);
  }
});
