// Lexing: statements and tokens. Bounded in characters, statements, tokens.

export const MAX_SQL_CHARS = 256 * 1024;
const MAX_STATEMENTS = 2000;
const MAX_TOKENS = 4000;
/** Nesting of code inside code (`DO $$ … $$`, `\gexec`) we follow. */
export const MAX_NESTING = 2;

type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Upper-cased text of words and punctuation; upper-cased content of quoted identifiers; '' for strings. */
  up: string;
  /** Text as written; for quoted identifiers and strings, their content without quotes. */
  raw: string;
  /** Parenthesis depth the token sits at. */
  depth: number;
}

export interface Statement {
  tokens: Token[];
  /** Bodies of dollar-quoted strings (`DO $$ … $$`): PL/pgSQL runs them. */
  dollarBodies: string[];
  /** psql `\g…` meta-command that sent this statement (`\gexec`). */
  terminator?: string;
}

export interface SqlScan {
  statements: Statement[];
  /** Client meta-commands: psql `\i file`, `\! cmd`; sqlite `.read file`, `.shell cmd`. */
  metaCommands: string[];
  /** True when the text was longer than the analyzer reads. */
  truncated: boolean;
}

function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}
function isWordChar(code: number): boolean {
  return isWordStart(code) || (code >= 48 && code <= 57) || code === 36;
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
const DOLLAR_TAG = /^\$(?:[A-Za-z_][A-Za-z0-9_]{0,62})?\$/;
const TWO_CHAR_OPS = new Set(['<>', '!=', '<=', '>=', '==']);

/**
 * Splits SQL into statements of tokens. `backslashEscapes` says whether `\'`
 * escapes a quote inside a string (MySQL) or not (standard SQL, PostgreSQL);
 * a caller that cannot know the dialect scans both ways.
 */
export function scanSql(input: string, backslashEscapes = false): SqlScan {
  const tooLong = input.length > MAX_SQL_CHARS;
  const text = tooLong ? input.slice(0, MAX_SQL_CHARS) : input;
  const n = text.length;
  const statements: Statement[] = [];
  const metaCommands: string[] = [];
  let tokens: Token[] = [];
  let dollarBodies: string[] = [];
  let depth = 0;
  let cut = tooLong;

  const push = (kind: TokenKind, up: string, raw: string): void => {
    if (tokens.length >= MAX_TOKENS) {
      cut = true;
      return;
    }
    tokens.push({ kind, up, raw, depth });
  };
  const flush = (terminator?: string): void => {
    if (tokens.length) {
      if (statements.length < MAX_STATEMENTS)
        statements.push({ tokens, dollarBodies, ...(terminator ? { terminator } : {}) });
      else cut = true;
    }
    tokens = [];
    dollarBodies = [];
    depth = 0;
  };
  const lineEnd = (from: number): number => {
    const nl = text.indexOf('\n', from);
    return nl === -1 ? n : nl;
  };

  let lineStart = true;
  let i = 0;
  while (i < n && statements.length < MAX_STATEMENTS) {
    const c = text[i];
    const code = text.charCodeAt(i);
    const atLineStart = lineStart;
    lineStart = c === '\n' || (lineStart && (c === ' ' || c === '\t' || c === '\r'));

    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
    } else if (c === ';') {
      flush();
      i++;
    } else if ((c === '-' && text[i + 1] === '-') || (c === '#' && atLineStart)) {
      // `--` comments; `#` comments (MySQL) only at line start, because in
      // PostgreSQL `#` is an operator and must not swallow the rest of a line.
      i = lineEnd(i);
    } else if (c === '/' && text[i + 1] === '*') {
      if (text[i + 2] === '!') {
        // MySQL executes the body of `/*! … */` and `/*!50000 … */`.
        i += 3;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      } else {
        let nest = 1;
        i += 2;
        while (i < n && nest > 0) {
          if (text[i] === '/' && text[i + 1] === '*') {
            nest++;
            i += 2;
          } else if (text[i] === '*' && text[i + 1] === '/') {
            nest--;
            i += 2;
          } else i++;
        }
      }
    } else if (c === '*' && text[i + 1] === '/') {
      i += 2; // closes an executed `/*! … */`
    } else if (c === '\\') {
      // psql meta-command, to end of line; `\g…` sends the statement typed so far.
      const end = lineEnd(i);
      const meta = text.slice(i, end).trim();
      metaCommands.push(meta);
      // `\g`, `\gexec` (psql) and `\G` (mysql) send the statement typed so far.
      if (/^\\g/i.test(meta)) flush(meta);
      i = end;
    } else if (
      (c === 's' || c === 'S') &&
      atLineStart &&
      tokens.length === 0 &&
      /^system\s/i.test(text.slice(i, i + 7))
    ) {
      // The mysql client's `system CMD` (its long name for `\! CMD`): a shell line, not a statement.
      const end = lineEnd(i);
      metaCommands.push(`\\! ${text.slice(i + 7, end).trim()}`);
      i = end;
    } else if (
      (c === 'p' || c === 'P') &&
      atLineStart &&
      tokens.length === 0 &&
      /^pager\s/i.test(text.slice(i, i + 6))
    ) {
      // The mysql client's `pager CMD` (its long name for `\P CMD`): every result is piped into CMD.
      const end = lineEnd(i);
      metaCommands.push(`\\P ${text.slice(i + 6, end).trim()}`);
      i = end;
    } else if (c === '.' && atLineStart && tokens.length === 0) {
      // sqlite3 dot-command: a line of its own.
      const end = lineEnd(i);
      metaCommands.push(text.slice(i, end).trim());
      i = end;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let content = '';
      while (j < n) {
        const d = text[j];
        if (d === '\\' && backslashEscapes && c !== '`') {
          content += text.slice(j, j + 2);
          j += 2;
        } else if (d === c && text[j + 1] === c) {
          content += c;
          j += 2;
        } else if (d === c) {
          break;
        } else {
          content += d;
          j++;
        }
      }
      if (c === "'") push('string', '', content);
      else push('ident', content.toUpperCase(), content);
      i = j + 1;
    } else if (
      c === '$' &&
      (i === 0 || !isWordChar(text.charCodeAt(i - 1))) &&
      DOLLAR_TAG.test(text.slice(i, i + 65))
    ) {
      const tag = DOLLAR_TAG.exec(text.slice(i, i + 65))![0];
      const close = text.indexOf(tag, i + tag.length);
      const body = text.slice(i + tag.length, close === -1 ? n : close);
      dollarBodies.push(body);
      push('string', '', body);
      i = close === -1 ? n : close + tag.length;
    } else if (isWordStart(code)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      const w = text.slice(i, j);
      push('word', w.toUpperCase(), w);
      i = j;
    } else if (isDigit(code)) {
      let j = i + 1;
      while (j < n && (isDigit(text.charCodeAt(j)) || text[j] === '.')) j++;
      const num = text.slice(i, j);
      push('number', num, num);
      i = j;
    } else if (c === '(') {
      push('punct', c, c);
      depth++;
      i++;
    } else if (c === ')') {
      depth = Math.max(0, depth - 1);
      push('punct', c, c);
      i++;
    } else if (TWO_CHAR_OPS.has(text.slice(i, i + 2))) {
      const op = text.slice(i, i + 2);
      push('punct', op, op);
      i += 2;
    } else {
      push('punct', c, c);
      i++;
    }
  }
  flush();
  return { statements, metaCommands, truncated: cut || i < n };
}

/** A qualified name (`schema.table`, `"My Table"`) starting at `i`. */
export function readName(tokens: readonly Token[], i: number): { name: string; next: number } | undefined {
  const t = tokens[i];
  // MySQL spells accounts as strings: 'app'@'%'.
  if (!t || (t.kind !== 'word' && t.kind !== 'ident' && t.kind !== 'string')) return undefined;
  let name = t.raw;
  let j = i + 1;
  while (
    j + 1 < tokens.length &&
    tokens[j].up === '.' &&
    (tokens[j + 1].kind === 'word' || tokens[j + 1].kind === 'ident' || tokens[j + 1].up === '*')
  ) {
    name += '.' + tokens[j + 1].raw;
    j += 2;
  }
  if (tokens[j]?.up === '@' && tokens[j + 1] && tokens[j + 1].kind !== 'punct') {
    name += '@' + tokens[j + 1].raw;
    j += 2;
  }
  return { name, next: j };
}

/** Comma-separated names (`a, b, "c"`), skipping `ONLY` and a trailing `*`. */
export function readNameList(tokens: readonly Token[], i: number): string[] {
  const names: string[] = [];
  let j = i;
  while (j < tokens.length && names.length < 20) {
    if (tokens[j].up === 'ONLY') j++;
    const r = readName(tokens, j);
    if (!r) break;
    names.push(r.name);
    j = r.next;
    if (tokens[j]?.up === '*') j++;
    if (tokens[j]?.up !== ',') break;
    j++;
  }
  return names;
}

export function skipIfExists(tokens: readonly Token[], i: number): number {
  if (tokens[i]?.up === 'IF' && tokens[i + 1]?.up === 'EXISTS') return i + 2;
  return i;
}
