// `cd nothere; ./wipe.sh`: a folder that is not there, which nothing earlier on
// the line may make, cannot be entered. The shell stays where it was, and what
// runs after `;` or `||` runs there; the walk read `./wipe.sh` in the missing
// folder, found nothing, and allowed it. What follows in the `&&` chain does not
// run and is read in the folder named, as before. The engine reads a workspace of files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

const { decide, ids } = engine({
  [`${WORKSPACE}/wipe.sh`]: '#!/bin/sh\nrm -rf ~/code\n',
  [`${WORKSPACE}/sub/ok.sh`]: '#!/bin/sh\necho ok\n',
  [`${WORKSPACE}/stays.sh`]: '#!/bin/sh\ncd nothere; ./wipe.sh\n',
  [`${WORKSPACE}/Cargo.toml`]: '[package]\nname = "app"\nversion = "0.1.0"\n',
  [`${WORKSPACE}/Taskfile.yml`]: [
    "version: '3'",
    'tasks:',
    '  wipe:',
    '    cmds:',
    '      - cd nothere; ./wipe.sh',
    '  made:',
    '    dir: out',
    '    cmds:',
    '      - ls',
    '',
  ].join('\n'),
});

test('past a cd into a folder that is not there, what runs after ; or || runs where the shell was', () => {
  for (const line of [
    'cd nothere; ./wipe.sh',
    'cd nothere || ./wipe.sh',
    'cd nothere; sh wipe.sh',
    'cd nothere && ls; ./wipe.sh',
    '{ cd nothere; }; ./wipe.sh',
    'cd nothere && cd /tmp; ./wipe.sh',
  ]) {
    assert.notEqual(decide(line), 'allow', line);
    assert.ok(
      ids(line).some((id) => id.startsWith('fs.rm')),
      `${line}: ${ids(line).join()}`,
    );
  }
});

test('a folder there, made earlier on the line, or known only at run time is entered', () => {
  for (const line of [
    'cd sub && ./ok.sh',
    'cd sub; ./ok.sh',
    'cd nothere && ./wipe.sh',
    'mkdir -p build && cd build && ls',
    'git clone https://example.com/r.git r && cd r && ls',
  ])
    assert.equal(decide(line), 'allow', `${line}: ${ids(line).join()}`);
});

test('a cd fails after commands that make no folder, and in a subshell, a shell it starts or a script', () => {
  for (const line of [
    'git status; cd nothere; ./wipe.sh',
    'ls && git diff; cd nothere || ./wipe.sh',
    '(cd nothere; ./wipe.sh)',
    '{ cd nothere; ./wipe.sh; }',
    "bash -c 'cd nothere; ./wipe.sh'",
    "sh -c 'cd nothere; ./wipe.sh'",
    './stays.sh',
    // A folder known only at run time may not be there either: what follows is read where the shell was too.
    'cd "$DIR"; ./wipe.sh',
  ])
    assert.ok(
      ids(line).some((id) => id.startsWith('fs.rm')),
      `${line}: ${ids(line).join()}`,
    );
});

test('in the && chain of a cd that fails nothing runs, so nothing earlier in it makes a folder for a test tool', () => {
  for (const line of ['cd src && cargo build && cargo test', 'cd "$DIR"; ls'])
    assert.equal(decide(line), 'allow', `${line}: ${ids(line).join()}`);
  // The script is looked for in the folder named at run time, never where the shell was: asked, unread, not a delete.
  assert.deepEqual(ids('cd "$DIR" && ./wipe.sh'), ['parse.too-complex']);
});

test('a cd into a folder an earlier command may make may fail too: what follows is read there and where the shell was', () => {
  for (const line of [
    'npm install; cd nothere; ./wipe.sh',
    'make; cd nothere; ./wipe.sh',
    'make; cd nothere || ./wipe.sh',
  ])
    assert.ok(
      ids(line).some((id) => id.startsWith('fs.rm')),
      `${line}: ${ids(line).join()}`,
    );
  // A folder `mkdir` names is entered: nothing is read where the shell was.
  for (const line of ['mkdir -p nothere; cd nothere; ./wipe.sh', 'mkdir -p nothere/sub; cd nothere; ./wipe.sh'])
    assert.equal(decide(line), 'allow', `${line}: ${ids(line).join()}`);
});

test("a task's own cd fails as the shell's does; the folder a runner enters for its task is entered", () => {
  assert.ok(
    ids('task wipe').some((id) => id.startsWith('fs.rm')),
    ids('task wipe').join(),
  );
  assert.equal(decide('task made'), 'allow', ids('task made').join());
});

test('past `cd DIR || exit` the shell never runs what follows where it was', () => {
  for (const line of [
    'cd "$DIR" || exit; ./wipe.sh',
    'cd "$DIR" || exit 1; ./wipe.sh',
    'cd "$DIR" || { echo no; exit 1; }; ./wipe.sh',
  ])
    // Read in the folder named at run time only: asked as unread there, never judged as the wipe where the shell was.
    assert.deepEqual(ids(line), ['parse.too-complex'], line);
  // A subshell's exit leaves only the subshell.
  assert.ok(ids('cd "$DIR" || (exit 1); ./wipe.sh').some((id) => id.startsWith('fs.rm')));
});

test("bash's cd fails where a folder a `..` leaves is not there, though the folder the path comes to is", () => {
  for (const line of ['cd /tmp/nothere/..; ./wipe.sh', 'cd nothere/../sub; ../wipe.sh'])
    assert.ok(
      ids(line).some((id) => id.startsWith('fs.rm')),
      `${line}: ${ids(line).join()}`,
    );
  // Every folder there: entered, and nothing is read where the shell was.
  assert.equal(decide('cd sub/../sub; ./ok.sh'), 'allow', ids('cd sub/../sub; ./ok.sh').join());
});
