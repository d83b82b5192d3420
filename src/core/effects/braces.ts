// Brace lists the normalizer left in a path word (one it could not read
// whole, such as `$(pwd)/{a,b}`), expanded as the shell expands them so that
// every path they name is judged; past MAX_BRACE_ALTERNATIVES the word is
// 'unread' and the call asks (guard/protectedPaths.ts).
//
// Brace alternatives, nested and side by side as the shell expands them: `{dist,build}`, `src/{a,{b,c}}.ts`,
// `{a,b}/{c,d}`. A `${…}` is a parameter, never a list (`${X:-a,b}`): it stays in its word, which is then as unknown
// as any `$VAR` one. Ranges (`{1..3}`) and a group with no top-level comma stay as written.
export const MAX_BRACE_ALTERNATIVES = 16;

/**
 * Where each `{` of `word` that is closed closes (0 where none does: a `}` closing a pair is never first), and
 * how many pairs: one pass, so a word of any length is read in linear time.
 */
function bracePairs(word: string): { closeAt: Int32Array; count: number } {
  const open: number[] = [];
  const closeAt = new Int32Array(word.length);
  let count = 0;
  for (let i = 0; i < word.length; i++) {
    if (word[i] === '{') open.push(i);
    else if (word[i] === '}' && open.length) {
      closeAt[open.pop()!] = i;
      count++;
    }
  }
  return { closeAt, count };
}

interface Group {
  open: number;
  close: number;
  /** Each alternative's [start, end) in the word. */
  parts: [number, number][];
}

/**
 * The first brace group of `word[from, to)` holding a top-level comma. The range is an alternative or what
 * follows a group, so every brace it opens closes inside it: the word's pairs serve it as they are.
 */
function firstGroup(word: string, pairs: Int32Array, from: number, to: number): Group | undefined {
  for (let i = from; i < to; i++) {
    const close = pairs[i];
    if (close === 0 || close >= to) continue;
    // A parameter (`${X:-a,b}`) is never a list, nor is anything it holds.
    if (word[i - 1] === '$') {
      i = close;
      continue;
    }
    const parts: [number, number][] = [];
    let start = i + 1;
    for (let j = i + 1; j < close; j++) {
      const inner = pairs[j];
      if (inner !== 0) j = inner;
      else if (word[j] === ',') {
        parts.push([start, j]);
        start = j + 1;
      }
    }
    // A group without a top-level comma is literal; one inside it may still be a list (`{a{b,c}}`).
    if (parts.length) return { open: i, close, parts: [...parts, [start, close]] };
  }
  return undefined;
}

/**
 * The words `word[from, to)` makes, in the shell's order (`{a{b,c},d}`: ab ac d); undefined past `room` of
 * them. Each alternative gets the room its words may take, so nesting is as deep as the room, never deeper.
 */
function expandRange(word: string, pairs: Int32Array, from: number, to: number, room: number): string[] | undefined {
  if (room < 1) return undefined;
  let g = firstGroup(word, pairs, from, to);
  if (!g) return [word.slice(from, to)];
  let words = [''];
  let at = from;
  for (; g; g = firstGroup(word, pairs, at, to)) {
    const head = word.slice(at, g.open);
    const alternatives: string[] = [];
    for (const [start, end] of g.parts) {
      const more = expandRange(word, pairs, start, end, Math.floor(room / words.length) - alternatives.length);
      if (!more) return undefined;
      alternatives.push(...more);
    }
    words = words.flatMap((w) => alternatives.map((a) => w + head + a));
    at = g.close + 1;
  }
  const tail = word.slice(at, to);
  return words.map((w) => w + tail);
}

/**
 * The words a shell brace expansion makes of `word`, when the normalizer left one in place; 'unread' past
 * MAX_BRACE_ALTERNATIVES words in all, where an alternative past the bound (`{a,…,q,.git}`) would go unjudged.
 * The word's brace pairs are found once and serve every alternative.
 */
export function expandBraces(word: string): string[] | 'unread' | undefined {
  if (!word.includes('{')) return undefined;
  const { closeAt, count } = bracePairs(word);
  if (!count) return undefined;
  const words = expandRange(word, closeAt, 0, word.length, MAX_BRACE_ALTERNATIVES);
  if (!words) return 'unread';
  // One word back: no group held a list, the word is as written.
  return words.length > 1 ? words : undefined;
}

/**
 * The words a path word stands for, where the parser said (SimpleCommand.braces) what bash makes of it, or of a
 * word it ends (`of=…`, `--output=…`): a quoted or escaped `{a,b}` is one name, and a list the parser kept whole
 * is its alternatives, within the same bound. Any other word is expanded here as the shell would (expandBraces).
 */
export function bracedWords(
  word: string,
  braces: ReadonlyMap<string, readonly string[] | null> | undefined,
): string[] | 'unread' | undefined {
  if (!braces || !word.includes('{')) return expandBraces(word);
  const made = braces.get(word) ?? endOf(word, braces);
  if (!made) return expandBraces(word);
  if (made.length > MAX_BRACE_ALTERNATIVES) return 'unread';
  return made.length > 1 ? [...made] : undefined;
}

/** What bash makes of a word `word` ends, cut as `word` is; undefined unless each of those words starts as that one does. */
function endOf(word: string, braces: ReadonlyMap<string, readonly string[] | null>): readonly string[] | undefined {
  for (const [whole, made] of braces) {
    if (!made || whole.length <= word.length || !whole.endsWith(word)) continue;
    const head = whole.slice(0, whole.length - word.length);
    if (made.every((m) => m.startsWith(head))) return made.map((m) => m.slice(head.length));
  }
  return undefined;
}
