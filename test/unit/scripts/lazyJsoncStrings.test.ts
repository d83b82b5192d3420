// The engine bundle's jsonc-parser builds its formatter's strings at their first use
// (scripts/lazy-jsonc-strings.js): the same strings as the module it replaces, and a build that stops when
// jsonc-parser's module is not the one it was written for.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(REPO, 'scripts', 'lazy-jsonc-strings.js')) as {
  JSONC_STRING_TABLES: string;
  lazyJsoncStrings: { setup(build: { onLoad(o: unknown, f: (a: { path: string }) => unknown): void }): void };
};
const ESM_MODULE = path.join(REPO, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'impl', 'string-intern.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const original = require(path.join(REPO, 'node_modules', 'jsonc-parser', 'lib', 'umd', 'impl', 'string-intern.js')) as {
  cachedSpaces: string[];
  cachedBreakLinesWithSpaces: Record<string, Record<string, string[]>>;
  supportedEols: string[];
};

function onLoadOf(): (a: { path: string }) => unknown {
  let found: ((a: { path: string }) => unknown) | undefined;
  plugin.lazyJsoncStrings.setup({ onLoad: (_o, f) => (found = f) });
  assert.ok(found);
  return found;
}

test("the strings built at first use are jsonc-parser's, table by table", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-jsonc-'));
  try {
    const file = path.join(dir, 'string-intern.mjs');
    fs.writeFileSync(file, (onLoadOf()({ path: ESM_MODULE }) as { contents: string }).contents);
    const lazy = (await import(pathToFileURL(file).href)) as typeof original;
    assert.deepEqual(lazy.cachedSpaces, original.cachedSpaces);
    assert.deepEqual(lazy.supportedEols, original.supportedEols);
    assert.deepEqual(Object.keys(lazy.cachedBreakLinesWithSpaces), Object.keys(original.cachedBreakLinesWithSpaces));
    for (const unit of [' ', '\t']) {
      assert.deepEqual(
        Object.keys(lazy.cachedBreakLinesWithSpaces[unit]),
        Object.keys(original.cachedBreakLinesWithSpaces[unit]),
      );
      for (const eol of ['\n', '\r', '\r\n']) {
        const lines = lazy.cachedBreakLinesWithSpaces[unit][eol];
        assert.deepEqual(lines, original.cachedBreakLinesWithSpaces[unit][eol]);
        assert.equal(lazy.cachedBreakLinesWithSpaces[unit][eol], lines, 'built once');
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a jsonc-parser whose module changed stops the build', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-jsonc-'));
  try {
    const changed = path.join(dir, 'string-intern.js');
    fs.writeFileSync(
      changed,
      fs.readFileSync(ESM_MODULE, 'utf8').replace('maxCachedValues = 200', 'maxCachedValues = 300'),
    );
    assert.throws(() => onLoadOf()({ path: changed }), /is not the module lazy-jsonc-strings rewrites/);
    fs.writeFileSync(changed, `${fs.readFileSync(ESM_MODULE, 'utf8')}\nexport const another = 1;\n`);
    assert.throws(() => onLoadOf()({ path: changed }), /is not the module lazy-jsonc-strings rewrites/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
