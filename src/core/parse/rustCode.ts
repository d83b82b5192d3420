// A cargo build script (build.rs) is Rust the build compiles and runs on this
// machine. Its common idioms are read as the other languages' are
// (interpreters.ts): `Command::new("sh").arg("-c").arg("…")` and its argument
// chains, `fs::remove_dir_all(…)`, `fs::write(…)`, `File::create(…)`, with the
// home folder spelled as `env::var("HOME")` or `home_dir()`. A reading of
// idioms, not a compiler: what it cannot name stays `$(…)`, unknown.
import { topLevelIndex } from './codeScan';
import type { CodeReading } from './codeReading';

/** What the code runs, deletes and writes: the part of CodeReading Rust is read for. */
export type RustReading = Pick<CodeReading, 'shell' | 'argvs' | 'deletes' | 'writes' | 'obfuscated' | 'unread'>;

/** Calls read from one file: past it, the reading says so (`unread`) and the caller asks. */
const MAX_MATCHES = 256;
/** Links of one `Command` chain read. */
const MAX_LINKS = 64;

const STRING = /^"((?:[^"\\]|\\.)*)"$/s;
const UNWRAP = String.raw`(?:\.(?:unwrap|expect|unwrap_or_default|to_string|to_owned|into|clone|as_path)\([^()]*\))*`;
const HOME = new RegExp(
  String.raw`^(?:(?:std::)?env::var(?:_os)?\(\s*"HOME"\s*\)|(?:dirs::|home::|std::env::)?home_dir\(\))` + UNWRAP + '$',
);

function argumentAt(code: string, from: number): string {
  const end = topLevelIndex(code, from, 2048, (c) => c === ',' || c === ')' || c === ']');
  return code.slice(from, end).trim();
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** A path expression: a literal, the home folder, `Path::new(…)`, `….join("x")`; `$(EXPR)` otherwise. */
function pathOf(expr: string, home: string, depth = 0): string {
  const e = expr.replace(/^&\s*/, '').trim();
  const lit = STRING.exec(e);
  if (lit) return unescape(lit[1]);
  if (HOME.test(e)) return home;
  const wrapped = /^(?:(?:std::)?path::)?(?:Path::new|PathBuf::from)\((.*)\)$/s.exec(e);
  if (wrapped && depth < 8) return pathOf(wrapped[1], home, depth + 1);
  const join = /^(.*)\.join\(\s*("(?:[^"\\]|\\.)*")\s*\)$/s.exec(e);
  if (join && depth < 8) {
    const base = pathOf(join[1], home, depth + 1);
    if (!base.startsWith('$(')) return `${base}/${unescape(join[2].slice(1, -1))}`;
  }
  return `$(${e.slice(0, 80)})`;
}

function listItems(list: string, home: string): string[] {
  const inner = list.replace(/^&?\s*(?:vec!)?\s*\[/, '').replace(/\]\s*$/, '');
  const out: string[] = [];
  for (let i = 0; i < inner.length && out.length < 64;) {
    const a = argumentAt(inner, i);
    if (!a) break;
    out.push(pathOf(a, home));
    i += a.length;
    while (i < inner.length && /[\s,]/.test(inner[i])) i++;
  }
  return out;
}

export function readRust(code: string, home: string): RustReading {
  const reading: RustReading = { shell: [], argvs: [], deletes: [], writes: [], obfuscated: false, unread: false };
  let count = 0;
  for (const m of code.matchAll(/\bCommand::new\(\s*/g)) {
    if (count++ >= MAX_MATCHES) break;
    let at = (m.index ?? 0) + m[0].length;
    const program = argumentAt(code, at);
    const argv = [pathOf(program, home)];
    at = code.indexOf(')', at + program.length) + 1;
    for (let link = 0; link < MAX_LINKS; link++) {
      const next = /^\s*\.\s*(\w+)\s*\(\s*/.exec(code.slice(at, at + 256));
      if (!next) break;
      at += next[0].length;
      const arg =
        next[1] === 'args'
          ? code.slice(
              at,
              topLevelIndex(code, at, 4096, (c) => c === ')'),
            )
          : argumentAt(code, at);
      if (next[1] === 'arg') argv.push(pathOf(arg, home));
      else if (next[1] === 'args') argv.push(...listItems(arg.trim(), home));
      at = topLevelIndex(code, at, 4096, (c) => c === ')') + 1;
    }
    if (/^(?:\/bin\/)?(?:ba|da|z)?sh$/.test(argv[0]) && argv[1] === '-c' && argv[2] !== undefined)
      reading.shell.push(argv[2]);
    else reading.argvs.push(argv);
  }
  for (const m of code.matchAll(/\b(remove_dir_all|remove_dir|remove_file)\s*\(\s*/g)) {
    if (count++ >= MAX_MATCHES) break;
    const arg = argumentAt(code, (m.index ?? 0) + m[0].length);
    if (arg) reading.deletes.push({ path: pathOf(arg, home), recursive: m[1] === 'remove_dir_all' });
  }
  for (const m of code.matchAll(/\b(?:fs::write|File::create|fs::copy\s*\([^,]*,)\s*\(?\s*/g)) {
    if (count++ >= MAX_MATCHES) break;
    const arg = argumentAt(code, (m.index ?? 0) + m[0].length);
    if (arg) reading.writes.push({ path: pathOf(arg, home), append: false });
  }
  reading.unread = count > MAX_MATCHES;
  return reading;
}
