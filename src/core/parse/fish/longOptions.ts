// fish's builtins and argparse read a long option by its whole name or by any
// prefix only one of the command's names starts with (`abbr --pos anywhere`,
// `functions --cop OLD NEW`, `funced --ed vim`), as getopt_long does; a prefix
// several names start with is an error, and the command does nothing.

/** The name among `names` that `--WORD` or `--WORD=VALUE` spells; undefined for none, or a prefix of several. */
export function fishLongOption(arg: string, names: readonly string[]): string | undefined {
  if (!arg.startsWith('--') || arg.length === 2) return undefined;
  const eq = arg.indexOf('=');
  const typed = arg.slice(2, eq === -1 ? undefined : eq);
  if (!typed) return undefined;
  if (names.includes(typed)) return typed;
  let found: string | undefined;
  for (const name of names) {
    if (!name.startsWith(typed)) continue;
    if (found !== undefined) return undefined;
    found = name;
  }
  return found;
}

/** The words with each long option before `--` spelled in full (`--pos=x` → `--position=x`), for readers that match names. */
export function spelledInFull(args: readonly string[], names: readonly string[]): string[] {
  const out = [...args];
  for (let i = 0; i < out.length && out[i] !== '--'; i++) {
    const name = fishLongOption(out[i], names);
    const eq = out[i].indexOf('=');
    if (name !== undefined) out[i] = `--${name}${eq === -1 ? '' : out[i].slice(eq)}`;
  }
  return out;
}

/** `abbr`'s long options (`--global` and `--universal` are kept for old scripts and do nothing). */
export const ABBR_LONG = [
  'add',
  'command',
  'erase',
  'function',
  'global',
  'help',
  'list',
  'position',
  'query',
  'regex',
  'rename',
  'set-cursor',
  'show',
  'universal',
];
/** `functions`' long options. */
export const FUNCTIONS_LONG = [
  'all',
  'copy',
  'description',
  'details',
  'erase',
  'handlers',
  'handlers-type',
  'help',
  'names',
  'no-details',
  'query',
  'verbose',
];
/** `funced`'s long options. */
export const FUNCED_LONG = ['editor', 'help', 'interactive', 'save'];
