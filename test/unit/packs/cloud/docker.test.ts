import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudPack } from '../../../../src/core/packs/cloud';
import { ctx, simple } from '../../support/helpers';

const ASK = 40;
const w = (line: string): string[] => line.split(' ');
const run = (line: string) => cloudPack.analyze(simple(w(line)), ctx()) ?? [];
const ids = (line: string): string[] => run(line).map((f) => f.id);
const score = (line: string): number => run(line).reduce((s, f) => Math.max(s, f.severity), 0);
const effect = (line: string) => cloudPack.effect?.(simple(w(line)), ctx());

test('removing volumes asks, with the volume names as target', () => {
  const [f] = run('docker volume rm pgdata');
  assert.equal(f.id, 'cloud.docker-volume-rm');
  assert.equal(f.target, 'pgdata');
  assert.equal(run('docker volume rm -f pgdata mysql-data')[0].target, 'pgdata, mysql-data');
  assert.ok(score('podman volume rm data') >= ASK);
  assert.ok(score('docker -H ssh://prod volume rm pg') >= ASK);
  assert.ok(score('docker volume prune -a -f') > score('docker volume prune'));
  assert.ok(score('docker volume prune') >= ASK);
});

test('prunes and compose down ask only when volumes go with them', () => {
  assert.deepEqual(ids('docker system prune -a --volumes -f'), ['cloud.docker-system-prune-volumes']);
  assert.deepEqual(ids('docker compose down -v'), ['cloud.docker-compose-down-volumes']);
  assert.deepEqual(ids('docker compose down --volumes --remove-orphans'), ['cloud.docker-compose-down-volumes']);
  assert.deepEqual(ids('docker compose -f docker-compose.prod.yml down -v'), ['cloud.docker-compose-down-volumes']);
  assert.deepEqual(ids('docker-compose down -v'), ['cloud.docker-compose-down-volumes']);
  assert.deepEqual(ids('docker rm -fv pg'), ['cloud.docker-rm-volumes']);
  for (const line of [
    'docker system prune',
    'docker system prune -a',
    'docker system prune -af',
    'docker image prune -a',
    'docker container prune -f',
    'docker builder prune -af',
    'docker network prune',
    'docker rm -f pg',
    'docker rmi api:old',
    'docker compose down',
    'docker compose down --rmi all',
    'docker compose up -d',
    'docker run --rm -v pgdata:/data alpine ls /data',
    'docker volume ls',
    'docker volume rm pgdata --help',
  ])
    assert.deepEqual(ids(line), [], line);
});

test('podman system reset wipes every volume too', () => {
  assert.deepEqual(ids('podman system reset -f'), ['cloud.docker-system-reset']);
  assert.ok(score('podman system reset') >= ASK);
});

test('swarm stacks and services', () => {
  assert.ok(score('docker stack rm prod') >= ASK);
  assert.ok(score('docker service rm api') >= ASK);
  assert.deepEqual(ids('docker stack ls'), []);
});

test('effect: looking and building are reads, running and removing are writes', () => {
  for (const line of [
    'docker ps -a',
    'docker logs api',
    'docker build -t api:dev .',
    'docker compose ps',
    'docker compose logs -f api',
    'docker volume ls',
    'docker image ls',
    'docker-compose ps',
  ]) {
    assert.equal(effect(line), 'read', line);
  }
  for (const line of [
    'docker compose up -d',
    'docker run --rm node:20',
    'docker volume rm x',
    'docker stop api',
    'docker-compose down',
  ]) {
    assert.equal(effect(line), 'write', line);
  }
});

// Bulk removal through a listing of every container: read from the command line as the shell gives it.
import { normalize } from '../../../../src/core/parse/normalize';
import { WORKSPACE } from '../../support/helpers';

const lineIds = (line: string): string[] => {
  const c = ctx();
  const { commands } = normalize({ command: line, cwd: WORKSPACE, env: { HOME: '/home/dev' } }, c);
  return commands.flatMap((cmd) => cloudPack.analyze(cmd, c) ?? []).map((f) => f.id);
};

test('force-removing every container through a listing asks, with a narrower alternative', () => {
  for (const line of [
    'docker rm -f $(docker ps -aq)',
    'docker rm -f `docker ps -a -q`',
    'docker ps -aq | xargs docker rm -f',
    'docker ps -qa | xargs -r docker rm --force',
    'podman rm -f $(podman ps -aq)',
    'nerdctl container rm -f $(nerdctl container ls --all --quiet)',
    'ids=$(docker ps -aq); docker rm -f $ids',
    'docker rm -f $(docker ps -q)',
  ])
    assert.deepEqual(lineIds(line), ['cloud.docker-rm-all'], line);
  const c = ctx();
  const [cmd] = normalize(
    { command: 'docker rm -f $(docker ps -aq)', cwd: WORKSPACE, env: { HOME: '/home/dev' } },
    c,
  ).commands.slice(-1);
  const [f] = cloudPack.analyze(cmd, c) ?? [];
  assert.ok(f.severity >= ASK);
  assert.equal(f.target, 'every container');
  assert.match(f.alternative ?? '', /compose down/);
});

test('a narrowed listing, or removal without -f (docker refuses running containers), stays quiet', () => {
  for (const line of [
    'docker rm $(docker ps -aq)',
    'docker rm -f $(docker ps -aq --filter status=exited)',
    'docker rm -f $(docker ps -aq -f label=com.docker.compose.project=acme)',
    'docker ps -aq --filter name=web | xargs docker rm -f',
    'docker rm -f $(docker ps -lq)',
    'docker rm -f web-1 web-2',
    'docker stop $(docker ps -q)',
  ])
    assert.deepEqual(lineIds(line), [], line);
});
