// OpenCode: AgentGuard's own plugin (`.opencode/plugins/agentguard.js`)
// hands every tool call from `tool.execute.before(input, output)` to the
// hook — `input.tool`, `input.sessionID`, `input.callID`, `output.args`, the
// plugin's `directory` and `worktree` — and throws (blocks) unless the
// answer is allow or defer: a plugin can only block; OpenCode's own
// `permission` settings decide the rest. MCP tools are named
// `server_tool`. Sources: https://opencode.ai/docs/plugins,
// https://opencode.ai/docs/permissions.
import { DOCTOR_ID, failed, json, MANAGED_MARK, out, readJson, type HostAdapter, type Unwrapped } from './adapter';
import { nonEmpty, str } from './fields';
import { OPENCODE_SHADOW_FILES, opencodeShadows } from './opencodeShadow';
import { HOST_TIMEOUT_SECONDS } from './types';

/** Seconds OpenCode's plugin waits for the CLI before it blocks the call itself. */
export const OPENCODE_PLUGIN_TIMEOUT_MS = 85_000;

/**
 * OpenCode's plugin: hands each tool call to the CLI and throws (which blocks
 * the call in OpenCode) unless the CLI answered allow or defer (no decision:
 * OpenCode's own permission settings decide; a plugin's `tool.execute.before`
 * can only block, never grant). Anything else — the CLI missing, crashing,
 * slow or printing garbage — blocks too.
 */
export function opencodePlugin(launcher: string): string {
  return `// ${MANAGED_MARK}: written by \`agentguard install --opencode\`; \`agentguard uninstall --opencode\` removes it.
// Every tool call goes through AgentGuard's hook before it runs; anything but an
// allow or a "no decision" (a deny, an error, no answer in time) blocks the call.
import { spawn } from "node:child_process";

const HOOK = ${JSON.stringify([launcher, 'hook', 'opencode'])};
const TIMEOUT_MS = ${OPENCODE_PLUGIN_TIMEOUT_MS};

function ask(payload, cwd) {
  return new Promise((resolve) => {
    let out = "";
    let done = false;
    let timer;
    const finish = (verdict) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(verdict);
    };
    let child;
    try {
      // On Windows the launcher is agentguard.cmd, which only a shell runs.
      const win = process.platform === "win32";
      child = spawn(win ? '"' + HOOK[0] + '"' : HOOK[0], HOOK.slice(1), { cwd, stdio: ["pipe", "pipe", "ignore"], shell: win });
    } catch (err) {
      finish({ decision: "deny", reason: "AgentGuard could not start its hook: " + err.message });
      return;
    }
    timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish({ decision: "deny", reason: "AgentGuard did not answer in time, so the call is blocked" });
    }, TIMEOUT_MS);
    child.stdout.on("data", (chunk) => { out += chunk; });
    child.on("error", (err) => finish({ decision: "deny", reason: "AgentGuard's hook failed: " + err.message }));
    child.on("close", (code) => {
      let verdict;
      try { verdict = JSON.parse(out); } catch { verdict = undefined; }
      if (code === 0 && verdict && typeof verdict.decision === "string") finish(verdict);
      else finish({ decision: "deny", reason: "AgentGuard's hook gave no readable answer (exit " + code + "), so the call is blocked" });
    });
    child.stdin.on("error", () => {});
    child.stdin.end(JSON.stringify(payload));
  });
}

export const AgentGuard = async ({ directory, worktree }) => ({
  "tool.execute.before": async (input, output) => {
    const verdict = await ask({
      hook_event_name: "tool.execute.before",
      tool: input.tool,
      sessionID: input.sessionID,
      callID: input.callID,
      args: output.args,
      directory,
      worktree,
    }, directory);
    // "defer": AgentGuard has no objection and OpenCode's own permission settings decide; "allow": a human decided.
    if (verdict.decision !== "allow" && verdict.decision !== "defer") throw new Error(verdict.reason || "AgentGuard blocked this tool call");
  },
});
`;
}

export const opencode: HostAdapter = {
  id: 'opencode',
  label: 'OpenCode',
  testedWith: '1.18.33',
  // OpenCode 1.18.33 tells its own model that its environment is not a sandbox; its `permission` settings only ask or refuse.
  sandboxLeftAlone: 'it has no sandbox: its `permission` settings only ask or refuse',
  // AgentGuard's own plugin waits 85 s for the CLI, then blocks.
  timeoutSeconds: HOST_TIMEOUT_SECONDS.opencode,
  exitCodeOnly: false,
  willAsk: () => false,
  hookFiles: [
    { scope: 'project', path: '.opencode/plugins/agentguard.js' },
    { scope: 'user', path: '~/.config/opencode/plugins/agentguard.js' },
  ],
  // OpenCode loads every plugin and custom tool file in these folders (AgentGuard's plugin is one),
  // and its configuration — permissions, plugins, MCP servers — from opencode.json(c), at the
  // project's root, in .opencode/ and in the user's config folder.
  settingsFiles: {
    workspace: [
      '.opencode/plugins/',
      '.opencode/plugin/',
      '.opencode/tools/',
      '.opencode/tool/',
      'opencode.json',
      'opencode.jsonc',
      '.opencode/opencode.json',
      '.opencode/opencode.jsonc',
    ],
    user: [
      '.config/opencode/plugins/',
      '.config/opencode/plugin/',
      '.config/opencode/tools/',
      '.config/opencode/tool/',
      '.config/opencode/opencode.json',
      '.config/opencode/opencode.jsonc',
    ],
  },
  wiring: {
    kind: 'file',
    text: (launcher) => opencodePlugin(launcher),
    executable: false,
    runs: 'plugin',
    event: 'tool.execute.before',
  },
  shCommand: true,
  managed: { unsupported: 'OpenCode documents no administrator-owned plugin location' },
  // OpenCode finds `.opencode/` and opencode.json(c) in every folder from the working folder up to the worktree.
  shadow: { files: OPENCODE_SHADOW_FILES, perFolder: OPENCODE_SHADOW_FILES, shadows: opencodeShadows(opencodePlugin) },
  tools: {
    shell: ['bash'],
    edit: { write: 'write', multiedit: 'multiEdit', patch: 'patch' },
    read: { read: 'file', grep: 'search', glob: 'list' },
    readOnly: ['read', 'list', 'webfetch', 'todowrite', 'todoread', 'task'],
  },
  unwrap(p): Unwrapped | undefined {
    if (p.hook_event_name !== 'tool.execute.before' || p.tool_name !== undefined) return undefined;
    return {
      payload: {
        hook_event_name: p.hook_event_name,
        tool_name: p.tool,
        tool_input: p.args ?? {},
        ...(nonEmpty(p.sessionID) ? { session_id: p.sessionID } : {}),
        ...(nonEmpty(p.callID) ? { tool_use_id: p.callID } : {}),
        ...(nonEmpty(p.directory) ? { cwd: p.directory } : {}),
        workspace_roots: [p.worktree, p.directory].filter((r): r is string => typeof r === 'string' && r.length > 0),
      },
    };
  },
  render(answer) {
    // Read by AgentGuard's OpenCode plugin, which throws (blocks) unless this says allow or defer.
    // A plugin from before "defer" throws with the reason: it says what to do.
    const defer = answer.decision === 'defer';
    const passes = defer || answer.decision === 'allow';
    const reason = defer
      ? `${answer.reason} (A plugin that blocks on this answer is older than the AgentGuard CLI: run agentguard install --opencode.)`
      : passes
        ? answer.reason
        : answer.agentMessage;
    return out(
      json({
        decision: passes ? answer.decision : 'deny',
        reason,
        ...(answer.warning ? { warning: answer.warning } : {}),
      }),
    );
  },
  read(r) {
    const read = readJson(r, { exit2Blocks: false });
    if ('answer' in read) return read.answer;
    const o = read.o;
    if (o.decision === 'defer') return { ok: true, decision: 'defer' };
    if (o.decision !== 'allow' && o.decision !== 'deny') return failed('output lacks decision allow|deny|defer');
    return { ok: true, decision: o.decision, reason: str(o.reason) };
  },
  // A block read from stdout with exit 0: exit 2 is not its block.
  launcherBlock: (answer) => ({ stdout: opencode.render(answer, '').stdout, exitCode: 0 }),
  sample: (_event, workspace, command) => ({
    stdin: {
      hook_event_name: 'tool.execute.before',
      tool: 'bash',
      sessionID: DOCTOR_ID,
      callID: DOCTOR_ID,
      args: { command, description: DOCTOR_ID },
      directory: workspace,
      worktree: workspace,
    },
  }),
};
