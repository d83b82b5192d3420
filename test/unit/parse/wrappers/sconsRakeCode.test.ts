// Code a build tool runs that nothing read: scons runs its SConstruct as Python on every call, and `rake -e CODE`
// (`--execute`, `-p`, `-E`) runs CODE as Ruby. `scons` with a SConstruct deleting ~/notes, and
// `rake -e 'FileUtils.rm_rf(Dir.home)'`, were allowed; each is read as the code it runs now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAskedFor, engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

const WIPE = 'import shutil\nshutil.rmtree("/home/dev/notes")\n';

test('scons runs its SConstruct as Python, the one -f names, from the folder -C names', () => {
  const { judge } = engine({
    [`${WORKSPACE}/SConstruct`]: WIPE,
    [`${WORKSPACE}/other.py`]: WIPE,
    [`${WORKSPACE}/sub/sconstruct`]: WIPE,
  });
  assertAskedFor(
    judge,
    ['scons', 'scons -n', 'scons -f other.py', 'scons --file=other.py', 'scons -C sub', 'scons --directory=sub'],
    (f) => f.id === 'fs.rm-outside-workspace',
  );
  assert.equal(judge('scons -f "$F"').decision, 'ask');
});

test('a SConstruct that builds, and no SConstruct at all, stay quiet', () => {
  const { decide } = engine({ [`${WORKSPACE}/SConstruct`]: "env = Environment()\nenv.Program('app', ['a.c'])\n" });
  assert.equal(decide('scons'), 'allow');
  assert.equal(engine().decide('scons'), 'allow');
});

test('rake -e runs its code as Ruby, with the tasks after -E', () => {
  const { judge } = engine();
  assertAskedFor(
    judge,
    [
      `rake -e 'FileUtils.rm_rf(Dir.home + "/notes")'`,
      `rake --execute 'system("rm -rf ~/notes")'`,
      `rake -p 'FileUtils.rm_rf(Dir.home + "/notes")'`,
      `rake -E 'FileUtils.rm_rf(Dir.home + "/notes")' test`,
      `rake --execute='FileUtils.rm_rf(Dir.home + "/notes")'`,
    ],
    (f) => f.id === 'fs.rm-outside-workspace',
  );
  assert.equal(judge('rake -e "$CODE"').decision, 'ask');
  assert.equal(judge(`rake -e 'puts RUBY_VERSION'`).decision, 'allow');
});
