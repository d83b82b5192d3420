// The workspace packages a monorepo tool runs a script in are read
// (workspaceRuns.ts): `pnpm -r`, `pnpm --filter`, `bun --filter`, `yarn
// workspace NAME`, `yarn workspaces foreach`, yarn 1's `yarn workspaces run`,
// `lerna run`. Each picked package's script runs in its folder, as `npm run x
// -w app` does; the root's script of that name is not the one judged. Real
// folders on disk: the packages are listed as the tools list them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

function monorepo(rootScripts: Record<string, string>, appScripts: Record<string, string>) {
  return diskWorkspace(
    'ag-monorepo-',
    {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], scripts: rootScripts }),
      'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
      'lerna.json': JSON.stringify({ packages: ['packages/*'] }),
      'packages/app/package.json': JSON.stringify({ name: '@acme/app', scripts: appScripts }),
      'packages/lib/package.json': JSON.stringify({ name: '@acme/lib', scripts: { build: 'tsc -p .' } }),
    },
    { git: true },
  );
}

const RUNS = [
  'pnpm -r run clean',
  'pnpm --recursive clean',
  'pnpm --filter @acme/app run clean',
  'pnpm -F @acme/app clean',
  'pnpm --filter=./packages/app clean',
  'pnpm --filter "@acme/*" clean',
  'bun --filter @acme/app clean',
  'bun run --filter "*" clean',
  'yarn workspace @acme/app run clean',
  'yarn workspace @acme/app clean',
  'yarn workspaces foreach -A run clean',
  'yarn workspaces foreach --exclude root -pt run clean',
  'yarn workspaces run clean',
  'lerna run clean',
  'npx lerna run clean --scope @acme/app',
];

test("a workspace package's script is judged where the monorepo tool runs it", () => {
  const ws = monorepo({ clean: 'rm -rf dist' }, { clean: 'rm -rf ~' });
  try {
    for (const c of RUNS) assert.notEqual(ws.judge(c).decision, 'allow', c);
    for (const c of ['pnpm clean', 'yarn clean', 'yarn workspace @acme/nope clean'])
      assert.equal(ws.judge(c).decision, 'allow', c);
  } finally {
    ws.done();
  }
});

test('everyday monorepo runs stay quiet', () => {
  const ws = monorepo({ build: 'turbo run build' }, { build: 'tsc -p .', test: 'vitest run', clean: 'rm -rf dist' });
  try {
    for (const c of RUNS.map((r) => r.replace('clean', 'build')).concat(RUNS))
      assert.equal(ws.judge(c).decision, 'allow', `${c}: ${JSON.stringify(ws.judge(c).findings)}`);
  } finally {
    ws.done();
  }
});

test('a package named only at run time asks', () => {
  const ws = monorepo({}, { clean: 'rm -rf dist' });
  try {
    assert.ok(ws.judge('yarn workspace "$PKG" clean').findings.some((f) => f.id === 'parse.too-complex'));
  } finally {
    ws.done();
  }
});
