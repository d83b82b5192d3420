// Claude Code: `PreToolUse` hooks in its settings files, snake_case
// `tool_input`, MCP tools as `mcp__server__tool`. Its answer is
// `hookSpecificOutput.permissionDecision` (allow skips its prompt, ask shows
// it, deny blocks); no output at all is its "no decision". Sources:
// https://code.claude.com/docs/en/hooks (PreToolUse decision control),
// Claude Code settings (managed-settings.json).
import * as path from 'node:path';
import { CLAUDE_SHADOW, claudeHooksOffBy } from './claudeHooksOff';
import { CLAUDE_SANDBOX } from './claudeSandbox';
import { readSettingsText } from './settingsText';
import {
  DOCTOR_ID,
  INSTALLED_TIMEOUT_SECONDS,
  json,
  out,
  quiet,
  readJson,
  readPreToolUse,
  type HookAnswer,
  type HostAdapter,
  type ShapedAnswer,
} from './adapter';
import { HOST_TIMEOUT_SECONDS } from './types';

/**
 * Claude Code runs the hook only for these tools (a regex); MCP tools are
 * `mcp__server__tool`. Reads and searches are judged like the shell's
 * readers; `Monitor` runs a command in the background and `PowerShell` a
 * PowerShell line, judged as shell; `Workflow` runs a workflow script,
 * an unknown tool that acts (asks). Tools that only schedule or delegate
 * agent work (`CronCreate`, `ScheduleWakeup`, `Agent`) are left out: the
 * work they start reaches the hook call by call.
 */
export const CLAUDE_MATCHER =
  'Bash|Monitor|PowerShell|Edit|Write|MultiEdit|NotebookEdit|Read|Grep|Glob|NotebookRead|Workflow|mcp__.*';

/** The PreToolUse answer Claude Code and VS Code (Copilot) share. */
export function preToolUseRender(answer: HookAnswer): ShapedAnswer {
  if (answer.decision === 'defer') return quiet(answer);
  const o: Record<string, unknown> = {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: answer.decision,
      permissionDecisionReason: answer.reason,
      // The same command, confined: applied with an allow or an ask, shown to the user with an ask.
      ...(answer.updatedInput && answer.decision !== 'deny' ? { updatedInput: answer.updatedInput } : {}),
    },
  };
  if (answer.warning) o.systemMessage = answer.warning;
  return out(json(o));
}

// ---- the user's own Bash rules -------------------------------------------------
// The user's own Claude Code permission rules for the Bash tool (deny and
// ask, from every settings file Claude Code reads). Claude Code evaluates
// them against the command a hook hands back, not the one the agent wrote:
// a command rewritten to run confined would slip past a rule written for the
// original (`Bash(git push:*)` does not match `bwrap … git push`). So a
// command any of them could match is not rewritten; the host's own rules
// then meet it as written. Matching errs toward "could match".
function settingsFiles(workspace: string, home: string): string[] {
  return [
    path.join(home, '.claude', 'settings.json'),
    path.join(workspace, '.claude', 'settings.json'),
    path.join(workspace, '.claude', 'settings.local.json'),
    '/etc/claude-code/managed-settings.json',
    '/Library/Application Support/ClaudeCode/managed-settings.json',
  ];
}

/** Every `Bash(…)` (or bare `Bash`) deny and ask rule; a file that cannot be read as JSON counts as "any command". */
export function claudeBashRules(workspace: string, home: string): string[] {
  const out: string[] = [];
  for (const file of settingsFiles(workspace, home)) {
    const text = readSettingsText(file);
    if (text === undefined) continue;
    try {
      const perms = (JSON.parse(text) as { permissions?: { deny?: unknown; ask?: unknown } }).permissions;
      for (const list of [perms?.deny, perms?.ask]) {
        if (!Array.isArray(list)) continue;
        for (const rule of list) {
          if (typeof rule !== 'string') continue;
          const m = /^Bash(?:\((.*)\))?$/s.exec(rule.trim());
          if (m) out.push(m[1] ?? '*');
        }
      }
    } catch {
      out.push('*');
    }
  }
  return out;
}

function globRegex(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

/** Whether a rule (`npm run test:*`, `git push`, `rm *`, `*`) could match the command or one of its parts. */
export function ruleCouldMatch(rule: string, command: string): boolean {
  const pattern = rule.trim();
  if (pattern === '' || pattern === '*' || pattern === ':*') return true;
  const parts = [command, ...command.split(/&&|\|\||[;|\n&]|\$\(|`/)]
    .map((p) => p.trim().replace(/^(?:\w+=\S*\s+)+/, ''))
    .filter(Boolean);
  const prefix = pattern.endsWith(':*') ? pattern.slice(0, -2).trim() : undefined;
  return parts.some((p) => {
    if (prefix !== undefined) return p === prefix || p.startsWith(prefix + ' ') || p.startsWith(prefix);
    if (pattern.includes('*')) return globRegex(pattern).test(p);
    return p === pattern || p.startsWith(pattern + ' ');
  });
}

/** A rule of the user's Claude Code settings that could meet this command. */
export function claudeRuleFor(command: string, workspace: string, home: string): string | undefined {
  return claudeBashRules(workspace, home).find((r) => ruleCouldMatch(r, command));
}

/**
 * Whether Claude Code runs Bash in its own sandbox here: `sandbox.enabled`
 * as its settings resolve it (user, project, local, then managed, the later
 * winning). AgentGuard's sandbox cannot start inside it (no user namespaces
 * there), and it confines the command already.
 */
export function claudeSandboxOn(
  workspace: string,
  home: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (!CLAUDE_SANDBOX.platforms?.on.includes(platform)) return false;
  let on = false;
  for (const file of settingsFiles(workspace, home)) {
    const text = readSettingsText(file);
    if (text === undefined) continue;
    try {
      const enabled = (JSON.parse(text) as { sandbox?: { enabled?: unknown } }).sandbox?.enabled;
      if (typeof enabled === 'boolean') on = enabled;
    } catch {
      continue;
    }
  }
  return on;
}

/** Said in the audit note when one of them could match. */
export function claudeRuleNote(command: string, workspace: string, home: string): string | undefined {
  const rule = claudeRuleFor(command, workspace, home);
  return rule === undefined ? undefined : `the user's Claude Code rule Bash(${rule})`;
}

/** Claude Code's permission modes in which nobody is asked (`permission_mode` in every hook payload). */
const NO_ASK_MODES: ReadonlySet<string> = new Set(['bypassPermissions', 'dontAsk']);

export const claude: HostAdapter = {
  id: 'claude',
  label: 'Claude Code',
  testedWith: '2.1.330',
  timeoutSeconds: HOST_TIMEOUT_SECONDS.claude,
  exitCodeOnly: false,
  // In bypassPermissions a hook's ask on a Write goes to Claude's own
  // permission pipeline, which allows it there (Claude Code 2.1.330: a git
  // hook and .claude/settings.local.json were written); dontAsk denies
  // without saying why. Neither puts the question to anyone: a deny that
  // says how to approve does.
  willAsk: (req) => !NO_ASK_MODES.has(req.permissionMode ?? ''),
  hookFiles: [
    { scope: 'project', path: '.claude/settings.json' },
    { scope: 'user', path: '~/.claude/settings.json' },
  ],
  // Besides the settings: the hook scripts folder, a plugin's hooks (a plugin being written in the workspace) and
  // the installed plugins, whose hooks run in the host as its own settings' do.
  settingsFiles: {
    workspace: [
      '.claude/settings.json',
      '.claude/settings.local.json',
      '.claude/hooks/',
      'hooks/hooks.json',
      '.claude-plugin/',
    ],
    user: ['.claude/settings.json', '.claude/settings.local.json', '.claude/hooks/', '.claude/plugins/'],
  },
  wiring: {
    kind: 'json',
    events: ['PreToolUse'],
    matcher: CLAUDE_MATCHER,
    entry: (command) => ({ type: 'command', command, timeout: INSTALLED_TIMEOUT_SECONDS }),
    problems: (group) =>
      typeof group.matcher === 'string' &&
      group.matcher !== '' &&
      group.matcher !== '*' &&
      !/\bBash\b/.test(group.matcher)
        ? [`matcher "${group.matcher}" does not cover Bash`]
        : [],
  },
  managed: {
    places: {
      unix: '/etc/claude-code/managed-settings.json',
      mac: '/Library/Application Support/ClaudeCode/managed-settings.json',
      windows: 'C:\\Program Files\\ClaudeCode\\managed-settings.json',
    },
    format: 'json',
    managedOnlyKey: 'allowManagedHooksOnly',
    docs: 'Claude Code settings: managed-settings.json (the Windows ProgramData path is no longer read since v2.1.75)',
  },
  editorOffer: { label: 'Claude Code', marker: '.claude' },
  tools: {
    shell: ['Bash', 'Monitor', 'PowerShell'],
    shellOf: { PowerShell: 'pwsh' },
    edit: { Write: 'write', Edit: 'edit', MultiEdit: 'multiEdit', NotebookEdit: 'notebook' },
    read: { Read: 'file', NotebookRead: 'file', Grep: 'search', Glob: 'list' },
    readOnly: [
      'Read',
      'Glob',
      'Grep',
      'LS',
      'WebFetch',
      'WebSearch',
      'TodoWrite',
      'TodoRead',
      'Task',
      'Agent',
      'ExitPlanMode',
      'BashOutput',
      'KillShell',
      'KillBash',
      'AskUserQuestion',
      'ListMcpResourcesTool',
      'ReadMcpResourceTool',
      'CronCreate',
      'CronDelete',
      'CronList',
      'ScheduleWakeup',
      'ListAgents',
      'TaskStop',
      'SendMessage',
      'EnterWorktree',
      'ExitWorktree',
    ],
  },
  projectDirEnv: 'CLAUDE_PROJECT_DIR',
  render: preToolUseRender,
  read(r) {
    // Exit 2 with the reason on stderr blocks whatever stdout holds; nothing on stdout is no decision.
    const read = readJson(r, { exit2Blocks: true, empty: { ok: true, decision: 'defer' } });
    return 'answer' in read ? read.answer : readPreToolUse(read.o);
  },
  sample: (_event, workspace, command) => ({
    stdin: {
      session_id: DOCTOR_ID,
      cwd: workspace,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command, description: DOCTOR_ID },
      tool_use_id: DOCTOR_ID,
    },
  }),
  // The rewrite goes with an allow or an ask; Claude Code meets it with the user's own Bash rules.
  confinement: {
    rewriteWith: ['allow', 'ask'],
    ownRuleFor: claudeRuleNote,
    ownSandbox: (_req, workspace, home) =>
      claudeSandboxOn(workspace, home) ? 'unconfined by AgentGuard: Claude Code runs it in its own sandbox' : undefined,
  },
  sandbox: { ...CLAUDE_SANDBOX, runsOn: claudeSandboxOn },
  hooksOffBy: claudeHooksOffBy,
  shadow: CLAUDE_SHADOW,
};
