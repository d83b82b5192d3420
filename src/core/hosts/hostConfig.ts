// AgentGuard's entry in each agent host's hook file, and the text edits that
// add or remove it. Pure: text in, text out. Edits go through jsonc-parser so
// a file keeps its comments, formatting and every hook that is not ours; a
// file that cannot be parsed is refused, never rewritten.
import {
  applyEdits,
  modify,
  parseTree,
  findNodeAtLocation,
  getNodeValue,
  printParseErrorCode,
  type FormattingOptions,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import type { DelegateWiring, JsonWiring } from './adapter';
import { isAgentGuardCommand } from './hostFiles';
import { HOST_ADAPTERS, hostAdapter } from './index';
import type { HostId } from './types';

export { HOST_HOOK_FILES, hookCommand, hookFile, isAgentGuardCommand, type Scope } from './hostFiles';

/** How a host's hook sits in a JSON settings file (an entry, or a delegate rule): its adapter's `wiring`; a host whose hook is a file of its own has none. */
function wiringOf(host: HostId): JsonWiring | DelegateWiring {
  const wiring = hostAdapter(host).wiring;
  if (wiring.kind === 'file') throw new Error(`${host} has no hook entry in a settings file`);
  return wiring;
}

/** Every host's delegate rules (Amp's), which uninstall finds in any file. */
const DELEGATES: readonly DelegateWiring[] = HOST_ADAPTERS.flatMap((a) =>
  a.wiring.kind === 'delegate' ? [a.wiring] : [],
);

/** The command an entry runs (Copilot CLI spells it `bash`). */
function entryCommand(h: Record<string, unknown>): unknown {
  return h.command ?? h.bash;
}

function isOurRule(rule: unknown, wiring: DelegateWiring): boolean {
  return isObj(rule) && rule.action === 'delegate' && typeof rule.to === 'string' && rule.to.endsWith(wiring.program);
}

export type EditResult = { ok: true; text: string; changed: boolean } | { ok: false; error: string };

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
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
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
    this.text = applyEdits(
      this.text,
      modify(this.text, p, value, { formattingOptions: this.fmt, isArrayInsertion: insert }),
    );
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

function checkShape(doc: Doc, layout: JsonWiring | DelegateWiring): string | undefined {
  if (layout.kind === 'delegate') {
    const rules = doc.value([layout.key]);
    return rules !== undefined && !Array.isArray(rules) ? `"${layout.key}" is not a list` : undefined;
  }
  const hooks = doc.value(['hooks']);
  if (hooks !== undefined && !isObj(hooks)) return '"hooks" is not an object';
  for (const event of layout.events) {
    const list = doc.value(['hooks', event]);
    if (list !== undefined && !Array.isArray(list)) return `"hooks.${event}" is not a list`;
  }
  if (layout.version !== undefined) {
    const version = doc.value(['version']);
    if (version !== undefined && version !== layout.version)
      return `"version" is ${JSON.stringify(version)}; AgentGuard knows version ${layout.version}`;
  }
  return undefined;
}

/** The rule that delegates every tool call to AgentGuard's program, first in the list so no earlier rule skips it. */
function addDelegateRule(doc: Doc, wiring: DelegateWiring, delegate: string): void {
  const key = wiring.key;
  const rule = { tool: '*', action: 'delegate', to: delegate };
  const rules = (doc.value([key]) as unknown[] | undefined) ?? [];
  const at = rules.findIndex((r) => isOurRule(r, wiring));
  if (at === 0 && sameJson(rules[0], rule)) return;
  if (at > 0) doc.remove([key, at]);
  if (at === 0) doc.set([key, 0], rule);
  else if (!rules.length) doc.set([key], [rule]);
  else doc.set([key, 0], rule, true);
}

/**
 * Adds (or refreshes) AgentGuard's hook; everything else in the file stays as
 * it was. `command` is the hook command, or for a delegate rule the program's path.
 */
export function addHook(text: string, host: HostId, command: string): EditResult {
  const parsed = parse(text.trim() ? text : '{}');
  if (parsed.error) return { ok: false, error: parsed.error };
  const doc = new Doc(text);
  const layout = wiringOf(host);
  const wrong = checkShape(doc, layout);
  if (wrong) return { ok: false, error: wrong };
  if (layout.kind === 'delegate') {
    addDelegateRule(doc, layout, command);
    return { ok: true, text: doc.text, changed: doc.text !== text };
  }
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
          if (inGroup.length === 1 && group.matcher !== layout.matcher)
            doc.set(['hooks', event, gi, 'matcher'], layout.matcher);
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
  for (const wiring of DELEGATES) {
    const ours = (r: unknown) => isOurRule(r, wiring);
    const rules = doc.value([wiring.key]);
    if (!Array.isArray(rules)) continue;
    for (let i = rules.length - 1; i >= 0; i--) if (ours(rules[i])) doc.remove([wiring.key, i]);
    if (rules.some(ours) && (doc.value([wiring.key]) as unknown[]).length === 0) doc.remove([wiring.key]);
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
      const ours = item.hooks
        .map((h, hi) => (isObj(h) && isAgentGuardCommand(entryCommand(h)) ? hi : -1))
        .filter((hi) => hi !== -1);
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
  const empty = Object.keys(rest).every(
    (k) => k === 'version' || (k === 'hooks' && isObj(rest.hooks) && Object.keys(rest.hooks).length === 0),
  );
  return { ok: true, text: doc.text, changed: doc.text !== text, empty };
}

export interface FoundHook {
  event: string;
  command: string;
  /** The matcher of the entry's group, where the host has one (Claude Code: which tools reach it). */
  matcher?: string;
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
  const layout = wiringOf(host);
  if (layout.kind === 'delegate') {
    const rules = Array.isArray(value[layout.key]) ? (value[layout.key] as unknown[]) : [];
    rules.forEach((rule, i) => {
      if (!isOurRule(rule, layout)) return;
      const problems =
        i === 0 ? [] : [`the delegate rule is number ${i + 1}: rules before it decide without AgentGuard`];
      found.push({ event: layout.key, command: (rule as { to: string }).to, problems });
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
        const problems = layout.problems?.(item, h) ?? [];
        // Gemini counts milliseconds, Copilot CLI `timeoutSec`, the others seconds.
        const seconds = layout.secondsOf ? layout.secondsOf(h) : (h.timeoutSec ?? h.timeout);
        if (typeof seconds === 'number' && seconds < 65)
          problems.push(`timeout ${seconds} s is shorter than the approval wait`);
        const matcher = item !== h && typeof item.matcher === 'string' ? item.matcher : undefined;
        found.push({ event, command: command as string, ...(matcher !== undefined ? { matcher } : {}), problems });
      }
    }
  }
  return { ok: true, hooks: found };
}
