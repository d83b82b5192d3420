// From command text to the simple commands that would really run: walks the
// syntax tree with a scope (working directory, variables, functions), expands
// words, and peels every wrapper (sudo, env, bash -c, ssh, docker exec, npx,
// npm run, xargs, find -exec, interpreters, decoders piped into a shell …)
// until what is left is the program that acts. Bounded in depth and work.
import * as path from 'node:path';
import type { CommandNode, List, Redirect as RawRedirect, Word } from './ast';
import { LIMITS, ParseError, parse } from './parser';
import { arrayKey, ARRAY_SEP, positionalVars, resolveProgram, runtimeValue, spliceArrays } from './dynamic';
import { expandWords, UNKNOWN, type Expanded } from './words';
import { programName, unwrap, type UnwrapStep } from './wrappers';
import type { AnalysisContext, Finding, Redirect, RedirectOp, SimpleCommand } from '../types';

export interface NormalizeInput {
  command: string;
  cwd: string;
  env: Record<string, string>;
}

export interface Normalized {
  commands: SimpleCommand[];
  /** Findings about the text itself: unparseable, too deep, too large, code fetched and run. */
  findings: Finding[];
}

const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_CHARS_G = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const ARRAY_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=\(/;

/** Most loop iterations and function expansions walked for one line. */
const MAX_STEPS = 4_096;


/** Most simple commands produced from one line before we stop and ask. */
const MAX_COMMANDS = 256;

export interface Scope {
  cwd: string;
  /** Variables in scope. Never written in place (see setVar): child scopes and recorded commands share it. */
  vars: Readonly<Record<string, string>>;
  functions: Map<string, CommandNode>;
  /** Function names being expanded, to catch recursion (fork bombs). */
  calling: string[];
  via: string[];
  remote?: SimpleCommand['remote'];
  depth: number;
  /** Input of a function body called with a heredoc or a known pipe: what its commands read on stdin. */
  stdin?: string;
}

export interface Walker {
  ctx: AnalysisContext;
  out: SimpleCommand[];
  findings: Finding[];
  /** Parse and walk more shell text (from `bash -c`, `eval`, a script file, decoded stdin). */
  walkText(text: string, scope: Scope, lenient: boolean): void;
  /** Emit a command after unwrapping. */
  emit(cmd: Pending, scope: Scope): void;
  addFinding(f: Finding): void;
  /** Loop iterations and function calls walked so far, bounded by MAX_STEPS. */
  steps: number;
  /** Files written earlier on the line, by absolute path, with their static content. */
  written: Map<string, string>;
  /** The environment the line starts with (before any assignment on it). */
  requestEnv: Readonly<Record<string, string>>;
  /** The variables the walk starts with: a command whose env is this very object had nothing set on the line. */
  lineVars: Readonly<Record<string, string>>;
}

/** A command on its way out: words expanded, wrappers not yet peeled. */
export interface Pending {
  argv: string[];
  dynamic: boolean[];
  redirects: Redirect[];
  stdin?: string;
  stdinFrom?: string[];
  /** Environment the command runs with (scope variables and prefix assignments). */
  env: Record<string, string>;
  source: string;
}

class Budget extends Error {}

/** `stdoutTo` of a command whose output is captured by `$(…)` or backticks. */
export const SUBSTITUTION_OUTPUT = '$(…)';

function finding(id: string, summary: string, severity: number, extra: Partial<Finding> = {}): Finding {
  return { id, summary, severity, ...extra };
}

export function normalize(input: NormalizeInput, ctx: AnalysisContext): Normalized {
  const findings: Finding[] = [];
  const out: SimpleCommand[] = [];
  if (input.command.trim() === '') return { commands: out, findings };
  let vars: Record<string, string> = input.env;
  if (vars.HOME === undefined || vars.PWD === undefined) vars = { PWD: input.cwd, HOME: ctx.home, ...vars };
  const scope: Scope = { cwd: input.cwd, vars, functions: new Map(), calling: [], via: [], depth: 0 };

  const parseBudget = { words: 0 };
  // Files written earlier on the line with content known statically (`echo … > f.sh && bash f.sh`):
  // what reads them later on the line reads what was written.
  const written = new Map<string, string>();
  const walker: Walker = {
    ctx: lineContext(ctx),
    written,
    out,
    findings,
    walkText(text, s, lenient) {
      if (s.depth > LIMITS.maxDepth) throw new ParseError('too-deep', `wrappers nested deeper than ${LIMITS.maxDepth} levels`, 0);
      let list: List;
      try {
        list = parse(text, lenient ? { words: parseBudget.words } : parseBudget);
      } catch (err) {
        // Text read for extra insight (a script file, code inside a one-liner) that cannot be read, or is too
        // big to read, leaves the command that runs it to be judged on its own.
        if (lenient && err instanceof ParseError && err.kind !== 'too-deep') return;
        throw err;
      }
      walkList(list, s, walker);
    },
    emit(cmd, s) {
      emitCommand(cmd, s, walker);
    },
    steps: 0,
    requestEnv: input.env,
    lineVars: vars,
    addFinding(f) {
      if (!findings.some((g) => g.id === f.id && g.target === f.target)) findings.push(f);
    },
  };

  let command = input.command;
  if (CONTROL_CHARS.test(command)) {
    // Terminals hide these; they can make a command read differently from what runs.
    findings.push(finding('parse.control-characters', 'the command contains invisible control characters, so what you read may not be what runs', 50));
    command = command.replace(CONTROL_CHARS_G, '?');
  }
  const outerWritten = currentWritten;
  currentWritten = written;
  try {
    walker.walkText(command, scope, false);
  } catch (err) {
    if (err instanceof ParseError) {
      const summary = err.kind === 'unparseable'
        ? `AgentGuard cannot parse this command (${err.message} at character ${err.position + 1}), so it cannot tell what it would do`
        : err.kind === 'too-deep'
          ? `the command nests deeper than AgentGuard reads (${err.message}); a human must look at it`
          : `the command is too large or complex to judge (${err.message}); a human must look at it`;
      findings.push(finding(`parse.${err.kind}`, summary, 60));
    } else if (err instanceof Budget) {
      findings.push(finding('parse.too-complex', `the command expands to more than ${MAX_COMMANDS} commands or ${MAX_STEPS} loop iterations; a human must look at it`, 60));
    } else {
      throw err;
    }
  } finally {
    currentWritten = outerWritten;
  }
  return { commands: out, findings };
}

// The files written on the line being walked; set for the (synchronous) duration of one normalize() call.
let currentWritten: Map<string, string> | undefined;
const lineContexts = new WeakMap<AnalysisContext, AnalysisContext>();

/** The context readers on the line use: files written earlier on the line first, then the disk. Built once per context. */
function lineContext(ctx: AnalysisContext): AnalysisContext {
  let line = lineContexts.get(ctx);
  if (!line) {
    line = {
      ...ctx,
      readFile: (p, cwd) => (currentWritten?.size ? currentWritten.get(path.resolve(cwd, p)) : undefined) ?? ctx.readFile(p, cwd),
    };
    lineContexts.set(ctx, line);
  }
  return line;
}

function lookupIn(scope: Scope): (name: string) => string | undefined {
  return (name) => {
    if (name === 'PWD') return scope.cwd;
    return Object.prototype.hasOwnProperty.call(scope.vars, name) ? scope.vars[name] : undefined;
  };
}

/** Copy-on-write: most command lines never assign, so the environment is copied only when one does. */
function setVar(scope: Scope, name: string, value: string | undefined): void {
  const vars = { ...scope.vars };
  if (value === undefined) delete vars[name];
  else vars[name] = value;
  scope.vars = vars;
}

/** A child scope (subshell, substitution): its assignments do not reach the parent. */
function child(scope: Scope, extra: Partial<Scope> = {}): Scope {
  return { ...scope, ...extra };
}

function walkList(list: List, outer: Scope, w: Walker): void {
  for (const andOr of list) {
    // `cmd &` runs in the background, in a subshell of its own: its scope changes do not leak.
    const scope = andOr.background ? child(outer, { via: [...outer.via, '&'] }) : outer;
    for (const pipeline of andOr.pipelines) {
      let prevOutput: string | undefined;
      let prevArgv: string[] | undefined;
      let prevStart = w.out.length;
      const n = pipeline.commands.length;
      for (let i = 0; i < n; i++) {
        const node = pipeline.commands[i];
        // Each part of a multi-command pipeline runs in its own subshell.
        const s = n > 1 ? child(scope) : scope;
        const start = w.out.length;
        const result = walkCommand(node, s, w, i > 0 ? { output: prevOutput, argv: prevArgv } : undefined);
        // Tell the previous stage where its output went (printing a secret differs from piping it on).
        if (i > 0 && w.out.length > start) for (let k = prevStart; k < start; k++) w.out[k].stdoutTo ??= w.out[start].argv;
        prevStart = start;
        prevOutput = i < n - 1 ? result?.output?.() : undefined;
        prevArgv = result?.argv;
      }
    }
  }
}

interface Piped {
  output: string | undefined;
  argv: string[] | undefined;
}

interface CommandResult {
  /** Static stdout, when knowable (echo, printf, cat FILE, base64 -d of known input); computed only when a pipe reads it. */
  output?: () => string | undefined;
  argv?: string[];
}

function walkCommand(node: CommandNode, scope: Scope, w: Walker, piped: Piped | undefined): CommandResult | undefined {
  switch (node.type) {
    case 'simple':
      return walkSimple(node, scope, w, piped);
    case 'subshell':
      walkList(node.body, child(scope, { depth: scope.depth + 1 }), w);
      walkRedirects(node.redirects, scope, w);
      return undefined;
    case 'group':
      walkList(node.body, { ...scope, depth: scope.depth + 1 }, w);
      walkRedirects(node.redirects, scope, w);
      return undefined;
    case 'control':
      if ((node.keyword === 'for' || node.keyword === 'select') && node.words.length > 0) {
        walkLoop(node, scope, w);
      } else {
        for (const word of node.words) walkWordSubs(word, scope, w);
        for (const body of node.bodies) walkList(body, { ...scope, depth: scope.depth + 1 }, w);
      }
      walkRedirects(node.redirects, scope, w);
      return undefined;
    case 'function':
      scope.functions.set(node.name, node.body);
      return undefined;
  }
}

/** Iterations of a `for` over a literal list that are walked one by one; longer lists are read once, with the variable unknown. */
const MAX_LOOP_VALUES = 16;

/** `for d in dist build; do rm -rf "$d"; done` is `rm -rf dist` then `rm -rf build`. */
function walkLoop(node: Extract<CommandNode, { type: 'control' }>, scope: Scope, w: Walker): void {
  const name = node.words[0].raw;
  const listWords = node.words.slice(1);
  const subs = listWords.map((word) => walkWordSubs(word, scope, w));
  const home = scope.vars.HOME ?? w.ctx.home;
  const values = listWords.length ? expandWords(listWords, lookupIn(scope), subs, home, true) : undefined;
  const inner: Scope = { ...scope, depth: scope.depth + 1 };
  if (values && values.length <= MAX_LOOP_VALUES && values.every((v) => !v.dynamic)) {
    for (const v of values) {
      if (++w.steps > MAX_STEPS) throw new Budget();
      const it: Scope = { ...inner };
      setVar(it, name, v.value);
      for (const body of node.bodies) walkList(body, it, w);
    }
    return;
  }
  // Unknown values (or `for x; do …` over the arguments): the variable is dynamic inside the loop.
  setVar(inner, name, UNKNOWN + '$' + name + UNKNOWN);
  for (const body of node.bodies) walkList(body, inner, w);
}

function walkRedirects(redirects: readonly RawRedirect[], scope: Scope, w: Walker): void {
  for (const r of redirects) if (r.target) walkWordSubs(r.target, scope, w);
}

/** Runs the commands inside a word's substitutions and returns their static values. */
function walkWordSubs(word: Word, scope: Scope, w: Walker): (string | undefined)[] {
  if (word.subs.length === 0) return [];
  const values: (string | undefined)[] = [];
  for (const sub of word.subs) {
    if (!sub.body) { values.push(undefined); continue; }
    const before = w.out.length;
    const sc: Scope = child(scope, { depth: scope.depth + 1 });
    walkList(sub.body, sc, w);
    for (let k = before; k < w.out.length; k++) w.out[k].stdoutTo ??= [SUBSTITUTION_OUTPUT];
    if (sub.kind !== 'command') {
      values.push(undefined);
      continue;
    }
    // Only a single pipeline has one output we can know: that of its last command.
    const single = sub.body.length === 1 && sub.body[0].pipelines.length === 1;
    const last = w.out.length > before ? w.out[w.out.length - 1] : undefined;
    const output = single && last ? outputOf(last, w.ctx) : undefined;
    values.push(output === undefined ? undefined : output.replace(/\n+$/, ''));
  }
  return values;
}


/** The static stdout of a command, when it is a pure function of what we know. */
function outputOf(cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  const [prog, ...args] = cmd.argv;
  if (cmd.dynamic.some(Boolean)) return undefined;
  switch (prog) {
    case 'echo': {
      let i = 0;
      let newline = true;
      let escapes = false;
      while (i < args.length && /^-[neE]+$/.test(args[i])) {
        if (args[i].includes('n')) newline = false;
        if (args[i].includes('e')) escapes = true;
        i++;
      }
      const text = args.slice(i).join(' ');
      return (escapes ? unescapePrintf(text) : text) + (newline ? '\n' : '');
    }
    case 'printf':
      return args.length ? unescapePrintf(args[0]).replace(/%s/g, () => args[1] ?? '') : undefined;
    case 'which':
    case 'type':
    case 'whence': {
      const name = args.filter((a) => !a.startsWith('-'))[0];
      return name === undefined ? undefined : name + '\n';
    }
    case 'command':
      if ((args[0] === '-v' || args[0] === '-V') && args[1]) return args[1] + '\n';
      return undefined;
    case 'cat':
      if (args.length === 0) return cmd.stdin;
      if (args.length === 1 && !args[0].startsWith('-')) return ctx.readFile(args[0], cmd.cwd);
      return undefined;
    case 'base64': {
      if (!(args.includes('-d') || args.includes('--decode') || args.includes('-D'))) return undefined;
      const file = args.find((a) => !a.startsWith('-'));
      const input = file ? ctx.readFile(file, cmd.cwd) : cmd.stdin;
      if (input === undefined) return undefined;
      try {
        return Buffer.from(input.replace(/\s+/g, ''), 'base64').toString('utf8');
      } catch {
        return undefined;
      }
    }
    case 'xxd':
      if (args.includes('-r') && args.includes('-p') && cmd.stdin !== undefined) {
        return Buffer.from(cmd.stdin.replace(/\s+/g, ''), 'hex').toString('utf8');
      }
      return undefined;
    case 'rev':
      return cmd.stdin?.split('\n').map((l) => [...l].reverse().join('')).join('\n');
    case 'pwd':
      return cmd.cwd + '\n';
    default:
      return undefined;
  }
}

function unescapePrintf(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e === '\\' ? '\\' : e;
  });
}

function walkSimple(node: Extract<CommandNode, { type: 'simple' }>, scope: Scope, w: Walker, piped: Piped | undefined): CommandResult | undefined {
  const home = scope.vars.HOME ?? w.ctx.home;
  const lookup = lookupIn(scope);
  // Substitutions run before the command: walk them first.
  const assignSubs = node.assignments.map((a) => walkWordSubs(a, scope, w));
  // `"$@"` after `set --`, `"${arr[@]}"`: known elements become words.
  const words = spliceArrays(node.words, scope.vars);
  const wordSubs = words.map((a) => walkWordSubs(a, scope, w));

  const prefixEnv: Record<string, string> = {};
  const assigned: [string, string][] = [];
  // Array assignments (`arr=(a b)`) are kept as written: shell-quote reads `(` as an operator.
  const arrays = node.assignments.filter((a) => ARRAY_ASSIGNMENT.test(a.raw));
  for (const a of arrays) {
    const name = a.raw.slice(0, a.raw.indexOf('=')).replace(/\+$/, '');
    assigned.push([name, a.raw.slice(a.raw.indexOf('=') + 1)]);
    assigned.push([arrayKey(name), arrayElements(a.raw.slice(a.raw.indexOf('=') + 1), lookup, home)]);
  }
  const scalars = arrays.length ? node.assignments.filter((a) => !arrays.includes(a)) : node.assignments;
  if (scalars.length) {
    const exp = expandWords(scalars, lookup, arrays.length ? scalars.map((a) => assignSubs[node.assignments.indexOf(a)]) : assignSubs, home);
    if (!exp) throw new ParseError('unparseable', 'cannot read an assignment', node.start);
    for (const e of exp) {
      const eq = e.value.indexOf('=');
      // A dynamic value keeps its `$X` text, marked so that words using it later are dynamic too.
      const value = e.value.slice(eq + 1);
      assigned.push([e.value.slice(0, eq).replace(/\+$/, ''), e.dynamic ? UNKNOWN + value + UNKNOWN : value]);
    }
  }
  const expanded = words.length ? expandWords(words, lookup, wordSubs, home, true) : [];
  if (!expanded) throw new ParseError('unparseable', 'cannot read the words of a command', node.start);

  const redirects: Redirect[] = [];
  let stdin: string | undefined = piped?.output ?? scope.stdin;
  for (const r of node.redirects) {
    const target = r.target ? walkRedirectTarget(r.target, scope, w, lookup, home) : undefined;
    if (r.heredoc) {
      stdin = r.heredoc.quotedDelimiter ? r.heredoc.body : expandHeredoc(r.heredoc.body, scope, w);
      continue;
    }
    if (r.op === '<<<') {
      stdin = (target?.value ?? '') + '\n';
      continue;
    }
    if (!target) continue;
    const op = redirectOp(r.op);
    if (!op) continue; // fd duplication (`2>&1`, `>&2`) writes no file
    if ((r.op === '>&' || r.op === '<&') && /^\d+$|^-$/.test(target.value)) continue;
    redirects.push({ op, fd: r.fd ?? (op === '<' ? 0 : 1), target: target.value });
    if (op === '<' && !target.dynamic) stdin = w.ctx.readFile(target.value, scope.cwd) ?? stdin;
  }

  if (expanded.length === 0) {
    // Only assignments (and redirections): they change the scope for what follows.
    for (const [k, v] of assigned) setVar(scope, k, v);
    if (redirects.length) {
      w.emit({ argv: [], dynamic: [], redirects, env: envOf(scope), source: node.text }, scope);
    }
    return undefined;
  }
  for (const [k, v] of assigned) prefixEnv[k] = v;

  const argv = expanded.map((e: Expanded) => e.value);
  const dynamic = expanded.map((e: Expanded) => e.dynamic);
  const text = node.text;

  // Builtins that change the scope of what follows.
  const prog = argv[0];
  if ((prog === 'cd' || prog === 'pushd') && !scope.remote) {
    const target = argv.slice(1).find((a) => !a.startsWith('-') || a === '-');
    if (target === undefined) scope.cwd = home;
    else if (target !== '-') scope.cwd = path.resolve(scope.cwd, target);
    setVar(scope, 'PWD', scope.cwd);
    return { argv };
  }
  if (prog === 'export' || prog === 'declare' || prog === 'typeset' || prog === 'local' || prog === 'readonly') {
    // `declare -n ref=x`: a name reference, whose value is whatever `x` holds when used.
    if (argv.some((a) => /^-[a-zA-Z]*n/.test(a))) {
      setRuntimeVars(argv, scope);
      return { argv };
    }
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.slice(0, eq))) setVar(scope, a.slice(0, eq), a.slice(eq + 1));
    }
    return { argv };
  }
  if (prog === 'unset') {
    for (const a of argv.slice(1)) setVar(scope, a, undefined);
    return { argv };
  }
  setRuntimeVars(argv, scope);
  if (prog === 'set' && argv.includes('--')) {
    const args = argv.slice(argv.indexOf('--') + 1);
    for (const [k, v] of Object.entries(positionalVars(args))) setVar(scope, k, dynamic.slice(argv.indexOf('--') + 1).some(Boolean) ? UNKNOWN + v + UNKNOWN : v);
  }
  const fn = scope.functions.get(prog);
  if (fn && !dynamic[0]) {
    if (scope.calling.includes(prog)) {
      if (scope.calling.length > 0) {
        w.addFinding(finding('system.fork-bomb', `function '${prog}' calls itself without end (a fork bomb): it would exhaust the machine's processes`, 100, { target: prog }));
      }
      return undefined;
    }
    if (scope.depth >= LIMITS.maxDepth) throw new ParseError('too-deep', 'functions nested too deeply', node.start);
    if (++w.steps > MAX_STEPS) throw new Budget();
    // Inside the function `$1`, `"$@"` are the call's arguments.
    const positional = dynamic.slice(1).some(Boolean) ? {} : positionalVars(argv.slice(1));
    const body: Scope = { ...scope, vars: { ...scope.vars, ...positional }, calling: [...scope.calling, prog], depth: scope.depth + 1 };
    if (stdin !== undefined) body.stdin = stdin;
    walkCommand(fn, body, w, piped);
    return undefined;
  }

  const env = assigned.length ? { ...envOf(scope), ...prefixEnv } : envOf(scope);
  const pending: Pending = { argv, dynamic, redirects, env, source: text };
  if (stdin !== undefined) pending.stdin = stdin;
  if (piped?.argv) pending.stdinFrom = piped.argv;
  const before = w.out.length;
  w.emit(pending, scope);
  const emitted = w.out.slice(before);
  const last = emitted[emitted.length - 1];
  if (last && redirects.length) rememberWrites(last, redirects, scope, w);
  return { output: () => (last ? outputOf(last, w.ctx) : undefined), argv: last?.argv ?? argv };
}

/** Builtins that set variables to values only known at run time: `read c`, `printf -v c`, `mapfile a`, `declare -n r=x`. */
function setRuntimeVars(argv: readonly string[], scope: Scope): void {
  const prog = argv[0];
  if (!RUNTIME_SETTERS.has(prog)) return;
  let names: string[] = [];
  if (prog === 'read') names = argv.slice(1).filter((a, i, all) => !a.startsWith('-') && !READ_VALUE_OPTS.has(all[i - 1] ?? ''));
  else if (prog === 'printf' && argv[1] === '-v' && argv[2]) names = [argv[2]];
  else if ((prog === 'mapfile' || prog === 'readarray') && argv.length > 1) names = [argv[argv.length - 1]];
  else if (prog === 'getopts' && argv[2]) names = [argv[2]];
  else if ((prog === 'declare' || prog === 'local' || prog === 'typeset') && argv.some((a) => /^-[a-zA-Z]*n/.test(a))) {
    names = argv.slice(1).filter((a) => !a.startsWith('-')).map((a) => a.split('=')[0]);
  }
  for (const n of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) continue;
    setVar(scope, n, runtimeValue(n));
    setVar(scope, arrayKey(n), runtimeValue(n));
  }
}

const RUNTIME_SETTERS = new Set(['read', 'printf', 'mapfile', 'readarray', 'getopts', 'declare', 'local', 'typeset']);
const READ_VALUE_OPTS = new Set(['-d', '-n', '-N', '-p', '-t', '-u', '-i']);

/** Elements of `(a b c)`, or an unknown marker when any is not static. */
function arrayElements(text: string, lookup: (n: string) => string | undefined, home: string): string {
  const inner = text.replace(/^\(/, '').replace(/\)$/, '');
  try {
    const list = parse(': ' + inner);
    const node = list.length === 1 && list[0].pipelines.length === 1 ? list[0].pipelines[0].commands[0] : undefined;
    if (node?.type === 'simple' && node.redirects.length === 0 && node.assignments.length === 0 && node.words.every((x) => x.subs.length === 0)) {
      const values = expandWords(node.words.slice(1), lookup, [], home, true);
      if (values && values.every((v) => !v.dynamic && !/^\[/.test(v.value))) return values.map((v) => v.value).join(ARRAY_SEP);
    }
  } catch {
    // An array that cannot be read is unknown.
  }
  return runtimeValue('array');
}

const MAX_WRITTEN_FILES = 16;

/** `echo CODE > f`, `cat > f <<EOF`, `printf … >> f`: keep what the file will hold, for readers later on the line. */
function rememberWrites(cmd: SimpleCommand, redirects: readonly Redirect[], scope: Scope, w: Walker): void {
  for (const r of redirects) {
    if (r.fd !== 1 || (r.op !== '>' && r.op !== '>>' && r.op !== '>|')) continue;
    if (w.written.size >= MAX_WRITTEN_FILES || r.target.includes('$')) continue;
    const output = outputOf(cmd, w.ctx);
    if (output === undefined) continue;
    const abs = path.resolve(scope.cwd, r.target);
    w.written.set(abs, r.op === '>>' ? (w.written.get(abs) ?? '') + output : output);
  }
}

function walkRedirectTarget(word: Word, scope: Scope, w: Walker, lookup: (n: string) => string | undefined, home: string): Expanded | undefined {
  const subs = walkWordSubs(word, scope, w);
  return expandWords([word], lookup, [subs], home)?.[0];
}

/** Unquoted heredocs expand `$VAR` and run `$(…)`: walk those, and expand known variables. */
function expandHeredoc(body: string, scope: Scope, w: Walker): string {
  if (!body.includes('$') && !body.includes('`')) return body;
  if (body.includes('$(') || body.includes('`')) {
    // Commands substituted in a heredoc body run: read the body as one double-quoted word and walk its substitutions.
    try {
      const list = parse('"' + body.replace(/"/g, '\\"') + '"');
      const node = list[0]?.pipelines[0]?.commands[0];
      if (node?.type === 'simple' && node.words[0]) walkWordSubs(node.words[0], child(scope), w);
    } catch (err) {
      // A body that cannot be read as a word is still only data for the command, unless limits were hit.
      if (err instanceof ParseError && err.kind !== 'unparseable') throw err;
    }
  }
  return body.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => scope.vars[name]?.split(UNKNOWN).join('') ?? m);
}

function redirectOp(op: string): RedirectOp | undefined {
  switch (op) {
    case '>': case '>>': case '>|': case '&>': case '&>>': case '<': case '<>':
      return op;
    case '>&':
      return '>';
    default:
      return undefined;
  }
}

function envOf(scope: Scope): Record<string, string> {
  return scope.vars as Record<string, string>;
}

/** Peels wrappers until the acting program is reached, then records it. */
function emitCommand(cmd: Pending, scope: Scope, w: Walker): void {
  let current = cmd;
  let s = scope;
  for (let guard = 0; ; guard++) {
    if (guard > LIMITS.maxDepth || s.depth > LIMITS.maxDepth) throw new ParseError('too-deep', `wrappers nested deeper than ${LIMITS.maxDepth} levels`, 0);
    if (current.argv.length === 0) break;
    if (current.dynamic[0]) {
      const known = resolveProgram(current.argv[0], s.vars);
      if (known !== undefined) current = { ...current, argv: [known, ...current.argv.slice(1)], dynamic: [false, ...current.dynamic.slice(1)] };
    }
    const step: UnwrapStep | undefined = unwrap(current, s, w);
    if (!step) {
      // unwrap() may have normalised the program name only.
      const name = programName(current.argv[0]);
      if (name !== current.argv[0] && !current.dynamic[0]) current = { ...current, argv: [name, ...current.argv.slice(1)] };
      break;
    }
    if (step.kind === 'done') return;
    if (step.kind === 'command' && step.recordOuter) record(current, s, w);
    s = {
      ...s,
      via: [...s.via, step.via],
      depth: s.depth + 1,
      ...(step.remote ? { remote: step.remote } : {}),
      ...(step.cwd ? { cwd: path.resolve(s.cwd, step.cwd) } : {}),
    };
    if (step.kind === 'script') {
      w.walkText(step.text, step.env ? { ...s, vars: step.env } : child(s), step.lenient ?? false);
      if (!step.alsoEmit) return;
      break;
    }
    current = step.next;
  }
  record(current, s, w);
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function record(current: Pending, s: Scope, w: Walker): void {
  // Every command counts, duplicates too: `ls | ls | … | ls` is work even when listed once.
  if (++w.steps > MAX_STEPS || w.out.length >= MAX_COMMANDS) throw new Budget();
  // Code re-read from a dynamic word (`sh -c "$(cmd)"`) would list `cmd` twice; duplicates are recent.
  for (let i = w.out.length - 1; i >= 0 && i >= w.out.length - 16; i--) {
    const o = w.out[i];
    if (o.cwd === s.cwd && sameWords(o.argv, current.argv) && sameWords(o.via, s.via)) return;
  }
  const out: SimpleCommand = {
    argv: current.argv,
    dynamic: current.dynamic,
    redirects: current.redirects,
    cwd: s.cwd,
    env: current.env,
    via: s.via,
    source: current.source,
  };
  if (current.stdin !== undefined) out.stdin = current.stdin;
  if (current.stdinFrom) out.stdinFrom = current.stdinFrom;
  if (s.remote) out.remote = s.remote;
  w.out.push(out);
}

