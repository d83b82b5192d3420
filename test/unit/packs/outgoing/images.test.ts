// Container images pushed to a registry are published (packs/outgoing/images.ts);
// a registry on this machine, a pull, a local archive and a build stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('an image pushed to a registry asks, naming the image and the registry', () => {
  const { judge } = engine();
  for (const [command, target] of [
    ['docker push ghcr.io/acme/api:1', 'ghcr.io/acme/api:1 → ghcr.io'],
    ['docker image push acme/api', 'acme/api → Docker Hub'],
    ['podman push acme/app', 'acme/app → Docker Hub'],
    ['podman push app docker://quay.io/acme/app', 'docker://quay.io/acme/app → quay.io'],
    ['buildah push app registry.example.com:5000/app', 'registry.example.com:5000/app → registry.example.com:5000'],
    ['crane push app.tar ghcr.io/acme/app', 'ghcr.io/acme/app → ghcr.io'],
    ['skopeo copy oci:build docker://ghcr.io/acme/app', 'ghcr.io/acme/app → ghcr.io'],
    ['docker buildx build --push -t ghcr.io/acme/app .', 'ghcr.io/acme/app → ghcr.io'],
  ]) {
    const r = judge(command);
    const f = r.findings.find((x) => x.id === 'outgoing.publish');
    assert.ok(f && r.decision === 'ask', `${command}: ${JSON.stringify(r.findings)}`);
    assert.equal(f.target, target);
  }
});

test('a local registry, a pull, a local destination and a plain build stay quiet', () => {
  const { decide } = engine();
  for (const command of [
    'docker push localhost:5000/x',
    'docker push 127.0.0.1:5000/acme/app',
    'podman push app oci:/tmp/app',
    'skopeo copy docker://ghcr.io/acme/app oci:build',
    'docker pull ghcr.io/acme/app',
    'docker build -t ghcr.io/acme/app .',
    'docker push --help',
  ])
    assert.equal(decide(command), 'allow', command);
});

test('docker compose push publishes the services images, unless all go to a registry on this machine', () => {
  const { judge, decide } = engine({
    '/home/dev/code/acme-api/compose.yaml': 'services:\n  api:\n    image: ghcr.io/acme/api:1\n',
    '/home/dev/code/acme-api/local.yml': 'services:\n  api:\n    image: localhost:5000/api\n',
  });
  for (const command of [
    'docker compose push',
    'docker-compose push',
    'docker compose build --push',
    'podman-compose push',
  ]) {
    const r = judge(command);
    const f = r.findings.find((x) => x.id === 'outgoing.publish');
    assert.ok(f && r.decision === 'ask', `${command}: ${JSON.stringify(r.findings)}`);
    assert.equal(f.target, 'ghcr.io/acme/api:1 → ghcr.io');
  }
  for (const command of [
    'docker compose -f local.yml push',
    'docker compose build',
    'docker compose pull',
    'docker compose up -d',
  ])
    assert.equal(decide(command), 'allow', command);
});
