// mise's configuration runs commands by itself: its `[hooks]` (`enter`,
// `leave`, `cd` when a shell with `mise activate` moves into the folder,
// `preinstall`/`postinstall` around `mise install`), an `[env]` that sources
// a script (`_.source`) or moves PATH and the loader variables for every
// command run there. Like an `.envrc`, a write of one plants what it holds;
// tools and tasks (run only when asked for) plant nothing.
import * as path from 'node:path';

const posix = path.posix;
const MAX_LINES = 8192;
/** Lines of one multi-line string or array value read; past them the value is cut (its start is shown). */
const MAX_VALUE_LINES = 64;

/** mise.toml, .mise.toml, mise.local.toml, mise.ENV.toml, and config.toml in a `mise`, `.mise` or `.config/mise` folder (conf.d too). */
export function isMiseConfig(p: string): boolean {
  const base = posix.basename(p).toLowerCase();
  if (/^\.?mise(?:\.[\w-]+)?(?:\.local)?\.toml$/.test(base)) return true;
  const dir = posix.basename(posix.dirname(p));
  if ((dir === 'mise' || dir === '.mise') && /^config(?:\.[\w-]+)?(?:\.local)?\.toml$/.test(base)) return true;
  return dir === 'conf.d' && posix.basename(posix.dirname(posix.dirname(p))) === 'mise' && base.endsWith('.toml');
}

/** Whether a key under `[env]` runs or moves what runs: a sourced script, a PATH entry, a loader variable. */
function envRuns(key: string, loader: RegExp): boolean {
  const k = key.replace(/^["']|["']$/g, '');
  return k === '_' || k.startsWith('_.source') || k.startsWith('_.path') || loader.test(k);
}

/** Where a value that opens a multi-line string or array ends, read from the line after its start. */
function valueEnd(first: string): RegExp | undefined {
  for (const q of ['"""', "'''"]) if (first.startsWith(q)) return first.includes(q, 3) ? undefined : new RegExp(q);
  if (first.startsWith('[') && !first.includes(']')) return /\]/;
  if (first.startsWith('{') && !first.includes('}')) return /\}/;
  return undefined;
}

/** The hooks and running `[env]` keys of a mise configuration, each with its value (`loader`: the loader variables). */
export function miseEntries(text: string, loader: RegExp): Array<{ name: string; code: string }> {
  const out: Array<{ name: string; code: string }> = [];
  const all = text.split('\n').slice(0, MAX_LINES);
  let table = '';
  for (let i = 0; i < all.length; i++) {
    const line = all[i].trim();
    if (!line || line.startsWith('#')) continue;
    const head = /^\[+\s*([^\]]+?)\s*\]+$/.exec(line);
    if (head) {
      table = head[1].replace(/["']/g, '');
      continue;
    }
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = table ? `${table}.${kv[1].trim()}` : kv[1].trim();
    let code = kv[2];
    const end = valueEnd(code);
    if (end) {
      const body: string[] = [code];
      for (let n = 0; i + 1 < all.length && n < MAX_VALUE_LINES; n++) {
        body.push(all[++i]);
        if (end.test(all[i])) break;
      }
      code = body.join('\n');
    }
    const hook = /^hooks\.(.+)$/.exec(key);
    const env = /^env\.(.+)$/.exec(key);
    if (hook || (env && envRuns(env[1], loader))) out.push({ name: key, code: code.trim() });
  }
  return out;
}
