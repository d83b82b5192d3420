// fish's `set`, as the bash assignment or `unset` that does the same.
import { searchPathSet } from './hiddenNames';

/** A token of fish's text, as translate.ts reads it (declared here: translate.ts imports this module). */
type Token = { kind: 'word' | 'op'; text: string; start: number };

/** Variables fish joins with `:` when it exports them. */
const COLON_LISTS = /PATH$/;

/** `set` with a name and values, as the bash assignment or `unset` that does the same; undefined for `set` forms that only print. */
export function setCommand(args: readonly Token[], word: (text: string) => string): string | undefined {
  let exported = false;
  let erase = false;
  let position: 'replace' | 'append' | 'prepend' = 'replace';
  let k = 0;
  for (; k < args.length; k++) {
    const t = args[k];
    if (t.kind !== 'word' || !t.text.startsWith('-') || t.text === '-' || t.text === '--') {
      if (t.kind === 'word' && t.text === '--') k++;
      break;
    }
    const long = t.text.startsWith('--') ? t.text.slice(2) : undefined;
    const flags = long === undefined ? t.text.slice(1) : '';
    if (long === 'export' || flags.includes('x')) exported = true;
    if (long === 'erase' || flags.includes('e')) erase = true;
    if (long === 'append' || flags.includes('a')) position = 'append';
    if (long === 'prepend' || flags.includes('p')) position = 'prepend';
    // `set -q`, `set -S`, `set -n`: only look.
    if (long === 'query' || long === 'show' || long === 'names' || /[qSn]/.test(flags)) return ':';
  }
  const nameTok = args[k];
  if (!nameTok || nameTok.kind !== 'word') return undefined;
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(nameTok.text)?.[0];
  if (!name) return undefined;
  if (erase) return `unset ${name}`;
  const sep = COLON_LISTS.test(name) ? ':' : "' '";
  const values = args
    .slice(k + 1)
    .filter((t): t is Token & { kind: 'word' } => t.kind === 'word')
    .map((t) => word(t.text));
  const own = '${' + name + '}';
  const list = position === 'append' ? [own, ...values] : position === 'prepend' ? [...values, own] : values;
  return searchPathSet(name, `${exported ? 'export ' : ''}${name}=${list.join(sep)}`, values);
}
