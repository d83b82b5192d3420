// Tools that write through their own syntax: split's pieces named from a
// prefix, lftp's local deletions (`mirror --delete`, `rm -r` before any
// `open`), bubblewrap's mount points (what a program inside reads there), and
// an extractor's member renames (`pax -s`, `tar --transform`, bsdtar `-s`)
// that move what lands below another folder. Each reaching a protected place
// asks; the everyday forms stay quiet.
import { test } from 'node:test';
import { judgedOnDisk } from '../support/engineHarness';

const project = { 'src/index.ts': 'export const x = 1;\n', 'big.log': 'x\n' };

test('pieces, mounts and renamed members that land in a protected place ask', () => {
  judgedOnDisk(
    'ag-ownsyntax-',
    project,
    [
      'split -b 1M /tmp/x ~/.bashrc',
      'split -l 10 /tmp/x ~/.bashrc.d/',
      'csplit -f ~/.zshrc /tmp/x 10',
      'bwrap --bind / / --tmpfs ~/.agentguard bash',
      'bwrap --dev-bind / / --ro-bind /tmp/empty.json ~/.claude/settings.json claude -p hi',
      "pax -r -f x.tar -s ',^,.git/hooks/,'",
      "pax -r -s ',^,../../.bashrc.d/,' < x.tar",
      "tar -xf x.tar --transform 's,^,.git/hooks/,'",
      "bsdtar -xf x.tar -s ',^,.claude/,'",
      "lftp -c 'mirror -R --delete /tmp/empty ~/.agentguard'",
      "lftp -c 'rm -r ~/.agentguard'",
      "lftp -c 'open ftp.example.com; mirror --delete /pub/x ~/.agentguard'",
      "lftp -e 'mirror -Re /tmp/empty .claude; quit'",
    ],
    'gate',
    { git: true },
  );
});

test('pieces, mounts and renames inside the project stay quiet', () => {
  judgedOnDisk(
    'ag-ownsyntax-',
    project,
    [
      'split -b 1M big.log part_',
      'split -l 1000 big.log data/chunk_',
      'csplit -f part_ big.log 10',
      'bwrap --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --bind "$PWD" "$PWD" npm test',
      'bwrap --ro-bind /usr /usr --symlink usr/lib64 /lib64 --proc /proc --dev /dev --unshare-pid bash',
      'bwrap --bind / / --tmpfs /tmp --setenv A b --chdir src npm test',
      'pax -r -f x.tar',
      "pax -r -f x.tar -s ',^,vendor/,'",
      "tar -xf x.tar --transform 's,^pkg/,vendor/pkg/,'",
      "lftp -c 'open ftp.example.com; mirror -R --delete dist /www'",
      "lftp -c 'open ftp.example.com; mirror --delete /pub/site ./site'",
      "lftp sftp://h -e 'rm -r /www/old; quit'",
    ],
    'allow',
    { git: true },
  );
});
