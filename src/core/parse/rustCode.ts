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
const UNWRAP = String.raw`(?:\.(?:unwrap|expect|unwrap_or_default|to_string|to_owned|into|clone|as_path|as_str|display|to_str|to_string_lossy)\([^()]*\))*`;
const HOME = new RegExp(
  String.raw`^(?:(?:std::)?env::var(?:_os)?\(\s*"HOME"\s*\)|(?:dirs::|home::|std::env::)?home_dir\(\))` + UNWRAP + '$',
);

function argumentAt(code: string, from: number): string {
  const end = topLevelIndex(code, from, 2048, (c) => c === ',' || c === ')' || c === ']');
  return code.slice(from, end).trim();
}

/** A name, maybe borrowed or unwrapped (`&home`, `home.clone()`). */
const NAME = new RegExp(String.raw`^([a-z_]\w*)` + UNWRAP + '$');

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** A name's value where it is used: the last `let` binding of it before that place. */
type Names = (name: string) => string | undefined;
const NO_NAMES: Names = () => undefined;

/**
 * A path expression: a literal, the home folder, `Path::new(…)`, `….join("x")`, `format!("{}/x", …)`, a name a
 * `let` bound to one of those; `$(EXPR)` otherwise.
 */
function pathOf(expr: string, home: string, names: Names = NO_NAMES, depth = 0): string {
  const e = expr.replace(/^&\s*/, '').trim();
  const lit = STRING.exec(e);
  if (lit) return unescape(lit[1]);
  if (HOME.test(e)) return home;
  const named = NAME.exec(e);
  const held = named ? names(named[1]) : undefined;
  if (held !== undefined) return held;
  const join = /^(.*)\.join\(\s*("(?:[^"\\]|\\.)*")\s*\)$/s.exec(e);
  if (join && depth < 8) {
    const base = pathOf(join[1], home, names, depth + 1);
    if (!base.startsWith('$(')) return `${base}/${unescape(join[2].slice(1, -1))}`;
  }
  const wrapped = /^(?:(?:std::)?path::)?(?:Path::new|PathBuf::from)\((.*)\)$/s.exec(e);
  if (wrapped && depth < 8) return pathOf(wrapped[1], home, names, depth + 1);
  const formed = depth < 8 ? formatted(e, home, names, depth) : undefined;
  if (formed !== undefined) return formed;
  return `$(${e.slice(0, 80)})`;
}

/** `format!("{}/x", a)`, `format!("{home}/x")`: each place filled with its path, when every one is known. */
function formatted(e: string, home: string, names: Names, depth: number): string | undefined {
  const m = /^format!\(\s*"((?:[^"\\]|\\.)*)"\s*(?:,(.*))?\)$/s.exec(e);
  if (!m) return undefined;
  const args = m[2] ? splitItems(m[2]) : [];
  let next = 0;
  let unknown = false;
  const out = unescape(m[1]).replace(/\{\{|\}\}|\{([A-Za-z_]\w*|\d*)(?::[^{}]*)?\}/g, (w, key?: string) => {
    if (key === undefined) return w[0];
    const expr = key === '' ? args[next++] : /^\d+$/.test(key) ? args[Number(key)] : key;
    const value = expr === undefined ? '$(?)' : pathOf(expr, home, names, depth + 1);
    unknown ||= value.startsWith('$(');
    return value;
  });
  return unknown ? undefined : out;
}

/** The `let NAME = EXPR;` bindings of `code`, in order, each read as a path where it stands. */
function bindings(code: string, home: string): { at: number; name: string; value: string }[] {
  const out: { at: number; name: string; value: string }[] = [];
  for (const m of code.matchAll(/\blet\s+(?:mut\s+)?([a-z_]\w*)\s*(?::[^=;]{0,80})?=\s*/g)) {
    if (out.length >= MAX_MATCHES) break;
    const at = (m.index ?? 0) + m[0].length;
    const expr = code.slice(
      at,
      topLevelIndex(code, at, 2048, (c) => c === ';'),
    );
    const value = pathOf(expr.trim().replace(new RegExp(UNWRAP + '$'), ''), home, lastBefore(out, at));
    out.push({ at, name: m[1], value });
  }
  return out;
}

/** The names as bound before `at`: each name's last binding there. */
function lastBefore(bound: readonly { at: number; name: string; value: string }[], at: number): Names {
  return (name) => {
    let value: string | undefined;
    for (const b of bound) if (b.at < at && b.name === name) value = b.value;
    return value;
  };
}

function splitItems(inner: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < inner.length && out.length < 64;) {
    while (i < inner.length && /[\s,]/.test(inner[i])) i++;
    const a = argumentAt(inner, i);
    if (!a) break;
    out.push(a);
    i += a.length;
  }
  return out;
}

function listItems(list: string, home: string, names: Names): string[] {
  const inner = list.replace(/^&?\s*(?:vec!)?\s*\[/, '').replace(/\]\s*$/, '');
  return splitItems(inner).map((a) => pathOf(a, home, names));
}

export function readRust(code: string, home: string): RustReading {
  const reading: RustReading = { shell: [], argvs: [], deletes: [], writes: [], obfuscated: false, unread: false };
  let count = 0;
  const bound = /\blet\s/.test(code) ? bindings(code, home) : [];
  const namesAt = (at: number): Names => lastBefore(bound, at);
  for (const m of code.matchAll(/\bCommand::new\(\s*/g)) {
    if (count++ >= MAX_MATCHES) break;
    let at = (m.index ?? 0) + m[0].length;
    const program = argumentAt(code, at);
    const names = namesAt(at);
    const argv = [pathOf(program, home, names)];
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
      if (next[1] === 'arg') argv.push(pathOf(arg, home, names));
      else if (next[1] === 'args') argv.push(...listItems(arg.trim(), home, names));
      at = topLevelIndex(code, at, 4096, (c) => c === ')') + 1;
    }
    if (/^(?:\/bin\/)?(?:ba|da|z)?sh$/.test(argv[0]) && argv[1] === '-c' && argv[2] !== undefined)
      reading.shell.push(argv[2]);
    else reading.argvs.push(argv);
  }
  for (const m of code.matchAll(/\b(remove_dir_all|remove_dir|remove_file)\s*\(\s*/g)) {
    if (count++ >= MAX_MATCHES) break;
    const at = (m.index ?? 0) + m[0].length;
    const arg = argumentAt(code, at);
    if (arg) reading.deletes.push({ path: pathOf(arg, home, namesAt(at)), recursive: m[1] === 'remove_dir_all' });
  }
  for (const m of code.matchAll(/\b(?:fs::write|File::create|fs::copy\s*\([^,]*,)\s*\(?\s*/g)) {
    if (count++ >= MAX_MATCHES) break;
    const at = (m.index ?? 0) + m[0].length;
    const arg = argumentAt(code, at);
    if (arg) reading.writes.push({ path: pathOf(arg, home, namesAt(at)), append: false });
  }
  reading.unread = count > MAX_MATCHES;
  return reading;
}
