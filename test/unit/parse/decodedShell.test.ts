// An inline program that hands decoded text to a shell (`os.system(base64.b64decode(…))`, `execSync(atob(…))`,
// `system(pack("H*", …))`) runs a command nobody can read before it runs, as an eval of decoded code does: both ask
// as obfuscated. A program's own bytes decoded (`line.decode()`) or the `base64` program run by name are no decoding
// of the command. rimraf reached through `require('rimraf')` or `rimrafSync` is read as the delete it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, engine } from '../support/engineHarness';

const { judge } = engine();

test('decoded text handed to a shell is obfuscated code', () => {
  for (const command of [
    `python3 -c "import os,base64; os.system(base64.b64decode('cm0gLXJmIH4=').decode())"`,
    `python3 -c "import subprocess,base64; subprocess.run(base64.b64decode('cm0gLXJmIH4='), shell=True)"`,
    `python3 -c "import os; os.system(bytes.fromhex('726d202d7266207e').decode())"`,
    `node -e "require('child_process').execSync(Buffer.from('cm0gLXJmIH4=','base64').toString())"`,
    `node -e "require('child_process').execSync(atob('cm0gLXJmIH4='))"`,
    `perl -e 'system(pack("H*","726d202d7266207e"))'`,
    `ruby -e 'system(["726d202d7266207e"].pack("H*"))'`,
  ])
    assertGated(judge, command, 'exec.obfuscated-code', 'ask');
});

test('bytes decoded for a shell call, and the base64 program run by name, are not obfuscation', () => {
  for (const command of [
    `python3 -c "import subprocess; subprocess.run(b'ls -la'.decode().split())"`,
    `python3 -c "import subprocess; print(subprocess.check_output(['git','status']).decode())"`,
    `python3 -c "import subprocess; subprocess.run(['base64', '-d', 'notes.b64'])"`,
    `node -e "console.log(Buffer.from('aGk=','base64').toString())"`,
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
});

test("rimraf reached through require('rimraf') or rimrafSync deletes what it is given", () => {
  for (const command of [
    `node -e "require('rimraf').sync(require('os').homedir())"`,
    `node -e "const {rimrafSync} = require('rimraf'); rimrafSync(require('os').homedir())"`,
  ])
    assertGated(judge, command, 'fs.rm-home', 'deny');
  assert.equal(judge(`node -e "require('rimraf').sync('dist')"`).decision, 'allow');
});
