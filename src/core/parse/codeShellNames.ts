// A shell-out whose command sits in a name (`c = "rm -rf ~/x"; os.system(c)`,
// `cmd = ["pytest", "-q"]; subprocess.run(cmd)`, `my $c = "…"; system($c)`):
// the call is read once for each value the name is given, written in place,
// so the reader (interpreters.ts readCode) judges it as if it were spelled
// out. A name whose value the code computes, takes from elsewhere (a
// parameter, a loop over something unread, a tuple) or rebinds in a way not
// read here holds a command known only at run time, as `sh -c "$CMD"` does.
import { topLevelIndex } from './codeScan';
import type { CodeReading } from './codeReading';
import { RUNTIME_VALUE_WORD } from './dynamic';
import { mergeReading } from './literalJoin';
import { own } from '../text/own';

type Language = string;

/** Bounds: calls through a name read in one piece of code, values one name takes, characters of one value. */
const MAX_CALLS = 32;
const MAX_VALUES = 8;
const MAX_VALUE = 2048;

// Calls that run their first argument as a command or a program (and its arguments), by language. Only calls
// certain to run one are read: `cursor.execute(sql)`, `re.exec(line)` or `asyncio.run(main)` take a name too.
const CALLS: Readonly<Record<string, RegExp>> = {
  python:
    /(?<![\w.])((?:([A-Za-z_]\w*)\s*\.\s*)?(system|popen|run|call|check_call|check_output|Popen|getoutput|getstatusoutput))\s*\(\s*([A-Za-z_]\w*)\s*(?=[,)])/g,
  node: /(?<![\w$.])((?:(require\s*\(\s*['"](?:node:)?child_process['"]\s*\)|[A-Za-z_$][\w$]*)\s*\.\s*)?(execSync|exec|execFile|execFileSync|spawn|spawnSync))\s*\(\s*([A-Za-z_$][\w$]*)\s*(?=[,)])/g,
  ruby: /(?<![\w.:$@])((?:(IO|Open3|Kernel|Process)\s*\.\s*)?(system|exec|spawn|popen|popen2e?|popen3|capture2e?|capture3))(?:\s*\(\s*|[ \t]+)\*?([a-z_]\w*)\s*(?=[,)\n;]|$)|[`]#\{([a-z_]\w*)\}[`]|%x[({]#\{([a-z_]\w*)\}[)}]/g,
  perl: /(?<![\w$>:])((system|exec))\b(?:\s*\(\s*|[ \t]+)([$@][A-Za-z_]\w*)\s*(?=[,)\n;]|$)/g,
  php: /(?<![\w$>:])((shell_exec|system|exec|passthru|popen|proc_open|pcntl_exec))\s*\(\s*(\$[A-Za-z_]\w*)\s*(?=[,)])/g,
};

/** Python's functions of os and subprocess that run a command: which module each belongs to. */
const PYTHON_MODULE: Readonly<Record<string, string>> = {
  system: 'os',
  popen: 'os',
  run: 'subprocess',
  call: 'subprocess',
  check_call: 'subprocess',
  check_output: 'subprocess',
  Popen: 'subprocess',
  getoutput: 'subprocess',
  getstatusoutput: 'subprocess',
};

const escapeName = (name: string): string => name.replace(/[$@]/g, (c) => `\\${c}`);

/** Whether the call at a match is one of the module's that runs a command, not a method of the same name. */
export function runsCommand(language: Language, code: string, receiver: string | undefined, fn: string): boolean {
  if (language === 'python') {
    const module = own(PYTHON_MODULE, fn);
    if (receiver) return receiver === module || new RegExp(`\\bimport\\s+${module}\\s+as\\s+${receiver}\\b`).test(code);
    return new RegExp(`\\bfrom\\s+${module}\\s+import\\b[^\\n;]*\\b${fn}\\b`).test(code);
  }
  if (language === 'node') {
    if (!code.includes('child_process')) return false;
    if (!receiver || receiver.startsWith('require')) return true;
    // `cp.exec(c)` on the module; a regular expression's `.exec(line)` is no shell-out.
    const module = String.raw`(?:require|import)\s*\(\s*['"\x60](?:node:)?child_process['"\x60]\s*\)|from\s*['"](?:node:)?child_process['"]`;
    return (
      receiver === 'child_process' ||
      new RegExp(
        String.raw`\b${escapeName(receiver)}\s*(?:=\s*(?:await\s+)?${module}|from\s*['"](?:node:)?child_process['"])`,
      ).test(code)
    );
  }
  if (language === 'ruby' && receiver) return receiver !== 'Open3' || /^(?:popen[23]e?|capture[23]e?)$/.test(fn);
  return true;
}

/** The expression bound at `from` up to the end of its statement (brackets may span lines). */
function valueAt(code: string, from: number, language: Language, argument: boolean): string {
  const comment = language === 'python' || language === 'ruby' || language === 'perl' ? '#' : '';
  const end = topLevelIndex(
    code,
    from,
    MAX_VALUE + 1,
    (c, i) =>
      c === ';' ||
      c === '\n' ||
      c === comment ||
      (c === '/' && code[i + 1] === '/' && !comment) ||
      (argument && c === ')'),
  );
  return end - from > MAX_VALUE ? '' : code.slice(from, end).trim();
}

export const STRING_LITERAL =
  /^(?:[rRbBuU]?[fF]?[rRbB]?)(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)/s;

/** A list written over lines as one line: its comments dropped, the line breaks spaces. */
function flatten(expr: string, language: Language): string {
  if (!expr.includes('\n')) return expr;
  const hash = language === 'python' || language === 'ruby' || language === 'perl';
  let out = '';
  let quote = '';
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') out += expr[i++];
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if ((hash && c === '#') || (!hash && c === '/' && expr[i + 1] === '/')) {
      const end = expr.indexOf('\n', i);
      i = (end === -1 ? expr.length : end) - 1;
      continue;
    }
    out += c === '\n' ? ' ' : c;
  }
  return out;
}

/** A value as code the reader reads in a call: a literal, or one joined to more; undefined when computed. */
function readable(expr: string, language: Language): string | undefined {
  // `shlex.split("…")`, `"…".split()`: the same words.
  const split =
    /^shlex\s*\.\s*split\s*\(\s*([\s\S]*)\)$/.exec(expr)?.[1]?.trim() ?? expr.replace(/\.split\(\s*\)$/, '');
  const lit = STRING_LITERAL.exec(split);
  if (lit) {
    const rest = split.slice(lit[0].length).trim();
    const joins = language === 'php' || language === 'perl' ? /^\./ : /^\+/;
    return rest === '' || joins.test(rest) ? split : undefined;
  }
  // Ruby's `%w[rm -rf x]`: its words.
  const words = language === 'ruby' ? /^%w[[(]([^\])]*)[\])]$/.exec(expr)?.[1] : undefined;
  if (words !== undefined)
    return `[${words
      .trim()
      .split(/\s+/)
      .map((w) => `'${w}'`)
      .join(', ')}]`;
  // A list, or Perl's `(…)` held by an array; a list joined to more is that list and a value known at run time.
  expr = flatten(expr, language);
  const open = language === 'perl' && expr.startsWith('(') ? '(' : expr.startsWith('[') ? '[' : '';
  if (!open) return undefined;
  const close = topLevelIndex(expr, 1, MAX_VALUE, (c) => c === (open === '(' ? ')' : ']'));
  const inner = expr.slice(1, close).trim();
  const rest = expr.slice(close + 1).trim();
  if (rest && !rest.startsWith('+')) return undefined;
  return `[${[inner.replace(/,\s*$/, ''), rest ? '__run_time__' : ''].filter(Boolean).join(', ')}]`;
}

/** What `value` becomes after `how` (`+=`, `.append(`, `<<`…) adds `added` to it. */
function extend(value: string, added: string, language: Language): string {
  if (value.startsWith('[')) {
    const items = added.startsWith('[') && added.endsWith(']') ? added.slice(1, -1).trim() : added;
    return value.slice(0, -1).trim() === '[' ? `[${items}]` : `${value.slice(0, -1)}, ${items}]`;
  }
  // A string: a literal added joins as written; anything else is a word known at run time, not part of the program.
  const join = language === 'php' || language === 'perl' ? '.' : '+';
  if (STRING_LITERAL.exec(added)?.[0] === added) return `${value} ${join} ${added}`;
  // The word ends the literal (`"pytest " + x`): the program stays the literal's, as the reader reads a join.
  const plain = /^(['"])[^'"\\]*\1$/.test(value);
  return plain ? `${value.slice(0, -1)} ${value.slice(-1)} ${join} __run_time__` : `${value} ${join} __run_time__`;
}

/** The items of a list written `[a, b]` or `(a, b)`. */
function itemsOf(list: string): string[] {
  const close = topLevelIndex(list, 1, MAX_VALUE, (c) => c === ')' || c === ']');
  const items: string[] = [];
  for (let i = 1; i < close && items.length <= MAX_VALUES;) {
    const end = Math.min(
      close,
      topLevelIndex(list, i, MAX_VALUE, (c) => c === ',' || c === ')' || c === ']'),
    );
    const item = list.slice(i, end).trim();
    if (item) items.push(item);
    i = end + 1;
  }
  return items;
}

/**
 * A loop over a literal list, or a name bound to one (`for cmd in (["a"], ["b"]):`, `for (const c of steps)`): its
 * items, each a value; undefined when the name is no such loop's, no values when an item is unread.
 */
function loopValues(
  code: string,
  n: string,
  language: Language,
  depth: number,
): { values: string[]; at: number } | undefined {
  const loop =
    language === 'python'
      ? new RegExp(String.raw`\bfor\s+${n}\s+in\s*(?:(?=[\[(])|([A-Za-z_]\w*)\s*:)`).exec(code)
      : language === 'node'
        ? new RegExp(String.raw`\bfor\s*\(\s*(?:const|let|var)\s+${n}\s+of\s*(?:(?=\[)|([A-Za-z_$][\w$]*)\s*\))`).exec(
            code,
          )
        : null;
  if (!loop) return undefined;
  const unread = { values: [], at: -1 };
  const lists = loop[1]
    ? depth < 2
      ? valuesOf(code, loop[1], language, depth + 1)
      : undefined
    : [flatten(code.slice(loop.index + loop[0].length, loop.index + loop[0].length + MAX_VALUE), language)];
  if (!lists) return unread;
  const values: string[] = [];
  for (const list of lists) {
    if (!/^[[(]/.test(list)) return unread;
    for (const item of itemsOf(list)) {
      const value = readable(item, language);
      if (value === undefined || values.length >= MAX_VALUES) return unread;
      values.push(value);
    }
  }
  return values.length ? { values, at: loop.index } : unread;
}

/** The arguments of a call whose `(` is at `open`, as written. */
function argumentsAt(code: string, open: number): string[] {
  const args: string[] = [];
  for (let i = open + 1; i < code.length && args.length < 16;) {
    const end = topLevelIndex(code, i, MAX_VALUE, (c) => c === ',' || c === ')');
    const arg = code.slice(i, end).trim();
    if (arg) args.push(arg);
    if (code[end] !== ',') break;
    i = end + 1;
  }
  return args;
}

/**
 * A parameter of a function defined in the code (`def sh(cmd):`, `function run(c) {`): the arguments its calls pass,
 * each a value; undefined when the name is no such parameter, no values when one call passes something unread.
 */
function parameterValues(code: string, n: string, language: Language): { values: string[]; def: string } | undefined {
  const def = new RegExp(String.raw`\b(?:def|function)\s+([A-Za-z_$][\w$]*)\s*\(([^()\n]{0,200})\)`, 'g');
  let d: RegExpExecArray | null;
  let found: RegExpExecArray | undefined;
  while ((d = def.exec(code))) {
    const params = d[2].split(',').map((p) => p.trim().replace(/^[*&]+|\s*[:=][\s\S]*$/g, ''));
    if (!params.includes(n.replace(/\\/g, ''))) continue;
    if (found) return { values: [], def: '' };
    found = d;
  }
  if (!found) return undefined;
  const [whole, fn, list] = found;
  const params = list.split(',').map((p) => p.trim());
  const at = params.findIndex((p) => p.replace(/^[*&]+|\s*[:=][\s\S]*$/g, '') === n.replace(/\\/g, ''));
  const method = /^(?:self|cls)$/.test(params[0] ?? '') ? 1 : 0;
  const use = new RegExp(
    String.raw`(?:(?<![\w$.])|(?<=(?<![\w$.])(?:self|this|cls)\.))${escapeName(fn)}\b(\s*\()?`,
    'g',
  );
  const values: string[] = [];
  let u: RegExpExecArray | null;
  let uses = 0;
  while ((u = use.exec(code))) {
    if (u.index > found.index && u.index < found.index + whole.length) continue;
    // Passed on as a value (`map(sh, cmds)`), or called past the bound: what it gets is unread.
    if (!u[1] || ++uses > MAX_VALUES) return { values: [], def: whole };
    const args = argumentsAt(code, u.index + u[0].length - 1);
    const keyword = args.find((a) => new RegExp(String.raw`^${n}\s*=[^=]`).test(a));
    const arg = keyword ? keyword.replace(/^[^=]*=\s*/, '') : args[at - (code[u.index - 1] === '.' ? method : 0)];
    const fallback = /=\s*([\s\S]+)$/.exec(params[at])?.[1];
    const value = arg ?? fallback;
    const read = value === undefined || /^\w+\s*=[^=]/.test(value) ? undefined : readable(value, language);
    if (read === undefined) return { values: [], def: whole };
    values.push(read);
  }
  return { values, def: whole };
}

/** Each value `name` may hold where the code runs it, or undefined when one is known only at run time. */
export function valuesOf(code: string, name: string, language: Language, depth = 0): string[] | undefined {
  const n = escapeName(name);
  const loop = loopValues(code, n, language, depth);
  if (loop && loop.at < 0) return undefined;
  const parameter = parameterValues(code, n, language);
  if (parameter && !parameter.values.length) return undefined;
  // The loop or the definition read above binds the name; any other binding is looked for without it.
  let rest = loop ? code.slice(0, loop.at) + code.slice(loop.at + 3) : code;
  if (parameter) rest = rest.replace(parameter.def, '');
  // Bound some other way: a tuple or destructuring, an item, a loop, `as`, a function's or a block's parameter.
  const elsewhere = new RegExp(
    String.raw`(?:^|[;\n{])[ \t]*(?:(?:const|let|var|my|our|local)\s+)?(?:list\s*)?[\[({]?[ \t]*(?:[\w$@*]+[ \t]*,[ \t]*)*${n}[ \t]*(?:,[ \t]*[\w$@*]*[ \t]*)*[\])}]?[ \t]*=(?![=>])` +
      String.raw`|(?<![\w.$@])${n}\s*\[[^\]\n]{0,100}\]\s*=(?![=>])|\b(?:push|unshift|splice)\s*\(?\s*${n}\b` +
      String.raw`|\b(?:for|foreach)\s*\(?\s*(?:(?:const|let|var|my|our)\s+)?(?:[\[({]\s*)?(?:[\w$@]+\s*,\s*){0,16}${n}\b|\bas\s+${n}\b|${n}\s*:=` +
      String.raw`|\b(?:def|function|sub|lambda|global|nonlocal)\b[^\n:{]{0,200}(?<![\w$@.])${n}\b|(?<![\w$@.])${n}\s*\)?\s*=>` +
      (language === 'ruby' ? String.raw`|\|[\w\s,*]{0,200}\b${n}\b[\w\s,*]{0,200}\|` : ''),
    'g',
  );
  let e: RegExpExecArray | null;
  let looked = 0;
  while ((e = elsewhere.exec(rest)) && looked++ < MAX_VALUES * 4) {
    // A plain `name = …` is read below; a comma or a bracket before the `=` makes it a tuple or destructuring.
    if (!/^[;\n{]?\s*(?:(?:const|let|var|my|our|local)\s+)?[\w$@]+\s*=$/.test(e[0])) return undefined;
  }
  if (looked > MAX_VALUES * 4) return undefined;
  const binding = new RegExp(
    String.raw`(?<![\w.$@])(?:(?:const|let|var|my|our|local)\s+)?${n}\s*(=(?![=~>])|\+=|\.=|<<|\.\s*(?:append|extend|push)\s*\()\s*`,
    'g',
  );
  let values: string[] = [...(loop?.values ?? []), ...(parameter?.values ?? [])];
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = binding.exec(code))) {
    if (++seen > MAX_VALUES * 2) return undefined;
    const expr = valueAt(code, m.index + m[0].length, language, m[1].endsWith('('));
    if (m[1] === '=') {
      const value = readable(expr, language);
      if (value === undefined) return undefined;
      values.push(value);
    } else {
      // Added to after it was bound: each value so far grows (an `if` that adds or not is read as adding).
      if (!values.length || !expr) return undefined;
      values = values.map((v) => extend(v, expr, language));
    }
  }
  return values.length && values.length <= MAX_VALUES ? values : undefined;
}

/**
 * Reads into `reading` the shell calls of `code` that run a name: each call with a value the name holds written in
 * place, read by `read`; a name holding a value known only at run time runs a command nobody can read before it runs.
 */
export function readShellNames(
  language: Language,
  code: string,
  reading: CodeReading,
  read: (call: string) => CodeReading,
): void {
  const pattern = own(CALLS, language);
  if (!pattern) return;
  let count = 0;
  let unknown = false;
  // matchAll reads with a copy of the pattern: `read` reads code with it too.
  for (const m of code.matchAll(pattern)) {
    if (count++ >= MAX_CALLS) break;
    // Ruby's `#{c}` in backticks or %x runs c as a shell command, as `system(c)` does.
    const quoted = language === 'ruby' ? (m[5] ?? m[6]) : undefined;
    const [callee, receiver, fn, name] = quoted
      ? ['system', undefined, 'system', quoted]
      : language === 'perl' || language === 'php'
        ? [m[1], undefined, m[2], m[3]]
        : [m[1], m[2], m[3], m[4]];
    if (!runsCommand(language, code, receiver, fn)) continue;
    const values = valuesOf(code, name, language);
    if (!values) {
      unknown = true;
      continue;
    }
    // The call's other arguments (`check=True`, `shell=True`, `{stdio: "inherit"}`) stay as written.
    const after = m.index + m[0].length;
    const close = quoted ? after : topLevelIndex(code, after, MAX_VALUE, (c) => c === ')' || c === '\n' || c === ';');
    const rest = code.slice(after, close);
    const target = /^(?:IO|Open3|Kernel|Process)/.test(callee) ? 'system' : callee;
    for (const value of values) mergeReading(reading, read(`${target}(${value}${rest})`));
  }
  // As `sh -c "$CMD"`: a command known only at run time (packs/unknown.ts asks about it).
  if (unknown || count > MAX_CALLS) reading.shell.push(RUNTIME_VALUE_WORD);
}
