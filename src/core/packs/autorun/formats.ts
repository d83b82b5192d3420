// Reading the file formats autorun places are written in, bounded and never
// throwing: JSON with comments (tasks.json, mcp.json), INI-like key files
// (.npmrc, git config, ssh config, dotenv), and TOML sections (Codex).

const MAX_TEXT = 512 * 1024;

/** JSON, also with `//` and block comments and trailing commas (VS Code's JSONC); undefined when it does not parse. */
export function parseJsonc(text: string): unknown {
  if (text.length > MAX_TEXT) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Strip comments outside strings, then trailing commas.
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else {
      out += ch;
    }
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return undefined;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `key = value` / `key: value` / `key value` lines (comments `#`, `;` skipped), keys as written; the last one wins. */
export function keyValues(text: string, separator: RegExp = /\s*[=:]\s*|\s+/): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.slice(0, MAX_TEXT).split('\n').slice(0, 8192)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';') || line.startsWith('[')) continue;
    const m = separator.exec(line);
    if (!m || m.index === 0) continue;
    out.set(
      line
        .slice(0, m.index)
        .replace(/^export\s+/, '')
        .trim(),
      line
        .slice(m.index + m[0].length)
        .trim()
        .replace(/^(['"])(.*)\1$/, '$2'),
    );
  }
  return out;
}

/** Git's config format (text/gitConfig.ts): the one reader every git config file is judged with. */
export { gitConfigEntries } from '../../text/gitConfig';

/** TOML tables whose name starts with `prefix` (`[mcp_servers.db]`), each as its raw body text. */
export function tomlTables(text: string, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  let body: string[] = [];
  const flush = () => {
    if (current !== undefined) out.set(current, body.join('\n').trim());
  };
  for (const line of text.slice(0, MAX_TEXT).split('\n').slice(0, 8192)) {
    const head = /^\s*\[+\s*([^\]]+?)\s*\]+\s*$/.exec(line);
    if (head) {
      flush();
      current = head[1].replace(/"/g, '').startsWith(prefix) ? head[1].replace(/"/g, '') : undefined;
      body = [];
      continue;
    }
    if (current !== undefined) body.push(line);
  }
  flush();
  return out;
}

/** The first lines of code worth showing a human (blank lines and comments skipped), cut to a length a modal can hold. */
export function codeExcerpt(text: string, lines = 6, max = 400): string {
  const kept = text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => (l.trim() && !/^\s*(?:#|\/\/|;)/.test(l)) || /^#!/.test(l))
    .slice(0, lines);
  const joined = kept.join('\n');
  return joined.length > max ? joined.slice(0, max - 1) + '…' : joined;
}
