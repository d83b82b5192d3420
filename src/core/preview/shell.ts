// What a shell command would change on disk, for the approval modal: what it
// deletes (a bounded walk of the engine's own file effects), and the new
// content of a file it overwrites with literal text (`echo … > f`,
// `printf … > f`, `cat <<EOF > f`, `sed -i 's/a/b/' f`). Anything else is
// left out rather than guessed.
import { hasFlag, optionValue, positionals } from '../command/args';
import { fileEffects, type FileEffect } from '../effects';
import { normalize } from '../parse/normalize';
import type { AnalysisContext, SimpleCommand } from '../types';
import { Budget } from './budget';
import { summarizeDeletes, type DeleteTarget } from './deletes';
import { PREVIEW_LIMITS, type ChangePreview, type FilePreview, type PreviewIo, type PreviewLimits } from './types';

export interface ShellPreviewInput {
  command: string;
  cwd: string;
  env: Record<string, string>;
}

export function shellPreview(
  input: ShellPreviewInput,
  ctx: AnalysisContext,
  io: PreviewIo,
  limits: PreviewLimits = { ...PREVIEW_LIMITS },
): ChangePreview {
  const { commands } = normalize(input, ctx);
  const deletes: DeleteTarget[] = [];
  const files: FilePreview[] = [];
  const budget = new Budget(limits.fileBytes, limits.totalBytes);
  for (const cmd of commands) {
    const effects = fileEffects(cmd, ctx);
    for (const e of effects)
      if (e.kind === 'delete')
        deletes.push({
          path: e.path,
          ...(e.recursive ? { recursive: true } : {}),
          ...(e.dynamic ? { dynamic: true } : {}),
        });
    if (files.length >= limits.files) continue;
    for (const p of overwritePreviews(cmd, effects, io)) files.push(budget.fit(p));
  }
  const out: ChangePreview = {};
  if (files.length) out.files = files.slice(0, limits.files);
  if (deletes.length) out.deletes = summarizeDeletes(deletes, io, limits);
  return out;
}

// ---- literal overwrites ----------------------------------------------------

function overwritePreviews(cmd: SimpleCommand, effects: readonly FileEffect[], io: PreviewIo): FilePreview[] {
  if (cmd.dynamic.some(Boolean) || cmd.remote) return [];
  const name = cmd.argv[0];
  if (name === 'sed' || name === 'gsed') return sedPreviews(cmd, effects, io);
  const written = effects.filter((e) => (e.kind === 'truncate' || e.kind === 'write') && !e.dynamic);
  if (written.length !== 1 || cmd.redirects.filter((r) => r.op !== '<').length !== 1) return [];
  const redirect = cmd.redirects.find((r) => r.op !== '<')!;
  if (redirect.fd !== 1 && redirect.op !== '&>' && redirect.op !== '&>>') return [];
  const text = literalOutput(cmd);
  if (text === undefined) return [];
  const target = written[0].path;
  const current = io.readCurrent(target);
  const append = written[0].kind === 'write';
  if (current.kind === 'missing') return [{ path: target, before: '', after: text, note: 'new file' }];
  if (current.kind !== 'text')
    return [
      {
        path: target,
        note: `${append ? 'appended to' : 'overwritten'}; the current file is not shown (${current.kind})`,
      },
    ];
  return [{ path: target, before: current.text, after: append ? current.text + text : text }];
}

/** What echo, printf (without conversions) or cat of a heredoc print, when that is plain text. */
export function literalOutput(cmd: SimpleCommand): string | undefined {
  const [name, ...args] = cmd.argv;
  if (name === 'echo') {
    let newline = true;
    let i = 0;
    for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
      if (args[i].includes('n')) newline = false;
      if (args[i].includes('e') && args.slice(i + 1).some((a) => a.includes('\\'))) return undefined;
    }
    return args.slice(i).join(' ') + (newline ? '\n' : '');
  }
  if (name === 'printf') {
    if (args.length !== 1 || args[0].startsWith('-')) return undefined;
    return printfLiteral(args[0]);
  }
  if (name === 'cat' && args.length === 0 && cmd.stdin !== undefined && !cmd.stdinFrom) return cmd.stdin;
  return undefined;
}

const PRINTF_ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'", r: '\r' };

function printfLiteral(format: string): string | undefined {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '%') {
      if (format[i + 1] !== '%') return undefined;
      out += '%';
      i++;
    } else if (ch === '\\') {
      const esc = PRINTF_ESCAPES[format[i + 1]];
      if (esc === undefined) return undefined;
      out += esc;
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

const SED_VALUE_OPTS = ['-e', '--expression', '-f', '--file', '-l', '--line-length'];
const BASIC_SPECIAL = /[\\^$.*[\]]/;
const EXTENDED_SPECIAL = /[\\^$.*[\]+?(){}|]/;

/** `s/old/new/` or `s|old|new|g` with literal text on both sides. */
export function literalSubstitution(
  script: string,
  extended: boolean,
): { from: string; to: string; global: boolean } | undefined {
  const m = /^s(.)(.*)$/s.exec(script);
  if (!m || /[\s\\\n]/.test(m[1])) return undefined;
  const parts = m[2].split(m[1]);
  if (parts.length !== 3) return undefined;
  const [from, to, flags] = parts;
  if (!from || (extended ? EXTENDED_SPECIAL : BASIC_SPECIAL).test(from) || /[&\\\n]/.test(to)) return undefined;
  if (flags !== '' && flags !== 'g') return undefined;
  return { from, to, global: flags === 'g' };
}

function sedPreviews(cmd: SimpleCommand, effects: readonly FileEffect[], io: PreviewIo): FilePreview[] {
  const argv = cmd.argv;
  if (hasFlag(argv, ['-f', '--file', '-z', '--null-data', '-s', '--separate', '-n', '--quiet', '--silent'])) return [];
  if (argv.filter((a) => a === '-e' || a === '--expression' || a.startsWith('--expression=')).length > 1) return [];
  const extended = hasFlag(argv, ['-E', '-r', '--regexp-extended']);
  const script = optionValue(argv, ['-e', '--expression']) ?? positionals(argv, SED_VALUE_OPTS)[0];
  if (script === undefined) return [];
  const sub = literalSubstitution(script, extended);
  if (!sub) return [];
  const out: FilePreview[] = [];
  for (const e of effects) {
    if (e.kind !== 'write' || e.dynamic) continue;
    const current = io.readCurrent(e.path);
    if (current.kind !== 'text') continue;
    const after = current.text
      .split('\n')
      .map((line) => (sub.global ? line.split(sub.from).join(sub.to) : line.replace(sub.from, () => sub.to)))
      .join('\n');
    out.push({ path: e.path, before: current.text, after });
  }
  return out;
}
