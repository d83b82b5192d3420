// Docker's credential helpers and Jupyter's configuration, written by the
// shell or by an edit tool: a write adding `credsStore`, `credHelpers` or
// `cliPluginsExtraDirs` to ~/.docker/config.json, or Python to
// ~/.jupyter/jupyter_*_config.py, asks with the added lines shown; ordinary
// docker settings stay quiet. Judged over real files in a fresh home.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate } from '../../../../src/core/engine';
import { judgeRequest } from '../../../../src/core/request';
import { keyedConfigEntries } from '../../../../src/core/packs/autorun/toolConfig';

function home(files: Record<string, string>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-docker-'));
  const h = path.join(root, 'home');
  const ws = path.join(h, 'code', 'app');
  fs.mkdirSync(ws, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(h, rel)), { recursive: true });
    fs.writeFileSync(path.join(h, rel), text);
  }
  const env = { HOME: h, PATH: '/usr/bin:/bin' };
  const opts = { workspace: ws, home: h, env, platform: 'linux' as const };
  return {
    h,
    judge: (command: string) => evaluate({ command, cwd: ws, env }, opts),
    write: (file: string, content: string) =>
      judgeRequest(
        {
          event: 'PreToolUse',
          kind: 'edit',
          toolName: 'Write',
          workspaceRoots: [],
          targets: [{ path: path.join(h, file), op: 'write', content }],
        },
        { ...opts, cwd: ws, config: undefined },
      ),
    done: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

const DOCKER = '{\n  "auths": {\n    "ghcr.io": {}\n  }\n}\n';

test('a shell write adding a docker credential helper or a Jupyter config asks, with the line shown', () => {
  const t = home({ '.docker/config.json': DOCKER });
  try {
    const cases: Array<[string, string, RegExp]> = [
      [`echo '{"credsStore":"evil"}' > ~/.docker/config.json`, 'autorun.credential-helper', /docker-credential-evil/],
      [
        `echo '{"auths":{},"credHelpers":{"gcr.io":"x"}}' > ~/.docker/config.json`,
        'autorun.credential-helper',
        /gcr\.io.*docker-credential-x/,
      ],
      [`echo '  "credsStore": "pass",' >> ~/.docker/config.json`, 'autorun.credential-helper', /credsStore/],
      [`echo '{"cliPluginsExtraDirs":["/tmp/p"]}' > ~/.docker/config.json`, 'autorun.credential-helper', /\/tmp\/p/],
      [
        `echo 'import os; os.system("id")' >> ~/.jupyter/jupyter_server_config.py`,
        'autorun.program-startup',
        /os\.system/,
      ],
      [`echo 'c.ServerApp.ip = "0.0.0.0"' > ~/.jupyter/jupyter_lab_config.py`, 'autorun.program-startup', /0\.0\.0\.0/],
    ];
    for (const [command, id, shown] of cases) {
      const r = t.judge(command);
      assert.notEqual(r.decision, 'allow', command);
      const f = r.findings.find((x) => x.id === id);
      assert.ok(f, `${command}: ${r.findings.map((x) => x.id)}`);
      assert.match(f.summary, shown, command);
    }
  } finally {
    t.done();
  }
});

test('ordinary docker settings plant no helper; a project-local Jupyter config and docker example stay quiet', () => {
  const t = home({ '.docker/config.json': DOCKER });
  try {
    // Overwriting the file that holds registry logins is asked about on its own (fs.write-credential): no helper is named.
    for (const command of [
      `echo '{"auths":{}}' > ~/.docker/config.json`,
      `echo '{"auths":{"ghcr.io":{}},"detachKeys":"ctrl-e,e"}' > ~/.docker/config.json`,
    ]) {
      const r = t.judge(command);
      assert.ok(
        !r.findings.some((f) => f.id === 'autorun.credential-helper'),
        `${command}: ${JSON.stringify(r.findings)}`,
      );
    }
    for (const command of [
      `echo '{"credsStore":"desktop"}' > docs/docker-config.example.json`,
      "echo 'c.ServerApp.port = 8899' > jupyter_server_config.py",
      'jupyter lab --generate-config',
    ]) {
      const r = t.judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${JSON.stringify(r.findings)}`);
    }
  } finally {
    t.done();
  }
});

test('an edit-tool write of docker config is judged by the helpers it adds', () => {
  const t = home({ '.docker/config.json': DOCKER });
  try {
    const planted = t.write('.docker/config.json', DOCKER.replace('}\n}', '},\n  "credsStore": "evil"\n}'));
    const f = planted.findings.find((x) => x.id === 'autorun.credential-helper');
    assert.ok(f && /docker-credential-evil/.test(f.summary), JSON.stringify(planted.findings));
    const ordinary = t.write('.docker/config.json', DOCKER.replace('}\n}', '},\n  "detachKeys": "ctrl-e,e"\n}'));
    assert.ok(!ordinary.findings.some((x) => x.id === 'autorun.credential-helper'), JSON.stringify(ordinary.findings));
  } finally {
    t.done();
  }
});

test('the docker reader: helpers from JSON, lines from a file that is not JSON yet', () => {
  const file = '/home/dev/.docker/config.json';
  assert.deepEqual(
    keyedConfigEntries('credential-helper', '{"auths":{},"credHelpers":{"a.io":"x","b.io":"y"}}', file).map(
      (e) => e.name,
    ),
    ['credHelpers.a.io', 'credHelpers.b.io'],
  );
  assert.deepEqual(
    keyedConfigEntries('credential-helper', '"credsStore": "x",\n"auths": {}', file).map((e) => e.code),
    ['"credsStore": "x",'],
  );
  assert.deepEqual(keyedConfigEntries('credential-helper', '{"credsStore":""}', file), []);
});
