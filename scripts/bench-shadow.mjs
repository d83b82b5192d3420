// The shadow check's own cost per hook call, in process (no spawn): the
// compiled `withShadow` (out/src/core/frontdoor/shadow.js) over workspaces
// whose files are as install recorded them, the call's working folder at the
// root and four folders down. Each figure is the median, over 21 rounds, of a
// round's mean per call (2,000 calls a round, after a warm-up round).
// Run after `npm run build`, under the heavy lock:
//   flock /tmp/agentguard-heavy.lock node scripts/bench-shadow.mjs
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = (rel) => require(path.join(root, 'out', 'src', ...rel.split('/')));
const { withShadow } = out('core/frontdoor/shadow.js');
const { recordHookFiles } = out('core/launcher/hookRecord.js');

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-bench-shadow-')));
const home = path.join(tmp, 'home');
const launcher = path.join(home, '.agentguard', 'bin', 'agentguard');

function workspace(name, files) {
  const dir = path.join(home, 'code', name);
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'packages', 'api', 'src', 'routes'), { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const state = path.join(tmp, `state-${name}`);
  fs.mkdirSync(state, { recursive: true });
  return { dir, state };
}

const cases = [];
function add(host, name, files, written) {
  const ws = workspace(name, files);
  recordHookFiles(
    ws.state,
    written.map((rel) => ({ host, scope: 'project', file: path.join(ws.dir, rel) })),
    ws.dir,
    launcher,
  );
  for (const [where, cwd] of [
    ['root', ws.dir],
    ['4 down', path.join(ws.dir, 'packages', 'api', 'src', 'routes')],
  ])
    cases.push({ label: `${host.padEnd(8)} cwd ${where}`, host, ws, cwd });
}

add('codex', 'codex', { '.codex/config.toml': 'model = "gpt-5-codex"\n', '.codex/hooks.json': '{"hooks":{}}\n' }, [
  '.codex/hooks.json',
]);
add('qwen', 'qwen', { '.qwen/settings.json': '{"hooks":{}}\n', '.env': 'PORT=3000\n' }, ['.qwen/settings.json']);
add('claude', 'claude', { '.claude/settings.json': '{"hooks":{}}\n' }, ['.claude/settings.json']);
add('opencode', 'opencode', { 'opencode.json': '{"permission":{"bash":"ask"}}\n' }, []);

const verdict = { decision: 'allow', score: 0, findings: [] };
const req = { kind: 'shell', toolName: 'Bash', command: 'npm test', event: 'PreToolUse', workspaceRoots: [] };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const c of cases) {
  const call = () => withShadow(verdict, { ...req, cwd: c.cwd }, c.host, c.ws.dir, home, c.ws.state, c.cwd);
  const decided = call().decision;
  const rounds = [];
  for (let r = 0; r < 22; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 2000; i++) call();
    const perCall = Number(process.hrtime.bigint() - t0) / 2000 / 1000;
    if (r > 0) rounds.push(perCall);
  }
  console.log(`${c.label}  median ${median(rounds).toFixed(1)} µs/call  (${decided})`);
}
fs.rmSync(tmp, { recursive: true, force: true });
