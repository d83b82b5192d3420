// The config validator: jsonc parsing with positions, the zod schema, and
// every issue put in words a human can act on. Loaded only when a config
// file exists (see load.ts).
import {
  findNodeAtLocation,
  getLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
  type ParseErrorCode,
} from 'jsonc-parser';
import type { z } from 'zod';
import { formatJsonPath, type ConfigError, type LoadedConfig } from './errors';
import { configSchema, semanticIssues, type Config, type SemanticIssue } from './schema';
import { managedIssues, managedPolicySchema } from './managedSchema';
import { knownKeys } from './shape';

/** Parses and validates config text: every mistake with its JSON path and position. */
export function validateConfigText(
  rawText: string,
  file: string,
  schema: z.ZodType = configSchema,
  crossChecks: (value: unknown) => SemanticIssue[] = semanticIssues,
): LoadedConfig {
  // A BOM is not JSON but editors on Windows write one; offsets stay right because it is one UTF-16 unit we keep.
  const text = rawText.charCodeAt(0) === 0xfeff ? ' ' + rawText.slice(1) : rawText;
  const lines = new LineIndex(text);
  const at = (offset: number, length: number, jsonPath: string, message: string): ConfigError => ({
    file,
    jsonPath,
    message,
    offset,
    length,
    ...lines.position(offset),
  });

  const syntax: ParseError[] = [];
  const root = parseTree(text, syntax, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (!root) {
    return { ok: false, errors: [at(0, 0, '', 'the file is empty: expected a JSON object such as {"rules": []}')] };
  }
  if (syntax.length) {
    const seen = new Set<number>();
    const errors = syntax
      .filter((e) => !seen.has(e.offset) && seen.add(e.offset))
      .map((e) =>
        at(
          e.offset,
          e.length,
          formatJsonPath(getLocation(text, e.offset).path),
          syntaxMessage(e.error, text, e.offset),
        ),
      );
    return { ok: false, errors };
  }

  const errors = duplicateKeys(root).map(({ key, path: p }) =>
    at(
      key.offset,
      key.length,
      formatJsonPath(p),
      `duplicate field ${JSON.stringify(key.value)}: JSON keeps only the last one, so the first would be silently ignored`,
    ),
  );
  const value: unknown = getNodeValue(root);
  const parsed = schema.safeParse(value);
  if (parsed.success && !errors.length) return { ok: true, config: parsed.data as Config, file };

  const issues: Explained[] = [];
  if (!parsed.success) {
    // Cross-field checks come from semanticIssues() below, not from zod: zod skips
    // them once the shape is wrong, and every mistake should be reported in one pass.
    for (const issue of parsed.error.issues) if (issue.code !== 'custom') issues.push(...explain(issue, root, schema));
    const wrongShape = new Set(issues.map((i) => formatJsonPath(i.path)));
    for (const s of crossChecks(value)) if (!wrongShape.has(formatJsonPath(s.path))) issues.push(s);
  }
  const seen = new Set<string>();
  for (const issue of issues) {
    const key = `${formatJsonPath(issue.path)}\0${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const node = locate(root, issue.path, issue.onKey);
    errors.push(at(node.offset, node.length, formatJsonPath(issue.path), issue.message));
  }
  errors.sort((a, b) => a.offset - b.offset);
  return { ok: false, errors };
}

/** The organization's managed policy: `.agentguard.json`'s schema plus what only an organization sets. */
export function validateManagedText(rawText: string, file: string): LoadedConfig {
  return validateConfigText(rawText, file, managedPolicySchema, (v) => [...semanticIssues(v), ...managedIssues(v)]);
}

// ---- zod issues in words ---------------------------------------------------

type Issue = z.core.$ZodIssue;

/** An issue in words; `onKey` when the field's name, not its value, is wrong. */
interface Explained {
  path: PropertyKey[];
  message: string;
  onKey?: boolean;
}

function explain(issue: Issue, root: Node, schema: z.ZodType): Explained[] {
  const p = issue.path;
  const actual = findNodeAtLocation(root, p as (string | number)[]);
  const got = actual ? describeNode(actual) : undefined;
  switch (issue.code) {
    case 'invalid_type': {
      if (!actual) return [{ path: p, message: `missing required field ${JSON.stringify(String(p[p.length - 1]))}` }];
      if (issue.expected === 'int') return [{ path: p, message: `expected a whole number, got ${got}` }];
      return [{ path: p, message: `expected ${typeName(issue.expected)}, got ${got}` }];
    }
    case 'invalid_value':
      return [{ path: p, message: `expected ${oneOf(issue.values)}, got ${got}` }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const known = knownKeys(p, schema);
        const near = known.length ? closest(key, known) : undefined;
        const hint = near ? ` (did you mean ${JSON.stringify(near)}?)` : '';
        const list = known.length ? `; expected one of ${known.map((k) => JSON.stringify(k)).join(', ')}` : '';
        return { path: [...p, key], message: `unknown field ${JSON.stringify(key)}${hint}${list}`, onKey: true };
      });
    case 'too_small':
      if (issue.origin === 'string') return [{ path: p, message: `expected a non-empty string, got ${got}` }];
      if (issue.origin === 'array')
        return [
          {
            path: p,
            message: `expected at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}, got an empty list`,
          },
        ];
      return [{ path: p, message: `expected a number of at least ${issue.minimum}, got ${got}` }];
    case 'too_big':
      if (issue.origin === 'number')
        return [{ path: p, message: `expected a number of at most ${issue.maximum}, got ${got}` }];
      return [{ path: p, message: `expected at most ${issue.maximum}, got ${got}` }];
    case 'invalid_key':
      return [
        {
          path: p,
          message: `invalid name ${JSON.stringify(String(p[p.length - 1]))}: expected a non-empty name`,
          onKey: true,
        },
      ];
    default:
      return [{ path: p, message: issue.message }];
  }
}

function typeName(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list ([ … ])';
    case 'object':
      return 'an object ({ … })';
    default:
      return expected;
  }
}

function oneOf(values: readonly unknown[]): string {
  const list = values.map((v) => JSON.stringify(v));
  return list.length === 1 ? list[0] : `one of ${list.join(', ')}`;
}

function describeNode(n: Node): string {
  switch (n.type) {
    case 'string':
      return JSON.stringify(n.value);
    case 'number':
      return String(n.value);
    case 'boolean':
      return String(n.value);
    case 'null':
      return 'null';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return n.type;
  }
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

// ---- positions ---------------------------------------------------------------

/** Where an issue is: the key when the name is wrong, else the value, else (missing field) the nearest existing parent. */
function locate(root: Node, p: readonly PropertyKey[], onKey = false): { offset: number; length: number } {
  for (let n = p.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, p.slice(0, n) as (string | number)[]);
    if (!node) continue;
    const whole = n === p.length;
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    if (whole && onKey && key) return { offset: key.offset, length: key.length };
    return { offset: node.offset, length: whole ? node.length : 1 };
  }
  return { offset: 0, length: 0 };
}

function duplicateKeys(root: Node): { key: Node; path: (string | number)[] }[] {
  const out: { key: Node; path: (string | number)[] }[] = [];
  const walk = (n: Node, at: (string | number)[]): void => {
    if (n.type === 'object') {
      const seen = new Set<string>();
      for (const prop of n.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key) continue;
        if (seen.has(key.value)) out.push({ key, path: [...at, key.value] });
        seen.add(key.value);
        if (value) walk(value, [...at, key.value]);
      }
    } else if (n.type === 'array') {
      (n.children ?? []).forEach((c, i) => walk(c, [...at, i]));
    }
  };
  walk(root, []);
  return out;
}

function syntaxMessage(code: ParseErrorCode, text: string, offset: number): string {
  const found =
    offset < text.length
      ? `found ${JSON.stringify(text.slice(offset, offset + 12).split('\n')[0])}`
      : 'found the end of the file';
  switch (printParseErrorCode(code)) {
    case 'InvalidSymbol':
      return `invalid JSON: unexpected text, ${found}`;
    case 'InvalidNumberFormat':
      return `invalid JSON: malformed number, ${found}`;
    case 'PropertyNameExpected':
      return `invalid JSON: expected a field name in double quotes, ${found}`;
    case 'ValueExpected':
      return `invalid JSON: expected a value (string, number, true, false, null, list or object), ${found}`;
    case 'ColonExpected':
      return `invalid JSON: expected ":" after the field name, ${found}`;
    case 'CommaExpected':
      return `invalid JSON: expected "," between entries, ${found}`;
    case 'CloseBraceExpected':
      return `invalid JSON: expected "}" to close the object, ${found}`;
    case 'CloseBracketExpected':
      return `invalid JSON: expected "]" to close the list, ${found}`;
    case 'EndOfFileExpected':
      return `invalid JSON: expected the end of the file after the top-level object, ${found}`;
    case 'InvalidCommentToken':
      return `invalid JSON: malformed comment, ${found}`;
    case 'UnexpectedEndOfComment':
      return 'invalid JSON: a /* comment is never closed with */';
    case 'UnexpectedEndOfString':
      return 'invalid JSON: a string is never closed with "';
    case 'UnexpectedEndOfNumber':
      return `invalid JSON: a number ends too early, ${found}`;
    case 'InvalidUnicode':
      return `invalid JSON: malformed \\u escape, ${found}`;
    case 'InvalidEscapeCharacter':
      return `invalid JSON: unknown escape after \\, ${found}`;
    case 'InvalidCharacter':
      return `invalid JSON: a control character inside a string (write it escaped, e.g. \\n), ${found}`;
    default:
      return `invalid JSON, ${found}`;
  }
}

class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
