// Where each agent host declares its hooks, and the files AgentGuard writes
// whole for hosts whose hook is a program rather than an entry in a settings
// file (Cline's hook file, Amp's delegate program, OpenCode's plugin, Kiro's
// hook file). Pure: text in, text out.
import * as path from 'node:path';
import type { HostId } from './types';

export type Scope = 'project' | 'user';

/**
 * Every file that wires an agent host to AgentGuard: project paths are
 * relative to the workspace, user paths start with `~/`. Writing, moving or
 * deleting any of them must be gated (a disarmed hook is a disarmed guard).
 */
export const HOST_HOOK_FILES: readonly { host: HostId; scope: Scope; path: string }[] = [
  { host: 'claude', scope: 'project', path: '.claude/settings.json' },
  { host: 'claude', scope: 'user', path: '~/.claude/settings.json' },
  { host: 'cursor', scope: 'project', path: '.cursor/hooks.json' },
  { host: 'cursor', scope: 'user', path: '~/.cursor/hooks.json' },
  // VS Code reads every JSON file in `.github/hooks/` and, for the user, `~/.copilot/hooks/`.
  { host: 'copilot', scope: 'project', path: '.github/hooks/agentguard.json' },
  { host: 'copilot', scope: 'user', path: '~/.copilot/hooks/agentguard.json' },
  { host: 'copilot-cli', scope: 'project', path: '.github/hooks/agentguard-cli.json' },
  { host: 'copilot-cli', scope: 'user', path: '~/.copilot/hooks/agentguard-cli.json' },
  { host: 'windsurf', scope: 'project', path: '.windsurf/hooks.json' },
  { host: 'windsurf', scope: 'user', path: '~/.codeium/windsurf/hooks.json' },
  { host: 'cline', scope: 'project', path: '.clinerules/hooks/PreToolUse' },
  { host: 'cline', scope: 'user', path: '~/Documents/Cline/Hooks/PreToolUse' },
  { host: 'gemini', scope: 'project', path: '.gemini/settings.json' },
  { host: 'gemini', scope: 'user', path: '~/.gemini/settings.json' },
  { host: 'codex', scope: 'project', path: '.codex/hooks.json' },
  { host: 'codex', scope: 'user', path: '~/.codex/hooks.json' },
  { host: 'kiro', scope: 'project', path: '.kiro/hooks/agentguard.json' },
  { host: 'kiro', scope: 'user', path: '~/.kiro/hooks/agentguard.json' },
  { host: 'augment', scope: 'project', path: '.augment/settings.json' },
  { host: 'augment', scope: 'user', path: '~/.augment/settings.json' },
  { host: 'amp', scope: 'project', path: '.amp/settings.json' },
  { host: 'amp', scope: 'user', path: '~/.config/amp/settings.json' },
  // The program Amp's settings delegate to: rewriting it rewires every decision.
  { host: 'amp', scope: 'project', path: '.amp/agentguard-delegate' },
  { host: 'amp', scope: 'user', path: '~/.config/amp/agentguard-delegate' },
  { host: 'opencode', scope: 'project', path: '.opencode/plugins/agentguard.js' },
  { host: 'opencode', scope: 'user', path: '~/.config/opencode/plugins/agentguard.js' },
];

function resolve(p: string, base: string, home: string): string {
  return p.startsWith('~/') ? path.join(home, p.slice(2)) : path.join(base, p);
}

/** The hook file of a host (the first listed), project-level (in the workspace) or user-level (in the home directory). */
export function hookFile(host: HostId, scope: Scope, workspace: string, home: string): string {
  const entry = HOST_HOOK_FILES.find((f) => f.host === host && f.scope === scope);
  if (!entry) throw new Error(`no ${scope} hook file for ${host}`);
  return resolve(entry.path, workspace, home);
}

/** Amp's delegate program, next to its settings file. */
export function ampDelegateFile(scope: Scope, workspace: string, home: string): string {
  return path.join(path.dirname(hookFile('amp', scope, workspace, home)), 'agentguard-delegate');
}

/** Hosts whose hook file AgentGuard writes whole (it is AgentGuard's own program or file). */
export const GENERATED_HOSTS: ReadonlySet<HostId> = new Set(['cline', 'kiro', 'opencode']);

/** Written into every file AgentGuard writes whole, so uninstall and doctor know it is ours. */
export const MANAGED_MARK = 'agentguard-managed';

function quote(arg: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return `"${arg.replace(/"/g, '""')}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The shell command a host runs: the launcher by absolute path, quoted (see core/launcher). */
export function hookCommand(host: HostId, launcher: string, platform: NodeJS.Platform = process.platform): string {
  return `${quote(launcher, platform)} hook ${host}`;
}

/** The command AgentGuard wrote before the launcher: a pinned node and a versioned CLI. Still recognised, and repaired. */
export function legacyHookCommand(host: HostId, nodePath: string, cliPath: string, platform: NodeJS.Platform = process.platform): string {
  return `${quote(nodePath, platform)} ${quote(cliPath, platform)} hook ${host}`;
}

const HOST_NAMES = 'copilot-cli|claude|cursor|copilot|windsurf|cline|gemini|codex|kiro|augment|amp|opencode';
const COMMAND_RE = new RegExp(`(?:agentguard(?:\\.cmd)?|cli\\.js)['"]?\\s+hook\\s+(?:${HOST_NAMES})\\s*$`, 'i');

/** Recognises AgentGuard's hook command, whichever node or install path it was written with. */
export function isAgentGuardCommand(command: unknown): boolean {
  return typeof command === 'string' && COMMAND_RE.test(command.trim());
}

/** A shell script that runs the hook (Cline's hook file, Amp's delegate program). */
export function hookScript(host: HostId, command: string): string {
  return `#!/bin/sh
# ${MANAGED_MARK}: written by \`agentguard install --${host}\`; \`agentguard uninstall --${host}\` removes it.
# Runs AgentGuard's hook with the host's payload on stdin; its answer and exit code are the host's.
exec ${command}
`;
}

/** The command inside a script or plugin AgentGuard wrote, or undefined when the file is not AgentGuard's. */
export function managedCommand(text: string): string | undefined {
  if (!text.includes(MANAGED_MARK)) return undefined;
  const script = /^exec (.+)$/m.exec(text);
  if (script && isAgentGuardCommand(script[1])) return script[1].trim();
  const plugin = /^const HOOK = (\[.*\]);$/m.exec(text);
  if (plugin) {
    try {
      const argv = JSON.parse(plugin[1]) as string[];
      // [launcher, 'hook', host], or before the launcher [node, cli, 'hook', host].
      const program = argv.length > 3 ? 2 : 1;
      const command = `${argv.slice(0, program).map((a) => quote(a, 'linux')).join(' ')} ${argv.slice(program).join(' ')}`;
      return isAgentGuardCommand(command) ? command : undefined;
    } catch {
      return undefined;
    }
  }
  const kiro = /"command":\s*("(?:[^"\\]|\\.)*")/.exec(text);
  if (kiro) {
    const command = JSON.parse(kiro[1]) as string;
    return isAgentGuardCommand(command) ? command : undefined;
  }
  return undefined;
}

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

/** Kiro's hook file (its standalone hook format, version v1). */
export function kiroHookFile(command: string, timeoutSeconds: number): string {
  return JSON.stringify({
    version: 'v1',
    hooks: [{
      name: MANAGED_MARK,
      trigger: 'PreToolUse',
      matcher: '.*',
      action: { type: 'command', command },
      timeout: timeoutSeconds,
      enabled: true,
    }],
  }, null, 2) + '\n';
}

/** The whole text AgentGuard writes for a generated hook file. */
export function generatedFile(host: HostId, launcher: string, timeoutSeconds: number, platform: NodeJS.Platform = process.platform): string {
  const command = hookCommand(host, launcher, 'linux');
  switch (host) {
    case 'cline': return hookScript('cline', command);
    case 'kiro': return kiroHookFile(hookCommand(host, launcher, platform), timeoutSeconds);
    case 'opencode': return opencodePlugin(launcher);
    case 'amp': return hookScript('amp', command);
    default: throw new Error(`${host} has no generated hook file`);
  }
}
