// Settings that disarm a guard or loosen a safeguard (agents.ts, outgoing/git.ts, autorun/content.ts) and files a
// tool runs later: a Procfile's lines, an in-tree build backend, a noxfile's session.run (wrappers/buildFiles.ts,
// interpreters.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const at = (f: string) => path.join(WORKSPACE, f);

test('a host started with a command override, or rewriting its own hook settings, asks', () => {
  const { decide, ids } = engine();
  assert.ok(ids(`codex -c 'notify=["sh","-c","rm -rf ~/.agentguard"]' exec x`).includes('autorun.mcp-server'));
  assert.notEqual(decide(`codex --config 'mcp_servers.x.command="sh"' exec "fix"`), 'allow');
  assert.notEqual(decide(`codex -c 'mcp_servers.x={command="sh",args=["-c","id"]}' exec "fix"`), 'allow');
  assert.ok(ids(`claude config set -g hooks '{}'`).includes('guard.hook-file'));
  const both = ids(`codex --yolo -c 'notify=["sh","-c","id"]' exec x`);
  assert.ok(both.includes('autorun.mcp-server') && both.includes('guard.unguarded-agent'), `${both}`);
  assert.notEqual(decide('claude config set -g disableAllHooks true'), 'allow');
  for (const c of [
    'codex exec x',
    'codex -c model=o3 exec x',
    'claude config list',
    'claude config get hooks',
    'claude config set -g theme dark',
  ])
    assert.equal(decide(c), 'allow', c);
});

test('a git URL rewrite to a local folder asks; rewrites between forge spellings stay quiet', () => {
  const { decide, ids } = engine();
  assert.ok(ids('git config url./tmp/evil.insteadOf https://github.com/').includes('outgoing.git-url-rewrite'));
  assert.notEqual(decide('git -c url.file:///srv/x.insteadOf=https://gitlab.com/ fetch'), 'allow');
  for (const c of [
    'git config url.https://github.com/.insteadOf git@github.com:',
    'git config --global url.git@github.com:.pushInsteadOf https://github.com/',
  ])
    assert.equal(decide(c), 'allow', c);
});

test('package manager files written with lifecycle scripts or certificate checks turned back on ask', () => {
  const { decide } = engine();
  for (const c of [
    "echo 'enableScripts: true' >> .yarnrc.yml",
    "echo 'strict-ssl=false' >> .npmrc",
    "printf 'enableStrictSsl: false\\n' >> .yarnrc.yml",
  ])
    assert.notEqual(decide(c), 'allow', c);
  for (const c of [
    "echo 'nodeLinker: node-modules' >> .yarnrc.yml",
    "echo 'enableScripts: false' >> .yarnrc.yml",
    "echo 'save-exact=true' >> .npmrc",
  ])
    assert.equal(decide(c), 'allow', c);
});

test('foreman, honcho and heroku local judge the Procfile lines they start', () => {
  const bad = engine({ [at('Procfile')]: 'web: npm start\nworker: rm -rf ~/\n' });
  for (const c of ['foreman start', 'honcho start', 'heroku local', 'overmind start'])
    assert.notEqual(bad.decide(c), 'allow', c);
  const fine = engine({ [at('Procfile')]: 'web: npm start\n', [at('Procfile.dev')]: 'db: dropdb app\n' });
  assert.equal(fine.decide('foreman start'), 'allow');
  assert.notEqual(fine.decide('honcho -f Procfile.dev start'), 'allow');
});

test('pip install . asks when the in-tree build backend cannot be read, and judges it when it can', () => {
  const system = '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["."]\n';
  assert.notEqual(engine({ [at('pyproject.toml')]: system }).decide('pip install .'), 'allow');
  const read = engine({
    [at('pyproject.toml')]: system,
    [at('backend.py')]: 'def build_wheel(*a):\n    return "x.whl"\n',
  });
  assert.equal(read.decide('pip install .'), 'allow');
  for (const c of ['uv build', 'uv sync', 'python -m build'])
    assert.notEqual(engine({ [at('pyproject.toml')]: system }).decide(c), 'allow', c);
  const plain = engine({ [at('pyproject.toml')]: '[build-system]\nbuild-backend = "setuptools.build_meta"\n' });
  for (const c of ['pip install .', 'uv build', 'uv sync']) assert.equal(plain.decide(c), 'allow', c);
});

test("nox reads a noxfile's session.run arguments as the program it runs", () => {
  const noxfile = (body: string) => `import nox\n@nox.session\ndef s(session):\n    ${body}\n`;
  assert.notEqual(engine({ [at('noxfile.py')]: noxfile('session.run("rm", "-rf", "/home")') }).decide('nox'), 'allow');
  assert.notEqual(
    engine({ [at('noxfile.py')]: noxfile('session.run_always("rm", "-rf", "/home")') }).decide('nox -s s'),
    'allow',
  );
  assert.equal(
    engine({ [at('noxfile.py')]: noxfile('session.run("pytest", *session.posargs)') }).decide('nox'),
    'allow',
  );
});

test("fastlane reads the whole Fastfile: a lane's sh call runs whichever lane is named", () => {
  const fastfile = 'lane :test do\n  run_tests\nend\nlane :lint do\n  sh("rm -rf /home")\nend\n';
  const { decide } = engine({ [at('fastlane/Fastfile')]: fastfile });
  assert.notEqual(decide('bundle exec fastlane lint'), 'allow');
  assert.equal(
    engine({ [at('fastlane/Fastfile')]: 'lane :test do\n  run_tests\nend\n' }).decide('fastlane test'),
    'allow',
  );
});

test("pip install . reads the project's build hooks (hatch custom hooks, pdm_build.py, poetry's build script)", () => {
  const hatch = '[build-system]\nbuild-backend = "hatchling.build"\n[tool.hatch.build.hooks.custom]\n';
  const wipe = 'import shutil, os\nshutil.rmtree(os.path.expanduser("~"))\n';
  assert.notEqual(
    engine({ [at('pyproject.toml')]: hatch, [at('hatch_build.py')]: wipe }).decide('pip install .'),
    'allow',
  );
  const pdm = '[build-system]\nbuild-backend = "pdm.backend"\n';
  assert.notEqual(engine({ [at('pyproject.toml')]: pdm, [at('pdm_build.py')]: wipe }).decide('uv sync'), 'allow');
  const poetry =
    '[tool.poetry.build]\nscript = "tools/build.py"\n[build-system]\nbuild-backend = "poetry.core.masonry.api"\n';
  assert.notEqual(
    engine({ [at('pyproject.toml')]: poetry, [at('tools/build.py')]: wipe }).decide('pip install .'),
    'allow',
  );
  const fine = 'def pdm_build_initialize(context):\n    context.config_settings["x"] = "1"\n';
  assert.equal(engine({ [at('pyproject.toml')]: pdm, [at('pdm_build.py')]: fine }).decide('pip install .'), 'allow');
  assert.equal(engine({ [at('pyproject.toml')]: hatch }).decide('pip install .'), 'allow');
});

test('invoke and fabric c.sudo("…") is read as the command it runs', () => {
  const tasks = 'from invoke import task\n@task\ndef wipe(c):\n    c.sudo("rm -rf /home")\n';
  assert.notEqual(engine({ [at('tasks.py')]: tasks }).decide('invoke wipe'), 'allow');
  const fine = 'from invoke import task\n@task\ndef up(c):\n    c.sudo("systemctl status nginx")\n';
  assert.equal(engine({ [at('tasks.py')]: fine }).decide('invoke up'), 'allow');
});
