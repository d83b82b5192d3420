// The shared `fs`, `path` and `os` modules (esbuild.js, shared-builtins) re-export a builtin with
// `export * from 'node:fs'`, which esbuild writes as a call of its re-export helper: at load it
// defines one getter on the module's namespace object for each of the builtin's exports (about
// 140 for the three, 0.3–0.4 ms of every hook call). Each namespace object is only ever read by
// property (`fs.readFileSync`), so the helper here links it to the builtin as its prototype
// instead: the same properties, read live from the builtin as the getters read them, built in
// microseconds.
//
// A minified bundle only, and only when every call of the helper is such a re-export of `node:fs`,
// `node:path` or `node:os`: a bundle where esbuild re-exports anything else is left as it is. The
// helper is rewritten in place, padded to its length, so the source map's columns stay right.
const fs = require('node:fs');

// esbuild's __reExport, minified: `H=(e,t,n)=>(C(e,t,"default"),n&&C(n,t,"default"))`.
const HELPER = /([\w$]+)=\(([\w$]),([\w$]),([\w$])\)=>\(([\w$]+)\(\2,\3,"default"\),\4&&\5\(\4,\3,"default"\)\)/g;

/** `code` with the re-export helper linking prototypes, or `code` itself when it cannot be done safely. */
function linkBuiltinPrototypes(code) {
  const helpers = [...code.matchAll(HELPER)];
  if (helpers.length !== 1) return code;
  const [whole, name] = helpers[0];
  const escaped = name.replace(/\$/g, '\\$');
  const calls = [...code.matchAll(new RegExp(`(?<![\\w$.])${escaped}\\(`, 'g'))].length;
  const reExports = [
    ...code.matchAll(new RegExp(`(?<![\\w$.])${escaped}\\([\\w$]+,require\\("node:(?:fs|path|os)"\\)\\)`, 'g')),
  ].length;
  if (calls === 0 || calls !== reExports) return code;
  const linked = `${name}=(e,t)=>Object.setPrototypeOf(e,t)`;
  if (linked.length > whole.length) return code;
  return code.replace(whole, linked.padEnd(whole.length, ' '));
}

/** An esbuild plugin's end step: rewrites the written `outfile` (a build that writes no file is left alone). */
function linkBuiltinPrototypesOnEnd(build) {
  build.onEnd((result) => {
    const out = build.initialOptions.outfile;
    if (result.errors.length > 0 || !out || build.initialOptions.write === false) return;
    const code = fs.readFileSync(out, 'utf8');
    const linked = linkBuiltinPrototypes(code);
    if (linked !== code) fs.writeFileSync(out, linked);
  });
}

module.exports = { linkBuiltinPrototypes, linkBuiltinPrototypesOnEnd };
