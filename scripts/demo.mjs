// npm run demo: the PocketOS incident, replayed through the real hook. An
// agent explores a fresh copy of examples/demo, hunts for a token, sends the
// Railway `volumeDelete` mutation, drops a table in a real PostgreSQL, tries
// to delete the backups and retries in a burst. Every step is one
// `node dist/cli.js hook claude` process fed Claude Code's own PreToolUse
// payload; home, state folder (kill switch, snapshots, audit log) and
// database are throwaway. Then a human restores the dropped table.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from './pg-cluster.mjs';
import { confirmedState } from './confirm-state.mjs';

const started = Date.now();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-demo-')));
const home = path.join(tmp, 'home');
const workspace = path.join(home, 'code', 'pocketos');
const state = path.join(tmp, 'state');
// AgentGuard's state hangs from the account's home (passwd): the demo's own state folder counts once confirmed, as
// your editor confirms its own, in the account's state. `npm run demo` runs as a throwaway account; yours is not touched.
try {
  confirmedState(state);
} catch (err) {
  console.error(`demo: ${err.message}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
}
fs.mkdirSync(path.dirname(workspace), { recursive: true });
fs.cpSync(path.join(root, 'examples', 'demo'), workspace, { recursive: true });
// Inside a temp folder the demo's schema reference would dangle; the config is the same.
const configFile = path.join(workspace, '.agentguard.json');
fs.writeFileSync(configFile, fs.readFileSync(configFile, 'utf8').replace(/^\s*"\$schema".*\n/m, ''));

let pg;
try {
  // AGENTGUARD_DEMO_NO_POSTGRES=1 replays what a machine without PostgreSQL sees.
  pg = process.env.AGENTGUARD_DEMO_NO_POSTGRES
    ? { missing: 'apt-get install postgresql' }
    : startCluster({ database: 'pocketos' });
} catch (err) {
  pg = { missing: `PostgreSQL is installed but its throwaway cluster did not start: ${err.message.split('\n')[0]}` };
}
const ROWS = 1284;
const count = () => {
  try {
    return pg.psql('SELECT count(*) FROM bookings');
  } catch {
    return 'table gone';
  }
};

const env = {
  PATH: `${pg.bin ? pg.bin + ':' : ''}${process.env.PATH ?? '/usr/bin:/bin'}`,
  HOME: home,
  AGENTGUARD_STATE_DIR: state,
  LANG: 'C.UTF-8',
  // The agent's shell reaches the database through libpq's variables, as a .env would set them.
  ...(pg.host ? { PGHOST: pg.host, PGPORT: pg.port, PGUSER: pg.user } : {}),
};
const session = '5c0e7b1a-pocketos-replay';
let step = 0;
const rows = [];
const width = Math.min(process.stdout.columns || 100, 110);
const cut = (s, n) => (s.length > n ? s.slice(0, n - 3) + '...' : s);

/** One agent tool call through the real hook, as Claude Code sends it. */
function agent(label, command, description) {
  step++;
  const payload = {
    session_id: session,
    transcript_path: path.join(home, '.claude', 'projects', 'pocketos', `${session}.jsonl`),
    cwd: workspace,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description },
    tool_use_id: `toolu_demo_${step}`,
  };
  const run = spawnSync(process.execPath, [cli, 'hook', 'claude'], {
    input: JSON.stringify(payload),
    env,
    cwd: workspace,
    encoding: 'utf8',
  });
  // Exit 0 and no permissionDecision is Claude Code's "no decision": its own permission flow applies, as without AgentGuard.
  const answer = run.stdout.trim() ? JSON.parse(run.stdout) : {};
  const out = answer.hookSpecificOutput;
  const reason = out?.permissionDecisionReason ?? answer.systemMessage ?? '';
  const decision = out?.permissionDecision ?? 'defer';
  const snapshot = /snapshot restore (\S+)/.exec(reason)?.[1];
  const finding = /\[([a-z]+\.[a-z0-9.-]+)\]/.exec(reason)?.[1] ?? '';
  const mark = { allow: 'allow', defer: 'defer', ask: 'ASK  ' }[decision] ?? 'DENY ';
  console.log(`${String(step).padStart(2)}  ${mark}  ${label.padEnd(15)} ${cut(command, width - 26)}`);
  const lines = reason.split('\n');
  const headline = lines[0].replace(/^AgentGuard:? ?/, '');
  const first = lines
    .find((l) => l.startsWith('- '))
    ?.slice(2)
    .replace(/; safer: .*/, '');
  if (decision !== 'allow' && decision !== 'defer')
    console.log(`                       ↳ ${cut(first ?? headline, width - 26)}`);
  const snap = lines.find((l) => /snapshot/.test(l) && !l.startsWith('- '));
  if (snap)
    console.log(
      `                       ↳ ${cut(snap.replace(/^AgentGuard:? ?/, '').replace(/; undo with: .*/, ''), width - 26)}`,
    );
  rows.push({ step, label, decision, finding, snapshot: snapshot ?? (snap ? 'not taken' : '') });
  return { decision, reason, snapshot };
}

function human(text) {
  console.log(`    human  ${text}`);
}

function cliRun(...args) {
  return spawnSync(process.execPath, [cli, ...args], { env, cwd: workspace, encoding: 'utf8' });
}

console.log('AgentGuard demo: the PocketOS incident (April 2026), replayed through the real hook\n');
console.log(`  workspace  a fresh copy of examples/demo in ${workspace}`);
console.log(`  state      ${state} (throwaway: kill switch, snapshots, audit log)`);
if (!pg.missing) {
  pg.psql(`CREATE TABLE bookings (id int PRIMARY KEY, customer text NOT NULL, starts_at date NOT NULL, total numeric(10,2));
    INSERT INTO bookings SELECT g, 'customer ' || g, date '2026-01-01' + g % 300, (g % 97) * 12.5 FROM generate_series(1, ${ROWS}) g`);
  console.log(
    `  database   a throwaway PostgreSQL cluster (${path.basename(path.dirname(pg.bin))}); table bookings holds ${count()} rows`,
  );
} else {
  console.log(`  database   no PostgreSQL here, so the DROP TABLE step is skipped (to replay it: ${pg.missing})`);
}
console.log(`
Each step is one \`agentguard hook claude\` process fed Claude Code's PreToolUse
payload. A harmless call gets no decision from AgentGuard ("defer"): Claude
Code's own permission settings decide it, as they would without AgentGuard.
No editor runs here, so a gated call comes back as Claude's own "ask" prompt;
with VS Code or Cursor open it is AgentGuard's approval modal instead.
`);

agent('explore', 'ls -la', 'List the project');
agent('explore', 'cat package.json', 'Read the scripts');
agent('explore', 'grep -rn "railway" src/', 'Find the Railway client');
agent('token hunt', 'grep -r RAILWAY_TOKEN .env*', 'Look for an API token');
agent(
  'API mutation',
  `curl -s -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -H 'Content-Type: application/json' -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_3d2f9c\\") }"}'`,
  'Delete the staging volume',
);

let dropped;
if (!pg.missing) {
  dropped = agent('DROP TABLE', `psql pocketos -c 'DROP TABLE bookings'`, 'Reset the bookings table');
  // Claude's prompt was answered yes: the statement really runs.
  const run = spawnSync('psql', ['-X', '-q', ...pg.conn, '-c', 'DROP TABLE bookings'], { env, encoding: 'utf8' });
  human(`said yes in Claude's prompt: psql ran DROP TABLE bookings (exit ${run.status}); bookings: ${count()}`);
} else {
  console.log(`    skip   DROP TABLE against a real PostgreSQL: not installed here; to replay it: ${pg.missing}`);
}

agent('delete backups', 'rm -rf backups/', 'Free some space');
for (let i = 1; i <= 3; i++)
  agent(
    `retry ${i}`,
    `curl -s -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_3d2f9c\\") }"}'`,
    'Retry the deletion',
  );
agent('after the trip', 'ls -la', 'List the project');

console.log('');
if (dropped?.snapshot) {
  const before = count();
  const restore = cliRun('snapshot', 'restore', dropped.snapshot);
  const took = JSON.parse(cliRun('snapshot', 'show', dropped.snapshot).stdout || '{}').ms;
  human(`agentguard snapshot restore ${dropped.snapshot}   (the pg_dump before the DROP took ${took} ms)`);
  console.log(`           ${(restore.stdout || restore.stderr).trim()}`);
  console.log(`           bookings: ${before} before the restore, ${count()} rows after (${ROWS} before the DROP)`);
} else if (dropped) {
  console.log('    restore  no snapshot was taken (see the DROP TABLE step)');
}
const verify = cliRun('audit', 'verify');
human(`agentguard audit verify → exit ${verify.status}: ${verify.stdout.trim().replace(/ \(.*\)$/, '')}`);

console.log('\nSummary');
console.log(' #  step             decision  finding                             snapshot');
for (const r of rows) {
  console.log(
    `${String(r.step).padStart(2)}  ${r.label.padEnd(16)} ${r.decision.padEnd(9)} ${(r.finding || '-').padEnd(35)} ${r.snapshot || '-'}`,
  );
}
const asked = rows.filter((r) => r.decision === 'ask').length;
const denied = rows.filter((r) => r.decision === 'deny').length;
console.log(
  `\n${rows.length} agent calls: ${rows.length - asked - denied} left to Claude Code's own permissions, ${asked} asked, ${denied} denied; the kill switch was engaged by the rate limiter in the demo's own state folder only.`,
);
console.log(`Finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

if (pg.stop) pg.stop();
fs.rmSync(tmp, { recursive: true, force: true });
