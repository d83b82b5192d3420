// The text tools' own programs read as what they do to files and what they
// run. sed (GNU sed manual, "sed scripts"): `r FILE` and `R FILE` print a
// file's lines into the output, `w FILE`, `W FILE` and the `w FILE` flag of
// `s///` write one, `e COMMAND` runs a command and the `e` flag of `s///`
// runs the pattern space; a script may come from `-f FILE`. awk (POSIX awk,
// gawk manual): `getline < FILE` reads a file, `"CMD" | getline` and
// `print | "CMD"` run commands, `print > FILE` and `>> FILE` write one,
// `ENVIRON` is the environment, and assigning `ARGV[n]` changes which files
// are read. Each is handed to the walk as the plain command that does the
// same (`cat FILE`, `tee FILE`, `printenv NAME`, the command itself), so the
// packs that know files, secrets and commands judge it. Bounded: scripts
// longer than MAX_PROGRAM are not read (the command is judged on its own).

export interface ProgramReading {
  /** Files whose content is printed. */
  reads: string[];
  /** Files written (`append` for `>>`). */
  writes: Array<{ path: string; append: boolean }>;
  /** Shell command text the program runs. */
  runs: string[];
  /** Environment variables printed by name; `*` for the whole environment. */
  env: string[];
  /** Which bound left part of the program unread, when one did: the rest may run anything. */
  unread?: string;
  /** The input lines themselves run as commands (sed's bare `e`, `s/^//e`). */
  runsInput?: boolean;
}

const MAX_PROGRAM = 64 * 1024;
const MAX_ITEMS = 32;
const MAX_SED_LINES = 1024;

const empty = (): ProgramReading => ({ reads: [], writes: [], runs: [], env: [] });

// ---- sed ---------------------------------------------------------------------------------

/** A sed script's commands, one per line or `;` (but `r`, `w` and `e` take the rest of their line). */
export function readSedScript(script: string): ProgramReading {
  const out = empty();
  if (script.length > MAX_PROGRAM) return { ...out, unread: `a script longer than ${MAX_PROGRAM} characters` };
  const lines = script.split('\n');
  if (lines.length > MAX_SED_LINES && lines.slice(MAX_SED_LINES).some((l) => l.trim()))
    out.unread = `a script of more than ${MAX_SED_LINES} lines`;
  for (const rawLine of lines.slice(0, MAX_SED_LINES)) {
    let line = rawLine;
    while (line.trim()) {
      if (out.reads.length + out.writes.length + out.runs.length >= MAX_ITEMS) {
        out.unread ??= `more than ${MAX_ITEMS} file reads, writes and commands`;
        return out;
      }
      line = line.replace(/^[\s;{}!]+/, '');
      // An address: line numbers, `$`, /regex/, ranges, steps.
      line = line.replace(
        /^(?:\d+(?:~\d+)?|\$|\/(?:[^/\\]|\\.)*\/[IM]*|\\(.)(?:(?!\1).)*\1)(?:\s*,\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/[IM]*|[+~]\d+))?\s*!?\s*/,
        '',
      );
      const c = line[0];
      if (c === undefined) break;
      if (c === 'r' || c === 'R' || c === 'w' || c === 'W' || c === 'e') {
        const arg = line.slice(1).trim();
        if (c === 'e') {
          // A bare `e` runs the pattern space, the input line, as a command.
          if (arg) out.runs.push(arg);
          else out.runsInput = true;
        } else if (arg) {
          if (c === 'r' || c === 'R') out.reads.push(arg);
          else out.writes.push({ path: arg, append: true });
        }
        break; // the argument runs to the end of the line
      }
      if (c === 's' || c === 'y') {
        const d = line[1];
        if (!d || d === '\n' || d === '\\') break;
        const parts: string[] = [];
        let i = 2;
        let cur = '';
        while (i < line.length && parts.length < 2) {
          if (line[i] === '\\' && i + 1 < line.length) {
            cur += line[i + 1] === d ? d : line.slice(i, i + 2);
            i += 2;
            continue;
          }
          if (line[i] === d) {
            parts.push(cur);
            cur = '';
            i++;
            continue;
          }
          cur += line[i++];
        }
        if (parts.length < 2) break;
        const flags = /^[gpIiMme0-9]*/.exec(line.slice(i))![0];
        const rest = line.slice(i + flags.length);
        // `s/…/…/e` runs the result as a command; with a replacement that stands alone, that replacement is the command.
        if (c === 's' && flags.includes('e')) {
          if (parts[1] && !/[\\&]/.test(parts[1])) out.runs.push(parts[1]);
          // `s/^//e`, `s/x/&/e`: what runs is made from the input line.
          else out.runsInput = true;
        }
        if (c === 's' && rest.startsWith('w')) {
          const file = rest.slice(1).trim();
          if (file) out.writes.push({ path: file, append: true });
          break;
        }
        line = rest;
        continue;
      }
      // Any other command: skip to the next `;`.
      const next = line.indexOf(';');
      if (next === -1) break;
      line = line.slice(next + 1);
    }
  }
  return out;
}

/** The script of a sed command line: `-e` and `--expression` values, or the first operand; the `-f` files to read; the input files. */
export function sedScript(argv: readonly string[]): { scripts: string[]; files: string[]; inputs: string[] } {
  const scripts: string[] = [];
  const files: string[] = [];
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-e' || a === '--expression') scripts.push(argv[++i] ?? '');
    else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
    else if (a === '-f' || a === '--file') files.push(argv[++i] ?? '');
    else if (a.startsWith('--file=')) files.push(a.slice(7));
    else if (/^-[a-zA-Z]*f$/.test(a) && !a.startsWith('--')) files.push(argv[++i] ?? '');
    else if (/^-[a-zA-Z]*e$/.test(a) && !a.startsWith('--')) scripts.push(argv[++i] ?? '');
    else if (a === '-l' || a === '--line-length') i++;
    else if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    } else if (!a.startsWith('-') || a === '-') operands.push(a);
  }
  const scriptOperand = !scripts.length && !files.length && operands.length > 0;
  if (scriptOperand) scripts.push(operands[0]);
  return { scripts, files, inputs: scriptOperand ? operands.slice(1) : operands };
}

// ---- awk ---------------------------------------------------------------------------------

const STR = String.raw`"((?:[^"\\]|\\.)*)"`;
const GETLINE_FILE = new RegExp(String.raw`getline\b[^<|;{}]*<\s*` + STR, 'g');
const CMD_GETLINE = new RegExp(STR + String.raw`\s*\|\s*getline\b`, 'g');
const PRINT_TO = new RegExp(String.raw`\bprintf?\b[^;{}]*?(>>?|\|)\s*` + STR, 'g');
const ENVIRON_NAME = new RegExp(String.raw`ENVIRON\s*\[\s*` + STR + String.raw`\s*\]`, 'g');
const ENVIRON_ALL = /\bfor\s*\(\s*\w+\s+in\s+ENVIRON\s*\)/;
const ARGV_SET = new RegExp(String.raw`ARGV\s*\[\s*\d+\s*\]\s*=\s*` + STR, 'g');

const unescape = (s: string): string =>
  s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));

export function readAwkProgram(program: string): ProgramReading {
  const out = empty();
  if (program.length > MAX_PROGRAM) return { ...out, unread: `a program longer than ${MAX_PROGRAM} characters` };
  const each = (re: RegExp, f: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    let n = 0;
    for (let m = re.exec(program); m; m = re.exec(program), n++) {
      if (n >= MAX_ITEMS) {
        out.unread ??= `more than ${MAX_ITEMS} file reads, writes or commands of one kind`;
        return;
      }
      f(m);
    }
  };
  each(GETLINE_FILE, (m) => out.reads.push(unescape(m[1])));
  each(ARGV_SET, (m) => out.reads.push(unescape(m[1])));
  each(CMD_GETLINE, (m) => out.runs.push(unescape(m[1])));
  each(PRINT_TO, (m) => {
    if (m[1] === '|') out.runs.push(unescape(m[2]));
    else out.writes.push({ path: unescape(m[2]), append: m[1] === '>>' });
  });
  each(ENVIRON_NAME, (m) => out.env.push(m[1]));
  if (ENVIRON_ALL.test(program)) out.env.push('*');
  return out;
}
