// What a tool call's arguments name by meaning, whatever the tool is called:
// `{source, destination}` is a move or a copy, `{path}` of a delete tool a
// deletion, `{cli_command}` a command line. Each becomes the shell line that
// does the same (`mv -- SRC DEST`, `rm -rf -- PATH`, `cat -- PATH`), so the
// engine judges a filesystem server moving AgentGuard's state folder away
// exactly as it judges `mv` — with folders, globs and symlinks read as they act.
// Pure: keys and values in, shell lines out; the MCP walk calls it.

export interface ToolLine {
  command: string;
  /** What the tool does, for the message: `moves`, `copies`, `deletes`, `reads`, `writes`, `runs`. */
  what: string;
}

const SOURCE_KEYS = [
  'source',
  'src',
  'from',
  'source_path',
  'sourcepath',
  'old_path',
  'oldpath',
  'origin',
  'source_file',
];
const DEST_KEYS = [
  'destination',
  'dest',
  'dst',
  'to',
  'target',
  'destination_path',
  'destinationpath',
  'target_path',
  'new_path',
  'newpath',
  'dest_path',
  'dst_path',
  'target_file',
  'dest_file',
  'destination_file',
];
const PATH_KEYS = [
  'path',
  'paths',
  'file',
  'files',
  'file_path',
  'filepath',
  'file_paths',
  'filename',
  'directory',
  'dir',
  'folder',
  'directory_path',
  'uri',
  'target',
];
/** Argument names that carry a command line to run, by name (`cli_command`, `shell_cmd`, `command_line`). */
const COMMAND_KEY = /^(?:[a-z0-9]+_)*(?:command|cmd|commandline|command_line|cli)$/;

type Verb = 'move' | 'copy' | 'delete' | 'write' | 'read' | 'list';

const VERBS: ReadonlyArray<[RegExp, Verb]> = [
  [/^(?:move|mv|rename|relocate)$/, 'move'],
  [/^(?:copy|cp|duplicate|clone|sync|mirror|rsync)$/, 'copy'],
  [/^(?:delete|remove|rm|rmdir|unlink|trash|erase|purge|wipe|destroy|clear|empty)$/, 'delete'],
  [/^(?:write|create|save|put|append|edit|update|patch|replace|overwrite|upload|mkdir|touch|set)$/, 'write'],
  [/^(?:read|get|view|cat|open|show|fetch|download|head|tail|load|inspect|stat|info)$/, 'read'],
  [/^(?:list|ls|search|find|glob|grep|tree|walk)$/, 'list'],
];

function verbOf(toolWords: readonly string[]): Verb | undefined {
  for (const w of toolWords) for (const [re, v] of VERBS) if (re.test(w)) return v;
  return undefined;
}

/** A shell word that reads back as `p`, with a leading `~/` left to the shell (tools expand it as the shell does). */
function word(p: string): string {
  const path = p.startsWith('file://') ? decodeURIComponent(p.slice(7)) : p;
  const home = path === '~' || path.startsWith('~/');
  const rest = home ? path.slice(1) : path;
  const quoted = /^[\w@%+=:,./-]*$/.test(rest) ? rest : `'${rest.replace(/'/g, `'\\''`)}'`;
  return home ? `~${quoted}` : quoted;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [v] : [];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').slice(0, 16);
  return [];
}

function first(m: ReadonlyMap<string, unknown>, keys: readonly string[]): string[] {
  for (const k of keys) {
    const v = strings(m.get(k));
    if (v.length) return v;
  }
  return [];
}

/**
 * The shell lines one level of a tool's arguments amounts to: moves and
 * copies from source/destination pairs, deletions and reads of paths by
 * the tool's verb, and command lines named as such. `m` has lower-cased keys.
 */
export function toolLines(toolWords: readonly string[], m: ReadonlyMap<string, unknown>): ToolLine[] {
  const out: ToolLine[] = [];
  for (const [k, v] of m) {
    if (COMMAND_KEY.test(k) && k !== 'command' && k !== 'cmd' && typeof v === 'string' && v.trim())
      out.push({ command: v, what: 'runs' });
  }
  const verb = verbOf(toolWords);
  const sources = first(m, SOURCE_KEYS);
  const dests = first(m, DEST_KEYS);
  if (sources.length && dests.length) {
    const pair = `-- ${sources.map(word).join(' ')} ${word(dests[0])}`;
    // A tool that does not say whether it moves or copies is judged as both; and the destination may be
    // the new name (Node's fs.cp and rename) or a folder to put the source in (cp): both readings.
    if (verb !== 'copy') out.push({ command: `mv ${pair}`, what: 'moves' });
    if (verb !== 'move') out.push({ command: `cp -r ${pair}`, what: 'copies' });
    if (sources.length === 1)
      out.push({
        command: `${verb === 'move' ? 'mv' : 'cp -r'} -T ${pair}`,
        what: verb === 'move' ? 'moves' : 'copies',
      });
    return out;
  }
  const paths = first(m, PATH_KEYS);
  if (!paths.length) return out;
  const list = paths.map(word).join(' ');
  if (verb === 'delete') out.push({ command: `rm -rf -- ${list}`, what: 'deletes' });
  else if (verb === 'read') out.push({ command: `cat -- ${list}`, what: 'reads' });
  else if (verb === 'move' && dests.length === 0) out.push({ command: `mv -- ${list} "$DESTINATION"`, what: 'moves' });
  return out;
}
