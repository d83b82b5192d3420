// `docker compose up|run|create|start|restart` starts the containers its compose
// files describe: each service's command with its volumes bound from the host.
// Each was allowed unread, while the same container started by `docker run -v
// ~:/h alpine rm -rf /h/notes` asks. Each service is now judged as the `docker
// run` line starting it; a file that cannot be read asks; everyday projects
// and the compose verbs that start nothing stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../../support/engineHarness';
import { HOME, WORKSPACE } from '../../support/helpers';

const at = (rel: string) => path.join(WORKSPACE, rel);
const WIPE_HOME = `services:\n  w:\n    image: alpine\n    volumes: ["${HOME}:/h"]\n    command: rm -rf /h/notes\n`;

test('a service binding a host folder is judged as the docker run line starting it', () => {
  const { decide, ids } = engine({ [at('compose.yaml')]: WIPE_HOME });
  for (const c of [
    'docker compose up',
    'docker compose up -d w',
    'docker compose run w',
    'docker compose -f compose.yaml up',
    'docker-compose up',
    'podman-compose up',
    'podman compose up --build',
  ])
    assert.ok(ids(c).includes('fs.rm-outside-workspace'), `${c}: ${decide(c)} ${ids(c)}`);
});

test('long bind mounts, entrypoints, extends, includes and .env values are followed', () => {
  const root =
    'services:\n  x:\n    image: alpine\n    volumes:\n      - type: bind\n        source: /\n        target: /host\n    command: ["sh", "-c", "rm -rf /host/home"]\n';
  assert.equal(engine({ [at('docker-compose.yml')]: root }).decide('docker compose up'), 'deny');
  const entry = `services:\n  e:\n    image: alpine\n    volumes: ["~:/h"]\n    entrypoint: ["rm", "-rf"]\n    command: /h/notes\n`;
  assert.notEqual(engine({ [at('compose.yml')]: entry }).decide('docker compose up'), 'allow');
  const files = {
    [at('compose.yaml')]:
      'include:\n  - more/other.yaml\nservices:\n  b:\n    extends: {file: base.yaml, service: base}\n    command: rm -rf /h/notes\n',
    [at('base.yaml')]: 'services:\n  base:\n    image: alpine\n    volumes: ["${HOST_DIR}:/h"]\n',
    [at('.env')]: `HOST_DIR=${HOME}\n`,
    [at('more/other.yaml')]:
      'services:\n  o:\n    image: alpine\n    volumes: ["../../..:/n"]\n    command: sh -c "rm -rf /n/notes"\n',
  };
  const { ids } = engine(files);
  assert.ok(ids('docker compose up b').includes('fs.rm-outside-workspace'), 'extends');
  assert.ok(ids('docker compose up o').includes('fs.rm-outside-workspace'), 'include');
});

test('a compose file that cannot be read, or is changed earlier on the line, asks', () => {
  const merged =
    'x-base: &base\n  image: alpine\n  volumes: ["~:/h"]\nservices:\n  a:\n    <<: *base\n    command: rm -rf /h/notes\n';
  const unknownVar = 'services:\n  a:\n    image: alpine\n    volumes: ["${SOMEWHERE}:/h"]\n    command: rm -rf /h/x\n';
  // Merge keys are read: the service is judged by what it merges.
  assert.ok(
    engine({ [at('compose.yaml')]: merged })
      .ids('docker compose up')
      .includes('fs.rm-outside-workspace'),
  );
  for (const [text, c] of [
    [unknownVar, 'docker compose up'],
    ['services: {}\n', 'docker compose -f - up'],
    ['services:\n  a:\n    image: alpine\n', 'sed -i s/a/b/ compose.yaml && docker compose up'],
  ]) {
    const { decide, ids } = engine({ [at('compose.yaml')]: text });
    assert.ok(ids(c).includes('parse.too-complex'), `${c}: ${decide(c)} ${ids(c)}`);
  }
});

test('everyday projects and compose verbs that start nothing stay quiet', () => {
  const app = [
    'services:',
    '  web:',
    '    build: .',
    '    command: npm run dev',
    '    ports: ["3000:3000"]',
    '    volumes: ["./:/app", "node_modules:/app/node_modules"]',
    '    depends_on: [db]',
    '    environment:',
    '      NODE_ENV: development',
    '  db:',
    '    image: postgres:16',
    '    environment:',
    '      POSTGRES_PASSWORD: example',
    '    volumes:',
    '      - pgdata:/var/lib/postgresql/data',
    '  p:',
    '    image: alpine',
    '    privileged: true',
    '    command: "true"',
    'volumes:',
    '  pgdata:',
    '',
  ].join('\n');
  const { decide, ids } = engine({ [at('compose.yaml')]: app, [at('package.json')]: '{"scripts":{"dev":"vite"}}' });
  for (const c of [
    'docker compose up',
    'docker compose up -d db',
    'docker compose up --build -d',
    'docker compose logs -f',
    'docker compose ps',
    'docker compose down',
    'docker compose build',
    'docker compose run web npm test',
    'docker compose restart web',
    'docker compose exec web ls',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});

test("a service extended from another file reads that file's relative bind sources from its folder", () => {
  // Two folders up from the workspace is the home; from svc/sub/, where the extending file is, the workspace itself.
  const files = {
    [at('base.yaml')]:
      'services:\n  b:\n    image: alpine\n    volumes: ["../..:/h"]\n  c:\n    extends: b\n  v:\n    image: alpine\n    volumes: ["${UP:-../..}:/h"]\n',
    [at('svc/sub/compose.yaml')]:
      'x-rm: &rm\n  command: rm -f /h/notes/todo.txt\nservices:\n  s:\n    extends: {file: ../../base.yaml, service: b}\n    <<: *rm\n  u:\n    extends: {file: ../../base.yaml, service: c}\n    <<: *rm\n  t:\n    extends: {file: ../../base.yaml, service: v}\n    <<: *rm\n',
    [at('docker/common.yaml')]: 'services:\n  app:\n    image: node:20\n    volumes: ["..:/app"]\n',
    [at('compose.yaml')]:
      'services:\n  web:\n    extends: {file: docker/common.yaml, service: app}\n    command: npm run dev\n',
    [at('package.json')]: '{"scripts":{"dev":"vite"}}',
  };
  const { decide, ids } = engine(files);
  // A base the base extends is looked up in its own file.
  for (const svc of ['s', 'u']) {
    const c = `docker compose -f svc/sub/compose.yaml up ${svc}`;
    assert.ok(ids(c).includes('fs.rm-outside-workspace'), `${c}: ${decide(c)} ${ids(c)}`);
  }
  // A source filled from a variable would lose the folder it is read from: asked about.
  const t = 'docker compose -f svc/sub/compose.yaml up t';
  assert.ok(ids(t).includes('parse.too-complex'), `${t}: ${decide(t)} ${ids(t)}`);
  assert.equal(decide('docker compose up'), 'allow', ids('docker compose up').join());
});

test('compose options that take a value are skipped before the service and the command it runs', () => {
  const { decide, ids } = engine({});
  for (const c of [
    `docker compose --ansi never exec web rm -rf ${HOME}/notes`,
    `docker compose run --cap-add NET_ADMIN web rm -rf ${HOME}/notes`,
    `docker compose run --pull always web rm -rf ${HOME}/notes`,
  ])
    assert.ok(ids(c).includes('fs.rm-outside-workspace'), `${c}: ${decide(c)} ${ids(c)}`);
});
