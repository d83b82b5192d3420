// ssh-keygen replaces the key at `-f FILE` only when its overwrite prompt is answered, which a command without a
// terminal does on stdin; a new key written without an answer, and every reading mode, stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../support/engineHarness';

const { judge } = engine();

test('a key generated with its overwrite prompt answered on stdin writes the key and its .pub', () => {
  for (const command of [
    "ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519 -N '' <<< y",
    "echo y | ssh-keygen -q -t rsa -b 4096 -f ~/.ssh/id_rsa -N ''",
    "yes | ssh-keygen -qt ed25519 -N ''",
    "ssh-keygen -t ecdsa -f~/.ssh/id_ecdsa -N '' < answers.txt",
  ])
    assertGated(judge, command, 'fs.write-credential', 'ask');
  // With no -f, the key written is the type's default file.
  assert.match(judge("yes | ssh-keygen -t ed25519-sk -N ''").findings[0]?.target ?? '', /\.ssh\/id_ed25519_sk/);
});

test('a new key without an answer, a key in the project, and the modes that read a key stay quiet', () => {
  for (const command of [
    'ssh-keygen -t ed25519 -C dev@example.com -f ~/.ssh/id_ed25519_work -N ""',
    "ssh-keygen -t ed25519 -f ./deploy_key -N '' <<< y",
    "ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519 -N '' < /dev/null",
    'echo y | ssh-keygen -y -f ~/.ssh/id_rsa',
    'ssh-keygen -lf ~/.ssh/id_ed25519.pub <<< y',
    'echo y | ssh-keygen -R github.com',
    'cat key.pub | ssh-keygen -l -f -',
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
});
