// A command or code written in the line but encoded (base64, hex) is read as the text it decodes to:
// `os.system(base64.b64decode('cm0gLXJmIH4=').decode())` is `os.system('rm -rf ~')`, and a harmless one stays
// quiet. Text decoded from what is read at run time (a file) stays unknown until it runs, for the sandbox to hold.
// `subprocess.run('CMD', shell=True)` runs CMD in a shell however its keyword is spaced. rimraf reached through
// `require('rimraf')` or `rimrafSync` is read as the delete it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLiterals } from '../../../src/core/parse/decodedLiterals';
import { assertGated, engine } from '../support/engineHarness';

const { judge } = engine();

test('an encoded command or code written in the line is judged as what it decodes to', () => {
  for (const command of [
    `python3 -c "import os,base64; os.system(base64.b64decode('cm0gLXJmIH4=').decode())"`,
    `python3 -c "import subprocess,base64; subprocess.run(base64.b64decode('cm0gLXJmIH4='), shell=True)"`,
    `python3 -c "import os; os.system(bytes.fromhex('726d202d7266207e').decode())"`,
    `python3 -c "exec(__import__('base64').b64decode('aW1wb3J0IG9zOyBvcy5zeXN0ZW0oJ3JtIC1yZiB+Jyk='))"`,
    `node -e "require('child_process').execSync(Buffer.from('cm0gLXJmIH4=','base64').toString())"`,
    `node -e "require('child_process').execSync(atob('cm0gLXJmIH4='))"`,
    `perl -e 'system(pack("H*","726d202d7266207e"))'`,
    `ruby -e 'system(["726d202d7266207e"].pack("H*"))'`,
  ])
    assertGated(judge, command, 'fs.rm-home', 'deny');
  for (const command of [
    `python3 -c "import os,base64; os.system(base64.b64decode('bHMgLWxh').decode())"`,
    `node -e "console.log(Buffer.from('aGVsbG8=','base64').toString())"`,
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
  // Read at run time: nothing on the line says what it runs, so it is asked about as `sh -c "$CMD"` is.
  assertGated(
    judge,
    `python3 -c "import os,base64; os.system(base64.b64decode(open('cmd.b64').read()).decode())"`,
    'parse.unknown-program',
  );
});

test('only literals that decode to text are written out, and the decoding is bounded', () => {
  assert.equal(decodeLiterals(`os.system(base64.b64decode('bHMgLWxh').decode())`), `os.system('ls -la')`);
  // Bytes that are no text (here 0x00 0x01 0x02) are left as the call that decodes them.
  assert.equal(decodeLiterals(`f(base64.b64decode('AAEC'))`), `f(base64.b64decode('AAEC'))`);
  const many = Array.from({ length: 80 }, () => `atob('bHM=')`).join(';');
  assert.equal(decodeLiterals(many).split(`'ls'`).length - 1, 64);
});

test('subprocess.run with shell=True runs its string in a shell, however the keyword is spaced', () => {
  for (const command of [
    `python3 -c "import subprocess; subprocess.run('rm -rf ~', shell=True)"`,
    `python3 -c "import subprocess; subprocess.run('rm -rf ~',  shell = True)"`,
  ])
    assertGated(judge, command, 'fs.rm-home', 'deny');
});

test("rimraf reached through require('rimraf') or rimrafSync deletes what it is given", () => {
  for (const command of [
    `node -e "require('rimraf').sync(require('os').homedir())"`,
    `node -e "const {rimrafSync} = require('rimraf'); rimrafSync(require('os').homedir())"`,
  ])
    assertGated(judge, command, 'fs.rm-home', 'deny');
  assert.equal(judge(`node -e "require('rimraf').sync('dist')"`).decision, 'allow');
});
