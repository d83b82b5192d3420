// Room `request/`: one neutral tool call (a shell line, an edit, an MCP
// call, a read) judged into a verdict: the dispatch and the edits, MCP and
// reads (here), an MCP call's findings put together and weighed by its
// server's target (mcp.ts), what its arguments carry by name (mcpArgs.ts), the shell
// readers a read tool amounts to (reads.ts), and the other workspaces a
// call acts in (targets.ts). Pure judgment: no state is read or written.
//
// Judges one neutral hook request. Shell commands go straight to the engine;
// edits are judged by the path they touch (protected paths) and, for scripts
// and SQL files, by what the new content would do once run; MCP calls by what
// their arguments mean and their tool names say, against their server's target.
import * as path from 'node:path';
import { DEFAULT_THRESHOLDS } from '../config/defaults';
import type { Config } from '../config/schema';
import { evaluate, evaluateLine, makeContext, MAX_READ_BYTES, type EngineOptions, type Reading } from '../engine';
import { UNKNOWN_ENV, type AnalysisContext, type EnvironmentMatch, type Finding, type Verdict } from '../types';
import { analyzeSql } from '../packs/common/sql';
import { judgeMcpCall } from './mcp';
import { codeFindings } from '../packs/guard';
import { autorunEditFinding, outsideWorkspaceFinding } from '../packs/autorun';
import { pipelineFindings } from '../packs/pipelines';
import { protectedPathFinding } from '../guard/protectedPaths';
import { harmlessSettingsEdit } from '../guard/editorSettings';
import type { FileEffectKind } from '../effects';
import type { EditTarget, HookRequest, TextEdit } from '../hosts/types';
import { hiddenCharacters, visibleText } from '../text/visible';
import { hasActions, mcpActions } from './mcpArgs';
import { stricter } from './targets';
import { managedHold } from '../policy/managedMerge';
import { fetchCommand, MAX_READS, readCommands, readsUnjudged } from './reads';
import { sentSecretFinding, writtenSecretFinding } from '../packs/secrets/forms';

export type { Verdict } from '../types';


export interface JudgeOptions {
  workspace: string;
  /** Absolute working directory of the call. */
  cwd: string;
  config: Config | undefined;
  env: Record<string, string>;
  home?: string;
  /** Bounded read of a file's current content (tests inject one). */
  readFile?: EngineOptions['readFile'];
  /** Files agents wrote (see ledger.ts), for background launches of agent code. */
  agentWritten?: EngineOptions['agentWritten'];
  /** AgentGuard's state folder for this call (a judge serving another process passes the hook's). */
  stateDir?: string;
  /** Folders of the CLI that runs the hook, when the judge is another process. */
  guardInstall?: readonly string[];
  /** Folders the host says are open besides the workspace: edits there are inside the project. */
  workspaceRoots?: readonly string[];
}

import { decisionForScore } from '../policy/rules';

function maxSeverity(findings: readonly Finding[]): number {
  return Math.min(100, findings.reduce((s, f) => Math.max(s, f.severity), 0));
}

function verdictOf(findings: Finding[], warnings: Finding[], environment: EnvironmentMatch, config: Config | undefined): Verdict {
  const score = maxSeverity(findings);
  const decision = decisionForScore(score, config);
  // What the organization's managed policy gates stays gated in monitor mode (policy/managedMerge.ts).
  const held = managedHold(config, decision, undefined, findings);
  if (held) return { decision, score, environment, findings: [...findings, held], warnings };
  return applyMonitor({ decision, score, environment, findings, warnings }, config);
}

function applyMonitor(v: Verdict, config: Config | undefined): Verdict {
  if (config?.mode !== 'monitor' || v.decision === 'allow') return v;
  return { ...v, monitored: v.decision, decision: 'allow' };
}

export function judgeRequest(req: HookRequest, opts: JudgeOptions): Verdict {
  switch (req.kind) {
    case 'shell':
      // A terminal's shell outlives the line: what it defines now runs later.
      return judgeShell(req.command ?? '', opts, req.shell, shellSessionOf(req));
    case 'edit':
      return judgeEdit(req.targets ?? [], opts);
    case 'mcp':
      return judgeMcp(req, opts);
    case 'other':
      return judgeOther(req, opts);
  }
}

function engineOptions(opts: JudgeOptions): EngineOptions {
  return {
    workspace: opts.workspace,
    config: opts.config,
    env: opts.env,
    ...(opts.home ? { home: opts.home } : {}),
    ...(opts.readFile ? { readFile: opts.readFile } : {}),
    ...(opts.agentWritten ? { agentWritten: opts.agentWritten } : {}),
    ...(opts.stateDir ? { stateDir: opts.stateDir } : {}),
    ...(opts.guardInstall ? { guardInstall: opts.guardInstall } : {}),
  };
}

/** A shell line's verdict, with the readings the engine judged it in (the walk hands them on instead of parsing the line again). */
export function judgeShellLine(command: string, opts: JudgeOptions, shell: HookRequest['shell'], session?: ShellSession): { verdict: Verdict; readings: Reading[] } {
  const { result: r, readings } = evaluateLine({ command, cwd: opts.cwd, env: opts.env, ...(shell ? { shell } : {}), ...session }, engineOptions(opts));
  const verdict: Verdict = {
    decision: r.decision,
    score: r.score,
    environment: r.environment,
    findings: r.findings,
    warnings: [],
    ...(r.monitored ? { monitored: r.monitored } : {}),
    ...(r.rule ? { rule: r.rule } : {}),
  };
  return { verdict, readings };
}

function judgeShell(command: string, opts: JudgeOptions, shell: HookRequest['shell'], session?: ShellSession): Verdict {
  return judgeShellLine(command, opts, shell, session).verdict;
}

/** A terminal's shell outlives the line: what it defines now runs later, and what it already holds is sent with the line. */
export interface ShellSession {
  session: true;
  shellState?: string;
}

/** The session a request's line runs in: a terminal line's, or none. */
export function shellSessionOf(req: HookRequest): ShellSession | undefined {
  return req.event === 'terminalLine' ? { session: true, ...(req.shellState ? { shellState: req.shellState } : {}) } : undefined;
}

// ---- edits ---------------------------------------------------------------

const SHELL_EXT = new Set(['.sh', '.bash', '.zsh', '.ksh', '.command']);
const MAKEFILES = new Set(['makefile', 'gnumakefile']);

type ScriptKind = 'shell' | 'make' | 'sql' | 'pwsh' | 'cmd';

function scriptKind(absPath: string, content: string): ScriptKind | undefined {
  const base = path.basename(absPath).toLowerCase();
  const ext = path.extname(base);
  if (ext === '.sql') return 'sql';
  if (SHELL_EXT.has(ext)) return 'shell';
  // PowerShell scripts and modules, and batch files: read in their own language.
  if (ext === '.ps1' || ext === '.psm1') return 'pwsh';
  if (ext === '.bat' || ext === '.cmd') return 'cmd';
  if (MAKEFILES.has(base) || ext === '.mk') return 'make';
  if (/^#!\s*\S*\/(?:env\s+)?(?:ba|z|k|da)?sh\b/.test(content)) return 'shell';
  return undefined;
}

const CODE_EXT = new Set(['.py', '.pyw', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx', '.rb', '.pl', '.pm', '.php', '.lua', '.ps1', '.go', '.rs', '.c', '.cc', '.cpp', '.java', '.kt', '.swift', '.r', '.jl', '.ex', '.exs', '.tcl', '.awk', '.fish']);

/** Files that run as code: by extension, shell-like scripts, or a shebang. */
function isCode(absPath: string, content: string): boolean {
  const base = path.basename(absPath).toLowerCase();
  const ext = path.extname(base);
  return CODE_EXT.has(ext) || SHELL_EXT.has(ext) || ext === '.bat' || ext === '.cmd' || ext === '.psm1' || MAKEFILES.has(base) || ext === '.mk' || content.startsWith('#!');
}

function applyEdits(current: string, edits: readonly TextEdit[]): string | undefined {
  let text = current;
  for (const e of edits) {
    if (e.oldString === '') return undefined;
    if (!text.includes(e.oldString)) return undefined;
    text = e.replaceAll ? text.split(e.oldString).join(e.newString) : text.replace(e.oldString, () => e.newString);
  }
  return text;
}

/** The file's content after the edit when it can be known, else the new text alone. */
function resultingContent(target: EditTarget, absPath: string, ctx: AnalysisContext): string {
  if (target.content !== undefined) return target.content;
  if (target.fragment !== undefined) return target.fragment;
  const edits = target.edits ?? [];
  const current = ctx.readFile(absPath, path.dirname(absPath));
  const applied = current !== undefined ? applyEdits(current, edits) : undefined;
  return applied ?? edits.map((e) => e.newString).join('\n');
}

/** What an edit plants to run later (autorun places), and whether it writes outside the workspace at all. */
function plantedBy(target: EditTarget, abs: string, ctx: AnalysisContext, opts: JudgeOptions): Finding[] {
  const out: Finding[] = [];
  const outside = outsideWorkspaceFinding(abs, ctx, opts.workspaceRoots);
  if (outside) out.push(outside);
  const before = ctx.readFile(abs, path.dirname(abs));
  const after = target.content ?? (target.edits && before !== undefined ? applyEdits(before, target.edits) : undefined);
  const fragment = after === undefined ? target.fragment ?? (target.edits ?? []).map((e) => e.newString).join('\n') : undefined;
  const planted = autorunEditFinding({ path: abs, before, ...(after !== undefined ? { after } : { fragment }) }, ctx);
  if (planted) out.push(planted);
  // CI workflows, container builds, Makefiles and registry settings: what the edit adds runs later (packs/pipelines.ts).
  const rel = path.relative(opts.workspace, abs);
  out.push(...pipelineFindings({ path: abs, shown: rel.startsWith('..') ? abs : rel, before, after: after ?? fragment ?? '' }, (lines) => judgeLater(lines, path.dirname(abs), ctx.home, opts)));
  return out;
}

/** Command lines a file will run later, somewhere else (a CI runner, an image build), judged without this session's environment. */
function judgeLater(lines: readonly string[], cwd: string, home: string, opts: JudgeOptions): Finding[] {
  const env = { HOME: home, PATH: '/usr/local/bin:/usr/bin:/bin' };
  return lines.flatMap((command) => evaluate({ command, cwd, env }, engineOptions({ ...opts, env })).findings);
}

// Make recipe lines are the shell commands; `@`, `-`, `+` only change how make runs them.
function makeRecipes(text: string): string {
  return text.split('\n').filter((l) => l.startsWith('\t')).map((l) => l.slice(1).replace(/^[@+-]+/, '')).join('\n');
}

function contentWarnings(kind: ScriptKind, absPath: string, content: string, opts: JudgeOptions): Finding[] {
  if (Buffer.byteLength(content) > MAX_READ_BYTES) {
    return [{ id: 'hook.script-too-large', summary: `${absPath} is too large for AgentGuard to read; review it before running it`, target: absPath, severity: 40 }];
  }
  if (kind === 'sql') return analyzeSql(content, path.basename(absPath));
  const script = kind === 'make' ? makeRecipes(content) : content;
  if (!script.trim()) return [];
  const shell = kind === 'pwsh' || kind === 'cmd' ? { shell: kind } : { shell: 'bash' as const };
  return evaluate({ command: script, cwd: path.dirname(absPath), env: opts.env, ...shell }, engineOptions(opts)).findings;
}

/** A path spelled with bidi controls or zero-width characters reads as another file than the one written. */
function hiddenPathFinding(p: string): Finding | undefined {
  const hidden = hiddenCharacters(p);
  if (!hidden.length) return undefined;
  return {
    id: 'path.invisible-characters',
    summary: `the path contains ${hidden.map((h) => `${h.name} (${h.code})`).join(', ')}, so the file you read of is not the file written`,
    target: visibleText(p),
    alternative: 'name the file with visible characters only',
    severity: 50,
  };
}

function effectOf(op: EditTarget['op']): FileEffectKind {
  return op === 'delete' ? 'delete' : op === 'move' ? 'move' : 'write';
}

function judgeEdit(targets: readonly EditTarget[], opts: JudgeOptions): Verdict {
  const ctx = makeContext(engineOptions(opts), opts.env);
  const askAt = { ...DEFAULT_THRESHOLDS, ...opts.config?.thresholds }.ask;
  const findings: Finding[] = [];
  const warnings: Finding[] = [];
  const warnedFiles: string[] = [];
  for (const target of targets) {
    const abs = path.resolve(opts.cwd, target.path);
    const guarded = protectedPathFinding(abs, effectOf(target.op), ctx, opts.config);
    // An editor settings edit that changes only keys guarding nothing (a formatter, a tab size) is the project's own (guard/editorSettings.ts).
    const harmless = guarded && target.op !== 'delete' && target.op !== 'move' && harmlessSettingsEdit(abs, ctx.readFile(abs, path.dirname(abs)), resultingContent(target, abs, ctx));
    if (guarded && !harmless) findings.push(guarded);
    const hidden = hiddenPathFinding(target.path);
    if (hidden && !findings.some((f) => f.id === hidden.id)) findings.push(hidden);
    if (target.op === 'delete' || target.op === 'move') continue;
    for (const f of plantedBy(target, abs, ctx, opts)) if (!findings.some((x) => x.id === f.id && x.target === f.target)) findings.push(f);
    const content = resultingContent(target, abs, ctx);
    // A live secret written into source or a web root (packs/secrets/forms.ts).
    const leaked = writtenSecretFinding(path.relative(opts.workspace, abs).startsWith('..') ? abs : path.relative(opts.workspace, abs), ctx.readFile(abs, path.dirname(abs)), content);
    if (leaked && !findings.some((x) => x.id === leaked.id && x.target === leaked.target)) findings.push(leaked);
    // Code that reaches AgentGuard itself (its state, policy, hooks, CLI) or binds a Unix socket gates the edit.
    if (isCode(abs, content)) {
      for (const f of codeFindings(content, `the file ${abs}`, false)) {
        if (!findings.some((x) => x.id === f.id && x.target === f.target)) findings.push(f);
      }
    }
    const kind = scriptKind(abs, content);
    if (!kind) continue;
    const found = contentWarnings(kind, abs, content, opts).filter((w) => w.severity >= askAt);
    if (found.length) warnedFiles.push(abs);
    for (const w of found) {
      if (!warnings.some((x) => x.id === w.id && x.target === w.target)) warnings.push(w);
    }
  }
  const verdict = verdictOf(findings, warnings, UNKNOWN_ENV, opts.config);
  return warnedFiles.length ? { ...verdict, warnedFiles } : verdict;
}

// ---- MCP -----------------------------------------------------------------

/** An MCP call: what its arguments carry by name (below), then by meaning, weighed by its server's target (request/mcp/). */
function judgeMcp(req: HookRequest, opts: JudgeOptions): Verdict {
  const call = req.mcp ?? { tool: req.toolName, input: undefined };
  const label = call.server ? `${call.server} → ${call.tool}` : call.tool;
  const read = req.reads?.length ? readFindings(req, opts).findings : [];
  const acted = judgeMcpActions(call.tool, call.input, label, opts);
  const ctx = makeContext(engineOptions(opts), opts.env);
  const meant = judgeMcpCall(call, {
    ctx,
    config: opts.config,
    cwd: opts.cwd,
    shell: (command, cwd, env) => judgeShell(command, { ...opts, cwd, ...(env ? { env: { ...opts.env, ...env } } : {}) }, undefined),
  }, [...read, ...acted.findings], acted.lines);
  const environment = acted.environment?.production && !meant.environment.production ? acted.environment : meant.environment;
  const verdict = verdictOf(meant.findings, [], environment, opts.config);
  // A workspace rule that decided one of the commands (deny `git push *`) decides the call too.
  return acted.ruled ? stricter(verdict, acted.ruled) : verdict;
}

/** The shell lines, code, process input and file writes an MCP call carries, judged as if the agent ran or wrote them. */
function judgeMcpActions(tool: string, input: unknown, label: string, opts: JudgeOptions): { findings: Finding[]; lines: string[]; environment?: EnvironmentMatch; ruled?: Verdict } {
  const actions = mcpActions(tool, input);
  const out: { findings: Finding[]; lines: string[]; environment?: EnvironmentMatch; ruled?: Verdict } = { findings: [], lines: actions.shell.map((s) => s.command) };
  if (!hasActions(actions)) return out;
  const lines = [
    ...actions.shell.map((s) => ({ command: s.command, cwd: s.cwd ? path.resolve(opts.cwd, s.cwd) : opts.cwd, what: 'runs' })),
    ...actions.code.map((c) => ({ command: c, cwd: opts.cwd, what: 'runs code' })),
    ...actions.lines.map((l) => ({ command: l.command, cwd: opts.cwd, what: l.what })),
    // Text typed into a running process is read as a shell line and as code, whichever the process is.
    ...actions.input.flatMap((i) => [i, ...mcpActions('', { code: i }).code].map((command) => ({ command, cwd: opts.cwd, what: 'types into a running process', typed: true }))),
  ].slice(0, 8);
  for (const line of lines) {
    const r = judgeShell(line.command, { ...opts, cwd: line.cwd }, undefined);
    const shown = line.command.length > 120 ? line.command.slice(0, 119) + '…' : line.command;
    for (const f of r.findings) {
      // Typed text that is not shell (Python into a REPL) is judged as code instead.
      if ('typed' in line && f.id.startsWith('parse.') && f.id !== 'parse.invisible-characters' && f.id !== 'parse.control-characters') continue;
      if (!out.findings.some((g) => g.id === f.id && g.target === f.target)) out.findings.push({ ...f, summary: `${label} ${line.what} \`${shown}\`: ${f.summary}` });
    }
    if (r.environment.production) out.environment = r.environment;
    if (r.rule && r.decision !== 'allow') out.ruled = out.ruled ? stricter(out.ruled, r) : r;
  }
  for (const i of actions.input) out.findings.push(...codeFindings(i, `input ${label} types into a running process`));
  if (actions.writes.length) {
    const written = judgeEdit(actions.writes, opts);
    for (const f of written.findings) out.findings.push({ ...f, summary: `${label} writes a file: ${f.summary}` });
  }
  return out;
}

// ---- anything else -------------------------------------------------------

/** Reads and searches by the agent's own tools: the same findings `cat`, `grep` and `find` would get. */
function readFindings(req: HookRequest, opts: JudgeOptions): { findings: Finding[]; environment: EnvironmentMatch } {
  const reads = req.reads ?? [];
  const fetches = req.fetches ?? [];
  const unjudged = readsUnjudged(reads) + Math.max(0, fetches.length - MAX_READS);
  // Past the bound the rest are not judged, so the call is not let through unseen: it asks.
  const beyond: Finding[] = unjudged ? [{
    id: 'hook.too-many-reads',
    summary: `${req.toolName} reads ${reads.length} paths${fetches.length ? ` and ${fetches.length} URLs` : ''} in one call; AgentGuard judges ${MAX_READS} of each per call, so ${unjudged} were not judged`,
    target: req.toolName,
    alternative: `read at most ${MAX_READS} paths or URLs per call, or approve it if you expected these reads`,
    severity: 50,
  }] : [];
  // What a fetch tool requests is judged as the curl line that requests it, and for live secrets it carries.
  const judged = fetches.slice(0, MAX_READS);
  const lines = [...readCommands(reads), ...judged.map(fetchCommand)];
  if (!lines.length) return { findings: beyond, environment: UNKNOWN_ENV };
  const r = evaluate({ command: lines.join('\n'), cwd: opts.cwd, env: opts.env }, engineOptions(opts));
  const sent = judged.length ? sentSecretFinding(judged, `${req.toolName} ${judged[0].slice(0, 80)}`) : undefined;
  return { findings: [...r.findings, ...(sent ? [sent] : []), ...beyond], environment: r.environment };
}

function judgeOther(req: HookRequest, opts: JudgeOptions): Verdict {
  if (req.reads?.length || req.fetches?.length) {
    const read = readFindings(req, opts);
    return verdictOf(read.findings, [], read.environment, opts.config);
  }
  if (req.readOnly) return verdictOf([], [], UNKNOWN_ENV, opts.config);
  return verdictOf([{
    id: 'hook.unknown-tool',
    summary: `AgentGuard does not know what the ${req.toolName} tool does`,
    target: req.toolName,
    alternative: 'approve it if you expected this tool call',
    severity: 50,
  }], [], UNKNOWN_ENV, opts.config);
}
