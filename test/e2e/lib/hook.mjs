// The agent's side of the approval gate, for real: the built CLI started as
// `agentguard hook claude` the way Claude Code starts it before a Bash call,
// with a PreToolUse payload on stdin. It blocks until the editor answers (or
// its own approval timeout passes), then prints its answer and exits.
//
// The hook is started from INSIDE the editor: the harness extension (running
// in code-server's extension host) spawns it on request, as an agent
// extension or the editor's terminal would. The approval channel only
// answers hooks that descend from the editor; one started by this runner is
// "not from the editor" (`outside: true` does that, on purpose).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TIMEOUTS, log, pollUntil, repoRoot, seconds } from './host.mjs';

export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

// Hooks still running. A failed test must not leave one waiting for an
// answer that never comes, nor may one outlive the run.
const liveHooks = new Map();
process.on('exit', () => {
  for (const kill of liveHooks.values()) kill();
});

/** Where the harness extension picks up spawn requests (it derives the same folder from its HOME). */
export function spawnDir(env) {
  return env.AGENTGUARD_E2E_SPAWN_DIR || path.join(env.HOME, '.agentguard-e2e', 'hooks');
}

const HARNESS_DIR = path.join(repoRoot, 'test', 'e2e', 'harness');
const harnessManifest = JSON.parse(fs.readFileSync(path.join(HARNESS_DIR, 'package.json'), 'utf8'));
/** The harness extension as `--list-extensions --show-versions` names it. */
export const HARNESS = { id: `${harnessManifest.publisher}.${harnessManifest.name}`, version: harnessManifest.version };

/**
 * Puts the harness extension into a fresh profile's extensions folder, before
 * the .vsix is installed (so VS Code records both): hooks are spawned from it.
 */
export function seedHarness(sandbox) {
  seedExtension(sandbox, HARNESS_DIR);
}

/** Puts a test extension (a folder with its package.json) into a fresh profile's extensions folder. */
export function seedExtension(sandbox, dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  fs.cpSync(dir, path.join(sandbox.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), {
    recursive: true,
  });
}

/**
 * Waits until the extension says its approval channel listens (on Linux an
 * abstract socket: nothing on disk to poll), from its output channel log.
 */
export async function waitForApprovalChannel(sandbox, timeout = TIMEOUTS.activation) {
  const logs = path.join(sandbox.userData, 'logs');
  return pollUntil(
    () => {
      if (!fs.existsSync(logs)) return undefined;
      const file = fs
        .readdirSync(logs, { recursive: true })
        .map((n) => path.join(logs, n))
        .find((f) => f.endsWith('AgentGuard.log'));
      return (
        file &&
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .find((l) => l.includes('approval channel listening on'))
      );
    },
    { timeout, what: '"approval channel listening on" in the AgentGuard output channel' },
  );
}

function readIf(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
/** What Claude Code sends a PreToolUse hook before running a Bash command. */
export function claudeBashPayload({ command, cwd, home }) {
  const sessionId = randomUUID();
  return {
    session_id: sessionId,
    transcript_path: path.join(home, '.claude', 'projects', path.basename(cwd), `${sessionId}.jsonl`),
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'Run a command' },
  };
}

function claudeToolPayload({ tool, input, cwd, home }) {
  const sessionId = randomUUID();
  return {
    session_id: sessionId,
    transcript_path: path.join(home, '.claude', 'projects', path.basename(cwd), `${sessionId}.jsonl`),
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: input,
  };
}

/** What Claude Code sends before its Write tool replaces (or creates) a whole file. */
export function claudeWritePayload({ filePath, content, cwd, home }) {
  return claudeToolPayload({ tool: 'Write', input: { file_path: filePath, content }, cwd, home });
}

/** What Claude Code sends before its Edit tool replaces one string in a file. */
export function claudeEditPayload({ filePath, oldString, newString, cwd, home }) {
  return claudeToolPayload({
    tool: 'Edit',
    input: { file_path: filePath, old_string: oldString, new_string: newString },
    cwd,
    home,
  });
}

/**
 * Starts `node dist/cli.js hook claude` with `payload` on stdin, from inside
 * the editor's extension host (or from this runner with `outside: true`).
 * `env` must be the editor's environment (HOME, XDG_STATE_HOME or
 * AGENTGUARD_STATE_DIR) so the hook finds the extension's approval channel.
 */
export function startHook({ payload, cwd, env, name, outside = false }) {
  return outside ? startOutside({ payload, cwd, env, name }) : startInEditor({ payload, cwd, env, name });
}

function startInEditor({
  payload,
  cwd,
  env,
  name,
  host = 'claude',
  raw = false,
  argv = [process.execPath, cliPath, 'hook', host],
}) {
  const dir = spawnDir(env);
  fs.mkdirSync(dir, { recursive: true });
  const id = `${Date.now()}-${randomUUID().slice(0, 8)}`;
  const base = path.join(dir, id);
  const t0 = Date.now();
  fs.writeFileSync(`${base}.json.tmp`, JSON.stringify({ argv, payload, cwd, env }));
  fs.renameSync(`${base}.json.tmp`, `${base}.json`);
  liveHooks.set(id, () => fs.writeFileSync(`${base}.kill`, ''));
  let exit;
  const exited = () => {
    if (exit) return exit;
    const text = readIf(`${base}.exit`);
    if (text === undefined) return undefined;
    const { code, signal, error, hookMs } = JSON.parse(text);
    exit = { code, signal, error, ms: Date.now() - t0, hookMs };
    liveHooks.delete(id);
    return exit;
  };
  log(
    `${name}: asked the editor to start ${argv[2] === 'hook' ? `node dist/cli.js hook ${host}` : path.basename(argv[0])}${payload?.tool_input ? ` <<< Bash ${JSON.stringify(payload.tool_input.command)}` : ''}`,
  );
  return resultShape({
    name,
    payload,
    raw,
    exited,
    stdout: () => readIf(`${base}.out`) ?? '',
    stderr: () => readIf(`${base}.err`) ?? '',
    pid: () => JSON.parse(readIf(`${base}.pid`) ?? '{}').pid,
  });
}

function startOutside({ payload, cwd, env, name }) {
  const child = spawn(process.execPath, [cliPath, 'hook', 'claude'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  liveHooks.set(`pid-${child.pid}`, () => child.kill('SIGKILL'));
  const t0 = Date.now();
  let stdout = '';
  let stderr = '';
  let exit;
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  // 'close', not 'exit': it comes after stdout has been read to the end.
  child.on('close', (code, signal) => {
    exit = { code, signal, ms: Date.now() - t0 };
    liveHooks.delete(`pid-${child.pid}`);
  });
  // A hook that died at once must fail the test with its own error, not as EPIPE.
  child.stdin.on('error', () => undefined);
  child.stdin.end(JSON.stringify(payload));
  log(
    `hook ${name}: started pid ${child.pid} from the test runner (outside the editor): node dist/cli.js hook claude <<< Bash ${JSON.stringify(payload.tool_input.command)}`,
  );
  return resultShape({
    name,
    payload,
    exited: () => exit,
    stdout: () => stdout,
    stderr: () => stderr,
    pid: () => child.pid,
  });
}

function resultShape({ name, payload, raw = false, exited, stdout, stderr, pid }) {
  return {
    get pid() {
      return pid();
    },
    payload,
    get exited() {
      return exited();
    },
    get stderr() {
      return stderr();
    },
    /** Waits (bounded) for the hook to exit; returns its exit code and parsed answer. */
    async result(timeout = TIMEOUTS.ui) {
      const exit = await pollUntil(() => exited(), {
        timeout,
        interval: 50,
        what: () =>
          pid() === undefined
            ? `hook ${name} to start: the harness extension never picked up its spawn request (is test/e2e/harness pre-seeded in the profile, and HOME the editor's?)`
            : `hook ${name} (pid ${pid()}) to exit; stdout so far: ${JSON.stringify(stdout())}, stderr: ${JSON.stringify(stderr())}`,
      });
      const out = stdout();
      if (raw) {
        log(`hook ${name}: exited ${exit.code ?? exit.signal} after ${seconds(exit.ms)}`);
        return { code: exit.code, signal: exit.signal, stdout: out, stderr: stderr(), hookMs: exit.hookMs };
      }
      let answer;
      try {
        // Exit 0 and nothing printed is Claude Code's "no decision" (a harmless call): no permissionDecision.
        answer = exit.code === 0 && !out.trim() ? {} : JSON.parse(out);
      } catch {
        throw new Error(
          `hook ${name} printed no JSON answer (exit ${exit.code ?? exit.signal}${exit.error ? `, ${exit.error}` : ''}): stdout ${JSON.stringify(out)}, stderr ${JSON.stringify(stderr())}`,
        );
      }
      log(
        `hook ${name}: exited ${exit.code ?? exit.signal} after ${seconds(exit.ms)}: permissionDecision "${answer?.hookSpecificOutput?.permissionDecision}"`,
      );
      return { code: exit.code, signal: exit.signal, answer, stdout: out, stderr: stderr() };
    },
  };
}

/**
 * Starts any program from inside the editor (an agent host's own CLI, as
 * its editor extension or the editor's terminal starts it), `input` on its
 * stdin; `result()` returns its exit code and both streams.
 */
export function startProgramInEditor({ argv, input = '', cwd, env, name }) {
  return startInEditor({ argv, payload: input, cwd, env, name, raw: true });
}

/** Kills every hook still running (after a failed test). */
export function killLiveHooks() {
  for (const [id, kill] of liveHooks) {
    kill();
    liveHooks.delete(id);
    log(`killed hook ${id}, still waiting for an answer`);
  }
}

/** What Windsurf (Cascade) sends a `pre_run_command` hook before running a command. */
export function windsurfCommandPayload({ command, cwd }) {
  return {
    agent_action_name: 'pre_run_command',
    trajectory_id: randomUUID(),
    execution_id: randomUUID(),
    timestamp: new Date().toISOString(),
    tool_info: { command_line: command, cwd },
  };
}

/**
 * Starts `node dist/cli.js hook HOST`, from inside the editor like
 * `startHook`, for a host whose answer is not Claude's JSON (Windsurf: exit 0
 * runs the command, exit 2 blocks it with the reason on stderr). `result()`
 * returns the exit code and both streams as they are.
 */
export function startHostHook({ host, payload, cwd, env, name }) {
  return startInEditor({ host, payload, cwd, env, name, raw: true });
}
