// File effects of tools whose deleting or zeroing form is a flag or a
// subcommand of an otherwise harmless program: 7-Zip's `-sdel` removes the
// files it archived, `fallocate --punch-hole` / `--zero-range` /
// `--collapse-range` zero or cut a file's data in place, and the desktop's
// `gio remove` and `kioclient remove` delete without the trash; find's
// `-fprint`, `-fprintf` and `-fls` write the file they name; `yq -i` and
// `dasel put` rewrite theirs in place, and so does `gawk -i inplace`.
import { hasFlag, optionValue, positionals, singleDashValues } from '../command/args';
import type { EffectSink } from './toolWrites';

const SEVEN_ZIP_VALUES = ['-p', '-o', '-t', '-m', '-v', '-w', '-x', '-i', '-ai', '-ax', '-an'];

/** `7z a -sdel out.7z FILES…`: the archive is written, then FILES are deleted. */
export function sevenZipEffects(argv: readonly string[], sink: EffectSink): void {
  const pos = positionals(argv, SEVEN_ZIP_VALUES);
  const [command, archive, ...files] = pos;
  if (!command || !/^[au]$/i.test(command) || archive === undefined) return;
  sink.add('write', archive);
  if (argv.includes('-sdel')) for (const f of files) sink.add('delete', f, true);
}

const FALLOCATE_ZEROING = [
  '-p',
  '--punch-hole',
  '-z',
  '--zero-range',
  '-c',
  '--collapse-range',
  '-i',
  '--insert-range',
];

/** `fallocate -p -o 0 -l 1G FILE`: the range's data is gone (or moved); without those flags it only reserves space. */
export function fallocateEffects(argv: readonly string[], sink: EffectSink): void {
  const zeroing = argv.some((a) => FALLOCATE_ZEROING.includes(a) || /^-[a-z]*[pzci][a-z]*$/.test(a));
  const files = positionals(argv, ['-o', '--offset', '-l', '--length']);
  for (const f of files) sink.add(zeroing ? 'truncate' : 'write', f);
}

/**
 * `gio remove FILE…` / `gio rm`, `kioclient remove URL…`: deleted, not trashed. `gio trash FILE…` moves each
 * into the trash (out of its place: the guard's state trashed is gone from where it is read); `gio move SRC… DEST`
 * and `kioclient move` move as `mv` does, `gio copy` and `kioclient copy` write DEST as `cp` does.
 */
export function desktopRemoveEffects(name: string, argv: readonly string[], sink: EffectSink): void {
  const sub = argv[1];
  const words = positionals(argv, ['-t', '--target-directory'])
    .slice(1)
    .map((f) => f.replace(/^file:\/\//, ''));
  if (name === 'gio' && sub === 'trash') {
    if (!hasFlag(argv, ['--empty', '--list', '--restore'])) for (const f of words) sink.add('move', f);
    return;
  }
  if (/^(?:move|mv|copy|cp)$/.test(sub ?? '') && words.length >= 2) {
    if (sub === 'move' || sub === 'mv') for (const f of words.slice(0, -1)) sink.add('move', f);
    sink.add('write', words[words.length - 1]);
    return;
  }
  if (name === 'gio' ? sub !== 'remove' && sub !== 'rm' : sub !== 'remove' && sub !== 'rm' && sub !== 'del') return;
  for (const f of words) sink.add('delete', f, name !== 'gio');
}

/** `trash-put FILE…`, `trash FILE…` (trash-cli, macOS): each file moved into the trash, out of its place. */
export function trashEffects(argv: readonly string[], sink: EffectSink): void {
  if (hasFlag(argv, ['--help', '--version', '-l', '--list', '--empty'])) return;
  for (const f of positionals(argv, ['--trash-dir'])) sink.add('move', f);
}

/** find's actions that write a file of their own (findutils): `-fprint F`, `-fprint0 F`, `-fls F`, `-fprintf F FORMAT`. */
const FIND_FILE_ACTIONS = new Set(['-fprint', '-fprint0', '-fls', '-fprintf']);

/** `find … -fprintf ~/.bashrc 'TEXT'`: the file is emptied when find starts, then filled with what the format says. */
export function findOutputEffects(argv: readonly string[], sink: EffectSink): void {
  for (let i = 1; i + 1 < argv.length; i++) {
    if (!FIND_FILE_ACTIONS.has(argv[i])) continue;
    sink.add('truncate', argv[i + 1]);
    i += argv[i] === '-fprintf' ? 2 : 1;
  }
}

/** yq's subcommands before the expression (mikefarah/yq v4); the Python yq has none. */
const YQ_SUBCOMMANDS = new Set(['e', 'eval', 'ea', 'eval-all']);
const YQ_VALUE_OPTS = [
  '--from-file',
  '-o',
  '--output-format',
  '-p',
  '--input-format',
  '-I',
  '--indent',
  '--expression',
  '--arg',
  '--argjson',
];

/** `yq -i EXPR FILE…` (`--inplace`, `e -i`): each file is rewritten with the expression's result. */
export function yqEffects(argv: readonly string[], sink: EffectSink): void {
  if (!argv.some((a) => a === '--inplace' || a === '--in-place' || /^-[a-zA-Z]*i[a-zA-Z]*$/.test(a))) return;
  let pos = positionals(argv, YQ_VALUE_OPTS);
  if (YQ_SUBCOMMANDS.has(pos[0] ?? '')) pos = pos.slice(1);
  // The first operand is the expression unless one came from a file or an option.
  const fromOption = argv.some((a) => a === '--from-file' || a.startsWith('--from-file=') || a === '--expression');
  for (const f of fromOption ? pos : pos.slice(1)) sink.add('write', f);
}

/** `dasel put|delete -f FILE …` rewrites FILE in place (unless `-o`/`--out` names another file, which is written instead). */
export function daselEffects(argv: readonly string[], sink: EffectSink): void {
  if (!argv.slice(1, 3).some((a) => a === 'put' || a === 'delete')) return;
  const file = optionValue(argv, ['-o', '--out']) ?? optionValue(argv, ['-f', '--file']);
  if (file !== undefined && file !== '-') sink.add('write', file);
}

const AWK_VALUE_OPTS = new Set(['-F', '-v', '-f', '-E', '-i', '-l', '-e', '--field-separator', '--assign', '--file']);

/** `gawk -i inplace PROGRAM FILE…` (`-iinplace`, `--include=inplace`): gawk's inplace library rewrites each input file. */
export function gawkInplaceEffects(argv: readonly string[], sink: EffectSink): void {
  let inplace = false;
  let programFromOption = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const [flag, inline] = a.startsWith('--')
      ? [a.split('=')[0], a.includes('=') ? a.slice(a.indexOf('=') + 1) : undefined]
      : [a.slice(0, 2), a.length > 2 ? a.slice(2) : undefined];
    const takes = AWK_VALUE_OPTS.has(flag) || ['--include', '--exec', '--load', '--source'].includes(flag);
    const value = inline ?? (takes ? argv[++i] : undefined);
    if ((flag === '-i' || flag === '--include') && /^inplace(?:\.awk)?$/.test(value ?? '')) inplace = true;
    if (['-f', '-E', '-e', '--file', '--exec', '--source'].includes(flag)) programFromOption = true;
  }
  if (!inplace) return;
  const operands = argv.slice(programFromOption ? i : i + 1).filter((o) => !/^[A-Za-z_]\w*=/.test(o) && o !== '-');
  // `gawk -i inplace '/x/{next}' FILE`: a program that prints no record writes each file back empty.
  const empties = !programFromOption && argv[i] !== undefined && printsNothing(argv[i]);
  for (const f of operands) sink.add(empties ? 'truncate' : 'write', f);
}

/** Most characters of an awk program read for whether it prints; past it, it is taken to print. */
const MAX_AWK_PROGRAM = 16 * 1024;

/**
 * Whether an awk program prints no record: no `print`, `printf`, output redirection or `system`, and no rule
 * without an action (a bare pattern such as `NR>1` or `1` prints the records it matches). A rule's action is a
 * `{…}` block; strings and regexes are left as they are, which can only make a program seem to print.
 */
function printsNothing(program: string): boolean {
  if (program.length > MAX_AWK_PROGRAM || /\b(?:print|printf|system)\b|[|>]/.test(program)) return false;
  let depth = 0;
  let rules = '';
  for (const ch of program) {
    if (ch === '{') {
      if (depth++ === 0) rules += '\u0000';
    } else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) rules += ch;
  }
  // Each rule: a pattern (or BEGIN, END, a function's head) and its action, ended by the action, a line or a `;`.
  const heads = rules
    .split(/(?<=\u0000)|[\n;]/)
    .map((r) => r.trim())
    .filter(Boolean);
  if (!heads.every((r) => r.endsWith('\u0000'))) return false;
  // A program of BEGIN rules and functions alone reads no file, and leaves each as it was.
  return heads.some((r) => !/^(?:BEGIN\s*|function\b.*)\u0000$/s.test(r));
}

/** `lynx -cmd_log=FILE`: lynx writes every key typed into FILE from the start. */
export function lynxEffects(argv: readonly string[], sink: EffectSink): void {
  for (const f of singleDashValues(argv, ['-cmd_log'])) sink.add('truncate', f);
}
