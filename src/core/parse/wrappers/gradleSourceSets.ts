// The folders a Gradle build script adds to its test source sets: `sourceSets { test { java { srcDirs = ['checks'] } } }`,
// `srcDir 'checks'`, Kotlin's `sourceSets.test { java.srcDir("checks") }` or `sourceSets["integrationTest"]…`. The
// test task compiles and runs what is there as it runs src/test. A folder named by anything but a literal is only
// known when Gradle runs.

/** The `srcDir` calls of one script looked at; past it the script's folders are unknown. */
const MAX_SRC_DIRS = 32;
/** A block's header kept: the words before its `{`. */
const MAX_HEADER = 200;

const SRC_DIR = /\b(?:srcDirs?|setSrcDirs)\b/g;
/** A source set's name that holds tests: `test`, `integrationTest`, `functionalTest`, `jvmTest`. */
const TEST_SET = /test/i;
/** What may wrap the folders named: `['a', 'b']`, `listOf("a")`, `files("a")`, `file('a')`, `=`, `+=`. */
const WRAPPERS = /\b(?:listOf|setOf|arrayOf|mutableListOf|project\.files|project\.file|files|file)\b|[[\](),=+\s]/g;

/**
 * The folders (relative to the script's project) the test source sets of a Gradle script add; undefined where one
 * is named by anything but a literal (a variable, an interpolation).
 */
export function gradleTestDirs(script: string): string[] | undefined {
  if (!/\b(?:srcDirs?|setSrcDirs)\b/.test(script)) return [];
  const text = script.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
  const dirs: string[] = [];
  const blocks: string[] = [];
  let quote = '';
  let from = 0;
  let calls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') {
      blocks.push(text.slice(Math.max(from, i - MAX_HEADER), i).trim());
      from = i + 1;
    } else if (c === '}') {
      blocks.pop();
      from = i + 1;
    } else if (c === '\n' || c === ';') from = i + 1;
    else if ((c === 's' || c === 'S') && /\w/.test(text[i - 1] ?? ' ') === false) {
      SRC_DIR.lastIndex = i;
      const m = SRC_DIR.exec(text);
      if (!m || m.index !== i) continue;
      if (++calls > MAX_SRC_DIRS) return undefined;
      // The source set is named by an enclosing block or by the statement itself (`sourceSets.test.java.srcDir`).
      const context = [...blocks, text.slice(from, i)].join(' ');
      const end = statementEnd(text, i + m[0].length);
      if (TEST_SET.test(context)) {
        const named = literalDirs(text.slice(i + m[0].length, end));
        if (named === undefined) return undefined;
        dirs.push(...named);
      }
      i = end - 1;
    }
  }
  return dirs;
}

/** Where the arguments of a call end: its closing parenthesis, else the line's end or the block's. */
function statementEnd(text: string, from: number): number {
  let depth = 0;
  let quote = '';
  const limit = Math.min(text.length, from + 1024);
  for (let k = from; k < limit; k++) {
    const c = text[k];
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) {
      if (--depth === 0 && text.slice(from, k).trim().startsWith('(')) return k + 1;
    } else if (depth === 0 && (c === '\n' || c === ';' || c === '}' || c === ')' || c === '{')) return k;
  }
  return limit;
}

/** The literal folders an argument text names; undefined when anything else is left (a name, `$x`). */
function literalDirs(args: string): string[] | undefined {
  const dirs: string[] = [];
  const rest = args.replace(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/g, (_m, d?: string, s?: string) => {
    dirs.push(d ?? s ?? '');
    return ' ';
  });
  if (rest.replace(WRAPPERS, '') !== '') return undefined;
  // A double-quoted string interpolates: `"$projectDir/checks"` is that project's folder, anything else unknown.
  const plain = dirs.map((d) => d.replace(/^\$\{?projectDir\}?(?:\/|$)/, ''));
  return plain.some((d) => d.includes('$')) ? undefined : plain.map((d) => d || '.');
}
