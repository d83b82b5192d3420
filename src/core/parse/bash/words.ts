// Quote removal and expansion of words, on shell-quote. Known variables are
// substituted; unknown ones stay as written (`$FOO`) and mark the word
// dynamic, so packs can tell "rm -rf $UNKNOWN" from "rm -rf build".
import { parse as shellQuoteParse } from 'shell-quote';
import { PLACEHOLDER, type Word } from './ast';
import { arrayKey, ARRAY_SEP, UNKNOWN } from '../dynamic';
export { UNKNOWN } from '../dynamic';

export interface Expanded {
  value: string;
  dynamic: boolean;
  /** An unquoted glob the shell expands against the file system. */
  glob?: boolean;
}

export type VariableLookup = (name: string) => string | undefined;

/** Static values of substitutions (`$(which rm)` → `rm`), index-aligned with Word.subs; undefined = unknown. */
export type SubstitutionValues = ReadonlyArray<string | undefined>;

// Words made only of these characters need no quote removal and no expansion.
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]*$/;
// Plain characters and quotes with nothing to expand inside (`'rm -rf /'`, `"fix: typo"`, `--name='x y'`):
// removing the quotes is all the shell does, so shell-quote (a few µs a call) is not needed.
// One plain character per repetition (not `[…]+`): a nested quantifier would backtrack exponentially.
const QUOTED_LITERAL = /^(?:[A-Za-z0-9_@%+=:,./-]|'[^']*'|"[^"\\$`!]*")+$/;
const QUOTES = /'([^']*)'|"([^"]*)"/g;

const CASE_OP = /^([A-Za-z_][A-Za-z0-9_]*)(,,|\^\^|,|\^)$/;
// ${VAR%.js} ${VAR#src/}: a literal suffix or prefix removed (the pattern forms are not computed).
const TRIM_OP = /^([A-Za-z_][A-Za-z0-9_]*)(%%?|##?)([^*?[\]$`\\'"{}~]+)$/;

/** `${VAR%lit}`, `${VAR#lit}` of a known value: one that does not end (start) with it is left unknown, as a glob value may. */
function trimmed(value: string | undefined, op: string, lit: string): string | undefined {
  if (value === undefined || value.includes(UNKNOWN)) return undefined;
  if (op.startsWith('%')) return value.endsWith(lit) ? value.slice(0, value.length - lit.length) : undefined;
  return value.startsWith(lit) ? value.slice(lit.length) : undefined;
}
const PARAM_OP = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[*@#?$!-])(?:(:?[-=])(.*))?$/s;

function lookupProxy(lookup: VariableLookup): Record<string, string> {
  return new Proxy(Object.create(null) as Record<string, string>, {
    get(_target, key): string {
      const k = String(key);
      const m = PARAM_OP.exec(k);
      if (m) {
        const value = lookup(m[1]);
        if (!m[2]) return value ?? `${UNKNOWN}$${k}${UNKNOWN}`;
        // ${VAR:-default}: the default applies when unset (or empty, with the colon).
        if (value === undefined || (m[2].startsWith(':') && value === '')) {
          // A default that itself expands (`${x:-${y:-rm}}`) is not read further: unknown.
          return /[$`\\]/.test(m[3]) ? `${UNKNOWN}\${${k}}${UNKNOWN}` : m[3];
        }
        return value;
      }
      // ${VAR,,} ${VAR^^} ${VAR,} ${VAR^}: case changes of a known value.
      const c = CASE_OP.exec(k);
      if (c) {
        const value = lookup(c[1]);
        if (value !== undefined && !value.includes(UNKNOWN)) {
          if (c[2] === ',,') return value.toLowerCase();
          if (c[2] === '^^') return value.toUpperCase();
          if (c[2] === ',') return value.slice(0, 1).toLowerCase() + value.slice(1);
          return value.slice(0, 1).toUpperCase() + value.slice(1);
        }
      }
      const t = TRIM_OP.exec(k);
      const cut = t ? trimmed(lookup(t[1]), t[2], t[3]) : undefined;
      if (cut !== undefined) return cut;
      // `${a[*]}`, `${a[0]}` of an array known only at run time (`mapfile a < FILE`): what it was read from.
      // A scalar is its own element 0 (`k=$(< .env); "${k[*]}"`).
      const element = /^([A-Za-z_][A-Za-z0-9_]*)\[([^\]]*)\]$/.exec(k);
      const array = element
        ? (lookup(arrayKey(element[1])) ?? (/^(?:0|\*|@)$/.test(element[2]) ? lookup(element[1]) : undefined))
        : undefined;
      if (array?.includes(UNKNOWN)) return array;
      // `${a[1]}`, `${BASH_SOURCE[0]}` of an array known before the line runs: that element.
      const known = array !== undefined && element && /^\d{1,4}$/.test(element[2]) ? array.split(ARRAY_SEP) : undefined;
      if (known && Number(element![2]) < known.length) return known[Number(element![2])];
      // ${#VAR}, ${VAR%*.js}, ${VAR/a/b}, …: value not worth computing.
      return `${UNKNOWN}\${${k}}${UNKNOWN}`;
    },
  });
}

/** Whether the word expands a variable outside quotes, where the shell splits the value into words. */
function hasUnquotedExpansion(raw: string): boolean {
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '$' && raw[i + 1] !== "'") return true;
  }
  return false;
}

// The shell's default field separators, for `$IFS` when the environment does not set it.
const DEFAULT_IFS = ' \t\n';

/**
 * Expands the words of one simple command at once (one shell-quote call).
 * With `split`, an unquoted expansion whose value holds blanks becomes several
 * words, as the shell does (`cmd="rm -rf"; $cmd x`, `rm${IFS}-rf`), and one
 * that is empty disappears. Returns undefined if shell-quote's reading
 * disagrees with the parser's word boundaries (the caller treats that as
 * unparseable).
 */
export function expandWords(
  words: readonly Word[],
  lookup: VariableLookup,
  subValues: readonly SubstitutionValues[],
  home: string,
  split = false,
): Expanded[] | undefined {
  const out: Expanded[] = new Array(words.length);
  const complex: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.subs.length === 0 && PLAIN_WORD.test(w.raw)) out[i] = { value: w.raw, dynamic: false };
    else if (w.subs.length === 0 && QUOTED_LITERAL.test(w.raw))
      out[i] = { value: w.raw.replace(QUOTES, '$1$2'), dynamic: false };
    else if (w.raw[0] === '~' && w.subs.length === 0 && PLAIN_WORD.test(w.raw.slice(1)))
      out[i] = folderTilde(w.raw, lookup) ?? { value: expandTilde(w.raw, home), dynamic: false };
    else complex.push(i);
  }
  if (complex.length === 0) return out;

  const text = complex.map((i) => words[i].raw).join(' ');
  const ifs = lookup('IFS') ?? DEFAULT_IFS;
  const env = lookupProxy((name) => lookup(name) ?? (name === 'IFS' ? DEFAULT_IFS : undefined));
  let tokens: ReturnType<typeof shellQuoteParse>;
  try {
    tokens = shellQuoteParse(text, env);
  } catch {
    return undefined;
  }
  if (tokens.length !== complex.length) return undefined;
  for (let k = 0; k < complex.length; k++) {
    const i = complex[k];
    const t = tokens[k];
    let value: string;
    let glob = false;
    if (typeof t === 'string') {
      value = t;
      // shell-quote reads `*` and `?` as globs, not brackets (`r[m]`).
      glob = value.includes('[') && unquotedBracket(words[i].raw);
    } else if ('pattern' in t) {
      value = t.pattern;
      glob = true;
    } else return undefined;
    let dynamic = false;
    if (value.includes(UNKNOWN)) {
      dynamic = true;
      value = value.split(UNKNOWN).join('');
    }
    if (value.includes(PLACEHOLDER)) {
      const subs = subValues[i] ?? [];
      value = value.replace(/\u0002(\d+)\u0002/g, (_m, n: string) => {
        const v = subs[Number(n)];
        if (v === undefined) {
          dynamic = true;
          const sub = words[i].subs[Number(n)];
          return sub.kind === 'arithmetic'
            ? `$((${sub.text}))`
            : sub.kind === 'command'
              ? `$(${sub.text})`
              : `<(${sub.text})`;
        }
        return v;
      });
    }
    if (words[i].raw[0] === '~') value = expandTilde(value, home);
    else if (ASSIGNMENT_WORD.test(words[i].raw)) value = assignmentTilde(words[i].raw, value, home);
    out[i] = glob ? { value, dynamic, glob } : { value, dynamic };
  }
  if (!split) return out;
  // Field splitting, only where it can change anything: an unquoted expansion that gave blanks or nothing.
  const result: Expanded[] = [];
  for (let i = 0; i < words.length; i++) {
    const e = out[i];
    // `IFS=,; c="git,push,-f"; $c` splits on the commas: the separators in scope decide.
    if (
      (e.value === '' || hasSeparator(e.value, ifs)) &&
      words[i].subs.length === 0 &&
      hasUnquotedExpansion(words[i].raw)
    ) {
      let parts: ReturnType<typeof shellQuoteParse>;
      try {
        parts = shellQuoteParse(words[i].raw, env, {
          splitUnquoted: ifs.includes(UNKNOWN) ? DEFAULT_IFS : ifs,
        } as never);
      } catch {
        return undefined;
      }
      for (const t of parts) {
        const v = typeof t === 'string' ? t : 'pattern' in t ? t.pattern : undefined;
        if (v === undefined) return undefined;
        result.push(
          v.includes(UNKNOWN) ? { value: v.split(UNKNOWN).join(''), dynamic: true } : { value: v, dynamic: e.dynamic },
        );
      }
      continue;
    }
    // `$(echo 'rm -rf /srv')` as the program: a known substitution outside quotes is split as a variable is.
    if (hasSeparator(e.value, ifs) && words[i].subs.length > 0) {
      const parts = splitSubstituted(words[i].raw, subValues[i] ?? [], lookup, ifs);
      if (parts === null) return undefined;
      if (parts) {
        for (const v of parts) result.push({ value: v, dynamic: e.dynamic });
        continue;
      }
    }
    result.push(e);
  }
  return result;
}

const SUB_NAME = /^__agentguard_sub_(\d+)$/;

/**
 * The fields of a word holding substitutions whose output is known: each
 * placeholder is read as a variable holding that output, so quotes around it
 * keep it whole and an unquoted one splits on the separators. Undefined when
 * an output is not known (the word stays whole), null when it cannot be read.
 */
function splitSubstituted(
  raw: string,
  subs: SubstitutionValues,
  lookup: VariableLookup,
  ifs: string,
): string[] | undefined | null {
  let unknown = false;
  const text = raw.replace(/\u0002(\d+)\u0002/g, (_m, n: string) => {
    const v = subs[Number(n)];
    if (v === undefined || v.includes(UNKNOWN)) unknown = true;
    return `\${__agentguard_sub_${n}}`;
  });
  if (unknown) return undefined;
  const values = lookupProxy((name) => {
    const m = SUB_NAME.exec(name);
    return m ? (subs[Number(m[1])] ?? '') : (lookup(name) ?? (name === 'IFS' ? DEFAULT_IFS : undefined));
  });
  let parts: ReturnType<typeof shellQuoteParse>;
  try {
    parts = shellQuoteParse(text, values, { splitUnquoted: ifs.includes(UNKNOWN) ? DEFAULT_IFS : ifs } as never);
  } catch {
    return null;
  }
  const out: string[] = [];
  for (const t of parts) {
    const v = typeof t === 'string' ? t : 'pattern' in t ? t.pattern : undefined;
    if (v === undefined) return null;
    out.push(v);
  }
  return out;
}

/** An unquoted `[…]` bracket expression: the shell globs the word. */
function unquotedBracket(raw: string): boolean {
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '[' && raw.indexOf(']', i + 2) !== -1) return true;
  }
  return false;
}

function hasSeparator(value: string, ifs: string): boolean {
  for (let i = 0; i < ifs.length; i++) if (value.includes(ifs[i])) return true;
  return false;
}

/** `~+` is the working folder, `~-` the one the last `cd` left (OLDPWD); unknown when the line cannot tell. */
function folderTilde(raw: string, lookup: VariableLookup): Expanded | undefined {
  const m = /^~([+-])(?=\/|$)/.exec(raw);
  if (!m) return undefined;
  const folder = lookup(m[1] === '+' ? 'PWD' : 'OLDPWD');
  if (folder === undefined || folder.includes(UNKNOWN)) return { value: raw, dynamic: true };
  return { value: folder + raw.slice(2), dynamic: false };
}

/** A word that assigns (`X=…`, `X+=…`), a `~` after its `=` or a `:` (only such a word has a tilde bash expands there). */
const ASSIGNMENT_WORD = /^[A-Za-z_][A-Za-z0-9_]*\+?=(?:~|.*:~)/;

/**
 * bash's tilde expansion of an assignment, as a prefix (`GIT_DIR=~/x/.git git status`) or a word of a command
 * (`export X=~/a`, `env X=~/a cmd`: bash outside POSIX mode): an unquoted `~` or `~/…` at the value's start, and in a
 * value written without quotes or expansions after each `:` (`PATH=~/bin:~/.local/bin`). A value kept as `~/x` was
 * later resolved against the working folder by whoever read it as a path (a folder named `~` there).
 */
function assignmentTilde(raw: string, expanded: string, home: string): string {
  const eq = raw.indexOf('=');
  const written = raw.slice(eq + 1);
  const at = expanded.indexOf('=');
  const value = expanded.slice(at + 1);
  const lead = (v: string) => (v === '~' || v.startsWith('~/') ? home + v.slice(1) : v);
  const tilded = /["'\\$`]/.test(written)
    ? /^~(?:\/|$)/.test(written)
      ? lead(value)
      : value
    : value.split(':').map(lead).join(':');
  return expanded.slice(0, at + 1) + tilded;
}

function expandTilde(value: string, home: string): string {
  if (value === '~') return home;
  if (value.startsWith('~/')) return home + value.slice(1);
  return value;
}

/** The literal text of a word when it has no quotes, expansions or substitutions (keywords, heredoc delimiters). */
export function literal(word: Word): string | undefined {
  return word.subs.length === 0 && PLAIN_WORD.test(word.raw) ? word.raw : undefined;
}

// `"$@"`, `$@`, `"${arr[@]}"`, `${arr[*]}`: one word that becomes the elements of an array.
const ARRAY_WORD = /^"?\$(?:(@)|\{(@)\}|\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\})"?$/;

function quoteLiteral(value: string): string {
  return "'" + value.replace(/'/g, "'\\''") + "'";
}

/**
 * Replaces array words by their known elements. Returns the words unchanged
 * (same array) when there is nothing to replace, so callers can tell.
 */
export function spliceArrays(words: readonly Word[], vars: Readonly<Record<string, string>>): readonly Word[] {
  let out: Word[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // Only `$…` or `"$…` can be an array word: one character decides for nearly every word.
    const c0 = w.raw.charCodeAt(0);
    const m =
      (c0 === 36 || c0 === 34) && w.subs.length === 0 && (w.raw.includes('@') || w.raw.includes('['))
        ? ARRAY_WORD.exec(w.raw)
        : null;
    const stored = m ? vars[arrayKey(m[1] ?? m[2] ?? m[3])] : undefined;
    if (stored === undefined || stored.includes(UNKNOWN)) {
      out?.push(w);
      continue;
    }
    out ??= words.slice(0, i);
    if (stored === '') continue;
    for (const element of stored.split(ARRAY_SEP))
      out.push({ raw: quoteLiteral(element), subs: [], quoted: true, start: w.start });
  }
  return out ?? words;
}
