// Source code that compilers and runtimes run straight from the line: inline
// code (`guile -c`, `elixir -e`, `erl -eval`, `groovy -e`), a source file
// (`go run main.go`, `java Main.java`, `elixir x.exs`, `rust-script x.rs`),
// a Go package folder (`go run .`) or code on stdin (`jshell`, `swift -`,
// `crystal eval`, `nim e`, `ocaml`, `runghc` fed a heredoc).
// Each is read as `python x.py` is (shells.ts emitCodeReading): the same size
// bound and unread-file finding. Only operands with the language's own file
// extension are read, so `swift build`, `dart test`, `java -jar app.jar` and
// `mix test` read nothing. A Go package's files are read as test code is:
// what they do to places named outright and every command they run, not the
// folders a server makes and removes at run time. A file or package folder
// that cannot be read before the command runs (made, fetched or written with
// unknown text earlier on the line, or unreadable) is asked about: what it
// runs is not known. One missing before a line that makes nothing fails to run.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import type { Language } from '../interpreters';
import { foreignProgram } from '../foreignCode';
import { MAX_SCRIPT_CHARS, noteUnreadScript, STDIN_FILES } from './common';
import { madeBefore, namedBefore, readBeforeRun, unknownSource } from './madeOnLine';
import { codeFromStdin, emitCodeReading } from './shells';

interface Runs {
  lang: Language;
  /** The subcommand that runs a file (`go run`, `mix run`, `cargo script`); `optional` when the file may come first. */
  sub?: string | readonly string[];
  optional?: boolean;
  /** The file extensions it runs. */
  ext: RegExp;
  /** Flags that take inline code. */
  inline: readonly string[];
  /** Reads its code from stdin when no file is named (`jshell`). */
  stdin?: boolean;
  /** Words that, last on the line, read the code from stdin (`crystal eval`, `nim e`). */
  stdinAfter?: readonly string[];
}

const RUNS: ReadonlyMap<string, Runs> = new Map<string, Runs>([
  ['go', { lang: 'go', sub: 'run', ext: /\.go$/, inline: [] }],
  ['cargo', { lang: 'rust', sub: 'script', ext: /\.rs$/, inline: [] }],
  ['rust-script', { lang: 'rust', ext: /\.rs$/, inline: ['-e', '--expr'] }],
  ['java', { lang: 'jvm', ext: /\.java$/, inline: [] }],
  ['jshell', { lang: 'jvm', ext: /\.(?:jsh|java)$/, inline: [], stdin: true }],
  ['kotlinc', { lang: 'jvm', ext: /\.kts$/, inline: ['-e', '-expression'] }],
  ['kotlin', { lang: 'jvm', ext: /\.kts$/, inline: ['-e'] }],
  ['groovy', { lang: 'jvm', ext: /\.groovy$/, inline: ['-e'] }],
  ['scala', { lang: 'jvm', sub: 'run', optional: true, ext: /\.(?:scala|sc)$/, inline: ['-e'] }],
  ['scala-cli', { lang: 'jvm', sub: 'run', optional: true, ext: /\.(?:scala|sc)$/, inline: ['-e'] }],
  ['swift', { lang: 'swift', ext: /\.swift$/, inline: ['-e'] }],
  ['mix', { lang: 'elixir', sub: 'run', ext: /\.exs?$/, inline: ['-e', '--eval'] }],
  ['dart', { lang: 'dart', sub: 'run', optional: true, ext: /\.dart$/, inline: [] }],
  ['dotnet', { lang: 'csharp', sub: 'script', ext: /\.csx$/, inline: [] }],
  // Crystal reads as Ruby does (`system`, backticks, FileUtils); OCaml, Nim and V by their shell-out calls.
  ['crystal', { lang: 'ruby', sub: 'run', optional: true, ext: /\.cr$/, inline: ['eval'], stdinAfter: ['eval'] }],
  [
    'nim',
    {
      lang: 'native',
      sub: ['e', 'r', 'c', 'compile', 'run'],
      ext: /\.nims?$/,
      inline: ['-e', '--eval'],
      stdinAfter: ['e', 'r'],
    },
  ],
  ['v', { lang: 'native', sub: 'run', optional: true, ext: /\.vv?$/, inline: ['-e'] }],
  ['ocaml', { lang: 'native', ext: /\.ml$/, inline: ['-e'], stdin: true }],
  ['runghc', { lang: 'haskell', ext: /\.l?hs$/, inline: ['-e'], stdin: true }],
  ['runhaskell', { lang: 'haskell', ext: /\.l?hs$/, inline: ['-e'], stdin: true }],
]);
/** The interpreters of foreignCode.ts run their own files. */
const EXTENSIONS: Readonly<Record<string, RegExp>> = {
  lisp: /\.(?:scm|ss|rkt|clj|cljc|bb|lisp|lsp|cl)$/,
  haskell: /\.l?hs$/,
  elixir: /\.exs?$/,
  erlang: /\.(?:erl|escript)$/,
};

/** Go files of one package folder read: more asks, as a file left unread would run unread. */
const MAX_PACKAGE_FILES = 256;

function runsOf(prog: string): Runs | undefined {
  const own = RUNS.get(prog);
  if (own) return own;
  const foreign = foreignProgram(prog);
  if (!foreign) return undefined;
  // ghc compiles the files it is given; only its inline code runs.
  const ext = prog === 'ghc' ? /^$/ : (EXTENSIONS[foreign.lang] ?? /^$/);
  return { lang: foreign.lang, ext, inline: foreign.inline };
}

export function readSourceRuns(prog: string, p: Pending, scope: Scope, w: Walker): void {
  const runs = runsOf(prog);
  if (!runs) return;
  const argv = p.argv;
  let i = 1;
  if (runs.sub) {
    if ([runs.sub].flat().includes(argv[1])) i = 2;
    else if (!runs.optional) return;
  }
  if (runs.stdinAfter?.includes(argv[argv.length - 1]) && argv.length - 1 <= i) {
    fromStdin(runs.lang, prog, p, scope, w);
    return;
  }
  const files: string[] = [];
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (runs.inline.includes(a) && argv[i + 1] !== undefined) {
      emitCodeReading(runs.lang, argv[i + 1], p, scope, w, `${prog} ${a}`);
      i++;
      continue;
    }
    // `nim e --eval:CODE`, `-e=CODE`: the code joined to its flag.
    const joined = runs.inline.find((f) => a.startsWith(f + ':') || a.startsWith(f + '='));
    if (joined && !p.dynamic[i]) {
      emitCodeReading(runs.lang, a.slice(joined.length + 1), p, scope, w, `${prog} ${joined}`);
      continue;
    }
    if (a === '-' && runs.lang !== 'go') {
      fromStdin(runs.lang, prog, p, scope, w);
      return;
    }
    if (a.startsWith('-') || p.dynamic[i]) {
      // `kotlinc -script x.kts`, `clojure -M x.clj`: a flag before the file; the others' values are not files of the language.
      continue;
    }
    if (runs.ext.test(a)) {
      files.push(a);
      // `go run a.go b.go`: the package is every file named; the others run one file and pass the rest to it.
      if (runs.lang !== 'go') break;
      continue;
    }
    if (runs.lang === 'go' && !files.length && (a === '.' || a.startsWith('./') || a.startsWith('../')))
      readPackage(a, p, scope, w);
    break;
  }
  for (const f of files) readSource(runs.lang, f, p, scope, w, `${prog} ${f}`);
  if (!files.length && runs.stdin && i >= argv.length) fromStdin(runs.lang, prog, p, scope, w);
}

function fromStdin(lang: Language, prog: string, p: Pending, scope: Scope, w: Walker): void {
  codeFromStdin(p, prog, w, (text) => {
    emitCodeReading(lang, text, p, scope, w, prog);
    return { kind: 'done' };
  });
}

function readSource(
  lang: Language,
  file: string,
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
  tests?: Set<string>,
) {
  if (STDIN_FILES.has(file)) return;
  const text = readBeforeRun(file, p, scope, w, via, !tests);
  if (text === undefined) return;
  noteUnreadScript(file, text, scope, w, via);
  if (text.length <= MAX_SCRIPT_CHARS) emitCodeReading(lang, text, p, scope, w, via, tests);
}

/**
 * `go run .`, `go run ./cmd/server`: the package's .go files, its tests left out as go leaves them out; `via` for a
 * program built from it (builtPrograms.ts).
 */
export function readPackage(dir: string, p: Pending, scope: Scope, w: Walker, via = `go run ${dir}`): void {
  const abs = path.resolve(scope.cwd, dir);
  const st = w.ctx.stat?.(abs);
  const entries = w.ctx.readdir?.(abs);
  const below = (t: string) => t.startsWith(abs + path.sep);
  if (!entries) {
    // A folder that is there and cannot be listed, one an earlier command on the line may make and fill, or one
    // the line writes a file of unknown text into.
    if (!w.ctx.readdir || st?.isDir === true || (!st && madeBefore(w, p)) || [...w.writtenUnknown].some(below))
      unknownSource(w, via, dir, 'a package folder that cannot be listed before it runs');
    return;
  }
  // Missing now (listed from the files written earlier on the line), or written into by an earlier command: its
  // files cannot all be known before it runs.
  if ((!st && madeBefore(w, p)) || [...w.writtenUnknown].some(below) || namedBefore(w, p, below, abs))
    return unknownSource(w, via, dir, 'a package folder an earlier command on the line writes into');
  const files = entries.filter((e) => !e.dir && e.name.endsWith('.go') && !e.name.endsWith('_test.go'));
  const seen = new Set<string>();
  for (const e of files.slice(0, MAX_PACKAGE_FILES)) readSource('go', path.join(dir, e.name), p, scope, w, via, seen);
  if (files.length > MAX_PACKAGE_FILES)
    w.addFinding({
      id: 'parse.too-complex',
      summary: `\`${via}\` runs more files than AgentGuard reads (${MAX_PACKAGE_FILES}): those past the bound would run unread, so a human must look at it`,
      severity: 60,
    });
}
