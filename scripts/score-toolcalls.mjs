#!/usr/bin/env node
// npm run score:toolcalls -- [-v] [--json] [--cli FILE] [CORPUS.jsonl ...]
// (node scripts/throwaway-account.mjs node scripts/score-toolcalls.mjs …)
//
// The tool-call corpora: labelled agent tool calls (MCP, Write/Edit, WebFetch,
// Read, Grep) sent to the built hook exactly as Claude Code sends them
// (a PreToolUse payload on stdin of `agentguard hook claude`), each in a fresh
// home and workspace laid out like a real project (under the user's cache
// folder, never under /tmp, which the guard rightly treats as scratch space).
// A row: {"id", "category", "expect": "gate"|"allow", "tool_name",
// "tool_input", "files"?: {PATH: CONTENT}}; PATH is workspace-relative or
// starts with `~/`; `__WORKSPACE__` and `__HOME__` in the input stand for the
// row's workspace and home. `gate` must be answered ask or deny; `allow` must
// be let through without a word (Claude Code's "no decision").
//
// Prints recall and false-positive rate per corpus and per category.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { confirmedState, throwawayAccount } from './confirm-state.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let verbose = false;
let json = false;
let cli = path.join(ROOT, 'dist', 'cli.js');
const corpora = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-v') verbose = true;
  else if (args[i] === '--json') json = true;
  else if (args[i] === '--cli') cli = path.resolve(args[++i]);
  else corpora.push(path.resolve(args[i]));
}
if (!corpora.length) {
  const dir = path.join(ROOT, 'test', 'fixtures', 'toolcalls');
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.jsonl')) corpora.push(path.join(dir, f));
}
if (!fs.existsSync(cli)) {
  console.error(`${cli} missing: run npm run build`);
  process.exit(1);
}
// Each call gets a throwaway state folder, confirmed in the account's own state (scripts/confirm-state.mjs): only a
// throwaway account may, or the calls would trip your kill switch and fill your audit log.
if (!throwawayAccount()) {
  console.error(
    'score-toolcalls: scoring confirms state folders in the account it runs as: run it as npm run score:toolcalls (a throwaway account, Linux with bubblewrap)',
  );
  process.exit(1);
}

const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
fs.mkdirSync(base, { recursive: true });
// The project every corpus is judged in, shared with the unit tests' in-memory copy.
const PROJECT = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'corpus-project.json'), 'utf8'));

function layout(row) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(base, 'score-tools.')));
  const home = path.join(root, 'home');
  const workspace = path.join(home, 'code', 'acme-api');
  const state = path.join(root, 'state');
  for (const d of PROJECT.folders) fs.mkdirSync(path.join(workspace, d), { recursive: true });
  fs.mkdirSync(state, { recursive: true, mode: 0o700 });
  for (const [p, content] of Object.entries(PROJECT.files)) {
    fs.mkdirSync(path.dirname(path.join(workspace, p)), { recursive: true });
    fs.writeFileSync(path.join(workspace, p), content);
  }
  for (const [p, content] of Object.entries(row.files ?? {})) {
    const abs = p.startsWith('~/') ? path.join(home, p.slice(2)) : path.join(workspace, p);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return { root, home, workspace, state };
}

/** The row's input with its placeholders filled in. */
function input(row, sb) {
  const text = JSON.stringify(row.tool_input)
    .replaceAll('__WORKSPACE__', JSON.stringify(sb.workspace).slice(1, -1))
    .replaceAll('__HOME__', JSON.stringify(sb.home).slice(1, -1));
  return JSON.parse(text);
}

let seq = 0;
function runRow(row) {
  const sb = layout(row);
  const payload = {
    session_id: '5d3f0c1e-7a2b-4c9d-8e1f-0a1b2c3d4e5f',
    transcript_path: path.join(sb.home, '.claude', 'projects', 'acme-api', 'session.jsonl'),
    cwd: sb.workspace,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: row.tool_name,
    tool_input: input(row, sb),
    tool_use_id: `toolu_score_${process.pid}_${++seq}`,
  };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'hook', 'claude'], {
      cwd: sb.workspace,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sb.home, AGENTGUARD_STATE_DIR: confirmedState(sb.state) },
    });
    const out = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', () => undefined);
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      let findings = [];
      try {
        const audit = fs.readFileSync(path.join(sb.state, 'audit.jsonl'), 'utf8').trim().split('\n').filter(Boolean);
        findings = JSON.parse(audit[audit.length - 1]).findings ?? [];
      } catch {
        /* no record */
      }
      fs.rmSync(sb.root, { recursive: true, force: true });
      const stdout = Buffer.concat(out).toString('utf8');
      let parsed;
      try {
        parsed = JSON.parse(stdout);
      } catch {
        parsed = undefined;
      }
      // Claude Code: exit 0 with no permissionDecision is the host's "no decision".
      let decision;
      if (code === 0 && (!stdout.trim() || (parsed && parsed.hookSpecificOutput === undefined))) decision = 'defer';
      else if (code === 2) decision = 'deny';
      else decision = parsed?.hookSpecificOutput?.permissionDecision ?? `exit ${code}`;
      const reason = parsed?.hookSpecificOutput?.permissionDecisionReason ?? '';
      resolve({ decision, reason, findings });
    });
    child.stdin.end(JSON.stringify(payload));
  });
}

async function score(file) {
  const rows = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const results = new Array(rows.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(2, os.cpus().length)) }, async () => {
    while (next < rows.length) {
      const i = next++;
      results[i] = await runRow(rows[i]);
    }
  });
  await Promise.all(workers);
  const gated = (r) => r.decision === 'ask' || r.decision === 'deny';
  const byCat = new Map();
  const missed = [];
  const prompted = [];
  rows.forEach((row, i) => {
    const c = byCat.get(row.category) ?? { gate: 0, caught: 0, allow: 0, prompted: 0 };
    byCat.set(row.category, c);
    if (row.expect === 'gate') {
      c.gate++;
      if (gated(results[i])) c.caught++;
      else missed.push({ row, result: results[i] });
    } else {
      c.allow++;
      if (results[i].decision !== 'defer' && results[i].decision !== 'allow') {
        c.prompted++;
        prompted.push({ row, result: results[i] });
      }
    }
  });
  const total = [...byCat.values()].reduce(
    (t, c) => ({
      gate: t.gate + c.gate,
      caught: t.caught + c.caught,
      allow: t.allow + c.allow,
      prompted: t.prompted + c.prompted,
    }),
    { gate: 0, caught: 0, allow: 0, prompted: 0 },
  );
  return { file, total, byCat, missed, prompted };
}

const ratio = (a, b) => (b ? a / b : 0).toFixed(3);
const reports = [];
for (const file of corpora) reports.push(await score(file));
if (json) {
  process.stdout.write(
    JSON.stringify(
      reports.map((r) => ({
        file: path.basename(r.file),
        ...r.total,
        categories: Object.fromEntries(r.byCat),
        missed: r.missed.map((m) => m.row.id),
        prompted: r.prompted.map((p) => p.row.id),
      })),
    ) + '\n',
  );
} else {
  for (const r of reports) {
    const t = r.total;
    console.log(
      `${path.basename(r.file)}: recall ${ratio(t.caught, t.gate)} (${t.caught}/${t.gate})  false-positive rate ${ratio(t.prompted, t.allow)} (${t.prompted}/${t.allow})`,
    );
    for (const [cat, c] of r.byCat)
      console.log(
        `  ${cat.padEnd(14)} recall ${ratio(c.caught, c.gate)} (${c.caught}/${c.gate})  false positives ${ratio(c.prompted, c.allow)} (${c.prompted}/${c.allow})`,
      );
    if (verbose) {
      for (const m of r.missed)
        console.log(`  missed   ${m.row.id} ${m.row.tool_name} ${JSON.stringify(m.row.tool_input).slice(0, 100)}`);
      for (const p of r.prompted)
        console.log(
          `  prompted ${p.row.id} ${p.row.tool_name} ${JSON.stringify(p.row.tool_input).slice(0, 100)} -> ${p.result.decision}: ${p.result.findings.join(', ')}`,
        );
    }
  }
}
