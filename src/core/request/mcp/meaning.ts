// What the strings of an MCP call mean, whatever their keys: SQL goes to the
// SQL reader, a command line to the shell reader, a URL with a method and a
// body to the HTTP reader (as the curl line that makes the same request).
// Readers are lists: a new meaning (paths a tool reads or writes, command
// lines named by their key) is one more reader, each seeing every string or
// every object the walk found.
import { packs } from '../../packs';
import type { McpObject, McpString, Walked } from './walk';

export type Meaning =
  | { kind: 'sql'; text: string; where: string }
  | { kind: 'shell'; command: string; where: string }
  | { kind: 'http'; command: string; where: string };

export interface MeaningContext {
  /** Words of the tool's name (`run_sql_transaction` → run, sql, transaction). */
  toolWords: readonly string[];
  /** The tool takes SQL by its name (`execute_sql`, `run_query`, `d1_database_query`). */
  sqlTool: boolean;
  /** The tool takes natural-language text (`search_docs`, `suggest_aws_commands`): its strings are words, not code. */
  textTool: boolean;
}

export type StringReader = (s: McpString, ctx: MeaningContext) => Meaning | undefined;
export type ObjectReader = (o: McpObject, ctx: MeaningContext) => Meaning | undefined;

const SQL_TOOL_WORDS = new Set(['sql', 'query', 'queries', 'statement', 'statements', 'migration', 'ddl', 'dml']);
const TEXT_TOOL_WORDS = new Set([
  'search',
  'find',
  'lookup',
  'suggest',
  'docs',
  'documentation',
  'question',
  'ask',
  'explain',
  'summarize',
  'translate',
  'resolve',
  'library',
]);

export function meaningContext(toolWords: readonly string[]): MeaningContext {
  return {
    toolWords,
    sqlTool: toolWords.some((w) => SQL_TOOL_WORDS.has(w)),
    textTool: toolWords.some((w) => TEXT_TOOL_WORDS.has(w)),
  };
}

// ---- SQL -----------------------------------------------------------------------------------

/** Keys that hold SQL by name: `sql`, `query`, `sqlStatements`, `migration_sql`. */
const SQL_KEY = /(?:^|_)(?:sql|query|queries|statements?|migration|ddl|dml)(?:$|_)|sql/;
const SQL_START =
  /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*(?:select|insert|update|delete|drop|truncate|alter|create|grant|revoke|with|merge|replace|upsert|copy|vacuum|begin|commit|rollback|rename|comment|set|show|explain|call|exec|execute|do)\b/i;
/** SQL beyond doubt, under any key: a statement keyword and the structure that follows it. */
const SQL_SHAPE =
  /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*(?:drop\s+(?:table|schema|database|view|index|function|trigger|policy|role|user|owned|type|sequence|extension|materialized\s+view)\s+(?:if\s+exists\s+)?[\w".[\]]+\s*(?:;|cascade|restrict|,|$)|truncate\s+(?:table\s+)?[\w".[\]]+\s*(?:;|cascade|restart|continue|,|$)|delete\s+from\s+[\w".[\]]+|update\s+[\w".[\]]+\s+set\s|alter\s+(?:table|database|schema|role|user|default\s+privileges|policy|function)\s+[\w".[\]]+|grant\s+[\w\s,]+\s+on\s[\s\S]*\sto\s|revoke\s[\s\S]+\sfrom\s|create\s+(?:or\s+replace\s+)?(?:policy|function|trigger|role|user)\s|insert\s+into\s+[\w".[\]]+)/i;
const MAX_SQL_CHARS = 256 * 1024;

export const readSql: StringReader = (s, ctx) => {
  const v = s.value;
  // Longer SQL is recognised by its head and judged whole: the SQL reader reads its bound and asks about the rest.
  const head = v.length > MAX_SQL_CHARS ? v.slice(0, MAX_SQL_CHARS) : v;
  if (!/[a-z]/i.test(v.slice(0, 64))) return undefined;
  const byKey = SQL_KEY.test(s.key) && !ctx.textTool;
  if ((byKey || (ctx.sqlTool && !ctx.textTool)) && SQL_START.test(head))
    return { kind: 'sql', text: v, where: s.path.join('.') };
  return SQL_SHAPE.test(head) ? { kind: 'sql', text: v, where: s.path.join('.') } : undefined;
};

// ---- command lines -------------------------------------------------------------------------

/**
 * Programs a pack judges, and the file tools every pack reads: a string starting with one reads as a command line.
 * Built at its first use, not at load: it walks every pack's 800-odd names, and a hook call for a shell command
 * (most calls) never reads an MCP call's strings.
 */
let programs: ReadonlySet<string> | undefined;
export function programNames(): ReadonlySet<string> {
  return (programs ??= new Set([
    ...packs.flatMap((p) => (Array.isArray(p.commands) ? p.commands.filter((c) => /^[a-z][a-z0-9._-]*$/.test(c)) : [])),
    'rm',
    'rmdir',
    'mv',
    'cp',
    'dd',
    'shred',
    'truncate',
    'chmod',
    'chown',
    'ln',
    'find',
    'xargs',
    'sudo',
    'bash',
    'sh',
    'zsh',
    'npx',
    'pnpx',
    'bunx',
    'uvx',
  ]));
}
/** Program names that are also English words: a line starting with one must look like a command (an option, a path). */
const WORDS = new Set([
  'make',
  'find',
  'sort',
  'test',
  'time',
  'watch',
  'install',
  'open',
  'kill',
  'top',
  'date',
  'echo',
  'print',
  'read',
  'head',
  'tail',
  'less',
  'more',
  'which',
  'type',
  'help',
  'history',
  'mount',
  'init',
  'at',
  'batch',
  'format',
  'source',
  'view',
  'paste',
  'cut',
  'expand',
  'fold',
  'free',
  'who',
  'last',
  'id',
  'w',
  'platform',
  'functions',
  'console',
  'service',
  'net',
  'ss',
  'od',
  'nl',
  'pr',
  'fmt',
  'rev',
  'more',
  'most',
  'exec',
  'bind',
  'ln',
  'cp',
  'mv',
  'dd',
]);
/** Keys whose strings are prose for people: never read as code. */
const PROSE_KEYS =
  /^(?:title|body|text|message|messages|description|content|contents|comment|comments|note|notes|summary|prompt|question|subject|name|label|reason|instructions|markdown|html|caption|reply|answer|observations?|query|q|search|topic|commit_?message|details|explanation)$/;
const MAX_LINE_CHARS = 8 * 1024;

export const readCommandLine: StringReader = (s, ctx) => {
  const v = s.value.trim();
  if (ctx.textTool || PROSE_KEYS.test(s.key) || v.length < 3 || v.includes('\n')) return undefined;
  // A longer line is recognised by its first words and judged whole (the engine asks about one past its own bound).
  const words = (v.length > MAX_LINE_CHARS ? v.slice(0, MAX_LINE_CHARS) : v).split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i])) i++;
  const first = words[i];
  const second = words[i + 1];
  if (!programNames().has(first) || second === undefined) return undefined;
  if (WORDS.has(first) && !/^-|[/.~$]/.test(second)) return undefined;
  return { kind: 'shell', command: v, where: s.path.join('.') };
};

// ---- HTTP requests -------------------------------------------------------------------------

const URL_KEYS = ['url', 'uri', 'endpoint', 'href', 'address', 'link'];
const METHOD_KEYS = ['method', 'http_method', 'httpmethod', 'verb'];
const BODY_KEYS = ['body', 'data', 'json', 'payload', 'content', 'request_body', 'requestbody'];
const FETCH_TOOL_WORDS = new Set([
  'fetch',
  'request',
  'http',
  'https',
  'navigate',
  'browse',
  'download',
  'curl',
  'webhook',
  'get',
  'post',
  'call',
  'api',
  'scrape',
  'crawl',
  'open',
]);

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function field(o: Readonly<Record<string, unknown>>, keys: readonly string[]): unknown {
  for (const [k, v] of Object.entries(o)) if (keys.includes(k.toLowerCase())) return v;
  return undefined;
}

/** An object with an http(s) URL and a method, a body or headers, or any URL of a fetching tool: the curl line for the same request. */
export const readHttpRequest: ObjectReader = (o, ctx) => {
  const url = field(o.value, URL_KEYS);
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url.trim())) return undefined;
  const method = field(o.value, METHOD_KEYS);
  const body = field(o.value, BODY_KEYS);
  const headers = field(o.value, ['headers', 'header']);
  const fetching = o.path.length === 0 && ctx.toolWords.some((w) => FETCH_TOOL_WORDS.has(w));
  if (typeof method !== 'string' && body === undefined && headers === undefined && !fetching) return undefined;
  const parts = ['curl', '-sS'];
  if (typeof method === 'string' && /^[A-Za-z]{3,7}$/.test(method)) parts.push('-X', method.toUpperCase());
  if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>).slice(0, 32))
      if (typeof v === 'string') parts.push('-H', q(`${k}: ${v}`));
  }
  if (body !== undefined) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    if (text.length <= 256 * 1024) parts.push('--data', q(text));
  }
  parts.push(q(url.trim()));
  return { kind: 'http', command: parts.join(' '), where: o.path.join('.') || 'arguments' };
};

/** The readers of strings and of objects, in order; extend here. */
export const STRING_READERS: StringReader[] = [readSql, readCommandLine];
export const OBJECT_READERS: ObjectReader[] = [readHttpRequest];

export const MAX_MEANINGS = { sql: 64, shell: 16, http: 8 } as const;

/**
 * Every meaning the readers find in the walked arguments, each kind bounded.
 * One past its bound is not judged: it sets `walked.overflow`, so the call is asked about.
 */
export function meaningsOf(walked: Walked, ctx: MeaningContext): Meaning[] {
  const out: Meaning[] = [];
  const count = { sql: 0, shell: 0, http: 0 };
  const push = (m: Meaning | undefined) => {
    if (!m) return;
    if (count[m.kind] >= MAX_MEANINGS[m.kind]) {
      walked.overflow ??= `the arguments hold more than ${MAX_MEANINGS[m.kind]} ${m.kind === 'shell' ? 'command lines' : m.kind === 'sql' ? 'SQL texts' : 'requests'}`;
      return;
    }
    count[m.kind]++;
    out.push(m);
  };
  for (const o of walked.objects) for (const read of OBJECT_READERS) push(read(o, ctx));
  for (const s of walked.strings) {
    for (const read of STRING_READERS) {
      const m = read(s, ctx);
      if (m) {
        push(m);
        break;
      }
    }
  }
  return out;
}
