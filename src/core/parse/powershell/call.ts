// One command invocation on its way from PowerShell's syntax to the
// normalized commands packs read: its arguments evaluated and bound to the
// cmdlet's parameters, and the few ways a translation hands work back to the
// walk (emit a normalized command, walk a script block, walk code text).
import type { Expanded } from '../bash/words';
import type { Pending, Scope, ShellValue, Walker } from '../normalize/scope';
import type { Redirect } from '../../types';
import type { PsScript } from './ast';
import { paramsOf, resolveParam } from './cmdlets';
import type { PsRun } from './values';
import { isDynamic, linesOf, textOf, wordsOf } from './values';

export interface ArgValue {
  param?: string;
  value?: ShellValue;
  colon?: boolean;
}

export interface Bound {
  /** Parameters by canonical name. */
  named: Map<string, ShellValue>;
  /** Switches by canonical name: true when present (`-Force`), false when turned off (`-Force:$false`). */
  switches: Map<string, boolean>;
  /** Values no parameter took. */
  rest: ShellValue[];
  /** Parameters the cmdlet does not have, as written (`rf` in `rm -rf`). */
  unknown: string[];
}

/** What came down the pipe into a command. */
export interface Piped {
  value?: ShellValue;
  /** The normalized argv of the producer, when it emitted one. */
  argv?: string[];
  /** The producer when it was a cmdlet AgentGuard knows: its name and bound parameters. */
  cmdlet?: { name: string; bound: Bound };
  /** The producer's text when it was an expression (`$env:TOKEN | …`): no command of its own says what it was. */
  text?: string;
}

export interface Call {
  /** Canonical cmdlet name, or the program as written. */
  name: string;
  args: ArgValue[];
  bound: Bound;
  run: PsRun;
  piped?: Piped;
  source: string;
  redirects: Redirect[];
  /** What the command writes to the pipe, when known. */
  output?: ShellValue;
  /** Set by a translation that emitted the producer for the next stage (`Get-ChildItem X` → `ls X`). */
  emitted?: string[];
  /** Script-block arguments the translation walked itself; the rest are walked as code that may run. */
  consumed: Set<PsScript>;
}

const FALSE_TEXT = /^(?:false|0|\$false)$/i;

export function bindArgs(cmdlet: string, args: readonly ArgValue[]): Bound {
  const bound: Bound = { named: new Map(), switches: new Map(), rest: [], unknown: [] };
  const params = paramsOf(cmdlet);
  if (!params) {
    for (const a of args) {
      if (a.param !== undefined) bound.unknown.push(a.param);
      if (a.value) bound.rest.push(a.value);
    }
    return bound;
  }
  let waiting: string | undefined;
  const positional: ShellValue[] = [];
  for (const a of args) {
    if (a.param !== undefined) {
      waiting = undefined;
      const p = resolveParam(params, a.param);
      if (!p) {
        bound.unknown.push(a.param);
        if (a.value) positional.push(a.value);
      } else if (p.isSwitch) {
        bound.switches.set(p.name, a.value ? !FALSE_TEXT.test(textOf(a.value)) : true);
      } else if (a.value) {
        bound.named.set(p.name, a.value);
      } else {
        waiting = p.name;
      }
    } else if (a.value) {
      if (waiting) {
        bound.named.set(waiting, a.value);
        waiting = undefined;
      } else positional.push(a.value);
    }
  }
  let k = 0;
  for (const p of params.filter((x) => x.position !== undefined).sort((x, y) => x.position! - y.position!)) {
    if (k >= positional.length) break;
    if (bound.named.has(p.name)) continue;
    bound.named.set(p.name, positional[k++]);
  }
  bound.rest = positional.slice(k);
  return bound;
}

/** Every word of a value bound to a parameter (lists spread). */
export function param(call: Call, name: string): Expanded[] {
  const v = call.bound.named.get(name);
  return v ? wordsOf(v) : [];
}

export function paramText(call: Call, name: string): string | undefined {
  const v = call.bound.named.get(name);
  return v === undefined ? undefined : textOf(v);
}

export function has(call: Call, name: string): boolean {
  return call.bound.switches.get(name) === true;
}

/** The words PowerShell hands a native program: `-Name`, `-Name:value`, values (lists spread). */
export function nativeWords(args: readonly ArgValue[]): Expanded[] {
  const out: Expanded[] = [];
  for (const a of args) {
    if (a.param !== undefined) {
      if (a.colon && a.value) out.push({ value: `-${a.param}:${textOf(a.value)}`, dynamic: isDynamic(a.value) });
      else out.push({ value: '-' + a.param, dynamic: false });
      if (!a.colon && a.value) out.push(...wordsOf(a.value));
    } else if (a.value) {
      out.push(...wordsOf(a.value));
    }
  }
  return out;
}

/** The cmdlet as its canonical call: `Name -Param value … positional…`, so packs read one spelling. */
export function canonicalWords(call: Call): Expanded[] {
  const out: Expanded[] = [{ value: call.name, dynamic: false }];
  for (const [k, v] of call.bound.named) out.push({ value: '-' + k, dynamic: false }, ...wordsOf(v));
  for (const [k, on] of call.bound.switches) out.push({ value: on ? '-' + k : `-${k}:False`, dynamic: false });
  for (const u of call.bound.unknown) out.push({ value: '-' + u, dynamic: false });
  for (const v of call.bound.rest) out.push(...wordsOf(v));
  return out;
}

export interface EmitExtra {
  /** A wrapper that ran it (`Start-Process`, `Invoke-Command`). */
  via?: string;
  stdin?: string;
  redirects?: Redirect[];
  cwd?: string;
  remote?: Scope['remote'];
}

/** Hands one normalized command to the walker (which peels wrappers and records it). */
export function emit(call: Call, words: readonly (Expanded | string)[], extra: EmitExtra = {}): void {
  const argv: string[] = [];
  const dynamic: boolean[] = [];
  for (const w of words) {
    if (typeof w === 'string') {
      argv.push(w);
      dynamic.push(false);
    } else {
      argv.push(w.value);
      dynamic.push(w.dynamic);
    }
  }
  const { scope, w } = call.run;
  const pending: Pending = {
    argv,
    dynamic,
    redirects: extra.redirects ?? call.redirects,
    env: scope.vars as Record<string, string>,
    source: call.source,
  };
  const stdin =
    extra.stdin ?? (call.piped?.value && !isDynamic(call.piped.value) ? linesOf(call.piped.value) : undefined);
  if (stdin !== undefined) pending.stdin = stdin;
  if (call.piped?.argv) pending.stdinFrom = call.piped.argv;
  if (!call.emitted) call.emitted = argv;
  w.emit(pending, inner(scope, extra));
}

export function inner(scope: Scope, extra: Pick<EmitExtra, 'via' | 'cwd' | 'remote'>): Scope {
  if (!extra.via && !extra.cwd && !extra.remote) return scope;
  return {
    ...scope,
    ...(extra.via ? { via: [...scope.via, extra.via], depth: scope.depth + 1 } : {}),
    ...(extra.cwd ? { cwd: extra.cwd } : {}),
    ...(extra.remote ? { remote: extra.remote } : {}),
  };
}

export type { Walker };
