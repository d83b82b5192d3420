// AgentGuard's entry in each agent host's hook file, and the text edits that
// add or remove it. Pure: text in, text out. Edits go through jsonc-parser so
// a file keeps its comments, formatting and every hook that is not ours; a
// file that cannot be parsed is refused, never rewritten.
import * as path from 'node:path';
import { applyEdits, modify, parseTree, findNodeAtLocation, getNodeValue, printParseErrorCode, type FormattingOptions, type Node, type ParseError } from 'jsonc-parser';
import type { HostId } from './types';

/**
 * Seconds a host waits for the hook. Longer than the approval wait (60 s by
 * default): a hook the host kills mid-approval fails open in Claude Code.
 */
export const HOOK_TIMEOUT_SECONDS = 90;

/** Claude Code runs the hook only for these tools (a regex); MCP tools are `mcp__server__tool`. */
export const CLAUDE_MATCHER = 'Bash|Edit|Write|MultiEdit|NotebookEdit|mcp__.*';

/** Cursor events AgentGuard answers: shell and MCP before they run, and every other tool (edits) via preToolUse. */
export const CURSOR_EVENTS = ['beforeShellExecution', 'beforeMCPExecution', 'preToolUse'] as const;

export type Scope = 'project' | 'user';

/** The hook file of a host, project-level (in the workspace) or user-level (in the home directory). */
export function hookFile(host: HostId, scope: Scope, workspace: string, home: string): string {
  const base = scope === 'project' ? workspace : home;
  switch (host) {
    case 'claude': return path.join(base, '.claude', 'settings.json');
    case 'cursor': return path.join(base, '.cursor', 'hooks.json');
    // VS Code reads every JSON file in `.github/hooks/` and, for the user, `~/.copilot/hooks/`.
    case 'copilot': return scope === 'project' ? path.join(base, '.github', 'hooks', 'agentguard.json') : path.join(base, '.copilot', 'hooks', 'agentguard.json');
  }
}

function quote(arg: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return `"${arg.replace(/"/g, '""')}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The shell command a host runs: this node and this CLI by absolute path, quoted. */
export function hookCommand(host: HostId, nodePath: string, cliPath: string, platform: NodeJS.Platform = process.platform): string {
  return `${quote(nodePath, platform)} ${quote(cliPath, platform)} hook ${host}`;
}

/** Recognises AgentGuard's hook command, whichever node or install path it was written with. */
export function isAgentGuardCommand(command: unknown): boolean {
  return typeof command === 'string' && /(?:agentguard|cli\.js)['"]?\s+hook\s+(?:claude|cursor|copilot)\s*$/i.test(command.trim());
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

/** The entry AgentGuard puts in the host's event list. */
function entryFor(host: HostId, command: string): Record<string, unknown> {
  switch (host) {
    case 'claude': return { type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS };
    case 'cursor': return { command, timeout: HOOK_TIMEOUT_SECONDS, failClosed: true };
    case 'copilot': return { type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS };
  }
}

function eventsFor(host: HostId): readonly string[] {
  return host === 'cursor' ? CURSOR_EVENTS : ['PreToolUse'];
}

function checkShape(doc: Doc, host: HostId): string | undefined {
  const hooks = doc.value(['hooks']);
  if (hooks !== undefined && !isObj(hooks)) return '"hooks" is not an object';
  for (const event of eventsFor(host)) {
    const list = doc.value(['hooks', event]);
    if (list !== undefined && !Array.isArray(list)) return `"hooks.${event}" is not a list`;
  }
  if (host === 'cursor') {
    const version = doc.value(['version']);
    if (version !== undefined && version !== 1) return `"version" is ${JSON.stringify(version)}; AgentGuard knows version 1`;
  }
  return undefined;
}

/** Adds (or refreshes) AgentGuard's hook; everything else in the file stays as it was. */
export function addHook(text: string, host: HostId, command: string): EditResult {
  const parsed = parse(text.trim() ? text : '{}');
  if (parsed.error) return { ok: false, error: parsed.error };
  const doc = new Doc(text);
  const wrong = checkShape(doc, host);
  if (wrong) return { ok: false, error: wrong };
  if (host === 'cursor' && doc.value(['version']) === undefined) doc.set(['version'], 1);
  const entry = entryFor(host, command);

  for (const event of eventsFor(host)) {
    const list = (doc.value(['hooks', event]) as unknown[] | undefined) ?? [];
    if (host === 'claude') {
      let found = false;
      list.forEach((group, gi) => {
        if (!isObj(group) || !Array.isArray(group.hooks)) return;
        const inGroup: unknown[] = group.hooks;
        inGroup.forEach((h, hi) => {
          if (!isObj(h) || !isAgentGuardCommand(h.command)) return;
          if (found) return; // a duplicate from a hand edit: leave it for uninstall
          found = true;
          if (!sameJson(h, entry)) doc.set(['hooks', event, gi, 'hooks', hi], entry);
          if (inGroup.length === 1 && group.matcher !== CLAUDE_MATCHER) doc.set(['hooks', event, gi, 'matcher'], CLAUDE_MATCHER);
        });
      });
      if (!found) doc.set(['hooks', event, -1], { matcher: CLAUDE_MATCHER, hooks: [entry] }, true);
    } else {
      const at = list.findIndex((h) => isObj(h) && isAgentGuardCommand(h.command));
      if (at === -1) doc.set(['hooks', event, -1], entry, true);
      else if (!sameJson(list[at], entry)) doc.set(['hooks', event, at], entry);
    }
  }
  return { ok: true, text: doc.text, changed: doc.text !== text };
}

/** Removes every AgentGuard hook entry, and the lists and groups that only held it. */
export function removeHook(text: string): EditResult & { empty?: boolean } {
  if (!text.trim()) return { ok: true, text, changed: false };
  const parsed = parse(text);
  if (parsed.error) return { ok: false, error: parsed.error };
  const doc = new Doc(text);
  for (const event of Object.keys((doc.value(['hooks']) as Record<string, unknown> | undefined) ?? {})) {
    const list = doc.value(['hooks', event]);
    if (!Array.isArray(list)) continue;
    let removedAny = false;
    for (let gi = list.length - 1; gi >= 0; gi--) {
      const item = list[gi];
      if (!isObj(item)) continue;
      if (isAgentGuardCommand(item.command)) {
        doc.remove(['hooks', event, gi]);
        removedAny = true;
        continue;
      }
      if (!Array.isArray(item.hooks)) continue;
      const ours = item.hooks.map((h, hi) => (isObj(h) && isAgentGuardCommand(h.command) ? hi : -1)).filter((hi) => hi !== -1);
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
export function findHooks(text: string, host: HostId): { ok: true; hooks: FoundHook[] } | { ok: false; error: string } {
  const parsed = parse(text);
  if (parsed.error || !parsed.root) return { ok: false, error: parsed.error ?? 'empty file' };
  const value = getNodeValue(parsed.root) as Record<string, unknown>;
  const hooks = isObj(value.hooks) ? value.hooks : {};
  const found: FoundHook[] = [];
  for (const [event, list] of Object.entries(hooks)) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (!isObj(item)) continue;
      const entries = Array.isArray(item.hooks) ? item.hooks.filter(isObj) : [item];
      for (const h of entries) {
        if (!isAgentGuardCommand(h.command)) continue;
        const problems: string[] = [];
        if (host === 'claude' && typeof item.matcher === 'string' && item.matcher !== '' && item.matcher !== '*' && !/\bBash\b/.test(item.matcher)) problems.push(`matcher "${item.matcher}" does not cover Bash`);
        if (host === 'cursor' && h.failClosed !== true) problems.push('failClosed is not true: Cursor lets the action through when the hook fails');
        if (typeof h.timeout === 'number' && h.timeout < 65) problems.push(`timeout ${h.timeout} s is shorter than the approval wait`);
        found.push({ event, command: h.command as string, problems });
      }
    }
  }
  return { ok: true, hooks: found };
}
