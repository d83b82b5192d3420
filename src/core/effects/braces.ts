// Brace lists the normalizer left in a path word (one it could not read
// whole, such as `$(pwd)/{a,b}`), expanded as the shell expands them so that
// every path they name is judged; past MAX_BRACE_ALTERNATIVES the word is
// 'unread' and the call asks (guard/protectedPaths.ts).
//
// Brace alternatives, nested and side by side as the shell expands them: `{dist,build}`, `src/{a,{b,c}}.ts`,
// `{a,b}/{c,d}`. A `${…}` is a parameter, never a list (`${X:-a,b}`): it stays in its word, which is then as unknown
// as any `$VAR` one. Ranges (`{1..3}`) and a group with no top-level comma stay as written.
export const MAX_BRACE_ALTERNATIVES = 16;

/** Each `{` of `word` that is closed, with where it closes: one pass, so a word of any length is read in linear time. */
function bracePairs(word: string): Map<number, number> {
  const open: number[] = [];
  const pairs = new Map<number, number>();
  for (let i = 0; i < word.length; i++) {
    if (word[i] === '{') open.push(i);
    else if (word[i] === '}' && open.length) pairs.set(open.pop()!, i);
  }
  return pairs;
}

/** The first brace group of `word` holding a top-level comma: where it opens and closes, and its alternatives. */
function firstGroup(word: string): { open: number; close: number; parts: string[] } | undefined {
  const pairs = bracePairs(word);
  for (let i = 0; i < word.length; i++) {
    const close = pairs.get(i);
    if (close === undefined) continue;
    // A parameter (`${X:-a,b}`) is never a list, nor is anything it holds.
    if (word[i - 1] === '$') {
      i = close;
      continue;
    }
    const parts: string[] = [];
    let start = i + 1;
    for (let j = i + 1; j < close; j++) {
      const inner = pairs.get(j);
      if (inner !== undefined) j = inner;
      else if (word[j] === ',') {
        parts.push(word.slice(start, j));
        start = j + 1;
      }
    }
    // A group without a top-level comma is literal; one inside it may still be a list (`{a{b,c}}`).
    if (parts.length) return { open: i, close, parts: [...parts, word.slice(start, close)] };
  }
  return undefined;
}

/**
 * The words a shell brace expansion makes of `word`, when the normalizer left one in place; 'unread' past
 * MAX_BRACE_ALTERNATIVES words in all, where an alternative past the bound (`{a,…,q,.git}`) would go unjudged.
 */
export function expandBraces(word: string): string[] | 'unread' | undefined {
  if (!firstGroup(word)) return undefined;
  const out: string[] = [];
  // Each step takes one group apart, so the words to do are bounded by the alternatives kept.
  const todo = [word];
  while (todo.length) {
    const w = todo.shift()!;
    const g = firstGroup(w);
    if (!g) {
      out.push(w);
    } else {
      for (const p of g.parts) todo.push(w.slice(0, g.open) + p + w.slice(g.close + 1));
    }
    if (out.length + todo.length > MAX_BRACE_ALTERNATIVES) return 'unread';
  }
  return out;
}
