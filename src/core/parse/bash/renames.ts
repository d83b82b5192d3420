// A definition that gives a known command's name to another program, left in
// the terminal's own shell for later lines: after `alias ls=rm`, a later
// `ls -rf ~` is judged as ls and runs rm. The body is judged where it is
// defined (definitions.ts, aliases.ts), but a body harmless by itself
// (`rm` with no operands) still renames: it asks, as `hash -p /bin/rm ls` does.
// A name that keeps its own program (`alias ls='ls --color=auto'`,
// `alias pip=pip3`, `ls() { command ls -F "$@"; }`) stays quiet, and so does a
// program nothing reads by its name (`alias ls=eza`): no finding would differ.
import type { CommandNode, List, SimpleNode, Word } from './ast';
import { parse } from './parser';
import { ParseError } from '../limits';
import { inChildShell, renameFinding, sameProgram } from '../machinery';
import { interpreterOf } from '../interpreterNames';
import { SYSTEM_COMMANDS } from '../wrappers/systemCommands';
import type { Scope, Walker } from '../normalize/scope';

/** Commands of one body looked at, at most; the body itself is judged in full elsewhere. */
const MAX_COMMANDS = 64;
/**
 * Words that run the next word as the program: in the same shell (`command rm`, zsh's `nocorrect rm`), or as
 * another user (`alias apt='sudo apt'` still runs apt).
 */
const PREFIX: ReadonlySet<string> = new Set(['command', 'builtin', 'exec', 'nocorrect', 'noglob', 'sudo', 'doas']);
/** A word that receives the caller's arguments: `"$@"`, `$*`, `"${@}"`. */
const ALL_ARGUMENTS = /\$(?:[@*]|\{[@*]\})/;

/** The program a simple command runs, by name; undefined when it cannot be told from its words. */
function programOf(node: SimpleNode): string | undefined {
  let i = 0;
  for (; i < node.words.length - 1; i++) {
    const w = plain(node.words[i]);
    // `sudo -u x rm`: with options the prefix itself is taken for the program, as a different one.
    if (w === undefined || !PREFIX.has(w) || node.words[i + 1].raw.startsWith('-')) break;
  }
  const word = node.words[i];
  const name = word && plain(word);
  return name ? name.slice(name.lastIndexOf('/') + 1) : undefined;
}

/** A word's text with its quotes removed; undefined when it holds an expansion. */
function plain(word: Word): string | undefined {
  if (word.subs.length) return undefined;
  const text = word.raw.replace(/\\(.)/g, '$1').replace(/['"]/g, '');
  return /[$`]/.test(text) ? undefined : text;
}

/** Simple commands of a body, in order, nested function definitions left out (bounded). */
export function simpleCommands(node: CommandNode, out: SimpleNode[]): void {
  if (out.length >= MAX_COMMANDS) return;
  if (node.type === 'simple') out.push(node);
  else if (node.type === 'subshell' || node.type === 'group') listCommands(node.body, out);
  else if (node.type === 'control') for (const body of node.bodies) listCommands(body, out);
}

function listCommands(list: List, out: SimpleNode[]): void {
  for (const andOr of list) for (const p of andOr.pipelines) for (const c of p.commands) simpleCommands(c, out);
}

/** Whether a program is read by its name: a pack reads it, or it is a system command (rm, dd: their effects are read). */
function readProgram(program: string, w: Walker): boolean {
  return SYSTEM_COMMANDS.has(program) || (w.claimed?.(program) ?? true);
}

/** Two names of one interpreter, read alike (`alias py=python3`, `alias python=pypy3`). */
function sameInterpreter(name: string, program: string): boolean {
  const language = interpreterOf(name);
  return language !== undefined && language === interpreterOf(program);
}

/** Whether a later line's `NAME …` is read by its name (a system command, or one a pack reads): `ll`, `gs` are names of their own. */
export function knownCommandName(name: string, w: Walker): boolean {
  return SYSTEM_COMMANDS.has(name) || (w.claimed?.(name) ?? false);
}

/** A later line's `NAME …` would run PROGRAM, judged as NAME: asked about where the rename is defined. */
function noteRename(as: 'function' | 'alias', name: string, programs: readonly SimpleNode[], w: Walker): void {
  if (!knownCommandName(name, w)) return; // `alias ll=…`, `gs() {…}`: a name of its own
  for (const node of programs) {
    const program = programOf(node);
    if (program && !sameProgram(name, program) && !sameInterpreter(name, program) && readProgram(program, w)) {
      w.addFinding(renameFinding(as, name, program));
      return;
    }
  }
}

/** Whether a definition is left for the later lines of the terminal's own shell (not a child's, not its saved state). */
function lasting(scope: Scope, w: Walker): boolean {
  return !w.reading && !inChildShell(scope.via);
}

/** `alias NAME=VALUE`: the value's first program, and the last one, which the later line's words are appended to. */
export function aliasRename(name: string, value: string, scope: Scope, w: Walker): void {
  if (!lasting(scope, w) || !value.trim()) return;
  const commands: SimpleNode[] = [];
  try {
    listCommands(parse(value), commands);
  } catch (e) {
    // A value that cannot be read is asked about where it is walked (aliases.ts).
    if (e instanceof ParseError) return;
    throw e;
  }
  const ends = commands.length > 1 ? [commands[0], commands[commands.length - 1]] : commands;
  noteRename('alias', name, ends, w);
}

/**
 * `NAME() { … }`: a command of its body that is handed the caller's arguments, or the body's only command.
 * `saved`: written where every later shell loads it (fish's `funcsave`), so lasting even when defined in a child shell.
 */
export function functionRename(name: string, body: CommandNode, scope: Scope, w: Walker, saved = false): void {
  if (saved ? w.reading : !lasting(scope, w)) return;
  const all: SimpleNode[] = [];
  simpleCommands(body, all);
  // `:` runs nothing (fish's function blocks are read as `NAME() { : ; … }`): not one of the body's commands.
  const commands = all.filter((c) => !(c.words.length && plain(c.words[0]) === ':'));
  const only = commands.length === 1;
  noteRename(
    'function',
    name,
    commands.filter((c) => only || c.words.some((word) => ALL_ARGUMENTS.test(word.raw))),
    w,
  );
}
