// A package manager under another name runs the same scripts (npmAliases.ts):
// `corepack pnpm x`, Rush's `rushx x`, ni's `nr x`, `ni` and `nci`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { HOME, WORKSPACE } from '../../support/helpers';

const HARM = `rm -rf ${HOME}/notes`;
const project = (scripts: Record<string, string>) =>
  engine({ [`${WORKSPACE}/package.json`]: JSON.stringify({ name: 'acme', scripts }) });

test("a package manager's other names run the project's scripts, and they are read", () => {
  const e = project({ clean: HARM, postinstall: HARM, build: 'tsc -p .' });
  for (const c of [
    'corepack pnpm clean',
    'corepack yarn run clean',
    'corepack npm run clean',
    'rushx clean',
    'nr clean',
    'ni',
    'nci',
  ])
    assert.notEqual(e.decide(c), 'allow', c);
  for (const c of ['corepack pnpm build', 'rushx build', 'nr build', 'nr', 'corepack enable', 'corepack use pnpm@9'])
    assert.equal(e.decide(c), 'allow', c);
});

test('everyday installs through them stay quiet', () => {
  const e = project({ postinstall: 'husky', build: 'tsc -p .' });
  for (const c of ['ni', 'nci', 'corepack pnpm install', 'nr build']) assert.equal(e.decide(c), 'allow', c);
});
