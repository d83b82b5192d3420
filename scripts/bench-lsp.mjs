// Language server speed: a 2,000-line shell script re-judged after a
// full-text change. In-process (the diagnostics function the server runs,
// src/core/documents/index.ts) for the work itself, and over stdio through
// the real server (`agentguard lsp --stdio`): from didOpen to the first
// publishDiagnostics and to the whole document's (a fresh server each round,
// as when an editor opens the script), and from didChange to
// publishDiagnostics, which adds the 150 ms debounce and the protocol. With
// --compare OTHER/dist/cli.js (or BENCH_COMPARE_CLI), another build's server
// is opened in the same interleaved rounds.
//
//   node scripts/bench-lsp.mjs [--cli dist/cli.js] [--compare OTHER/dist/cli.js]
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { confirmedState } from './confirm-state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { judgeDocument } = require(path.join(root, 'out/src/core/documents/index.js'));

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-bench-lsp-'));
const workspace = path.join(home, 'code', 'acme-api');
fs.mkdirSync(path.join(workspace, 'scripts'), { recursive: true });
fs.writeFileSync(
  path.join(workspace, 'package.json'),
  JSON.stringify({ scripts: { build: 'tsc -p .', test: 'vitest run' } }),
);

// A long deploy script: the everyday commands scripts are made of, blocks, loops, heredocs, and a few risky lines.
// `#` is replaced by a running number so no two statements are the same text (a real script does not repeat itself).
const block = [
  'echo "building $APP_NAME #"',
  'mkdir -p dist/assets#',
  'cp -r static/* dist/assets#/',
  'if [ -f .env# ]; then',
  '  . ./.env#',
  'fi',
  'for f in src#/*.ts; do',
  '  wc -l "$f"',
  'done',
  'npm ci --loglevel=#',
  'npm run build -- --step=#',
  'git status --short src#',
  'tar -czf out#.tgz dist',
  'rm -rf node_modules/.cache#',
  'docker build -t app:# .',
  'kubectl get pods -n team#',
  '# comment',
  '',
  'grep -r "TODO#" src | head -n 5',
  'export PATH="$PWD/bin#:$PATH"',
  'cat > dist/version#.txt <<EOF',
  'version 1.2.#',
  'EOF',
  'test -d logs# || mkdir logs#',
  'curl -fsS https://status.example.com/health/#',
  'git push --force origin feature/deploy-#',
];
const lines = [];
for (let i = 0; lines.length < 2000; i++) lines.push(block[i % block.length].replace(/#(?! comment)/g, String(i)));
lines.length = 2000;
const script = lines.join('\n') + '\n';
const file = path.join(workspace, 'scripts', 'deploy.sh');
fs.writeFileSync(file, script);
const opts = { workspace, cwd: path.dirname(file), home, env: { HOME: home } };
// The servers' state folder is there, as on any machine where AgentGuard runs (the editor makes it at its start):
// the server keeps its code cache in it, and a cache is never why one is made.
fs.mkdirSync(path.join(home, 'state'), { mode: 0o700 });

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}
function ms(t0) {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 21);
// Warm the JIT as a long-running server is.
for (let i = 0; i < 3; i++) judgeDocument('shell', script, opts);
const flags = judgeDocument('shell', script, opts).length;

// Re-judging after a full-text change that edited one line: the server keeps decisions per statement for the folder.
const cache = new Map();
judgeDocument('shell', script, { ...opts, cache });
const warm = [];
for (let r = 0; r < rounds; r++) {
  const edited = script.replace('npm ci --loglevel=9', `npm ci --loglevel=edit${r}`);
  const t0 = process.hrtime.bigint();
  judgeDocument('shell', edited, { ...opts, cache });
  warm.push(ms(t0));
}
// Every statement judged afresh (first open, or a change to the config).
const cold = [];
for (let r = 0; r < Math.min(rounds, 11); r++) {
  const t0 = process.hrtime.bigint();
  judgeDocument('shell', script, { ...opts, cache: new Map() });
  cold.push(ms(t0));
}

console.log(
  `language server, 2,000-line shell script (${flags} flagged lines), in-process diagnostics function, ${rounds} rounds:`,
);
console.log(
  `  re-diagnosed after a full-text change (one line edited): median ${median(warm).toFixed(1)} ms   (goal ≤ 50 ms: ${(median(warm) / 50).toFixed(2)}× of goal)`,
);
console.log(`  every statement judged afresh (first open, config changed): median ${median(cold).toFixed(1)} ms`);

// The same over stdio through the real server: didChange (full text) → publishDiagnostics.
const rpc = require('vscode-languageserver-protocol/node');
const compareIndex = process.argv.indexOf('--compare');
const compare = compareIndex !== -1 ? process.argv[compareIndex + 1] : process.env.BENCH_COMPARE_CLI;
const cliIndex = process.argv.indexOf('--cli');
const cli = path.resolve(cliIndex !== -1 ? process.argv[cliIndex + 1] : path.join(root, 'dist', 'cli.js'));
const servers = [['after', cli], ...(compare ? [['before', path.resolve(compare)]] : [])];

// didOpen → first publishDiagnostics, and → the publish that holds every flag, on a server that has judged nothing yet.
async function openOnce(cli) {
  const server = spawn(process.execPath, [cli, 'lsp', '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, AGENTGUARD_STATE_DIR: confirmedState(path.join(home, 'state')), HOME: home },
  });
  const c = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(server.stdout),
    new rpc.StreamMessageWriter(server.stdin),
  );
  const uri = pathToFileURL(file).href;
  let first, whole, t0;
  const finished = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${cli}: no diagnostics with all ${flags} flags within 30 s`)),
      30_000,
    );
    c.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
      if (p.uri !== uri || t0 === undefined) return;
      first ??= ms(t0);
      if (p.diagnostics.length === flags) {
        whole = ms(t0);
        clearTimeout(timer);
        resolve();
      }
    });
  });
  c.listen();
  await c.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'acme-api' }],
    capabilities: {},
  });
  await c.sendNotification(rpc.InitializedNotification.type, {});
  t0 = process.hrtime.bigint();
  await c.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'shellscript', version: 1, text: script },
  });
  await finished;
  await c.sendRequest(rpc.ShutdownRequest.type);
  await c.sendNotification(rpc.ExitNotification.type);
  c.dispose();
  server.kill();
  return { first, whole };
}
const opens = new Map(servers.map(([name]) => [name, { first: [], whole: [] }]));
const openRounds = Math.min(rounds, 11);
for (let r = 0; r < openRounds; r++) {
  for (const [name, cli] of r % 2 ? [...servers].reverse() : servers) {
    const { first, whole } = await openOnce(cli);
    opens.get(name).first.push(first);
    opens.get(name).whole.push(whole);
  }
}
for (const [name] of servers) {
  const o = opens.get(name);
  console.log(
    `  over stdio, ${name.padEnd(6)} didOpen → first publishDiagnostics: median ${median(o.first).toFixed(1)} ms (goal ≤ 100 ms: ${(median(o.first) / 100).toFixed(2)}× of goal); → all ${flags} flags: median ${median(o.whole).toFixed(1)} ms   (${openRounds} interleaved rounds, a fresh server each)`,
  );
}

const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], {
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, AGENTGUARD_STATE_DIR: confirmedState(path.join(home, 'state')), HOME: home },
});
const conn = rpc.createProtocolConnection(
  new rpc.StreamMessageReader(child.stdout),
  new rpc.StreamMessageWriter(child.stdin),
);
let waiting;
conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => waiting?.(p));
conn.listen();
await conn.sendRequest(rpc.InitializeRequest.type, {
  processId: process.pid,
  rootUri: pathToFileURL(workspace).href,
  workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'acme-api' }],
  capabilities: {},
});
await conn.sendNotification(rpc.InitializedNotification.type, {});
const uri = pathToFileURL(file).href;
const published = (version) =>
  new Promise((resolve) => {
    waiting = (p) => {
      if (p.uri === uri && p.version === version) resolve(p);
    };
  });
let done = published(1);
await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
  textDocument: { uri, languageId: 'shellscript', version: 1, text: script },
});
await done;
const stdio = [];
for (let v = 2; v < 2 + Math.min(rounds, 11); v++) {
  const text = script.replace('npm ci --loglevel=9', `npm ci --loglevel=change${v}`);
  done = published(v);
  const t0 = process.hrtime.bigint();
  await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: v },
    contentChanges: [{ text }],
  });
  await done;
  stdio.push(ms(t0));
}
console.log(
  `  over stdio (agentguard lsp --stdio), didChange → publishDiagnostics: median ${median(stdio).toFixed(1)} ms, of which ${150} ms is the edit debounce`,
);
await conn.sendRequest(rpc.ShutdownRequest.type);
await conn.sendNotification(rpc.ExitNotification.type);
conn.dispose();
child.kill();
fs.rmSync(home, { recursive: true, force: true });
