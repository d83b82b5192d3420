// SQL files statement by statement, each with its span, so a DROP on line
// 40 is flagged on line 40 and not on the whole file.
import type { Snippet } from './snippet';

const MAX_STATEMENTS = 20_000;

/** Statements of a SQL script (and psql `\` meta-command lines), each a verbatim slice from its first word up to its `;`. */
export function sqlStatements(doc: string): Snippet[] {
  const out: Snippet[] = [];
  let start = -1;
  let i = 0;
  const n = doc.length;
  const push = (end: number) => {
    if (start >= 0 && out.length < MAX_STATEMENTS) out.push({ text: doc.slice(start, end), base: start });
    start = -1;
  };
  while (i < n) {
    const c = doc[i];
    if (c === '-' && doc[i + 1] === '-') {
      const nl = doc.indexOf('\n', i);
      i = nl === -1 ? n : nl;
      continue;
    }
    if (c === '/' && doc[i + 1] === '*') {
      const close = doc.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 2;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (start < 0) {
      start = i;
      if (c === '\\') {
        // psql meta-command: to the end of its line.
        const nl = doc.indexOf('\n', i);
        i = nl === -1 ? n : nl;
        push(doc.slice(start, i).trimEnd().length + start);
        continue;
      }
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < n) {
        if (doc[j] === c) {
          if (doc[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      i = j + 1;
      continue;
    }
    if (c === '$') {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(doc.slice(i, i + 66));
      if (tag) {
        const close = doc.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length;
        continue;
      }
    }
    if (c === ';') {
      push(i);
      i++;
      continue;
    }
    i++;
  }
  if (start >= 0) push(doc.slice(start).trimEnd().length + start);
  return out;
}
