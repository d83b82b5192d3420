// The shell-outs, deletions and writes of languages whose code the common
// reader (interpreters.ts) does not know the calls of: Lisps (Guile, Racket,
// Clojure, Babashka), Haskell, the JVM languages (Java, Kotlin, Scala, Groovy),
// Swift, Elixir, Erlang, Go, Dart and C# scripts, and the shell-outs of
// OCaml, Nim and V. Each language's own call
// names are turned into the same reading: a command line run through a shell,
// a program with its arguments, a path deleted (recursively or not), a path
// written. One string handed to a process call is a command line; a program
// and its arguments are an argument list.
import { topLevelIndex } from './codeScan';
import { readReceiverDeletes } from './jvmDeletes';
import { TEMP_FOLDER_PATH, tempFolderNames } from './tempFolders';

export type ForeignLanguage =
  | 'lisp'
  | 'haskell'
  | 'jvm'
  | 'swift'
  | 'elixir'
  | 'erlang'
  | 'go'
  | 'dart'
  | 'csharp'
  /** OCaml, Nim and V: only their shell-out calls are read. */
  | 'native';

const FOREIGN_LANGUAGES: ReadonlySet<string> = new Set<ForeignLanguage>([
  'native',
  'lisp',
  'haskell',
  'jvm',
  'swift',
  'elixir',
  'erlang',
  'go',
  'dart',
  'csharp',
]);

/** A language read here only, not by the common reader. */
export function isForeignLanguage(language: string): language is ForeignLanguage {
  return FOREIGN_LANGUAGES.has(language);
}

/** What readForeign adds to: the shape of interpreters.ts CodeReading. */
export interface ForeignReading {
  shell: string[];
  argvs: string[][];
  deletes: { path: string; recursive: boolean }[];
  writes: { path: string; append: boolean }[];
}

/** A literal string of these languages: "…", Erlang/Elixir '…' charlists, Go `…` raw strings. */
const LIT = String.raw`(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|\x60([^\x60]*)\x60)`;
const LIT_AT = new RegExp('^\\s*' + LIT, 's');
const LIT_ALL = new RegExp(LIT, 'gs');

/** Expressions that mean the home directory in these languages. */
const HOME =
  /^(?:System\.getProperty\(\s*"user\.home"\s*\)|System\.getenv\(\s*"HOME"\s*\)|System\.user_home!?\(\)|System\.get_env\(\s*"HOME"\s*\)|os:getenv\(\s*"HOME"\s*\)|\(getenv\s+"HOME"\)|NSHomeDirectory\(\)|FileManager\.default\.homeDirectoryForCurrentUser(?:\.path)?|Environment\.GetFolderPath\(\s*Environment\.SpecialFolder\.UserProfile\s*\)|Platform\.environment\[\s*'HOME'\s*\]!?|getHomeDirectory)$/;
/** A path wrapped in a file object: `new File("x")`, `Paths.get("x")`, `Path.of("x")`, `URL(fileURLWithPath: "x")`, `Directory("x")`. */
const WRAPPED =
  /^(?:new\s+)?(?:java\.io\.)?(?:File|Directory|Path|Paths\.get|Path\.of|URL|DirectoryInfo|FileInfo)\s*\(\s*(?:fileURLWithPath:\s*)?([\s\S]*?)\s*\)$/;

function unescape(m: RegExpExecArray): string {
  if (m[3] !== undefined) return m[3];
  return (m[1] ?? m[2] ?? '').replace(/\\(.)/g, (_x, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

function pathOf(expr: string, home: string, common: (e: string) => string, depth = 0): string {
  const e = expr.trim().replace(/^~c(?=")/, '');
  const lit = new RegExp('^' + LIT + '$', 's').exec(e);
  if (lit) return unescape(lit);
  if (HOME.test(e)) return home;
  // Only a constructor whose own `)` ends the expression: `Path.of(x).resolve("y")` is a call on it (codePaths.ts).
  const wrapped = WRAPPED.exec(e);
  const whole = wrapped && topLevelIndex(e, e.indexOf('(') + 1, e.length, (c) => c === ')') === e.length - 1;
  if (wrapped && whole && depth < 4) {
    const first = wrapped[1].split(/\s*,\s*(?=\w+:)/)[0];
    // `new File(home, "x")`, `Path.of(home, "x")`: more than one part is the common reader's join of them all.
    if (topLevelIndex(first, 0, first.length, (c) => c === ',') < first.length) return common(e);
    return pathOf(first, home, common, depth + 1);
  }
  // `home + "/.ssh"`, `"#{home}/x"` is not followed: an unknown part makes the whole path unknown.
  if (e.includes('+') && depth < 4) {
    const parts = e.split(/\s*\+\s*/);
    if (parts.length <= 8) {
      const values = parts.map((x) => pathOf(x, home, common, depth + 1));
      if (!values.some((v) => v.startsWith('$('))) return values.join('');
    }
  }
  return common(e);
}

/** The argument starting at `from`: to the next top-level `,` or closing bracket, or (unparenthesised calls) the end of the line. */
function argAt(code: string, from: number, bare: boolean): string {
  const stop = bare
    ? (c: string) => c === ',' || c === ')' || c === ']' || c === '}' || c === '\n' || c === ';'
    : (c: string) => c === ',' || c === ')' || c === ']' || c === '}' || c === ';';
  let end = topLevelIndex(code, from, 2048, stop);
  let arg = code.slice(from, end).trim();
  // Haskell and Lisp pass arguments apart by spaces: the first word is the argument.
  if (bare) {
    const lit = LIT_AT.exec(arg);
    if (lit) return lit[0].trim();
    end = arg.search(/\s/);
    if (end > 0) arg = arg.slice(0, end);
  }
  return arg;
}

/** The literal strings of a list or an argument run, the first 64. */
function literals(text: string): string[] {
  const out: string[] = [];
  LIT_ALL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LIT_ALL.exec(text)) && out.length < 64) out.push(unescape(m));
  return out;
}

type Kind = 'shell' | 'joined' | 'argv' | 'program+list' | 'delete' | 'delete-r' | 'write' | 'append';

/**
 * Call names of each kind. `shell`: the first argument is a command line. `argv`: the string arguments are the
 * program and its arguments (one alone is a command line). `program+list`: a program, then a list of arguments.
 * The others take a path first. A trailing `(` or whitespace is where the arguments start.
 */
const CALLS: readonly { re: RegExp; kind: Kind }[] = [
  // Lisps: (system "…"), (system* "rm" "-rf" "x"), (shell/sh "rm" …), (process "…"), (shell "…").
  {
    re: /\((?:[\w.-]+\/)?(?:system\*?|process\*?|sh|shell|run-command|exec|process-run)\s+(?=["'])/g,
    kind: 'argv',
  },
  // Common Lisp: (sb-ext:run-program "/bin/rm" '("-rf" "x")), (run-program "rm" (list …)), (uiop:run-program "…").
  { re: /\((?:[\w.-]+:{1,2})?run-program\s+(?=["'(])/g, kind: 'program+list' },
  // Haskell: callCommand / system / spawnCommand / shell "…"; callProcess / readProcess / rawSystem / proc "rm" […].
  { re: /\b(?:callCommand|spawnCommand|runCommand|shell|system)\s+(?=")/g, kind: 'shell' },
  {
    re: /\b(?:callProcess|readProcess|readProcessWithExitCode|rawSystem|proc|spawnProcess)\s+(?="[^"]*"\s*\[)/g,
    kind: 'program+list',
  },
  // OCaml Sys.command "…" (its Unix.system "…" is read as Haskell's system); Nim execShellCmd("…") / execCmd / execProcess (V's os.system and os.execute are read by the common reader).
  {
    re: /\b(?:Sys\.command|execShellCmd|execCmdEx|execCmd|execProcess)\s*\(?\s*(?=["'])/g,
    kind: 'shell',
  },
  // Elixir System.cmd("rm", [..]) / System.shell("…") / :os.cmd('…'); Erlang os:cmd("…"), open_port({spawn, "…"}).
  { re: /\bSystem\.cmd\s*\(?\s*(?=["'])/g, kind: 'program+list' },
  { re: /\bSystem\.shell\s*\(?\s*|:?\bos[.:]cmd\s*\(\s*(?:~c)?|\{\s*spawn\s*,\s*/g, kind: 'shell' },
  // Go exec.Command("rm", "-rf", x); Java/Kotlin ProcessBuilder("rm", "-rf", x); .NET Process.Start("rm", "-rf x").
  {
    re: /\bexec\.CommandContext\s*\(\s*\w+\s*,\s*|\bexec\.Command\s*\(\s*|\bProcessBuilder\s*\(\s*(?:(?:listOf|List\.of|Arrays\.asList|mutableListOf)\s*\(\s*)?|\bsyscall\.Exec\s*\(\s*/g,
    kind: 'argv',
  },
  // .NET Process.Start("rm", "-rf /x"): the program and one string of its arguments, a command line.
  { re: /\bProcess\.Start\s*\(\s*(?=["'])/g, kind: 'joined' },
  // Dart Process.run("rm", [...]) / runSync / start; Swift launchedProcess(launchPath: "…", arguments: […]).
  {
    re: /\bProcess\.(?:run|runSync|start)\s*\(\s*|\blaunchedProcess\s*\(\s*launchPath:\s*|\brun\s*\(\s*URL\s*\(\s*fileURLWithPath:\s*/g,
    kind: 'program+list',
  },
  // Java/Kotlin exec(new String[]{"rm", …}) / exec(arrayOf("rm", …)); Scala Process("…") / Seq("rm", …).!
  {
    re: /\bexec\s*\(\s*(?:new\s+String\s*\[\s*\]\s*\{|arrayOf\s*\(|listOf\s*\()|\bProcess\s*\(\s*(?=["'])/g,
    kind: 'argv',
  },
  // Deletions: Go, Elixir, Erlang, .NET, Java, Haskell, Clojure, Racket, Swift, Kotlin, Groovy.
  {
    re: /\b(?:os\.RemoveAll|File\.rm_rf!?|file:del_dir_r|Directory\.Delete|FileUtils\.(?:deleteDirectory|forceDelete|deleteQuietly)|(?:MoreFiles|FileSystemUtils)\.deleteRecursively|removeDirectoryRecursive|removePathForcibly|delete-directory\/files|fs\/delete-tree|removeItem)(?![\w!/-])\s*\(?\s*(?:at(?:Path)?:\s*)?/g,
    kind: 'delete-r',
  },
  {
    re: /\b(?:os\.Remove|File\.rm!?|File\.rmdir!?|file:delete|file:del_dir|File\.Delete|Files\.delete(?:IfExists)?|removeFile|removeDirectory|delete-file|delete-directory|io\/delete-file|fs\/delete(?:-if-exists)?)(?![\w!/-])\s*\(?\s*/g,
    kind: 'delete',
  },
  // Writes: Go os.WriteFile / os.Create, Elixir File.write!, Erlang file:write_file, .NET File.WriteAllText, Java Files.write*, Haskell writeFile, Clojure spit.
  {
    re: /\b(?:os\.WriteFile|ioutil\.WriteFile|os\.Create|File\.write!?|file:write_file|File\.WriteAll(?:Text|Bytes|Lines)|Files\.write(?:String)?|writeFile|spit|createFile\s*\(\s*atPath:)(?![\w!/-])\s*\(?\s*/g,
    kind: 'write',
  },
  {
    re: /\b(?:appendFile|File\.AppendAll(?:Text|Lines))(?![\w!/-])\s*\(?\s*/g,
    kind: 'append',
  },
];

/** JavaScript runtimes' own process calls: zx's and Bun's `$\`cmd\``, `new Deno.Command("rm", { args: […] })`, `Deno.run({ cmd: […] })`. */
const NODE_CALLS: readonly { re: RegExp; kind: Kind }[] = [
  { re: /(?<![\w$])\$(?=\x60)/g, kind: 'shell' },
  { re: /\bnew\s+Deno\.Command\s*\(\s*(?=["'\x60])/g, kind: 'program+list' },
  { re: /\bDeno\.run\s*\(\s*\{\s*cmd\s*:\s*\[/g, kind: 'argv' },
];
/** R's `system2("rm", c("-rf", x))` and `file.remove(x)`. */
const R_CALLS: readonly { re: RegExp; kind: Kind }[] = [
  { re: /\bsystem2\s*\(\s*(?=["'])/g, kind: 'program+list' },
  { re: /\bfile\.remove\s*\(\s*/g, kind: 'delete' },
];
/** Calls of languages the common reader reads that it does not know. */
const MORE_CALLS: Readonly<Record<string, readonly { re: RegExp; kind: Kind }[]>> = { node: NODE_CALLS, r: R_CALLS };

/** A path's object method that deletes or writes it: `File("x").deleteRecursively()`, `new File("x").deleteDir()`, Dart `Directory("x").deleteSync(recursive: true)`. */
const OBJECT_CALL = new RegExp(
  String.raw`((?:new\s+)?(?:java\.io\.)?(?:File|Directory|Path\.of|Paths\.get))\s*\(\s*([^()]*(?:\([^()]*\)[^()]*)*?)\s*\)\s*\.\s*(deleteRecursively|deleteDir|deleteOnExit|delete|deleteSync|writeText|writeBytes|appendText|writeAsStringSync|writeAsBytesSync|writeAsString|writeAsBytes|toFile\(\)\.delete)\s*\(([^)]*)\)`,
  'g',
);
/** Scala `"cmd".!` / `.!!`, Groovy `"cmd".execute()`, and the list forms `Seq("rm", …).!`, `["rm", …].execute()`. */
const STRING_RUN = new RegExp(LIT + String.raw`\s*\.\s*(?:!!?|execute\s*\(|lazyLines\b|run\s*\()`, 'g');
const LIST_RUN = /(?:\b(?:Seq|List)\s*\(([^()]*)\)|\[([^[\]]*)\])\s*\.\s*(?:!!?|execute\s*\()/g;
/** Swift's Process set up by fields: `p.executableURL = URL(fileURLWithPath: "/bin/rm")` / `launchPath = "…"` then `arguments = [...]`. */
const SWIFT_EXECUTABLE =
  /\b(?:executableURL\s*=\s*URL\s*\(\s*fileURLWithPath:\s*|launchPath\s*=\s*)"((?:[^"\\]|\\.)*)"/g;
const SWIFT_ARGUMENTS = /\.arguments\s*=\s*\[([^\]]*)\]/;

const MAX_MATCHES = 256;

/**
 * Reads `code` for its calls and adds them to `reading`; true when more calls than the bound were found (the rest
 * unread). `common` reads a path expression the way the common reader does (names bound once, `$(EXPR)` otherwise).
 */
export function readForeign(
  code: string,
  home: string,
  reading: ForeignReading,
  common: (e: string) => string,
  /** A language the common reader knows (`node`, `r`): only the calls of it that reader does not know. */
  known?: string,
): boolean {
  const path = (e: string) => pathOf(e, home, common);
  if (known !== undefined) {
    const more = MORE_CALLS[known];
    return more ? readCalls(code, more, reading, path) > MAX_MATCHES : false;
  }
  let count = readCalls(code, CALLS, reading, path);
  let m: RegExpExecArray | null;
  OBJECT_CALL.lastIndex = 0;
  while ((m = OBJECT_CALL.exec(code)) && count++ < MAX_MATCHES) {
    // The whole constructor: `new File(parent, "child")` is the two joined.
    const target = path(`${m[1]}(${m[2]})`);
    const fn = m[3];
    if (/^write|^append/.test(fn)) reading.writes.push({ path: target, append: fn.startsWith('append') });
    else
      reading.deletes.push({
        path: target,
        recursive: /Recursively|deleteDir/.test(fn) || /recursive\s*:\s*true/.test(m[4]),
      });
  }
  if (readReceiverDeletes(code, reading, path)) return true;
  STRING_RUN.lastIndex = 0;
  while ((m = STRING_RUN.exec(code)) && count++ < MAX_MATCHES) reading.shell.push(unescape(m));
  LIST_RUN.lastIndex = 0;
  while ((m = LIST_RUN.exec(code)) && count++ < MAX_MATCHES) pushArgv(literals(m[1] ?? m[2]), reading);
  SWIFT_EXECUTABLE.lastIndex = 0;
  while ((m = SWIFT_EXECUTABLE.exec(code)) && count++ < MAX_MATCHES) {
    const args = SWIFT_ARGUMENTS.exec(code.slice(m.index, m.index + 2048));
    reading.argvs.push([m[1], ...(args ? argsOf(args[1], path) : [])]);
  }
  return count > MAX_MATCHES;
}

/** The calls of `calls` in the code, read into `reading`; how many were found (past MAX_MATCHES, the rest unread). */
function readCalls(
  code: string,
  calls: readonly { re: RegExp; kind: Kind }[],
  reading: ForeignReading,
  path: (e: string) => string,
): number {
  let count = 0;
  let temps: ReadonlySet<string> | undefined;
  for (const { re, kind } of calls) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(code)) && count++ < MAX_MATCHES) {
      const from = m.index + m[0].length;
      const head = m[0].trimEnd();
      const bare = head !== '$' && !/[(:{[]$/.test(head);
      if (kind === 'shell') {
        const arg = argAt(code, from, bare);
        const lit = new RegExp('^' + LIT + '$', 's').exec(arg);
        if (lit) reading.shell.push(unescape(lit));
        else if (arg) reading.argvs.push([path(arg)]);
        continue;
      }
      if (kind === 'program+list') {
        pushArgv(programAndList(code.slice(from, from + 4096), path), reading);
        continue;
      }
      if (kind === 'argv' || kind === 'joined') {
        const end = topLevelIndex(code, from, 4096, (c) => c === ')' || c === '}' || c === ']' || (c === '\n' && bare));
        const args = argsOf(code.slice(from, end), path);
        if (kind === 'joined' && args.length) reading.shell.push(args.join(' '));
        else pushArgv(args, reading);
        continue;
      }
      const arg = argAt(code, from, bare);
      if (!arg) continue;
      if (kind === 'write' || kind === 'append') reading.writes.push({ path: path(arg), append: kind === 'append' });
      else {
        // A folder made fresh in the temp root and only passed on (`d, _ := os.MkdirTemp(…)`) is removed as scratch.
        temps ??= tempFolderNames(code);
        reading.deletes.push({ path: temps.has(arg) ? TEMP_FOLDER_PATH : path(arg), recursive: kind === 'delete-r' });
      }
    }
  }
  return count;
}

/** The arguments of a call, each a literal or a path expression; empty when none is a literal (nothing known). */
function argsOf(text: string, path: (e: string) => string): string[] {
  const out: string[] = [];
  let i = 0;
  // Lisp and Haskell arguments are apart by spaces, the others by commas.
  const spaced = !text.includes(',');
  while (i < text.length && out.length < 64) {
    const end = topLevelIndex(text, i, 2048, (c) => c === ',' || (spaced && /\s/.test(c)));
    const arg = text.slice(i, end).trim();
    if (arg && !/^\w+:\s/.test(arg)) out.push(path(arg));
    i = end + 1;
  }
  return out.some((a) => !a.startsWith('$(')) ? out : [];
}

/** A program, then its arguments in a list: `"rm", ["-rf", x]`, `"rm" ["-rf", x]`, `launchPath: "/bin/rm", arguments: [..]`. */
function programAndList(text: string, path: (e: string) => string): string[] {
  const prog = LIT_AT.exec(text);
  if (!prog) return [];
  // Between the program and its list only a closing bracket, a comma or a label (`), arguments: [`).
  const rest = text.slice(prog[0].length);
  // R's `c(…)` and Deno's `{ args: […] }` hold the list too.
  // A Lisp list is `'(…)`, `(quote (…))` or `(list …)`, perhaps after a keyword (`:arguments (list …)`).
  const between = /^[\s),]*(?:\w+:|:\w+)?\s*(?:\{\s*args\s*:\s*)?(\[|c\(|'\(|\(list\s|\(quote\s*\()/.exec(rest);
  const open = between ? between[0].length : -1;
  const close = between?.[1] === '[' ? ']' : ')';
  const list =
    open === -1
      ? ''
      : rest.slice(
          open,
          topLevelIndex(rest, open, 4096, (c) => c === close),
        );
  return [unescape(prog), ...(list ? argsOf(list, path) : [])];
}

function pushArgv(argv: string[], reading: ForeignReading): void {
  if (!argv.length) return;
  // One string alone is a command line (`(system "rm -rf ~")`, Java's exec("…"), .NET Process.Start("…")).
  if (argv.length === 1 && /\s/.test(argv[0])) reading.shell.push(argv[0]);
  else if (/^(?:\/bin\/|\/usr\/bin\/)?(?:ba|z|da)?sh$/.test(argv[0]) && argv[1] === '-c' && argv[2] !== undefined)
    reading.shell.push(argv[2]);
  else reading.argvs.push(argv);
}

/** The interpreters of these languages, and the flag each takes inline code with. */
const PROGRAMS: ReadonlyMap<string, { lang: ForeignLanguage; inline: readonly string[] }> = new Map([
  ['guile', { lang: 'lisp', inline: ['-c'] }],
  ['sbcl', { lang: 'lisp', inline: ['--eval'] }],
  ['ccl', { lang: 'lisp', inline: ['-e', '--eval'] }],
  ['ecl', { lang: 'lisp', inline: ['-eval'] }],
  ['clisp', { lang: 'lisp', inline: ['-x'] }],
  ['racket', { lang: 'lisp', inline: ['-e', '--eval'] }],
  ['bb', { lang: 'lisp', inline: ['-e', '--eval'] }],
  ['clojure', { lang: 'lisp', inline: ['-e', '--eval'] }],
  ['clj', { lang: 'lisp', inline: ['-e', '--eval'] }],
  ['ghc', { lang: 'haskell', inline: ['-e'] }],
  ['runghc', { lang: 'haskell', inline: ['-e'] }],
  ['runhaskell', { lang: 'haskell', inline: ['-e'] }],
  ['scala', { lang: 'jvm', inline: ['-e'] }],
  ['scala-cli', { lang: 'jvm', inline: ['-e', '--execute-script'] }],
  ['groovy', { lang: 'jvm', inline: ['-e'] }],
  ['kotlin', { lang: 'jvm', inline: ['-e'] }],
  ['kotlinc', { lang: 'jvm', inline: ['-e', '-expression'] }],
  ['jshell', { lang: 'jvm', inline: [] }],
  ['java', { lang: 'jvm', inline: [] }],
  ['swift', { lang: 'swift', inline: ['-e'] }],
  ['elixir', { lang: 'elixir', inline: ['-e', '--eval'] }],
  ['iex', { lang: 'elixir', inline: ['-e', '--eval'] }],
  ['erl', { lang: 'erlang', inline: ['-eval'] }],
  ['escript', { lang: 'erlang', inline: [] }],
  ['dart', { lang: 'dart', inline: [] }],
]);

export function foreignProgram(program: string): { lang: ForeignLanguage; inline: readonly string[] } | undefined {
  return PROGRAMS.get(program);
}
