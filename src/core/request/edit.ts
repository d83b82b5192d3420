// Judging a file edit: the path it writes, and what its new content does once run.
import * as path from 'node:path';
import { DEFAULT_THRESHOLDS } from '../config/defaults';
import { evaluate, makeContext, MAX_READ_BYTES } from '../engine';
import { UNKNOWN_ENV, type AnalysisContext, type Finding, type Verdict } from '../types';
import { analyzeSql } from '../packs/common/sql';
import { codeFindings } from '../packs/guard';
import { autorunEditFinding, outsideWorkspaceFinding } from '../packs/autorun';
import { pipelineFindings } from '../packs/pipelines';
import { protectedPathFinding } from '../guard/protectedPaths';
import { harmlessSettingsEdit } from '../guard/editorSettings';
import type { FileEffectKind } from '../effects';
import type { EditTarget, TextEdit } from '../hosts/types';
import { hiddenCharacters, visibleText } from '../text/visible';
import { writtenSecretFinding } from '../packs/secrets/forms';
import { engineOptions, verdictOf, type JudgeOptions } from './verdict';

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

const CODE_EXT = new Set([
  '.py',
  '.pyw',
  '.js',
  '.mjs',
  '.cjs',
  '.ts',
  '.mts',
  '.cts',
  '.jsx',
  '.tsx',
  '.rb',
  '.pl',
  '.pm',
  '.php',
  '.lua',
  '.ps1',
  '.go',
  '.rs',
  '.c',
  '.cc',
  '.cpp',
  '.java',
  '.kt',
  '.swift',
  '.r',
  '.jl',
  '.ex',
  '.exs',
  '.tcl',
  '.awk',
  '.fish',
]);

/** Files that run as code: by extension, shell-like scripts, or a shebang. */
function isCode(absPath: string, content: string): boolean {
  const base = path.basename(absPath).toLowerCase();
  const ext = path.extname(base);
  return (
    CODE_EXT.has(ext) ||
    SHELL_EXT.has(ext) ||
    ext === '.bat' ||
    ext === '.cmd' ||
    ext === '.psm1' ||
    MAKEFILES.has(base) ||
    ext === '.mk' ||
    content.startsWith('#!')
  );
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
  const fragment =
    after === undefined ? (target.fragment ?? (target.edits ?? []).map((e) => e.newString).join('\n')) : undefined;
  const planted = autorunEditFinding({ path: abs, before, ...(after !== undefined ? { after } : { fragment }) }, ctx);
  if (planted) out.push(planted);
  // CI workflows, container builds, Makefiles and registry settings: what the edit adds runs later (packs/pipelines.ts).
  const rel = path.relative(opts.workspace, abs);
  out.push(
    ...pipelineFindings(
      { path: abs, shown: rel.startsWith('..') ? abs : rel, before, after: after ?? fragment ?? '' },
      (lines) => judgeLater(lines, path.dirname(abs), ctx.home, opts),
    ),
  );
  return out;
}

/** Command lines a file will run later, somewhere else (a CI runner, an image build), judged without this session's environment. */
function judgeLater(lines: readonly string[], cwd: string, home: string, opts: JudgeOptions): Finding[] {
  const env = { HOME: home, PATH: '/usr/local/bin:/usr/bin:/bin' };
  return lines.flatMap((command) => evaluate({ command, cwd, env }, engineOptions({ ...opts, env })).findings);
}

// Make recipe lines are the shell commands; `@`, `-`, `+` only change how make runs them.
function makeRecipes(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.startsWith('\t'))
    .map((l) => l.slice(1).replace(/^[@+-]+/, ''))
    .join('\n');
}

function contentWarnings(kind: ScriptKind, absPath: string, content: string, opts: JudgeOptions): Finding[] {
  if (Buffer.byteLength(content) > MAX_READ_BYTES) {
    return [
      {
        id: 'hook.script-too-large',
        summary: `${absPath} is too large for AgentGuard to read; review it before running it`,
        target: absPath,
        severity: 40,
      },
    ];
  }
  if (kind === 'sql') return analyzeSql(content, path.basename(absPath));
  const script = kind === 'make' ? makeRecipes(content) : content;
  if (!script.trim()) return [];
  const shell = kind === 'pwsh' || kind === 'cmd' ? { shell: kind } : { shell: 'bash' as const };
  return evaluate({ command: script, cwd: path.dirname(absPath), env: opts.env, ...shell }, engineOptions(opts))
    .findings;
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

export function judgeEdit(targets: readonly EditTarget[], opts: JudgeOptions): Verdict {
  const ctx = makeContext(engineOptions(opts), opts.env);
  const askAt = { ...DEFAULT_THRESHOLDS, ...opts.config?.thresholds }.ask;
  const findings: Finding[] = [];
  const warnings: Finding[] = [];
  const warnedFiles: string[] = [];
  for (const target of targets) {
    // `~/.bashrc`: MCP file servers (and some hosts' tools) expand a leading `~` to the home, as the shell does.
    const abs = path.resolve(opts.cwd, /^~(?=\/|$)/.test(target.path) ? ctx.home + target.path.slice(1) : target.path);
    const guarded = protectedPathFinding(abs, effectOf(target.op), ctx, opts.config);
    // An editor settings edit that changes only keys guarding nothing (a formatter, a tab size) is the project's own (guard/editorSettings.ts).
    const harmless =
      guarded &&
      target.op !== 'delete' &&
      target.op !== 'move' &&
      harmlessSettingsEdit(abs, ctx.readFile(abs, path.dirname(abs)), resultingContent(target, abs, ctx));
    if (guarded && !harmless) findings.push(guarded);
    const hidden = hiddenPathFinding(target.path);
    if (hidden && !findings.some((f) => f.id === hidden.id)) findings.push(hidden);
    if (target.op === 'delete' || target.op === 'move') continue;
    for (const f of plantedBy(target, abs, ctx, opts))
      if (!findings.some((x) => x.id === f.id && x.target === f.target)) findings.push(f);
    const content = resultingContent(target, abs, ctx);
    // A live secret written into source or a web root (packs/secrets/forms.ts).
    const leaked = writtenSecretFinding(
      path.relative(opts.workspace, abs).startsWith('..') ? abs : path.relative(opts.workspace, abs),
      ctx.readFile(abs, path.dirname(abs)),
      content,
    );
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
