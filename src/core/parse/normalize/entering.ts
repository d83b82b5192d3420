// Whether a folder the shell is told to enter (bash's `cd`, PowerShell's Set-Location) is there to enter, as far as
// the line and the disk tell before it runs.
import type { Walker } from './scope';
import type { SimpleCommand } from '../../types';
import { resolveShellPath } from '../../command/paths';
import { UNKNOWN } from '../dynamic';

/** A folder word and where it is read from: the folder the shell was in, and the home `~` stands for. */
export interface EnterWord {
  target: string;
  from: string;
  home: string;
}

/**
 * Whether `cd` into a folder not there now fails: `fails` when every command before makes no folder, as `ls` or
 * `git status`; `maybe` when one may make it (`npm install`, `make`), so the shell may enter it or stay where it was.
 * Undefined: entered (the folder is there, made by name earlier on the line, known only at run time, or without a
 * way to look).
 */
export function cannotEnter(dir: string, word: EnterWord, w: Walker): 'fails' | 'maybe' | undefined {
  const { target } = word;
  const { stat, home } = w.ctx;
  const makesNoFolder = w.makesNoFolder;
  if (target.startsWith(UNKNOWN) || /[$`]/.test(target) || !stat || !makesNoFolder) return undefined;
  const notThere = (d: string) => missing(d, { stat, home, makesNoFolder }, w);
  const whole = notThere(dir);
  if (whole) return whole;
  // `cd /tmp/nothere/..`: bash looks for each folder a `..` leaves, and stays where it was when one is not there,
  // though the folder the path comes to is; dash enters it. Either may be so.
  for (const left of beforeDotDot(word)) if (notThere(left)) return 'maybe';
  return undefined;
}

interface Looks {
  stat: NonNullable<Walker['ctx']['stat']>;
  home: string;
  makesNoFolder: NonNullable<Walker['makesNoFolder']>;
}

/** Whether `dir` is not there: not on disk, written, or made by name earlier on the line. */
function missing(dir: string, { stat, home, makesNoFolder }: Looks, w: Walker): 'fails' | 'maybe' | undefined {
  for (const f of [...w.written.keys(), ...w.writtenUnknown])
    if (f === dir || f.startsWith(dir + '/')) return undefined;
  if (stat(dir)?.isDir === true) return undefined;
  let fails: 'fails' | 'maybe' = 'fails';
  for (const c of w.out) {
    if (madeByName(c, dir, home)) return undefined;
    if (!makesNoFolder(c)) fails = 'maybe';
  }
  return fails;
}

/** The folders a path names before each `..` in it (`/tmp/nothere/..` → `/tmp/nothere`), bounded. */
function beforeDotDot({ target, from, home }: EnterWord): string[] {
  const parts = target.split('/');
  const left: string[] = [];
  for (let k = 1; k < parts.length && left.length < MAX_DOTDOT; k++) {
    const head = parts.slice(0, k).join('/');
    if (parts[k] === '..' && head !== '') left.push(resolveShellPath(from, head, home));
  }
  return left;
}

/** `..` steps of one path looked at. */
const MAX_DOTDOT = 16;

/** Whether `c` is a `mkdir` naming `dir` or a folder below it (`mkdir -p build; cd build`): the shell enters it. */
function madeByName(c: SimpleCommand, dir: string, home: string): boolean {
  if (c.dynamic[0] || c.argv[0] !== 'mkdir') return false;
  for (let k = 1; k < c.argv.length && k < MAX_MKDIR_WORDS; k++) {
    const made = c.dynamic[k] || c.argv[k].startsWith('-') ? undefined : resolveShellPath(c.cwd, c.argv[k], home);
    if (made === dir || made?.startsWith(dir + '/')) return true;
  }
  return false;
}

/** Words of one `mkdir` looked at. */
const MAX_MKDIR_WORDS = 64;
