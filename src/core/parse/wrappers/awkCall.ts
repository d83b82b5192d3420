// An awk call's program, wherever it comes from (POSIX awk, gawk manual
// "Command-Line Options", "Include Files", "Loading Shared Libraries"): the
// first operand, or the files `-f FILE` / `-E FILE` name and the text of
// `--source`; gawk's `-i FILE` and `@include "FILE"` add files to it, and
// `-l`/`@load` a compiled extension. Each file is read (MAX_PROGRAM_FILES);
// one that cannot be read, or an extension loaded from a path, asks. `-v
// name=value` values are handed to the command reader, and the operands
// that are not `name=value` are the input files. gawk looks an include up
// along AWKPATH (the current folder first) and tries NAME, then NAME.awk; a
// bare name it ships (`-i inplace`) that neither finds there is its own
// library, not a file of the workspace.
import { emitCodeReading } from './shells';
import { readAwk } from './textTools';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { wholeRunTimeAsWritten } from '../../text/runTimeMarks';

const MAX_PROGRAM_FILES = 8;
/** The libraries gawk installs in its default AWKPATH (gawk manual, "Library Functions"; `inplace` for `-i inplace`). */
const GAWK_LIBRARIES = new Set([
  'inplace',
  'assert',
  'bits2str',
  'cliff_rand',
  'ctime',
  'ftrans',
  'getopt',
  'gettime',
  'group',
  'have_mpfr',
  'intdiv0',
  'isnumeric',
  'join',
  'libintl',
  'noassign',
  'ord',
  'passwd',
  'processarray',
  'quicksort',
  'readable',
  'readfile',
  'rewind',
  'round',
  'shellquote',
  'strtonum',
  'walkarray',
  'zerofile',
]);
const VALUE_OPTIONS = new Set([
  '-F',
  '-v',
  '-f',
  '-E',
  '-i',
  '-l',
  '-e',
  '--field-separator',
  '--assign',
  '--file',
  '--exec',
  '--include',
  '--load',
  '--source',
]);

interface AwkLine {
  program: string[];
  files: string[];
  loads: string[];
  vars: Map<string, string>;
  operands: string[];
  /** Indexes into `files` that `-i`/`--include` named (looked up along AWKPATH). */
  includes: Set<number>;
}

function readLine(argv: readonly string[]): AwkLine {
  const line: AwkLine = { program: [], files: [], loads: [], vars: new Map(), operands: [], includes: new Set() };
  let i = 1;
  for (; i < argv.length; i++) {
    let a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    let value: string | undefined;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) {
      value = a.slice(eq + 1);
      a = a.slice(0, eq);
    } else if (VALUE_OPTIONS.has(a)) value = argv[++i] ?? '';
    else if (/^-[FvfEile]./.test(a)) {
      value = a.slice(2);
      a = a.slice(0, 2);
    }
    if (value === undefined) continue;
    if (a === '-v' || a === '--assign') {
      const at = value.indexOf('=');
      if (at > 0) line.vars.set(value.slice(0, at), value.slice(at + 1));
    } else if (a === '-f' || a === '--file' || a === '-E' || a === '--exec' || a === '-i' || a === '--include') {
      if (a === '-i' || a === '--include') line.includes.add(line.files.length);
      line.files.push(value);
    } else if (a === '-e' || a === '--source') line.program.push(value);
    else if (a === '-l' || a === '--load') line.loads.push(value);
  }
  const rest = argv.slice(i);
  // Without -f, -E or --source the first operand is the program; -i files only add to it.
  const fromFiles = line.program.length > 0 || argv.some((a, k) => k < i && /^(?:-[fE]|--file|--exec)/.test(a));
  if (!fromFiles && rest.length) line.program.push(rest.shift()!);
  line.operands = rest.filter((o) => !/^[A-Za-z_]\w*=/.test(o));
  return line;
}

/**
 * The text of a program file; for an include also NAME.awk, as gawk tries.
 * null: a library gawk ships, found in no folder the workspace controls
 * (only while AWKPATH is not set on the line).
 */
function readProgramFile(
  name: string,
  include: boolean,
  p: Pending,
  scope: Scope,
  w: Walker,
): string | null | undefined {
  const text = w.ctx.readFile(name, scope.cwd);
  if (text !== undefined || !include || name.includes('/')) return text;
  const withSuffix = name.endsWith('.awk') ? undefined : w.ctx.readFile(`${name}.awk`, scope.cwd);
  if (withSuffix !== undefined) return withSuffix;
  return GAWK_LIBRARIES.has(name.replace(/\.awk$/, '')) && p.env.AWKPATH === undefined ? null : undefined;
}

/** Reads the awk program a call runs and judges what it reads, writes and runs. */
export function readAwkCall(prog: string, p: Pending, scope: Scope, w: Walker): void {
  const line = readLine(p.argv);
  if (!line.program.length && !line.files.length) return;
  // A program only known when the shell runs (`awk "$prog"`) cannot be read: its system() and `| "cmd"` run anything.
  const at = p.argv.indexOf(line.program[0] ?? '');
  if (at > 0 && p.dynamic[at]) {
    if (wholeRunTimeAsWritten(p.argv[at], p.source)) {
      const shown = p.argv[at].replace(/\u0001/g, '').slice(0, 60);
      w.addFinding(
        parseFinding(
          'parse.unknown-program',
          50,
          `${prog} runs a program known only when the command runs (${shown}): its system() and pipes run shell commands, so AgentGuard cannot read what it would do`,
          shown,
        ),
      );
    }
    return;
  }
  const texts = [...line.program];
  // gawk's `@include "FILE"` adds FILE to the program, in the program text or in a program file.
  const includes = (t: string) => [...t.matchAll(/@include\s+"([^"]+)"/g)].map((m) => m[1]);
  const files = [...line.files, ...line.program.flatMap(includes)];
  for (let n = 0; n < files.length; n++) {
    if (n >= MAX_PROGRAM_FILES) {
      w.addFinding(parseFinding('parse.too-complex', 60, `${prog} reads more than ${MAX_PROGRAM_FILES} program files`));
      break;
    }
    const text = readProgramFile(files[n], n >= line.files.length || line.includes.has(n), p, scope, w);
    if (text === null) continue;
    if (text === undefined) {
      w.addFinding(
        parseFinding(
          'system.unread-script',
          45,
          `${prog} runs ${files[n]} as program text, and it cannot be read first`,
          files[n],
        ),
      );
      continue;
    }
    texts.push(text);
    files.push(...includes(text));
  }
  const loads = [...line.loads, ...texts.flatMap((t) => [...t.matchAll(/@load\s+"([^"]+)"/g)].map((m) => m[1]))];
  for (const l of loads)
    if (l.includes('/'))
      w.addFinding(
        parseFinding('exec.loader-variable', 50, `${prog} loads ${l}, compiled code that runs inside it unread`, l),
      );
  const program = texts.join('\n');
  emitCodeReading('awk', program, p, scope, w, prog);
  readAwk(program, p, scope, w, line.operands, line.vars);
  if (/\|\s*"\s*(?:\/bin\/)?(?:ba|z|da)?sh\b/.test(program))
    w.addFinding({
      id: 'exec.piped-code',
      summary: `${prog} prints text into a shell, which runs it as commands`,
      severity: 50,
      alternative: 'print the commands, read them, then run them',
    });
}
