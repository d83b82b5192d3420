// CI, container and make files a command writes with text that cannot be
// read now: `cat /tmp/x >> .github/workflows/ci.yml`, `gen > .gitlab-ci.yml`,
// `sed -i "s/x/$Y/" ci.yml`, `yq -i '… = strenv(X)' ci.yml`. The steps the
// file gets would run later unjudged, so the command asks. `yq -i` with
// literal values is read here: each assignment becomes the YAML it adds, and
// that text is judged as any written CI text is (`yq -i '.name = "CI"'` adds
// no step and stays quiet).
import * as path from 'node:path';
import { positionals } from '../../command/args';
import { fileEffects } from '../../effects';
import { isAncestorOrSelf, touchOf } from '../../effects/pathTouch';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { pipelineKind } from './formats';

/** Programs whose write carries text of their own (besides any command's redirected output). */
const TEXT_WRITERS = new Set([
  'tee',
  'sponge',
  'dd',
  'cp',
  'install',
  'ln',
  'sed',
  'gsed',
  'perl',
  'yq',
  'dasel',
  'patch',
]);
/**
 * In-place editors: on a file that is not there they fail and write nothing, unless their own words are unknown.
 * (yq is not among them: its expression, when literal, is judged whether the file is there or not.)
 */
const IN_PLACE = new Set(['sed', 'gsed', 'perl', 'dasel']);

/** Most assignments of one yq expression read, and most nodes of one literal value. */
const MAX_ASSIGNMENTS = 16;
const MAX_NODES = 256;

/**
 * The pipeline files `cmd` writes whose text cannot be known now: a text
 * writer's target missing from `known` (the files whose text the line says),
 * or one whose words hold an expansion known only when it runs.
 */
export function unreadPipelineWrites(cmd: SimpleCommand, ctx: AnalysisContext, known: ReadonlySet<string>): string[] {
  if (cmd.remote) return [];
  const name = cmd.argv[0] ?? '';
  const out: string[] = [];
  // Indexed: run for every command, and until V8 optimizes this (most of a batch) each for…of step allocates.
  const effects = fileEffects(cmd, ctx);
  for (let i = 0; i < effects.length; i++) {
    const e = effects[i];
    if (e.kind !== 'write' && e.kind !== 'truncate') continue;
    const t = touchOf(e, cmd.cwd);
    if (!t || t.glob || !pipelineKind(t.path) || out.includes(t.path)) continue;
    const redirected = cmd.redirects.some(
      (r) => r.fd === 1 && r.op !== '<' && r.op !== '<>' && path.resolve(cmd.cwd, r.target) === t.path,
    );
    if (!redirected && !TEXT_WRITERS.has(name)) continue;
    // A temporary folder is where text is staged before it is put in place: nothing runs it from there.
    if (!isAncestorOrSelf(ctx.workspace, t.path) && ctx.tempDirs.some((d) => isAncestorOrSelf(d, t.path))) continue;
    // Registry settings hold no steps: a value known only when the line runs (`_authToken=${NPM_TOKEN}`) plants none.
    const unknownWords =
      pipelineKind(t.path) !== 'registry-config' &&
      cmd.dynamic.some((d, i) => d && i > 0 && path.resolve(cmd.cwd, cmd.argv[i]) !== t.path);
    if (!unknownWords && known.has(t.path)) continue;
    if (!unknownWords && !redirected && IN_PLACE.has(name) && missing(t.path, ctx)) continue;
    out.push(t.path);
    if (out.length >= 16) break;
  }
  return out;
}

/** A file that is not there now, on a line where nothing before may have made it. */
function missing(abs: string, ctx: AnalysisContext): boolean {
  return ctx.lineMade !== true && ctx.stat !== undefined && ctx.stat(abs) === undefined;
}

/** `yq -i EXPR FILE…` on pipeline files: each file with the YAML its literal assignments add (none when unreadable). */
export function yqPipelineWrites(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): Array<{ path: string; before: string | undefined; after: string }> {
  if (cmd.remote || cmd.argv[0] !== 'yq') return [];
  const argv = cmd.argv;
  if (!argv.some((a) => a === '--inplace' || a === '--in-place' || /^-[a-zA-Z]*i[a-zA-Z]*$/.test(a))) return [];
  // An expression from a file or an option is not read here: the write stays unknown.
  if (argv.some((a) => /^--(?:from-file|expression)(?:=|$)/.test(a))) return [];
  let pos = positionals(argv, ['--from-file', '-o', '--output-format', '-p', '--input-format', '-I', '--indent']);
  if (['e', 'eval', 'ea', 'eval-all'].includes(pos[0] ?? '')) pos = pos.slice(1);
  const i = argv.indexOf(pos[0] ?? '');
  if (i < 1 || cmd.dynamic[i]) return [];
  const added = yqAddedYaml(pos[0]);
  if (added === undefined) return [];
  const out: Array<{ path: string; before: string | undefined; after: string }> = [];
  for (const f of pos.slice(1, 17)) {
    const abs = path.resolve(cmd.cwd, f);
    if (!pipelineKind(abs)) continue;
    const before = ctx.readFile(abs, cmd.cwd);
    out.push({ path: abs, before, after: `${before ?? ''}\n${added}` });
  }
  return out;
}

/**
 * The YAML a yq expression adds, when it is only assignments of literal
 * values to plain paths joined by `|` (`.a.b[0].c = "x"`, `.steps += [{…}]`,
 * `del(.x)`); undefined for anything else (functions, variables, reads).
 */
export function yqAddedYaml(expr: string): string | undefined {
  const parts = splitTop(expr);
  if (!parts || parts.length > MAX_ASSIGNMENTS) return undefined;
  const out: string[] = [];
  for (const part of parts) {
    const p = part.trim();
    if (/^del\(\s*\.[\w.[\]"-]*\s*\)$/.test(p)) continue;
    const m = /^(\.[\w.[\]"-]*?)\s*(=|\+=|\|=)\s*([\s\S]+)$/.exec(p);
    if (!m) return undefined;
    const keys = pathKeys(m[1]);
    const value = literal(m[3].trim());
    if (!keys || value === undefined) return undefined;
    out.push(toYaml(keys, value));
  }
  return out.join('\n');
}

/** An expression split at its top-level pipes, outside quotes and brackets; undefined when unbalanced. */
function splitTop(expr: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quote = '';
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') cur += c + (expr[++i] ?? '');
      else {
        if (c === quote) quote = '';
        cur += c;
      }
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === '|' && depth === 0 && expr[i + 1] !== '=') {
      out.push(cur);
      cur = '';
      continue;
    }
    if (depth < 0) return undefined;
    cur += c;
  }
  return quote || depth ? undefined : [...out, cur];
}

/** `.jobs.build.steps[0].run` → ['jobs', 'build', 'steps', 0, 'run']; `[]` reads as a list item. */
function pathKeys(p: string): Array<string | number> | undefined {
  const keys: Array<string | number> = [];
  const re = /\.("([^"]*)"|[\w-]+)|\[(\d*)\]/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(p))) {
    keys.push(m[3] !== undefined ? Number(m[3] || 0) : (m[2] ?? m[1]));
    end = re.lastIndex;
  }
  return end === p.length || p === '.' ? keys : undefined;
}

/** A literal value: JSON, or a single-quoted string; undefined for anything that is computed. */
function literal(v: string): unknown {
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'") && !v.slice(1, -1).includes("'")) return v.slice(1, -1);
  try {
    const value: unknown = JSON.parse(v);
    return nodes(value, 0) <= MAX_NODES ? value : undefined;
  } catch {
    return undefined;
  }
}

function nodes(v: unknown, n: number): number {
  if (n > MAX_NODES || v === null || typeof v !== 'object') return n + 1;
  let total = n + 1;
  for (const x of Object.values(v)) {
    total = nodes(x, total);
    if (total > MAX_NODES) break;
  }
  return total;
}

/** The YAML of `value` set at `keys`, with strings as block scalars so each line is read as written. */
function toYaml(keys: ReadonlyArray<string | number>, value: unknown): string {
  const lines: string[] = [];
  let indent = '';
  for (const k of keys) {
    if (typeof k === 'number') {
      lines.push(`${indent}-`);
      indent += '  ';
    } else {
      lines.push(`${indent}${k}:`);
      indent += '  ';
    }
  }
  const body = yamlValue(value, indent);
  if (!lines.length) return body.join('\n');
  const last = lines.pop() ?? '';
  const lead = body[0]?.trimStart() ?? '';
  // A scalar or block header stays on its key's line; a mapping or a list goes below it.
  if (body.length && (lead.startsWith('|') || !/^(?:- |[\w"-]+:)/.test(lead))) {
    lines.push(`${last} ${lead}`, ...body.slice(1));
  } else lines.push(last, ...body);
  return lines.join('\n');
}

function yamlValue(v: unknown, indent: string): string[] {
  if (typeof v === 'string') return [`${indent}|`, ...v.split('\n').map((l) => `${indent}  ${l}`)];
  if (Array.isArray(v))
    return v.flatMap((x) => {
      const inner = yamlValue(x, `${indent}  `);
      const first = inner[0]?.trimStart() ?? '';
      return [`${indent}- ${first}`, ...inner.slice(1)];
    });
  if (v !== null && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => {
      const inner = yamlValue(x, `${indent}  `);
      const first = inner[0]?.trimStart() ?? '';
      const nested = typeof x === 'object' && x !== null;
      return nested ? [`${indent}${k}:`, ...inner] : [`${indent}${k}: ${first}`, ...inner.slice(1)];
    });
  return [`${indent}${String(v)}`];
}
