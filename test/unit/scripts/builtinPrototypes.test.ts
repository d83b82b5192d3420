// The engine bundle's shared `fs`, `path` and `os` modules are linked to the builtins as prototypes
// (scripts/builtin-prototypes.js) instead of copying each export as a getter: every export read the same,
// and a bundle whose re-export helper does anything else is left as it is.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { linkBuiltinPrototypes } = require(path.join(REPO, 'scripts', 'builtin-prototypes.js')) as {
  linkBuiltinPrototypes(code: string): string;
};

// esbuild's helpers and the three shared modules, as esbuild writes them minified.
const HELPERS =
  'var D=Object.defineProperty,G=Object.getOwnPropertyDescriptor,N=Object.getOwnPropertyNames,H=Object.prototype.hasOwnProperty;' +
  'var B=(e,t)=>{for(var n in t)D(e,n,{get:t[n],enumerable:!0})},' +
  'C=(e,t,n,r)=>{if(t&&typeof t=="object"||typeof t=="function")for(let s of N(t))!H.call(e,s)&&s!==n&&D(e,s,{get:()=>t[s],enumerable:!(r=G(t,s))||r.enumerable});return e},' +
  'rr=(e,t,n)=>(C(e,t,"default"),n&&C(n,t,"default"));';
const SHARED =
  'var m={};B(m,{default:()=>a});var a;rr(m,require("node:fs"));a=require("node:fs");' +
  'var f={};B(f,{default:()=>b});var b;rr(f,require("node:path"));b=require("node:path");' +
  'var w={};B(w,{default:()=>c});var c;rr(w,require("node:os"));c=require("node:os");';
const READ = 'module.exports={m,f,w};';

type Namespaces = Record<'m' | 'f' | 'w', Record<string, unknown>>;
const run = (code: string): Namespaces => {
  const mod = { exports: {} as Namespaces };
  new Function('module', 'require', code)(mod, require);
  return mod.exports;
};

test('the shared builtins read every export as the copied getters did, and their own default', () => {
  const code = HELPERS + SHARED + READ;
  const linked = linkBuiltinPrototypes(code);
  assert.notEqual(linked, code);
  assert.equal(linked.length, code.length, 'padded to the same length: the source map stays right');
  const copied = run(code);
  const proto = run(linked);
  // The builtins themselves (an `import * as` of this compiled test is a copy of one).
  const builtinOf = createRequire(__filename);
  for (const [key, builtin] of [
    ['m', builtinOf('node:fs') as typeof fs],
    ['f', builtinOf('node:path') as typeof path],
    ['w', builtinOf('node:os') as typeof os],
  ] as const) {
    assert.equal(Object.getPrototypeOf(proto[key]), builtin);
    for (const name of Object.keys(builtin))
      if (name !== 'default') assert.equal(proto[key][name], copied[key][name], `${key}.${name}`);
    assert.equal(proto[key].default, builtin);
  }
});

test('a bundle whose helper re-exports anything else is left as it is', () => {
  const other = HELPERS + SHARED + 'var z={};rr(z,require("./elsewhere"));' + READ;
  assert.equal(linkBuiltinPrototypes(other), other);
  const noHelper = SHARED.replace(/rr\(/g, 'xx(') + READ;
  assert.equal(linkBuiltinPrototypes(noHelper), noHelper);
});

test('the engine bundle as built is linked', () => {
  const bundle = fs.readFileSync(path.join(REPO, 'dist', 'agentguard.js'), 'utf8');
  assert.match(bundle, /=\(e,t\)=>Object\.setPrototypeOf\(e,t\) +,/);
});
