// What an MCP tool call does, read from its arguments rather than its name:
// a shell command line (`mcp__shell__run_command {command}`, desktop-commander
// `start_process {command}`), code for an interpreter (`{code, language}`),
// input typed into a running process, or a file written. The hook judges
// each as if the agent had run or written it itself.
import type { EditTarget } from '../hosts/types';
import { toolLines, type ToolLine } from '../command/toolArgs';

export interface McpActions {
  shell: Array<{ command: string; cwd?: string }>;
  /** Code for an interpreter, as a shell line that runs it (`python3 -c '…'`), so the engine reads it like any one-liner. */
  code: string[];
  /** Text sent to a running process (a REPL or a shell): judged as a command line and as code. */
  input: string[];
  writes: EditTarget[];
  /** Moves, copies, deletions, reads and command lines its arguments name by meaning (command/toolArgs.ts). */
  lines: ToolLine[];
}

const SHELL_KEYS = new Set([
  'command',
  'cmd',
  'shell_command',
  'shellcommand',
  'command_line',
  'commandline',
  'bash',
  'sh',
  'shell',
  'script',
  'run',
]);
const CWD_KEYS = ['cwd', 'workdir', 'working_directory', 'workingdirectory', 'working_dir', 'directory', 'dir'];
const CODE_KEYS = new Set(['code', 'source', 'source_code', 'snippet', 'python', 'javascript', 'js', 'program']);
/** Page code a browser tool evaluates (Playwright's `browser_evaluate {function}`, DevTools' `evaluate_script {function}`): JavaScript, whose requests go out with the page's session. */
const PAGE_CODE_KEYS = new Set(['function', 'expression', 'pagefunction']);
const LANGUAGE_KEYS = ['language', 'lang', 'runtime', 'kernel', 'interpreter'];
const INPUT_KEYS = new Set(['input', 'stdin', 'keys', 'text_input']);
const PATH_KEYS = ['path', 'file_path', 'filepath', 'file', 'filename', 'target', 'destination'];
const CONTENT_KEYS = ['content', 'contents', 'text', 'data', 'body', 'file_text'];

/** Tools whose words say they take SQL: their `command`/`query` is SQL, judged as SQL only. */
const SQL_WORDS = /\b(?:sql|query|queries|statement|database|db|postgres|mysql|sqlite)\b/;

const INTERPRETERS: ReadonlyArray<[RegExp, (code: string) => string]> = [
  [/^(?:python3?|py|ipython|jupyter)$/, (c) => `python3 -c ${quote(c)}`],
  [/^(?:javascript|js|node|nodejs|typescript|ts|deno|bun)$/, (c) => `node -e ${quote(c)}`],
  [/^(?:bash|sh|shell|zsh|posix)$/, (c) => `sh -c ${quote(c)}`],
  [/^(?:ruby|rb)$/, (c) => `ruby -e ${quote(c)}`],
  [/^perl$/, (c) => `perl -e ${quote(c)}`],
  [/^php$/, (c) => `php -r ${quote(c)}`],
];

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function lowerKeys(input: Record<string, unknown>): Map<string, unknown> {
  return new Map(Object.entries(input).map(([k, v]) => [k.toLowerCase(), v]));
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() ? v : undefined;
  if (Array.isArray(v) && v.length && v.every((x) => typeof x === 'string'))
    return (v as string[]).map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : quote(w))).join(' ');
  return undefined;
}

function firstString(m: Map<string, unknown>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = m.get(k);
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

/** Reads one MCP call's arguments (one level, plus a nested `arguments`/`params`/`input` object). */
export function mcpActions(tool: string, input: unknown, depth = 0): McpActions {
  const out: McpActions = { shell: [], code: [], input: [], writes: [], lines: [] };
  if (!input || typeof input !== 'object' || Array.isArray(input) || depth > 2) return out;
  const m = lowerKeys(input as Record<string, unknown>);
  const toolWords = tool
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ');
  const sqlTool = SQL_WORDS.test(toolWords);
  const cwd = firstString(m, CWD_KEYS);
  out.lines.push(...toolLines(toolWords.split(' ').filter(Boolean), m));
  const language = firstString(m, LANGUAGE_KEYS)?.toLowerCase();
  for (const [k, v] of m) {
    if (SHELL_KEYS.has(k) && !sqlTool) {
      const command = text(v);
      // `{script, language: "python"}` is code, not a shell line.
      if (command && !(k === 'script' && language && !/^(?:bash|sh|shell|zsh)$/.test(language)))
        out.shell.push({ command, ...(cwd ? { cwd } : {}) });
      else if (command && language) out.code.push(...asCode(command, language));
    } else if (CODE_KEYS.has(k) && typeof v === 'string' && v.trim()) {
      out.code.push(
        ...asCode(
          v,
          language ?? (k === 'python' ? 'python' : k === 'javascript' || k === 'js' ? 'javascript' : undefined),
        ),
      );
    } else if (PAGE_CODE_KEYS.has(k) && typeof v === 'string' && v.trim() && !sqlTool) {
      out.code.push(...asCode(v, 'javascript'));
    } else if (INPUT_KEYS.has(k) && typeof v === 'string' && v.trim()) {
      out.input.push(v);
    } else if (
      (k === 'arguments' || k === 'params' || (k === 'args' && !Array.isArray(v))) &&
      v &&
      typeof v === 'object'
    ) {
      const inner = mcpActions(tool, v, depth + 1);
      out.shell.push(...inner.shell);
      out.code.push(...inner.code);
      out.input.push(...inner.input);
      out.writes.push(...inner.writes);
      out.lines.push(...inner.lines);
    }
  }
  const file = firstString(m, PATH_KEYS);
  const content = firstString(m, CONTENT_KEYS);
  const edits = m.get('edits');
  const oldString = firstString(m, ['old_string', 'oldtext', 'old_text', 'search']);
  const newString = firstString(m, ['new_string', 'newtext', 'new_text', 'replace', 'replacement']);
  if (file && content !== undefined) out.writes.push({ path: file, op: 'write', content });
  else if (file && Array.isArray(edits)) {
    const list = edits
      .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
      .map((e) => lowerKeys(e))
      .map((e) => ({
        oldString: String(e.get('oldtext') ?? e.get('old_string') ?? e.get('oldstring') ?? ''),
        newString: String(e.get('newtext') ?? e.get('new_string') ?? e.get('newstring') ?? ''),
      }));
    if (list.length) out.writes.push({ path: file, op: 'edit', edits: list });
  } else if (file && newString !== undefined) {
    out.writes.push({ path: file, op: 'edit', edits: [{ oldString: oldString ?? '', newString }] });
  }
  return out;
}

/** Code as the shell lines that would run it: in its language, or (unnamed) as Python and as JavaScript, the usual two. */
function asCode(code: string, language: string | undefined): string[] {
  if (!language) return [`python3 -c ${quote(code)}`, `node -e ${quote(code)}`];
  const hit = INTERPRETERS.find(([re]) => re.test(language));
  return hit ? [hit[1](code)] : [`python3 -c ${quote(code)}`, `node -e ${quote(code)}`, `sh -c ${quote(code)}`];
}

export function hasActions(a: McpActions): boolean {
  return a.shell.length + a.code.length + a.input.length + a.writes.length + a.lines.length > 0;
}
