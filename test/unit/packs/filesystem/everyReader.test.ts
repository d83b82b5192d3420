// The filesystem pack judges every program the effects module reads a file effect from (effects/index.ts), not a
// list of its own: a program missing from such a list had its writes to system files, credentials and data files
// allowed, and a volume tool whose output was redirected was never judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../../support/engineHarness';

const { judge } = engine();

const gated = (command: string, id: string, decision: 'ask' | 'deny' = 'ask') =>
  assertGated(judge, command, id, decision);

test('a program the effects module reads, writing a credential, a system file or a data file, is gated', () => {
  gated('echo ssh-ed25519 AAAA x | sponge ~/.ssh/authorized_keys', 'fs.write-credential');
  gated('cat k | sponge -a ~/.ssh/authorized_keys', 'fs.write-credential');
  gated('echo x | sponge /etc/passwd', 'fs.write-system');
  gated('shuf -o /etc/hosts hosts.txt', 'fs.write-system');
  gated('zstd -d backup.zst -o /etc/passwd', 'fs.write-system');
  gated('brotli -d keys.br -o ~/.ssh/authorized_keys', 'fs.write-credential');
  gated('exiftool -o ~/.ssh/authorized_keys photo.jpg', 'fs.write-credential');
  gated('mknod /dev/sda2 b 8 2', 'fs.write-device', 'deny');
});

test('a volume tool is judged whatever its output is redirected to', () => {
  gated('lvremove -f vg0/data >/dev/null 2>&1', 'fs.volume-destroy');
  gated('zfs destroy -r tank/data 2>/dev/null', 'fs.volume-destroy');
  gated('lvremove -f vg0/data', 'fs.volume-destroy');
});

test('a program judged by its own pack is judged here for where its output is redirected', () => {
  gated('git log > /etc/passwd', 'fs.write-system');
  gated('git log >> ~/.ssh/authorized_keys', 'fs.write-credential');
  // Its own effects stay its pack's: one finding, not a second from here.
  assert.deepEqual(
    judge('git restore src').findings.map((f) => f.id),
    ['git.restore-discard'],
  );
});

test('the same programs writing inside the project stay quiet', () => {
  for (const command of [
    'sort names.txt | sponge names.txt',
    'mknod fifo p',
    'shuf -o shuffled.txt lines.txt',
    'zstd -d data.csv.zst -o data.csv',
    'brotli -d bundle.js.br -o dist/bundle.js',
    'exiftool -o out/photo.jpg -all= photo.jpg',
    'trash-put build/',
    'git log > changes.txt',
    'lvs >/dev/null 2>&1',
    'rclone move data/old remote:archive',
    'bwrap --ro-bind / / --dev /dev --tmpfs /tmp ls -la',
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
});
