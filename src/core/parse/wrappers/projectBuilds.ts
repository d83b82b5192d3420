// More build tools that run code the workspace holds: bundler evaluates the Gemfile as Ruby on every call, with
// the files it names (`eval_gemfile`, the `.gemspec`s `gemspec` loads); cmake runs CMakeLists.txt's
// `execute_process` and `file(REMOVE…)` while it configures, with the folders and modules it adds and includes;
// gradle (gradleBuilds.ts) and maven (mavenBuilds.ts) their build files; pre-commit runs each hook's `entry` as a
// command. Each file is read alone, bounded, the way buildFiles.ts reads setup.py: a file known to run that cannot
// be read (too large, past a bound, named only at run time) asks.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { MAX_COMMANDS, readScript, walkLines } from './buildLines';
import { readGradle } from './gradleBuilds';
import { readMaven } from './mavenBuilds';
import { pastBound } from './testFiles';
import { shellWord } from '../../text/shellWord';
import { preCommitConfigFile, preCommitInstall, preCommitTryRepo } from './preCommitInstall';
import { askRunTimeName, fillsAtRunTime } from './runTimeNames';

/** Bounds the CMakeLists.txt files one configure reads, and the Gemfiles and gemspecs one bundler call evaluates. */
const MAX_CMAKE_FILES = 32;
const MAX_GEMFILES = 16;

export function readProjectBuilds(prog: string, p: Pending, scope: Scope, w: Walker): void {
  if (scope.remote) return;
  if (prog === 'bundle' || prog === 'bundler') return readGemfile(p, scope, w);
  if (prog === 'cmake') return readCmake(p, scope, w);
  if (prog === 'gradle' || prog === 'gradlew') return readGradle(prog, p, scope, w);
  // prek reads pre-commit's config and runs its hooks the same way.
  if (prog === 'pre-commit' || prog === 'prek') return preCommit(p, scope, w);
  if (prog === 'mvn' || prog === 'mvnw' || prog === 'mvnd') return readMaven(prog, p, scope, w);
}

/** Every bundler command (`bundle`, `bundle install`, `bundle exec rspec`) evaluates the Gemfile first. */
function readGemfile(p: Pending, scope: Scope, w: Walker): void {
  const sub = p.argv[1];
  if (sub === 'version' || sub === '--version' || sub === '-v' || sub === 'help' || sub === '--help') return;
  const at = p.argv.findIndex((a) => a === '--gemfile');
  const eq = p.argv.find((a) => a.startsWith('--gemfile='));
  const named = eq ? eq.slice(10) : at > 0 ? p.argv[at + 1] : p.env.BUNDLE_GEMFILE;
  // The Gemfile bundler evaluates is the one the word names when the line runs: not the working folder's in its place.
  if (named !== undefined && fillsAtRunTime(named)) return askRunTimeName(w, 'bundle', named, 'evaluates the Gemfile');
  const files = [named ?? (w.ctx.readFile('gems.rb', scope.cwd) !== undefined ? 'gems.rb' : 'Gemfile')];
  const via = 'bundle';
  for (let k = 0; k < files.length; k++) {
    if (k >= MAX_GEMFILES) return pastBound(w, via, `Gemfiles and gemspecs (${MAX_GEMFILES})`);
    const file = files[k];
    const text = readScript('ruby', file, p, scope, w, `bundle ${sub ?? 'install'} evaluating ${file}`);
    if (!text || file.endsWith('.gemspec')) continue;
    const dir = path.dirname(file);
    // `eval_gemfile "other.rb"` evaluates that file as part of this one, relative to it.
    for (const m of text.matchAll(/^[ \t]*eval_gemfile\b[ \t]*\(?[ \t]*(?:(["'])([^"'\n#{}]+)\1)?/gm)) {
      if (m[2] === undefined) return pastBound(w, via, 'a Gemfile named only at run time');
      const other = path.join(dir, m[2]);
      if (!files.includes(other)) files.push(other);
    }
    // `gemspec` (`path:` a folder, `name:` one of them) evaluates the folder's .gemspec files, which are Ruby.
    for (const m of text.matchAll(/^[ \t]*gemspec\b(?![ \t]*=)(.*)$/gm)) {
      const option = (key: string): RegExpExecArray | null =>
        new RegExp(String.raw`\b${key}\s*(?::|=>)\s*(?:(["'])([^"'\n#{}]+)\1)?`).exec(m[1]);
      const folder = option('path');
      const name = option('name');
      if ((folder && folder[2] === undefined) || (name && name[2] === undefined))
        return pastBound(w, via, 'a gemspec named only at run time');
      const specs = path.join(dir, folder?.[2] ?? '.');
      const entries = w.ctx.readdir?.(path.resolve(scope.cwd, specs));
      if (!entries && w.ctx.stat?.(path.resolve(scope.cwd, specs))?.isDir)
        return pastBound(w, via, 'gemspecs of a folder it could not list');
      for (const e of entries ?? [])
        if (!e.dir && e.name.endsWith('.gemspec') && (!name || e.name === `${name[2]}.gemspec`)) {
          const spec = path.join(specs, e.name);
          if (!files.includes(spec)) files.push(spec);
        }
    }
  }
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
      if (script !== undefined && p.dynamic[i + 1]) askRunTimeName(w, 'cmake -P', script, 'runs the script');
      else if (script !== undefined) readCmakeFile(script, p, scope, w, [], [], '.', '.');
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
  // CMAKE_MODULE_PATH as the files read so far set it: where `include(Module)` looks first.
  const modulePath: string[] = [];
  for (let k = 0; k < queue.length; k++) {
    if (k >= MAX_CMAKE_FILES) return pastBound(w, 'cmake', `CMakeLists.txt files (${MAX_CMAKE_FILES})`);
    const dir = queue[k];
    const subdirs = readCmakeFile(path.join(dir, 'CMakeLists.txt'), p, scope, w, [], modulePath, src, bin, dir);
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
  modulePath: string[],
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
  const moduleDirs =
    /^[ \t]*(?:set|list[ \t]*\([ \t]*(?:APPEND|PREPEND))[ \t]*\(?[ \t]*CMAKE_MODULE_PATH\b([^)]*)\)/gim;
  for (const m of text.matchAll(moduleDirs))
    for (const d of cmakeWords(m[1]).map(expand).slice(0, MAX_COMMANDS))
      if (!d.includes('$') && !modulePath.includes(path.resolve(dir, d))) modulePath.push(path.resolve(dir, d));
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
    if (call === 'add_subdirectory' && words[0]?.includes('$('))
      pastBound(w, via, `folders added by a name only known at run time (${words[0]})`);
    else if (call === 'add_subdirectory' && words[0]) found.push(path.resolve(dir, words[0]));
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
    else if (call === 'include' && words[0]) {
      const included = cmakeInclude(words[0], modulePath, src, dir, scope, w);
      // An included file runs in the including folder; includes nest, so their depth is bounded.
      if (included === undefined) pastBound(w, via, `files included by a name only known at run time (${words[0]})`);
      else if (included && depth >= 4) pastBound(w, via, 'nested include() calls (4)');
      else if (included) readCmakeFile(included, p, scope, w, found, modulePath, src, bin, dir, depth + 1);
    }
  }
  walkLines(lines, path.relative(scope.cwd, file) || file, scope, w, 'cmake', dir);
  return found;
}

/**
 * The file `include(name)` reads: a module (`include(Warnings)`) from CMAKE_MODULE_PATH or the project's `cmake/`
 * folder, else a path from the current folder; '' for one of CMake's own modules (`include(CTest)`) or a missing
 * file, undefined for a name only known at run time.
 */
function cmakeInclude(name: string, modulePath: string[], src: string, dir: string, scope: Scope, w: Walker) {
  if (name.includes('$(')) return /^\$\(CMAKE_ROOT\)\//.test(name) ? '' : undefined;
  const exists = (f: string): boolean => w.ctx.stat?.(f) !== undefined || w.ctx.readFile(f, scope.cwd) !== undefined;
  if (!path.isAbsolute(name)) {
    const dirs = [...modulePath, path.join(src, 'cmake'), path.join(dir, 'cmake')];
    const module = dirs.map((d) => path.join(d, `${name}.cmake`)).find(exists);
    if (module) return module;
  }
  const file = path.resolve(dir, name);
  return exists(file) ? file : '';
}

/** A CMake word as a shell word; a relative path of `file(REMOVE…)` is relative to the current source folder. */
function shellPath(word: string, dir: string): string {
  const full = dir && !word.startsWith('/') && !word.startsWith('$') ? path.join(dir, word) : word;
  if (/^\$\(\w+\)/.test(full) || /^\$\w+/.test(full)) return full.replace(/[^\w$()/.~-]/g, '');
  return shellWord(full);
}

/**
 * `pre-commit run [HOOK]`, `pre-commit hook-impl` (what git's installed shim runs): the config's hook entries;
 * `pre-commit install` the hooks it writes (preCommitInstall.ts); `try-repo REPO` the hooks REPO defines.
 */
function preCommit(p: Pending, scope: Scope, w: Walker): void {
  const sub = p.argv[1];
  const config = preCommitConfigFile(p);
  if (config === undefined) return pastBound(w, 'pre-commit', 'a config only known at run time');
  // Installing makes every later commit run the hooks: they are judged now, as lefthook's are.
  if (sub === 'install') preCommitInstall(p, config, scope, w);
  if (sub === 'try-repo') {
    const manifest = preCommitTryRepo(p, w);
    return manifest === undefined ? undefined : readPreCommitConfig(manifest, scope, w);
  }
  if (sub === 'run' || sub === 'hook-impl' || sub === 'install') readPreCommitConfig(config, scope, w);
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
