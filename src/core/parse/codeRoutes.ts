// Routes to a shell-out that the idiom reader (interpreters.ts) reads by the
// called function's name would miss:
// - JavaScript's functions of child_process and fs bound to other names
//   (`const {execSync: x} = require("child_process")`, `const x = cp.execSync`,
//   `import {execSync as x} from "child_process"`) are rewritten to their own
//   names first; a member fetched by a computed name (`cp["exec"+"Sync"]`) or
//   Node's internal bindings (`process.binding("spawn_sync")`) reach any of
//   them, which nothing static can tell: the code is asked about.
// - Python's ctypes loading a C library (`ctypes.CDLL(None)`, `cdll.LoadLibrary
//   ("libc.so.6")`) calls libc's system() or exec*() directly.
// - Code that evaluates what it reads on stdin (`perl -e 'eval <STDIN>'`,
//   `exec(sys.stdin.read())`) runs the stdin file as code.

/** Names followed in one piece of code: far more than hand-written code binds functions to. */
const MAX_NAMES = 32;

const DANGEROUS_MODULE = String.raw`['"\x60](?:node:)?(?:child_process|fs|fs/promises)['"\x60]`;
const LOADS_MODULE = String.raw`(?:await\s+)?(?:(?:process|module)\s*\.\s*)?(?:require|import|getBuiltinModule)\s*\(\s*${DANGEROUS_MODULE}\s*\)`;
/** `const cp = require("child_process")`, `import * as cp from "fs"`, `import cp from "node:child_process"`. */
const MODULE_BINDING = new RegExp(
  String.raw`\b(?:(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*${LOADS_MODULE}|import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from\s+${DANGEROUS_MODULE})`,
  'g',
);
/** `{ execSync: x, spawn } = require("child_process")`, `import { execSync as x } from "child_process"`. */
const DESTRUCTURED = new RegExp(
  String.raw`\{([^{}]{1,600})\}\s*=\s*${LOADS_MODULE}|\bimport\s*\{([^{}]{1,600})\}\s*from\s*${DANGEROUS_MODULE}`,
  'g',
);
const INTERNAL_BINDING = /\bprocess\s*\.\s*(?:binding|_linkedBinding)\s*\(|\binternalBinding\s*\(/;

export interface NodeCallNames {
  code: string;
  /** Why a call of the code cannot be named statically, when one cannot. */
  unknown?: string;
}

const escapeRe = (s: string): string => s.replace(/[$]/g, '\\$');

/** JavaScript with the functions of child_process and fs called under their own names. */
export function nodeCallNames(code: string): NodeCallNames {
  if (INTERNAL_BINDING.test(code))
    return { code, unknown: "reaches Node's internal bindings (process.binding), which spawn processes unseen" };
  if (!/child_process|\bfs\b|fs\/promises/.test(code)) return { code };
  const modules: string[] = [];
  let m: RegExpExecArray | null;
  MODULE_BINDING.lastIndex = 0;
  while ((m = MODULE_BINDING.exec(code)) && modules.length < MAX_NAMES) modules.push(m[1] ?? m[2]);
  const aliases = new Map<string, string>();
  DESTRUCTURED.lastIndex = 0;
  while ((m = DESTRUCTURED.exec(code)) && aliases.size < MAX_NAMES) {
    for (const part of (m[1] ?? m[2]).split(',').slice(0, MAX_NAMES)) {
      const pair = /^\s*([A-Za-z_$][\w$]*)\s*(?::|\bas\b)\s*([A-Za-z_$][\w$]*)\s*(?:=.*)?$/s.exec(part);
      if (pair && pair[1] !== pair[2]) aliases.set(pair[2], pair[1]);
    }
  }
  const receivers = [...modules.map(escapeRe), String.raw`${LOADS_MODULE}`];
  const receiver = `(?:${receivers.join('|')})`;
  // `const x = cp.execSync`, `const x = require("child_process").execSync.bind(null)`.
  const member = new RegExp(
    String.raw`\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*${receiver}\s*\.\s*([A-Za-z_$][\w$]*)\b(?!\s*\()`,
    'g',
  );
  while ((m = member.exec(code)) && aliases.size < MAX_NAMES) aliases.set(m[1], m[2]);
  let out = code;
  // `cp["execSync"]` is `cp.execSync`; any other computed member could be any function of the module.
  const computed = new RegExp(String.raw`(${receiver})\s*\[\s*([^\]]{0,200})\]`, 'g');
  let unknown: string | undefined;
  out = out.replace(computed, (whole, recv: string, key: string) => {
    const literal = /^(?:'([\w$]+)'|"([\w$]+)"|`([\w$]+)`)$/.exec(key.trim());
    if (literal) return `${recv}.${literal[1] ?? literal[2] ?? literal[3]}`;
    unknown ??= `calls a member of child_process or fs chosen at run time (${whole.slice(0, 60)})`;
    return whole;
  });
  if (modules.length >= MAX_NAMES || aliases.size >= MAX_NAMES)
    unknown ??= 'binds more functions of child_process or fs than AgentGuard follows';
  for (const [alias, name] of aliases)
    out = out.replace(new RegExp(String.raw`(^|[^\w$.])${escapeRe(alias)}(\s*\()`, 'g'), `$1${name}$2`);
  return unknown ? { code: out, unknown } : { code: out };
}

/** `ctypes.CDLL(None)`, `cdll.LoadLibrary("libc.so.6")`, `ctypes.cdll.msvcrt`: a C library loaded, its functions callable. */
const PYTHON_NATIVE =
  /\b(?:CDLL|PyDLL|WinDLL|OleDLL|dlopen)\s*\(|\b(?:cdll|pydll|windll|oledll)\s*\.\s*(?:LoadLibrary\s*\(|[A-Za-z_]\w*)|\bLoadLibrary\s*\(/;

/** Why Python code reaches C functions directly, when it does. */
export function pythonNativeCall(code: string): string | undefined {
  return /ctypes|cffi/.test(code) && PYTHON_NATIVE.test(code)
    ? 'loads a C library through ctypes, whose functions (system, exec*) run commands unseen'
    : undefined;
}

/** Code evaluated from stdin (or the files named after it, wrappers/stdinCode.ts): Perl's `eval <STDIN>` / `eval(join '', <>)` / `do shift`, Python's `exec(sys.stdin.read())`, Ruby's `eval($stdin.read)`. */
const EVALS_STDIN: Readonly<Partial<Record<string, RegExp>>> = {
  perl: /\beval\b[^\n]{0,120}?<<?(?:STDIN|ARGV)?>|\b(?:do|require)\b\s*\(?\s*(?:shift\b|\$ARGV\s*\[)/,
  python: /\b(?:exec|eval)\s*\([^;]{0,80}?\bsys\s*\.\s*stdin\b/,
  ruby: /\b(?:eval|instance_eval)\b[^;]{0,80}?(?:\$stdin|STDIN|ARGF)\b|\b(?:load|require)\b\s*\(?\s*ARGV\b/,
  node: /\b(?:eval|Function|runInThisContext|runInNewContext)\s*\([^;]{0,80}?readFileSync\s*\(\s*(?:0|['"]\/dev\/stdin['"])\s*[,)]/,
  php: /\beval\s*\([^;]{0,80}?(?:php:\/\/stdin|STDIN)/,
};

/** The code evaluates what it reads on stdin. */
export function evaluatesStdin(language: string, code: string): boolean {
  const re = Object.prototype.hasOwnProperty.call(EVALS_STDIN, language) ? EVALS_STDIN[language] : undefined;
  return re !== undefined && re.test(code);
}
