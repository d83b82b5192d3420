// Walking a PowerShell syntax tree: statements, `&&`/`||` chains, pipelines
// (what each stage hands the next), assignments, loops over known lists,
// functions and script blocks, and every command with its arguments
// evaluated, bound and translated (translate.ts) into the normalized commands
// the packs read. Every branch may run; where the session is after a block
// is settled back as bash's compound bodies are (location.ts).
import { LIMITS, ParseError } from '../limits';
import {
  Budget,
  child,
  MAX_STEPS,
  type Scope,
  setVar,
  SUBSTITUTION_OUTPUT,
  type ShellValue,
  type Stayed,
  type Walker,
} from '../normalize/scope';
import { outputOf } from '../normalize/output';
import { guardVariableFinding } from '../guardVariables';
import type { PsCommand, PsControl, PsElement, PsExpr, PsPipeline, PsRedirect, PsScript, PsStatement } from './ast';
import { bindArgs, type ArgValue, type Call, emit, nativeWords, type Piped } from './call';
import { canonicalCmdlet, resolveAlias } from './cmdlets';
import { dotnetMember } from './dotnet';
import { translate, translatedCmdlet } from './translate';
import {
  commonSource,
  evaluate,
  isDynamic,
  known,
  lookupVariable,
  type PsRun,
  setLocal,
  textOf,
  unknown,
} from './values';
import { nativeProgram } from './natives';
import { rememberRedirects, walkRedirectTargets, writeBodyRedirects } from './bodyRedirects';
import { own } from '../../text/own';
import { addElsewhere, mayReadAgain } from '../normalize/otherReadings';
import {
  alternativeBodies,
  callerView,
  endsOf,
  mayNotRun,
  noteShared,
  repeatBlock,
  repeats,
  sameSession,
  sessionAt,
  sessionStates,
  settleBlocks,
  tryParts,
} from './location';

/** Iterations of a loop over a known list walked one by one; longer lists are read once with the variable unknown. */
const MAX_LOOP_VALUES = 16;

export function walkPowerShell(script: PsScript, scope: Scope, w: Walker): void {
  walkStatements(script, makeRun(scope, w));
}

/**
 * Statements in order; past a block that may not have run, the rest is read once more where the session stayed
 * (location.ts), and where each such reading ends is handed to the caller (a block's) to read on from.
 */
function walkStatements(script: PsScript, run: PsRun): void {
  let ends: Stayed[] | undefined;
  // At the end of a block the "maybe" is left for the statements after the block (location.ts settleBlocks).
  for (let i = 0; i < script.length; i++) {
    walkStatement(script[i], run);
    const due = i < script.length - 1 ? sessionStates(run.scope) : undefined;
    // A bounded number of times a line, as bash's walkList does: each read of the rest could hold another such block.
    for (const was of due ?? []) {
      if (!mayReadAgain(run.w, run.scope.via)) break;
      const other = sessionAt(run.scope, was);
      walkStatements(script.slice(i + 1), makeRun(other, run.w));
      (ends ??= []).push(...endsOf(other));
    }
  }
  if (ends) addElsewhere(run.scope, ends);
}

function makeRun(scope: Scope, w: Walker): PsRun {
  const run: PsRun = {
    scope,
    w,
    sub: (body, text) => runSub(body, text, run),
    member: (expr, r) => dotnetMember(expr, r),
    block: (body, s, locals, via, dotSourced) => {
      if (s.depth >= LIMITS.maxDepth) throw new ParseError('too-deep', 'script blocks nested too deeply', 0);
      const inner: Scope = { ...s, depth: s.depth + 1, ...(via ? { via: [...s.via, via] } : {}) };
      if (locals) for (const [k, v] of Object.entries(locals)) setLocal(inner, k, v);
      const start = { ...inner };
      walkPowerShell(body, inner, w);
      if (repeats(undefined, via)) repeatBlock(start, inner, (from) => walkPowerShell(body, from, w), w);
      // The location is the session's: a block run here (`& { cd ~ }`, a function) moves it for what follows, and so
      // does a `$script:x` it assigns; its plain `$x =` ends with it unless dot-sourced (location.ts callerView).
      if (!sameSession(inner, run.scope, via)) return;
      callerView(inner, run.scope, dotSourced ? Object.keys(locals ?? {}) : undefined);
      settleBlocks(run.scope, [inner], w, via !== undefined);
    },
  };
  return run;
}

/** Runs the statements of `$( … )` / `( … )` in place and returns their output when it is known. */
function runSub(body: PsScript, text: string, run: PsRun): ShellValue {
  const w = run.w;
  const before = w.out.length;
  let value: ShellValue | undefined;
  const inner = { ...run, scope: run.scope };
  for (const s of body) value = walkStatement(s, inner);
  for (let k = before; k < w.out.length; k++) {
    w.out[k].stdoutTo ??= [SUBSTITUTION_OUTPUT];
    w.out[k].captured = true;
  }
  const single = body.length === 1 && body[0].type === 'chain' && body[0].pipelines.length === 1;
  if (single && value !== undefined) return value;
  return emittedOutput(w, before) ?? unknown(`$(${text.trim()})`);
}

/** Unknown output of the one command walked since `before`, spelled as that command's output (`$(env)`), the way packs read bash's. */
function emittedOutput(w: Walker, before: number): ShellValue | undefined {
  return w.out.length === before + 1 ? unknown(`$(${w.out[before].argv.join(' ')})`) : undefined;
}

function walkStatement(s: PsStatement, run: PsRun): ShellValue | undefined {
  const w = run.w;
  switch (s.type) {
    case 'chain': {
      const scope = s.background ? child(run.scope, { via: [...run.scope.via, '&'] }) : run.scope;
      const r = scope === run.scope ? run : makeRun(scope, w);
      let start = { ...r.scope };
      let value = walkPipeline(s.pipelines[0], r);
      // A pipeline after `&&` or `||` may not run: walked in a copy, settled as a block that may be skipped.
      for (let i = 1; i < s.pipelines.length; i++) {
        const alone = makeRun({ ...r.scope }, w);
        value = walkPipeline(s.pipelines[i], alone);
        const ends = [alone.scope];
        // `Set-Location /tmp || Remove-Item .bashrc`: after `||` it runs where the one before failed, and a location
        // change that failed (a folder that cannot be entered) left the session where it was: read there too.
        if (s.pipelines[i].or && start.cwd !== r.scope.cwd) {
          const failed = makeRun({ ...start }, w);
          walkPipeline(s.pipelines[i], failed);
          ends.push(failed.scope);
        }
        start = { ...r.scope };
        settleBlocks(r.scope, ends, w, true);
      }
      return s.pipelines.length === 1 ? value : undefined;
    }
    case 'function':
      run.scope.functions.set('ps:' + s.name.toLowerCase(), s.body);
      return undefined;
    case 'control': {
      const from = w.out.length;
      walkControl(s, run);
      if (s.redirects) writeBodyRedirects(walkRedirectTargets(s.redirects, run), [s], from, run, commonSource);
      return undefined;
    }
  }
}

/** A control statement's header and bodies (a foreach over known values once per value). */
function walkControl(s: PsControl, run: PsRun): void {
  const w = run.w;
  const values = s.header.map((h) => walkStatement(h, run));
  const inner = makeRun({ ...run.scope, depth: run.scope.depth + 1 }, w);
  if (inner.scope.depth > LIMITS.maxDepth) throw new ParseError('too-deep', 'blocks nested too deeply', 0);
  // Bodies run in copies of the scope; where the session is after them is settled back (location.ts).
  if (alternativeBodies(s.keyword)) {
    const ends = s.bodies.map((b) => {
      const alone = makeRun({ ...inner.scope }, w);
      walkStatements(b, alone);
      return alone.scope;
    });
    settleBlocks(run.scope, ends, w, mayNotRun(s.keyword, s.hasElse, undefined));
    return;
  }
  if (s.keyword === 'foreach' && s.loopVar) {
    const list = values.length === 1 ? values[0] : undefined;
    const items = list ? (list.items ?? [list]) : undefined;
    if (items && items.length <= MAX_LOOP_VALUES && !items.some(isDynamic)) {
      for (const item of items) {
        if (++w.steps > MAX_STEPS) throw new Budget();
        const it = makeRun({ ...inner.scope }, w);
        setLocal(it.scope, s.loopVar, item);
        for (const b of s.bodies) walkStatements(b, it);
        // Each pass starts where the one before left the session.
        const { cwd, vars, locals, globals, failedCd } = it.scope;
        Object.assign(inner.scope, { cwd, vars, locals, globals, failedCd });
      }
      settleBlocks(run.scope, [inner.scope], w, mayNotRun(s.keyword, s.hasElse, items.length));
      return;
    }
    setLocal(inner.scope, s.loopVar, unknown('$' + s.loopVar));
  }
  const start = { ...inner.scope };
  const parts = tryParts(s);
  if (parts) walkStatements(parts, inner);
  else for (const b of s.bodies) walkStatements(b, inner);
  if (repeats(s.keyword))
    repeatBlock(start, inner.scope, (from) => s.bodies.forEach((b) => walkStatements(b, makeRun(from, w))), w);
  settleBlocks(run.scope, [inner.scope], w, mayNotRun(s.keyword, s.hasElse, undefined));
}

function walkPipeline(p: PsPipeline, run: PsRun): ShellValue | undefined {
  const w = run.w;
  let piped: Piped | undefined;
  let prevStart = w.out.length;
  let value: ShellValue | undefined;
  for (let i = 0; i < p.elements.length; i++) {
    const start = w.out.length;
    const result = walkElement(p.elements[i], run, piped);
    // Tell the previous stage where its output went (printing a secret differs from piping it on).
    if (i > 0 && w.out.length > start) for (let k = prevStart; k < start; k++) w.out[k].stdoutTo ??= w.out[start].argv;
    prevStart = start;
    value = result.value;
    piped = result;
  }
  return value;
}

function walkElement(el: PsElement, run: PsRun, piped: Piped | undefined): Piped {
  switch (el.type) {
    case 'assignment':
      assign(el.target, el.targetExpr, el.op, el.value, run);
      return {};
    case 'expression': {
      const value = evaluate(el.expr, run);
      if (value.block && el.expr.kind !== 'block') run.block(value.block, run.scope);
      writeRedirects(el.redirects, value, el.text, run);
      return { value, text: commonSource(el.text) };
    }
    case 'command':
      return walkCommand(el, run, piped);
  }
}

function assign(
  target: string | undefined,
  targetExpr: PsExpr | undefined,
  op: string,
  valueStatement: PsStatement,
  run: PsRun,
): void {
  if (targetExpr) evaluate(targetExpr, run);
  const emittedFrom = run.w.out.length;
  // `$e = Get-ChildItem Env:` holds what the command printed, as `e=$(env)` does in bash.
  let value = walkStatement(valueStatement, run) ?? emittedOutput(run.w, emittedFrom) ?? unknown('$(…)');
  if (!target) return;
  const env = /^env:(.+)$/i.exec(target);
  const before = env ? undefined : own(run.scope.locals, target.toLowerCase());
  if (op === '+=' && before)
    value = before.items
      ? { ...before, items: [...before.items, ...(value.items ?? [value])] }
      : { text: textOf(before) + textOf(value), dynamic: isDynamic(before) || isDynamic(value) };
  else if (op !== '=' && op !== '+=') value = unknown('$' + target);
  if (env) {
    const f = guardVariableFinding(env[1], 'sets');
    if (f) run.w.addFinding(f);
    setVar(run.scope, env[1], isDynamic(value) ? '\u0001' + textOf(value) + '\u0001' : textOf(value));
    return;
  }
  setLocal(run.scope, target, value);
  noteShared(run.scope, target, value);
}

/** `'text' > file`: an expression's value written to a file. */
function writeRedirects(redirects: readonly PsRedirect[], value: ShellValue, text: string, run: PsRun): void {
  if (!redirects.length) return;
  const targets = walkRedirectTargets(redirects, run);
  if (!targets.length) return;
  const pending = {
    argv: ['echo', textOf(value)],
    dynamic: [false, isDynamic(value)],
    redirects: targets,
    env: run.scope.vars as Record<string, string>,
    source: commonSource(text),
  };
  run.w.emit(pending, run.scope);
  // `'code' > x.ps1; .\x.ps1` runs what was written.
  rememberRedirects(targets, value, run);
}

function evaluateArgs(el: PsCommand, run: PsRun): ArgValue[] {
  const out: ArgValue[] = [];
  for (const a of el.args) {
    if (a.value?.kind === 'splat') {
      const v = lookupVariable(a.value.name, run.scope, run.scope.vars.HOME ?? run.w.ctx.home);
      if (v.entries) {
        for (const [k, x] of v.entries)
          out.push(/^(?:true)$/i.test(x.text) && !x.dynamic ? { param: k } : { param: k, value: x, colon: true });
        continue;
      }
      out.push({ value: v.items ? v : v.dynamic ? unknown('@' + a.value.name) : v });
      continue;
    }
    const arg: ArgValue = {};
    if (a.param !== undefined) arg.param = a.param;
    if (a.colon) arg.colon = true;
    if (a.value) arg.value = evaluate(a.value, run);
    out.push(arg);
  }
  return out;
}

function walkCommand(el: PsCommand, run: PsRun, piped: Piped | undefined): Piped {
  const w = run.w;
  const scope = run.scope;
  const nameValue = evaluate(el.name, run);
  const redirects = walkRedirectTargets(el.redirects, run);
  const args = evaluateArgs(el, run);
  if (el.verbatim !== undefined)
    args.push(
      ...el.verbatim
        .split(/\s+/)
        .filter(Boolean)
        .map((t) => ({ value: known(t) })),
    );

  // `& { … }`, `& $block`: code that runs now (a child scope for `&`, this one for `.`).
  if (nameValue.block) {
    const locals = { args: { text: '', dynamic: false, items: args.flatMap((a) => (a.value ? [a.value] : [])) } };
    const bodyFrom = w.out.length;
    run.block(nameValue.block, el.invoke === '.' ? scope : child(scope), locals, undefined, el.invoke === '.');
    writeBodyRedirects(redirects, nameValue.block, bodyFrom, run, commonSource);
    return {};
  }
  let name = textOf(nameValue);
  // `& "$env:ProgramFiles\nodejs\node.exe"`: the folder is only known at run time, the program is not.
  const folderOnly = isDynamic(nameValue) ? /^(.*[\\/])([\w.+-]+)$/.exec(name) : null;
  const unknownFolder = folderOnly !== null && !/[$`]/.test(folderOnly[2]) && /[$]/.test(folderOnly[1]);
  if (unknownFolder) {
    name = folderOnly[2];
  } else if (isDynamic(nameValue) || name === '') {
    // A program only known at run time: judged as unknown.
    const words = [{ value: name || '$(…)', dynamic: true }, ...nativeWords(args)];
    w.emit(
      {
        argv: words.map((x) => x.value),
        dynamic: words.map((x) => x.dynamic),
        redirects,
        env: scope.vars as Record<string, string>,
        source: commonSource(el.text),
      },
      scope,
    );
    return {};
  }

  const fn = scope.functions.get('ps:' + name.toLowerCase());
  if (Array.isArray(fn)) {
    if (scope.calling.includes(name.toLowerCase())) {
      writeBodyRedirects(redirects, fn, w.out.length, run, commonSource);
      return {};
    }
    if (++w.steps > MAX_STEPS) throw new Budget();
    const items = args.flatMap((a) => (a.value ? [a.value] : []));
    const bodyFrom = w.out.length;
    run.block(
      fn,
      { ...scope, calling: [...scope.calling, name.toLowerCase()] },
      { args: { text: '', dynamic: false, items } },
      undefined,
      el.invoke === '.',
    );
    writeBodyRedirects(redirects, fn, bodyFrom, run, commonSource);
    return {};
  }

  const firstWords = nativeWords(args.slice(0, 3)).map((x) => x.value);
  const cmdlet =
    resolveAlias(name, firstWords) ??
    canonicalCmdlet(name) ??
    translatedCmdlet(name) ??
    (/^[A-Za-z]+-[A-Za-z0-9]+$/.test(name) && !/\.\w+$/.test(name) ? name : undefined);
  const call: Call = {
    name: cmdlet ?? name,
    args,
    bound: bindArgs(cmdlet ?? '', args),
    run,
    ...(piped ? { piped } : {}),
    source: commonSource(el.text),
    redirects,
    consumed: new Set(),
  };
  if (cmdlet) {
    if (!translate(call)) emit(call, [{ value: call.name, dynamic: false }, ...nativeWords(args)]);
  } else {
    nativeProgram(call, name, !unknownFolder);
  }
  // Script blocks handed to a command that did not say what it does with them may run.
  for (const a of args)
    if (a.value?.block && !call.consumed.has(a.value.block))
      run.block(a.value.block, scope, { _: unknown('$_'), psitem: unknown('$_') }, call.name);
  const output = call.output ?? outputFromEmitted(call, before(w, call));
  rememberRedirects(redirects, output, run);
  return {
    ...(output ? { value: output } : {}),
    ...(call.emitted ? { argv: call.emitted } : {}),
    ...(cmdlet ? { cmdlet: { name: call.name, bound: call.bound } } : {}),
  };
}

function before(w: Walker, call: Call): number {
  // The last recorded command is the one this call emitted last, if any.
  return call.emitted ? w.out.length - 1 : -1;
}

function outputFromEmitted(call: Call, index: number): ShellValue | undefined {
  if (index < 0) return undefined;
  const last = call.run.w.out[index];
  const text = last ? outputOf(last, call.run.w.ctx) : undefined;
  return text === undefined ? undefined : known(text.replace(/\r?\n$/, ''));
}
