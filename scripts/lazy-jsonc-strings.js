// An esbuild plugin for the engine bundle (esbuild.js).
// jsonc-parser's formatter keeps 1,200 strings of newlines and indents (six arrays of 200) that its module
// builds when it loads, and the engine bundle loads it for writing settings files (core/policy/allowRule.ts,
// core/hosts/managedHooks.ts), which a hook call never does: about half a millisecond of every call, and the
// garbage those strings make. In the bundle each array is built at its first use instead; the same strings.
// The module's text is checked first, so a release of jsonc-parser that changes it stops the build.
const fs = require('node:fs');

const JSONC_STRING_TABLES = `const maxCachedValues = 200;
export const cachedSpaces = new Array(20).fill(0).map((_, index) => ' '.repeat(index));
const lazyLines = (unit) => {
  const byEol = {};
  for (const eol of ['\\n', '\\r', '\\r\\n']) {
    let lines;
    Object.defineProperty(byEol, eol, {
      enumerable: true,
      get: () => (lines ??= new Array(maxCachedValues).fill(0).map((_, index) => eol + unit.repeat(index))),
    });
  }
  return byEol;
};
export const cachedBreakLinesWithSpaces = { ' ': lazyLines(' '), '\\t': lazyLines('\\t') };
export const supportedEols = ['\\n', '\\r', '\\r\\n'];
`;
const lazyJsoncStrings = {
  name: 'lazy-jsonc-strings',
  setup(build) {
    build.onLoad({ filter: /jsonc-parser[\\/]lib[\\/]esm[\\/]impl[\\/]string-intern\.js$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8').replace(/\s+/g, ' ');
      const expected = [
        "export const cachedSpaces = new Array(20).fill(0).map((_, index) => { return ' '.repeat(index); });",
        'const maxCachedValues = 200;',
        "'\\n': new Array(maxCachedValues).fill(0).map((_, index) => { return '\\n' + ' '.repeat(index); }),",
        "'\\r\\n': new Array(maxCachedValues).fill(0).map((_, index) => { return '\\r\\n' + '\\t'.repeat(index); }),",
        "export const supportedEols = ['\\n', '\\r', '\\r\\n'];",
      ];
      const exports = text.match(/export const \w+/g) ?? [];
      if (expected.some((e) => !text.includes(e)) || exports.length !== 3)
        throw new Error(`${args.path} is not the module lazy-jsonc-strings rewrites: look at it again`);
      return { contents: JSONC_STRING_TABLES, loader: 'js' };
    });
  },
};

module.exports = { lazyJsoncStrings, JSONC_STRING_TABLES };
