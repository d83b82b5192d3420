// Every string of an MCP call's arguments, at any depth and in arrays, with
// the keys that lead to it, and every object (for readers that need a
// string's siblings: a URL with its method and body). Arguments given as a
// JSON string (`"arguments": "{\"sql\": …}"`) are read as the JSON they hold.
// Bounded in depth, count and characters; what lies past a bound is
// reported, so the call is asked about rather than judged on a part.

export interface McpString {
  /** Keys and array indexes from the top of the arguments, lower-cased. */
  path: readonly string[];
  /** The nearest object key above the string (`sql` in `params.sqlStatements[2]`). */
  key: string;
  value: string;
}

export interface McpObject {
  path: readonly string[];
  value: Readonly<Record<string, unknown>>;
}

export interface Walked {
  strings: McpString[];
  objects: McpObject[];
  /** Why part of the arguments was not read, when one was not. */
  overflow?: string;
}

export const MCP_WALK_LIMITS = {
  maxDepth: 32,
  maxStrings: 4_096,
  maxObjects: 2_048,
  /** Characters of strings read, nested JSON included. */
  maxChars: 2_000_000,
} as const;

interface Frame {
  value: unknown;
  path: string[];
  key: string;
  depth: number;
}

/** A string that holds a JSON object or array, as some hosts send arguments. */
function nestedJson(s: string): unknown {
  const t = s.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return undefined;
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

export function walkMcpArgs(input: unknown, limits: typeof MCP_WALK_LIMITS = MCP_WALK_LIMITS): Walked {
  const out: Walked = { strings: [], objects: [] };
  let chars = 0;
  const stack: Frame[] = [{ value: input, path: [], key: '', depth: 0 }];
  while (stack.length) {
    const f = stack.pop()!;
    if (f.depth > limits.maxDepth) {
      out.overflow = `the arguments nest deeper than ${limits.maxDepth} levels`;
      break;
    }
    const v = f.value;
    if (typeof v === 'string') {
      chars += v.length;
      if (chars > limits.maxChars) {
        out.overflow = `the arguments hold more than ${limits.maxChars} characters`;
        break;
      }
      if (out.strings.length >= limits.maxStrings) {
        out.overflow = `the arguments hold more than ${limits.maxStrings} strings`;
        break;
      }
      const json = v.length > 1 ? nestedJson(v) : undefined;
      if (json !== undefined) stack.push({ value: json, path: f.path, key: f.key, depth: f.depth + 1 });
      else out.strings.push({ path: f.path, key: f.key, value: v });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], path: [...f.path, String(i)], key: f.key, depth: f.depth + 1 });
    } else if (v && typeof v === 'object') {
      if (out.objects.length >= limits.maxObjects) {
        out.overflow = `the arguments hold more than ${limits.maxObjects} objects`;
        break;
      }
      const o = v as Record<string, unknown>;
      out.objects.push({ path: f.path, value: o });
      const entries = Object.entries(o);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i];
        const key = k.toLowerCase();
        stack.push({ value: child, path: [...f.path, key], key, depth: f.depth + 1 });
      }
    }
  }
  return out;
}

/** `volumeDelete`, `delete_database`, `drop-table`, `mcp.neon.tech` → lower-case words. */
export function toolWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
