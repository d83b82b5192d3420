// A package manager told to act in another folder (`npm --prefix DIR`, `npm -C
// DIR`, `pnpm -C`/`--dir`, `yarn --cwd`, `bun --cwd`) runs that folder's
// package.json scripts: they are the ones judged, as for `cd DIR && npm run x`,
// not the working directory's scripts of the same name (packageFolder.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { HOME, WORKSPACE } from '../../support/helpers';

const HARM = `rm -rf ${HOME}/notes`;
const OTHER = `${HOME}/code/billing`;

function projects(here: Record<string, string>, there: Record<string, string>) {
  return engine({
    [`${WORKSPACE}/package.json`]: JSON.stringify({ name: 'acme', scripts: here }),
    [`${OTHER}/package.json`]: JSON.stringify({ name: 'billing', scripts: there }),
  });
}

const FOLDER_FORMS = [
  'npm --prefix ~/code/billing run clean',
  'npm run clean --prefix ~/code/billing',
  'npm run --prefix=../billing clean',
  'npm -C ../billing run clean',
  'npm --prefix ../billing run clean -g',
  'pnpm -C ../billing run clean',
  'pnpm --dir ../billing clean',
  'pnpm run --dir ../billing clean',
  'yarn --cwd ../billing clean',
  'yarn --cwd ../billing run clean',
  'bun --cwd ../billing run clean',
  'bun run --cwd ../billing clean',
  'bun --cwd=../billing run clean',
];

test("another folder's script is judged where the package manager runs it", () => {
  const e = projects({ clean: 'rm -rf dist' }, { clean: HARM });
  for (const c of FOLDER_FORMS) assert.notEqual(e.decide(c), 'allow', c);
  // The same call without the option runs this folder's harmless script.
  for (const c of ['npm run clean', 'pnpm clean', 'yarn clean', 'bun run clean']) assert.equal(e.decide(c), 'allow', c);
});

test("the working directory's script is not judged in its place", () => {
  const e = projects({ clean: HARM }, { clean: 'rm -rf dist' });
  for (const c of FOLDER_FORMS) assert.equal(e.decide(c), 'allow', c);
});

test("another folder's lifecycle scripts are judged on its install", () => {
  const e = projects({ postinstall: 'node scripts/setup.js' }, { postinstall: HARM });
  for (const c of ['npm --prefix ../billing install', 'npm ci --prefix ../billing', 'yarn --cwd ../billing install'])
    assert.notEqual(e.decide(c), 'allow', c);
});

test("pnpm's -w is a flag: the script named after it is read", () => {
  const e = projects({ clean: HARM }, {});
  for (const c of ['pnpm -w clean', 'pnpm -w run clean', 'pnpm run -w clean', 'pnpm run --filter app clean'])
    assert.notEqual(e.decide(c), 'allow', c);
});

test('everyday calls in another folder stay quiet', () => {
  const e = projects({ build: 'tsc -p .' }, { build: 'tsc -p .', test: 'vitest run', clean: 'rm -rf dist' });
  for (const c of [
    'npm --prefix ../billing run build',
    'npm test --prefix ../billing',
    'pnpm -C ../billing build',
    'yarn --cwd ../billing clean',
    'npm --prefix . run build',
    'npm install -g --prefix ~/.local typescript',
  ])
    assert.equal(e.decide(c), 'allow', c);
});
