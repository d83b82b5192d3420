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
