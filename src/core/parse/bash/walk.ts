// Walking the syntax tree: lists, pipelines, loops, function calls and simple
// commands, with their words expanded and their redirections and heredocs
// read, in the order the shell would run them.
import type { CommandNode, List, Redirect as RawRedirect } from './ast';
import { LIMITS, ParseError } from './parser';
import { arrayKey, positionalVars, UNKNOWN } from '../dynamic';
import { expandWords, spliceArrays, type Expanded } from './words';
import { expandHeredoc, type Piped, walkRedirectTarget, walkWordSubs } from './substitutions';
import { expandBraceWords, wordBraces } from './braces';
import { argumentValues, forListValue, readLoopScope } from './loopInput';
import { aliasExpansion } from './aliases';
import { rememberDefinition, uncalledFunctions, walkDefinedFunction } from './definitions';
import { inChildShell, machineryNameFinding } from '../machinery';
import { compoundScope, keepExecDescriptors, readRedirects } from './simpleRedirects';
import {
  Budget,
  child,
  envOf,
  parseFinding,
  lookupIn,
  MAX_STEPS,
  type Pending,
  type Scope,
  setVar,
  type Stayed,
  type Walker,
} from '../normalize/scope';
import { outputOf } from '../normalize/output';
import { newChain, pipelineChain } from '../normalize/chains';
import { aliasAssignment, noteGuardVariable, noteLoaderVariable, setRuntimeVars } from './variables';
import { scopeBuiltin } from './builtins';
import { walkEvaluatedAssignments, walkEvaluatedWords } from './evaluated';
import {
  COMMAND_LIKE,
  ARRAY_ASSIGNMENT,
  assignedArray,
  declaredArrays,
  commandGlob,
  emitOutputRedirects,
  fileRedirects,
  keepsList,
  PASS_THROUGH,
  rememberWrites,
} from './commandParts';
import { table } from '../../text/own';
import { builtinPrefix, calledVars, repeatOnce, settleBodies, settleGroup } from './compoundState';
import { dueStates, failureReadOn, leavesShell, noteMayFail, noteMayNotRun, readElsewhere } from './mayNotRun';
import { addElsewhere, carryOthers } from '../normalize/otherReadings';

/** `feed`: what the first command of each pipeline reads on stdin (a `>(…)` body reads what its command writes there). */
export function walkList(list: List, outer: Scope, w: Walker, feed?: Piped): void {
  const enclosing = w.chain;
  // Where readings of this list's rest in other states ended: the caller reads on from there too.
  let ends: Stayed[] | undefined;
  // Indexed: until V8 optimizes this (most of a batch), each for…of step allocates.
  for (let a = 0; a < list.length; a++) {
    const andOr = list[a];
    // `cmd &` runs in the background, in a subshell of its own: its scope changes do not leak.
    const scope = andOr.background ? child(outer, { via: [...outer.via, '&'] }) : outer;
    let chain = 0;
    for (let p = 0; p < andOr.pipelines.length; p++) {
      const pipeline = andOr.pipelines[p];
      chain = pipelineChain(w, andOr.pipelines, p, chain);
      // Past the `&&` chain of a `cd` that failed, the shell runs on in the folder it stayed in (builtins.ts). A
      // command that may not have run (`cd "$DIR"`, `[ -d a ] && cd a`, an `if` body): what is left is read in each
      // state it leaves, a bounded number of times a line (mayNotRun.ts).
      const due =
        scope.elsewhere !== undefined || scope.failedCd !== undefined
          ? dueStates(scope, chain, pipeline.or === true && leavesShell(pipeline))
          : undefined;
      if (due !== undefined) {
        const rest = [{ ...andOr, pipelines: andOr.pipelines.slice(p) }, ...list.slice(a + 1)];
        readElsewhere(due, rest, scope, w, walkList, (ends ??= []));
      }
      const n = pipeline.commands.length;
      // zsh, and bash after `shopt -s lastpipe`, run a pipeline's last stage in the shell itself (mayNotRun.ts).
      const lastHere = n > 1 && w.lastStageInShell === true;
      const failsOn = failureReadOn(andOr.pipelines, p);
      const before =
        p > 0 || lastHere || failsOn ? { cwd: scope.cwd, vars: scope.vars, stayed: scope.failedCd } : undefined;
      let prevOutput: string | undefined;
      let prevArgv: string[] | undefined;
      let origin: string[] | undefined;
      let lister: string[] | undefined;
      let prevStart = w.out.length;
      for (let i = 0; i < n; i++) {
        const node = pipeline.commands[i];
        // Each part of a multi-command pipeline runs in its own subshell.
        const s = n > 1 && !(lastHere && i === n - 1) ? child(scope) : scope;
        const start = w.out.length;
        w.chain = i < n - 1 || pipeline.negated ? newChain(w) : chain;
        const result = walkCommand(node, s, w, i > 0 ? { output: prevOutput, argv: prevArgv } : feed);
        // Tell the previous stage where its output went (printing a secret differs from piping it on).
        if (i > 0 && w.out.length > start)
          for (let k = prevStart; k < start; k++) w.out[k].stdoutTo ??= w.out[start].argv;
        // `x | ssh host cmd`: the remote command reads what was piped into ssh.
        if (i > 0 && prevArgv)
          for (let k = start; k < w.out.length; k++)
            if (w.out[k].remote?.kind === 'ssh') w.out[k].stdinFrom ??= prevArgv;
        // `pg_dump | gzip | ssh …`: through filters that only transform, what arrives is still the first command's data.
        if (i > 0 && origin && origin !== prevArgv)
          for (let k = start; k < w.out.length; k++) w.out[k].stdinOrigin ??= origin;
        origin = i > 0 && origin && PASS_THROUGH.has(result?.argv?.[0] ?? '') ? origin : result?.argv;
        if (i > 1 && lister) for (let k = start; k < w.out.length; k++) w.out[k].stdinLister ??= lister;
        lister = i === 0 ? result?.argv : lister && keepsList(result?.argv) ? lister : undefined;
        prevStart = start;
        prevOutput = i < n - 1 ? result?.output?.() : undefined;
        prevArgv = result?.argv;
      }
      // `[ -d a ] && cd a; ./x`, `test -n "$A" && X=~/notes; rm -rf "$X"`: a pipeline after `&&` or `||` may not
      // run; what follows its chain is read as if it did, and once more as the shell was before it.
      if (before !== undefined) noteMayNotRun(scope, before, chain, p, lastHere);
      if (failsOn && before) noteMayFail(scope, before, pipeline.negated ? newChain(w) : chain, pipeline);
    }
  }
  if (ends) addElsewhere(outer, ends);
  w.chain = enclosing;
}

interface CommandResult {
  /** Static stdout, when knowable (echo, printf, cat FILE, base64 -d of known input); computed only when a pipe reads it. */
  output?: () => string | undefined;
  argv?: string[];
}

function walkCommand(node: CommandNode, outer: Scope, w: Walker, piped: Piped | undefined): CommandResult | undefined {
  const before = w.out.length;
  const scope =
    node.type === 'simple' || node.type === 'function'
      ? outer
      : compoundScope(node.redirects, outer, outer.vars.HOME ?? w.ctx.home);
  switch (node.type) {
    case 'simple':
      return walkSimple(node, scope, w, piped);
    case 'subshell':
      walkList(node.body, child(scope, { depth: scope.depth + 1 }), w);
      break;
    case 'group': {
      const inner = { ...scope, depth: scope.depth + 1, failedCd: undefined, elsewhere: undefined };
      walkList(node.body, inner, w);
      settleGroup(outer, scope, inner, w);
      break;
    }
    case 'control':
      if ((node.keyword === 'for' || node.keyword === 'select') && node.words.length > 0) {
        walkLoop(node, scope, w, outer);
      } else {
        for (const word of node.words) walkWordSubs(word, scope, w, walkList);
        // `while`/`until` bodies, and an arithmetic `for ((…))`'s, run as many times as their condition says.
        const repeats = node.keyword !== 'if' && node.keyword !== 'case';
        const loop = readLoopScope(node, scope, piped?.argv);
        const ends: Scope[] = [];
        for (const body of node.bodies) {
          const inner = {
            ...loop,
            depth: scope.depth + 1,
            failedCd: undefined,
            elsewhere: undefined,
            ...(repeats ? { repeated: true as const } : {}),
          };
          walkList(body, inner, w);
          if (repeats) repeatOnce([body], loop, inner, w, walkList);
          ends.push(inner);
        }
        settleBodies(outer, scope, ends, w, true);
      }
      break;
    case 'function': {
      scope.functions.set(node.name, node.body);
      const machinery = inChildShell(scope.via) ? undefined : machineryNameFinding(node.name, 'function');
      if (machinery) w.addFinding(machinery);
      rememberDefinition(node.name, node.body, scope, w);
      return undefined;
    }
  }
  walkRedirects(node.redirects, scope, w, before);
  return undefined;
}

/** Iterations of a `for` over a literal list that are walked one by one; longer lists are read once, with the variable unknown. */
const MAX_LOOP_VALUES = 16;

/** `for d in dist build; do rm -rf "$d"; done` is `rm -rf dist` then `rm -rf build`. */
function walkLoop(node: Extract<CommandNode, { type: 'control' }>, scope: Scope, w: Walker, outer: Scope): void {
  const name = node.words[0].raw;
  const listWords = expandBraceWords(node.words.slice(1));
  const subs = listWords.map((word) => walkWordSubs(word, scope, w, walkList));
  const home = scope.vars.HOME ?? w.ctx.home;
  const values = listWords.length ? expandWords(listWords, lookupIn(scope), subs, home, true) : argumentValues(scope);
  const inner: Scope = { ...scope, depth: scope.depth + 1, failedCd: undefined, elsewhere: undefined };
  // The arguments' values carry their own unknown marks (inlineArgs.ts): walked one by one, as `"$1"` would be.
  // `select` runs its body once per answer typed, until `break`: as many times as only the run knows.
  const known = values && values.length <= MAX_LOOP_VALUES && (!listWords.length || values.every((v) => !v.dynamic));
  if (known && node.keyword !== 'select') {
    // Each pass starts where the one before left the shell (`for i in 1 2; do cd ..; done` climbs two folders), and
    // the loop runs in the shell itself: where its last pass left the folder and variables holds after it.
    const it: Scope = { ...inner };
    for (const v of values) {
      if (++w.steps > MAX_STEPS) throw new Budget();
      setVar(it, name, v.value);
      for (const body of node.bodies) walkList(body, it, w);
    }
    settleBodies(outer, scope, [it], w, values.length === 0);
    return;
  }
  // Unknown values (or `for x; do …` over the arguments): the variable is dynamic inside the loop, which runs once per value.
  setVar(inner, name, forListValue(listWords) ?? UNKNOWN + '$' + name + UNKNOWN);
  inner.repeated = true;
  const start = { cwd: inner.cwd, vars: inner.vars };
  for (const body of node.bodies) walkList(body, inner, w);
  repeatOnce(node.bodies, start, inner, w, walkList);
  settleBodies(outer, scope, [inner], w, true);
}

/** A compound command's redirections: where what its body printed (emitted from `before` on) lands. */
function walkRedirects(redirects: readonly RawRedirect[], scope: Scope, w: Walker, before: number): void {
  const lookup = lookupIn(scope);
  const home = scope.vars.HOME ?? w.ctx.home;
  const files = fileRedirects(redirects, (word) => walkRedirectTarget(word, scope, w, walkList, lookup, home));
  emitOutputRedirects(files, w.out.slice(before), scope, w);
}

/** Walks what an alias in command position makes of the command; false when none applies. */
function walkAlias(node: Extract<CommandNode, { type: 'simple' }>, scope: Scope, w: Walker): boolean {
  const alias = aliasExpansion(node, w);
  if (!alias) return false;
  const busy = (w.aliasing ??= new Set());
  for (const n of alias.names) busy.add(n);
  try {
    w.walkText(alias.text, scope, false);
  } finally {
    for (const n of alias.names) busy.delete(n);
  }
  return true;
}

/** Functions the line defined and never called, judged where defined (definitions.ts). */
export function walkUncalledFunctions(w: Walker): void {
  uncalledFunctions(w, walkDefined);
}

/** A function's body, walked as if called with unknown arguments. */
function walkDefined(body: CommandNode, scope: Scope, w: Walker): void {
  walkCommand(body, scope, w, undefined);
}

function walkSimple(
  node: Extract<CommandNode, { type: 'simple' }>,
  scope: Scope,
  w: Walker,
  piped: Piped | undefined,
): CommandResult | undefined {
  // `((rm -rf x))` is arithmetic to bash and zsh, two subshells to dash: a body that reads as a command is walked as one too.
  if (node.words[0]?.raw === "'(('" && COMMAND_LIKE.test(node.words[1]?.subs[0]?.text ?? ''))
    w.walkText(`(${node.words[1].subs[0].text}\n)`, child(scope, { depth: scope.depth + 1 }), 'guess');
  // An alias in command position: the shell runs its expansion, not the name.
  if ((w.aliases?.size || w.unreadAliases) && walkAlias(node, scope, w)) return undefined;
  const home = scope.vars.HOME ?? w.ctx.home;
  const lookup = lookupIn(scope);
  // Substitutions run before the command: walk them first.
  const assignSubs = node.assignments.map((a) => walkWordSubs(a, scope, w, walkList));
  // `"$@"` after `set --`, `"${arr[@]}"`: known elements become words; then braces (`{rm,-rf,x}`) as the shell expands them first.
  const words = expandBraceWords(spliceArrays(declaredArrays(node.words, scope, lookup, home), scope.vars));
  // `tee >(bash)` feeds the body what tee reads; another command's `>(…)` gets what it writes there, unknown here.
  // Read only by the body of a `>(…)` in a word or a redirect: built for commands that have one of those.
  const writer =
    node.redirects.length > 0 || words.some((x) => x.subs.length > 0)
      ? node.words.map((x) => x.raw.replace(/^['"]|['"]$/g, ''))
      : [];
  const feed: Piped =
    node.words[0]?.raw === 'tee' && piped ? piped : { output: undefined, argv: piped?.argv ?? writer };
  const wordSubs = words.map((a) => walkWordSubs(a, scope, w, walkList, feed));

  const assigned: [string, string][] = [];
  // Array assignments (`arr=(a b)`) are kept as written: shell-quote reads `(` as an operator.
  const arrays = node.assignments.filter((a) => ARRAY_ASSIGNMENT.test(a.raw));
  for (const a of arrays) {
    const name = a.raw.slice(0, a.raw.indexOf('=')).replace(/\+$/, '');
    assigned.push([name, a.raw.slice(a.raw.indexOf('=') + 1)]);
    assigned.push([arrayKey(name), assignedArray(a.raw, scope.vars[arrayKey(name)], lookup, home)]);
  }
  const scalars = arrays.length ? node.assignments.filter((a) => !arrays.includes(a)) : node.assignments;
  if (scalars.length) {
    const exp = expandWords(
      scalars,
      lookup,
      arrays.length ? scalars.map((a) => assignSubs[node.assignments.indexOf(a)]) : assignSubs,
      home,
    );
    if (!exp) throw new ParseError('unparseable', 'cannot read an assignment', node.start);
    for (const e of exp) {
      const eq = e.value.indexOf('=');
      // A dynamic value keeps its `$X` text, marked so that words using it later are dynamic too.
      const value = e.value.slice(eq + 1);
      assigned.push([e.value.slice(0, eq).replace(/\+$/, ''), e.dynamic ? UNKNOWN + value + UNKNOWN : value]);
    }
  }
  // Indexed, pairs not destructured: until V8 optimizes this (most of a batch), each for…of step allocates.
  for (let i = 0; i < assigned.length; i++) {
    noteGuardVariable(assigned[i][0], 'sets', w);
    noteLoaderVariable(assigned[i][0], assigned[i][1], scope, w);
    aliasAssignment(assigned[i][0], assigned[i][1], scope, w);
  }
  walkEvaluatedAssignments(assigned, scope, w);
  const values = words.length ? expandWords(words, lookup, wordSubs, home, true) : [];
  if (!values) throw new ParseError('unparseable', 'cannot read the words of a command', node.start);
  // A glob in the command's name (`/usr/bin/r?`, `./*.sh`) is expanded on disk: its first match is what runs.
  const expanded = values[0]?.glob && !values[0].dynamic ? commandGlob(values, scope.cwd, w) : values;

  const read = readRedirects(
    node.redirects,
    scope,
    w,
    piped?.output ?? scope.stdin,
    (word) => walkRedirectTarget(word, scope, w, walkList, lookup, home, { output: undefined, argv: writer }),
    (body) => expandHeredoc(body, scope, w, walkList),
    piped === undefined && scope.stdin === undefined,
  );
  const { redirects, stdin } = read;

  if (expanded.length === 0) {
    // Only assignments (and redirections): they change the scope for what follows.
    for (let i = 0; i < assigned.length; i++) setVar(scope, assigned[i][0], assigned[i][1]);
    if (redirects.length) {
      w.emit({ argv: [], dynamic: [], redirects, env: envOf(scope), source: node.text }, scope);
    }
    return undefined;
  }

  // `builtin alias x=…`, `command export PATH=…`: the builtin itself, past any function of its name.
  const peeled = builtinPrefix(expanded);
  const argv = (peeled ? expanded.slice(peeled) : expanded).map((e: Expanded) => e.value);
  keepExecDescriptors(argv, read, node.redirects, scope);
  const dynamic = (peeled ? expanded.slice(peeled) : expanded).map((e: Expanded) => e.dynamic);
  const text = node.text;

  const prog = argv[0];
  walkEvaluatedWords(words, argv, scope, w, stdin);
  const fn = scope.functions.get(prog);
  // A function named like a builtin (`cd() { …; }; cd /`) runs instead of it, as bash looks functions up first.
  const isFunction = fn && !Array.isArray(fn) && !dynamic[0] && !peeled;
  const builtinFrom = w.out.length;
  if (!isFunction && scopeBuiltin(argv, scope, w, home, (name) => walkDefinedFunction(name, w, walkDefined))) {
    emitOutputRedirects(redirects, w.out.slice(builtinFrom), scope, w, text);
    return { argv };
  }
  setRuntimeVars(argv, scope, w, redirects, dynamic);
  if (prog === 'set' && argv.includes('--')) {
    const args = argv.slice(argv.indexOf('--') + 1);
    for (const [k, v] of Object.entries(positionalVars(args)))
      setVar(scope, k, dynamic.slice(argv.indexOf('--') + 1).some(Boolean) ? UNKNOWN + v + UNKNOWN : v);
  }
  if (fn && isFunction) {
    const def = w.defined?.get(prog);
    if (def) def.called = true;
    if (scope.calling.includes(prog)) {
      if (scope.calling.length > 0) {
        w.addFinding(
          parseFinding(
            'system.fork-bomb',
            100,
            `function '${prog}' calls itself without end (a fork bomb): it would exhaust the machine's processes`,
            prog,
          ),
        );
      }
      return undefined;
    }
    if (scope.depth >= LIMITS.maxDepth) throw new ParseError('too-deep', 'functions nested too deeply', node.start);
    if (++w.steps > MAX_STEPS) throw new Budget();
    // Inside the function `$1`, `"$@"` are the call's arguments.
    const positional = dynamic.slice(1).some(Boolean) ? {} : positionalVars(argv.slice(1));
    const entry = table(scope.vars, positional);
    const body: Scope = {
      ...scope,
      failedCd: undefined,
      elsewhere: undefined,
      vars: entry,
      calling: [...scope.calling, prog],
      depth: scope.depth + 1,
    };
    if (stdin !== undefined) body.stdin = stdin;
    const bodyFrom = w.out.length;
    walkCommand(fn, body, w, piped);
    // A function runs in the shell that calls it: the folder it enters and the variables it sets are the caller's.
    scope.cwd = body.cwd;
    const view = (vars: Scope['vars']) => calledVars(scope.vars, entry, vars, positional);
    carryOthers(scope, body, w.chain, view);
    scope.vars = view(body.vars);
    emitOutputRedirects(redirects, w.out.slice(bodyFrom), scope, w);
    return undefined;
  }

  // The command's own `VAR=value` prefixes over the scope's environment; most commands have none (no copy then).
  const env = assigned.length ? table(envOf(scope), Object.fromEntries(assigned)) : envOf(scope);
  const pending: Pending = { argv, dynamic, redirects, env, source: text };
  const braces = wordBraces(words, (word, i) => expandWords([word], lookup, [wordSubs[i]], home)?.[0]?.value);
  if (braces) pending.braces = braces;
  if (stdin !== undefined) pending.stdin = stdin;
  if (piped?.argv) pending.stdinFrom = piped.argv;
  const before = w.out.length;
  w.emit(pending, scope);
  // The last command this one emitted, if any (without copying what it emitted).
  const last = w.out.length > before ? w.out[w.out.length - 1] : undefined;
  if (last && redirects.length) rememberWrites(last, redirects, scope, w);
  return { output: () => (last ? outputOf(last, w.ctx) : undefined), argv: last?.argv ?? argv };
}
