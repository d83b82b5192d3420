// Tables keyed by words of the agent's command (program names, subcommands,
// flags, variable names) are plain objects, and a plain object answers for
// every name its prototype holds: `constructor`, `toString`, `__proto__`.
// A command named like one of those must find nothing, as any unknown word
// does, never a function of Object to call or unwrap.

/** `table[key]` when the table itself holds `key`; undefined for any other word, inherited names included. */
export function own<V>(table: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Whether the table itself holds `key` (what `key in table` means for a table, without the inherited names). */
export function owns(table: object | undefined, key: string): boolean {
  return table !== undefined && Object.hasOwn(table, key);
}

// Writing is the other half: `table['__proto__'] = value` on a plain object
// sets its prototype instead of storing the value, so `__proto__=/` would be
// lost. Tables filled with names taken from the command or a document have no
// prototype at all, so every name, that one included, is an ordinary key.

/** A new table without a prototype holding the entries of `from` in order (later ones win): any word may be written to it as a key. */
export function table<V>(...from: (Readonly<Record<string, V>> | undefined)[]): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  // Key by key, not Object.assign: the same own enumerable keys in the same order (a table's keys are strings), but
  // Object.assign into a table without a prototype takes V8's slowest path, about 130,000 instructions for a
  // 45-variable environment against 57,000. A line that sets a variable (`cd`, `X=1`) copies the whole environment.
  for (let i = 0; i < from.length; i++) {
    const f = from[i];
    if (!f) continue;
    const keys = Object.keys(f);
    for (let k = 0; k < keys.length; k++) out[keys[k]] = f[keys[k]];
  }
  return out;
}
