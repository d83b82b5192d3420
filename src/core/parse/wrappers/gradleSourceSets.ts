// The folders a Gradle build script adds to its test source sets: `sourceSets { test { java { srcDirs = ['checks'] } } }`,
// `srcDir 'checks'`, Kotlin's `sourceSets.test { java.srcDir("checks") }` or `sourceSets["integrationTest"]…`. The
// test task compiles and runs what is there as it runs src/test. A source set or jvm-test-suite the script declares
// (`sourceSets { integrationTest { } }`, `create("integrationTest")`, `val it by sourceSets.creating`,
// `suites { integrationTest(JvmTestSuite) }`) holds its tests in src/<name>/ unless it names others. What a root's
// `subprojects { }` / `allprojects { }` block sets up applies to each subproject. A folder or a set named by anything
// but a literal is only known when Gradle runs.

/** The `srcDir` calls of one script looked at; past it the script's folders are unknown. */
const MAX_SRC_DIRS = 32;
/** A block's header kept: the words before its `{`. */
const MAX_HEADER = 200;

const SRC_DIR = /\b(?:srcDirs?|setSrcDirs)\b/g;
/** A source set's name that holds tests: `test`, `integrationTest`, `functionalTest`, `jvmTest`. */
const TEST_SET = /test/i;
/** Source sets and suites one script declares; past it the script's test folders are unknown. */
const MAX_SETS = 32;
/** A block that declares source sets or test suites by its children: `sourceSets {`, `testing.suites {`. */
const SETS_BLOCK = /\b(?:sourceSets|suites)\s*$/;
/** A block whose body configures other projects: `subprojects {` (those below), `allprojects {` (this one too). */
const SHARED_BLOCK = /\b(subprojects|allprojects)\s*(?:\(\s*\))?$/;
/** Words that open a block inside `sourceSets {` without naming a set. */
const NOT_A_SET = new Set(
  'all configureEach withType matching creating registering getting named else try finally do apply'.split(' '),
);
/** What may wrap the folders named: `['a', 'b']`, `listOf("a")`, `files("a")`, `file('a')`, `=`, `+=`. */
const WRAPPERS = /\b(?:listOf|setOf|arrayOf|mutableListOf|project\.files|project\.file|files|file)\b|[[\](),=+\s]/g;

/** The test folders a script adds, relative to each project: its own, and those of the projects below it. */
export interface GradleTestDirs {
  own: string[];
  subs: string[];
  /** The declared suites and test source sets, each also a task that runs its tests. */
  sets: string[];
}

/**
 * The folders (relative to the script's project) the test source sets of a Gradle script add; undefined where one
 * is named by anything but a literal (a variable, an interpolation).
 */
export function gradleTestDirs(script: string): GradleTestDirs | undefined {
  const found: GradleTestDirs = { own: [], subs: [], sets: [] };
  // Only a script that names a folder, a source set or a suite adds test folders: the rest pay one test.
  if (!/\b(?:srcDirs?|setSrcDirs|sourceSets|suites)\b/.test(script)) return found;
  const text = script.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
  const blocks: { header: string; at: number }[] = [];
  // Where `subprojects { }` / `allprojects { }` bodies are, for the declarations found by position below.
  const shared: { from: number; to: number; all: boolean }[] = [];
  const declared: { name: string | undefined; at: number; suite: boolean }[] = [];
  const add = (dirs: string[], at: number, enclosing: string[]) => {
    const scope = whose(enclosing) ?? shared.find((r) => at > r.from && at < r.to)?.all;
    if (scope !== false) found.own.push(...dirs);
    if (scope !== undefined) found.subs.push(...dirs);
  };
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
      blocks.push({ header: text.slice(Math.max(from, i - MAX_HEADER), i).trim(), at: i + 1 });
      from = i + 1;
    } else if (c === '}') {
      const block = blocks.pop();
      if (block && SETS_BLOCK.test(block.header))
        for (const d of setsDeclared(text.slice(block.at, i), /suites\s*$/.test(block.header)))
          declared.push({ ...d, at: block.at });
      const kind = block && SHARED_BLOCK.exec(block.header)?.[1];
      if (block && kind) shared.push({ from: block.at, to: i, all: kind === 'allprojects' });
      from = i + 1;
    } else if (c === '\n' || c === ';') from = i + 1;
    else if ((c === 's' || c === 'S') && /\w/.test(text[i - 1] ?? ' ') === false) {
      SRC_DIR.lastIndex = i;
      const m = SRC_DIR.exec(text);
      if (!m || m.index !== i) continue;
      if (++calls > MAX_SRC_DIRS) return undefined;
      // The source set is named by an enclosing block or by the statement itself (`sourceSets.test.java.srcDir`).
      const headers = blocks.map((b) => b.header);
      const context = [...headers, text.slice(from, i)].join(' ');
      const end = statementEnd(text, i + m[0].length);
      if (TEST_SET.test(context)) {
        const named = literalDirs(text.slice(i + m[0].length, end));
        if (named === undefined) return undefined;
        add(named, i, headers);
      }
      i = end - 1;
    }
  }
  // `sourceSets.create("it")`, `testing.suites.register<JvmTestSuite>("it")`, `val it by sourceSets.creating`.
  for (const m of text.matchAll(
    /\b(sourceSets|suites)\s*\.\s*(?:create|register|maybeCreate)\s*(?:<[^>\n]*>)?\s*\(\s*([^,)\n]*)/g,
  ))
    declared.push({ name: literal(m[2]), at: m.index, suite: m[1] === 'suites' });
  for (const m of text.matchAll(
    /\bval\s+(\w+)\s+by\s+(?:project\.)?(?:testing\.)?(sourceSets|suites)\.(?:creating|registering)\b/g,
  ))
    declared.push({ name: m[1], at: m.index, suite: m[2] === 'suites' });
  if (declared.length > MAX_SETS) return undefined;
  // A set's tests run when a Test task takes its classes: `testClassesDirs = sourceSets.it.output.classesDirs`.
  const taken = new Set([...text.matchAll(/\btestClassesDirs\b[^\n]*/g)].flatMap((m) => m[0].match(/\w+/g) ?? []));
  for (const d of declared) {
    // A set named only at run time may hold tests in a folder named so.
    if (d.name === undefined) return undefined;
    if (d.name === 'main' || d.name === 'test' || !(d.suite || TEST_SET.test(d.name) || taken.has(d.name))) continue;
    found.sets.push(d.name);
    add([`src/${d.name}`], d.at, []);
  }
  return found;
}

/** Whether enclosing blocks share what they hold: true for `allprojects`, false for `subprojects`, else undefined. */
function whose(headers: string[]): boolean | undefined {
  for (const h of headers) {
    const kind = SHARED_BLOCK.exec(h)?.[1];
    if (kind) return kind === 'allprojects';
  }
  return undefined;
}

/**
 * The sets a `sourceSets { }` or `suites { }` body declares at its top level: `it { }`, `it(JvmTestSuite) { }`,
 * `create("it")`, `register<JvmTestSuite>("it")`, `val it by creating`; a name that is not a literal is undefined.
 */
function setsDeclared(body: string, suite: boolean): { name: string | undefined; suite: boolean }[] {
  // The nested blocks' insides are the sets' own settings (`java { srcDir … }`), read above.
  let top = '';
  let depth = 0;
  for (const c of body.slice(0, 64 * 1024)) {
    if (c === '}') depth = Math.max(0, depth - 1);
    if (depth === 0) top += c;
    if (c === '{') depth++;
  }
  const sets: { name: string | undefined; suite: boolean }[] = [];
  for (const m of top.matchAll(/\b(?:create|register|maybeCreate|getByName|named)\s*(?:<[^>\n]*>)?\s*\(\s*([^,)\n]*)/g))
    sets.push({ name: literal(m[1]), suite });
  for (const m of top.matchAll(/\bval\s+(\w+)\s+by\s+(?:creating|registering|getting)\b/g))
    sets.push({ name: m[1], suite });
  for (const m of top.matchAll(/(?<![\w.$])(\w+)\s*(?:\(\s*JvmTestSuite\s*\))?\s*\{/g))
    if (!NOT_A_SET.has(m[1]) && !/^(?:create|register|maybeCreate|getByName)$/.test(m[1]))
      sets.push({ name: m[1], suite });
  return sets;
}

/** A Groovy/Kotlin string literal's text without interpolation; undefined for any other expression. */
function literal(arg: string): string | undefined {
  const m = /^\s*(?:"([\w.-]+)"|'([\w.-]+)')\s*$/.exec(arg);
  return m ? (m[1] ?? m[2]) : undefined;
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
