// Which of the build's outputs a mutant's tests read, from their text: a test
// that imports modules reads out/'s transpiled files; one that runs the CLI,
// the language server or a test-only CLI reads the bundles (dist/, out/*-test/).
// `npm run mutate` builds only out/ for a mutant whose tests read no bundle,
// a tenth of a whole rebuild; a mutant they do not notice that way is built
// whole and its tests run again before it is called a survivor, so a wrong
// reading here costs time, never a verdict.
import fs from 'node:fs';
import path from 'node:path';

/**
 * A test file's text naming a bundle's place: the folder as a path's part (`path.join(ROOT, 'dist', …)`), a bundle in
 * it (`dist/cli.js`), or a test-only CLI's folder. A command's `rm -rf dist` in a test is not one.
 */
const NAMES_A_BUNDLE =
  /['"]dist['"]\s*[,)]|\bdist\/(?:cli|agentguard|server|extension|uninstall|validate|ship)\b|\b(?:managed|service|identity)-test\b/;
/** Relative imports, as the sources spell them (`from './x'`, `import('./x')`, `require('./x')`). */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*'(\.\.?\/[^']+)'/g;

/**
 * Whether any of TESTS (names under test/unit, without `.test.ts`) in the checkout at DIR, or a module of test/ it
 * imports, names a bundle. Modules of src/ it imports are out/'s, and are not followed.
 */
export function testsReadBundles(dir, tests) {
  const testRoot = path.join(dir, 'test') + path.sep;
  const seen = new Set();
  const names = (file) => {
    if (seen.has(file)) return false;
    seen.add(file);
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return true; // unreadable: read as the costly case
    }
    if (NAMES_A_BUNDLE.test(text)) return true;
    for (const [, spec] of text.matchAll(RELATIVE_IMPORT)) {
      const base = path.resolve(path.dirname(file), spec);
      if (!base.startsWith(testRoot)) continue;
      const module = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (module && names(module)) return true;
    }
    return false;
  };
  return tests.some((t) => names(path.join(dir, 'test', 'unit', `${t}.test.ts`)));
}
