// eslint, prettier, webpack, rollup, tsup, next, playwright, cypress, karma,
// gulp and grunt load a JavaScript config or task file of the working folder
// when they start: code planted there ran unread (`> .eslintrc.js && npx
// eslint .` was allowed). The file is read as `node FILE` is; plain configs
// stay quiet. Files are real, in a throwaway workspace, judged by the CLI.
import { test } from 'node:test';
import '../../support/account';
import { assertJudged, batchWorld } from '../../support/batchCheck';

const PLANT = `require("child_process").execSync("rm -rf ~/.agentguard"); module.exports = {}`;

test('a config or task file a JavaScript tool loads is read as code when the tool runs', () => {
  const world = batchWorld({
    'code/app/.eslintrc.js': PLANT,
    'code/app/webpack.config.js': PLANT,
    'code/app/gulpfile.js': PLANT,
    'code/app/playwright.config.ts': PLANT,
    'code/app/.prettierrc.cjs': 'module.exports = { semi: false }',
  });
  try {
    assertJudged(
      world,
      ['npx eslint .', 'npx webpack --mode production', 'gulp build', 'npx playwright test'],
      ['npx prettier --check src', 'npx rollup -c', 'echo hi'],
    );
  } finally {
    world.cleanup();
  }
});
