// nox hands a session its Session object as the first parameter, whatever it
// is named, and `session.chdir(DIR)` moves the runs after it to DIR. A session
// written `def wipe(s): s.run(*["rm", "-rf", …])`, or one that entered the home
// folder before `session.run("rm", "-f", ".bashrc")`, was read as if it ran in
// the workspace under the name `session`, and allowed. Real files on disk, the
// engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

const noxfile = (decorator: string, signature: string, body: string) =>
  `import os\nimport nox\nfrom nox import session\n\n\n${decorator}\ndef ${signature}:\n    ${body.replace(/\n/g, '\n    ')}\n`;

function judged(text: string, command = 'nox -s wipe') {
  const { judge, done } = diskWorkspace('ag-noxsessions-', { 'noxfile.py': text });
  try {
    return judge(command);
  } finally {
    done();
  }
}

test("a session's object is its first parameter, whatever it is named", () => {
  const wipe = '*["rm", "-rf", os.path.expanduser("~/notes")]';
  for (const [decorator, signature, body, command] of [
    ['@nox.session', 'wipe(s)', `s.run(${wipe})`],
    ['@nox.session(python=["3.11", "3.12"])', 'wipe(s: nox.Session) -> None', `s.run_always(${wipe})`],
    ['@session', 'wipe(\n    sess: nox.Session,\n) -> None', `sess.run(*"rm -rf /home".split())`],
    ['@session(venv_backend="none")', 'wipe(s)', 's.run(*s.posargs)', 'nox -s wipe -- rm -rf /home'],
  ]) {
    const result = judged(noxfile(decorator, signature, body), command);
    assert.notEqual(result.decision, 'allow', `${signature}: ${body}`);
  }
  assert.ok(
    judged(noxfile('@nox.session', 'wipe(s)', 's.run(*command_for(s))')).findings.some(
      (f) => f.id === 'parse.too-complex',
    ),
  );
});

test("session.chdir moves the session's later runs; a folder known only at run time asks", () => {
  for (const body of [
    'session.chdir(os.path.expanduser("~"))\nsession.run("rm", "-f", ".bashrc")',
    'with session.chdir(os.path.expanduser("~")):\n    session.run(*["rm", "-f", ".bashrc"])',
    'session.chdir("/tmp/x")\nsession.chdir("..")\nsession.run("rm", "-rf", "home")',
    'session.chdir("../..")\nsession.run("rm", "-f", "notes.txt")',
    'session.chdir(os.path.expanduser("~"))\nimport shutil\nshutil.rmtree("notes")',
  ]) {
    const result = judged(noxfile('@nox.session', 'wipe(session)', body));
    assert.notEqual(result.decision, 'allow', body);
  }
  for (const body of [
    'session.chdir(os.environ["TARGET"])\nsession.run("rm", "-f", "notes.txt")',
    'session.chdir(os.environ["TARGET"])\nsession.chdir("sub")\nsession.run("rm", "-f", "notes.txt")',
  ]) {
    const result = judged(noxfile('@nox.session', 'wipe(session)', body));
    assert.ok(
      result.findings.some((f) => f.id === 'parse.too-complex'),
      body,
    );
  }
});

test('everyday sessions stay quiet: posargs, install, a differently named parameter, a docs folder', () => {
  const text =
    noxfile(
      '@nox.session(python=["3.12"])',
      'tests(session)',
      'session.install(".")\nsession.run("pytest", *session.posargs)',
    ) +
    noxfile('@nox.session', 'lint(s: nox.Session)', 's.run("pytest", "-q")\ns.run(*["ruff", "check", "."])') +
    noxfile(
      '@nox.session',
      'docs(session)',
      'with session.chdir("docs"):\n    session.run("sphinx-build", "-b", "html", ".", "_build/html")',
    ) +
    noxfile('@nox.session', 'absolute(session)', 'session.chdir(os.environ["TARGET"])\nsession.run("pytest", "-q")');
  const { judge, done } = diskWorkspace('ag-noxsessions-', { 'noxfile.py': text });
  try {
    for (const command of [
      'nox -s tests',
      'nox -s tests -- -k slow',
      'nox -l',
      'nox -s lint',
      'nox -s docs',
      'nox -s absolute',
    ])
      assert.equal(judge(command).decision, 'allow', command);
  } finally {
    done();
  }
});
