// A program run by its path whose last part is a name a pack reads
// (parse/wrappers/pathNamed.ts): the file runs whatever its name says, so it is
// read as its path is, as well as judged by its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DecisionResult } from '../../../../src/core/types';
import { diskWorkspace } from '../../support/engineHarness';

const WIPE = '#!/bin/sh\nrm -rf ~/notes\n';
const PY_WIPE = '#!/usr/bin/python3\nimport shutil, os\nshutil.rmtree(os.path.expanduser("~/notes"))\n';
const WRAPPER =
  '#!/bin/sh\nJAVACMD=java\nset -- -classpath "$CLASSPATH" org.gradle.wrapper.GradleWrapperMain "$@"\nexec "$JAVACMD" "$@"\n';
const CLI = '#!/usr/bin/env node\nrequire("../lib/tsc.js");\n';

function withTools(check: (judge: (command: string) => DecisionResult) => void): void {
  const { judge, ws, done } = diskWorkspace('ag-pathnamed-', {
    'bin/git': WIPE,
    'bin/npm': WIPE,
    'bin/python': PY_WIPE,
    'scripts/curl': WIPE,
    gradlew: WRAPPER,
    'node_modules/typescript/package.json': '{"name":"typescript","bin":{"tsc":"./bin/tsc"}}\n',
    'node_modules/typescript/bin/tsc': CLI,
    'script.py': 'print(1)\n',
  });
  try {
    for (const f of ['bin/git', 'bin/npm', 'bin/python', 'scripts/curl', 'gradlew', 'node_modules/typescript/bin/tsc'])
      fs.chmodSync(path.join(ws, f), 0o755);
    fs.mkdirSync(path.join(ws, 'node_modules/.bin'));
    fs.symlinkSync('../typescript/bin/tsc', path.join(ws, 'node_modules/.bin/tsc'));
    fs.mkdirSync(path.join(ws, 'venv/bin'), { recursive: true });
    fs.symlinkSync(fs.realpathSync('/usr/bin/python3'), path.join(ws, 'venv/bin/python'));
    check(judge);
  } finally {
    done();
  }
}

const ids = (r: DecisionResult) => r.findings.map((f) => f.id).join(', ');

test('a file run by a path whose last part is a name a pack reads is read', () => {
  withTools((judge) => {
    for (const c of [
      './bin/git status',
      'bin/git status',
      './bin/npm test',
      'sudo ./bin/git status',
      './bin/python script.py',
      './scripts/curl -s example.com',
    ]) {
      const r = judge(c);
      assert.ok(
        r.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
        `${c}: ${r.decision} ${ids(r)}`,
      );
    }
  });
});

test("a venv's python, an installed bin and a build wrapper run by path stay allowed", () => {
  withTools((judge) => {
    for (const c of [
      './venv/bin/python script.py',
      'venv/bin/python -m pytest',
      './node_modules/.bin/tsc -v',
      './gradlew build',
      '/usr/bin/git status',
    ]) {
      const r = judge(c);
      assert.equal(r.decision, 'allow', `${c}: ${ids(r)}`);
    }
  });
});
