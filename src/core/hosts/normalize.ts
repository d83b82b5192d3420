// Host payload (already JSON-parsed) → neutral HookRequest. Pure: no I/O.
// Anything that cannot be understood is an error, which the hook turns into
// a deny: a payload AgentGuard cannot read is a payload it cannot vouch for.
import { eventReader, unwrapEnvelope } from './index';
import {
  EDIT_TOOLS,
  FETCH_TOOLS,
  MCP_CALL_TOOLS,
  READ_ONLY_TOOLS,
  READ_TOOLS,
  SHELL_OF_TOOL,
  SHELL_TOOLS,
  TASK_TOOLS,
  parseMcpToolName,
  type EditToolShape,
  type ReadToolShape,
} from './tools';
import type { EditTarget, HookRequest, NormalizeResult, ReadTarget, TextEdit } from './types';
import { shellWord } from '../text/shellWord';
import { fail, field, isObj, nonEmpty, parseInput, shellField, str, strArray, textEdits, type Obj } from './fields';

export { isObj, parseInput } from './fields';

const PATH_FIELDS = [
  'file_path',
  'filePath',
  'path',
  'target_file',
  'targetFile',
  'notebook_path',
  'notebookPath',
  'file',
];

export function normalizePayload(payload: unknown): NormalizeResult {
  if (!isObj(payload)) return fail('the hook input is not a JSON object');
  // Windsurf, Cline and OpenCode's plugin wrap the tool call in their own envelope.
  const unwrapped = unwrapEnvelope(payload);
  if (unwrapped && 'done' in unwrapped) return unwrapped.done;
  const p = unwrapped?.payload ?? payload;
  const toolName = field(p, 'tool_name', 'toolName');
  const base = {
    toolUseId: nonEmpty(p.tool_use_id) ?? nonEmpty(p.toolUseId),
    sessionId: nonEmpty(p.session_id) ?? nonEmpty(p.sessionId) ?? nonEmpty(p.conversation_id),
    cwd: nonEmpty(p.cwd),
    workspaceRoots: strArray(p.workspace_roots) ?? strArray(p.workspaceRoots) ?? [],
    ...(nonEmpty(p.permission_mode) ? { permissionMode: nonEmpty(p.permission_mode) } : {}),
  };
  const event =
    nonEmpty(p.hook_event_name) ??
    nonEmpty(p.hookEventName) ??
    (toolName !== undefined ? 'PreToolUse' : typeof p.command === 'string' ? 'beforeShellExecution' : undefined);
  if (!event) return fail('the hook input names no event and no tool');

  // An event only one host sends (Cursor's shell, MCP, read and edit events): its adapter reads it.
  const own = eventReader(event);
  if (own) return own(p, base, event, toolName);
  switch (event) {
    case 'PreToolUse':
    case 'preToolUse': // Cursor, Copilot CLI, Kiro
    case 'BeforeTool': // Gemini CLI
    case 'tool.execute.before': {
      // OpenCode, through AgentGuard's plugin
      if (toolName === undefined) return fail(`${event} input has no tool name`);
      const input = parseInput(p.tool_input ?? p.toolInput ?? p.toolArgs ?? p.args);
      return classifyTool({ ...base, event, toolName }, input);
    }
    default:
      return fail(
        `AgentGuard's hook judges tool calls before they run; it got the "${event}" event (check the hook configuration)`,
      );
  }
}

type Base = Omit<HookRequest, 'kind'>;

function classifyTool(base: Base, input: unknown): NormalizeResult {
  const name = base.toolName;
  const mcp = parseMcpToolName(name);
  if (mcp) {
    // An MCP file server's read tools (`read_text_file`, `read_multiple_files`) reach files like the host's own.
    const shape = READ_TOOLS.get(mcp.tool);
    const reads = shape && isObj(input) ? readTargets(shape, input) : [];
    return { ok: true, request: { ...base, kind: 'mcp', mcp: { ...mcp, input }, ...(reads.length ? { reads } : {}) } };
  }

  if (MCP_CALL_TOOLS.has(name)) {
    const tool = isObj(input) ? nonEmpty(input.tool_name) : undefined;
    if (!tool || !isObj(input)) return fail(`the ${name} tool call names no MCP tool`);
    return {
      ok: true,
      request: {
        ...base,
        kind: 'mcp',
        mcp: { server: nonEmpty(input.server_name), tool, input: parseInput(input.arguments) },
      },
    };
  }

  if (SHELL_TOOLS.has(name)) {
    const command = isObj(input) ? (field(input, 'command', 'cmd') ?? commandList(input.commands)) : undefined;
    if (command === undefined) return fail(`the ${name} tool call has no command`);
    const cwd = isObj(input)
      ? (nonEmpty(input.cwd) ?? nonEmpty(input.working_directory) ?? nonEmpty(input.workdir))
      : undefined;
    // The tool's name or a `shell` field may say which shell runs it.
    const shell =
      SHELL_OF_TOOL.get(name) ??
      (isObj(input) ? shellField(input.shell, input.shellType, input.shell_type) : undefined);
    return {
      ok: true,
      request: {
        ...base,
        ...(cwd ? { cwd } : {}),
        kind: 'shell',
        command,
        ...(shell ? { shell } : {}),
        ...(isObj(input) ? { toolInput: input } : {}),
      },
    };
  }

  if (TASK_TOOLS.has(name)) {
    const task = isObj(input) && isObj(input.task) ? input.task : undefined;
    const command = task ? str(task.command) : undefined;
    if (command === undefined) return fail(`the ${name} tool call has no task command`);
    const args = task && Array.isArray(task.args) ? task.args.filter((a): a is string => typeof a === 'string') : [];
    return { ok: true, request: { ...base, kind: 'shell', command: [command, ...args].join(' ') } };
  }

  const shape = EDIT_TOOLS.get(name);
  if (shape) {
    if (!isObj(input)) return fail(`the ${name} tool call has no input`);
    const targets = editTargets(shape, input);
    if (typeof targets === 'string') return fail(`the ${name} tool call ${targets}`);
    return { ok: true, request: { ...base, kind: 'edit', targets } };
  }

  const readShape = READ_TOOLS.get(name);
  if (readShape) {
    const reads = isObj(input) ? readTargets(readShape, input) : [];
    return { ok: true, request: { ...base, kind: 'other', readOnly: true, ...(reads.length ? { reads } : {}) } };
  }

  const fetches = FETCH_TOOLS.has(name) && isObj(input) ? fetchedUrls(FETCH_TOOLS.get(name)!, input) : [];
  return {
    ok: true,
    request: { ...base, kind: 'other', readOnly: READ_ONLY_TOOLS.has(name), ...(fetches.length ? { fetches } : {}) },
  };
}

/** The http(s) URLs in a fetch tool's fields (a URL, a list of them, or a prompt that names them): every one, however many (judging bounds them, request/index.ts). */
function fetchedUrls(fields: readonly string[], input: Obj): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const v = input[f];
    for (const text of typeof v === 'string' ? [v] : (strArray(v) ?? [])) {
      for (const m of text.matchAll(/https?:\/\/[^\s"'<>]+/gi)) out.push(m[0]);
    }
  }
  return out;
}

/**
 * A tool that runs several command lines in turn (Cline 3's `run_commands`:
 * lines, or `{command, args}` run without a shell): judged as one script, a
 * line each. An entry AgentGuard cannot read makes the whole call unreadable.
 */
function commandList(v: unknown): string | undefined {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : undefined;
  if (!list?.length || list.length > MAX_COMMANDS) return undefined;
  const lines: string[] = [];
  for (const c of list) {
    if (typeof c === 'string') lines.push(c);
    else if (isObj(c) && typeof c.command === 'string' && (c.args === undefined || Array.isArray(c.args))) {
      const args = Array.isArray(c.args) ? c.args : [];
      if (!args.every((a): a is string => typeof a === 'string')) return undefined;
      lines.push([c.command, ...args].map(shellWord).join(' '));
    } else return undefined;
  }
  return lines.join('\n');
}
const MAX_COMMANDS = 64;

const READ_PATH_FIELDS = [
  'file_path',
  'filePath',
  'absolute_path',
  'path',
  'target_file',
  'targetFile',
  'notebook_path',
  'file',
];
/** What a read or search tool reaches, from its input as the host spells it: every path, however many (judging bounds them, request/reads.ts). */
export function readTargets(shape: ReadToolShape, input: Obj): ReadTarget[] {
  const path = field(input, ...READ_PATH_FIELDS);
  switch (shape) {
    case 'file':
      return path ? [{ mode: 'file', path }] : [];
    case 'files': {
      const paths = strArray(input.paths) ?? [];
      const include = strArray(input.include) ?? [];
      // Cline 3's read_files: `files: [{path, start_line, end_line}]` or plain paths.
      const files = Array.isArray(input.files)
        ? input.files
            .map((f) => (typeof f === 'string' ? f : isObj(f) ? field(f, 'path', 'file_path') : undefined))
            .filter((f): f is string => !!f)
        : [];
      return [...paths, ...include, ...files].map((p): ReadTarget => ({ mode: 'file', path: p }));
    }
    case 'queries': {
      // Cline 3's search_codebase: regexes searched across the working folder.
      const queries = typeof input.queries === 'string' ? [input.queries] : (strArray(input.queries) ?? []);
      return queries.map((pattern): ReadTarget => ({ mode: 'search', pattern }));
    }
    case 'search': {
      const pattern = field(input, 'pattern', 'query', 'regex');
      const include = field(input, 'glob', 'include', 'includePattern', 'file_pattern');
      // Claude's Grep shows only file names unless asked for content.
      const mode =
        field(input, 'output_mode') === 'files_with_matches' || field(input, 'output_mode') === 'count'
          ? 'list'
          : 'search';
      return [
        {
          mode,
          ...(path ? { path } : {}),
          ...(pattern !== undefined ? { pattern } : {}),
          ...(include ? { include } : {}),
        },
      ];
    }
    case 'list': {
      // Cline's search_files searches content (`regex`); the MCP file server's matches names.
      if (typeof input.regex === 'string') return readTargets('search', input);
      const pattern = field(input, 'pattern', 'query', 'glob');
      return [{ mode: 'list', ...(path ? { path } : {}), ...(pattern !== undefined ? { pattern } : {}) }];
    }
    case 'operations': {
      // A list of reads, each with its mode (Line, Search, Directory): Kiro's fs_read.
      const ops = Array.isArray(input.operations) ? input.operations.filter(isObj) : [input];
      const out: ReadTarget[] = [];
      for (const op of ops) {
        const p = field(op, 'path', 'file_path');
        const mode = (field(op, 'mode') ?? 'Line').toLowerCase();
        if (!p) continue;
        if (mode === 'search')
          out.push({ mode: 'search', path: p, ...(field(op, 'pattern') ? { pattern: field(op, 'pattern') } : {}) });
        else out.push({ mode: mode === 'directory' ? 'list' : 'file', path: p });
      }
      return out;
    }
  }
}

/** Targets of an edit tool call, or what is missing. */
function editTargets(shape: EditToolShape, input: Obj): EditTarget[] | string {
  if (shape === 'patch') {
    const patch = field(input, 'input', 'patch', 'patchText', 'command');
    if (patch === undefined) return 'has no patch text';
    const targets = patchTargets(patch);
    return targets.length ? targets : 'names no file in its patch';
  }
  if (shape === 'multiReplace') {
    const list = Array.isArray(input.replacements) ? input.replacements.filter(isObj) : [];
    const targets: EditTarget[] = [];
    for (const r of list) {
      const path = field(r, ...PATH_FIELDS);
      if (!path) return 'has a replacement without a file path';
      targets.push({ path, op: 'edit', edits: textEdits([r]) });
    }
    return targets.length ? targets : 'has no replacements';
  }
  if (shape === 'deleteMany') {
    const paths = strArray(input.file_paths) ?? strArray(input.paths) ?? [];
    return paths.length ? paths.map((p): EditTarget => ({ path: p, op: 'delete' })) : 'names no file';
  }
  const path = field(input, ...PATH_FIELDS);
  if (!path) return 'has no file path';
  switch (shape) {
    case 'write':
      return [
        { path, op: 'write', content: field(input, 'content', 'contents', 'file_text', 'file_content', 'text') ?? '' },
      ];
    case 'edit':
      return [{ path, op: 'edit', edits: textEdits([input]) }];
    case 'multiEdit':
      return [{ path, op: 'edit', edits: textEdits(input.edits) }];
    case 'fragment':
      // Amp's edit_file has Cursor's name but a replacement's shape.
      if (typeof input.old_str === 'string') return [{ path, op: 'edit', edits: textEdits([input]) }];
      return [{ path, op: 'edit', fragment: field(input, 'code', 'code_edit', 'content', 'new_string') ?? '' }];
    case 'searchReplace':
      return [{ path, op: 'edit', edits: searchReplaceBlocks(field(input, 'diff') ?? '') }];
    case 'kiroWrite': {
      const command = field(input, 'command') ?? 'create';
      if (command === 'create') return [{ path, op: 'write', content: field(input, 'file_text', 'content') ?? '' }];
      if (command === 'str_replace') return [{ path, op: 'edit', edits: textEdits([input]) }];
      return [{ path, op: 'edit', fragment: field(input, 'new_str', 'file_text') ?? '' }];
    }
    case 'numberedEdit':
      return [numberedEdit(path, input)];
    case 'notebook':
      return [{ path, op: 'edit', fragment: field(input, 'new_source', 'newCode', 'new_code', 'content') ?? '' }];
    case 'delete':
      return [{ path, op: 'delete' }];
    case 'editor': {
      // Cline 3's editor: insert at a line, replace old_text, or create the file from new_text.
      const text = field(input, 'new_text') ?? '';
      if (input.insert_line !== undefined && input.insert_line !== null) return [{ path, op: 'edit', fragment: text }];
      const old = field(input, 'old_text');
      return old
        ? [{ path, op: 'edit', edits: [{ oldString: old, newString: text }] }]
        : [{ path, op: 'write', content: text }];
    }
  }
}

// Cline's replace_in_file: blocks of `------- SEARCH` (or `<<<<<<< SEARCH`)
// old text `=======` new text `+++++++ REPLACE` (or `>>>>>>> REPLACE`).
function searchReplaceBlocks(diff: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const re = /^(?:-{3,}|<{3,}) SEARCH[^\n]*\n([\s\S]*?)^={3,}[^\n]*\n([\s\S]*?)^(?:\+{3,}|>{3,}) REPLACE/gm;
  for (let m = re.exec(diff); m && edits.length < 1000; m = re.exec(diff))
    edits.push({ oldString: m[1], newString: m[2] });
  // A diff AgentGuard cannot split is judged as a whole fragment rather than not at all.
  return edits.length ? edits : [{ oldString: '', newString: diff }];
}

// Augment's str-replace-editor numbers its pairs: old_str_1/new_str_1, old_str_2/…; `insert` adds new_str_1.
function numberedEdit(path: string, input: Obj): EditTarget {
  const edits: TextEdit[] = [];
  for (let i = 1; i <= 1000; i++) {
    const newString = str(input[`new_str_${i}`]);
    if (newString === undefined) break;
    edits.push({ oldString: str(input[`old_str_${i}`]) ?? '', newString });
  }
  if (field(input, 'command') === 'insert')
    return { path, op: 'edit', fragment: edits.map((e) => e.newString).join('\n') };
  return { path, op: 'edit', edits };
}

// The V4A patch format of VS Code's apply_patch: file headers name each file
// and what happens to it; `+` lines are what gets written.
function patchTargets(patch: string): EditTarget[] {
  const targets: EditTarget[] = [];
  let current: EditTarget | undefined;
  let added: string[] = [];
  const flush = () => {
    if (current && current.op !== 'delete') {
      if (current.op === 'write') current.content = added.join('\n');
      else current.fragment = added.join('\n');
    }
    added = [];
  };
  for (const line of patch.split('\n')) {
    const header = /^\*\*\* (Add|Update|Delete) File: (.+)$/.exec(line);
    const move = /^\*\*\* Move to: (.+)$/.exec(line);
    if (header) {
      flush();
      const op = header[1] === 'Add' ? 'write' : header[1] === 'Delete' ? 'delete' : 'edit';
      current = { path: header[2].trim(), op };
      targets.push(current);
    } else if (move && current) {
      current.op = 'move';
      const dest: EditTarget = { path: move[1].trim(), op: 'edit' };
      targets.push(dest);
      flush();
      current = dest;
    } else if (line.startsWith('+') && current) {
      added.push(line.slice(1));
    }
  }
  flush();
  return targets;
}
