// More build tools that run code the workspace holds: bundler evaluates the Gemfile as Ruby on every call;
// cmake runs CMakeLists.txt's `execute_process` and `file(REMOVE…)` while it configures; gradle runs its
// settings and build scripts (Groovy or Kotlin) before any task; pre-commit runs each hook's `entry` as a
// command; `mvn exec:exec` runs the program its properties name. Each file is read alone, bounded, the way
// buildFiles.ts reads setup.py: an unreadable file that is known to run asks.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { emitCodeReading } from './shells';
import { pastBound } from './testFiles';
import { shellWord } from '../../text/shellWord';

/** Bounds the command lines taken from one file, and the CMakeLists.txt files one configure reads. */
const MAX_COMMANDS = 64;
const MAX_CMAKE_FILES = 32;

export function readProjectBuilds(prog: string, p: Pending, scope: Scope, w: Walker): void {
  if (scope.remote) return;
  if (prog === 'bundle' || prog === 'bundler') return readGemfile(p, scope, w);
  if (prog === 'cmake') return readCmake(p, scope, w);
  if (prog === 'gradle' || prog === 'gradlew') return readGradle(prog, p, scope, w);
  // prek reads pre-commit's config and runs its hooks the same way.
  if (prog === 'pre-commit' || prog === 'prek') return preCommit(p, scope, w);
  if (prog === 'mvn' || prog === 'mvnw') return mavenExec(p, scope, w);
}

function readScript(lang: 'ruby' | 'jvm', file: string, p: Pending, scope: Scope, w: Walker, via: string): string {
  const text = w.ctx.readFile(file, scope.cwd);
  noteUnreadScript(file, text, scope, w, via);
  if (text === undefined || text.length > MAX_SCRIPT_CHARS) return '';
  emitCodeReading(lang, text, p, scope, w, via);
  return text;
}

/** Walks each command line as one the tool runs, from `cwd`. */
function walkLines(lines: string[], file: string, scope: Scope, w: Walker, via: string, cwd = scope.cwd): void {
  if (lines.length > MAX_COMMANDS) pastBound(w, via, `command lines in ${file}`);
  const inner: Scope = { ...scope, cwd, via: [...scope.via, `${via} (${file})`], depth: scope.depth + 1 };
  for (const line of lines.slice(0, MAX_COMMANDS)) w.walkText(line, inner, true);
}

/** Every bundler command (`bundle`, `bundle install`, `bundle exec rspec`) evaluates the Gemfile first. */
function readGemfile(p: Pending, scope: Scope, w: Walker): void {
  const sub = p.argv[1];
  if (sub === 'version' || sub === '--version' || sub === '-v' || sub === 'help' || sub === '--help') return;
  const at = p.argv.findIndex((a) => a === '--gemfile');
  const eq = p.argv.find((a) => a.startsWith('--gemfile='));
  const named = eq ? eq.slice(10) : at > 0 && !p.dynamic[at + 1] ? p.argv[at + 1] : p.env.BUNDLE_GEMFILE;
  const file = named ?? (w.ctx.readFile('gems.rb', scope.cwd) !== undefined ? 'gems.rb' : 'Gemfile');
  readScript('ruby', file, p, scope, w, `bundle ${sub ?? 'install'} evaluating ${file}`);
}

/** cmake's options that take a value; `-S`/`-B` are read, `--build`/`--install`/`-E`/`--help…` do not configure. */
const CMAKE_VALUES = new Set(
  '-G -T -A -C -D -U --preset --toolchain --install-prefix --graphviz --log-level'.split(' '),
);

function readCmake(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  let source: string | undefined;
  let build: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (/^(?:--build|--install|--open|-E|--help.*|--version|-h|--find-package|--workflow)$/.test(a)) return;
    if (a === '-P') {
      const script = argv[i + 1];
      if (script !== undefined && !p.dynamic[i + 1]) readCmakeFile(script, p, scope, w, [], '.', '.');
      return;
    }
    if (a === '-S' || a === '-B') {
      if (p.dynamic[i + 1]) return pastBound(w, 'cmake', 'a folder only known at run time');
      if (a === '-S') source = argv[++i];
      else build = argv[++i];
    } else if (a.startsWith('-S') || a.startsWith('-B')) {
      if (a.startsWith('-S')) source = a.slice(2);
      else build = a.slice(2);
    } else if (a === '--preset' || a.startsWith('--preset=')) {
      // A configure preset configures the working folder's project.
      source ??= '.';
      if (a === '--preset') i++;
    } else if (CMAKE_VALUES.has(a)) i++;
    else if (!a.startsWith('-')) {
      if (p.dynamic[i]) return pastBound(w, 'cmake', 'a folder only known at run time');
      // `cmake ..` names the source folder; a folder holding CMakeCache.txt is a build folder, configured again.
      const cache = w.ctx.readFile(path.join(a, 'CMakeCache.txt'), scope.cwd);
      const home = cache && /^CMAKE_HOME_DIRECTORY:INTERNAL=(.+)$/m.exec(cache)?.[1];
      if (home) {
        source = home;
        build = a;
      } else source = a;
    }
  }
  // `cmake -B build` configures the working folder.
  if (source === undefined && build === undefined) return;
  const src = path.resolve(scope.cwd, source ?? '.');
  const bin = path.resolve(scope.cwd, build ?? '.');
  const queue = [src];
  for (let k = 0; k < queue.length; k++) {
    if (k >= MAX_CMAKE_FILES) return pastBound(w, 'cmake', `CMakeLists.txt files (${MAX_CMAKE_FILES})`);
    const dir = queue[k];
    const subdirs = readCmakeFile(path.join(dir, 'CMakeLists.txt'), p, scope, w, [], src, bin, dir);
    for (const sub of subdirs) if (!queue.includes(sub)) queue.push(sub);
  }
}

/** CMake variables whose value is known before configuring. */
function cmakeValue(name: string, src: string, bin: string, dir: string): string | undefined {
  if (/^(?:CMAKE_SOURCE_DIR|PROJECT_SOURCE_DIR)$/.test(name)) return src;
  if (/^(?:CMAKE_CURRENT_SOURCE_DIR|CMAKE_CURRENT_LIST_DIR)$/.test(name)) return dir;
  if (/^(?:CMAKE_BINARY_DIR|PROJECT_BINARY_DIR|CMAKE_CURRENT_BINARY_DIR)$/.test(name)) return bin;
  if (name === 'CMAKE_COMMAND') return 'cmake';
  // find_package's results name the program they found: `${Python3_EXECUTABLE}` is python3, `${GIT_EXECUTABLE}` git.
  const program = /^([A-Za-z]+\d?)_EXECUTABLE$/.exec(name)?.[1];
  return program?.toLowerCase();
}

/** The words of a CMake argument list: `"quoted"` or bare, `#` comments dropped. */
function cmakeWords(args: string): string[] {
  return [...args.replace(/#[^\n]*/g, '').matchAll(/"((?:[^"\\]|\\.)*)"|([^\s"()]+)/g)].map(
    (m) => m[1]?.replace(/\\(.)/g, '$1') ?? m[2],
  );
}

const CMAKE_CALL = /^[ \t]*(execute_process|exec_program|file|add_subdirectory|include)[ \t]*\(/gim;
const EXECUTE_KEYWORDS =
  /^(?:COMMAND|WORKING_DIRECTORY|TIMEOUT|RESULT_VARIABLE|RESULTS_VARIABLE|OUTPUT_VARIABLE|ERROR_VARIABLE|INPUT_FILE|OUTPUT_FILE|ERROR_FILE|OUTPUT_QUIET|ERROR_QUIET|COMMAND_ECHO|OUTPUT_STRIP_TRAILING_WHITESPACE|ERROR_STRIP_TRAILING_WHITESPACE|ENCODING|ECHO_OUTPUT_VARIABLE|ECHO_ERROR_VARIABLE|COMMAND_ERROR_IS_FATAL|ARGS)$/;

/** Reads one CMake file's configure-time commands and deletions; returns the folders it adds. */
function readCmakeFile(
  file: string,
  p: Pending,
  scope: Scope,
  w: Walker,
  found: string[],
  src: string,
  bin: string,
  dir = src,
  depth = 0,
): string[] {
  const via = `cmake configuring ${path.relative(scope.cwd, file) || file}`;
  const text = w.ctx.readFile(file, scope.cwd);
  if (text === undefined && w.ctx.stat?.(path.resolve(scope.cwd, file)) === undefined) return found;
  noteUnreadScript(file, text, scope, w, via);
  if (text === undefined || text.length > MAX_SCRIPT_CHARS) return found;
  // `set(NAME value)` of one literal word, as written before any use; a name set twice is only known at run time.
  const set = new Map<string, string | undefined>();
  for (const m of text.matchAll(/^[ \t]*set[ \t]*\([ \t]*(\w+)[ \t]+("[^"\n]*"|[^\s()"]+)[ \t]*\)/gim)) {
    if (set.size >= MAX_COMMANDS) break;
    // A value naming other variables is known when those are the folders cmake knows beforehand.
    const value = m[2]
      .replace(/^"|"$/g, '')
      .replace(/\$\{(\w+)\}/g, (whole, name: string) => cmakeValue(name, src, bin, dir) ?? whole);
    set.set(m[1], set.has(m[1]) || value.includes('$') ? undefined : value);
  }
  const expand = (word: string): string =>
    word.replace(/\$\{([\w]+)\}|\$(ENV\{\w+\})/g, (_whole: string, name?: string, env?: string) => {
      const known = cmakeValue(name ?? env ?? '', src, bin, dir) ?? (name ? set.get(name) : undefined);
      return known ?? (env ? `$${env.slice(4, -1)}` : `$(${name})`);
    });
  const lines: string[] = [];
  let count = 0;
  for (const m of text.matchAll(CMAKE_CALL)) {
    if (count++ > MAX_COMMANDS) {
      pastBound(w, via, `calls in ${file}`);
      break;
    }
    const close = text.indexOf(')', m.index + m[0].length);
    const words = cmakeWords(text.slice(m.index + m[0].length, close === -1 ? undefined : close)).map(expand);
    const call = m[1].toLowerCase();
    if (call === 'add_subdirectory' && words[0]) found.push(path.resolve(dir, words[0]));
    else if (call === 'file' && /^REMOVE(?:_RECURSE)?$/.test(words[0] ?? ''))
      for (const target of words.slice(1).slice(0, MAX_COMMANDS))
        lines.push(`rm ${words[0] === 'REMOVE' ? '-f' : '-rf'} ${shellPath(target, dir)}`);
    else if (call === 'execute_process') {
      let current: string[] | undefined;
      for (const word of words) {
        if (word === 'COMMAND') lines.push(...(current?.length ? [current.join(' ')] : []));
        if (EXECUTE_KEYWORDS.test(word)) current = word === 'COMMAND' ? [] : undefined;
        else current?.push(shellPath(word, ''));
      }
      if (current?.length) lines.push(current.join(' '));
    } else if (call === 'exec_program' && words[0]) lines.push(words.filter((x) => x !== 'ARGS').join(' '));
    else if (call === 'include' && /\.cmake$/.test(words[0] ?? '') && !words[0].includes('$(')) {
      // An included file runs in the including folder; includes nest, so their depth is bounded.
      if (depth >= 4) pastBound(w, via, 'nested include() calls (4)');
      else readCmakeFile(path.resolve(dir, words[0]), p, scope, w, found, src, bin, dir, depth + 1);
    }
  }
  walkLines(lines, path.relative(scope.cwd, file) || file, scope, w, 'cmake', dir);
  return found;
}

/** A CMake word as a shell word; a relative path of `file(REMOVE…)` is relative to the current source folder. */
function shellPath(word: string, dir: string): string {
  const full = dir && !word.startsWith('/') && !word.startsWith('$') ? path.join(dir, word) : word;
  if (/^\$\(\w+\)/.test(full) || /^\$\w+/.test(full)) return full.replace(/[^\w$()/.~-]/g, '');
  return shellWord(full);
}

/** Gradle runs settings.gradle then build.gradle (or the `.kts` forms) of the project it is pointed at. */
function readGradle(prog: string, p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  if (argv.slice(1).some((a) => /^(?:--version|-v|--help|-h|-\?|--stop|--status)$/.test(a))) return;
  let dir = '.';
  const named: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '-p' || a === '--project-dir') && argv[i + 1] !== undefined) {
      if (p.dynamic[i + 1]) return pastBound(w, prog, 'a project folder only known at run time');
      dir = argv[++i];
    } else if ((a === '-b' || a === '--build-file' || a === '-c' || a === '--settings-file') && argv[i + 1]) {
      if (p.dynamic[i + 1]) return pastBound(w, prog, 'a build file only known at run time');
      named.push(argv[++i]);
    }
  }
  const files = named.length
    ? named
    : ['settings.gradle', 'settings.gradle.kts', 'build.gradle', 'build.gradle.kts'].map((f) => path.join(dir, f));
  for (let k = 0; k < files.length; k++) {
    if (k >= MAX_GRADLE_FILES) return pastBound(w, prog, `applied scripts (${MAX_GRADLE_FILES})`);
    const file = files[k];
    const text = readScript('jvm', file, p, scope, w, `${prog} evaluating ${file}`);
    if (!text) continue;
    walkLines(gradleCommands(text), file, scope, w, prog);
    // `apply from: 'ci.gradle'` / `apply(from = "ci.gradle.kts")`: a workspace script run as this one is.
    for (const m of text.matchAll(/\bapply\s*\(?\s*from\s*[:=]\s*["']([^"':]+\.gradle(?:\.kts)?)["']/g)) {
      const applied = path.join(path.dirname(file), m[1]);
      if (!files.includes(applied)) files.push(applied);
    }
  }
}
/** Bounds the gradle scripts one call reads, its own and those they apply. */
const MAX_GRADLE_FILES = 16;

/** `commandLine 'rm', '-rf', x`, `commandLine("rm", …)`, `delete(…)`, `project.delete …`, `"…".execute()`. */
function gradleCommands(code: string): string[] {
  const lines: string[] = [];
  const home = String.raw`System\.getProperty\(\s*["']user\.home["']\s*\)|System\.getenv\(\s*["']HOME["']\s*\)`;
  // The home folder asked of the JVM, inside a string or as an argument, is read as `~`.
  const text = code.replace(new RegExp(String.raw`\$\{(?:${home})\}`, 'g'), '~').replace(new RegExp(home, 'g'), '"~"');
  // `commandLine 'a', 'b'` / `commandLine("a", x)`: the arguments up to the closing parenthesis or the line's end.
  for (const m of text.matchAll(/\b(commandLine|delete)\b[ \t]*(?:=[ \t]*(?:listOf[ \t]*)?)?(\(|[ \t]+(?=["'\w]))/g)) {
    if (lines.length > MAX_COMMANDS) break;
    const from = (m.index ?? 0) + m[0].length;
    const args = topLevel(text.slice(from, from + 1024), m[2] === '(');
    if (m[1] === 'commandLine') {
      // An argument that is not a literal is only known when gradle runs.
      const words = args.map((a) => literal(a));
      if (words.length)
        lines.push(words.map((x) => (x === undefined ? '$(gradle_value)' : homeWord(gradleWord(x)))).join(' '));
    } else
      for (const a of args) {
        // `delete(file("x"))`, `delete fileTree('x')`, `ant.delete(dir: "x")`: the paths named in the argument.
        for (const x of a.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/g))
          lines.push(`rm -rf ${homeWord(gradleWord(x[1] ?? x[2]))}`);
      }
  }
  return lines;
}

/** A Groovy/Kotlin string literal's text; undefined for any other expression. */
function literal(arg: string): string | undefined {
  const m = /^\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*$/.exec(arg);
  return m ? (m[1] ?? m[2]).replace(/\\(.)/g, '$1') : undefined;
}

/** Splits an argument list at its top-level commas; ends at the closing parenthesis, or the line without one. */
function topLevel(text: string, paren: boolean): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  let k = 0;
  for (; k < text.length; k++) {
    const c = text[k];
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if ((c === ')' && paren) || ((c === '\n' || c === ';' || c === '}' || c === ')') && !paren)) break;
    else if (c === ',' && depth === 0) {
      args.push(text.slice(start, k));
      start = k + 1;
    }
  }
  const last = text.slice(start, k);
  if (last.trim()) args.push(last);
  return args.filter((a) => a.trim());
}

/** A shell word; a leading `~` (the JVM's home folder) stays unquoted so it reads as home. */
function homeWord(word: string): string {
  return word.startsWith('~') ? `~${word.length > 1 ? shellWord(word.slice(1)) : ''}` : shellWord(word);
}

/** Groovy/Kotlin strings: `${System.getProperty("user.home")}`, `$HOME`-like forms read as the home folder. */
function gradleWord(s: string): string {
  return s
    .replace(/\$\{?System\.getProperty\(\s*["']user\.home["']\s*\)\}?/g, '~')
    .replace(/\$\{?System\.getenv\(\s*["'](\w+)["']\s*\)\}?/g, '$$$1');
}

/** `pre-commit run [HOOK]`, `pre-commit hook-impl` (what git's installed shim runs): the config's hook entries. */
function preCommit(p: Pending, scope: Scope, w: Walker): void {
  const sub = p.argv[1];
  if (sub !== 'run' && sub !== 'hook-impl') return;
  const at = p.argv.findIndex((a) => a === '-c' || a === '--config');
  const eq = p.argv.find((a) => a.startsWith('--config='));
  if (at > 0 && p.dynamic[at + 1]) return pastBound(w, 'pre-commit', 'a config only known at run time');
  readPreCommitConfig(eq ? eq.slice(9) : at > 0 ? p.argv[at + 1] : '.pre-commit-config.yaml', scope, w);
}

/** Hook languages whose `entry` is not a command: pygrep's is a pattern, fail's a message. */
const NOT_COMMANDS = /^(?:pygrep|fail)$/;

/** Reads each hook's `entry` (with its `args`) as a command pre-commit runs from the repository's top. */
export function readPreCommitConfig(file: string, scope: Scope, w: Walker): void {
  const text = w.ctx.readFile(file, scope.cwd);
  noteUnreadScript(file, text, scope, w, 'pre-commit');
  if (text === undefined || text.length > MAX_SCRIPT_CHARS) return;
  const lines: string[] = [];
  // Each YAML list item (`- repo:`, `- id:`) is one hook or repository; an item's keys are read together.
  for (const item of text.split(/\n(?=[ \t]*-[ \t])/)) {
    const entry = yamlValue(item, 'entry');
    if (entry === undefined || NOT_COMMANDS.test(yamlValue(item, 'language') ?? '')) continue;
    const args = /^[ \t]*args[ \t]*:[ \t]*\[([^\]\n]*)\]/m.exec(item)?.[1];
    const words = args
      ? [...args.matchAll(/"([^"]*)"|'([^']*)'|([^,\s][^,]*[^,\s]|[^,\s])/g)].map((x) => x[1] ?? x[2] ?? x[3])
      : [];
    lines.push([entry, ...words.map(shellWord)].join(' '));
  }
  walkLines(lines, file, scope, w, 'pre-commit');
}

/** A YAML scalar of `key:` in an item: plain, quoted, or a folded/literal block. */
function yamlValue(item: string, key: string): string | undefined {
  const m = new RegExp(String.raw`^([ \t]*(?:-[ \t]+)?)${key}[ \t]*:[ \t]*(.*)$`, 'm').exec(item);
  if (!m) return undefined;
  const raw = m[2].replace(/[ \t]+#.*$/, '').trim();
  if (/^[>|]/.test(raw)) {
    const rest = item.slice(m.index + m[0].length + 1).split('\n');
    const indent = m[1].length;
    const block: string[] = [];
    for (const line of rest) {
      if (line.trim() && line.length - line.trimStart().length <= indent) break;
      block.push(line.trim());
    }
    return block.join(raw.startsWith('|') ? '\n' : ' ').trim();
  }
  if (raw.startsWith('"')) return raw.slice(1, raw.lastIndexOf('"')).replace(/\\(.)/g, '$1');
  if (raw.startsWith("'")) return raw.slice(1, raw.lastIndexOf("'")).replace(/''/g, "'");
  return raw;
}

/** `mvn exec:exec -Dexec.executable=rm -Dexec.args="-rf ~"` runs that program with those arguments. */
function mavenExec(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  if (!argv.some((a) => /^(?:exec:exec|org\.codehaus\.mojo:exec-maven-plugin(?::[\w.-]+)?:exec)$/.test(a))) return;
  const prop = (name: string): { value?: string; dynamic: boolean } => {
    for (let i = argv.length - 1; i > 0; i--) {
      const a = argv[i];
      if (a.startsWith(`-D${name}=`)) return { value: a.slice(name.length + 3), dynamic: p.dynamic[i] };
      if (a === '-D' && argv[i + 1]?.startsWith(`${name}=`))
        return { value: argv[i + 1].slice(name.length + 1), dynamic: p.dynamic[i + 1] };
    }
    return { dynamic: false };
  };
  const exe = prop('exec.executable');
  const args = prop('exec.args');
  if (exe.dynamic || args.dynamic) return pastBound(w, 'mvn exec:exec', 'a program only known at run time');
  if (exe.value === undefined) return;
  walkLines([[shellWord(exe.value), args.value ?? ''].join(' ')], 'the command line', scope, w, 'mvn exec:exec');
}
