// What every system check shares: the help and version flags that make any
// tool harmless, and the program an interpreter is handed inline.

export const isHelp = (argv: readonly string[]) =>
  argv.includes('--help') || argv.includes('--version') || (argv.length === 2 && argv[1] === '-h');

const CODE_FLAGS = new Set(['-c', '-e', '-E', '-r', '--eval']);
// Node prints what its code returns; perl and ruby take `-e` last in a cluster (`-ne`, `-lpe`).
const PRINT_FLAGS = new Set(['-p', '--print']);
const MAX_INLINE_CODE = 8192;

/**
 * The code an interpreter runs from its command line (`python -c`, `node -e`
 * / `-p`, `perl -lne`, `ruby -e`, `php -r`, `--eval=…`), or undefined; code
 * past a few kilobytes is not read.
 */
export function inlineCode(name: string, argv: readonly string[]): string | undefined {
  const node = name === 'node' || name === 'nodejs' || name === 'bun';
  const clusters = name === 'perl' || name === 'ruby';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--eval=') || (node && a.startsWith('--print='))) return bounded(a.slice(a.indexOf('=') + 1));
    if (i === argv.length - 1) break;
    if (CODE_FLAGS.has(a) || (node && PRINT_FLAGS.has(a)) || (clusters && /^-[a-zA-Z]*[eE]$/.test(a)))
      return bounded(argv[i + 1]);
  }
  return undefined;
}

const bounded = (code: string) => (code.length > MAX_INLINE_CODE ? undefined : code);
