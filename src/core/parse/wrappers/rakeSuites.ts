// The test suites a `rake` line runs. A Rakefile declares its test tasks with
// `Rake::TestTask.new(:name) { |t| t.pattern = "…" }` (Minitest) or RSpec's
// `RSpec::Core::RakeTask`, each collecting the files its `pattern` or
// `test_files` names — any folder, any suffix — and a task may run others first
// (`task default: :test`). Without a declaration, `rake test` and `rake spec`
// are Rails' and rspec's tasks over test/ and spec/. A pattern the reader cannot
// take as literal globs (built at run time) asks when its task is the one run.
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { MAX_SCRIPT_CHARS } from './common';
import type { TestKind } from './testOptions';

type RubySuite = Extract<TestKind, 'minitest' | 'rspec'>;
interface Declared {
  kind: RubySuite;
  /** The globs and files it collects; undefined: its own default (test/, spec/). */
  globs?: string[];
  /** A pattern or file list the reader could not take as literals. */
  unread?: boolean;
}
/** A run of one suite, its operands on the line as the runner would read them. */
export interface SuiteRun {
  kind: RubySuite;
  p: Pending;
}

export const RAKEFILES = ['Rakefile', 'rakefile', 'Rakefile.rb', 'rakefile.rb'];
/** `rakelib/*.rake` files read for declarations, as runnerFiles.ts reads them for code. */
const MAX_RAKELIB = 16;
/** Tasks followed through their prerequisites from those the line names. */
const MAX_TASKS = 32;
/** Prerequisites kept for one task name. */
const MAX_PREREQUISITES = 64;
/** rake's options that take a value (its --help), so the value is not taken for a task. */
const VALUED = new Set(
  '-f --rakefile -C --directory -I --libdir -r --require -R --rakelibdir -e --execute -E --execute-continue -p --execute-print -j --jobs'.split(
    ' ',
  ),
);
const LISTING = /^(?:-[TDPWVhH]|--(?:tasks|describe|prereqs|where|version|help)(?:=.*)?)$/;
const DECLARATION = /\b(Rake::TestTask|RSpec::Core::RakeTask)\.new\b([^\n]{0,300})/g;
const PREREQUISITES =
  /^[ \t]*(?:multi)?task\s*\(?\s*(?::([\w:]+)\s*=>|([\w]+):(?!:)|["']([\w:-]+)["']\s*=>)([^\n]{0,300})/gm;

/** The suites the rake line runs: the test tasks it names or reaches through prerequisites. */
export function rakeSuites(p: Pending, scope: Scope, w: Walker): SuiteRun[] {
  const argv = p.argv;
  // `rake -T`, `rake -P`, `rake --version`: rake lists or answers and runs no task.
  if (argv.some((a, k) => k > 0 && LISTING.test(a))) return [];
  const named: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (VALUED.has(argv[i])) i++;
    else if (!argv[i].startsWith('-') && !argv[i].includes('=') && !p.dynamic[i]) named.push(argv[i]);
  }
  const texts = rakeTexts(p, scope, w);
  const declared = new Map<string, Declared[]>();
  // Test tasks whose name is built at run time (`Rake::TestTask.new("#{ns}:unit")`): any task not otherwise declared may be one.
  const unnamed: Declared[] = [];
  const prerequisites = new Map<string, string[]>();
  for (const text of texts) {
    for (const [name, d] of declarations(text)) {
      if (name === undefined) unnamed.push(d);
      else listed(declared, name).push(d);
    }
    for (const m of text.matchAll(PREREQUISITES)) {
      const list = listed(prerequisites, m[1] ?? m[2] ?? m[3]);
      if (list.length < MAX_PREREQUISITES) list.push(...taskNames(m[4]));
    }
  }
  const queue = named.length ? [...named] : ['default'];
  const seen = new Set<string>();
  const runs: SuiteRun[] = [];
  let unmatched: string | undefined;
  for (let q = 0; q < queue.length && seen.size < MAX_TASKS; q++) {
    const task = queue[q].replace(/\[.*$/, '');
    if (seen.has(task)) continue;
    seen.add(task);
    queue.push(...(prerequisites.get(task) ?? []));
    if (!declared.has(task)) unmatched ??= task;
    for (const d of declared.get(task) ?? railsTask(task)) runs.push(suiteOf(task, d, p, w));
  }
  if (unmatched !== undefined) for (const d of unnamed.slice(0, MAX_TASKS)) runs.push(suiteOf(unmatched, d, p, w));
  return runs;
}

/** The list kept under `key`, made empty at first use. */
function listed<T>(lists: Map<string, T[]>, key: string): T[] {
  const list = lists.get(key) ?? [];
  lists.set(key, list);
  return list;
}

/** Rails' `test` and `test:*` tasks (Minitest over test/) and rspec-rails' `spec` and `spec:*` (spec/). */
function railsTask(task: string): Declared[] {
  if (task === 'test' || task.startsWith('test:')) return [{ kind: 'minitest' }];
  return task === 'spec' || task.startsWith('spec:') ? [{ kind: 'rspec' }] : [];
}

function suiteOf(task: string, d: Declared, p: Pending, w: Walker): SuiteRun {
  const argv = p.argv;
  if (d.unread)
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `\`rake ${task}\` runs the tests its Rakefile's pattern names, which is built at run time: the tests it runs were not read, so a human must look at it`,
      ),
    );
  // `TEST=path` (Rake::TestTask) and `SPEC=path` (rspec's task) name the files in place of the pattern.
  const env = d.kind === 'minitest' ? 'TEST=' : 'SPEC=';
  const given = argv.filter((a, k) => a.startsWith(env) && a.length > env.length && !p.dynamic[k]);
  const operands = given.length ? given.map((a) => a.slice(env.length)) : (d.globs ?? []);
  return { kind: d.kind, p: { ...p, argv: ['rake', ...operands], dynamic: [false, ...operands.map(() => false)] } };
}

/** The file `rake -f FILE` (`--rakefile`) loads in place of the Rakefile. */
export function rakefileNamed(p: Pending): string | undefined {
  for (let i = 1; i < p.argv.length; i++) {
    const a = p.argv[i];
    if ((a === '-f' || a === '--rakefile') && p.argv[i + 1] !== undefined && !p.dynamic[i + 1]) return p.argv[i + 1];
    if (a.startsWith('--rakefile=') && !p.dynamic[i]) return a.slice('--rakefile='.length);
    // `-fother.rake`: the value written against the option.
    if (/^-f./.test(a) && !p.dynamic[i]) return a.slice(2);
  }
  return undefined;
}

/** The Rakefile rake loads (or the one `-f` names) and the `rakelib/*.rake` files it imports. */
function rakeTexts(p: Pending, scope: Scope, w: Walker): string[] {
  const out: string[] = [];
  const given = rakefileNamed(p);
  for (const f of given ? [given] : RAKEFILES) {
    const text = w.ctx.readFile(f, scope.cwd);
    if (text === undefined) continue;
    out.push(text);
    break;
  }
  const rakes = (w.ctx.readdir?.(path.resolve(scope.cwd, 'rakelib')) ?? []).filter(
    (e) => !e.dir && e.name.endsWith('.rake'),
  );
  for (const e of rakes.slice(0, MAX_RAKELIB)) {
    const text = w.ctx.readFile(path.join('rakelib', e.name), scope.cwd);
    if (text !== undefined) out.push(text);
  }
  // A file past the script bound is noted unread where its code is read (runnerFiles.ts).
  return out.filter((t) => t.length <= MAX_SCRIPT_CHARS);
}

/** The test tasks a Rake file declares, by name, with what each collects. */
function declarations(text: string): [string | undefined, Declared][] {
  const out: [string | undefined, Declared][] = [];
  const found = [...text.matchAll(DECLARATION)];
  for (let k = 0; k < found.length; k++) {
    const m = found[k];
    const kind: RubySuite = m[1] === 'Rake::TestTask' ? 'minitest' : 'rspec';
    const args = m[2];
    // undefined: a name built at run time, which no task of the line can be told apart from.
    const name = taskName(args, kind === 'minitest' ? 'test' : 'spec');
    // The block: up to the next declaration, as far as an assignment to its variable is looked for.
    const start = (m.index ?? 0) + m[0].length;
    const end = Math.min(found[k + 1]?.index ?? text.length, start + 8 * 1024);
    const variable = /(?:\{|\bdo)\s*\|\s*(\w+)/.exec(args)?.[1];
    out.push([name, { kind, ...(variable ? collected(variable, args + text.slice(start, end)) : {}) }]);
  }
  return out;
}

/** The name in `.new(:unit)`, `.new("unit")`, `.new(unit: :deps)`, `.new :unit => …`, else `fallback` when none is given. */
function taskName(args: string, fallback: string): string | undefined {
  if (/^\s*(?:\(\s*\))?\s*(?:\{|do\b|$)/.test(args)) return fallback;
  const m = /^\s*\(?\s*(?::([\w:]+)|:?["']([\w:-]+)["']|(\w+):(?!:))/.exec(args);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** What `t.pattern = …` and `t.test_files = …` name, or unread when one is not literal globs. */
function collected(variable: string, body: string): Omit<Declared, 'kind'> {
  const globs: string[] = [];
  let set = false;
  const use = new RegExp(String.raw`\b${variable}\.(?:pattern|test_files)\b[ \t]*(=(?!=))?`, 'g');
  for (const m of body.matchAll(use)) {
    set = true;
    const value = m[1]
      ? literalGlobs(body.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 1024))
      : undefined;
    if (!value) return { unread: true };
    globs.push(...value);
  }
  return set ? { globs } : {};
}

/** `"a/**​/*_x.rb"`, `FileList["a", "b"]`, `Dir["a"]`, `Dir.glob("a")`, `["a", "b"]`; a comma splits a string into globs. */
function literalGlobs(value: string): string[] | undefined {
  const v = value.replace(/^[ \t]*(?:FileList|Dir(?:\.glob)?)[ \t]*(?=[[(])/, '').replace(/^[ \t]*/, '');
  const closer = v[0] === '[' ? ']' : v[0] === '(' ? ')' : undefined;
  const globs: string[] = [];
  let i = closer ? 1 : 0;
  for (;;) {
    while (/\s/.test(v[i] ?? '')) i++;
    const quote = v[i];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = v.indexOf(quote, i + 1);
    const s = close === -1 ? '' : v.slice(i + 1, close);
    if (!s || s.includes('\\') || (quote === '"' && s.includes('#{'))) return undefined;
    globs.push(...s.split(',').filter(Boolean));
    i = close + 1;
    while (v[i] === ' ' || v[i] === '\t') i++;
    if (closer && v[i] === ',') {
      i++;
      continue;
    }
    break;
  }
  if (closer) {
    while (/\s/.test(v[i] ?? '')) i++;
    if (v[i] !== closer) return undefined;
    i++;
  }
  // What may follow on its line: `.exclude(…)` (it only narrows), a comment, the block's end, another statement.
  const rest = v.slice(i).split('\n')[0];
  return /^(?:[ \t]*\.exclude\([^)]*\))*[ \t]*(?:[;}#]|end\b|$)/.test(rest) ? globs.slice(0, 64) : undefined;
}

/** `:test`, `[:test, :lint]`, `%i[test lint]`, `"test"`: the prerequisites a `task name: …` line gives. */
function taskNames(value: string): string[] {
  const words = /^\s*%[iw][[(]([^\])]*)/.exec(value)?.[1];
  if (words) return words.split(/\s+/).filter(Boolean);
  const head = value.split(/\bdo\b|\{/)[0];
  return [...head.matchAll(/:([\w:]+)|["']([\w:-]+)["']/g)].map((m) => m[1] ?? m[2]).slice(0, 16);
}
