// AgentGuard's entry in each agent host's hook file, and the text edits that
// add or remove it. Pure: text in, text out. Edits go through jsonc-parser so
// a file keeps its comments, formatting and every hook that is not ours; a
// file that cannot be parsed is refused, never rewritten.
import { applyEdits, modify, parseTree, findNodeAtLocation, getNodeValue, printParseErrorCode, type FormattingOptions, type Node, type ParseError } from 'jsonc-parser';
import { WINDSURF_EVENTS } from './hostPayloads';
import { INSTALLED_TIMEOUT_SECONDS } from './hostProfiles';
import { isAgentGuardCommand } from './hostFiles';
import type { HostId } from './types';

export { HOST_HOOK_FILES, hookCommand, hookFile, isAgentGuardCommand, type Scope } from './hostFiles';

/**
 * Seconds a host waits for the hook. Longer than the approval wait (60 s by
 * default): a hook the host kills mid-approval fails open in Claude Code.
 */
export const HOOK_TIMEOUT_SECONDS = INSTALLED_TIMEOUT_SECONDS;

/** Claude Code runs the hook only for these tools (a regex); MCP tools are `mcp__server__tool`. Reads and searches are judged like the shell's readers. */
export const CLAUDE_MATCHER = 'Bash|Edit|Write|MultiEdit|NotebookEdit|Read|Grep|Glob|NotebookRead|mcp__.*';
/** Gemini CLI's shell, file, read, search and MCP tools. */
export const GEMINI_MATCHER = 'run_shell_command|write_file|replace|read_file|read_many_files|search_file_content|grep|glob|mcp_.*';
/** Codex CLI's shell, patch and MCP tools (Codex reads files through its shell, which the hook already sees; MCP file servers come as mcp__…). */
export const CODEX_MATCHER = 'Bash|apply_patch|mcp__.*';
/** Augment's process, file and MCP tools. */
export const AUGMENT_MATCHER = 'launch-process|save-file|str-replace-editor|remove-files|view|mcp.*';

/** Cursor events AgentGuard answers: shell and MCP before they run, file reads before the agent sees them, and every other tool (edits) via preToolUse. */
export const CURSOR_EVENTS = ['beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'preToolUse'] as const;

/** Hosts whose hook lives in a JSON settings file that AgentGuard merges into. */
export type JsonHost = Exclude<HostId, 'cline' | 'kiro' | 'opencode'>;

interface JsonLayout {
  events: readonly string[];
  /** Claude-style `[{matcher, hooks: [entry]}]` groups rather than a flat list of entries. */
  matcher?: string;
  entry(command: string): Record<string, unknown>;
  /** A top-level `version` the file must have. */
  version?: number;
}

const LAYOUTS: Record<Exclude<JsonHost, 'amp'>, JsonLayout> = {
  claude: { events: ['PreToolUse'], matcher: CLAUDE_MATCHER, entry: (command) => ({ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }) },
  cursor: { events: CURSOR_EVENTS, version: 1, entry: (command) => ({ command, timeout: HOOK_TIMEOUT_SECONDS, failClosed: true }) },
  copilot: { events: ['PreToolUse'], entry: (command) => ({ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }) },
  'copilot-cli': { events: ['preToolUse'], version: 1, entry: (command) => ({ type: 'command', bash: command, powershell: command, timeoutSec: HOOK_TIMEOUT_SECONDS }) },
  // show_output: the block reason on stderr is shown in Cascade.
  windsurf: { events: WINDSURF_EVENTS, entry: (command) => ({ command, show_output: true }) },
  // Gemini's timeout is in milliseconds.
  gemini: { events: ['BeforeTool'], matcher: GEMINI_MATCHER, entry: (command) => ({ type: 'command', name: 'agentguard', command, timeout: HOOK_TIMEOUT_SECONDS * 1000 }) },
  codex: { events: ['PreToolUse'], matcher: CODEX_MATCHER, entry: (command) => ({ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }) },
  augment: { events: ['PreToolUse'], matcher: AUGMENT_MATCHER, entry: (command) => ({ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }) },
};

/** Amp's permission rule: every tool call is delegated to AgentGuard's program, first in the list so no earlier rule skips it. */
export const AMP_PERMISSIONS_KEY = 'amp.permissions';

/** The command an entry runs (Copilot CLI spells it `bash`). */
function entryCommand(h: Record<string, unknown>): unknown {
  return h.command ?? h.bash;
}

function isOurAmpRule(rule: unknown): boolean {
  return isObj(rule) && rule.action === 'delegate' && typeof rule.to === 'string' && /agentguard-delegate$/.test(rule.to);
}

export type EditResult =
  | { ok: true; text: string; changed: boolean }
  | { ok: false; error: string };

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parse(text: string): { root?: Node; error?: string } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0];
    return { error: `${printParseErrorCode(e.error)} at line ${lineOf(text, e.offset)}` };
  }
  if (!root || root.type !== 'object') return { error: 'the top level is not a JSON object' };
  return { root };
}

function formatting(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

type JsonPath = (string | number)[];

class Doc {
  text: string;
  private readonly fmt: FormattingOptions;
  constructor(text: string) {
    this.text = text.trim() ? text : '{}\n';
    this.fmt = formatting(this.text);
  }
  node(p: JsonPath): Node | undefined {
    const root = parseTree(this.text, [], { allowTrailingComma: true });
    return root ? findNodeAtLocation(root, p) : undefined;
  }
  value(p: JsonPath): unknown {
    const n = this.node(p);
    return n ? getNodeValue(n) : undefined;
  }
  set(p: JsonPath, value: unknown, insert = false): void {
    this.text = applyEdits(this.text, modify(this.text, p, value, { formattingOptions: this.fmt, isArrayInsertion: insert }));
  }
  remove(p: JsonPath): void {
    this.set(p, undefined);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkShape(doc: Doc, host: JsonHost): string | undefined {
  if (host === 'amp') {
    const rules = doc.value([AMP_PERMISSIONS_KEY]);
    return rules !== undefined && !Array.isArray(rules) ? `"${AMP_PERMISSIONS_KEY}" is not a list` : undefined;
  }
  const layout = LAYOUTS[host];
  const hooks = doc.value(['hooks']);
  if (hooks !== undefined && !isObj(hooks)) return '"hooks" is not an object';
  for (const event of layout.events) {
    const list = doc.value(['hooks', event]);
    if (list !== undefined && !Array.isArray(list)) return `"hooks.${event}" is not a list`;
  }
  if (layout.version !== undefined) {
    const version = doc.value(['version']);
    if (version !== undefined && version !== layout.version) return `"version" is ${JSON.stringify(version)}; AgentGuard knows version ${layout.version}`;
  }
  return undefined;
}

function addAmpRule(doc: Doc, delegate: string): void {
  const rule = { tool: '*', action: 'delegate', to: delegate };
  const rules = (doc.value([AMP_PERMISSIONS_KEY]) as unknown[] | undefined) ?? [];
  const at = rules.findIndex(isOurAmpRule);
  if (at === 0 && sameJson(rules[0], rule)) return;
  if (at > 0) doc.remove([AMP_PERMISSIONS_KEY, at]);
  if (at === 0) doc.set([AMP_PERMISSIONS_KEY, 0], rule);
  else if (!rules.length) doc.set([AMP_PERMISSIONS_KEY], [rule]);
  else doc.set([AMP_PERMISSIONS_KEY, 0], rule, true);
}

/**
 * Adds (or refreshes) AgentGuard's hook; everything else in the file stays as
 * it was. `command` is the hook command, or for Amp the delegate program's path.
 */
export function addHook(text: string, host: JsonHost, command: string): EditResult {
  const parsed = parse(text.trim() ? text : '{}');
  if (parsed.error) return { ok: false, error: parsed.error };
  const doc = new Doc(text);
  const wrong = checkShape(doc, host);
  if (wrong) return { ok: false, error: wrong };
  if (host === 'amp') {
    addAmpRule(doc, command);
    return { ok: true, text: doc.text, changed: doc.text !== text };
  }
  const layout = LAYOUTS[host];
  if (layout.version !== undefined && doc.value(['version']) === undefined) doc.set(['version'], layout.version);
  const entry = layout.entry(command);

  for (const event of layout.events) {
    const list = (doc.value(['hooks', event]) as unknown[] | undefined) ?? [];
    if (layout.matcher !== undefined) {
      let found = false;
      list.forEach((group, gi) => {
        if (!isObj(group) || !Array.isArray(group.hooks)) return;
        const inGroup: unknown[] = group.hooks;
        inGroup.forEach((h, hi) => {
          if (!isObj(h) || !isAgentGuardCommand(entryCommand(h))) return;
          if (found) return; // a duplicate from a hand edit: leave it for uninstall
          found = true;
          if (!sameJson(h, entry)) doc.set(['hooks', event, gi, 'hooks', hi], entry);
          if (inGroup.length === 1 && group.matcher !== layout.matcher) doc.set(['hooks', event, gi, 'matcher'], layout.matcher);
        });
      });
      if (!found) doc.set(['hooks', event, -1], { matcher: layout.matcher, hooks: [entry] }, true);
    } else {
      const at = list.findIndex((h) => isObj(h) && isAgentGuardCommand(entryCommand(h)));
      if (at === -1) doc.set(['hooks', event, -1], entry, true);
      else if (!sameJson(list[at], entry)) doc.set(['hooks', event, at], entry);
    }
  }
  return { ok: true, text: doc.text, changed: doc.text !== text };
}

/** Removes every AgentGuard hook entry (and Amp delegate rule), and the lists and groups that only held it. */
export function removeHook(text: string): EditResult & { empty?: boolean } {
  if (!text.trim()) return { ok: true, text, changed: false };
  const parsed = parse(text);
  if (parsed.error) return { ok: false, error: parsed.error };
  const doc = new Doc(text);
  const ampRules = doc.value([AMP_PERMISSIONS_KEY]);
  if (Array.isArray(ampRules)) {
    for (let i = ampRules.length - 1; i >= 0; i--) if (isOurAmpRule(ampRules[i])) doc.remove([AMP_PERMISSIONS_KEY, i]);
    if (ampRules.some(isOurAmpRule) && (doc.value([AMP_PERMISSIONS_KEY]) as unknown[]).length === 0) doc.remove([AMP_PERMISSIONS_KEY]);
  }
  for (const event of Object.keys((doc.value(['hooks']) as Record<string, unknown> | undefined) ?? {})) {
    const list = doc.value(['hooks', event]);
    if (!Array.isArray(list)) continue;
    let removedAny = false;
    for (let gi = list.length - 1; gi >= 0; gi--) {
      const item = list[gi];
      if (!isObj(item)) continue;
      if (isAgentGuardCommand(entryCommand(item))) {
        doc.remove(['hooks', event, gi]);
        removedAny = true;
        continue;
      }
      if (!Array.isArray(item.hooks)) continue;
      const ours = item.hooks.map((h, hi) => (isObj(h) && isAgentGuardCommand(entryCommand(h)) ? hi : -1)).filter((hi) => hi !== -1);
      if (!ours.length) continue;
      removedAny = true;
      if (ours.length === item.hooks.length) doc.remove(['hooks', event, gi]);
      else for (const hi of ours.reverse()) doc.remove(['hooks', event, gi, 'hooks', hi]);
    }
    if (removedAny && (doc.value(['hooks', event]) as unknown[]).length === 0) doc.remove(['hooks', event]);
  }
  const hooks = doc.value(['hooks']);
  if (isObj(hooks) && Object.keys(hooks).length === 0 && doc.text !== text) doc.remove(['hooks']);
  const rest = doc.value([]) as Record<string, unknown>;
  const empty = Object.keys(rest).every((k) => k === 'version' || (k === 'hooks' && isObj(rest.hooks) && Object.keys(rest.hooks).length === 0));
  return { ok: true, text: doc.text, changed: doc.text !== text, empty };
}

export interface FoundHook {
  event: string;
  command: string;
  /** What is off about the entry (Claude matcher without Bash, Cursor without failClosed, short timeout). */
  problems: string[];
}

/** AgentGuard's entries in a hook file, for `agentguard doctor`. */
export function findHooks(text: string, host: JsonHost): { ok: true; hooks: FoundHook[] } | { ok: false; error: string } {
  const parsed = parse(text);
  if (parsed.error || !parsed.root) return { ok: false, error: parsed.error ?? 'empty file' };
  const value = getNodeValue(parsed.root) as Record<string, unknown>;
  const hooks = isObj(value.hooks) ? value.hooks : {};
  const found: FoundHook[] = [];
  if (host === 'amp') {
    const rules = Array.isArray(value[AMP_PERMISSIONS_KEY]) ? value[AMP_PERMISSIONS_KEY] as unknown[] : [];
    rules.forEach((rule, i) => {
      if (!isOurAmpRule(rule)) return;
      const problems = i === 0 ? [] : [`the delegate rule is number ${i + 1}: rules before it decide without AgentGuard`];
      found.push({ event: AMP_PERMISSIONS_KEY, command: (rule as { to: string }).to, problems });
    });
    return { ok: true, hooks: found };
  }
  for (const [event, list] of Object.entries(hooks)) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (!isObj(item)) continue;
      const entries = Array.isArray(item.hooks) ? item.hooks.filter(isObj) : [item];
      for (const h of entries) {
        const command = entryCommand(h);
        if (!isAgentGuardCommand(command)) continue;
        const problems: string[] = [];
        if (host === 'claude' && typeof item.matcher === 'string' && item.matcher !== '' && item.matcher !== '*' && !/\bBash\b/.test(item.matcher)) problems.push(`matcher "${item.matcher}" does not cover Bash`);
        if (host === 'cursor' && h.failClosed !== true) problems.push('failClosed is not true: Cursor lets the action through when the hook fails');
        // Gemini counts milliseconds, Copilot CLI `timeoutSec`, the others seconds.
        const seconds = host === 'gemini' ? (typeof h.timeout === 'number' ? h.timeout / 1000 : undefined) : (h.timeoutSec ?? h.timeout);
        if (typeof seconds === 'number' && seconds < 65) problems.push(`timeout ${seconds} s is shorter than the approval wait`);
        found.push({ event, command: command as string, problems });
      }
    }
  }
  return { ok: true, hooks: found };
}
