// Code handed to an interpreter on the command line (`python -c`, `node -e`,
// `ruby -e`, `perl -e`, `php -r`) is translated into the shell commands it
// amounts to: its shell-outs, and its file deletions as `rm`. This is a
// reading of common idioms, not an interpreter: what it cannot read stays
// unread, and obvious obfuscation (decode-then-eval) is reported.
import { decodeLiterals } from './decodedLiterals';
import { TEMP_FOLDER_PATH, tempFolderNames } from './tempFolders';
import { readRust } from './rustCode';
import { literalNames } from './literalNames';
import { unescapeString } from './stringEscapes';
import { isForeignLanguage, readForeign, type ForeignLanguage } from './foreignCode';
import { pythonCallNames } from './pythonNames';
import { codeFileRuns, MAX_FILE_RUNS, PROCESS_CALL, processCallArgv } from './codeFileRuns';
import { evaluatesStdin, nodeCallNames, pythonNativeCall } from './codeRoutes';
import { receiverBefore } from './homePaths';
import { argumentAt, pathOf, splitArgs, type NameLookup } from './codePaths';
import { readMove, readPerlMoves } from './codeMoves';
import { readBareDeletes } from './codeBareDeletes';
import { readLinks } from './codeLinks';
import { EVAL_LITERAL, joinLiterals, mergeReading } from './literalJoin';
import { readRJuliaWrites } from './rJuliaWrites';
import { readIndirectDeletes } from './codeCallbacks';
import { readTruncates } from './codeTruncates';
import type { InterpreterLanguage } from './interpreterNames';
import { owns } from '../text/own';
import { RUNTIME_VALUE_WORD } from './dynamic';
import { interpolate, interpolationOf } from './interpolation';
import { readShellNames } from './codeShellNames';
import { readShellExprs } from './codeShellExprs';

export { interpreterOf } from './interpreterNames';

export type Language = InterpreterLanguage | 'awk' | 'rust' | ForeignLanguage;

export type { CodeReading } from './codeReading';
import type { CodeReading } from './codeReading';

// open(PATH, 'w') (Python, Ruby File.open, PHP fopen), fs.writeFileSync(PATH …), Path(PATH).write_text(…), file_put_contents(PATH …).
const WRITE_CALL =
  /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|file_put_contents|copyFileSync|copyFile|copy2?|copyfile|renameSync|rename|move|replace|mv|symlinkSync|linkSync|symlink|link|write_text|write_bytes|open|fopen|File\.write|File\.open|IO\.write)\s*\(\s*/g;
const TWO_PATH_CALL =
  /^(?:copyFileSync|copyFile|copy2?|copyfile|renameSync|rename|move|replace|mv|symlinkSync|linkSync|symlink|link)$/;
const OPEN_MODE = /^\s*,\s*(?:mode\s*=\s*)?['"]([rwaxb+t]+)['"]/;
const PERL_OPEN =
  /\bopen\s*\(?\s*(?:my\s+)?[$\w]+\s*,\s*(?:['"](>>?|\+<)['"]\s*,\s*([^,);]+)|['"](>>?)\s*([^'"]+)['"])/g;

const STRING = String.raw`(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|\x60((?:[^\x60\\$]|\\.)*)\x60)`;
const STRING_RE = new RegExp(STRING, 'gs');

// A shell call's string: a template literal may interpolate (`${…}`), and a Python f-string has its prefix.
const SHELL_STRING = String.raw`(?:[rRbB]?[fF][rRbB]?(?=['"]))?(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|\x60((?:[^\x60\\]|\\.)*)\x60)`;
const SHELL_CALL = new RegExp(
  String.raw`\b(system|popen|spawn|spawnSync|execSync|exec|execFile|execFileSync|check_output|check_call|call|run|run_always|run_install|sudo|Popen|getoutput|getstatusoutput|shell_exec|passthru|proc_open|qx|sh|execute)\s*\(\s*(\[|` +
    SHELL_STRING +
    ')',
  'gs',
);
const BARE_SYSTEM = /\b(?:system|exec)\s+(?=['"])/g;
/** Ruby also runs a shell through Rake's `sh "CMD"` (a Rakefile's usual way). */
const RUBY_BARE_SYSTEM = /\b(?:system|exec|sh)\s+(?=['"])/g;
const BACKTICK_SHELL = /`([^`]*)`|%x\{([^}]*)\}|%x\(([^)]*)\)|qx\{([^}]*)\}|qx\(([^)]*)\)/gs;
const DELETE_CALL =
  /\b(rmtree|rm_rf|rm_r|remove_dir|remove_entry(?:_secure)?|remove_tree|rmSync|rmdirSync|rimraf(?:Sync|['"]\s*\)(?:\s*\.\s*\w+)?)?|removeSync|emptyDirSync|rm|rmdir|remove|unlink|unlinkSync|removedirs|delete|rm_f)\s*(?:\.sync)?\s*\(\s*/g;
const OBFUSCATED =
  /\b(?:exec|eval|Function|instance_eval|class_eval|assert)\s*\(\s*[^)]*?(?:b64decode|base64|decode\s*\(|fromhex|decompress|atob|Buffer\.from|unpack|pack\s*\(|chr\s*\(|fromCharCode|rot13|gzinflate|str_rot13)/s;
const RECURSIVE_HINT =
  /recursive\s*:\s*true|recursive\s*=\s*(?:TRUE|true|T)\b|force_recursive|rm_rf|rmtree|rimraf|remove_tree|removeSync|rm_r\b|remove_dir|:recursive\s*=>\s*true/;

/** Code read for what it runs: as long as a script file read (wrappers/common.ts MAX_SCRIPT_CHARS). */
const MAX_CODE = 256 * 1024;
export const MAX_CODE_MATCHES = 256;

/** A value joined into shell text as the code joins it; one the code computes, a word the shell cannot know. */
function shellValue(value: string): string {
  return value.includes('$(') ? RUNTIME_VALUE_WORD : value;
}

/**
 * Whether a call's string only may be shell text (CodeReading.guessed), its name running a shell in some libraries and
 * not in others: a database cursor's `execute('SELECT …')`, `pdb.run('main()')`, `subprocess.run('ls')`. Python's
 * `shell=True` among the arguments says a shell reads it: no guess.
 */
function guessedShell(language: Language, fn: string, after: string): boolean {
  if (!/^(?:execute|call|run|run_always|run_install)$/.test(fn)) return false;
  const rest = language === 'python' ? /^\s*,\s*/.exec(after) : null;
  return !rest || !splitArgs(after.slice(rest[0].length)).some((a) => /^shell\s*=\s*True$/.test(a));
}

/** The words of a list literal at `from` (`["rm", "-rf", Dir.home]`): strings, home expressions, `$(EXPR)` for the rest. */
function listAt(code: string, from: number, home: string): string[] {
  const list = argumentAt(code, from);
  const inner = /^\[([\s\S]*)\]$/.exec(list)?.[1];
  const parts = inner === undefined ? [] : splitArgs(inner).filter((a) => a !== '');
  // Past splitArgs' bound the strings alone are read, as before.
  return parts.length && parts.length < 16 ? parts.map((a) => pathOf(a, home)) : stringsIn(list);
}

function stringsIn(listText: string): string[] {
  const out: string[] = [];
  STRING_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = STRING_RE.exec(listText)) && out.length < 64) out.push(unescapeString(m, 1));
  return out;
}

export function readCode(language: Language, code: string, home: string, depth = 0): CodeReading {
  if (language === 'rust' && code.length <= MAX_CODE) return readRust(code, home);
  const reading: CodeReading = { shell: [], argvs: [], deletes: [], writes: [], obfuscated: false, unread: false };
  if (code.length > MAX_CODE) {
    reading.obfuscated = true;
    return reading;
  }
  // `__import__("os")`, `getattr(os, "system")`, `from os import system as s`: the calls spelled out (pythonNames.ts).
  // `os.system(base64.b64decode('…').decode())`: an encoded literal is read as the text it decodes to.
  code = decodeLiterals(code);
  if (language === 'python') code = pythonCallNames(code);
  if (language === 'node') ({ code, unknown: reading.unknownRoute } = nodeCallNames(code));
  if (language === 'python') reading.unknownRoute = pythonNativeCall(code);
  if (evaluatesStdin(language, code)) reading.stdinCode = true;
  let count = 0;
  let m: RegExpExecArray | null;
  // Read only when a written path is a bare name: most code spells its paths out. Only writes are read
  // through names: a write to an unknown path passes, so a name resolved can only tighten; a delete of
  // an unknown target already asks, and a name that could be rebound (`d, x = …`) must not loosen it.
  let bound: ReadonlyMap<string, string> | undefined;
  const names: NameLookup = (name) => (bound ??= literalNames(code, (e) => pathOf(e, home))).get(name);

  // `exec(open(F).read())`, `eval(fs.readFileSync(F))`: F runs as code, as `python3 F` would run it.
  const fileRuns = codeFileRuns(language, code);
  // Files run past the bound would run unread: the code is asked about.
  if (fileRuns.length > MAX_FILE_RUNS) reading.unread = true;
  reading.shell.push(...fileRuns.slice(0, MAX_FILE_RUNS));
  // `c = "rm -rf ~/x"; os.system(c)`: the call read with each value of its name in place (codeShellNames.ts);
  // `os.system(sys.argv[1])`, `spawnSync("rm", process.argv.slice(2))`: a command known only at run time.
  readShellNames(language, code, reading, (call) => readCode(language, call, home, depth + 1));
  readShellExprs(language, code, reading);
  SHELL_CALL.lastIndex = 0;
  while ((m = SHELL_CALL.exec(code)) && count++ < MAX_CODE_MATCHES) {
    const fn = m[1];
    // Python's exec/eval run Python, not a shell.
    if (language === 'python' && fn === 'exec') continue;
    if (m[2] === '[') {
      const argv = listAt(code, m.index + m[0].length - 1, home);
      if (argv.length) reading.argvs.push(argv);
      continue;
    }
    let first = unescapeString(m, 3);
    // `${dir}`, `#{dir}`, f"{dir}": the shell gets the value, known or one known only at run time.
    const style = interpolationOf(language, m, 3);
    if (style) first = interpolate(first, style, (e) => shellValue(pathOf(e, home)));
    const after = code.slice(m.index + m[0].length, m.index + m[0].length + 2048);
    // `'rm -rf ' + os.homedir()`, `"rm -rf ".getenv("HOME")`: the joined operand is part of the command (PHP, Perl: any `.`).
    const concat = (language === 'php' || language === 'perl' ? /^\s*\.\s*/ : /^\s*(?:\+|\.(?!\w))\s*/).exec(after);
    if (concat) {
      const expr = argumentAt(after, concat[0].length);
      // A part known only at run time is one word the shell cannot know (as `$(…)` it would be read as commands).
      if (expr) first += shellValue(pathOf(expr, home));
      reading.shell.push(first);
      continue;
    }
    // spawnSync('rm', ['-rf', x]) / execFileSync: program then an argument list.
    const listMatch = /^\s*,\s*\[/.exec(after);
    if (listMatch && /^(spawn|spawnSync|execFile|execFileSync|Popen|call|run|check_output|check_call)$/.test(fn)) {
      // Each element as pathOf reads it: a template literal (`sh -c `rm -rf ${dir}``) is no plain string.
      const rest = listAt(after, listMatch[0].length - 1, home);
      if (first === 'sh' || first === 'bash' || first === '/bin/sh' || first === '/bin/bash') {
        const ci = rest.indexOf('-c');
        if (ci !== -1 && rest[ci + 1] !== undefined) reading.shell.push(rest[ci + 1]);
      } else {
        reading.argvs.push([first, ...rest]);
      }
      continue;
    }
    // system("rm", "-rf", $ENV{HOME}) in Perl, Ruby, PHP, and nox's `session.run("rm", "-rf", x)` (also run_always,
    // run_install) in Python: a program and its arguments, no shell. A keyword next (`run("ls", shell=True)`) is no argument,
    // however it is spaced (the space after the comma is part of the look ahead, never left to backtracking).
    const varargs =
      /^(system|exec|spawn)$/.test(fn) ||
      (language === 'python' &&
        /^run(?:_always|_install)?$/.test(fn) &&
        /^\s*,(?!\s*[A-Za-z_]\w*\s*=[^=])/.test(after));
    if (/^\s*,/.test(after) && varargs) {
      reading.argvs.push([
        first,
        ...splitArgs(after.replace(/^\s*,\s*/, ''))
          .filter((a) => a && !a.includes('=>') && !/^\w+\s*=/.test(a))
          .map((a) => pathOf(a, home)),
      ]);
      continue;
    }
    reading.shell.push(first);
    if (guessedShell(language, fn, after)) (reading.guessed ??= new Set()).add(first);
  }
  // `os.execvp("rm", ["rm", "-rf", x])`, `os.spawnlp(os.P_WAIT, "rm", "rm", …)`: a program replaces or joins the process.
  PROCESS_CALL.lastIndex = 0;
  while ((m = PROCESS_CALL.exec(code)) && count++ < MAX_CODE_MATCHES) {
    const argv = processCallArgv(
      m[1],
      splitArgs(code.slice(m.index + m[0].length, m.index + m[0].length + 2048)),
      (e) => pathOf(e, home),
      (e) => listAt(e, 0, home),
    );
    if (argv) reading.argvs.push(argv);
  }
  if (language === 'perl' || language === 'ruby') {
    // Perl and Ruby call system without parentheses: `system "rm", "-rf", $ENV{HOME}`.
    const bare = language === 'ruby' ? RUBY_BARE_SYSTEM : BARE_SYSTEM;
    bare.lastIndex = 0;
    while ((m = bare.exec(code)) && count++ < MAX_CODE_MATCHES) {
      const args = splitArgs(code.slice(m.index + m[0].length).split(/;|\n/)[0])
        .filter(Boolean)
        .map((a) => pathOf(a, home));
      if (args.length === 1) reading.shell.push(args[0]);
      else if (args.length > 1) reading.argvs.push(args);
    }
  }

  if (language === 'ruby' || language === 'perl' || language === 'php') {
    BACKTICK_SHELL.lastIndex = 0;
    while ((m = BACKTICK_SHELL.exec(code)) && count++ < MAX_CODE_MATCHES) {
      reading.shell.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '');
    }
  }

  const recursiveHint = RECURSIVE_HINT.test(code);
  let temps: ReadonlySet<string> | undefined;
  DELETE_CALL.lastIndex = 0;
  while ((m = DELETE_CALL.exec(code)) && count++ < MAX_CODE_MATCHES) {
    const fn = m[1];
    // `list.remove(x)` / `dict.delete(k)` / `Set.delete` are not file deletions: require a file-ish receiver or a bare call.
    const before = code.slice(Math.max(0, m.index - 24), m.index);
    const receiver = /([A-Za-z_][\w.]*)\.\s*$/.exec(before)?.[1] ?? '';
    if (
      (fn === 'remove' || fn === 'delete' || fn === 'rm' || fn === 'rmdir' || fn === 'unlink') &&
      receiver &&
      !/^(?:os|fs|fsp|fs\.promises|promises|File|FileUtils|Dir|shutil|fse|fsExtra|Deno|pathlib|Path)$/.test(receiver)
    )
      continue;
    if ((fn === 'remove' || fn === 'delete') && !receiver) continue;
    const arg = argumentAt(code, m.index + m[0].length);
    if (!arg) continue;
    const recursive =
      /rmtree|rm_rf|rm_r|remove_dir|remove_tree|rimraf|removeSync|emptyDirSync|removedirs/.test(fn) ||
      ((fn === 'rmSync' || fn === 'rm' || fn === 'rmdirSync' || fn === 'rmdir') && recursiveHint);
    temps ??= tempFolderNames(code);
    reading.deletes.push({ path: temps.has(arg) ? TEMP_FOLDER_PATH : pathOf(arg, home), recursive });
  }
  if (readTruncates(language, code, reading, { path: (e) => pathOf(e, home, names), args: splitArgs, receiverBefore }))
    reading.unread = true;
  if (readBareDeletes(reading, language, code, { path: (e) => pathOf(e, home), argumentAt, args: splitArgs }))
    reading.unread = true;
  const [path, args] = [(e: string): string => pathOf(e, home), splitArgs];
  if (readIndirectDeletes(reading, code, { path, args })) reading.unread = true;
  if (language === 'perl' && readPerlMoves(reading, code, (t) => splitArgs(t).map((a) => pathOf(a, home))))
    reading.unread = true;
  if (readLinks(reading, language, code, (e) => pathOf(e, home, names), splitArgs, receiverBefore))
    reading.unread = true;

  readWrites(language, code, home, reading, names);
  const known = isForeignLanguage(language) ? undefined : language;
  // Names bound once to a path (`File home = new File(System.getProperty("user.home"))`) are followed, as readForeign expects.
  if (readForeign(code, home, reading, (e) => pathOf(e, home, names), known)) reading.unread = true;
  if (OBFUSCATED.test(code)) reading.obfuscated = true;
  // exec/eval of a literal (Python, JavaScript, Ruby): read that code too.
  const evals = EVAL_LITERAL[language];
  if (evals && depth < 4) {
    // matchAll reads with a copy of the pattern: the recursive read below restarts the pattern's own position.
    for (const literal of code.matchAll(evals)) {
      if (count++ >= MAX_CODE_MATCHES) break;
      mergeReading(reading, readCode(language, unescapeString(literal, 1), home, depth + 1));
    }
  }
  // `"os.sys" "tem"`, `"child_" + "process"`: one string at run time. The code is read joined as well as
  // written (literalJoin.ts), so a quote the joiner misreads can add a reading, never take one away.
  const joined = depth < 4 ? joinLiterals(language, code) : code;
  if (joined !== code) mergeReading(reading, readCode(language, joined, home, depth + 1));
  // A match found past the bound stops its loop with count at MAX_CODE_MATCHES + 1.
  if (count > MAX_CODE_MATCHES) reading.unread = true;
  return reading;
}

/** Files the code writes: open for writing, write/append/copy/rename/link calls. */
function readWrites(language: Language, code: string, home: string, reading: CodeReading, names: NameLookup): void {
  let m: RegExpExecArray | null;
  let count = 0;
  WRITE_CALL.lastIndex = 0;
  while ((m = WRITE_CALL.exec(code)) && count++ < MAX_CODE_MATCHES) {
    const fn = m[1];
    const start = m.index + m[0].length;
    const first = argumentAt(code, start);
    if (!first) continue;
    const after = code.slice(start + first.length, start + first.length + 64);
    if (fn === 'open' || fn === 'fopen' || fn === 'File.open') {
      // Reading is the default mode; only a mode that writes counts.
      // `path.open("a")`: Python's path objects take the mode first, the receiver is the file.
      const own = code[m.index - 1] === '.' && /^(?:mode\s*=\s*)?['"][rwaxbt+]{1,4}['"]$/.test(first);
      const mode = own ? /['"](.*)['"]/.exec(first)?.[1] : OPEN_MODE.exec(after)?.[1];
      if (!mode || !/[wax+]/.test(mode)) continue;
      const file = own ? receiverBefore(code, m.index - 1) : first;
      reading.writes.push({ path: pathOf(file, home, names), append: mode.includes('a') });
      continue;
    }
    // Two-path calls write (or create) their second argument; rename/move also removes the first.
    if (TWO_PATH_CALL.test(fn)) {
      const comma = /^\s*,\s*/.exec(after)?.[0];
      const second = comma ? argumentAt(code, start + first.length + comma.length) : '';
      const [move, path] = [{ code, at: m.index, first, second }, (e: string): string => pathOf(e, home, names)];
      if (!second && readMove(reading, fn, move, path, receiverBefore)) continue;
      // `os.replace`/`str.replace`, `shutil.move`: only calls on a file-ish receiver count.
      const receiver = /([A-Za-z_][\w.]*)\.\s*$/.exec(code.slice(Math.max(0, m.index - 24), m.index))?.[1] ?? '';
      if (
        /^(?:replace|move|mv|rename|copy|link|symlink)$/.test(fn) &&
        !/^(?:os|shutil|fs|fsp|fs\.promises|File|FileUtils|Path|pathlib)$/.test(receiver) &&
        // PHP's copy, rename, link and symlink are bare functions.
        !(language === 'php' && !receiver)
      )
        continue;
      if (readMove(reading, fn, move, path, receiverBefore) || !second) continue;
      reading.writes.push({ path: path(second), append: false });
      // A hard link exposes its source to every later write.
      if (fn === 'link' || fn === 'linkSync') reading.writes.push({ path: pathOf(first, home, names), append: false });
      continue;
    }
    if (fn === 'write_text' || fn === 'write_bytes') {
      const target = code[m.index - 1] === '.' ? receiverBefore(code, m.index - 1) : '';
      if (target) reading.writes.push({ path: pathOf(target, home, names), append: false });
      continue;
    }
    reading.writes.push({ path: pathOf(first, home, names), append: /append/i.test(fn) });
  }
  readRJuliaWrites(language, code, (e) => pathOf(e, home, names), reading);
  if (language === 'perl') {
    PERL_OPEN.lastIndex = 0;
    while ((m = PERL_OPEN.exec(code)) && count++ < MAX_CODE_MATCHES) {
      const op = m[1] ?? m[3];
      const target = m[2] !== undefined ? pathOf(m[2].trim(), home, names) : m[4];
      reading.writes.push({ path: target, append: op === '>>' });
    }
  }
  if (count > MAX_CODE_MATCHES) reading.unread = true;
}

// The flags that introduce inline code for each interpreter: one frozen list per language, shared by every call
// (the wrappers and the guard pack ask for each interpreter command).
const INLINE_CODE_FLAGS: Readonly<Partial<Record<Language, readonly string[]>>> = {
  python: Object.freeze(['-c']),
  node: Object.freeze(['-e', '--eval', '-p', '--print']),
  ruby: Object.freeze(['-e']),
  perl: Object.freeze(['-e', '-E']),
  php: Object.freeze(['-r']),
  lua: Object.freeze(['-e']),
  r: Object.freeze(['-e', '--expr']),
  julia: Object.freeze(['-e', '--eval', '-E', '--print']),
};
const NO_FLAGS: readonly string[] = Object.freeze([]);

/** The flags that introduce inline code for an interpreter. */
export function inlineCodeFlags(language: Language): readonly string[] {
  return (owns(INLINE_CODE_FLAGS, language) && INLINE_CODE_FLAGS[language]) || NO_FLAGS;
}
