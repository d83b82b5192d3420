// Outcomes that leave a variable different — bodies of which one ran, a function that may have set it `local` — leave
// it known only at run time. One merge for the bash and PowerShell walkers' tables of variables, bounded.
import { own, table } from '../../text/own';

/** Names compared in one merge, at most; past it every name met is taken as different. */
const MAX_COMPARED = 4096;

interface Compare<V> {
  same?: (x: V | undefined, y: V | undefined) => boolean;
  /** Names that end with the outcome (a function's `$1`): left as `base` holds them. */
  skip?: (name: string) => boolean;
  budget?: { compared: number };
}

/** `base` with each name `a` and `b` hold differently set to `unknown(name)`; `base` itself when none is. */
export function withDiffering<V>(
  base: Readonly<Record<string, V>>,
  a: Readonly<Record<string, V>> | undefined,
  b: Readonly<Record<string, V>> | undefined,
  unknown: (name: string) => V,
  opts: Compare<V> = {},
): Readonly<Record<string, V>> {
  const budget = opts.budget ?? { compared: 0 };
  let out: Record<string, V> | undefined;
  for (const k of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) {
    if (opts.skip?.(k)) continue;
    const x = own(a, k);
    const y = own(b, k);
    if (++budget.compared <= MAX_COMPARED && (x === y || opts.same?.(x, y) === true)) continue;
    (out ??= table(base))[k] = unknown(k);
  }
  return out ?? base;
}

/** The last outcome's table, with each name the outcomes hold differently known only at run time. */
export function mergedOutcomes<V>(
  tables: readonly (Readonly<Record<string, V>> | undefined)[],
  unknown: (name: string) => V,
  same?: Compare<V>['same'],
): Readonly<Record<string, V>> | undefined {
  const last = tables[tables.length - 1];
  if (tables.every((t) => t === last)) return last;
  const budget = { compared: 0 };
  let out: Readonly<Record<string, V>> = last ?? table<V>();
  for (const t of tables) if (t !== last) out = withDiffering(out, t, last, unknown, { same, budget });
  return out;
}
