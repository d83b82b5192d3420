/**
 * File effects of interpreter code the call readers of interpreters.ts do not name by a delete or write
 * function: a path object's own `unlink()`/`rmdir()` whatever its receiver is spelled as (`p.unlink()` with
 * `p = Path.home() / "x"`, `Path.home().joinpath("x").unlink()`), and the calls that empty a file or open it
 * for writing (`os.truncate`, `fs.truncateSync`, `File.truncate`, Perl's `truncate`, `Deno.truncate`,
 * `fs.openSync(p, "w")`, `os.open(p, os.O_WRONLY | os.O_TRUNC)`, `Deno.writeTextFile`, `Bun.write`). Each is
 * recorded as the `rm` or the overwrite (`: > FILE`) it amounts to.
 */
import type { CodeReading } from './codeReading';

/** Matches read per pattern: far more than hand-written code holds; past it the code is asked about. */
const MAX_MATCHES = 256;

/** A method deleting its receiver: pathlib's `unlink` and `rmdir`. */
const PATH_METHOD_DELETE = /\.\s*(unlink|rmdir)\s*\(\s*(?:missing_ok\s*=\s*\w+\s*)?\)/g;
/** Calls that empty a file named by their first argument. */
const TRUNCATE_CALL = /\b(truncateSync|truncate)\s*\(\s*/g;
/** Perl's `truncate FILE, LENGTH` without brackets. */
const PERL_BARE_TRUNCATE = /\btruncate\s+(?![\s(])/g;
/** Calls that open a file named by their first argument with flags after it. */
const OPEN_FLAGS_CALL = /\b(openSync|open)\s*\(\s*/g;
/** Calls that write their first argument whole: Deno's text writers and Bun's `write`. */
const WHOLE_WRITE_CALL = /\b(?:Deno\s*\.\s*writeTextFile(?:Sync)?|Bun\s*\.\s*write)\s*\(\s*/g;
/** Receivers whose `truncate` empties a named file (a file object's own `f.truncate()` takes no path). */
const FILE_MODULE =
  /(?:^|[^\w.$])(?:os|fs|fsp|fse|promises|fs\s*\.\s*promises|File|Deno|require\s*\(\s*['"](?:node:)?fs(?:\/promises)?['"]\s*\))\s*\.\s*$/;
/** Node's string flags that write (`w`, `w+`, `a`, `r+`, `as`), and the numeric flags of os.open and fs.openSync. */
const WRITE_FLAG_STRING = /^\s*,\s*(?:flags\s*=\s*)?['"]([rwaxs+]{1,4})['"]/;
const WRITE_FLAG_CONSTANT = /^\s*,\s*([^,)]*\bO_(?:WRONLY|RDWR|TRUNC|APPEND|CREAT)\b[^,)]*)/;

/** The reader's helpers: a path expression spelled out (`$(…)` when it cannot be), a call's arguments split. */
export interface CodeHelpers {
  path: (expr: string) => string;
  args: (text: string) => string[];
  receiverBefore: (code: string, dot: number) => string;
}

/** Records the deletes and writes above; true when a pattern matched past its bound (the code is not read whole). */
export function readTruncates(language: string, code: string, reading: CodeReading, read: CodeHelpers): boolean {
  let over = false;
  const each = (re: RegExp, visit: (m: RegExpExecArray) => void): void => {
    re.lastIndex = 0;
    let n = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(code))) {
      if (n++ >= MAX_MATCHES) {
        over = true;
        return;
      }
      visit(m);
    }
  };
  const firstArg = (m: RegExpExecArray): { first: string; after: string } => {
    const text = code.slice(m.index + m[0].length, m.index + m[0].length + 2048);
    const first = read.args(text)[0] ?? '';
    return { first, after: text.slice(first.length) };
  };
  each(PATH_METHOD_DELETE, (m) => {
    const receiver = read.receiverBefore(code, m.index);
    // Only a receiver read as a path: `os.unlink(p)` is the delete call's, `tmp.unlink()` of an unknown object stays as it was.
    const path = receiver ? read.path(receiver) : '';
    if (path && !path.startsWith('$(')) reading.deletes.push({ path, recursive: false });
  });
  each(TRUNCATE_CALL, (m) => {
    const before = code.slice(Math.max(0, m.index - 40), m.index);
    const bare = !/\.\s*$/.test(before);
    // A bare call is Perl's builtin or Node's destructured `truncateSync`; a method call, a file module's.
    if (bare ? !(language === 'perl' || m[1] === 'truncateSync') : !FILE_MODULE.test(before)) return;
    const { first } = firstArg(m);
    if (first) reading.writes.push({ path: read.path(first), append: false });
  });
  if (language === 'perl')
    each(PERL_BARE_TRUNCATE, (m) => {
      const first = read.args(code.slice(m.index + m[0].length).split(/;|\n/)[0])[0];
      if (first) reading.writes.push({ path: read.path(first), append: false });
    });
  each(OPEN_FLAGS_CALL, (m) => {
    const before = code.slice(Math.max(0, m.index - 40), m.index);
    // Python's builtin `open` and Node's `fs.open` with a mode string are the write reader's; flags are read here.
    if (m[1] === 'open' && !/\bos\s*\.\s*$/.test(before) && !FILE_MODULE.test(before)) return;
    const { first, after } = firstArg(m);
    if (!first) return;
    const text = WRITE_FLAG_STRING.exec(after)?.[1];
    const flags = WRITE_FLAG_CONSTANT.exec(after)?.[1];
    if (text !== undefined ? !/[wax+]/.test(text) : flags === undefined) return;
    const append =
      text !== undefined ? text.includes('a') : /O_APPEND/.test(flags ?? '') && !/O_TRUNC/.test(flags ?? '');
    reading.writes.push({ path: read.path(first), append });
  });
  each(WHOLE_WRITE_CALL, (m) => {
    const { first, after } = firstArg(m);
    // `Bun.write(Bun.file(p), …)`: the file object names the path.
    const named = /^Bun\s*\.\s*file\s*\(([\s\S]*)\)$/.exec(first)?.[1] ?? first;
    const rest = after.slice(0, 512);
    if (named) reading.writes.push({ path: read.path(named.trim()), append: /\bappend\s*:\s*true\b/.test(rest) });
  });
  return over;
}
