#!/usr/bin/env node
// What running the engine bundle's module bodies costs one hook call, module by module: a copy of
// dist/ whose lazy-init wrapper (esbuild's `__esm`, one per module) times each body it runs, less the
// bodies that body starts, so each module's figure is its own. The copy's bundle is compiled with a V8
// code cache written by its first call, as the CLI compiles its own, and the calls run in a young
// generation large enough that no scavenge lands inside a body (a scavenge lands at the same allocation
// in every run, so a median would charge one module with it). Medians of the runs after the first.
//
//   node scripts/module-bodies.mjs [--dist dist] [--runs 9] [--command 'git status'] [--top 20]
//
// A picture of where loading goes, not a benchmark: the wrapper's timing adds about a microsecond a
// module, and the hook runs in its own process (AGENTGUARD_JUDGE=off) against a throwaway state folder.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { option, repoRoot } from './bench-options.mjs';
import { sourcePlace } from './source-place.mjs';
import { pathToFileURL } from 'node:url';

const dist = path.resolve(option('--dist', path.join(repoRoot, 'dist')));
const runs = Number(option('--runs', '9'));
const command = option('--command', 'git status');
const top = Number(option('--top', '20'));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bodies-'));
try {
  const copy = path.join(tmp, 'dist');
  fs.cpSync(dist, copy, { recursive: true });
  const bundle = path.join(copy, 'agentguard.js');
  const original = fs.readFileSync(bundle, 'utf8');
  // esbuild's __esm, minified: `var NAME=(e,t,n)=>()=>{if(n)throw n[0];try{return e&&(t=e(e=0)),t}catch(r){throw n=[r],r}};`
  const wrapper =
    /var (\w+)=\((\w),(\w),(\w)\)=>\(\)=>\{if\(\4\)throw \4\[0\];try\{return \2&&\(\3=\2\(\2=0\)\),\3\}catch\((\w)\)\{throw \4=\[\5\],\5\}\};/;
  const m = wrapper.exec(original);
  if (!m) throw new Error(`${bundle}: esbuild's module wrapper was not found (a new esbuild?)`);
  const [whole, name] = m;
  // Each wrapper knows its body by the body's source text, found again in the original bundle for its place.
  const timed =
    `var __bodies=new Map(),__inner=[0];var ${name}=(e,t,n)=>{const k=e.toString().slice(0,160);let ran=!1;` +
    `return()=>{if(n)throw n[0];if(ran)return t;ran=!0;__inner.push(0);const t0=process.hrtime.bigint();` +
    `try{return t=e(e=0),t}catch(r){throw n=[r],r}finally{const d=Number(process.hrtime.bigint()-t0)/1e3;` +
    `const kids=__inner.pop();__inner[__inner.length-1]+=d;__bodies.set(k,(__bodies.get(k)||0)+d-kids)}}};` +
    `process.on("exit",()=>require("fs").writeFileSync(process.env.BODIES_OUT,JSON.stringify([...__bodies])));`;
  fs.writeFileSync(bundle, original.replace(whole, timed));
  // Compiles the bundle as the CLI does (vm.Script with a code cache beside it), then runs it as the main module.
  const runner = path.join(tmp, 'run.cjs');
  fs.writeFileSync(
    runner,
    `const fs=require('fs'),vm=require('vm'),path=require('path'),Module=require('module');
const file=${JSON.stringify(bundle)},cacheFile=file+'.cache';
const cachedData=fs.existsSync(cacheFile)?fs.readFileSync(cacheFile):undefined;
const script=new vm.Script(Module.wrap(fs.readFileSync(file,'utf8')),{filename:file,cachedData});
if(cachedData&&script.cachedDataRejected){console.error('code cache rejected');process.exit(3);}
const m=new Module(file,module);m.filename=file;m.paths=Module._nodeModulePaths(path.dirname(file));
process.argv=[process.argv[0],file,...process.argv.slice(2)];
if(!cachedData)process.on('exit',()=>fs.writeFileSync(cacheFile,script.createCachedData()));
script.runInThisContext()(m.exports,(id)=>m.require(id),m,file,path.dirname(file));\n`,
  );
  const workspace = path.join(tmp, 'app');
  fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
  const payload = JSON.stringify({
    session_id: 'bodies',
    transcript_path: path.join(tmp, 'transcript.jsonl'),
    cwd: workspace,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command },
  });
  const results = [];
  for (let i = 0; i <= runs; i++) {
    const out = path.join(tmp, `bodies-${i}.json`);
    const r = spawnSync(process.execPath, ['--min-semi-space-size=64', runner, 'hook', 'claude'], {
      input: payload,
      cwd: workspace,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: tmp,
        AGENTGUARD_STATE_DIR: path.join(tmp, 'state'),
        AGENTGUARD_JUDGE: 'off',
        BODIES_OUT: out,
      },
    });
    if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`hook call ${i} failed (exit ${r.status}): ${r.stderr}`);
    if (i > 0) results.push(new Map(JSON.parse(fs.readFileSync(out, 'utf8'))));
  }
  // Line and column of each body in the original bundle, for its source map.
  const lineStarts = [0];
  for (let i = 0; i < original.length; i++) if (original.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const url = pathToFileURL(path.join(dist, 'agentguard.js')).href;
  const placeOf = (text) => {
    const at = original.indexOf(text);
    if (at < 0) return '(unplaced)';
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return sourcePlace(url, lo, at - lineStarts[lo])?.file ?? '(no source)';
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const keys = new Set(results.flatMap((r) => [...r.keys()]));
  const rows = [...keys].map((k) => [placeOf(k), median(results.map((r) => r.get(k) ?? 0))]);
  const roomOf = (file) => {
    const parts = file.split('/');
    if (file.startsWith('src/core/packs/')) return 'packs/' + parts[3].replace(/\.ts$/, '');
    return file.startsWith('src/') ? parts.slice(0, 3).join('/') : parts.slice(0, 2).join('/');
  };
  const rooms = new Map();
  for (const [file, us] of rows) rooms.set(roomOf(file), (rooms.get(roomOf(file)) ?? 0) + us);
  const total = rows.reduce((s, [, us]) => s + us, 0);
  const fmt = (us) => `${(us / 1000).toFixed(2).padStart(6)} ms`;
  console.log(
    `module bodies of one hook call (\`${command}\`, in its own process): ${rows.length} modules, ${fmt(total)} in all (medians of ${runs} runs, ${process.version})`,
  );
  console.log('by room:');
  for (const [room, us] of [...rooms].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${fmt(us)}  ${room}`);
  console.log('by module:');
  for (const [file, us] of rows.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${fmt(us)}  ${file}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
