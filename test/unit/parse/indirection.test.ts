// Indirection: Makefile targets are read like package.json scripts, and a
// file (or script) written earlier on the line is judged when it is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { parseMakefile } from '../../../src/core/parse/makefile';
import { HOME, WORKSPACE } from '../support/helpers';

const FILES: Record<string, string> = {
  [`${WORKSPACE}/Makefile`]: [
    'VOLUME ?= pgdata',
    '.PHONY: all test purge reset-db',
    'all: build',
    'build:',
    '\t@npm run build',
    'test:',
    '\tnpm test',
    'clean-cache:',
    '\trm -rf ~/backups',
    'purge: clean-cache',
    '\t-docker volume rm $(VOLUME)',
    'reset-db:',
    '\t$(MAKE) -C db drop',
    '',
  ].join('\n'),
  [`${WORKSPACE}/db/Makefile`]: 'drop:\n\tdropdb acme\nlist:\n\tpsql -l\n',
  [`${WORKSPACE}/ops/release.mk`]: 'ship:\n\tgit push --force origin main\nnotes:\n\tgit log --oneline -5\n',
};
const opts: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/bin:/bin' },
  readFile: (p, cwd) => FILES[path.resolve(cwd, p)],
};
const decision = (command: string) => evaluate({ command }, opts).decision;

test('make TARGET runs the recipes of the target and of what it depends on', () => {
  for (const c of [
    'make purge',
    'make clean-cache',
    'make -C db drop',
    'make --directory=db drop',
    'make reset-db',
    'make -f ops/release.mk ship',
    'make VOLUME=prod-data purge',
  ]) {
    assert.notEqual(decision(c), 'allow', c);
  }
  for (const c of [
    'make',
    'make build',
    'make test',
    'make -C db list',
    'make -f ops/release.mk notes',
    'make -n purge',
    'make unknown-target',
  ]) {
    assert.equal(decision(c), 'allow', c);
  }
});

test('the Makefile reader keeps targets, dependencies, recipes and simple variables', () => {
  const mk = parseMakefile(FILES[`${WORKSPACE}/Makefile`]);
  assert.equal(mk.first, 'all');
  assert.deepEqual(mk.rules.get('purge'), { deps: ['clean-cache'], recipe: ['-docker volume rm $(VOLUME)'] });
  assert.equal(mk.vars.get('VOLUME'), 'pgdata');
});

test('write-then-run on one line is judged as the run of what was written', () => {
  for (const c of [
    "echo 'git push --force origin main' > /tmp/p.sh && bash /tmp/p.sh",
    "printf 'rm -rf ~/Documents\\n' > job.sh; sh job.sh",
    'printf \'import shutil\\nshutil.rmtree("/home/dev/photos")\\n\' > t.py && python3 t.py',
    "echo 'dropdb acme' > run.sh; chmod +x run.sh; source run.sh",
    "printf 'wipe:\\n\\trm -rf ~/notes\\n' > /tmp/x.mk && make -f /tmp/x.mk wipe",
    'npm pkg set scripts.zap="git clean -fdx" && npm run zap',
  ])
    assert.notEqual(decision(c), 'allow', c);
  for (const c of [
    "echo 'echo hello' > hi.sh && bash hi.sh",
    "printf 'print(1)\\n' > t.py && python3 t.py",
    'npm pkg set scripts.lint="eslint ." && npm run lint',
  ])
    assert.equal(decision(c), 'allow', c);
});
