// Words whose value is only known at run time. What can be resolved is
// resolved here (positional parameters after `set --`, arrays, a tool named by
// a conventional variable, a script whose folder only is unknown); what cannot
// stays dynamic, and a program that stays dynamic is unknown (packs/unknown.ts
// asks about it).

import { own, owns } from '../text/own';

export { ARRAY_SEP, arrayKey, RUN_TIME_CD, UNKNOWN } from '../text/runTimeMarks';
import { ARRAY_SEP, arrayKey, UNKNOWN } from '../text/runTimeMarks';

/**
 * Variables that by convention name the user's own tool (`$EDITOR file`,
 * `$PYTHON -m pytest`), inherited from the environment and not set on the
 * line: judged as the tool they stand for, so its pack still reads it.
 */
const CONVENTIONAL: Readonly<Record<string, string>> = {
  EDITOR: 'editor',
  VISUAL: 'editor',
  PAGER: 'less',
  MANPAGER: 'less',
  GIT_EDITOR: 'editor',
  BROWSER: 'browser',
  PYTHON: 'python',
  PYTHON3: 'python3',
  NODE: 'node',
  RUBY: 'ruby',
  PERL: 'perl',
  PHP: 'php',
  JAVA: 'java',
  CC: 'cc',
  CXX: 'c++',
  CPP: 'cpp',
  LD: 'ld',
  AR: 'ar',
  AS: 'as',
  FC: 'gfortran',
  NM: 'nm',
  STRIP: 'strip',
  RANLIB: 'ranlib',
  MAKE: 'make',
  CMAKE: 'cmake',
  NINJA: 'ninja',
  GO: 'go',
  CARGO: 'cargo',
  RUSTC: 'rustc',
  NPM: 'npm',
  YARN: 'yarn',
  PNPM: 'pnpm',
  PIP: 'pip',
  SHELL: 'sh',
  GIT: 'git',
  DOCKER: 'docker',
  KUBECTL: 'kubectl',
};

const WHOLE_VARIABLE = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;
const LITERAL_NAME = /^[A-Za-z0-9._+-]+$/;

/**
 * Programs whose output is shell set-up code by design (`eval "$(ssh-agent -s)"`,
 * `eval "$(direnv hook bash)"`): the code they print is the tool's own.
 */
const SHELL_SETUP = new Set([
  'ssh-agent',
  'direnv',
  'pyenv',
  'rbenv',
  'nodenv',
  'goenv',
  'jenv',
  'plenv',
  'brew',
  'conda',
  'fnm',
  'zoxide',
  'starship',
  'mise',
  'rtx',
  'keychain',
  'dircolors',
  'opam',
  'thefuck',
  'gh',
  'kubectl',
  'helm',
  'rustup',
  'atuin',
  'nvm',
  'asdf',
  'luarocks',
  'pipenv',
  'poetry',
  'gpg-agent',
  'oh-my-posh',
  'fzf',
]);
/** Whether a command prints shell set-up code of its own (`kubectl completion bash`, `brew shellenv`, `direnv hook zsh`). */
export function printsShellSetup(argv: readonly string[]): boolean {
  const name = argv[0]?.slice(argv[0].lastIndexOf('/') + 1) ?? '';
  if (SHELL_SETUP.has(name) && name !== 'kubectl' && name !== 'gh' && name !== 'helm') return true;
  return argv.slice(1, 4).some((a) => SETUP_WORDS.has(a));
}
const SETUP_WORDS = new Set(['completion', 'completions', 'shellenv', 'init', 'hook', 'activate', 'env']);

const SUBSTITUTION = /^\$\(\s*(?:[A-Za-z0-9_./-]*\/)?([A-Za-z0-9_.-]+)(?:\s[^()`$;&|]*)?\)$/;

/** What a program word that holds an expansion stands for, when that is known; undefined when it stays unknown. */
export function resolveProgram(value: string, vars: Readonly<Record<string, string>>): string | undefined {
  const v = WHOLE_VARIABLE.exec(value);
  if (v && !owns(vars, v[1])) return own(CONVENTIONAL, v[1]);
  const s = SUBSTITUTION.exec(value);
  if (s && SHELL_SETUP.has(s[1])) return value;
  // `"$(git rev-parse --show-toplevel)/scripts/build.sh"`, `$DIR/bin/tool`: the folder is unknown, the program is not.
  const slash = value.lastIndexOf('/');
  if (slash > 0 && slash < value.length - 1) {
    const base = value.slice(slash + 1);
    const head = value.slice(0, slash);
    if (LITERAL_NAME.test(base) && /[)}A-Za-z0-9_]$/.test(head) && balanced(head)) return base;
  }
  return undefined;
}

/** The folder part holds whole expansions only (nothing of it spills into the name). */
function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** The scope entries for positional parameters `$1 … $n`, `$#`, `$@`/`$*` (space-joined) and the array itself. */
export function positionalVars(args: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = { '#': String(args.length), '@': args.join(' '), '*': args.join(' ') };
  vars[arrayKey('@')] = args.join(ARRAY_SEP);
  for (let i = 0; i < args.length && i < 64; i++) vars[String(i + 1)] = args[i];
  return vars;
}

/** Value stored for a variable set at run time by a builtin (`read`, `printf -v`, `mapfile`): unknown, and no conventional name. */
export function runtimeValue(name: string): string {
  return UNKNOWN + '$(' + name + ')' + UNKNOWN;
}

/**
 * The variable a reader writes into shell text it makes, where a value is known only at run time (a Tcl `$x`, PHP's
 * `"rm -rf ".getcwd()`): `"${__runtime_value}"`, read with the scope `withRuntimeValue` gives, in which it is unknown.
 */
export const RUNTIME_VALUE_NAME = '__runtime_value';
export const RUNTIME_VALUE_WORD = `"\${${RUNTIME_VALUE_NAME}}"`;

/** Variables for reading text that holds RUNTIME_VALUE_WORD: the name unknown, whatever the environment sets. */
export function withRuntimeValue(vars: Readonly<Record<string, string>>): Record<string, string> {
  return { ...vars, [RUNTIME_VALUE_NAME]: runtimeValue(RUNTIME_VALUE_NAME) };
}

/** The scope to read texts in: one where RUNTIME_VALUE_NAME is unknown when any of them names it, else the same. */
export function scopeForRuntimeValue<T extends { vars: Readonly<Record<string, string>> }>(
  scope: T,
  texts: readonly string[],
): T {
  return texts.some((t) => t.includes(RUNTIME_VALUE_NAME)) ? { ...scope, vars: withRuntimeValue(scope.vars) } : scope;
}
