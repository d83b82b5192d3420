// moreEffects finds the reader of a program's writes in one table (effects/byName.ts): a program's writes are read
// so exactly when its name has an entry, with no second list of the names to fall out of step. These rows are the
// names the two switches the table replaced (moreEffects' and the converters' it fell back to) had a case for, each
// with a command and the effects read from it under those switches: every name keeps a reader, and every reader
// still reads what it read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EFFECTS_BY_NAME } from '../../../src/core/effects/byName';
import { fileEffects } from '../../../src/core/effects';
import { ctx, simple, WORKSPACE } from '../support/helpers';

const FILES = {
  [`${WORKSPACE}/fix.patch`]: '--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1 +1 @@\n-a\n+b\n',
};

/** The effects of one command, `@` for the workspace. */
function effects(argv: string[]): string[] {
  return fileEffects(simple(argv), ctx(FILES)).map((e) => `${e.kind} ${e.path.replace(WORKSPACE, '@')}`);
}

/** [a command of each name, the effects read from it when a switch case did the reading]. */
const READ: ReadonlyArray<readonly [string[], readonly string[]]> = [
  [['tar', '-cf', 'out.tar', 'src'], ['truncate @/out.tar']],
  [['gtar', '-cf', 'out.tar', 'src'], ['truncate @/out.tar']],
  [['bsdtar', '-cf', 'out.tar', 'src'], ['truncate @/out.tar']],
  [['7z', 'a', 'out.7z', 'src'], ['write @/out.7z']],
  [['7za', 'a', 'out.7z', 'src'], ['write @/out.7z']],
  [['7zr', 'a', 'out.7z', 'src'], ['write @/out.7z']],
  [['7zz', 'a', 'out.7z', 'src'], ['write @/out.7z']],
  [['fallocate', '-l', '1G', 'big.img'], ['write @/big.img']],
  [['find', '.', '-fprint', 'list.txt'], ['truncate @/list.txt']],
  [['gfind', '.', '-fprint', 'list.txt'], ['truncate @/list.txt']],
  [['yq', '-i', '.a = 1', 'conf.yaml'], ['write @/conf.yaml']],
  [['lynx', '-dump', '-cmd_log=log.txt', 'https://e.com'], ['truncate @/log.txt']],
  [['dasel', 'put', '-f', 'conf.json', '-v', '1', 'a'], ['write @/conf.json']],
  [['awk', '-i', 'inplace', '{print}', 'data.txt'], ['write @/data.txt']],
  [['gawk', '-i', 'inplace', '{print}', 'data.txt'], ['write @/data.txt']],
  [['trash-put', 'old.txt'], ['move @/old.txt']],
  [['trash', 'old.txt'], ['move @/old.txt']],
  [['gio', 'trash', 'old.txt'], ['move @/old.txt']],
  [['kioclient', 'move', 'old.txt', 'trash:/'], ['move @/old.txt']],
  [['kioclient5', 'move', 'old.txt', 'trash:/'], ['move @/old.txt']],
  [['kioclient6', 'move', 'old.txt', 'trash:/'], ['move @/old.txt']],
  [['zip', '-r', 'out.zip', 'src'], ['write @/out.zip']],
  [['unzip', 'a.zip', '-d', 'dest'], ['write @/dest']],
  [['aria2c', '-o', 'file.bin', 'https://e.com/f'], ['truncate @/file.bin']],
  [['curl', '-o', 'page.html', 'https://e.com'], ['truncate @/page.html']],
  [['http', '--download', '--output', 'page.html', 'https://e.com'], ['truncate @/page.html']],
  [['https', '--download', '--output', 'page.html', 'e.com'], ['truncate @/page.html']],
  [['xh', '--download', '--output', 'page.html', 'https://e.com'], ['truncate @/page.html']],
  [['xhs', '--download', '--output', 'page.html', 'e.com'], ['truncate @/page.html']],
  [['wget', '-O', 'page.html', 'https://e.com'], ['truncate @/page.html']],
  [['touch', 'new.txt'], ['write @/new.txt']],
  [['lftp', '-c', 'rm -r build'], ['delete @/build']],
  [['robocopy', 'src', 'dest'], ['write @/dest']],
  [['xcopy', 'src', 'dest'], ['write @/dest']],
  [['mkfifo', 'pipe'], ['write @/pipe']],
  [['mknod', 'dev', 'c', '1', '3'], ['write @/dev']],
  [['ed', '-s', 'notes.txt'], ['write @/notes.txt']],
  [['ex', '-sc', 'wq', 'notes.txt'], ['write @/notes.txt']],
  [['red', 'notes.txt'], ['write @/notes.txt']],
  [['vim', '-es', '-c', 'wq', 'notes.txt'], ['write @/notes.txt']],
  [['vi', '-es', '-c', 'wq', 'notes.txt'], ['write @/notes.txt']],
  [['nvim', '--headless', '-c', 'wq', 'notes.txt'], ['write @/notes.txt']],
  [['patch', '-p1', '-i', 'fix.patch'], ['write @/src/app.ts']],
  [['git', 'apply', 'fix.patch'], ['write @/src/app.ts']],
  [['openssl', 'enc', '-in', 'a', '-out', 'b.enc'], ['truncate @/b.enc']],
  [['gpg', '-o', 'out.gpg', '-c', 'a'], ['truncate @/out.gpg']],
  [['gpg2', '-o', 'out.gpg', '-c', 'a'], ['truncate @/out.gpg']],
  [['base64', '-i', 'a', '-o', 'b.b64'], ['truncate @/b.b64']],
  [['gbase64', '-i', 'a', '-o', 'b.b64'], ['truncate @/b.b64']],
  [['iconv', '-f', 'latin1', '-t', 'utf8', '-o', 'out.txt', 'in.txt'], ['truncate @/out.txt']],
  [['xxd', 'in.bin', 'out.hex'], ['truncate @/out.hex']],
  [['dos2unix', 'file.txt'], ['write @/file.txt']],
  [['unix2dos', 'file.txt'], ['write @/file.txt']],
  [['mac2unix', 'file.txt'], ['write @/file.txt']],
  [['unix2mac', 'file.txt'], ['write @/file.txt']],
  [
    ['link', 'a', 'b'],
    ['write @/b', 'write @/a'],
  ],
  [['csplit', '-f', 'part', 'in.txt', '/x/'], ['truncate @/part00']],
  [['split', 'in.txt', 'part'], ['truncate @/partaa']],
  [['pandoc', '-o', 'out.pdf', 'in.md'], ['truncate @/out.pdf']],
  [['convert', 'in.png', 'out.jpg'], ['truncate @/out.jpg']],
  [['magick', 'in.png', 'out.jpg'], ['truncate @/out.jpg']],
  [
    ['update-alternatives', '--install', '/usr/bin/x', 'x', '/opt/x', '1'],
    ['write /usr/bin/x', 'write /etc/alternatives/x'],
  ],
  [['mount', '/dev/sdb1', 'mnt'], ['write @/mnt']],
  [['bwrap', '--bind', '/', '/', '--', 'true'], ['write /']],
  [['ffmpeg', '-i', 'a.mp4', 'b.mp4'], ['truncate @/b.mp4']],
];

test('every program the replaced switches named has a reader in the table', () => {
  const missing = READ.map(([argv]) => argv[0]).filter((name) => typeof EFFECTS_BY_NAME.get(name) !== 'function');
  assert.deepEqual(missing, []);
  assert.equal(new Set(READ.map(([argv]) => argv[0])).size, 65, 'the two switches had 44 and 21 case labels');
});

test("each program's writes are read as the switches read them, and its reader is what reads them", () => {
  for (const [argv, expected] of READ) {
    assert.deepEqual(effects(argv), expected, argv.join(' '));
    // The same words under a name the table lacks write nothing: the row shows the reader at work.
    assert.deepEqual(effects(['zz-unknown', ...argv.slice(1)]), [], argv.join(' '));
  }
});

test('a program the table lacks goes past it, and the writers read before it still are', () => {
  for (const name of ['ls', 'cat', 'rm', 'cp', 'zz-unknown']) assert.equal(EFFECTS_BY_NAME.has(name), false);
  assert.deepEqual(effects(['ls', '-la', 'out.txt']), []);
  assert.deepEqual(effects(['cp', 'a', 'b']), ['write @/b']);
  // scp is read by remoteCopies.ts before the table is asked.
  assert.deepEqual(effects(['scp', 'host:a', 'b']), ['write @/b']);
});
