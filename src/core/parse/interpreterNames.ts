// The interpreters whose code AgentGuard reads, by program name. One table,
// so every check that asks "is this an interpreter?" (the wrappers that read
// inline code, the guard pack's self-protection check) knows the same names:
// an interpreter added here is read everywhere at once.

/** The languages of the interpreters named below. */
export type InterpreterLanguage = 'python' | 'node' | 'ruby' | 'perl' | 'php' | 'lua' | 'r' | 'julia';

/** Each interpreter by its plain name; a versioned name is a plain name and a version (VERSIONS). */
export const INTERPRETER_NAMES: ReadonlyMap<string, InterpreterLanguage> = new Map([
  ['python', 'python'],
  // py: the Python launcher (Windows, and python-launcher elsewhere), which runs a python.
  ['py', 'python'],
  ['pypy', 'python'],
  ['node', 'node'],
  ['nodejs', 'node'],
  ['bun', 'node'],
  ['deno', 'node'],
  ['ruby', 'ruby'],
  ['perl', 'perl'],
  ['php', 'php'],
  ['lua', 'lua'],
  // texlua: the Lua of TeX distributions, with os.execute and io.open.
  ['texlua', 'lua'],
  ['Rscript', 'r'],
  ['R', 'r'],
  ['julia', 'julia'],
]);

/** The versions a plain name may carry, by language: python3, python3.12, pypy3, luajit, lua5.4, texluajit, php8.2. */
const VERSIONS: Partial<Record<InterpreterLanguage, RegExp>> = {
  python: /^[23](?:\.\d+)?$/,
  lua: /^(?:jit|5\.\d)$/,
  php: /^\d(?:\.\d+)?$/,
};
/** A plain name and the version after it. */
const VERSIONED = /^([a-z]+?)(jit|\d[\d.]*)$/;

/** Which interpreter a program name is, if any. One map lookup for most programs: only a name ending in a digit or `jit` is split further. */
export function interpreterOf(program: string): InterpreterLanguage | undefined {
  const plain = INTERPRETER_NAMES.get(program);
  if (plain !== undefined) return plain;
  const last = program.charCodeAt(program.length - 1);
  if (!(last >= 48 && last <= 57) && !program.endsWith('jit')) return undefined;
  const m = VERSIONED.exec(program);
  const language = m ? INTERPRETER_NAMES.get(m[1]) : undefined;
  return language !== undefined && VERSIONS[language]?.test(m![2]) ? language : undefined;
}
