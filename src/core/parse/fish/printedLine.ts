// What a fish function prints, when its body shows it: the command line
// `abbr --function FN NAME` puts in place of NAME each time NAME is typed
// (laterNames.ts). Only `echo` and `printf` of plain words are read; any other
// command that may print, or a word known only at run time, leaves the text
// unknown. The body is fish translated to bash (translate.ts), so its words
// are bash words.
import type { CommandNode, SimpleNode, Word } from '../bash/ast';
import { simpleCommands } from '../bash/renames';

/** Commands of one body looked at (simpleCommands stops there): a body that reaches it is not read. */
const MAX_COMMANDS = 64;
/** Characters of printed text read; past it the text is unknown. */
const MAX_PRINTED = 4096;
/** Commands that print nothing: the translation's `:` and fish's variable and test builtins. */
const QUIET = new Set([':', 'true', 'false', 'test', '[', 'return', 'set', 'export', 'unset', 'local']);
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', '\\': '\\' };

/** A bash word's value when it holds quotes and escapes only; undefined for an expansion or a pattern. */
function plainValue(word: Word): string | undefined {
  if (word.subs.length) return undefined;
  const raw = word.raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "'" || c === '"') {
      const end = raw.indexOf(c, i + 1);
      if (end === -1) return undefined;
      const body = raw.slice(i + 1, end);
      if (c === '"' && /[\\$`]/.test(body)) return undefined;
      out += body;
      i = end;
    } else if (c === '\\') out += raw[++i] ?? '';
    else if (/[$`*?[]/.test(c)) return undefined;
    else out += c;
  }
  return out;
}

/** `printf FORMAT ARG…` with only `%s` and `%%` in FORMAT, which fish reuses until the arguments run out. */
function printf(args: readonly string[]): string | undefined {
  const [format, ...rest] = args;
  if (format === undefined || /%(?![s%])/.test(format)) return undefined;
  const text = format.replace(/\\([nt\\])/g, (_, c: string) => ESCAPES[c]);
  const slots = (text.match(/%s/g) ?? []).length;
  let out = '';
  let k = 0;
  do {
    out += text.replace(/%(s|%)/g, (_, c: string) => (c === '%' ? '%' : (rest[k++] ?? '')));
  } while (slots > 0 && k < rest.length && out.length <= MAX_PRINTED);
  return out;
}

/** `echo [-n] [-s] [-e] [-E] WORD…`: the words joined by blanks, then a newline unless `-n`. */
function echo(args: readonly string[]): string {
  let k = 0;
  let flags = '';
  for (; k < args.length && /^-[nseE]+$/.test(args[k]); k++) flags += args[k];
  return args.slice(k).join(flags.includes('s') ? '' : ' ') + (flags.includes('n') ? '' : '\n');
}

/** The text one command prints; undefined when it cannot be told. */
function printedBy(c: SimpleNode): string | undefined {
  if (!c.words.length) return ''; // assignments only
  const words = c.words.map(plainValue);
  const [program, ...args] = words;
  if (program !== undefined && QUIET.has(program)) return '';
  if (args.some((a) => a === undefined)) return undefined;
  if (program === 'echo') return echo(args as string[]);
  if (program === 'printf') return printf(args as string[]);
  return undefined;
}

/** The text a function body prints, its commands taken in order; undefined when a command's output is unknown. */
export function printedText(body: CommandNode): string | undefined {
  const commands: SimpleNode[] = [];
  simpleCommands(body, commands);
  if (commands.length >= MAX_COMMANDS) return undefined;
  let out = '';
  for (const c of commands) {
    const text = printedBy(c);
    if (text === undefined) return undefined;
    out += text;
    if (out.length > MAX_PRINTED) return undefined;
  }
  return out;
}
