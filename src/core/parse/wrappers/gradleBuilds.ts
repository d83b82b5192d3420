// Gradle runs code the workspace holds before any task: the init scripts (`--init-script`, `-I`, the Gradle user
// home's `init.gradle` and `init.d/`), the root's settings and build scripts (Groovy or Kotlin) and those they
// apply, the build script of each subproject the settings include, and the build logic it compiles first:
// `buildSrc/` and each `includeBuild`, their own scripts and their sources under `src/main/`. Each file is read
// alone, bounded; a file that will run but cannot be read (past a bound, a name only known at run time) asks.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { MAX_COMMANDS, readScript, walkLines } from './buildLines';
import { pastBound } from './testFiles';
import { gradleRunsTests, readJvmTests } from './jvmTests';
import { gradleTestDirs } from './gradleSourceSets';
import { unknownSource } from './madeOnLine';
import { shellWord } from '../../text/shellWord';

/** Bounds the gradle scripts one call reads, its own and those they apply or include. */
const MAX_GRADLE_FILES = 64;
/** Bounds the build-logic sources (`buildSrc/src/main/**`) read, and the folders listed to find them. */
const MAX_LOGIC_SOURCES = 64;
const MAX_LOGIC_DIRS = 32;
const SCRIPTS = ['settings.gradle', 'settings.gradle.kts', 'build.gradle', 'build.gradle.kts'];

/** Gradle runs settings.gradle then build.gradle (or the `.kts` forms) of the project it is pointed at. */
export function readGradle(prog: string, p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  if (argv.slice(1).some((a) => /^(?:--version|-v|--help|-h|-\?|--stop|--status)$/.test(a))) return;
  let dir = '.';
  let userHome = p.env.GRADLE_USER_HOME ?? scope.vars.GRADLE_USER_HOME;
  const named: string[] = [];
  const inits: string[] = [];
  const tasks: string[] = [];
  const excluded: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-x' || a === '--exclude-task' || a.startsWith('--exclude-task=')) {
      const x = a.startsWith('--exclude-task=') ? a.slice(15) : argv[++i];
      if (x !== undefined && !p.dynamic[i]) excluded.push(x);
      continue;
    }
    if (!a.startsWith('-')) tasks.push(a);
    const value = /^(?:-p|--project-dir|-b|--build-file|-c|--settings-file|-I|--init-script|-g|--gradle-user-home)$/;
    if (value.test(a) && argv[i + 1] !== undefined) {
      if (p.dynamic[i + 1]) return pastBound(w, prog, 'a script or folder only known at run time');
      const v = argv[++i];
      if (a === '-p' || a === '--project-dir') dir = v;
      else if (a === '-I' || a === '--init-script') inits.push(v);
      else if (a === '-g' || a === '--gradle-user-home') userHome = v;
      else named.push(v);
    } else if (/^(?:--init-script=|-I.)/.test(a)) {
      if (p.dynamic[i]) return pastBound(w, prog, 'an init script only known at run time');
      inits.push(a.replace(/^--init-script=|^-I/, ''));
    }
  }
  // The Gradle user home's init scripts run before every build of this account.
  const home = path.resolve(scope.cwd, userHome ?? path.join(scope.vars.HOME ?? w.ctx.home, '.gradle'));
  const initDir = path.join(home, 'init.d');
  const listed = w.ctx.readdir?.(initDir);
  if (!listed && w.ctx.stat?.(initDir)?.isDir) pastBound(w, prog, 'init scripts of a folder it could not list');
  const userInits = (listed ?? []).filter((e) => !e.dir && /\.gradle(?:\.kts)?$/.test(e.name)).map((e) => e.name);
  inits.push(path.join(home, 'init.gradle'), path.join(home, 'init.gradle.kts'));
  inits.push(...userInits.sort().map((n) => path.join(initDir, n)));
  const files = [...inits, ...(named.length ? named : SCRIPTS.map((f) => path.join(dir, f)))];
  // buildSrc is compiled and its build run on every invocation, before the root's build script.
  const logic = [path.join(dir, 'buildSrc')];
  files.push(...SCRIPTS.map((f) => path.join(logic[0], f)));
  const projects = [dir];
  // The test folders each project's scripts add, by the project's folder.
  const testDirs = new Map<string, string[]>();
  // The test folders a script's `subprojects { }` / `allprojects { }` give each project below its own.
  const sharedDirs = new Map<string, string[]>();
  const suites = new Set<string>();
  let unknownTests: string | undefined;
  let read = 0;
  for (let k = 0; k < files.length; k++) {
    if (read >= MAX_GRADLE_FILES || k >= MAX_GRADLE_FILES * 4)
      return pastBound(w, prog, `applied scripts (${MAX_GRADLE_FILES})`);
    const file = files[k];
    const text = readScript('jvm', file, p, scope, w, `${prog} evaluating ${file}`);
    if (!text) continue;
    read++;
    walkLines(gradleCommands(text), file, scope, w, prog);
    if (!/settings\.gradle(?:\.kts)?$/.test(file)) {
      const tests = gradleTestDirs(text);
      const at = path.resolve(scope.cwd, path.dirname(file));
      if (tests === undefined) unknownTests ??= file;
      else {
        testDirs.set(at, [...(testDirs.get(at) ?? []), ...tests.own]);
        if (tests.subs.length) sharedDirs.set(at, [...(sharedDirs.get(at) ?? []), ...tests.subs]);
        for (const s of tests.sets) suites.add(s);
      }
    }
    // `apply from: 'ci.gradle'` / `apply(from = "ci.gradle.kts")`: a workspace script run as this one is.
    for (const m of text.matchAll(/\bapply\s*\(?\s*from\s*[:=]\s*["']([^"':]+\.gradle(?:\.kts)?)["']/g)) {
      const applied = path.join(path.dirname(file), m[1]);
      if (!files.includes(applied)) files.push(applied);
    }
    // Each subproject the settings include is configured: its build script runs.
    const subs = /settings\.gradle(?:\.kts)?$/.test(file) ? subprojects(text) : [];
    if (subs === undefined) return pastBound(w, prog, 'subprojects named only at run time');
    for (const sub of subs) {
      for (const f of SCRIPTS.slice(2).map((x) => path.join(path.dirname(file), sub, x)))
        if (!files.includes(f)) files.push(f);
      // The subprojects of the build asked for run their tests; those of the build logic's own settings do not.
      if (!logic.some((l) => path.dirname(file) === l)) projects.push(path.join(path.dirname(file), sub));
    }
    // `includeBuild("build-logic")`: a build gradle configures (and whose logic it compiles) before this one.
    for (const m of text.matchAll(/\bincludeBuild\b\s*\(?\s*(?:(["'])([^"'\n$]+)\1)?/g)) {
      if (m[2] === undefined) return pastBound(w, prog, 'an included build only known at run time');
      const included = path.join(path.dirname(file), m[2]);
      if (logic.includes(included)) continue;
      logic.push(included);
      files.push(...SCRIPTS.map((f) => path.join(included, f)));
    }
  }
  readLogicSources(prog, logic, p, scope, w);
  if (!gradleRunsTests(tasks, excluded, suites)) return;
  const via = `${prog} ${tasks.join(' ')}`;
  if (unknownTests !== undefined)
    unknownSource(w, via, unknownTests, 'whose test sources are in a folder named only at run time');
  const runs = projects.map((d) => {
    const at = path.resolve(scope.cwd, d);
    const shared = [...sharedDirs].filter(([root]) => at.startsWith(root + path.sep)).flatMap(([, dirs]) => dirs);
    return { dir: d, tests: [...(testDirs.get(at) ?? []), ...shared] };
  });
  readJvmTests(runs, p, scope, w, via);
}

/**
 * The folders of the subprojects a settings script includes (`include 'app', ':lib:core'`, `include("app")`,
 * `includeFlat 'lib'` beside the root), each
 * configured, its build script run, on every build; undefined where one is named only at run time.
 */
function subprojects(settings: string): string[] | undefined {
  const text = settings.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
  const moved = new Map<string, string>();
  for (const m of text.matchAll(/\.projectDir\s*=\s*(.*)/g)) {
    const at = /^(?:file\(|new\s+File\(\s*settingsDir\s*,)\s*(["'])([^"'$]+)\1\s*\)\s*;?\s*$/.exec(m[1]);
    const name = /project\(\s*(["']):?([^"'$]+)\1\s*\)$/.exec(text.slice(Math.max(0, m.index - 200), m.index));
    if (!at || !name) return undefined;
    moved.set(name[2], at[2]);
  }
  const dirs: string[] = [];
  for (const m of text.matchAll(/(?<![\w.$])include\b(?!Build|Flat)[ \t]*(\((?:[^()]|\([^()]*\))*\)|[^\n;}]*)/g)) {
    const args = m[1].startsWith('(') ? m[1].slice(1, -1) : m[1].replace(/;\s*$/, '');
    if (!/^\s*(?:(["'])[^"'$\n]+\1\s*(?:,\s*|$))+$/.test(args)) return undefined;
    for (const x of args.matchAll(/["']:?([^"']+)["']/g)) dirs.push(moved.get(x[1]) ?? x[1].replace(/:/g, '/'));
  }
  // `includeFlat 'lib'`: a project beside the root (`../lib`), configured as an included one is.
  for (const m of text.matchAll(/(?<![\w.$])includeFlat\b[ \t]*(\((?:[^()]|\([^()]*\))*\)|[^\n;}]*)/g)) {
    const args = m[1].startsWith('(') ? m[1].slice(1, -1) : m[1].replace(/;\s*$/, '');
    if (!/^\s*(?:(["'])[^"'$\n]+\1\s*(?:,\s*|$))+$/.test(args)) return undefined;
    for (const x of args.matchAll(/["']([^"']+)["']/g)) dirs.push(moved.get(x[1]) ?? path.join('..', x[1]));
  }
  return dirs;
}

/** The sources of buildSrc and the included builds (`src/main/**`): plugins and tasks the build runs. */
function readLogicSources(prog: string, roots: string[], p: Pending, scope: Scope, w: Walker): void {
  const queue = roots.map((r) => path.resolve(scope.cwd, r, 'src', 'main'));
  let sources = 0;
  for (let q = 0; q < queue.length; q++) {
    if (q >= MAX_LOGIC_DIRS) return pastBound(w, prog, `build-logic folders (${MAX_LOGIC_DIRS})`);
    const entries = w.ctx.readdir?.(queue[q]);
    if (!entries) {
      if (w.ctx.stat?.(queue[q])?.isDir) return pastBound(w, prog, 'build-logic sources of a folder it could not list');
      continue;
    }
    for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(queue[q], e.name);
      if (e.dir) queue.push(file);
      else if (/\.(?:gradle|gradle\.kts|groovy|kts|kt|java)$/.test(e.name)) {
        if (++sources > MAX_LOGIC_SOURCES) return pastBound(w, prog, `build-logic sources (${MAX_LOGIC_SOURCES})`);
        const rel = path.relative(scope.cwd, file);
        const text = readScript('jvm', file, p, scope, w, `${prog} compiling ${rel}`);
        if (text) walkLines(gradleCommands(text), rel, scope, w, prog);
      }
    }
  }
}

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
