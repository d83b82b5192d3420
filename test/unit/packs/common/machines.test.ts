// A local virtual machine deleted with its disk asks, as a docker volume
// removed does: its disk may hold the only copy of what was written inside,
// and a machine that runs containers takes their volumes with it. A local
// runtime is no reason to weigh that down. Stopping, restarting, and deleting
// recoverably or keeping the disk stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const { judge } = engine();

test("deleting a local machine's disks asks, whichever tool runs the machine", () => {
  for (const command of [
    'vagrant destroy -f',
    'vagrant destroy -f web',
    'multipass delete --purge test-vm',
    'multipass purge',
    'virsh undefine --remove-all-storage vm1',
    'virsh -c qemu:///system vol-delete --pool default vm1.qcow2',
    'VBoxManage unregistervm vm1 --delete',
    'limactl delete default',
    'colima delete -f -p work',
    'podman machine rm -f',
    'podman machine reset -f',
    'docker-machine rm -f dev',
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'ask', `${command}: ${r.findings.map((f) => `${f.id}:${f.severity}`).join(',')}`);
    assert.ok(
      r.findings.some((f) => f.id === 'system.vm-disk-delete' && !/runs without asking/.test(f.summary)),
      command,
    );
  }
});

test('stopping, restarting, or deleting a machine while keeping its disk stays quiet', () => {
  for (const command of [
    'vagrant halt',
    'vagrant reload --provision',
    'vagrant destroy --help',
    'multipass delete test-vm',
    'multipass stop --all',
    'virsh undefine vm1',
    'multipass delete --all',
    'VBoxManage unregistervm vm1',
    'VBoxManage controlvm vm1 poweroff',
    'limactl stop default',
    'colima stop',
    'colima restart',
    'podman machine stop',
    'podman machine rm --save-image -f',
    'docker-machine stop dev',
  ]) {
    assert.equal(judge(command).decision, 'allow', command);
  }
});

test("what the machine tools do besides deleting disks is read as any tool's verbs are", () => {
  // Snapshots are backups: deleting one asks, as it did before these tools had their own reading.
  assert.equal(judge('virsh snapshot-delete vm1 snap1').decision, 'ask');
  assert.equal(judge('VBoxManage snapshot vm1 delete s1').decision, 'ask');
});
