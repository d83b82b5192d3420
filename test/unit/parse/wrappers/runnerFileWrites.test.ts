// A task runner's own file changed earlier on the same line (runnerFileWrites.ts): a copy's text is what the runner
// reads, judged as such; a change whose text is not known before the line runs (an in-place edit, a folder copied
// over, a write of a variable) asks. Copies and reads that leave the runner's file alone stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { HOME, WORKSPACE } from '../../support/helpers';

const HARM = `rm -rf ${HOME}/notes`;

const e = engine({
  [`${WORKSPACE}/package.json`]: JSON.stringify({ scripts: { build: 'tsc', clean: 'rm -rf dist' } }),
  [`${WORKSPACE}/package.json.bak`]: JSON.stringify({ scripts: { build: 'tsc' } }),
  [`${WORKSPACE}/evil.json`]: JSON.stringify({ scripts: { clean: HARM, build: HARM } }),
  [`${WORKSPACE}/evil.yml`]: `version: "3"\ntasks:\n  clean:\n    cmds:\n      - ${HARM}\n`,
  [`${WORKSPACE}/evil.just`]: `clean:\n    ${HARM}\n`,
  [`${WORKSPACE}/evil.mk`]: `clean:\n\t${HARM}\n`,
  [`${WORKSPACE}/src/a.txt`]: 'a',
});

test('a runner file replaced by a copy is read as the copy', () => {
  for (const c of [
    'cp evil.json package.json && npm run clean',
    'mv evil.json package.json; npm run build',
    'cp evil.yml Taskfile.yml && task clean',
    'cp evil.just justfile && just clean',
    'cp -f evil.json ./package.json && pnpm run clean',
  ]) {
    const r = e.judge(c);
    assert.ok(
      r.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
      `${c}: ${r.findings.map((f) => f.id).join(', ')}`,
    );
  }
});

test('a runner file changed with text not known now asks', () => {
  for (const c of [
    `sed -i 's/tsc/x/' package.json && npm run build`,
    'echo "$SCRIPTS" > package.json && npm run build',
    'cp -r ../template/. . && npm install',
    'npx prettier --write package.json && npm test',
    'git checkout other -- package.json && npm run build',
    `perl -pi -e 's/a/b/' justfile && just clean`,
    // An archive's members are not read: it may hold the runner's file.
    'tar -xzf evil.tgz && npm run build',
    'unzip -o evil.zip && make clean',
  ]) {
    const r = e.judge(c);
    assert.ok(
      r.findings.some((f) => f.id === 'parse.too-complex'),
      `${c}: ${r.findings.map((f) => f.id).join(', ')}`,
    );
    assert.notEqual(r.decision, 'allow', c);
  }
});

test('copies and reads that leave the runner file alone stay quiet', () => {
  for (const c of [
    'cp package.json package.json.orig && npm install',
    'cp package.json.bak package.json && npm run build',
    'jq .scripts package.json && npm run build',
    'sed -n 1p package.json && npm run build',
    'git diff package.json && npm run build',
    'mkdir -p dist && cp src/a.txt dist/ && npm run build',
    'npm install zod && npm run build',
    'cp evil.json other.json && npm run build',
    'tar -tzf evil.tgz && npm run build',
    'tar -xzf evil.tgz -C vendor && npm run build',
  ]) {
    assert.equal(e.decide(c), 'allow', c);
  }
});

test('a copy that may fail before a runner run regardless has the disk’s file judged too', () => {
  const disk = engine({
    [`${WORKSPACE}/package.json`]: JSON.stringify({ scripts: { build: HARM } }),
    [`${WORKSPACE}/harmless.json`]: JSON.stringify({ scripts: { build: 'tsc' } }),
  });
  for (const c of ['cp harmless.json package.json; npm run build', 'cp harmless.json package.json || npm run build']) {
    const r = disk.judge(c);
    assert.ok(
      r.findings.some((f) => f.id === 'fs.rm-outside-workspace'),
      `${c}: ${r.findings.map((f) => f.id)}`,
    );
  }
  const r = disk.judge('cp harmless.json package.json && npm run build');
  assert.equal(r.decision, 'allow', r.findings.map((f) => f.id).join(', '));
});
