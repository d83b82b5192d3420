// What one agent host is, in one place: the shape every `hosts/<host>.ts`
// fills in and `hosts/index.ts` registers. Everything AgentGuard knows about
// a host lives in its adapter — who it is, where its hook and settings files
// are (workspace, user, administrator), how install wires it, how its
// payload reads, whether it puts an `ask` to a human, the answer in its own
// form, and how what it lets through can run confined — so adding a host,
// or changing one host's answer, is one file.
//
// The helpers below build the answer forms several hosts share.
import type { AnswerDecision, HookAnswer, HookRequest, HostId, NormalizeResult } from './types';
import { isObj, type Obj } from './fields';
import type { AdminPlaces } from '../config/adminPaths';
import type { WindowsHookShell } from './hookCommand';

export type { AnswerDecision, HookAnswer, HookRequest, HostId, NormalizeResult } from './types';
export type { Obj } from './fields';
import type { HookShadow } from './hookShadow';
export type { HookShadow } from './hookShadow';

/** What the hook writes: stdout, stderr and the exit code the host reads. */
export interface ShapedAnswer {
  stdout: string;
  stderr?: string;
  exitCode: number;
}

/** What a host makes of a hook's output: the decision it acts on, or why it counts the hook as failed. */
export type ReadAnswer = { ok: true; decision: AnswerDecision; reason?: string } | { ok: false; problem: string };

/** A hook run as the host ran it: what `readAnswer` reads. */
export interface HookOutput {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** A shell call in the host's own payload, for `agentguard doctor`. */
export interface Sample {
  /** The payload on stdin. */
  stdin: unknown;
  /** Extra environment (Amp passes the tool name there). */
  env?: Record<string, string>;
}

export type EditToolShape =
  | 'write'
  | 'edit'
  | 'multiEdit'
  | 'multiReplace'
  | 'fragment'
  | 'notebook'
  | 'delete'
  | 'patch'
  | 'searchReplace'
  | 'kiroWrite'
  | 'numberedEdit'
  | 'deleteMany'
  | 'editor';

export type ReadToolShape = 'file' | 'files' | 'search' | 'list' | 'operations' | 'queries';

/**
 * A host's tool names, by what the tool does. Matching goes by name across
 * every host (hosts load each other's hook files, so any host's payload can
 * reach any `agentguard hook <host>`); the adapter only says whose they are.
 */
export interface ToolNames {
  /** Tools that run a shell command line found in `command`. */
  shell?: readonly string[];
  /** Shell tools whose name says which shell runs the command. */
  shellOf?: Readonly<Record<string, 'bash' | 'pwsh'>>;
  /** Tools that change files, by the shape of their input. */
  edit?: Readonly<Record<string, EditToolShape>>;
  /** Tools that read files or search their content, by the shape of their input. */
  read?: Readonly<Record<string, ReadToolShape>>;
  /** Tools that only read, search or talk to the user. */
  readOnly?: readonly string[];
  /** Tools that run a task whose command is a shell line. */
  task?: readonly string[];
  /** Tools that call an MCP server named in their input. */
  mcpCall?: readonly string[];
}

/** The common fields of a neutral request, read before the event says what kind of call it is. */
export type RequestBase = Pick<HookRequest, 'toolUseId' | 'sessionId' | 'cwd' | 'workspaceRoots' | 'permissionMode'>;

/** Reads one of the host's own events into a request (`toolName` as the payload named it, if it did). */
export type EventReader = (p: Obj, base: RequestBase, event: string, toolName: string | undefined) => NormalizeResult;

/** A payload in the host's own envelope: the common shape (`payload`), or a finished request or error (`done`). */
export type Unwrapped = { done: NormalizeResult } | { payload: Obj };

/** An entry in a JSON settings file AgentGuard merges into (hostConfig.ts). */
export interface JsonWiring {
  kind: 'json';
  events: readonly string[];
  /** Claude-style `[{matcher, hooks: [entry]}]` groups rather than a flat list of entries. */
  matcher?: string;
  entry(command: string): Obj;
  /** A top-level `version` the file must have. */
  version?: number;
  /** Seconds the entry gives the hook, where its format says (default: `timeoutSec`, else `timeout`). */
  secondsOf?(entry: Obj): unknown;
  /** What is off about one of AgentGuard's entries (a matcher without Bash, Cursor without failClosed). */
  problems?(group: Obj, entry: Obj): string[];
}

/** A file AgentGuard writes whole: a hook script, a plugin, a standalone hook file. */
export interface FileWiring {
  kind: 'file';
  /** The whole text, running `launcher`. */
  text(launcher: string, timeoutSeconds: number, platform: NodeJS.Platform): string;
  executable: boolean;
  /** How the host runs it, for `agentguard doctor`: a program file, a plugin, or the command inside. */
  runs: 'file' | 'plugin' | 'command';
  /** The event doctor reports. */
  event: string;
}

/** A permission rule in the host's settings that delegates each call to a program AgentGuard writes (Amp). */
export interface DelegateWiring {
  kind: 'delegate';
  /** The settings key holding the rules. */
  key: string;
  /** The program's file name, next to the settings file. */
  program: string;
  /** The program's text, running `launcher`. */
  text(launcher: string): string;
}

export type HookWiring = JsonWiring | FileWiring | DelegateWiring;

/** Where the host reads hooks an administrator owns (frontdoor/onceOnly.ts judges a call once). */
export type ManagedHooks =
  | { places: AdminPlaces; format: 'json' | 'codex-toml'; managedOnlyKey?: string; docs: string }
  | { unsupported: string };

/** How a command the hook lets through can run confined for this host (frontdoor/confinement.ts). */
export interface HostConfinement {
  /** Which answers carry a rewritten command back to the host (`updatedInput`). */
  rewriteWith: readonly AnswerDecision[];
  /**
   * A rule of the user's own permission settings that the host would meet
   * the rewritten text with, so it would slip past (said as the note puts
   * it); undefined when none could match the command.
   */
  ownRuleFor?(command: string, workspace: string, home: string): string | undefined;
  /** Why AgentGuard leaves this call to the host's own sandbox, or undefined when the host runs it unsandboxed. */
  ownSandbox?(req: HookRequest, workspace: string, home: string): string | undefined;
}

/** What install changed in a host's sandbox settings, to take back exactly that (launcher/hostSandbox.ts). */
export interface SandboxAdded {
  /** Each setting install set (a dotted key), with the value it had before (null: it was absent). */
  set: Record<string, unknown>;
  /** The paths install added to the host's deny-write list. */
  listed: string[];
}

/** What a host's settings say about its own sandbox. */
export interface SandboxState {
  /** On: every shell call runs in it; 'default': the host's own default is a sandbox. */
  on: boolean | 'default';
  /** The file sets the switch itself (so it decides over a file of a wider scope that does too). */
  said?: boolean;
  /** Which paths of AgentGuard's list the host's list holds; undefined where the host takes no list. */
  listed?: string[];
  /** What else matters (a setting that lets commands out, why the host takes no list). */
  notes: string[];
  /** A setting here under which the host ignores the list of every file (Codex: `sandbox_mode` beside a permission profile). */
  voids?: string;
}

/** `to`: the value the edit gave each key of `added.set` (said to the user; the record keeps only `added`). */
export type SandboxEdit =
  { ok: true; text: string; added: SandboxAdded; to?: Record<string, unknown> } | { ok: false; error: string };

/**
 * The host's own sandbox, as `install` turns it on: the settings file it
 * lives in per scope, and the text edits. Never weaker than the host: an
 * edit only turns confinement on or adds to what is denied, and takes back
 * only what it added.
 */
export interface HostSandbox {
  /** Its settings file per scope, workspace-relative or `~/`. */
  file: { project: string; user: string };
  /** Where the host documents it. */
  docs: string;
  /** What `listed` is in this host's settings, said after its count (default: paths added to its deny-write list). */
  listedAs?: string;
  /** What the sandbox needs on this platform to start, for doctor (programs looked up on PATH). */
  needs?: readonly string[];
  /** The platforms the host has it on, where not all: elsewhere install leaves its settings alone and its status is `none`. */
  platforms?: { on: readonly NodeJS.Platform[]; elsewhere: string };
  /** The text with the sandbox on and `deny` (absolute paths) on its deny-write list where it takes one; `place`: whose file it is. */
  turnOn(text: string, deny: readonly string[], place: { scope: 'project' | 'user'; workspace: string }): SandboxEdit;
  /** The text with exactly `added` taken back (a setting only if it still holds the value install set). */
  takeBack(text: string, added: SandboxAdded): { ok: true; text: string } | { ok: false; error: string };
  /** What the text (undefined: no file) says, against AgentGuard's list `deny` (paths relative to `place.workspace` where the host lists them so). */
  read(text: string | undefined, deny: readonly string[], place?: { workspace: string }): SandboxState;
  /** Whether the host runs commands in it here, read from every file the host reads the switch from (more than install's two). */
  runsOn?(workspace: string, home: string): boolean;
}

export interface HostAdapter {
  id: HostId;
  /** Name shown to people. */
  label: string;
  /** Seconds the host waits for the hook with AgentGuard's installed entry. */
  timeoutSeconds: number;
  /** The host reads a block only as exit code 2 with the reason on stderr. */
  exitCodeOnly: boolean;
  /**
   * Whether the host puts an `ask` answer to its user for this call (its
   * own prompt). A host that cannot — or will not in the mode the call
   * names — gets a deny that says how to approve instead.
   */
  willAsk(req: HookRequest): boolean;

  /** The hook files install writes (the first of a scope is the hook file), workspace-relative or `~/`. */
  hookFiles: readonly { scope: 'project' | 'user'; path: string }[];
  /**
   * Every file or folder (trailing `/`) the host reads hooks or settings
   * from, relative to the workspace (and each folder above it) and to HOME:
   * writing any of them is gated (guard/index.ts).
   */
  settingsFiles: { workspace: readonly string[]; user: readonly string[] };
  wiring: HookWiring;
  /** Written for `sh` whatever the platform (a script or plugin runs it), not for the platform's shell. */
  shCommand?: boolean;
  /** How the host runs a hook command on Windows, when not through cmd.exe's own command line (WindowsHookShell). */
  windowsShell?: WindowsHookShell;
  managed: ManagedHooks;
  /** What `agentguard doctor` adds about every wired entry (a setting the host needs, a trust step). */
  notes?: readonly string[];
  /** The host's own program as the real-host suite ran it (test/hosts-real/), where it can be run here. */
  testedWith?: string;
  /**
   * How the editor's install picker offers the host (and the folder that says the workspace uses it), for hosts it
   * offers; `sandbox`: how the editor's modals name the host's own sandbox where "<label>'s sandbox" reads badly.
   */
  editorOffer?: { label: string; marker?: string; sandbox?: string };

  tools?: ToolNames;
  /** An environment variable naming the project folder to the hook. */
  projectDirEnv?: string;
  /** Recognises the host's own envelope by its shape, whichever host's hook it reached. */
  unwrap?(payload: Obj): Unwrapped | undefined;
  /** Events only this host sends, read into a request. */
  events?: Readonly<Record<string, EventReader>>;
  /** The host hands the hook less than a payload (Amp: the tool's arguments); builds the payload. */
  envelope?(payload: unknown, env: Readonly<Record<string, string | undefined>>, cwd: string): unknown;
  /** An `ask` this event must not put to a human because another of the host's hooks asks for it (the event that does). */
  deferAsk?(req: HookRequest): string | undefined;
  /** Hosts whose hook files this host also runs: one tool call may reach the hook through both (frontdoor/sameCall.ts). */
  runsHooksOf?: readonly HostId[];
  /** One tool call reaches the hook through several of this host's events. */
  severalEvents?: boolean;

  /** The answer in the host's form. */
  render(answer: HookAnswer, event: string): ShapedAnswer;
  /** What the host makes of a hook's output (the inverse of `render`), for doctor and the contract tests. */
  read(output: HookOutput): ReadAnswer;
  /** What the launcher answers when no CLI can (the reason also goes to stderr). */
  launcherBlock?(answer: HookAnswer): { stdout: string; exitCode: number };
  /** Exit codes the host reads as an answer. */
  answeringCodes?: readonly number[];
  /**
   * `command` as the host would send it before running it in `workspace`,
   * for doctor: `event` picks among its events; `shellCall` asks for the
   * host's shell event whatever `event` says.
   */
  sample(event: string, workspace: string, command: string, shellCall: boolean): Sample;
  confinement?: HostConfinement;
  /** The host's own sandbox, where install can turn it on (a host without one: undefined). */
  sandbox?: HostSandbox;
  /** Where the host has a sandbox install leaves alone, or none: what it is or has instead, and why (its documentation or its program), for doctor. */
  sandboxLeftAlone?: string;
  /** A setting of the host's own under which it calls no hook at all, so AgentGuard is never asked: where it is set, said by doctor, install and the editor. */
  hooksOffBy?(home: string, env: Readonly<Record<string, string | undefined>>, workspace?: string): string | undefined;
  /**
   * Workspace files of the host that can take AgentGuard's hook away for
   * some calls under the host's documented merge rules, and what in a
   * file's text does it, said for a person (frontdoor/shadow.ts asks then).
   * Whether AgentGuard's own entry is still as written is compared apart.
   */
  shadow?: HookShadow;
}

// ---- answer forms several hosts share ------------------------------------------

export const json = (v: unknown): string => JSON.stringify(v) + '\n';
export const out = (stdout: string, exitCode = 0, stderr?: string): ShapedAnswer => ({
  stdout,
  exitCode,
  ...(stderr !== undefined ? { stderr } : {}),
});

/** What a blocking answer says, for hosts that show one text to both human and agent. */
export function blockText(answer: HookAnswer): string {
  return answer.agentMessage.endsWith('\n') ? answer.agentMessage : `${answer.agentMessage}\n`;
}

/** Nothing on stdout, or only information for the human (hosts with a `systemMessage`). */
export const quiet = (answer: HookAnswer): ShapedAnswer =>
  out(answer.warning ? json({ systemMessage: answer.warning }) : '');

/** Whether the answer lets the call through (an allow a human decided, or no decision). */
export const passes = (answer: HookAnswer): boolean => answer.decision === 'allow' || answer.decision === 'defer';

/** Exit 2 with the reason on stderr: the block of hosts that have no allow (Windsurf, Kiro, Augment). */
export function exitCodeRender(answer: HookAnswer): ShapedAnswer {
  // There is no ask, and no allow: exit 0 lets their own flow run.
  if (passes(answer)) return out(answer.warning ? `${answer.warning}\n` : '');
  return out('', 2, blockText(answer));
}

export const DECISIONS: readonly string[] = ['allow', 'ask', 'deny'];

export const failed = (problem: string): ReadAnswer => ({ ok: false, problem });

/** Exit 2 with a reason on stderr: a block. */
export function blocked(r: HookOutput): ReadAnswer {
  return r.stderr.trim()
    ? { ok: true, decision: 'deny', reason: r.stderr.trim() }
    : failed('exited 2 without a reason on stderr');
}

/** Hosts that read exit codes only: exit 0 leaves the call to their own flow, exit 2 blocks. */
export function exitCodeRead(r: HookOutput): ReadAnswer {
  if (r.code === 0) return { ok: true, decision: 'defer' };
  return r.code === 2 ? blocked(r) : failed(`exited with ${r.code ?? 'a signal'}`);
}

export function parseObject(stdout: string): Obj | undefined {
  try {
    const v = JSON.parse(stdout) as unknown;
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The start of reading a JSON answer: exit 2 is a block where the host reads
 * one (`exit2Blocks`), any other non-zero exit a failed hook, and `empty`
 * what nothing on stdout means to the host (undefined: not an answer). Either
 * the answer, or the object to read it from.
 */
export function readJson(
  r: HookOutput,
  o: { exit2Blocks: boolean; empty?: ReadAnswer },
): { answer: ReadAnswer } | { o: Obj } {
  if (o.exit2Blocks && r.code === 2) return { answer: blocked(r) };
  if (r.code !== 0) return { answer: failed(`exited with ${r.code ?? 'a signal'}`) };
  if (o.empty && !r.stdout.trim()) return { answer: o.empty };
  const parsed = parseObject(r.stdout);
  if (!parsed) return { answer: failed(`did not print a JSON object (${JSON.stringify(r.stdout.slice(0, 80))})`) };
  return { o: parsed };
}

/** The PreToolUse answer Claude Code and VS Code read: `hookSpecificOutput` with a decision and its reason. */
export function readPreToolUse(o: Obj): ReadAnswer {
  const specific = o.hookSpecificOutput as Obj | undefined;
  if (specific === undefined) return { ok: true, decision: 'defer' };
  if (
    specific.hookEventName !== 'PreToolUse' ||
    !DECISIONS.includes(specific.permissionDecision as string) ||
    typeof specific.permissionDecisionReason !== 'string'
  ) {
    return failed(
      'output lacks hookSpecificOutput with hookEventName, permissionDecision and permissionDecisionReason',
    );
  }
  return { ok: true, decision: specific.permissionDecision as 'allow', reason: specific.permissionDecisionReason };
}

export { hookCommand, hookScript, MANAGED_MARK, quoteArg, type WindowsHookShell } from './hookCommand';

export { INSTALLED_TIMEOUT_SECONDS } from './types';

export const DOCTOR_ID = 'agentguard-doctor';
