// The scripts a package manager's `pkg set` writes into package.json:
// `npm pkg set scripts.postinstall=CMD` and the same through pnpm (which hands
// `pkg` to npm) and Bun (`bun pm pkg set`), in each key spelling npm takes
// (`scripts.x`, `scripts[x]`, `scripts["x"]`) and as a whole object with
// `--json` (`scripts='{"prepare":"…"}'`). A lifecycle script written so runs
// by itself on the next install, as one written into the file does.

/** Options before the subcommand that take a value (`npm --prefix app pkg set …`, `pnpm -C app pkg set …`). */
const VALUE_OPTIONS = new Set(['--prefix', '-C', '--dir', '--filter', '-F', '--cwd', '-w', '--workspace']);

/** A scripts object given with `--json` that cannot be read: every script it may hold is asked about. */
export const UNREAD_SCRIPTS = '*';

/** Most scripts of one `--json` object read; a hand-written one sets a few. */
const MAX_JSON_SCRIPTS = 64;

const SCRIPT_KEY = /^scripts(?:\.([^=[\]]+)|\[\s*(?:"([^"]+)"|'([^']+)'|([^\]'"]+))\s*\])=([\s\S]*)$/;

function jsonScripts(value: string): { name: string; value: string }[] {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      return [{ name: UNREAD_SCRIPTS, value }];
    const entries = Object.entries(parsed as Record<string, unknown>);
    if (entries.length > MAX_JSON_SCRIPTS) return [{ name: UNREAD_SCRIPTS, value }];
    return entries.map(([name, v]) => ({ name, value: typeof v === 'string' ? v : JSON.stringify(v) }));
  } catch {
    return [{ name: UNREAD_SCRIPTS, value }];
  }
}

/** The scripts `PM pkg set` writes (name and command), or none when the line is no such call. */
export function pkgSetScripts(argv: readonly string[]): { name: string; value: string }[] {
  const pm = argv[0];
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-')) i += VALUE_OPTIONS.has(argv[i]) ? 2 : 1;
  if (pm === 'bun' && argv[i] === 'pm') i++;
  else if (pm !== 'npm' && pm !== 'pnpm') return [];
  if (argv[i] !== 'pkg' || argv[i + 1] !== 'set') return [];
  const words = argv.slice(i + 2);
  const json = words.includes('--json');
  const out: { name: string; value: string }[] = [];
  for (const a of words) {
    const m = SCRIPT_KEY.exec(a);
    if (m) out.push({ name: m[1] ?? m[2] ?? m[3] ?? m[4].trim(), value: m[5] });
    else if (json && a.startsWith('scripts=')) out.push(...jsonScripts(a.slice(8)));
  }
  return out;
}
