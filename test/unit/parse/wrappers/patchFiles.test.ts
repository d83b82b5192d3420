// A patch applied earlier on the line, then a runner (patchFiles.ts): a patch touching a file the runner reads asks,
// one touching other files stays quiet, one that cannot be read asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGated, diskWorkspace } from '../../support/engineHarness';

const TO_PACKAGE = [
  'diff --git a/package.json b/package.json',
  '--- a/package.json',
  '+++ b/package.json',
  '@@ -1 +1 @@',
  '-{"scripts":{"build":"tsc"}}',
  '+{"scripts":{"build":"rm -rf ~/notes"}}',
  '',
].join('\n');
const TO_README = ['--- a/README', '+++ b/README', '@@ -1 +1 @@', '-hi', '+hello', ''].join('\n');

function workspace() {
  return diskWorkspace('patch-files-', {
    'package.json': JSON.stringify({ scripts: { build: 'tsc', test: 'tsc --noEmit' } }),
    Makefile: 'build:\n\ttsc\n',
    'evil.patch': TO_PACKAGE,
    'docs.patch': TO_README,
    'escaped.patch': '--- "a/package\\056json"\n+++ "b/package\\056json"\n',
    'mail.patch': 'From: x\nContent-Transfer-Encoding: base64\n\nZGlmZg==\n',
  });
}

test('a patch touching the runner’s file before it runs asks', () => {
  const d = workspace();
  try {
    for (const c of [
      'git apply evil.patch && npm run build',
      'git apply -p1 --index evil.patch && npm run build',
      'git am evil.patch && npm run build',
      'patch -p1 < evil.patch && npm run build',
      'patch -i evil.patch && npm run build',
      'patch package.json docs.patch && npm run build',
      'git apply docs.patch evil.patch && npm test',
      // Not read: a patch piped in, missing, with escaped names, mail-encoded.
      'cat evil.patch | git apply && npm run build',
      'git apply nosuch.patch && npm test',
      'git apply escaped.patch && npm test',
      'git am mail.patch && npm test',
    ])
      assertGated(d.judge, c, 'parse.too-complex');
  } finally {
    d.done();
  }
});

test('a patch touching other files, or only checked, stays quiet', () => {
  const d = workspace();
  try {
    for (const c of [
      'git apply docs.patch && npm test',
      'patch -p1 < docs.patch && make',
      'git apply --check evil.patch && npm test',
      'git apply --stat evil.patch && make',
      'patch --dry-run -p1 < evil.patch && npm test',
      'git apply evil.patch && ls',
      'git am --show-current-patch && npm test',
      'patch --version && make',
    ]) {
      const r = d.judge(c);
      assert.equal(r.decision, 'allow', `${c}: ${r.findings.map((f) => f.id).join(', ')}`);
    }
  } finally {
    d.done();
  }
});
