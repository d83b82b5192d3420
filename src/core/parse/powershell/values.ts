// Values of PowerShell expressions known before the line runs: strings with
// their variables expanded, lists, hashtables (as the JSON ConvertTo-Json
// makes of them), a few operators (`+`, `-f`, `-join`, `-replace`) and the
// .NET calls that decode text. What is not known stays as written and marks
// the value dynamic, the way an unset `$VAR` does for bash: an environment
// variable stays `$NAME`, so packs read it exactly as they read bash's.
import { UNKNOWN } from '../dynamic';
import type { Expanded } from '../bash/words';
import type { Scope, ShellValue, Walker } from '../normalize/scope';
import type { PsExpr, PsPart, PsScript } from './ast';
import { own, owns, table } from '../../text/own';

/** What evaluating needs from the walk: running the statements of a sub-expression, and .NET calls with effects. */
export interface PsRun {
  scope: Scope;
  w: Walker;
  sub(body: PsScript, text: string): ShellValue;
  member(expr: Extract<PsExpr, { kind: 'member' }>, run: PsRun): ShellValue;
  /**
   * Walks a script block that runs (`& { }`, ForEach-Object, Invoke-Command), with `locals` set inside it;
   * `dotSourced` (`. { }`, `. f`): in the caller's own scope, so the variables it sets are the caller's after it.
   */
  block(body: PsScript, scope: Scope, locals?: Record<string, ShellValue>, via?: string, dotSourced?: boolean): void;
}

export const known = (text: string): ShellValue => ({ text, dynamic: false });
export const unknown = (text: string): ShellValue => ({ text, dynamic: true });

/** A value stored in a variable: text, and lists of values for the PowerShell variables. */
export function fromStored(v: string): ShellValue {
  return v.includes(UNKNOWN) ? unknown(v.split(UNKNOWN).join('')) : known(v);
}

/** Environment variable lookup; Windows treats names case-insensitively. */
export function envValue(vars: Readonly<Record<string, string>>, name: string): string | undefined {
  if (owns(vars, name)) return vars[name];
  const lower = name.toLowerCase();
  for (const k in vars) if (k.toLowerCase() === lower) return vars[k];
  return undefined;
}

const SCOPE_PREFIX = /^(?:global|script|local|private|using|variable):/i;

export function lookupVariable(name: string, scope: Scope, home: string): ShellValue {
  const env = /^env:(.+)$/i.exec(name);
  if (env) {
    const v = envValue(scope.vars, env[1]);
    // Unknown: `$NAME`, the spelling every pack reads for an environment variable.
    return v === undefined ? unknown('$' + env[1]) : fromStored(v);
  }
  const bare = name.replace(SCOPE_PREFIX, '');
  const lower = bare.toLowerCase();
  const local = own(scope.locals, lower);
  if (local) return local;
  switch (lower) {
    case 'home':
      return known(home);
    case 'pwd':
      return known(scope.cwd);
    case 'true':
      return known('True');
    case 'false':
      return known('False');
    case 'null':
      return known('');
    case 'pshome':
      return known('$PSHOME');
    // The current user's profile script, which every new PowerShell session runs.
    case 'profile':
      return known(
        /^[A-Za-z]:\//.test(home)
          ? `${home}/Documents/PowerShell/Microsoft.PowerShell_profile.ps1`
          : `${home}/.config/powershell/Microsoft.PowerShell_profile.ps1`,
      );
  }
  return unknown('$' + bare);
}

export function setLocal(scope: Scope, name: string, value: ShellValue | undefined): void {
  const locals = table(scope.locals);
  const key = name.replace(SCOPE_PREFIX, '').toLowerCase();
  if (value === undefined) delete locals[key];
  else locals[key] = value;
  scope.locals = locals;
}

/** The text PowerShell makes of a value in a string: list items joined by spaces, a hashtable as JSON. */
export function textOf(v: ShellValue): string {
  if (v.items) return v.items.map(textOf).join(' ');
  if (v.entries) return jsonOf(v);
  return v.text;
}

/** What Get-Item / Get-ChildItem hand on: a file, which a form field sends as its content. */
export const FILE_OBJECT = 'System.IO.FileSystemInfo';
/** The .NET types of a file or folder (`[IO.FileInfo]`, `[System.IO.DirectoryInfo]`). */
export const FILE_TYPES = /^(?:system\.)?io\.(?:file|directory|filesystem)info$/i;

export function isDynamic(v: ShellValue): boolean {
  if (v.dynamic) return true;
  if (v.items) return v.items.some(isDynamic);
  if (v.entries) return v.entries.some(([, x]) => isDynamic(x));
  return false;
}

/** What ConvertTo-Json prints for a value (compressed). */
export function jsonOf(v: ShellValue): string {
  if (v.entries) return '{' + v.entries.map(([k, x]) => JSON.stringify(k) + ':' + jsonOf(x)).join(',') + '}';
  if (v.items) return '[' + v.items.map(jsonOf).join(',') + ']';
  if (!v.dynamic && /^-?\d+(?:\.\d+)?$/.test(v.text)) return v.text;
  if (!v.dynamic && (v.text === 'True' || v.text === 'False')) return v.text.toLowerCase();
  return JSON.stringify(v.text);
}

/** What a program reads on stdin when PowerShell pipes it a value: one line per item. */
export function linesOf(v: ShellValue): string {
  return v.items ? v.items.map(textOf).join('\n') + '\n' : textOf(v);
}

/** What Set-Content, Out-File and `>` leave in a file: every item ends its line. */
export function fileContentOf(v: ShellValue): string {
  return linesOf(v).replace(/\n?$/, '\n');
}

/** The words a value makes as arguments of a program: one per list item. */
export function wordsOf(v: ShellValue): Expanded[] {
  if (v.items) return v.items.flatMap(wordsOf);
  return [{ value: textOf(v), dynamic: isDynamic(v) }];
}

export function partsValue(parts: readonly PsPart[], run: PsRun): ShellValue {
  let text = '';
  let dynamic = false;
  for (const p of parts) {
    const v =
      p.kind === 'text'
        ? known(p.text)
        : p.kind === 'var'
          ? lookupVariable(p.name, run.scope, homeOf(run))
          : p.kind === 'sub'
            ? run.sub(p.body, p.text)
            : evaluate(p.expr, run);
    text += textOf(v);
    dynamic ||= isDynamic(v);
  }
  return { text, dynamic };
}

export function homeOf(run: PsRun): string {
  return run.scope.vars.HOME ?? run.w.ctx.home;
}

/** The value of an expression; its sub-expressions and .NET calls run (are walked) as they would. */
export function evaluate(expr: PsExpr, run: PsRun): ShellValue {
  switch (expr.kind) {
    case 'string':
      return partsValue(expr.parts, run);
    case 'var':
      return lookupVariable(expr.name, run.scope, homeOf(run));
    case 'splat':
      return lookupVariable(expr.name, run.scope, homeOf(run));
    case 'number':
      return known(expr.text);
    case 'sub':
      return run.sub(expr.body, expr.text);
    case 'block':
      return { text: `{${expr.text}}`, dynamic: true, block: expr.body };
    case 'hash': {
      const entries: [string, ShellValue][] = expr.entries.map((e) => [e.key, evaluate(e.value, run)]);
      return { text: '', dynamic: false, entries };
    }
    case 'type':
      return known(`[${expr.name}]`);
    case 'list':
      return { text: '', dynamic: false, items: expr.items.map((i) => evaluate(i, run)) };
    case 'member':
      return run.member(expr, run);
    case 'index': {
      const target = evaluate(expr.target, run);
      const index = evaluate(expr.index, run);
      const n = Number(index.text);
      if (target.items && !index.dynamic && Number.isInteger(n)) return target.items.at(n) ?? known('');
      if (target.entries && !index.dynamic)
        return target.entries.find(([k]) => k.toLowerCase() === index.text.toLowerCase())?.[1] ?? known('');
      return unknown(`${textOf(target)}[${index.text}]`);
    }
    case 'op':
      return operate(expr, run);
  }
}

function operate(expr: Extract<PsExpr, { kind: 'op' }>, run: PsRun): ShellValue {
  const left = expr.left ? evaluate(expr.left, run) : undefined;
  const right = evaluate(expr.right, run);
  const both = (left === undefined || !isDynamic(left)) && !isDynamic(right);
  switch (expr.op) {
    case 'cast':
      // `[IO.DirectoryInfo]"src"` is the folder object `::new("src")` makes.
      if (expr.left?.kind === 'type' && FILE_TYPES.test(expr.left.name))
        return { text: textOf(right), dynamic: isDynamic(right), object: FILE_OBJECT };
      return right;
    case '+':
      if (left && !left.items && !right.items && !(/^-?\d+$/.test(left.text) && /^-?\d+$/.test(right.text)))
        return { text: textOf(left) + textOf(right), dynamic: !both };
      break;
    case '-join': {
      const sep = left === undefined ? '' : textOf(right);
      const list = left === undefined ? right : left;
      return { text: (list.items ?? [list]).map(textOf).join(sep), dynamic: !both };
    }
    case '-f': {
      if (!left) break;
      const args = right.items ?? [right];
      const text = textOf(left).replace(/\{(\d+)(?:[,:][^}]*)?\}/g, (m, i: string) =>
        args[Number(i)] ? textOf(args[Number(i)]) : m,
      );
      return { text, dynamic: !both };
    }
    case '-replace':
    case '-ireplace':
    case '-creplace': {
      if (!left || !both) break;
      const pair = right.items ?? [right];
      try {
        const re = new RegExp(textOf(pair[0]), expr.op === '-creplace' ? 'g' : 'gi');
        return known(textOf(left).replace(re, pair[1] ? textOf(pair[1]).replace(/\$(\d)/g, '$$$1') : ''));
      } catch {
        break;
      }
    }
    case ',':
      return { text: '', dynamic: false, items: [right] };
  }
  return unknown(left ? `${textOf(left)} ${expr.op} ${textOf(right)}` : `${expr.op} ${textOf(right)}`);
}

/**
 * A command's source as packs read sources: an environment variable written
 * `$env:NAME` is the `${NAME}` every pack knows (the secrets pack finds
 * secrets a line expands in its source).
 */
export function commonSource(text: string): string {
  return text.includes('$')
    ? text.replace(
        /\$\{env:([^}]+)\}|\$env:([A-Za-z_][A-Za-z0-9_]*)/gi,
        (_m, a?: string, b?: string) => '${' + (a ?? b) + '}',
      )
    : text;
}
