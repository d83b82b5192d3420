// An MCP tool's arguments as one flat record: the arguments a server nests
// (Neon-style `{params: {…}}`, `{arguments: {…}}`) lifted beside the others,
// every key folded to lower-case letters and digits (`dry_run`, `dryRun` and
// `DryRun` are one key).

/** Nested argument objects lifted: `params` and `arguments`, and `args` too where asked. */
export function flatArgs(input: unknown, opts: { args?: boolean } = {}): Record<string, unknown> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return {};
  const o = input as Record<string, unknown>;
  // `args` holds an argument vector for the command-line tools (cli.ts): only an object there is lifted.
  const inner = o.params ?? o.arguments ?? (opts.args ? o.args : undefined);
  const all =
    inner && typeof inner === 'object' && !Array.isArray(inner) ? { ...o, ...(inner as Record<string, unknown>) } : o;
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase().replace(/[^a-z0-9]/g, ''), v]));
}
