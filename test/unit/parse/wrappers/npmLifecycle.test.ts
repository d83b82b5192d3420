// The package.json scripts a package manager runs on its own (`npm version`,
// `npm pack`, `npm publish`, `npm rebuild`, `npm install-test`…: lifecycle.ts),
// the runners that run scripts by name (npm-run-all, run-s, run-p,
// concurrently's `npm:NAME`: scriptRunners.ts), and npm's own options placed
// as npm places them (`-w packages/app` picks the package, it is no argument
// of the script: npmCall.ts). A harmful script asks however it is reached; the
// everyday calls of the same project stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { HOME, WORKSPACE } from '../../support/helpers';

const HARM = `rm -rf ${HOME}/notes`;

function project(scripts: Record<string, string>, more: Record<string, string> = {}) {
  return engine({
    [`${WORKSPACE}/package.json`]: JSON.stringify({ name: 'acme', version: '1.0.0', scripts }),
    ...more,
  });
}

const judged = (e: ReturnType<typeof engine>, commands: string[], expected: 'allow' | 'not allow') => {
  for (const c of commands) {
    const d = e.decide(c);
    if (expected === 'allow') assert.equal(d, 'allow', c);
    else assert.notEqual(d, 'allow', c);
  }
};

test('npm commands that run lifecycle scripts read them', () => {
  const cases: [string, string[]][] = [
    ['preversion', ['npm version patch', 'npm version 2.0.0 -m "v%s"', 'yarn version --patch']],
    ['version', ['npm version minor']],
    ['postversion', ['npm verison major']],
    [
      'prepack',
      ['npm pack', 'npm publish', 'npm publish --dry-run', 'pnpm pack', 'yarn pack', 'bun pm pack', 'yarn npm publish'],
    ],
    ['prepare', ['npm pack', 'npm publish --dry-run', 'npm rebuild', 'npm diff', 'npm it', 'npm cit', 'npm pack .']],
    ['postpack', ['npm pack --pack-destination out']],
    ['prepublishOnly', ['npm publish', 'npm publish --dry-run', 'pnpm publish', 'bun publish']],
    ['publish', ['npm publish --access public']],
    ['postpublish', ['npm publish --tag next']],
    [
      'preinstall',
      ['npm rebuild', 'npm it', 'npm install-test', 'npm cit', 'npm install-ci-test', 'npm --loglevel silent install'],
    ],
    ['postinstall', ['npm rb', 'npm install --registry https://registry.npmjs.org']],
    ['dependencies', ['npm install zod', 'npm i -D vitest', 'npm uninstall zod', 'npm rm zod', 'npm update', 'npm ci']],
    ['test', ['npm it', 'npm install-test', 'npm cit', 'npm install-ci-test', 'npm tst']],
  ];
  for (const [event, commands] of cases) judged(project({ [event]: HARM }), commands, 'not allow');
});

test("npm's aliases of run-script run the script", () => {
  judged(
    project({ clean: HARM }),
    ['npm rum clean', 'npm urn clean', 'npm run-script clean', 'npm run --silent clean'],
    'not allow',
  );
});

test('a lifecycle command that runs none of the harmful scripts, or none at all, stays quiet', () => {
  const e = project({ preversion: HARM, prepack: HARM, prepublishOnly: HARM, dependencies: HARM, prepare: HARM });
  judged(
    e,
    [
      'npm version',
      'npm pack --ignore-scripts',
      'npm install zod --ignore-scripts',
      'npm ls',
      'npm view zod',
      'npm outdated',
      'npm test',
    ],
    'allow',
  );
});

test('everyday lifecycle scripts stay quiet', () => {
  const e = project({
    prepare: 'husky',
    preversion: 'npm test',
    version: 'git add -A',
    postversion: 'git push --follow-tags',
    prepack: 'tsc -p .',
    prepublishOnly: 'npm run build',
    build: 'tsc',
    test: 'vitest run',
    postinstall: 'node -e 1',
    dependencies: 'echo changed',
  });
  judged(
    e,
    [
      'npm version patch',
      'npm pack',
      'npm publish --dry-run',
      'npm rebuild',
      'npm install zod',
      'npm uninstall zod',
      'npm it',
      'npm cit',
      'npm diff',
      'npm ci',
      'npm install',
      'pnpm pack',
      'yarn pack',
    ],
    'allow',
  );
});

test('npm-run-all, run-s, run-p and concurrently run the scripts they name', () => {
  const e = project({ clean: HARM, compile: 'tsc', 'build:css': HARM, lint: 'eslint .' });
  judged(
    e,
    [
      'npm-run-all clean compile',
      'npm-run-all -s compile clean',
      'npm-run-all --max-parallel 2 -p "build:*"',
      'run-s clean',
      'run-s "clean --force"',
      'run-p clean',
      "run-p 'build:*'",
      'concurrently "npm:clean" "tsc"',
      'concurrently -n a,b "npm:build:*" "tsc -w"',
      `concurrently "tsc" "${HARM}"`,
      'npx npm-run-all clean',
      'npx run-s clean',
      'npx concurrently npm:clean',
      'pnpm exec run-s clean',
    ],
    'not allow',
  );
  judged(
    e,
    [
      'npm-run-all compile lint',
      'run-s compile',
      'run-p compile lint',
      "run-s 'lint:*'",
      'concurrently "npm:compile" "tsc -w"',
      'concurrently -k "npm:lint" "npm:compile"',
      'npx concurrently -n api,web "npm:compile" "vite"',
      'npx run-p lint compile',
    ],
    'allow',
  );
});

test("npm's own options are npm's: -w picks the package whose script runs, in its folder", () => {
  const app = `${WORKSPACE}/packages/app/package.json`;
  const web = `${WORKSPACE}/packages/web/package.json`;
  const root = { name: 'root', workspaces: ['packages/app', 'packages/web'], scripts: { clean: 'rm -rf dist' } };
  const e = engine({
    [`${WORKSPACE}/package.json`]: JSON.stringify(root),
    [app]: JSON.stringify({ name: '@acme/app', scripts: { clean: 'rm -rf dist', build: 'tsc' } }),
    [web]: JSON.stringify({ name: '@acme/web', scripts: { clean: HARM, drop: 'rm -rf ../..' } }),
  });
  judged(
    e,
    [
      'npm run clean -w packages/app',
      'npm run clean --workspace packages/app',
      'npm run clean --workspace=packages/app',
      'npm run build -w packages/app',
      'npm run clean',
      'npm test --loglevel silent',
      'npm run clean --if-present -w packages/app',
    ],
    'allow',
  );
  judged(
    e,
    [
      'npm run clean -w packages/web',
      'npm run clean --workspace=packages/web',
      'npm run clean -ws',
      'npm run clean --workspaces',
      'npm run clean -w packages/app -w packages/web',
      // The package's own folder: `../..` from packages/web is the workspace itself.
      'npm run drop -w packages/web',
    ],
    'not allow',
  );
});

test('a command that runs lifecycle scripts is still judged itself: a publish publishes, whatever its scripts run', () => {
  const e = project({ prepublishOnly: 'npm test', postversion: 'npm publish', test: 'node --test' });
  for (const c of ['npm publish', 'npm version patch', 'npm run postversion'])
    assert.ok(e.ids(c).includes('outgoing.publish'), `${c}: ${e.ids(c).join()}`);
});
