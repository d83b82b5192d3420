// Path expressions the code reader (interpreters.ts) spells out besides plain
// literals and `os.homedir()`: the home folder reached through a path object
// (`Path.home().joinpath(".bashrc")`, `Path.home() / ".ssh" / "x"`,
// `Path("~/.bashrc").expanduser()`), Ruby's `File.expand_path("~/.x")` and
// `File.join(Dir.home, ".x")`, Perl's "$ENV{HOME}/.x", a JavaScript template (`${process.env.HOME}/.x`),
// and the folders Python loads start-up files from (`site.getsitepackages()[0]`,
// `site.getusersitepackages()`, `sys.prefix`): a `.pth` written there runs in every Python.
import { topLevelIndex } from './codeScan';

/** Parts of one expression followed: far more than a hand-written path is joined from. */
const MAX_PARTS = 16;

/** A folder Python's `site` module reads `.pth` files from, for a path computed at run time. */
const SITE_FOLDER =
  /^(?:site\s*\.\s*getsitepackages\s*\(\s*\)\s*\[\s*-?\d+\s*\]|sysconfig\s*\.\s*get_paths\s*\(\s*\)\s*\[\s*['"](?:pure|plat)lib['"]\s*\]|sysconfig\s*\.\s*get_path\s*\(\s*['"](?:pure|plat)lib['"]\s*\))$/;
const USER_SITE_FOLDER = /^(?:site\s*\.\s*getusersitepackages\s*\(\s*\)|site\s*\.\s*USER_SITE)$/;
/** Where the first of getsitepackages() is on a Linux Python: any folder of that name is judged alike. */
const SYSTEM_SITE_PACKAGES = '/usr/local/lib/python3/site-packages';
const PYTHON_PREFIX = '/usr/local';

/** The top-level parts of `text` split at `sep` (outside strings and brackets), or undefined past the bound. */
function topLevelParts(text: string, sep: (c: string, i: number) => boolean): string[] | undefined {
  const parts: string[] = [];
  let from = 0;
  while (parts.length <= MAX_PARTS) {
    const end = topLevelIndex(text, from, text.length, sep);
    parts.push(text.slice(from, end).trim());
    if (end >= text.length) return parts;
    from = end + 1;
  }
  return undefined;
}

/** `(X)` whose brackets enclose the whole expression. */
function unwrapParens(expr: string): string | undefined {
  if (!expr.startsWith('(') || !expr.endsWith(')')) return undefined;
  const close = topLevelIndex(expr, 1, expr.length, (c) => c === ')');
  return close === expr.length - 1 ? expr.slice(1, -1).trim() : undefined;
}

/** `RECV.name(ARGS)` as its last call: the receiver, the method and the argument text. */
function lastCall(expr: string): { recv: string; name: string; args: string } | undefined {
  if (!expr.endsWith(')')) return undefined;
  let seen = 0;
  for (const m of expr.matchAll(/\.\s*([A-Za-z_]\w*)\s*\(/g)) {
    if (seen++ >= MAX_PARTS) return undefined;
    const open = m.index + m[0].length;
    // The call whose own `)` ends the expression is the last one.
    if (topLevelIndex(expr, open, expr.length, (c) => c === ')') === expr.length - 1)
      return { recv: expr.slice(0, m.index).trim(), name: m[1], args: expr.slice(open, -1) };
  }
  return undefined;
}

/** A template's text with each placeholder spelled out; undefined when one cannot be. */
function interpolated(text: string, sub: (e: string) => string): string | undefined {
  // `{{` is a literal brace in an f-string: such a template is left unknown.
  if (/\{\{|\}\}/.test(text)) return undefined;
  let unknown = false;
  const out = text.replace(/(?:\$|#)?\{([^{}]*)\}/g, (_m, e: string) => {
    const v = sub(e.trim());
    if (!known(v)) unknown = true;
    return v;
  });
  return unknown ? undefined : out;
}

const joined = (parts: readonly string[]): string => parts.join('/').replace(/\/+/g, '/');
const known = (v: string | undefined): v is string => v !== undefined && !v.startsWith('$(') && v !== '';
const expandTilde = (p: string, home: string): string =>
  p === '~' ? home : p.startsWith('~/') ? home + p.slice(1) : p;

/**
 * The path one of these expressions names, or undefined when it is none of
 * them; `sub` spells out a part (the reader's own `pathOf`, `$(…)` when it
 * cannot).
 */
export function homeFormPath(expr: string, home: string, sub: (e: string) => string): string | undefined {
  if (SITE_FOLDER.test(expr)) return SYSTEM_SITE_PACKAGES;
  if (USER_SITE_FOLDER.test(expr)) return `${home}/.local/lib/python3/site-packages`;
  // The installation's prefix: its lib/python3.X/site-packages holds the start-up files every Python runs.
  if (
    /^(?:sys\s*\.\s*(?:prefix|base_prefix|exec_prefix|base_exec_prefix)|site\s*\.\s*PREFIXES\s*\[\s*-?\d+\s*\])$/.test(
      expr,
    )
  )
    return PYTHON_PREFIX;
  // Python's `os.path.expanduser("~/x")`, Julia's `expanduser("~/x")`, R's `path.expand("~/x")` (fs's `path_expand`).
  const user =
    /^(?:(?:os\s*\.\s*path\s*\.\s*)?expanduser|path\s*\.\s*expand|(?:fs\s*::\s*)?path_expand)\s*\(([\s\S]*)\)$/.exec(
      expr,
    );
  if (user && !user[1].includes(',')) return expandTilde(sub(user[1].trim()), home);
  const inner = unwrapParens(expr);
  if (inner !== undefined) return sub(inner);
  // `${process.env.HOME}/.x` (JavaScript), f"{Path.home()}/.x" (Python), "#{Dir.home}/.x" (Ruby).
  const template =
    /^`([^`]*\$\{[^`]*)`$/.exec(expr) ??
    /^[fF](?:"([^"]*)"|'([^']*)')$/.exec(expr) ??
    /^"((?:[^"\\]|\\.)*#\{[^"]*)"$/.exec(expr);
  if (template) return interpolated(template[1] ?? template[2], sub);
  // Perl's "$ENV{HOME}/.x" (or "${ENV{HOME}}"): any other interpolation left leaves the path unknown.
  const perl = /^"((?:[^"\\]|\\.)*\$\{?ENV\{[^"]*)"$/.exec(expr);
  if (perl) {
    const out = perl[1].replace(/\$ENV\{\s*['"]?HOME['"]?\s*\}|\$\{ENV\{\s*['"]?HOME['"]?\s*\}\}/g, home);
    return /[$@]/.test(out) ? undefined : out;
  }
  // `str(Path.home())`, `os.fspath(p)`, `os.path.abspath(p)`: the same path.
  const same =
    /^(?:str|String|os\s*\.\s*fspath|os\s*\.\s*path\s*\.\s*(?:abspath|realpath|normpath)|path\s*\.\s*normalize)\s*\(([^,]*)\)$/.exec(
      expr,
    );
  if (same && unwrapParens(expr.slice(expr.indexOf('('))) !== undefined) return sub(same[1].trim());
  // pathlib's `/`: `Path.home() / ".ssh" / "authorized_keys"`.
  if (/^(?:pathlib\s*\.\s*)?(?:Path|PosixPath|PurePath)\b/.test(expr) && expr.includes('/')) {
    const parts = topLevelParts(expr, (c) => c === '/');
    if (parts && parts.length > 1) {
      const values = parts.map(sub);
      return values.every(known) ? joined(values) : undefined;
    }
  }
  // `Path("x")`, `pathlib.Path(home, ".x")`, Ruby's `File.join(a, b)`, `File.expand_path("~/.x")`, and the JVM's
  // `new File(parent, "child")`, `Path.of(first, "more")`, `Paths.get(…)`: each joins its parts with `/`.
  const ctor =
    /^(?:pathlib\s*\.\s*|new\s+(?:java\.io\.)?|java\.io\.|java\.nio\.file\.)?(Path|PosixPath|PurePath|File\s*\.\s*join|File\s*\.\s*expand_path|path\s*\.\s*resolve|File|Path\s*\.\s*of|Paths\s*\.\s*get)\s*\(([\s\S]*)\)$/.exec(
      expr,
    );
  if (ctor && topLevelIndex(expr, expr.indexOf('(') + 1, expr.length, (c) => c === ')') === expr.length - 1) {
    const args = topLevelParts(ctor[2], (c) => c === ',')?.filter((a) => a !== '');
    if (!args?.length) return undefined;
    const values = args.map(sub);
    if (!values.every(known)) return undefined;
    // expand_path(name, dir): a relative name is under dir.
    if (/expand_path/.test(ctor[1]))
      return values.length > 1 && !/^[~/]/.test(values[0])
        ? joined([values[1], values[0]])
        : expandTilde(values[0], home);
    return joined(values);
  }
  const call = lastCall(expr);
  if (!call) return undefined;
  const recv = sub(call.recv);
  if (!known(recv)) return undefined;
  // `.expanduser()`, `.resolve()`, `.absolute()`: the same path, `~` expanded; the JVM's `.toFile()`, `.toPath()`.
  if (
    /^(?:expanduser|resolve|absolute|toFile|toPath|toAbsolutePath|normalize|getAbsoluteFile)$/.test(call.name) &&
    !call.args.trim()
  )
    return expandTilde(recv, home);
  // The JVM's `path.resolve("x")` (Kotlin's `file.resolve("x")`): under the path, or the argument when absolute.
  if (call.name === 'resolve' && !call.args.includes(',')) {
    const part = sub(call.args.trim());
    return known(part) ? (part.startsWith('/') ? part : joined([recv, part])) : undefined;
  }
  if (call.name === 'joinpath') {
    const args = topLevelParts(call.args, (c) => c === ',')?.filter((a) => a !== '');
    const values = args?.map(sub);
    return values?.every(known) ? joined([recv, ...values]) : undefined;
  }
  return undefined;
}

/** Characters looked back over for a method's receiver: more than a hand-written path expression spans. */
const MAX_RECEIVER = 400;

/**
 * The receiver expression that ends just before `dot` (the `.` of a method
 * call): `(Path.home() / ".x")` in `(Path.home() / ".x").open("a")`. Strings
 * and bracketed groups are stepped over whole; empty when there is none.
 */
export function receiverBefore(code: string, dot: number): string {
  const floor = Math.max(0, dot - MAX_RECEIVER);
  let i = dot - 1;
  while (i >= floor && /\s/.test(code[i])) i--;
  const end = i + 1;
  while (i >= floor) {
    const c = code[i];
    if (c === ')' || c === ']') {
      let depth = 0;
      for (; i >= floor; i--) {
        const d = code[i];
        if (d === '"' || d === "'") i = code.lastIndexOf(d, i - 1);
        else if (d === ')' || d === ']') depth++;
        else if ((d === '(' || d === '[') && --depth === 0) break;
        if (i < floor) return '';
      }
      i--;
    } else if (c === '"' || c === "'") {
      i = code.lastIndexOf(c, i - 1) - 1;
      if (i < floor - 1) return '';
    } else if (/[\w.$]/.test(c)) i--;
    else break;
  }
  return code.slice(i + 1, end).trim();
}
