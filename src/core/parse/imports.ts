// The workspace's own modules a script imports: `python run.py` runs what
// run.py imports from beside it, `node main.js` what it requires by a
// relative path, and the destructive code may sit there rather than in the
// script named on the line. Only files that resolve next to the script (or
// the working folder, for `python -m`) are followed — the standard library
// and installed packages are not the workspace's code — and the walk is
// bounded in modules and size. A module of the workspace found past the
// bound is reported (pastBound), so the call is asked about: modules that
// are not there (the standard library, installed packages) never count.
import * as path from 'node:path';

const posix = path.posix;

/**
 * Most modules followed from one script, however deep the chain of imports that reaches them: each level of
 * the walk adds at least one module, so the count bounds the depth too. A large project's entry reaches
 * hundreds; each file is read once and looked at cheaply before it is read in full (codeWords.ts).
 */
export const MAX_MODULES = 1024;
/** Most text of the modules followed from one script, together. */
export const MAX_MODULE_BYTES = 32 * 1024 * 1024;
/** Files remembered (found or not) while one script's imports are resolved. */
const MAX_REMEMBERED = 16_384;

export interface LocalModules {
  modules: Module[];
  /** A module of the workspace is imported past MAX_MODULES: it would run unread. */
  pastBound: boolean;
}

export interface Module {
  /** Absolute path of the module's file. */
  file: string;
  text: string;
}

type Read = (abs: string) => string | undefined;

// A statement starts a line or follows `;` (`python -c 'import helper; helper.go()'`).
const PY_IMPORT = /(?:^|;)[ \t]*import[ \t]+([\w. \t,]+?)[ \t]*(?=[;#\n]|$)/gm;
const PY_FROM = /(?:^|;)[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+\(?([\w \t,*]+)/gm;
const JS_SPECIFIER =
  /\b(?:require|import)\s*\(\s*(['"`])(\.{1,2}\/[^'"`\n]+)\1|\b(?:import|export)\b[^'"`;\n]*?\bfrom\s*(['"])(\.{1,2}\/[^'"\n]+)\3|\bimport\s*(['"])(\.{1,2}\/[^'"\n]+)\5/g;

/** The file a dotted Python module name resolves to below `root`: `a/b.py` or `a/b/__init__.py`. */
function pythonFile(root: string, dotted: string, read: Read): Module | undefined {
  const rel = dotted.split('.').filter(Boolean).join('/');
  if (!rel) return undefined;
  for (const f of [posix.join(root, `${rel}.py`), posix.join(root, rel, '__init__.py')]) {
    const text = read(f);
    if (text !== undefined) return { file: f, text };
  }
  return undefined;
}

/** The package folder a relative `from .x import y` counts from. */
function relativeRoot(file: string, dots: number): string {
  let dir = posix.dirname(file);
  for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
  return dir;
}

/** Modules not in `seen` (nor found twice), at most about `limit` of them. */
class Found {
  readonly out: Module[] = [];
  private readonly files = new Set<string>();
  constructor(
    private readonly seen: ReadonlySet<string>,
    readonly limit: number,
  ) {}
  get full(): boolean {
    return this.out.length >= this.limit;
  }
  push(m: Module): void {
    if (this.seen.has(m.file) || this.files.has(m.file)) return;
    this.files.add(m.file);
    this.out.push(m);
  }
}

function pythonImports(m: Module, roots: readonly string[], read: Read, out: Found): Module[] {
  const code = m.text;
  PY_IMPORT.lastIndex = 0;
  for (let x = PY_IMPORT.exec(code); x && !out.full; x = PY_IMPORT.exec(code)) {
    for (const part of x[1].split(',')) {
      const name = part.trim().split(/\s+as\s+|\s+/)[0];
      // `import a.b` runs a/__init__.py and a/b.py.
      const pieces = name.split('.');
      for (let k = 1; k <= pieces.length; k++) {
        for (const root of roots) {
          const hit = pythonFile(root, pieces.slice(0, k).join('.'), read);
          if (hit) {
            out.push(hit);
            break;
          }
        }
      }
    }
  }
  PY_FROM.lastIndex = 0;
  for (let x = PY_FROM.exec(code); x && !out.full; x = PY_FROM.exec(code)) {
    const dots = /^\.*/.exec(x[1])![0].length;
    const base = x[1].slice(dots);
    const bases = dots ? [relativeRoot(m.file, dots)] : roots;
    for (const root of bases) {
      const pkg = base ? pythonFile(root, base, read) : undefined;
      if (pkg) out.push(pkg);
      // `from pkg import mod`: mod may be a module file of its own.
      for (const name of x[2]
        .split(',')
        .map((n) => n.trim().split(/\s+/)[0])
        .filter((n) => n && n !== '*')) {
        const sub = pythonFile(root, base ? `${base}.${name}` : name, read);
        if (sub) out.push(sub);
      }
      if (pkg) break;
    }
  }
  return out.out;
}

const JS_EXTENSIONS = [
  '',
  '.js',
  '.mjs',
  '.cjs',
  '.ts',
  '.mts',
  '.cts',
  '.jsx',
  '.tsx',
  '/index.js',
  '/index.mjs',
  '/index.cjs',
  '/index.ts',
];

function jsImports(m: Module, read: Read, out: Found): Module[] {
  JS_SPECIFIER.lastIndex = 0;
  for (let x = JS_SPECIFIER.exec(m.text); x && !out.full; x = JS_SPECIFIER.exec(m.text)) {
    const spec = x[2] ?? x[4] ?? x[6];
    const base = posix.resolve(posix.dirname(m.file), spec);
    for (const ext of JS_EXTENSIONS) {
      const text = read(base + ext);
      if (text !== undefined) {
        out.push({ file: base + ext, text });
        break;
      }
    }
  }
  return out.out;
}

/**
 * Every module of the workspace the entry module reaches through its
 * imports, breadth first, the entry itself excluded; `roots` are where an
 * absolute Python import is looked up (the script's folder, or the working
 * folder for `-m`).
 */
export function localModules(
  language: 'python' | 'node',
  entry: Module,
  roots: readonly string[],
  readFile: Read,
): LocalModules {
  const seen = new Set<string>([entry.file]);
  const out: Module[] = [];
  let level: Module[] = [entry];
  let bytes = 0;
  // Each module is named by many others: its file is read once.
  const known = new Map<string, string | undefined>();
  const read: Read = (f) => {
    if (known.has(f)) return known.get(f);
    const text = readFile(f);
    if (known.size < MAX_REMEMBERED) known.set(f, text);
    return text;
  };
  for (let depth = 0; depth <= MAX_MODULES && level.length; depth++) {
    const next: Module[] = [];
    for (const m of level) {
      // One more than there is room for: a module found past the bound is one that would have been read.
      const found = new Found(seen, MAX_MODULES - out.length + 1);
      for (const f of language === 'python' ? pythonImports(m, roots, read, found) : jsImports(m, read, found)) {
        bytes += f.text.length;
        if (out.length >= MAX_MODULES || bytes > MAX_MODULE_BYTES) return { modules: out, pastBound: true };
        seen.add(f.file);
        out.push(f);
        next.push(f);
      }
    }
    level = next;
  }
  return { modules: out, pastBound: false };
}

/** The file `python -m NAME` runs from `cwd`: NAME.py, or NAME/__main__.py of a package. */
export function pythonMainModule(cwd: string, dotted: string, read: Read): Module | undefined {
  const rel = dotted.split('.').join('/');
  for (const f of [posix.join(cwd, `${rel}.py`), posix.join(cwd, rel, '__main__.py')]) {
    const text = read(f);
    if (text !== undefined) return { file: f, text };
  }
  return undefined;
}
