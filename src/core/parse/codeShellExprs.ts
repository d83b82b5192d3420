// A shell-out whose command is an expression the reader cannot evaluate to
// text (`os.system(sys.argv[1])`, `os.system("".join(reversed(s)))`,
// `execSync(process.env.CMD)`, `system(ARGV[0])`, `shell_exec($argv[1])`,
// `spawnSync("rm", process.argv.slice(1))`) runs a command known only at run
// time, as `sh -c "$CMD"` does: the reading gets a run-time word, and the
// program it runs is unknown. Literals, literal lists and names are read
// elsewhere (interpreters.ts readCode, codeShellNames.ts); only what is left
// over is judged here.
import { topLevelIndex } from './codeScan';
import type { CodeReading } from './codeReading';
import { RUNTIME_VALUE_WORD } from './dynamic';
import { runsCommand, STRING_LITERAL, valuesOf } from './codeShellNames';
import { own } from '../text/own';

/** Bounds: calls read in one piece of code, characters of one argument. */
const MAX_CALLS = 32;
const MAX_ARGUMENT = 2048;

// Calls certain to run a command, by language: the receiver, the function, and `(` or the space of a call without
// parentheses. A call without them is read only before what can start an expression (`system ARGV[0]`,
// `system $ARGV[0]`), so prose in a string (`"the system is down"`) is never read as one.
const CALLS: Readonly<Record<string, RegExp>> = {
  python:
    /(?<![\w.])(?:([A-Za-z_]\w*)\s*\.\s*)?(system|popen|run|call|check_call|check_output|Popen|getoutput|getstatusoutput)(\s*\()/g,
  node: /(?<![\w$.])(?:(require\s*\(\s*['"](?:node:)?child_process['"]\s*\)|[A-Za-z_$][\w$]*)\s*\.\s*)?(execSync|exec|execFile|execFileSync|spawn|spawnSync)(\s*\()/g,
  ruby: /(?<![\w.:$@])(?:(IO|Open3|Kernel|Process)\s*\.\s*)?(system|exec|spawn|popen|popen2e?|popen3|capture2e?|capture3)(\s*\(|[ \t]+(?=[A-Z$@*]|gets\b))/g,
  perl: /(?<![\w$>:])()(system|exec)(\s*\(|[ \t]+(?=[$@]|shift\b))/g,
  php: /(?<![\w$>:])()(shell_exec|system|exec|passthru|popen|proc_open|pcntl_exec)(\s*\()/g,
};

/** Calls whose first argument is the program and whose later ones are its arguments (or a list of them). */
const PROGRAM_THEN_ARGS: Readonly<Record<string, RegExp>> = {
  node: /^(?:spawn|spawnSync|execFile|execFileSync)$/,
  ruby: /^(?:system|exec|spawn)$/,
  perl: /^(?:system|exec)$/,
  php: /^pcntl_exec$/,
};

/** A bare name of each language, as codeShellNames.ts reads names (Ruby's constants, ARGV and ENV, are not). */
const NAMES: Readonly<Record<string, RegExp>> = {
  python: /^[A-Za-z_]\w*$/,
  node: /^[A-Za-z_$][\w$]*$/,
  ruby: /^\*?[a-z_]\w*$/,
  perl: /^[$@][A-Za-z_]\w*$/,
  php: /^\$[A-Za-z_]\w*$/,
};
const isName = (expr: string, language: string): boolean => own(NAMES, language)?.test(expr) ?? false;
/** A call without parentheses ends before Perl's and Ruby's `or die`, `if ok`, `== 0`. */
const BARE_END = /\s+(?:or|and|if|unless)\b|\s*(?:\|\||&&|==|!=|<=>)/;

/** The arguments of the call whose head ends at `from`, as written (the first few). */
function argumentsOf(code: string, from: number, bare: boolean): string[] {
  const args: string[] = [];
  for (let i = from; i < code.length && args.length < 4;) {
    const end = topLevelIndex(
      code,
      i,
      MAX_ARGUMENT,
      (c) => c === ',' || c === ')' || (bare && (c === ';' || c === '\n')),
    );
    let arg = code.slice(i, end).trim();
    if (bare) arg = arg.split(BARE_END)[0].trim();
    args.push(arg);
    if (code[end] !== ',' || (bare && arg !== code.slice(i, end).trim())) break;
    i = end + 1;
  }
  return args;
}

/** The end of the literals at the start of `expr` joined by adjacency (Python, Ruby), or -1 when none starts it. */
function literalsEnd(expr: string, language: string): number {
  let end = -1;
  for (let rest = expr, n = 0; n < 64; n++) {
    const lit = STRING_LITERAL.exec(rest);
    if (!lit) break;
    end = expr.length - rest.length + lit[0].length;
    rest = expr.slice(end).trimStart();
    if (language !== 'python' && language !== 'ruby') break;
  }
  return end;
}

/** A template filled in at run time (`"git log {}".format(n)`, `"rm %s" % p`): its text, each hole a run-time word. */
function filledTemplate(literal: string, rest: string): string | undefined {
  const text = literal.replace(/^[rRbBuUfF]*(['"])([\s\S]*)\1$/, '$2');
  if (/^\.\s*format\s*\(/.test(rest)) return text.replace(/\{[^{}]{0,64}\}/g, RUNTIME_VALUE_WORD);
  if (/^%/.test(rest))
    return text.replace(/%(?:\([^)]{0,64}\))?[-#0 +]*\d*(?:\.\d+)?[sdrifxXeEgGc]/g, RUNTIME_VALUE_WORD);
  return undefined;
}

/**
 * How a call's command (or program) argument reads: `read` when the reader reads it elsewhere (a literal, a literal
 * joined to more, a list literal, a name), shell text when it is a template, `computed` when only run time knows it.
 */
function commandArgument(expr: string, language: string, code: string): 'read' | 'computed' | { shell: string } {
  // Python's `args=` keyword and Ruby's splat (`*%w[git status]`) hold the command as its own argument does.
  expr = expr.replace(/^args\s*=\s*/, '').replace(/^\*(?=%w|\[)/, '');
  if (!expr || isName(expr, language) || /^%w[[(]/.test(expr)) return 'read';
  // A list held by a name the reader resolves, joined to a list written out (`base + ["-x"]`): as main reads it.
  const joined = /^([A-Za-z_]\w*)\s*\+\s*\[[^\]]*\]$/.exec(expr);
  if (joined && valuesOf(code, joined[1], language)?.every((v) => v.startsWith('['))) return 'read';
  const end = literalsEnd(expr, language);
  if (end !== -1) {
    const rest = expr.slice(end).trim();
    // Joined to more (`"rm -rf " + x`, PHP's and Perl's `.`): read with its parts; split into its words likewise.
    if (!rest || /^\+/.test(rest) || /^\.\s*split\s*\(\s*(?:['"] ['"])?\s*\)$/.test(rest)) return 'read';
    if ((language === 'php' || language === 'perl') && rest.startsWith('.')) return 'read';
    const filled = filledTemplate(expr.slice(0, end), rest);
    return filled === undefined ? 'computed' : { shell: filled };
  }
  if (/^shlex\s*\.\s*split\s*\(\s*(['"])[^'"\\]*\1\s*\)$/.test(expr)) return 'read';
  if (expr.startsWith('[')) {
    const close = topLevelIndex(expr, 1, MAX_ARGUMENT, (c) => c === ']');
    const rest = expr.slice(close + 1).trim();
    // A list joined to a list written out is still read; joined to anything else its tail is known at run time.
    return !rest || /^\+\s*\[[^\]]*\]$/.test(rest) ? 'read' : 'computed';
  }
  return 'computed';
}

/**
 * Whether the arguments after a written program are a list known only at run time: Node's and PHP's list argument
 * (`process.argv.slice(2)`, `$argv`), Ruby's splat and Perl's array (`*ARGV`, `@ARGV`). Options, callbacks, literal
 * lists and names bound to literals are read as main reads them.
 */
function argumentsComputed(args: readonly string[], code: string, language: string): boolean {
  const lists =
    language === 'node' || language === 'php'
      ? args.slice(0, 1)
      : args.filter((a) => /^[*@]/.test(a)).map((a) => a.replace(/^\*/, ''));
  for (const list of lists) {
    if (!list || /^(?:[[{'"`(]|array\s*\(|function\b|async\b)/.test(list) || list.includes('=>')) continue;
    if (isName(list, language) && valuesOf(code, list, language) !== undefined) continue;
    return true;
  }
  return false;
}

/**
 * Reads into `reading` the shell calls of `code` whose command is an expression known only at run time: a run-time
 * word, as for `sh -c "$CMD"`, or a template's text with its holes run-time words.
 */
export function readShellExprs(language: string, code: string, reading: CodeReading): void {
  const pattern = own(CALLS, language);
  if (!pattern) return;
  let count = 0;
  let computed = false;
  for (const m of code.matchAll(pattern)) {
    if (count++ >= MAX_CALLS) {
      computed = true;
      break;
    }
    const [, receiver, fn, open] = m;
    if (!runsCommand(language, code, receiver || undefined, fn)) continue;
    const args = argumentsOf(code, m.index + m[0].length, !open.includes('('));
    const read = commandArgument(args[0] ?? '', language, code);
    if (read === 'computed') computed = true;
    else if (read !== 'read') reading.shell.push(read.shell);
    else if (own(PROGRAM_THEN_ARGS, language)?.test(fn) && STRING_LITERAL.exec(args[0])?.[0] === args[0])
      computed ||= argumentsComputed(args.slice(1), code, language);
  }
  if (language === 'ruby') readRubyInterpolations(code, reading);
  // As `sh -c "$CMD"`: a command known only at run time (packs/unknown.ts asks about it).
  if (computed) reading.shell.push(RUNTIME_VALUE_WORD);
}

// Ruby's backticks and %x run their text with each `#{…}` filled in at run time; a shell reading `#{x}` as written
// would take it for a comment. A whole `#{name}` is read through the name (codeShellNames.ts).
const RUBY_SHELL_TEXT = /`([^`]{0,4096})`|%x\{([^}]{0,4096})\}|%x\(([^)]{0,4096})\)/g;
const RUBY_INTERPOLATION = /#\{[^{}]{0,200}\}/g;

function readRubyInterpolations(code: string, reading: CodeReading): void {
  if (!code.includes('#{')) return;
  let count = 0;
  for (const m of code.matchAll(RUBY_SHELL_TEXT)) {
    if (count++ >= MAX_CALLS) break;
    const text = m[1] ?? m[2] ?? m[3] ?? '';
    if (!text.includes('#{') || /^#\{[a-z_]\w*\}$/.test(text)) continue;
    reading.shell.push(text.replace(RUBY_INTERPOLATION, RUNTIME_VALUE_WORD));
  }
}
