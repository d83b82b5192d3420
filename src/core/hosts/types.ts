// The neutral form of one agent tool call, whatever host sent it. Hosts
// differ in tool names and field spelling (Claude `file_path`, VS Code
// `filePath`, Cursor's separate shell and MCP events); the judgment below
// only ever sees this.
import type { Decision } from '../types';

export type HostId =
  | 'claude'
  | 'cursor'
  | 'copilot'
  | 'copilot-cli'
  | 'windsurf'
  | 'cline'
  | 'gemini'
  | 'codex'
  | 'kiro'
  | 'augment'
  | 'amp'
  | 'opencode'
  | 'qwen';

export const HOSTS: readonly HostId[] = [
  'claude',
  'cursor',
  'copilot',
  'copilot-cli',
  'windsurf',
  'cline',
  'gemini',
  'codex',
  'kiro',
  'augment',
  'amp',
  'opencode',
  'qwen',
];

// Apart from the adapters: the hook's small client (the launcher bundle, compiled before every call)
// computes its budget from this table without loading every host's adapter.
/**
 * Timeout AgentGuard writes into hook entries whose format has one: longer
 * than the approval wait (60 s), so a human has time to answer (a hook the
 * host kills mid-approval fails open in Claude Code).
 */
export const INSTALLED_TIMEOUT_SECONDS = 90;

/** Each adapter's `timeoutSeconds`. */
export const HOST_TIMEOUT_SECONDS: Readonly<Record<HostId, number>> = {
  claude: INSTALLED_TIMEOUT_SECONDS,
  cursor: INSTALLED_TIMEOUT_SECONDS,
  copilot: INSTALLED_TIMEOUT_SECONDS,
  'copilot-cli': INSTALLED_TIMEOUT_SECONDS,
  // hooks.json has no timeout field and none is documented: stay under a minute.
  windsurf: 60,
  // A hook file, no configuration; Cline gives a hook 30 s.
  cline: 30,
  gemini: INSTALLED_TIMEOUT_SECONDS,
  codex: INSTALLED_TIMEOUT_SECONDS,
  kiro: INSTALLED_TIMEOUT_SECONDS,
  augment: INSTALLED_TIMEOUT_SECONDS,
  // A delegate program: no documented timeout.
  amp: 60,
  opencode: INSTALLED_TIMEOUT_SECONDS,
  qwen: INSTALLED_TIMEOUT_SECONDS,
};

export type HookRequestKind = 'shell' | 'edit' | 'mcp' | 'other';

export interface TextEdit {
  oldString: string;
  newString: string;
  replaceAll?: boolean;
}

/** One file an edit tool writes, rewrites, moves or deletes. */
export interface EditTarget {
  /** As the host sent it: absolute, or relative to the request's cwd. */
  path: string;
  op: 'write' | 'edit' | 'delete' | 'move';
  /** Whole new content (Write, create_file). */
  content?: string;
  /** Replacements applied to the current content (Edit, MultiEdit, replace_string_in_file). */
  edits?: TextEdit[];
  /** A fragment whose place in the file is unknown (insert_edit_into_file, notebook cells). */
  fragment?: string;
}

export interface McpCall {
  /** Server name (Claude `mcp__server__tool`) or what identifies it (Cursor `url` / `command`). */
  server?: string;
  tool: string;
  input: unknown;
}

/**
 * One file or search an agent's own read tool reaches (Claude `Read`/`Grep`/
 * `Glob`, Cursor `beforeReadFile`, Gemini `read_file`, VS Code `read_file`,
 * an MCP file server's `read_text_file`): judged like the shell's readers.
 */
export interface ReadTarget {
  /** `file`: the content is shown; `search`: matching lines are shown; `list`: only names. */
  mode: 'file' | 'search' | 'list';
  /** File, folder or glob, as the host sent it (absolute, or relative to the cwd). */
  path?: string;
  /** Regex of a search, or glob of a listing. */
  pattern?: string;
  /** A glob filter on which files a search or listing looks at (`*.env`). */
  include?: string;
}

export interface HookRequest {
  /** Event as the host named it: `PreToolUse`, `beforeShellExecution`, `preToolUse`, `BeforeTool`, `pre_run_command`, … */
  event: string;
  kind: HookRequestKind;
  /** Tool name as the host spelled it. */
  toolName: string;
  toolUseId?: string;
  sessionId?: string;
  /** Shell command line (`shell`). */
  command?: string;
  /** The shell tool's whole input as the host sent it, for hosts that take a rewritten one back (`updatedInput`). */
  toolInput?: Record<string, unknown>;
  /** The shell that runs `command`, when the host says (Copilot CLI's `powershell` tool, a `shell` field). */
  shell?: 'bash' | 'zsh' | 'fish' | 'pwsh' | 'cmd';
  /** Files touched (`edit`). */
  targets?: EditTarget[];
  mcp?: McpCall;
  /** For `other`: a tool known to only read or to be harmless. */
  readOnly?: boolean;
  /** What a read or search tool reaches (kind `other`, or an MCP file server's read tool). */
  reads?: ReadTarget[];
  /** URLs a fetch tool requests (kind `other`): judged for what they carry off the machine. */
  fetches?: string[];
  /** Absolute working directory of the tool call, when the host says. */
  cwd?: string;
  /** The host's permission mode, when it says (Claude Code, Codex: `default`, `bypassPermissions`, …). */
  permissionMode?: string;
  /** Workspace folders open in the host (Cursor `workspace_roots`). */
  workspaceRoots: string[];
  /** A terminal line: the aliases and functions its shell holds (see CheckRequest.shellState). */
  shellState?: string;
}

/** How an `ask` ended, when it was put to the editor. */
export type Resolution =
  | { via: 'policy' }
  /** `peerProof`: the AgentGuard service recorded this allow only after the developer's password (absent: the kernel's proof stands). */
  | { via: 'editor'; decision: 'allow' | 'deny'; note?: string; peerProof?: 'authenticated' }
  | { via: 'unanswered'; why: string }
  /** Not put to anyone: the managed policy takes no human answer on this machine (frontdoor/approvalProof.ts). */
  | { via: 'refused'; why: string }
  /** Cursor: a shell or MCP call seen by preToolUse is put to the human by its dedicated hook, once. */
  | { via: 'deferred'; to: string };

/**
 * What the host is told. `defer` is the host's own "no decision": AgentGuard
 * has no objection and the host's own permission flow decides, exactly as
 * without AgentGuard. An explicit `allow` goes out only when a human decided
 * (a click in the editor, a confirmed workspace allow rule, confirmed monitor
 * mode, or the confirmed choice to hand routine approvals to AgentGuard).
 */
export type AnswerDecision = Decision | 'defer';

export interface HookAnswer {
  decision: AnswerDecision;
  /** For hosts with one reason field (Claude, VS Code). */
  reason: string;
  /** Cursor `user_message`: shown to the human. */
  userMessage: string;
  /** Cursor `agent_message`: sent to the agent. */
  agentMessage: string;
  /** A warning worth showing even though the call is allowed (a script that would destroy data when run). */
  warning?: string;
  /** The tool input the host should run instead: the same command, confined (frontdoor/confinement.ts). */
  updatedInput?: Record<string, unknown>;
}

export type NormalizeResult = { ok: true; request: HookRequest } | { ok: false; error: string };
