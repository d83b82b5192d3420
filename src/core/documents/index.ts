// Commands written in files, judged where they are written: the same engine
// as the hook, on each command a document would run, with the span of the
// command's own text in the document. Pure: the caller brings the text.
import * as path from 'node:path';
import type { Config } from '../config/schema';
import { evaluate, type EngineOptions } from '../engine';
import { analyzeSql } from '../packs/common/sql';
import { decisionForScore } from '../policy/rules';
import { parse } from '../parse/bash/parser';
import type { List, SimpleNode } from '../parse/bash/ast';
import type { Decision, DecisionResult, Finding } from '../types';
import { table } from '../text/own';
import { dockerRuns, makeRecipes } from './buildFiles';
import type { DocumentKind } from './kinds';
import { packageScripts } from './packageJson';
import { eachShellStatement } from './shell';
import { docOffset, docSpan, type Snippet } from './snippet';
import { sqlStatements } from './sql';
import { yamlCommands } from './yaml';

/** Documents larger than this are not judged: scripts are hand-written, and the engine reads 256 KiB at most. */
export const MAX_DOCUMENT_CHARS = 2 * 1024 * 1024;
/** Most simple commands of one statement judged one by one to find the one at fault. */
const MAX_NODES = 64;

export interface DocumentJudgeOptions extends EngineOptions {
  /** Absolute directory the document's commands run in. */
  cwd: string;
  /** Decisions by statement text, kept by the caller between runs and dropped when the config changes. */
  cache?: Map<string, DecisionResult>;
}

export interface Flag {
  /** Document span of the command. */
  start: number;
  end: number;
  /** The command text as it will run (after make/YAML/JSON unescaping). */
  command: string;
  /** The decision that would be made; in monitor mode `result.decision` is allow and this is what was recorded. */
  decision: Exclude<Decision, 'allow'>;
  result: DecisionResult;
  snippet: Snippet;
  /** Span of `command` inside `snippet.text`. */
  from: number;
  to: number;
  /** A statement of a SQL file rather than a shell command. */
  sql?: boolean;
}

export function commandsIn(kind: Exclude<DocumentKind, 'config'>, text: string): Iterable<Snippet> {
  switch (kind) {
    case 'shell':
      return eachShellStatement(text);
    case 'package-json':
      return packageScripts(text);
    case 'make':
      return makeRecipes(text);
    case 'dockerfile':
      return dockerRuns(text);
    case 'actions':
      return yamlCommands(text, new Set(['run']));
    case 'compose':
      return yamlCommands(text, new Set(['command', 'entrypoint']));
    case 'sql':
      return sqlStatements(text);
  }
}

function monitored(r: DecisionResult, config: Config | undefined): DecisionResult {
  if (config?.mode !== 'monitor' || r.decision === 'allow') return r;
  return { ...r, monitored: r.decision, decision: 'allow' };
}

// A document may hold syntax the engine's parser does not read (it was
// written for commands, not whole programs); that is no reason to warn: the
// hook still judges the command when it runs.
function withoutParseFailures(r: DecisionResult, config: Config | undefined): DecisionResult {
  if (!r.findings.some((f) => f.id === 'parse.unparseable')) return r;
  const findings = r.findings.filter((f) => f.id !== 'parse.unparseable');
  if (r.rule) return { ...r, findings };
  const score = findings.reduce((s, f) => Math.max(s, f.severity), 0);
  return monitored({ ...r, findings, score, decision: decisionForScore(score, config), monitored: undefined }, config);
}

const ASSIGNMENT =
  /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(?:'([^'\n]*)'|"([^"$`\\\n]*)"|([^\s'"$`\\;&|()<>]*))\s*(?:#.*)?$/;

/** Judges one document: every command it would run that AgentGuard would ask about or deny. */
export function judgeDocument(kind: Exclude<DocumentKind, 'config'>, text: string, opts: DocumentJudgeOptions): Flag[] {
  const flags: Flag[] = [];
  for (const step of judgeDocumentSteps(kind, text, opts)) flags.push(...step.flags);
  return flags;
}

/** One statement judged: its flags, and the document offset where the statement ends. */
export interface JudgedStep {
  flags: Flag[];
  end: number;
}

/** The same, one statement at a time in document order, so a caller can stop when the document changes again, or show the first lines' flags before the rest are judged. */
export function* judgeDocumentSteps(
  kind: Exclude<DocumentKind, 'config'>,
  text: string,
  opts: DocumentJudgeOptions,
): Generator<JudgedStep> {
  if (text.length > MAX_DOCUMENT_CHARS) return;
  const snippets = commandsIn(kind, text);
  // Variables a script assigns at top level reach the lines after it (`DIR=/; … rm -rf "$DIR"`).
  const assigned = table<string>();
  let envKey = '';
  for (const snippet of snippets) {
    const judgeText = (command: string): DecisionResult => {
      if (kind === 'sql') return sqlResult(command, opts.config);
      const key = `${kind}\0${opts.cwd}\0${envKey}\0${command}`;
      const hit = opts.cache?.get(key);
      if (hit) return hit;
      const env = envKey ? table(opts.env, assigned) : undefined;
      const r = withoutParseFailures(evaluate({ command, cwd: opts.cwd, ...(env ? { env } : {}) }, opts), opts.config);
      if (opts.cache) {
        if (opts.cache.size >= 50_000) opts.cache.clear();
        opts.cache.set(key, r);
      }
      return r;
    };
    const result = judgeText(snippet.text);
    const flags = kind === 'sql' ? wholeStatement(snippet, result) : locate(snippet, result, judgeText);
    yield { flags, end: docOffset(snippet, snippet.text.length) };
    if (kind === 'shell') {
      const m = ASSIGNMENT.exec(snippet.text);
      if (m && Object.keys(assigned).length < 256) {
        assigned[m[1]] = m[2] ?? m[3] ?? m[4] ?? '';
        envKey = JSON.stringify(assigned);
      }
    }
  }
}

function sqlResult(sql: string, config: Config | undefined): DecisionResult {
  const findings: Finding[] = analyzeSql(sql);
  const score = Math.min(
    100,
    findings.reduce((s, f) => Math.max(s, f.severity), 0),
  );
  return monitored(
    {
      command: sql,
      decision: decisionForScore(score, config),
      score,
      environment: { name: 'unknown', production: false, evidence: [] },
      findings,
    },
    config,
  );
}

function effective(r: DecisionResult): Decision {
  return r.monitored ?? r.decision;
}

function simpleNodes(list: List, out: SimpleNode[]): void {
  for (const andOr of list) {
    for (const pipeline of andOr.pipelines) {
      for (const node of pipeline.commands) {
        if (out.length > MAX_NODES) return;
        if (node.type === 'simple') out.push(node);
        else if (node.type === 'subshell' || node.type === 'group') simpleNodes(node.body, out);
        else if (node.type === 'control') for (const body of node.bodies) simpleNodes(body, out);
        else if (node.type === 'function' && node.body.type === 'simple') out.push(node.body);
        else if (node.type === 'function')
          simpleNodes([{ pipelines: [{ commands: [node.body] }], background: false }], out);
      }
    }
  }
}

function flagAt(snippet: Snippet, from: number, to: number, result: DecisionResult): Flag {
  const { start, end } = docSpan(snippet, from, to);
  return {
    start,
    end,
    command: snippet.text.slice(from, to),
    decision: effective(result) as Flag['decision'],
    result,
    snippet,
    from,
    to,
  };
}

function wholeStatement(snippet: Snippet, result: DecisionResult): Flag[] {
  if (effective(result) === 'allow') return [];
  const text = snippet.text;
  return [{ ...flagAt(snippet, text.length - text.trimStart().length, text.trimEnd().length, result), sql: true }];
}

/**
 * Where in the statement the trouble is. The statement's decision stands
 * (`cd /tmp/x && rm -rf *` is fine as a whole even if `rm -rf *` alone is
 * not); the flag goes on the simple commands that are at fault on their own,
 * or on the whole statement when only their combination is (`curl … | sh`).
 */
function locate(snippet: Snippet, whole: DecisionResult, judgeText: (t: string) => DecisionResult): Flag[] {
  if (effective(whole) === 'allow') return [];
  const text = snippet.text;
  const from = text.length - text.trimStart().length;
  const to = text.trimEnd().length;
  if (snippet.execForm) return [flagAt(snippet, from, to, whole)];
  const nodes: SimpleNode[] = [];
  try {
    simpleNodes(parse(text), nodes);
  } catch {
    return [flagAt(snippet, from, to, whole)];
  }
  const spans = nodes
    .filter((n) => n.text)
    .map((n) => {
      const raw = text.slice(n.start, n.end);
      const at = n.start + (raw.length - raw.trimStart().length);
      // A trailing comment is not part of the command.
      const comment = /\s+#[^'"`]*$/.exec(n.text);
      return { from: at, to: at + (comment ? comment.index : n.text.length) };
    })
    .filter((s) => text.slice(s.from, s.to).trim());
  if (spans.length === 1) return [flagAt(snippet, spans[0].from, spans[0].to, whole)];
  const ids = new Set(whole.findings.map((f) => f.id));
  const flags: Flag[] = [];
  for (const s of spans.slice(0, MAX_NODES)) {
    const own = judgeText(text.slice(s.from, s.to));
    if (effective(own) !== 'allow' && own.findings.some((f) => ids.has(f.id)))
      flags.push(flagAt(snippet, s.from, s.to, own));
  }
  return flags.length ? flags : [flagAt(snippet, from, to, whole)];
}

/** The directory a document's commands run in: its own folder (a workflow's and a compose file's: the workspace). */
export function commandDirectory(kind: DocumentKind, file: string, workspace: string): string {
  if (kind === 'actions') return workspace;
  return path.dirname(file);
}
