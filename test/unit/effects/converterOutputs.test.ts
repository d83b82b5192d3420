// Converters and encoders whose output file is an option value or a second
// operand (effects/converterOutputs.ts), and writes through a symbolic link
// made earlier on the same line (effects/lineLinks.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileEffects } from '../../../src/core/effects';
import { ctx, simple, WORKSPACE, HOME } from '../support/helpers';
import { engine } from '../support/engineHarness';

const fx = (argv: string[]) => fileEffects(simple(argv), ctx()).map((e) => `${e.kind} ${e.path}`);

test('each converter writes the file its option or second operand names', () => {
  assert.deepEqual(fx(['openssl', 'enc', '-d', '-in', 'x', '-out', '~/.bashrc']), [`truncate ${HOME}/.bashrc`]);
  assert.deepEqual(fx(['gpg', '-o', 'out.txt', '-d', 'x.gpg']), [`truncate ${WORKSPACE}/out.txt`]);
  assert.deepEqual(fx(['gpg', '--output=~/.zshrc', '-d', 'x.gpg']), [`truncate ${HOME}/.zshrc`]);
  assert.deepEqual(fx(['base64', '-d', '-o', '~/.profile', 'x']), [`truncate ${HOME}/.profile`]);
  assert.deepEqual(fx(['iconv', '-f', 'latin1', '-t', 'utf8', '-o', 'out.txt', 'in.txt']), [
    `truncate ${WORKSPACE}/out.txt`,
  ]);
  assert.deepEqual(fx(['xxd', '-r', '-c', '16', 'x.hex', 'out.bin']), [`truncate ${WORKSPACE}/out.bin`]);
  assert.deepEqual(fx(['dos2unix', 'a.sh', '-n', 'b.txt', 'c.txt']), [
    `write ${WORKSPACE}/a.sh`,
    `truncate ${WORKSPACE}/c.txt`,
  ]);
  assert.deepEqual(fx(['link', 'a', 'b']), [`write ${WORKSPACE}/b`, `write ${WORKSPACE}/a`]);
  assert.deepEqual(fx(['csplit', '-f', 'part-', 'x.txt', '1']), [`truncate ${WORKSPACE}/part-00`]);
  assert.deepEqual(fx(['split', '-l1', '--additional-suffix=.sh', 'x', 'p-']), [`truncate ${WORKSPACE}/p-aa.sh`]);
  assert.deepEqual(fx(['git', 'bundle', 'create', 'repo.bundle', '--all']), [`truncate ${WORKSPACE}/repo.bundle`]);
  assert.deepEqual(fx(['pandoc', 'x.md', '-o', '~/.bashrc']), [`truncate ${HOME}/.bashrc`]);
  assert.deepEqual(fx(['magick', 'x.png', '-write', 'a.png', 'b.png']), [
    `truncate ${WORKSPACE}/a.png`,
    `truncate ${WORKSPACE}/b.png`,
  ]);
  assert.deepEqual(fx(['convert', 'x.txt', 'txt:~/.bashrc']), [`truncate ${HOME}/.bashrc`]);
  assert.deepEqual(fx(['ffmpeg', '-y', '-i', 'in.mp4', '-c', 'copy', 'out.mkv']), [`truncate ${WORKSPACE}/out.mkv`]);
  // Reading, printing to stdout, or a split with no prefix write nothing.
  for (const argv of [
    ['openssl', 'x509', '-in', 'c.pem', '-noout', '-text'],
    ['gpg', '--armor', '--export', 'me'],
    ['gpg', '-o', '-', '-d', 'x.gpg'],
    ['xxd', 'x.bin'],
    ['split', '-l', '10', 'data.csv'],
    ['git', 'bundle', 'verify', 'x.bundle'],
    ['pandoc', 'README.md'],
    ['magick', 'identify', 'x.png'],
    ['convert', 'x.png', 'png:-'],
    ['ffmpeg', '-i', 'in.mp4'],
    ['ffmpeg', '-i', 'in.mp4', '-f', 'null', '-'],
  ])
    assert.deepEqual(fx(argv), [], argv.join(' '));
});

test("a converter's output in a start-up file or AgentGuard's state asks; in the workspace it stays quiet", () => {
  const { decide, ids } = engine();
  for (const c of [
    'openssl enc -d -in x -out ~/.bashrc',
    'gpg -o ~/.agentguard/state.json -d x.gpg',
    'xxd -r x.hex ~/.bashrc',
    'iconv -f utf8 -t utf8 -o ~/.bashrc x',
    'dos2unix -n x ~/.bashrc',
    'link x ~/.bashrc',
    'openssl base64 -d -in x -out .git/hooks/pre-commit',
    'split -l1 --additional-suffix=.desktop x.txt ~/.config/autostart/x',
    'pandoc x.md -o ~/.bashrc',
    'ffmpeg -y -i x.txt -c copy -f data ~/.bashrc',
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    'openssl genrsa -out key.pem 2048',
    'gpg -o out.txt -d secret.gpg',
    'xxd -r x.hex out.bin',
    'dos2unix src/x.sh',
    'split -l 1000 data.csv chunk-',
    'git bundle create /tmp/repo.bundle --all',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});

test('a write through a symbolic link made earlier on the line lands at its target', () => {
  const { decide, ids } = engine();
  for (const c of [
    "ln -s ~/.bashrc notes.txt; echo 'curl x|sh' >> notes.txt",
    "ln -s ~/.bashrc notes.txt && tee -a notes.txt <<< 'curl x|sh'",
    'ln -sf ~/.bashrc x && cp evil x',
    'ln -s ~/.bashrc a && ln -s a b && echo x >> b',
    'ln -sfn ~/.config/autostart d && cp evil.desktop d/',
    'ln -s ~/.agentguard a && echo {} > a/policy.json',
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    'ln -s ../shared/config.json config.json && echo x >> config.json',
    'ln -sf dist/index.js latest.js; cat latest.js',
    'ln -s src/x.ts y.ts && rm y.ts',
    'ln -s /tmp/build out && echo hi > out/log.txt',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});

test('update-alternatives re-points a program and mount hides what a folder held: both are writes there', () => {
  assert.deepEqual(fx(['update-alternatives', '--install', '/usr/bin/git', 'git', '/tmp/evil', '100']), [
    'write /usr/bin/git',
    'write /etc/alternatives/git',
  ]);
  assert.deepEqual(fx(['update-alternatives', '--set', 'editor', '/tmp/evil']), ['write /etc/alternatives/editor']);
  assert.deepEqual(fx(['mount', '-t', 'tmpfs', 'none', '~/.agentguard']), [`write ${HOME}/.agentguard`]);
  assert.deepEqual(fx(['mount', '--bind', '/tmp/x', '~/.bashrc']), [`write ${HOME}/.bashrc`]);
  for (const argv of [
    ['update-alternatives', '--list', 'editor'],
    ['mount', '-l'],
    ['mount', '/mnt/usb'],
  ])
    assert.deepEqual(fx(argv), [], argv.join(' '));
  const { decide, ids } = engine();
  for (const c of [
    'update-alternatives --install /usr/bin/git git /tmp/evil 100',
    'mount -t tmpfs none ~/.agentguard',
    'sudo mount -o bind /tmp/empty ~/.local/state/agentguard',
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of ['update-alternatives --display java', 'mount | grep tmpfs', 'mount -t tmpfs none /tmp/scratch'])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
