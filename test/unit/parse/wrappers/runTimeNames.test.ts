// A reader told to read a config, playbook or package named only at run time (`tox -c "$F"`,
// `ansible-playbook "$BOOK"`, `go test "$D/..."`) would run what nobody read, and read the working folder's file in
// its place or nothing: asked (runTimeNames.ts). A playbook's include named by a template is read as every file its
// fixed parts match; one that is all template asks. A script, target or recipe named at run time (`npm run "$S"`,
// `make "$T"`) reads each one the word could name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAskedFor, diskWorkspace, engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

const HARMLESS_TOX = '[tox]\nenvlist = py\n[testenv]\ncommands = pytest\n';

test('a config, playbook or package named only at run time asks', () => {
  const e = engine({ [`${WORKSPACE}/tox.ini`]: HARMLESS_TOX });
  assertAskedFor(
    e.judge,
    [
      'tox -c "$F"',
      'tox --conf "$(cat .toxcfg)" -e py',
      'ansible-playbook "$BOOK"',
      'ansible-playbook -i hosts "${PLAY}"',
      'go test "$D/..."',
      'go test -v ${PKG}',
      'bundle --gemfile "$G" exec rspec',
      'BUNDLE_GEMFILE="$G" bundle exec rspec',
      'foreman start -f "$F"',
      'invoke -c "$M" clean',
      'doit -f "$F"',
      'vite "$D"',
      'cmake -P "$F"',
      'pm2 start "$F"',
      'pip install -e "$D"',
      'python3 -m build "$D"',
    ],
    (f) => f.id === 'parse.too-complex' && !!f.target?.includes('$') && !!f.alternative,
  );
});

test('the same readers with the file named in full, or packages the line lists, stay quiet', () => {
  const e = engine({ [`${WORKSPACE}/tox.ini`]: HARMLESS_TOX });
  for (const c of [
    'tox -c tox.ini',
    'tox',
    'go test $(go list ./... | grep -v mocks)',
    'ansible-playbook -i hosts site.yml',
    'pm2 restart "$APP"',
    'pip install "$PKG"',
  ])
    assert.equal(e.decide(c), 'allow', c);
});

test('a templated include reads each file it could be: a harmful one among them is judged, all-template asks', () => {
  const ws = diskWorkspace('ag-ansible-tpl-', {
    'site.yml': '- hosts: localhost\n  tasks:\n    - include_tasks: "tasks/{{ ansible_os_family }}.yml"\n',
    'tasks/Debian.yml': '- command: uptime\n',
    'tasks/RedHat.yml': '- shell: rm -rf ~/code\n',
    'quiet.yml': '- hosts: localhost\n  tasks:\n    - include_tasks: "steps/{{ os }}.yml"\n',
    'steps/Debian.yml': '- command: uptime\n',
    'loose.yml': '- hosts: localhost\n  tasks:\n    - include_tasks: "{{ tasks_file }}"\n',
  });
  try {
    const harmful = ws.judge('ansible-playbook site.yml');
    assert.notEqual(harmful.decision, 'allow', JSON.stringify(harmful.findings));
    assert.ok(
      harmful.findings.some((f) => f.id.startsWith('fs.')),
      JSON.stringify(harmful.findings),
    );
    assert.equal(ws.judge('ansible-playbook quiet.yml').decision, 'allow');
    const loose = ws.judge('ansible-playbook loose.yml');
    assert.equal(loose.decision, 'ask', JSON.stringify(loose.findings));
    assert.ok(loose.findings.some((f) => f.id === 'parse.too-complex' && f.target === '{{ tasks_file }}'));
  } finally {
    ws.done();
  }
});

const at = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([k, v]) => [`${WORKSPACE}/${k}`, v]));

test('a script, target or recipe named only at run time reads each one the word could be', () => {
  const harmful = engine(
    at({
      'package.json': JSON.stringify({ scripts: { clean: 'rm -rf ~', 'build:dev': 'tsc', 'build:prod': 'tsc' } }),
      Makefile: 'clean:\n\trm -rf ~\nbuild:\n\tcc -o app app.c\n',
      justfile: 'clean:\n    rm -rf ~\nbuild:\n    cargo build\ndeploy env:\n    echo {{env}}\n',
      'Taskfile.yml':
        "version: '3'\ntasks:\n  clean:\n    cmds:\n      - rm -rf ~\n  build:\n    cmds:\n      - go build\n",
      'deno.json': JSON.stringify({ tasks: { clean: 'rm -rf ~', build: 'echo built' } }),
      'composer.json': JSON.stringify({ scripts: { clean: 'rm -rf ~', build: 'echo built' } }),
    }),
  );
  for (const c of [
    'npm run "$S"',
    'npm run-script $S -- --force',
    'yarn run "$S"',
    'pnpm run "$S"',
    'make "$T"',
    'just "$R"',
    'task "$T"',
    'deno task "$T"',
    'composer run "$S"',
    'make "$@"',
  ])
    assert.notEqual(harmful.decide(c), 'allow', c);
  // The fixed part of the word picks among them: only the build scripts and targets could run.
  for (const c of [
    'npm run "build:$ENV"',
    'make "build$X"',
    'just "b${R}"',
    'just deploy "$ENV"',
    'task "b$T"',
    'deno task "b$T"',
  ])
    assert.equal(harmful.decide(c), 'allow', c);
  const quiet = engine(at({ 'package.json': JSON.stringify({ scripts: { test: 'node --test', lint: 'eslint .' } }) }));
  for (const c of ['npm run "$S"', 'yarn run "$S"', 'npm run "$1"', 'npm run "$@"'])
    assert.equal(quiet.decide(c), 'allow', c);
});

test('a run-time name that could be more scripts than are read asks', () => {
  const scripts = Object.fromEntries(Array.from({ length: 33 }, (_x, k) => [`task${k}`, 'tsc']));
  const e = engine(at({ 'package.json': JSON.stringify({ scripts }) }));
  assertAskedFor(
    e.judge,
    ['npm run "$S"', 'yarn run "task$N"'],
    (f) => f.id === 'parse.too-complex' && (f.target === '$S' || f.target === 'task$N'),
  );
  assert.equal(e.decide('npm run "task1$N"'), 'allow');
});

test("a workspace run named at run time reads each package's scripts the word could name", () => {
  const ws = diskWorkspace('ag-run-time-pnpm-', {
    'package.json': JSON.stringify({ name: 'root', private: true }),
    'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
    'packages/a/package.json': JSON.stringify({ name: 'a', scripts: { wipe: 'rm -rf ~', lint: 'eslint .' } }),
  });
  try {
    assert.equal(ws.judge('pnpm -r run wipe').decision === 'allow', false, 'the named script is judged');
    const r = ws.judge('pnpm -r run "wi$X"');
    assert.notEqual(r.decision, 'allow', JSON.stringify(r.findings));
    assert.equal(ws.judge('pnpm -r run "li$X"').decision, 'allow');
  } finally {
    ws.done();
  }
});
