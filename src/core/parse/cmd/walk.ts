// Walking cmd.exe lines: each logical line is expanded with the environment
// as it stands when cmd reads it, then its commands run in order. cmd's own
// commands become the ones packs judge (`del /s /q *.log` is a sweep of
// `*.log` files, `rd /s /q out` a recursive delete of `out`, `copy /y` an
// overwrite, `set X=1` an assignment, `start`/`call` wrappers); every other
// program goes out under its bare lower-case name with its `/` switches.
import { resolveShellPath } from '../../command/paths';
import { guardVariableFinding } from '../guardVariables';
import { LIMITS, ParseError, type ParseBudget } from '../limits';
import { Budget, MAX_STEPS, type Pending, type Scope, setVar, type Walker } from '../normalize/scope';
import { outputOf } from '../normalize/output';
import { envValue } from '../powershell/values';
import { windowsProgramName } from '../powershell/natives';
import type { Redirect } from '../../types';
import { table } from '../../text/own';
import { type CmdList, type CmdNode, type CmdRedirect, type CmdWord, expandPercent, parseCmd } from './reader';

interface Word {
  value: string;
  dynamic: boolean;
}

/** The lines cmd reads one at a time: newlines outside `( … )` blocks and quotes, `^` continuations joined. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '^' && !quoted) i++;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')' && depth > 0) depth--;
    else if (c === '\n') {
      quoted = false;
      if (depth === 0) {
        out.push(text.slice(start, i));
        start = i + 1;
      }
    }
  }
  out.push(text.slice(start));
  return out.filter((l) => l.trim() !== '');
}

/** What every command of one line shares while it is walked. */
interface Line {
  w: Walker;
  /** Read from a batch file: `%1`, `%~dp0` are its arguments. */
  batch: boolean;
  budget: ParseBudget;
  /** The line as written, variables in the spelling packs read. */
  source: string;
}

export function walkCmdText(text: string, scope: Scope, w: Walker, batch: boolean, budget: ParseBudget): void {
  for (const line of logicalLines(text.replace(/\r\n?/g, '\n'))) {
    const expanded = expandPercent(line, (name) => envValue(scope.vars, name), batch);
    // The line as packs read sources: `%NAME%` is the `${NAME}` every pack knows.
    const source = line.trim().replace(/%([A-Za-z_][\w()]*)%/g, '${$1}');
    walkList(parseCmd(expanded, budget), scope, { w, batch, budget, source });
  }
}

function walkList(list: CmdList, scope: Scope, line: Line): void {
  const w = line.w;
  for (const chain of list) {
    for (const pipeline of chain.pipelines) {
      let prevOutput: string | undefined;
      let prevArgv: string[] | undefined;
      let prevStart = w.out.length;
      for (let i = 0; i < pipeline.length; i++) {
        const start = w.out.length;
        walkNode(pipeline[i], scope, line, i > 0 ? { output: prevOutput, argv: prevArgv } : undefined);
        if (i > 0 && w.out.length > start)
          for (let k = prevStart; k < start; k++) w.out[k].stdoutTo ??= w.out[start].argv;
        const last = w.out.length > start ? w.out[w.out.length - 1] : undefined;
        prevOutput = last ? outputOf(last, w.ctx) : undefined;
        prevArgv = last?.argv;
        prevStart = start;
      }
    }
  }
}

interface Piped {
  output: string | undefined;
  argv: string[] | undefined;
}

const LOOP_VAR = /%%?([A-Za-z])/g;

/** A word with the `for` variables in scope substituted (`%%d`, `%d`). */
function word(wd: CmdWord, scope: Scope): Word {
  let dynamic = wd.dynamic;
  const value = wd.text.includes('%')
    ? wd.text.replace(LOOP_VAR, (m, v: string) => {
        const known = scope.locals?.['%' + v];
        if (!known) return m;
        dynamic ||= known.dynamic;
        return known.text;
      })
    : wd.text;
  return { value, dynamic };
}

function walkNode(node: CmdNode, scope: Scope, line: Line, piped: Piped | undefined): void {
  const w = line.w;
  if (scope.depth > LIMITS.maxDepth) throw new ParseError('too-deep', 'blocks nested too deeply', 0);
  const inner = { ...scope, depth: scope.depth + 1 };
  switch (node.type) {
    case 'group': {
      walkList(node.body, scope, line);
      // `(echo …) > f`: what the block printed lands in f, a write judged like any other.
      blockWrite(fileRedirects(node.redirects, scope), scope, line);
      return;
    }
    case 'if':
      walkList(node.then, scope, line);
      if (node.otherwise) walkList(node.otherwise, scope, line);
      return;
    case 'for': {
      const options = node.options.map((o) => o.text.toLowerCase());
      const set = node.set.trim();
      const fromCommand = options.includes('/f') && /^(['`]).*\1$/s.test(set);
      if (fromCommand) walkCmdText(set.slice(1, -1), inner, w, line.batch, line.budget);
      // The set's words are the values; a wildcard word stands for the files it matches (a glob the packs read),
      // below the root with /r (every folder under it), folders with /d.
      const root = options.includes('/r') ? node.options[options.indexOf('/r') + 1]?.text : undefined;
      const words = set
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((i) => i.replace(/^"|"$/g, ''));
      const items = options.includes('/r')
        ? words.map((i) => `${(root ?? '.').replace(/\\/g, '/').replace(/\/+$/, '')}/**/${i}`)
        : words;
      const literal =
        !options.some((o) => o === '/f' || o === '/l') &&
        items.length <= 16 &&
        items.every((i) => !/[%$\u0001]/.test(i));
      for (const item of literal ? items : ['$' + node.variable]) {
        if (++w.steps > MAX_STEPS) throw new Budget();
        const it: Scope = {
          ...inner,
          locals: table(scope.locals, { ['%' + node.variable]: { text: item, dynamic: !literal } }),
        };
        walkList(node.body, it, line);
      }
      return;
    }
    case 'simple':
      walkSimple(node, scope, line, piped);
  }
}

const SWITCH = /^\/[A-Za-z?-]/;

/** `/s/q` → `/s`, `/q`; switches lower-cased. */
function switchesOf(words: readonly Word[]): Set<string> {
  const out = new Set<string>();
  for (const x of words)
    if (SWITCH.test(x.value)) for (const s of x.value.split(/(?=\/)/)) out.add(s.toLowerCase().replace(/:.*$/, ''));
  return out;
}

function operands(words: readonly Word[]): Word[] {
  return words.filter((x) => !SWITCH.test(x.value));
}

/** A path word for the packs: `\` is the separator it is on Windows. */
function pathWord(x: Word): Word {
  return { value: x.value.replace(/\\/g, '/'), dynamic: x.dynamic };
}

function walkSimple(
  node: Extract<CmdNode, { type: 'simple' }>,
  scope: Scope,
  line: Line,
  piped: Piped | undefined,
): void {
  const w = line.w;
  const words = node.words.map((x) => word(x, scope));
  const redirects = fileRedirects(node.redirects, scope);
  if (!words.length) {
    // `> f` alone (or before a block, `> f (echo …)`) still opens f for writing.
    blockWrite(redirects, scope, line);
    return;
  }
  const head = words[0].value;
  const name = windowsProgramName(head.replace(/^@/, ''));
  const args = words.slice(1);
  const out = (argv: readonly (Word | string)[], via?: string, s: Scope = scope): void => {
    const pending: Pending = {
      argv: argv.map((x) => (typeof x === 'string' ? x : x.value)),
      dynamic: argv.map((x) => (typeof x === 'string' ? false : x.dynamic)),
      redirects,
      env: s.vars as Record<string, string>,
      source: line.source,
    };
    if (piped?.output !== undefined) pending.stdin = piped.output;
    if (piped?.argv) pending.stdinFrom = piped.argv;
    w.emit(pending, via ? { ...s, via: [...s.via, via], depth: s.depth + 1 } : s);
  };
  const sw = switchesOf(args);
  const ops = operands(args);
  switch (name) {
    case 'del':
    case 'erase': {
      // /s deletes the matching files in every folder below: a sweep by name.
      const names = ops.map(pathWord).map((x) => (sw.has('/s') ? sweep(x) : x));
      if (names.length) out(['rm', ...(sw.has('/f') || sw.has('/q') ? ['-f'] : []), '--', ...names]);
      return;
    }
    case 'rd':
    case 'rmdir':
      if (ops.length)
        out(
          sw.has('/s')
            ? ['rm', '-r', ...(sw.has('/q') ? ['-f'] : []), '--', ...ops.map(pathWord)]
            : ['rmdir', ...ops.map(pathWord)],
        );
      return;
    case 'copy':
    case 'move': {
      const files = ops.flatMap((x) => x.value.split('+').map((v) => ({ value: v, dynamic: x.dynamic }))).map(pathWord);
      if (!files.length) return;
      const dest = files.length > 1 ? files.pop()! : { value: '.', dynamic: false };
      out([name === 'copy' ? 'cp' : 'mv', ...(sw.has('/y') ? ['-f'] : []), ...files, dest]);
      return;
    }
    case 'ren':
    case 'rename': {
      if (ops.length < 2) return;
      const src = pathWord(ops[0]);
      const dir = src.value.includes('/') ? src.value.slice(0, src.value.lastIndexOf('/') + 1) : '';
      out(['mv', src, { value: dir + ops[1].value, dynamic: src.dynamic || ops[1].dynamic }]);
      return;
    }
    case 'type':
      if (ops.length) out(['cat', ...ops.map(pathWord)]);
      return;
    case 'echo': {
      if (args.length === 1 && /^(?:on|off)$/i.test(args[0].value)) return;
      out(['echo', ...args]);
      return;
    }
    case 'echo.':
      out(['echo']);
      return;
    case 'set':
      setCommand(args, scope, w, out);
      return;
    case 'cd':
    case 'chdir':
    case 'pushd': {
      const target = ops.map((x) => x.value).join(' ');
      if (!target || ops.some((x) => x.dynamic)) return;
      scope.cwd = resolveShellPath(scope.cwd, target.replace(/\\/g, '/'), scope.vars.HOME ?? w.ctx.home);
      setVar(scope, 'PWD', scope.cwd);
      return;
    }
    case 'md':
    case 'mkdir':
      if (ops.length) out(['mkdir', '-p', ...ops.map(pathWord)]);
      return;
    case 'dir':
      out(['ls', ...ops.map(pathWord)]);
      return;
    case 'mklink': {
      if (ops.length < 2) return;
      out(['ln', ...(sw.has('/h') ? [] : ['-s']), pathWord(ops[1]), pathWord(ops[0])]);
      return;
    }
    case 'start': {
      let i = 0;
      // The first quoted word is the window title.
      if (args[0]?.value !== undefined && node.words[1]?.quoted) i = 1;
      while (i < args.length && SWITCH.test(args[i].value)) i += /^\/(?:d|node|affinity)$/i.test(args[i].value) ? 2 : 1;
      if (i < args.length) walkProgram(args.slice(i), scope, w, line.budget, out, 'start');
      return;
    }
    case 'call':
      if (args.length && !args[0].value.startsWith(':')) walkProgram(args, scope, w, line.budget, out, 'call');
      return;
    case 'cls':
    case 'pause':
    case 'title':
    case 'ver':
    case 'vol':
    case 'prompt':
    case 'color':
    case 'exit':
    case 'goto':
    case 'shift':
    case 'verify':
    case 'setlocal':
    case 'endlocal':
    case 'break':
    case 'popd':
    case 'path':
    case ':':
      return;
  }
  walkProgram(words, scope, w, line.budget, out);
}

/** The files a command's redirections name, `\\` read as the separator (`nul` names none). */
function fileRedirects(raw: readonly CmdRedirect[], scope: Scope): Redirect[] {
  const out: Redirect[] = [];
  for (const r of raw) {
    const t = word(r.target, scope);
    if (/^nul$/i.test(t.value)) continue;
    out.push({ op: r.op, fd: r.fd, target: t.value.replace(/\\/g, '/') });
  }
  return out;
}

/** A write through redirections of no command of its own: its text is not known before it runs; the line is its source. */
function blockWrite(redirects: readonly Redirect[], scope: Scope, line: Line): void {
  const writes = redirects.filter((r) => r.op !== '<');
  if (!writes.length) return;
  line.w.emit(
    { argv: [], dynamic: [], redirects: writes, env: scope.vars as Record<string, string>, source: line.source },
    scope,
  );
}

/** `**` below the folder of a `del /s` pattern. */
function sweep(x: Word): Word {
  const slash = x.value.lastIndexOf('/');
  return slash === -1
    ? { value: '**/' + x.value, dynamic: x.dynamic }
    : { value: `${x.value.slice(0, slash)}/**/${x.value.slice(slash + 1)}`, dynamic: x.dynamic };
}

/** A program and its arguments: a batch file is read and walked, anything else goes out by its bare name. */
function walkProgram(
  words: readonly Word[],
  scope: Scope,
  w: Walker,
  budget: ParseBudget,
  out: (argv: readonly (Word | string)[], via?: string) => void,
  via?: string,
): void {
  const head = words[0];
  if (/\.(?:bat|cmd)$/i.test(head.value) && !head.dynamic) {
    const text = w.ctx.readFile(head.value.replace(/\\/g, '/'), scope.cwd);
    if (text !== undefined && text.length <= 64 * 1024) {
      try {
        walkCmdText(text, { ...scope, via: [...scope.via, head.value], depth: scope.depth + 1 }, w, true, {
          words: budget.words,
        });
      } catch (err) {
        // A batch file that cannot be read leaves the call to be judged on its own.
        if (!(err instanceof ParseError) || err.kind === 'too-deep') throw err;
      }
    }
    out(words, via);
    return;
  }
  out([head.dynamic ? head : { value: windowsProgramName(head.value), dynamic: false }, ...words.slice(1)], via);
}

function setCommand(
  args: readonly Word[],
  scope: Scope,
  w: Walker,
  out: (argv: readonly (Word | string)[]) => void,
): void {
  const sw = switchesOf(args.slice(0, 1));
  const rest = sw.size ? args.slice(1) : args;
  const text = rest.map((x) => x.value).join(' ');
  const eq = text.indexOf('=');
  if (eq <= 0) {
    // `set` or `set PREFIX`: prints the environment.
    out(['env']);
    return;
  }
  const name = text.slice(0, eq).trim();
  const f = guardVariableFinding(name, 'sets');
  if (f) w.addFinding(f);
  const dynamic = sw.size > 0 || rest.some((x) => x.dynamic);
  const value = text.slice(eq + 1);
  setVar(scope, name, dynamic ? '\u0001$' + name + '\u0001' : value);
}
