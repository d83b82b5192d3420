// One run of one real host: a throwaway home and workspace, AgentGuard
// installed with `agentguard install --HOST` (or not, or broken, or
// removed), the scripted model primed with one tool call, the host started
// headless in one permission mode, and the markers read afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareWorkspace } from './scenarios.mjs';

export const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const RUN_TIMEOUT_MS = Number(process.env.AGENTGUARD_REAL_HOSTS_RUN_TIMEOUT_MS ?? 150_000);

/** Installs the pinned hosts (or finds them in the cache) and returns hosts.json with absolute paths. */
export function ensureRealHosts() {
  const script = path.join(repoRoot, 'scripts', 'install-real-hosts.sh');
  const t0 = Date.now();
  const r = spawnSync('bash', [script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: 30 * 60_000,
  });
  if (r.status !== 0)
    throw new Error(`install-real-hosts.sh failed: ${r.error?.message ?? `exit ${r.status ?? r.signal}`}`);
  const root = r.stdout.trim().split('\n').pop();
  const info = JSON.parse(fs.readFileSync(path.join(root, 'hosts.json'), 'utf8'));
  info.root = root;
  info.installMs = Date.now() - t0;
  info.nodeBin = path.join(root, info.node);
  for (const h of Object.values(info.hosts)) h.bin = path.join(root, h.bin);
  return info;
}

/** The runs go beside the cache, not under /tmp: Codex will not set up its helpers under a temporary folder. */
function runsRoot(info) {
  const dir = path.join(path.dirname(info.root), 'runs', String(process.pid));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Removes this process's runs folder (each run removes its own sandbox unless kept). */
export function removeRuns(info) {
  if (process.env.AGENTGUARD_REAL_HOSTS_KEEP !== '1') fs.rmSync(runsRoot(info), { recursive: true, force: true });
}

function run(argv, { env, cwd, timeout = RUN_TIMEOUT_MS }) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(argv[0], argv.slice(1), { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      if (stdout.length < 1_000_000) stdout += c;
    });
    child.stderr.on('data', (c) => {
      if (stderr.length < 1_000_000) stderr += c;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeout);
    child.on('error', (err) => {
      stderr += String(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // The host's children (MCP servers, shells) go with it.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - t0 });
    });
  });
}

/** A copy of the built CLI the run can break or delete without touching the checkout. */
function copyAgentGuard(dest) {
  fs.mkdirSync(path.join(dest, 'dist'), { recursive: true });
  for (const f of fs.readdirSync(path.join(repoRoot, 'dist'))) {
    if (f.endsWith('.js')) fs.copyFileSync(path.join(repoRoot, 'dist', f), path.join(dest, 'dist', f));
  }
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(dest, 'package.json'));
  return path.join(dest, 'dist', 'cli.js');
}

function baseEnv(ctx) {
  return {
    PATH: [ctx.shims, path.dirname(ctx.nodeBin), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: ctx.home,
    PWD: ctx.ws,
    USER: process.env.USER ?? 'root',
    LOGNAME: process.env.USER ?? 'root',
    SHELL: '/bin/bash',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    XDG_STATE_HOME: path.join(ctx.home, '.local', 'state'),
    XDG_CONFIG_HOME: path.join(ctx.home, '.config'),
    XDG_CACHE_HOME: path.join(ctx.home, '.cache'),
    XDG_DATA_HOME: path.join(ctx.home, '.local', 'share'),
    TMPDIR: ctx.tmp,
  };
}

/** Where a host's hook command is, in each hook file `install` wrote (for payload capture). */
function wrapHooksForCapture(ctx, installOutput) {
  const launcher = path.join(ctx.home, '.agentguard', 'bin', 'agentguard');
  const capture = path.join(ctx.sandbox, 'capture-hook');
  fs.mkdirSync(ctx.captureDir, { recursive: true });
  // Saves the payload and the hook's exit code and time, then answers as the hook did.
  fs.writeFileSync(
    capture,
    `#!/bin/sh
f='${ctx.captureDir}'/$(date +%s%N)
cat > "$f.json"
start=$(date +%s%N)
'${launcher}' "$@" < "$f.json" > "$f.out"
code=$?
echo "$code $(( ($(date +%s%N) - start) / 1000000 ))" > "$f.exit"
cat "$f.out"
exit $code
`,
  );
  fs.chmodSync(capture, 0o755);
  const rewritten = new Set();
  for (const line of installOutput.split('\n')) {
    const file = line.split(/\s+/)[1];
    if (!file || !fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(launcher)) continue;
    fs.writeFileSync(file, text.split(launcher).join(capture));
    rewritten.add(file);
  }
  recordCaptureEdit(ctx, rewritten, launcher, capture);
}

/**
 * The suite's own edit of the hook files, put in the record install keeps of
 * them as if install had written it: otherwise every call is asked, rightly,
 * as one whose hook file no longer calls AgentGuard (frontdoor/shadow.ts).
 */
function recordCaptureEdit(ctx, rewritten, launcher, capture) {
  if (rewritten.size === 0) return;
  const recordFile = path.join(ctx.home, '.local', 'state', 'agentguard', 'hook-files.json');
  const record = JSON.parse(fs.readFileSync(recordFile, 'utf8'));
  for (const r of record.files) {
    if (!rewritten.has(r.file)) continue;
    const bytes = fs.readFileSync(r.file);
    const st = fs.statSync(r.file);
    Object.assign(r, {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: st.size,
      ino: st.ino,
      ctimeMs: st.ctimeMs,
      entries: r.entries?.map((e) => ({ ...e, command: e.command.split(launcher).join(capture) })),
    });
  }
  fs.writeFileSync(recordFile, JSON.stringify(record, null, 1) + '\n', { mode: 0o600 });
}

/**
 * Runs `scenario` on `host` in `mode`. `guard`: 'none' (no AgentGuard),
 * 'installed', 'broken' (the CLI throws at start), 'removed' (the CLI
 * deleted after install). Returns the outcome read from markers.
 */
export async function runScenario({
  info,
  model,
  hostId,
  host,
  mode,
  scenarioId,
  scenario,
  guard,
  capture = false,
  codexHookTrust = true,
  installArgs = [],
}) {
  const sandbox = fs.mkdtempSync(path.join(runsRoot(info), `${hostId}-${mode}-${scenarioId}-${guard}-`));
  const ctx = {
    sandbox,
    home: path.join(sandbox, 'home'),
    ws: path.join(sandbox, 'ws'),
    // Short: Claude Code's sandbox puts its network bridge's Unix sockets in TMPDIR (at most 108 bytes a path).
    tmp: fs.mkdtempSync(path.join(os.tmpdir(), 'agr-')),
    shims: path.join(sandbox, 'bin'),
    captureDir: path.join(sandbox, 'payloads'),
    nodeBin: info.nodeBin,
    bin: info.hosts[hostId].bin,
    mcpScript: path.join(repoRoot, 'test', 'hosts-real', 'mcpServer.mjs'),
    modelUrl: model.url,
    model,
    codexHookTrust,
    sharedCache: path.join(path.dirname(info.root), 'runs', 'shared-cache'),
  };
  ctx.markers = {
    curl: path.join(ctx.ws, '.curl-ran'),
    psql: path.join(ctx.ws, '.psql-ran'),
    mcp: path.join(sandbox, 'mcp-ran'),
  };
  for (const d of [ctx.home, ctx.ws, ctx.tmp, path.join(ctx.home, '.codex')]) fs.mkdirSync(d, { recursive: true });
  const env = baseEnv(ctx);
  spawnSync('git', ['init', '-q', ctx.ws], { env });
  prepareWorkspace(ctx);
  scenario.prepare?.(ctx, host);
  for (const [file, content] of Object.entries(host.userSettings?.(ctx) ?? {})) {
    fs.mkdirSync(path.dirname(path.join(ctx.home, file)), { recursive: true });
    fs.writeFileSync(
      path.join(ctx.home, file),
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );
  }

  const outcome = { host: hostId, mode, scenario: scenarioId, guard };
  if (guard !== 'none') {
    if (!host.agentguard) return { ...outcome, result: 'no-adapter' };
    const cli = copyAgentGuard(path.join(sandbox, 'agentguard'));
    const inst = spawnSync(
      ctx.nodeBin,
      [cli, 'install', `--${host.agentguard}`, '--workspace', ctx.ws, ...installArgs],
      { env, cwd: ctx.ws, encoding: 'utf8' },
    );
    if (inst.status !== 0) throw new Error(`agentguard install --${host.agentguard} failed: ${inst.stderr}`);
    if (capture) wrapHooksForCapture(ctx, inst.stdout);
    if (guard === 'broken')
      fs.writeFileSync(cli, "throw new Error('AgentGuard broken on purpose by the real-host suite');\n");
    if (guard === 'removed') fs.rmSync(path.join(sandbox, 'agentguard'), { recursive: true, force: true });
  }
  // The workspace's own commit, so `git status` has something to compare with.
  spawnSync('git', ['-C', ctx.ws, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '-A'], { env });
  spawnSync('git', ['-C', ctx.ws, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'start'], {
    env,
  });

  if (host.prepare) {
    const p = await run(host.prepare(ctx), { env, cwd: ctx.ws, timeout: 60_000 });
    if (p.code !== 0) throw new Error(`${hostId} prepare failed: ${p.stderr.slice(-500)}`);
  }
  const call = scenario.call(host, ctx);
  model.setScript({ call });
  const { argv, env: hostEnv } = host.command(ctx, mode, 'Do the next step of the task.');
  host.beforeRun?.(ctx);
  const proc = await run(argv, { env: { ...env, ...hostEnv }, cwd: ctx.ws });
  host.afterRun?.(ctx);
  const hostHookMs = host.hookTimes?.(ctx) ?? [];
  const offered = model.requests.some((r) => (r.answered ?? '').startsWith('tool'));
  const ran = scenario.ran(ctx, host);
  // What AgentGuard answered (with capture): a scenario about the host's sandbox needs the hook to have let the call through.
  outcome.hookAnswers = capture ? readCaptured(ctx.captureDir).map((p) => p.answer.trim()) : undefined;
  let result = ran ? 'ran' : 'stopped';
  if (!offered && !ran) result = proc.timedOut ? 'timeout' : 'no-call';
  // Captured payloads name the run's folders as the fixtures do: __WORKSPACE__ and __HOME__.
  const placeholders = (text) => text.split(ctx.ws).join('__WORKSPACE__').split(ctx.home).join('__HOME__');
  const payloads = capture
    ? readCaptured(ctx.captureDir).map((p) => ({
        ...p,
        payload: placeholders(p.payload),
        answer: placeholders(p.answer),
      }))
    : [];
  const keep = process.env.AGENTGUARD_REAL_HOSTS_KEEP === '1';
  if (!keep) fs.rmSync(sandbox, { recursive: true, force: true });
  if (!keep) fs.rmSync(ctx.tmp, { recursive: true, force: true });
  return {
    ...outcome,
    result,
    ms: proc.ms,
    exit: proc.code ?? proc.signal,
    toolResults: model.results().map((r) => r.slice(0, 400)),
    requests: model.requests.length,
    // The tools the host offered the model: what an agent can call, hooked or not.
    offered: model.requests.find((r) => r.tools?.length)?.tools ?? [],
    stderrTail: proc.stderr.slice(-1500),
    stdoutTail: proc.stdout.slice(-1500),
    payloads,
    hostHookMs,
    sandbox: keep ? sandbox : undefined,
  };
}

function readCaptured(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const base = path.join(dir, f.slice(0, -5));
      const read = (ext) => (fs.existsSync(base + ext) ? fs.readFileSync(base + ext, 'utf8') : '');
      const [code, ms] = read('.exit').trim().split(' ');
      return { payload: read('.json'), answer: read('.out'), exit: Number(code), ms: Number(ms) };
    });
}
