/**
 * Renames in interpreter code (`os.rename(a, b)`, `shutil.move`, `fs.renameSync`, Ruby's
 * `File.rename` and `FileUtils.mv`, pathlib's `Path(a).rename(b)`): the source is moved away as
 * `mv` moves it, so a guard's state folder or a settings file renamed out of its place is judged as
 * that `mv` is, besides the write of the target.
 */
/** The parts of a code reading a move adds to (interpreters.ts's CodeReading). */
interface MoveReading {
  argvs: string[][];
  writes: { path: string; append: boolean }[];
}

const MOVES = /^(?:renameSync|rename|move|replace|mv)$/;

/**
 * Records the move a call makes; true when `fn` is a move (the caller reads no more of it).
 * `dot` is where the call's name starts: pathlib's one-argument `rename`/`replace` moves its receiver.
 */
export function readMove(
  reading: MoveReading,
  fn: string,
  call: { code: string; at: number; first: string; second: string },
  path: (expr: string) => string,
  receiverBefore: (code: string, dot: number) => string,
): boolean {
  if (!MOVES.test(fn)) return false;
  let from = call.first;
  let to = call.second;
  if (!to) {
    // A string's replace takes two arguments; with one, only a path object's rename or replace moves.
    if ((fn !== 'rename' && fn !== 'replace') || call.code[call.at - 1] !== '.') return true;
    from = receiverBefore(call.code, call.at - 1);
    to = call.first;
    // Only a receiver read as a path (`Path.home() / ".x"`): `df.rename(columns=…)` is a table's.
    if (!from || path(from).startsWith('$(')) return true;
  }
  const target = path(to);
  reading.argvs.push(['mv', path(from), target]);
  reading.writes.push({ path: target, append: false });
  return true;
}

/** Perl's `rename OLD, NEW` (parentheses optional) and File::Copy's `move`/`mv`; not a method, a variable or a hash key. */
const PERL_MOVE = /(?<![\w$@%&.>]|\bsub\s+)(?:File::Copy::)?(rename|move|mv)\b(?!\s*=>)\s*(\(\s*)?/g;
const MAX_PERL_MOVES = 64;

/**
 * Records the moves in Perl code; `args` splits an argument list's text into paths. True when there were more
 * than the bound (the code is then not read whole).
 */
export function readPerlMoves(reading: MoveReading, code: string, args: (text: string) => string[]): boolean {
  let m: RegExpExecArray | null;
  let count = 0;
  PERL_MOVE.lastIndex = 0;
  while ((m = PERL_MOVE.exec(code))) {
    if (++count > MAX_PERL_MOVES) return true;
    const [from, to] = args(code.slice(m.index + m[0].length).split(/;|\n/)[0]);
    if (!from || !to) continue;
    reading.argvs.push(['mv', from, to]);
    reading.writes.push({ path: to, append: false });
  }
  return false;
}
