// A script named by a pattern (`bash scripts/*.sh`, a loop over one, `find … -exec bash {} \;`) runs the files the
// pattern matches on disk: each is read as `bash FILE` reads one (scriptGlobs.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace, judgedOnDisk } from '../../support/engineHarness';

const FORMS = [
  'bash scripts/*.sh',
  'sh scripts/*.sh',
  'for f in scripts/*.sh; do bash "$f"; done',
  'find scripts -name "*.sh" -exec bash {} \\;',
  'python3 tools/*.py',
];

test('every script a pattern matches is read', () => {
  judgedOnDisk(
    'script-globs-',
    {
      'scripts/a.sh': 'echo building\n',
      'scripts/b.sh': 'rm -rf ~\n',
      'tools/a.py': 'print(1)\n',
      'tools/z.py': 'import shutil, os\nshutil.rmtree(os.path.expanduser("~"))\n',
    },
    FORMS,
    'gate',
  );
});

test('harmless scripts matched by a pattern stay quiet', () => {
  judgedOnDisk(
    'script-globs-quiet-',
    { 'scripts/a.sh': 'echo building\n', 'scripts/b.sh': 'ls -la\n', 'tools/a.py': 'print(1)\n' },
    [...FORMS, 'bash scripts/none*.sh'],
    'allow',
  );
});

test('a pattern matching more scripts than are read asks', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 20; i++) files[`scripts/s${i}.sh`] = 'echo ok\n';
  const { judge, done } = diskWorkspace('script-globs-many-', files);
  try {
    const r = judge('for f in scripts/*.sh; do bash "$f"; done');
    assert.equal(r.decision, 'ask');
    assert.ok(r.findings.some((f) => f.id === 'parse.too-complex'));
  } finally {
    done();
  }
});
