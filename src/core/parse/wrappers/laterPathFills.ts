// A folder put on PATH for the shell's later lines after an earlier command on
// the same line may have filled it (`go build -o bin/app && export
// PATH=$PWD/bin:$PATH`, `curl -o bin/ls … && export PATH=./bin:$PATH`): the
// folder is read as it is before the line runs (laterPath.ts), and the later
// lines run what the line left there by bare name, not what was read.
//
// The narrowest rule that holds: only commands that run before PATH takes its
// new value count. One that runs after it (`export PATH=$PWD/bin:$PATH &&
// make`) fills the folder as the same command on a later line would, and is
// judged as that one is (laterPath.ts judgeFolder). Commands that write no
// program (readers, `mkdir`, `chmod`, `cd`, `source`) count only by their
// redirections. A command that names the folder or a file in it (a copy, a
// download, an archive unpacked over it, `-o bin/app`) asks for any folder;
// one whose writes are not known here (`make`, `cargo build`, `npm ci`) may
// write anywhere, and asks unless the folder is an installer's own (laterPath.ts
// toolFolder, or the `bin` of a virtualenv the line makes), which is what the
// installer is there to fill. PATH changes after earlier commands on the same
// line are rare in everyday use (none in the public corpora's 555 lines), and
// the installers' `npm ci && export PATH=$PWD/node_modules/.bin:$PATH` stays quiet.
import * as path from 'node:path';
import type { Walker } from '../normalize/scope';
import type { SimpleCommand } from '../../types';
import { makesNothing, namesAnyWord } from './madeOnLine';
import { copied, COPIERS, extractionFolder, onlyReads, within } from './lineChanges';
import { madeEnvironments } from './envMakers';

/** How an earlier command may fill a folder: `named` by a word or redirection of it, `maybe` as a program may anywhere. */
export type Fill = 'named' | 'maybe';

/** Earlier commands that may write looked at, at most: a line with more is taken to fill every folder. */
const MAX_WRITERS = 64;
/** Shell builtins that change only the shell's state (what `source` reads is walked as commands of its own). */
const SHELL_STATE = new Set(['source', '.', 'alias', 'export', 'declare', 'typeset', 'local', 'readonly', 'hash']);
/** Version and environment switchers' verbs that change only the shell's own PATH and variables (`nvm use 18`). */
const SWITCHES = /^(?:nvm use|(?:conda|mamba|micromamba) (?:de)?activate|(?:pyenv|rbenv|nodenv|goenv) shell)$/;
/** go's steps that write a program (`go build`, `go install`, one `go generate` or `go run` writes). */
const GO_WRITES = new Set(['build', 'install', 'run', 'generate', 'get', 'tool']);
export const WRITE_OPS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

/** Whether a command writes no file but its redirections' targets. */
export function writesNoFile(c: SimpleCommand): boolean {
  const prog = path.basename(c.argv[0] ?? '');
  if (c.dynamic[0]) return false;
  // makesNothing counts `go build` as making no source: here the program it writes is what counts.
  if (prog === 'go') return !GO_WRITES.has(c.argv[1] ?? '') && !c.argv.includes('-o');
  if (SHELL_STATE.has(prog) || (prog === 'command' && /^-[vV]$/.test(c.argv[1] ?? ''))) return true;
  if (!c.dynamic[1] && SWITCHES.test(`${prog} ${c.argv[1] ?? ''}`)) return true;
  return makesNothing(c) || onlyReads(c);
}

/**
 * The commands of the line that ran before PATH took its new value (`ranAfter` tells those after) and may write a
 * file; undefined when there are more than are looked at.
 */
export function earlierWriters(
  w: Walker,
  ranAfter: (c: SimpleCommand) => boolean,
): readonly SimpleCommand[] | undefined {
  const out: SimpleCommand[] = [];
  for (const c of w.out) {
    if (ranAfter(c) || (c.redirects.length === 0 && writesNoFile(c))) continue;
    if (out.push(c) > MAX_WRITERS) return undefined;
  }
  return out;
}

/** Whether `file` is the folder itself or a file directly in it: a file below a subfolder is not found on PATH. */
function inFolder(dir: string, file: string): boolean {
  return file === dir || path.dirname(file) === dir;
}

function fills(dir: string, c: SimpleCommand, w: Walker): Fill | undefined {
  for (const r of c.redirects) {
    if (!WRITE_OPS.has(r.op)) continue;
    // A target known only at run time may be in the folder.
    if (/[$`]/.test(r.target) || inFolder(dir, path.resolve(c.cwd, r.target))) return 'named';
  }
  if (writesNoFile(c)) return undefined;
  // An archive's members may land anywhere below the folder it is unpacked into.
  const into = extractionFolder(c);
  if (into !== undefined) return within(into, dir) ? 'named' : undefined;
  if (COPIERS.has(path.basename(c.argv[0] ?? ''))) {
    // A copy writes its destination only: a file of any name below a folder copied there, or the file named.
    if (copied(c, w.ctx.stat).some((x) => within(x.abs, dir) || path.dirname(x.abs) === dir)) return 'named';
    return c.dynamic.includes(true) ? 'named' : undefined;
  }
  // `go build -o bin/app`, `curl -o bin/ls …`, `make -C bin`: a word of the command is the folder or a file in it.
  return namesAnyWord(c, (abs) => inFolder(dir, abs)) ? 'named' : 'maybe';
}

/** How the earlier commands of the line may fill `dir`: `named` when one names it, undefined when none may write there. */
export function fillsFolder(dir: string, writers: readonly SimpleCommand[], w: Walker): Fill | undefined {
  let fill: Fill | undefined;
  for (const c of writers) {
    const f = fills(dir, c, w);
    if (f === 'named') return f;
    fill ??= f;
  }
  return fill;
}

/** Whether `dir` is the `bin` of a virtualenv an earlier command makes (`python3 -m venv env`): the maker fills it. */
export function madeEnvironmentBin(dir: string, writers: readonly SimpleCommand[]): boolean {
  return writers.some((c) => madeEnvironments(c).some((d) => path.join(path.resolve(c.cwd, d), 'bin') === dir));
}
