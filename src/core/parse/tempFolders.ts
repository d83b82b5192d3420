/**
 * Names in a piece of code that can only hold a fresh temporary folder: a
 * variable set once from a temp-folder maker (`d = tempfile.mkdtemp()`,
 * `const d = fs.mkdtempSync(…)`, `d = Dir.mktmpdir(…)`) and otherwise only
 * passed to calls. Test set-up code (a `conftest.py`, a jest config) deletes
 * such folders as a matter of course; read as an unknown target, every test
 * run would ask. Anything that could point the name elsewhere — a second
 * assignment, a parameter or loop variable of the same name, a use inside a
 * string, an f-string, a list, a keyword argument — leaves it unknown, and the
 * delete is asked about as before.
 */

// Go's `d, err := os.MkdirTemp(…)` binds the folder and an error together.
const MAKER =
  /(?<![\w.$])([A-Za-z_]\w{0,63})(?:\s*,\s*[A-Za-z_]\w*)?\s*:?=\s*(?:await\s+)?(?:tempfile\.mkdtemp|mkdtemp|fs\.mkdtempSync|mkdtempSync|fs\.promises\.mkdtemp|fsp\.mkdtemp|Dir\.mktmpdir|os\.MkdirTemp|ioutil\.TempDir|Files\.createTempDirectory)\s*\(/g;

/** Where such a folder is taken to be, for the path judgment: the temp root, as the shell's `mktemp` is. */
export const TEMP_FOLDER_PATH = '/tmp/mkdtemp';

/** How many temp-folder assignments are looked at; names past it stay unknown (asked about). */
const MAX_MAKERS = 16;
/** How many uses of one name are checked; a name used more often stays unknown. */
const MAX_USES = 64;

/** True when every use of `name` but its assignment at `at` is a plain call argument: `f(d)`, `f(x, d)`, `f(d, y)`. */
function onlyPassedOn(code: string, name: string, at: number): boolean {
  const use = new RegExp(`(?<![\\w.$])${name}(?![\\w$])`, 'g');
  let m: RegExpExecArray | null;
  let uses = 0;
  while ((m = use.exec(code))) {
    if (++uses > MAX_USES) return false;
    if (m.index === at) continue;
    const end = m.index + name.length;
    if (!/[(,][ \t]*$/.test(code.slice(Math.max(0, m.index - 8), m.index))) return false;
    // The list it sits in must close with nothing nested before, and be a call's arguments:
    // never `(x, d) = …`, `def f(d):`, `(d) => …`, `function (d) {`, `for (a, d) in …`.
    const close = /^[^()\n]{0,160}?\)/.exec(code.slice(end, end + 161));
    if (!close || !/^[ \t]*,|^[ \t]*\)/.test(code.slice(end, end + 8))) return false;
    if (/^\s*(?:=(?!=)|:|\{|=>|in\b|of\b)/.test(code.slice(end + close[0].length, end + close[0].length + 8)))
      return false;
  }
  return true;
}

export function tempFolderNames(code: string): ReadonlySet<string> {
  const names = new Set<string>();
  if (!/mkdtemp|mktmpdir|MkdirTemp|TempDir|createTempDirectory/.test(code)) return names;
  MAKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = MAKER.exec(code)) && seen++ < MAX_MAKERS) {
    if (onlyPassedOn(code, m[1], m.index)) names.add(m[1]);
  }
  return names;
}
