// What an in-place edit makes of a file: `sed -i 's/npm test/curl x | sh/'
// ci.yml` plants a step as surely as an Edit does, and its new text can be
// known before it runs — the file is read and the edit applied here. Only
// the common forms are applied (sed's s, a, i, c and d commands; perl -pi's
// s///); anything else is "unknown", and judged as a write whose content
// cannot be read.
import { positionals } from '../../command/args';
import { own } from '../../text/own';

/** Most commands of one script applied, and the largest file edited. */
const MAX_COMMANDS = 32;
const MAX_TEXT = 256 * 1024;

type Edit = (lines: string[]) => string[] | undefined;

/** POSIX classes in a bracket expression, as JavaScript spells them. */
const CLASSES: Record<string, string> = {
  space: '\\s',
  digit: '\\d',
  alpha: 'A-Za-z',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

/**
 * A pattern that can backtrack without end in JavaScript's engine: a
 * quantified group with a quantifier or an alternation inside (`(a+)+`,
 * `(a|aa)*`). The agent writes both the pattern and the file, so such an
 * edit is not applied here: its result is unknown, as for any script not read.
 */
function mayBacktrack(source: string): boolean {
  return /\)[*+?{]/.test(source) && /\([^)]*[*+{|]/.test(source);
}

/** A sed regular expression (basic, or extended with -E) as a JavaScript one; undefined when it cannot be said. */
export function sedRegExp(pattern: string, extended: boolean, flags: string): RegExp | undefined {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '[') {
      const end = pattern.indexOf(
        ']',
        i + (pattern[i + 1] === ']' ? 2 : pattern[i + 1] === '^' && pattern[i + 2] === ']' ? 3 : 1),
      );
      if (end < 0) return undefined;
      out += pattern.slice(i, end + 1).replace(/\[:(\w+):\]/g, (_m, n: string) => own(CLASSES, n) ?? '');
      i = end;
      continue;
    }
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i];
      // In a basic expression `\(`, `\)`, `\{`, `\}`, `\|`, `\+`, `\?` are the operators; in both, `\n` is a newline.
      if (!extended && '(){}|+?'.includes(n)) out += n;
      else if (n === 'n') out += '\\n';
      else out += `\\${n}`;
      continue;
    }
    // In a basic expression these are plain characters.
    if (!extended && '(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  if (mayBacktrack(out)) return undefined;
  try {
    return new RegExp(out, flags);
  } catch {
    return undefined;
  }
}

/** sed's replacement: `&` the match, `\1`… groups, `\n` a newline; as a function so `$` stays literal. */
function sedReplacement(text: string): (match: string, ...groups: unknown[]) => string {
  return (match, ...groups) =>
    text.replace(/\\(.)|&/g, (m, esc: string | undefined) => {
      if (m === '&') return match;
      if (esc === 'n') return '\n';
      if (esc !== undefined && /[1-9]/.test(esc)) return String(groups[Number(esc) - 1] ?? '');
      return esc ?? m;
    });
}

/** Reads `s<d>PATTERN<d>REPLACEMENT<d>FLAGS` from `script` at `at`: the edit and where the next command starts. */
function substitution(
  script: string,
  at: number,
  extended: boolean,
  perl: boolean,
): { edit: Edit; next: number } | undefined {
  const open = script[at + 1];
  if (!open || /[\s\w\\]/.test(open)) return undefined;
  const close = ({ '{': '}', '(': ')', '[': ']', '<': '>' } as Record<string, string>)[open];
  const parts: string[] = [];
  let i = at + 2;
  let current = '';
  // perl's bracketed form: `s{a}{b}`; otherwise three delimiters.
  const ends = close ? [close, close] : [open, open];
  while (parts.length < 2 && i < script.length) {
    const c = script[i];
    if (c === '\\' && i + 1 < script.length) {
      current += script[i + 1] === ends[parts.length] ? script[i + 1] : c + script[i + 1];
      i += 2;
      continue;
    }
    if (c === ends[parts.length]) {
      parts.push(current);
      current = '';
      i++;
      if (close && parts.length === 1) {
        while (/\s/.test(script[i] ?? '')) i++;
        if (script[i] !== open) return undefined;
        i++;
      }
      continue;
    }
    current += c;
    i++;
  }
  if (parts.length < 2) return undefined;
  const flagText = /^[a-zA-Z0-9]*/.exec(script.slice(i))![0];
  i += flagText.length;
  const re = perl
    ? tryRegExp(parts[0], flagText)
    : sedRegExp(parts[0], extended, (flagText.includes('g') ? 'g' : '') + (/[Ii]/.test(flagText) ? 'i' : ''));
  if (!re) return undefined;
  const replace = perl ? perlReplacement(parts[1]) : sedReplacement(parts[1]);
  return { edit: (lines) => lines.map((l) => l.replace(re, replace)), next: i };
}

function tryRegExp(source: string, flags: string): RegExp | undefined {
  if (mayBacktrack(source)) return undefined;
  try {
    return new RegExp(
      source,
      (flags.includes('g') ? 'g' : '') +
        (flags.includes('i') ? 'i' : '') +
        (flags.includes('m') ? 'm' : '') +
        (flags.includes('s') ? 's' : ''),
    );
  } catch {
    return undefined;
  }
}

function perlReplacement(text: string): (match: string, ...groups: unknown[]) => string {
  return (match, ...groups) =>
    text.replace(
      /\\n|\$(\d)|\$&|\\(\d)|\\(.)/g,
      (m, g1: string | undefined, g2: string | undefined, esc: string | undefined) => {
        if (m === '\\n') return '\n';
        if (m === '$&') return match;
        const g = g1 ?? g2;
        if (g !== undefined) return String(groups[Number(g) - 1] ?? '');
        return esc ?? m;
      },
    );
}

/** One sed script applied to the lines: undefined when a command is not one read here. */
function applySed(script: string, lines: string[], extended: boolean): string[] | undefined {
  let out = lines;
  let i = 0;
  for (let n = 0; n < MAX_COMMANDS; n++) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) return out;
    // An address (line number, `$` or /re/, or a range of them) only narrows where the edit applies: apply it everywhere.
    const addr = /^(?:\d+|\$|\/(?:[^/\\]|\\.)*\/)(?:\s*,\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/))?\s*!?\s*/.exec(
      script.slice(i),
    );
    if (addr) i += addr[0].length;
    const cmd = script[i];
    if (cmd === 's') {
      const s = substitution(script, i, extended, false);
      if (!s) return undefined;
      const next = s.edit(out);
      if (!next) return undefined;
      out = next;
      i = s.next;
      continue;
    }
    if (cmd === 'a' || cmd === 'i' || cmd === 'c') {
      // `a TEXT` or `a\` NEWLINE `TEXT`: the text runs to the end of its line. `c` keeps the old lines here: only what is added counts.
      let j = i + 1;
      if (script[j] === '\\') j += script[j + 1] === '\n' ? 2 : 1;
      while (script[j] === ' ' || script[j] === '\t') j++;
      const nl = script.indexOf('\n', j);
      const end = nl < 0 ? script.length : nl;
      const text = script.slice(j, end);
      i = end;
      out = cmd === 'i' ? [text, ...out] : [...out, text];
      continue;
    }
    if (cmd === 'd') {
      i++;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** The file's new text after `sed -i …` or `perl -pi -e …`, or undefined when the edit is not one read here. */
export function inPlaceResult(argv: readonly string[], before: string | undefined): string | undefined {
  if (before === undefined || before.length > MAX_TEXT) return undefined;
  const lines = before.split('\n');
  const name = argv[0];
  if (name === 'sed' || name === 'gsed') {
    const extended = argv.some(
      (a) => a === '-E' || a === '-r' || a === '--regexp-extended' || /^-[a-zA-Z]*[Er][a-zA-Z]*$/.test(a),
    );
    const scripts: string[] = [];
    for (let k = 1; k < argv.length; k++) {
      if (argv[k] === '-e' || argv[k] === '--expression') scripts.push(argv[++k] ?? '');
      else if (argv[k].startsWith('--expression=')) scripts.push(argv[k].slice(13));
      else if (argv[k] === '-f' || argv[k] === '--file') return undefined;
    }
    if (!scripts.length) {
      const pos = positionals(argv, ['-l', '--line-length']);
      if (pos[0] === undefined) return undefined;
      scripts.push(pos[0]);
    }
    let out: string[] | undefined = lines;
    for (const s of scripts) {
      out = out && applySed(s, out, extended);
    }
    return out?.join('\n');
  }
  if (name === 'perl') {
    const e = argv.findIndex((a) => a === '-e' || a === '-E' || /^-[a-zA-Z0-9]*[eE]$/.test(a));
    const code = e > 0 ? argv[e + 1] : undefined;
    if (code === undefined) return undefined;
    let out = lines;
    let i = 0;
    for (let n = 0; n < MAX_COMMANDS; n++) {
      while (i < code.length && /[\s;]/.test(code[i])) i++;
      if (i >= code.length) return out.join('\n');
      if (code[i] !== 's') return undefined;
      const s = substitution(code, i, true, true);
      if (!s) return undefined;
      out = s.edit(out) ?? out;
      i = s.next;
    }
  }
  return undefined;
}
