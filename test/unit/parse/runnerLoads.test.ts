import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runnerLoadedFiles, runnerLoads } from '../../../src/core/parse/wrappers/runnerFiles';

// What each runner loads, and the files loaded by name, as the tables were when they were built at load
// (before each runner's entry was built at its first lookup): same contents, same order.
const BUILT_AT_LOAD: Record<string, string> = {
  'pytest':
    '{"lang":"python","files":["conftest.py","tests/conftest.py","test/conftest.py"],"perOperand":"conftest.py","tests":"pytest"}',
  'py.test':
    '{"lang":"python","files":["conftest.py","tests/conftest.py","test/conftest.py"],"perOperand":"conftest.py","tests":"pytest"}',
  'jest':
    '{"lang":"node","files":["jest.config.js","jest.config.cjs","jest.config.mjs","jest.config.ts","jest.config.cts","jest.config.mts"],"tests":"jest"}',
  'vite':
    '{"lang":"node","files":["vite.config.js","vite.config.cjs","vite.config.mjs","vite.config.ts","vite.config.cts","vite.config.mts","vitest.config.js","vitest.config.cjs","vitest.config.mjs","vitest.config.ts","vitest.config.cts","vitest.config.mts"]}',
  'vitest':
    '{"lang":"node","files":["vite.config.js","vite.config.cjs","vite.config.mjs","vite.config.ts","vite.config.cts","vite.config.mts","vitest.config.js","vitest.config.cjs","vitest.config.mjs","vitest.config.ts","vitest.config.cts","vitest.config.mts"],"tests":"vitest"}',
  'mocha': '{"lang":"node","files":[".mocharc.js",".mocharc.cjs"],"tests":"mocha"}',
  'nox': '{"lang":"python","files":["noxfile.py"]}',
  'unittest': '{"lang":"python","files":[],"tests":"unittest"}',
  'rake': '{"lang":"ruby","files":["Rakefile","rakefile","Rakefile.rb","rakefile.rb"]}',
  'fastlane': '{"lang":"ruby","files":["fastlane/Fastfile","Fastfile"]}',
  'invoke': '{"lang":"python","files":["tasks.py","tasks/__init__.py"]}',
  'inv': '{"lang":"python","files":["tasks.py","tasks/__init__.py"]}',
  'fab': '{"lang":"python","files":["fabfile.py","fabfile/__init__.py"]}',
  'doit': '{"lang":"python","files":["dodo.py"]}',
  'eslint':
    '{"lang":"node","files":["eslint.config.js","eslint.config.cjs","eslint.config.mjs","eslint.config.ts","eslint.config.cts","eslint.config.mts",".eslintrc.js",".eslintrc.cjs"]}',
  'prettier':
    '{"lang":"node","files":["prettier.config.js","prettier.config.cjs","prettier.config.mjs","prettier.config.ts","prettier.config.cts","prettier.config.mts",".prettierrc.js",".prettierrc.cjs",".prettierrc.mjs"]}',
  'webpack':
    '{"lang":"node","files":["webpack.config.js","webpack.config.cjs","webpack.config.mjs","webpack.config.ts","webpack.config.cts","webpack.config.mts"]}',
  'rollup':
    '{"lang":"node","files":["rollup.config.js","rollup.config.cjs","rollup.config.mjs","rollup.config.ts","rollup.config.cts","rollup.config.mts"]}',
  'tsup':
    '{"lang":"node","files":["tsup.config.js","tsup.config.cjs","tsup.config.mjs","tsup.config.ts","tsup.config.cts","tsup.config.mts"]}',
  'next':
    '{"lang":"node","files":["next.config.js","next.config.cjs","next.config.mjs","next.config.ts","next.config.cts","next.config.mts"]}',
  'playwright':
    '{"lang":"node","files":["playwright.config.js","playwright.config.cjs","playwright.config.mjs","playwright.config.ts","playwright.config.cts","playwright.config.mts"]}',
  'cypress':
    '{"lang":"node","files":["cypress.config.js","cypress.config.cjs","cypress.config.mjs","cypress.config.ts","cypress.config.cts","cypress.config.mts"]}',
  'karma': '{"lang":"node","files":["karma.conf.js","karma.conf.cjs","karma.conf.ts"]}',
  'gulp': '{"lang":"node","files":["gulpfile.js","gulpfile.cjs","gulpfile.mjs","gulpfile.ts"]}',
  'grunt': '{"lang":"node","files":["Gruntfile.js","gruntfile.js","Gruntfile.cjs"]}',
  'postcss':
    '{"lang":"node","files":["postcss.config.js","postcss.config.cjs","postcss.config.mjs","postcss.config.ts","postcss.config.cts","postcss.config.mts",".postcssrc.js",".postcssrc.cjs",".postcssrc.mjs"]}',
  'tailwindcss':
    '{"lang":"node","files":["tailwind.config.js","tailwind.config.cjs","tailwind.config.mjs","tailwind.config.ts","tailwind.config.cts","tailwind.config.mts"]}',
  'babel': '{"lang":"node","files":["babel.config.js","babel.config.cjs","babel.config.mjs",".babelrc.js"]}',
};
const LOADED_AT_LOAD: [string, string][] = [
  ['conftest.py', 'python'],
  ['jest.config.js', 'node'],
  ['jest.config.cjs', 'node'],
  ['jest.config.mjs', 'node'],
  ['jest.config.ts', 'node'],
  ['jest.config.cts', 'node'],
  ['jest.config.mts', 'node'],
  ['vite.config.js', 'node'],
  ['vite.config.cjs', 'node'],
  ['vite.config.mjs', 'node'],
  ['vite.config.ts', 'node'],
  ['vite.config.cts', 'node'],
  ['vite.config.mts', 'node'],
  ['vitest.config.js', 'node'],
  ['vitest.config.cjs', 'node'],
  ['vitest.config.mjs', 'node'],
  ['vitest.config.ts', 'node'],
  ['vitest.config.cts', 'node'],
  ['vitest.config.mts', 'node'],
  ['.mocharc.js', 'node'],
  ['.mocharc.cjs', 'node'],
  ['noxfile.py', 'python'],
  ['Rakefile', 'ruby'],
  ['rakefile', 'ruby'],
  ['Rakefile.rb', 'ruby'],
  ['rakefile.rb', 'ruby'],
  ['Fastfile', 'ruby'],
  ['tasks.py', 'python'],
  ['fabfile.py', 'python'],
  ['dodo.py', 'python'],
  ['eslint.config.js', 'node'],
  ['eslint.config.cjs', 'node'],
  ['eslint.config.mjs', 'node'],
  ['eslint.config.ts', 'node'],
  ['eslint.config.cts', 'node'],
  ['eslint.config.mts', 'node'],
  ['.eslintrc.js', 'node'],
  ['.eslintrc.cjs', 'node'],
  ['prettier.config.js', 'node'],
  ['prettier.config.cjs', 'node'],
  ['prettier.config.mjs', 'node'],
  ['prettier.config.ts', 'node'],
  ['prettier.config.cts', 'node'],
  ['prettier.config.mts', 'node'],
  ['.prettierrc.js', 'node'],
  ['.prettierrc.cjs', 'node'],
  ['.prettierrc.mjs', 'node'],
  ['webpack.config.js', 'node'],
  ['webpack.config.cjs', 'node'],
  ['webpack.config.mjs', 'node'],
  ['webpack.config.ts', 'node'],
  ['webpack.config.cts', 'node'],
  ['webpack.config.mts', 'node'],
  ['rollup.config.js', 'node'],
  ['rollup.config.cjs', 'node'],
  ['rollup.config.mjs', 'node'],
  ['rollup.config.ts', 'node'],
  ['rollup.config.cts', 'node'],
  ['rollup.config.mts', 'node'],
  ['tsup.config.js', 'node'],
  ['tsup.config.cjs', 'node'],
  ['tsup.config.mjs', 'node'],
  ['tsup.config.ts', 'node'],
  ['tsup.config.cts', 'node'],
  ['tsup.config.mts', 'node'],
  ['next.config.js', 'node'],
  ['next.config.cjs', 'node'],
  ['next.config.mjs', 'node'],
  ['next.config.ts', 'node'],
  ['next.config.cts', 'node'],
  ['next.config.mts', 'node'],
  ['playwright.config.js', 'node'],
  ['playwright.config.cjs', 'node'],
  ['playwright.config.mjs', 'node'],
  ['playwright.config.ts', 'node'],
  ['playwright.config.cts', 'node'],
  ['playwright.config.mts', 'node'],
  ['cypress.config.js', 'node'],
  ['cypress.config.cjs', 'node'],
  ['cypress.config.mjs', 'node'],
  ['cypress.config.ts', 'node'],
  ['cypress.config.cts', 'node'],
  ['cypress.config.mts', 'node'],
  ['karma.conf.js', 'node'],
  ['karma.conf.cjs', 'node'],
  ['karma.conf.ts', 'node'],
  ['gulpfile.js', 'node'],
  ['gulpfile.cjs', 'node'],
  ['gulpfile.mjs', 'node'],
  ['gulpfile.ts', 'node'],
  ['Gruntfile.js', 'node'],
  ['gruntfile.js', 'node'],
  ['Gruntfile.cjs', 'node'],
  ['postcss.config.js', 'node'],
  ['postcss.config.cjs', 'node'],
  ['postcss.config.mjs', 'node'],
  ['postcss.config.ts', 'node'],
  ['postcss.config.cts', 'node'],
  ['postcss.config.mts', 'node'],
  ['.postcssrc.js', 'node'],
  ['.postcssrc.cjs', 'node'],
  ['.postcssrc.mjs', 'node'],
  ['tailwind.config.js', 'node'],
  ['tailwind.config.cjs', 'node'],
  ['tailwind.config.mjs', 'node'],
  ['tailwind.config.ts', 'node'],
  ['tailwind.config.cts', 'node'],
  ['tailwind.config.mts', 'node'],
  ['babel.config.js', 'node'],
  ['babel.config.cjs', 'node'],
  ['babel.config.mjs', 'node'],
  ['.babelrc.js', 'node'],
];

test('each runner loads what it did when the table was built at load', () => {
  for (const [prog, loads] of Object.entries(BUILT_AT_LOAD))
    assert.equal(JSON.stringify(runnerLoads(prog)), loads, prog);
  assert.equal(runnerLoads('git'), undefined);
  assert.equal(runnerLoads('toString'), undefined);
  assert.equal(runnerLoads('pytest'), runnerLoads('pytest'), 'built once');
});

test('the files runners load by name are the same, in the same order', () => {
  assert.deepEqual([...runnerLoadedFiles()], LOADED_AT_LOAD);
});
