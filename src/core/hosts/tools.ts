// Tool names of every host, grouped by what the tool does: each host's
// names come from its adapter (`tools`), merged here. Matching is by shape
// and name rather than by host, because hosts load each other's hook files
// (VS Code and Cursor both read `.claude/settings.json`), so any host's
// payload can reach any `agentguard hook <host>`.
import type { EditToolShape, ReadToolShape, ToolNames } from './adapter';
import { HOST_ADAPTERS } from './index';

export type { EditToolShape, ReadToolShape } from './adapter';

/**
 * The reference MCP file server's tools (`@modelcontextprotocol/server-filesystem`),
 * whichever host calls them: they reach files like the host's own read tools.
 */
const MCP_FILE_SERVER: ToolNames = {
  read: {
    read_file: 'file',
    read_text_file: 'file',
    read_media_file: 'file',
    read_multiple_files: 'files',
    search_files: 'list',
  },
};

const ALL: readonly ToolNames[] = [...HOST_ADAPTERS.map((a) => a.tools ?? {}), MCP_FILE_SERVER];

const names = (pick: (t: ToolNames) => readonly string[] | undefined): Set<string> =>
  new Set(ALL.flatMap((t) => pick(t) ?? []));
const shapes = <S>(pick: (t: ToolNames) => Readonly<Record<string, S>> | undefined): Map<string, S> => {
  const out = new Map<string, S>();
  for (const t of ALL)
    for (const [name, shape] of Object.entries(pick(t) ?? {})) if (!out.has(name)) out.set(name, shape);
  return out;
};

/** Tools that run a shell command line found in `command`. */
export const SHELL_TOOLS: ReadonlySet<string> = names((t) => t.shell);

/** Shell tools whose name says which shell runs the command. */
export const SHELL_OF_TOOL: ReadonlyMap<string, 'bash' | 'pwsh'> = shapes((t) => t.shellOf);

/** Tools that change files, by the shape of their input. */
export const EDIT_TOOLS: ReadonlyMap<string, EditToolShape> = shapes((t) => t.edit);

/** Tools that only read, search or talk to the user: nothing for AgentGuard to stop. */
export const READ_ONLY_TOOLS: ReadonlySet<string> = names((t) => t.readOnly);

/**
 * Tools that fetch web pages the agent names, and the input fields holding
 * the URLs: what the URL carries leaves the machine (secrets in a query, a
 * cloud metadata endpoint). Gemini CLI's `web_fetch` takes URLs inside its
 * prompt.
 */
export const FETCH_TOOLS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['WebFetch', ['url']], // Claude Code
  ['fetch_webpage', ['urls']], // VS Code
  ['web_fetch', ['url', 'prompt']], // Copilot CLI, Gemini CLI
  ['fetch', ['url']], // Copilot CLI
  ['webfetch', ['url']], // OpenCode
  ['web-fetch', ['url']], // Augment
  ['read_web_page', ['url']], // Amp
]);

/** Tools that run a task whose command is a shell line (VS Code `create_and_run_task`). */
export const TASK_TOOLS: ReadonlySet<string> = names((t) => t.task);

/** Tools that call an MCP server named in their input (Cline `use_mcp_tool`). */
export const MCP_CALL_TOOLS: ReadonlySet<string> = names((t) => t.mcpCall);

/**
 * Tools that read files or search their content, and the shape of their
 * input: their targets are judged like `cat`, `grep` and `find` in the
 * shell. Names from each host's tool reference and from the reference MCP
 * file server; Cline's `search_files` searches content, which its `regex`
 * says (normalize.ts).
 */
export const READ_TOOLS: ReadonlyMap<string, ReadToolShape> = shapes((t) => t.read);

/** MCP tool name in Claude, Codex, Gemini, Amp (`mcp__server__tool`), VS Code (`mcp_server_tool`), Cursor preToolUse (`MCP:tool`) or Kiro (`@server/tool`). */
export function parseMcpToolName(name: string): { server?: string; tool: string } | undefined {
  const kiro = /^@([^/]+)\/(.+)$/.exec(name);
  if (kiro) return { server: kiro[1], tool: kiro[2] };
  if (name.startsWith('mcp__')) {
    const rest = name.slice(5);
    const sep = rest.indexOf('__');
    return sep > 0 ? { server: rest.slice(0, sep), tool: rest.slice(sep + 2) } : { tool: rest };
  }
  if (/^mcp[:_]/i.test(name)) return { tool: name.slice(4) };
  return undefined;
}
