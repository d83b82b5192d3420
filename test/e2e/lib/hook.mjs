// The agent's side of the approval gate, for real: the built CLI started as
// `agentguard hook claude` the way Claude Code starts it before a Bash call,
// with a PreToolUse payload on stdin. It blocks until the editor answers (or
// its own approval timeout passes), then prints its answer and exits.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { TIMEOUTS, log, pollUntil, repoRoot, seconds } from './host.mjs';

export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

// Hooks still running. A failed test must not leave one waiting for an
// answer that never comes, nor may one outlive the run.
const liveHooks = new Set();
process.on('exit', () => {
  for (const child of liveHooks) child.kill('SIGKILL');
});

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
  return claudeToolPayload({ tool: 'Edit', input: { file_path: filePath, old_string: oldString, new_string: newString }, cwd, home });
}

/**
 * Starts `node dist/cli.js hook claude` with `payload` on stdin. `env` must
 * be the editor's environment (HOME, XDG_STATE_HOME or AGENTGUARD_STATE_DIR)
 * so the hook finds the extension's approval socket in the same state folder.
 */
export function startHook({ payload, cwd, env, name }) {
  const child = spawn(process.execPath, [cliPath, 'hook', 'claude'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  liveHooks.add(child);
  const t0 = Date.now();
  let stdout = '';
  let stderr = '';
  let exit;
  child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
  // 'close', not 'exit': it comes after stdout has been read to the end.
  child.on('close', (code, signal) => {
    exit = { code, signal, ms: Date.now() - t0 };
    liveHooks.delete(child);
  });
  // A hook that died at once must fail the test with its own error, not as EPIPE.
  child.stdin.on('error', () => undefined);
  child.stdin.end(JSON.stringify(payload));
  log(`hook ${name}: started pid ${child.pid}: node dist/cli.js hook claude <<< Bash ${JSON.stringify(payload.tool_input.command)}`);

  return {
    pid: child.pid,
    payload,
    get exited() {
      return exit;
    },
    get stderr() {
      return stderr;
    },
    /** Waits (bounded) for the hook to exit; returns its exit code and parsed answer. */
    async result(timeout = TIMEOUTS.ui) {
      await pollUntil(() => exit, {
        timeout,
        interval: 50,
        what: `hook ${name} (pid ${child.pid}) to exit; stdout so far: ${JSON.stringify(stdout)}, stderr: ${JSON.stringify(stderr)}`,
      });
      let answer;
      try {
        answer = JSON.parse(stdout);
      } catch {
        throw new Error(`hook ${name} printed no JSON answer (exit ${exit.code ?? exit.signal}): stdout ${JSON.stringify(stdout)}, stderr ${JSON.stringify(stderr)}`);
      }
      log(`hook ${name}: exited ${exit.code ?? exit.signal} after ${seconds(exit.ms)}: permissionDecision "${answer?.hookSpecificOutput?.permissionDecision}"`);
      return { code: exit.code, signal: exit.signal, answer, stdout, stderr };
    },
  };
}

/** Kills every hook still running (after a failed test). */
export function killLiveHooks() {
  for (const child of liveHooks) {
    child.kill('SIGKILL');
    log(`killed hook pid ${child.pid}, still waiting for an answer`);
  }
}
