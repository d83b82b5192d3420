// sqlite3's ways out of the database: `.shell CMD` and `.system CMD` run a
// shell command, `.output |CMD`, `.once |CMD` and `.read |CMD` pipe through
// one, and `.output FILE`, `.once FILE`, `.backup FILE`, `.save FILE`,
// `.open --new FILE`, `VACUUM INTO 'FILE'` and `writefile('FILE', …)` write a
// file anywhere — an in-memory database (`sqlite3 :memory:`) included. Each is
// handed on as the shell command it amounts to (a written file as `tee FILE`),
// so it is judged where it lands; the SQL itself stays with the SQL clients.
import { positionals } from '../../command/args';
import { shellWord } from '../../text/shellWord';
import type { Pending, Walker } from '../normalize/scope';
import type { UnwrapStep } from './common';

const VALUE_OPTIONS = [
  '-cmd',
  '--cmd',
  '-init',
  '--init',
  '-separator',
  '--separator',
  '-newline',
  '--newline',
  '-nullvalue',
  '--nullvalue',
];

/** Bounds: lines read, and the words of one dot-command. */
const MAX_LINES = 256;
const MAX_WORDS = 64;

/**
 * A dot-command's words as sqlite3 splits them: by blanks, '…' and "…"
 * quoting one word. A `$(…)` the shell expands before sqlite3 reads the line
 * stays inside its word (`.backup backups/app-$(date +%F).db` is one file).
 */
function dotWords(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'?|"((?:[^"\\]|\\.)*)"?|((?:\$\([^()]*\)|\S)+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) && out.length < MAX_WORDS)
    out.push(m[1] ?? (m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]));
  return out;
}

/** The text sqlite3 is handed on its command line: `-cmd` values and the words after the database. */
function inlineTexts(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < argv.length; i++)
    if ((argv[i] === '-cmd' || argv[i] === '--cmd') && argv[i + 1] !== undefined) out.push(argv[++i]);
  out.push(...positionals(argv, VALUE_OPTIONS).slice(1));
  return out;
}

/** One dot-command as shell: the command it runs, or `tee FILE` for the file it writes. */
function dotCommand(words: readonly string[]): string | undefined {
  const [name, ...rest] = words;
  if (name === '.shell' || name === '.system') {
    // sqlite3 joins the words, quoting those with blanks in "…", and hands the line to the shell.
    return rest.length ? rest.map((w) => (/\s/.test(w) ? `"${w}"` : w)).join(' ') : undefined;
  }
  const operands = rest.filter((w) => !w.startsWith('-'));
  if (name === '.output' || name === '.once' || name === '.read') {
    const at = rest.findIndex((w) => !w.startsWith('-'));
    if (at === -1) return undefined;
    const target = rest[at];
    // A pipe takes every word after it: `.output |rm -rf x`.
    if (target.startsWith('|')) return [target.slice(1), ...rest.slice(at + 1)].join(' ');
    return name === '.read' || target === 'stdout' ? undefined : `tee ${shellWord(target)}`;
  }
  if (name === '.backup' || name === '.save') {
    const file = operands[operands.length - 1];
    return file === undefined ? undefined : `tee ${shellWord(file)}`;
  }
  if (name === '.open' && rest.includes('--new') && operands[0] !== undefined) return `tee ${shellWord(operands[0])}`;
  return undefined;
}

const OPENS_A_FILE = /\bATTACH\b|^\s*\.(?:open|restore)\b/im;

/** Whether SQL handed to an in-memory database opens a database file from there (`ATTACH 'app.db'`, `.open app.db`): then its work is not gone when it exits. */
export function opensDatabaseFile(texts: readonly string[]): boolean {
  return texts.some((t) => OPENS_A_FILE.test(t));
}

const SQL_FILE_WRITES = /\bwritefile\s*\(\s*'((?:[^']|'')*)'|\bVACUUM\b[^;']{0,80}?\bINTO\s+'((?:[^']|'')*)'/gi;

/** What sqlite3 would run or write outside its database, as shell lines (empty when nothing); `unread`: input past the bound. */
export function sqliteShellLines(argv: readonly string[]): { lines: string[]; unread: boolean } {
  const out: string[] = [];
  let lines = 0;
  for (const text of inlineTexts(argv)) {
    for (const line of text.split('\n')) {
      if (++lines > MAX_LINES) return { lines: out, unread: true };
      const trimmed = line.trim();
      if (!trimmed.startsWith('.')) continue;
      const cmd = dotCommand(dotWords(trimmed));
      if (cmd) out.push(cmd);
    }
    SQL_FILE_WRITES.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SQL_FILE_WRITES.exec(text)) && out.length < MAX_LINES)
      out.push(`tee ${shellWord((m[1] ?? m[2]).replace(/''/g, "'"))}`);
  }
  return { lines: out, unread: out.length >= MAX_LINES };
}

export function unwrapSqlite(p: Pending, w: Walker): UnwrapStep | undefined {
  const { lines, unread } = sqliteShellLines(p.argv);
  if (unread)
    w.addFinding({
      id: 'parse.too-complex',
      summary: `${p.argv[0]} is handed more lines than AgentGuard reads (${MAX_LINES}); those past the bound could run shell commands unread`,
      severity: 60,
    });
  return lines.length
    ? { kind: 'script', text: lines.join('\n'), via: `${p.argv[0]} (its dot-commands and file writes)`, alsoEmit: true }
    : undefined;
}
