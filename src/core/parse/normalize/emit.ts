// The end of the walk: wrappers are peeled off a command (sudo, env,
// bash -c, ssh, npx …) until the program that acts is reached, which is then
// recorded once.
import * as path from 'node:path';
import { LIMITS, ParseError } from '../limits';
import { resolveProgram } from '../dynamic';
import { programName, unwrap, type UnwrapStep } from '../wrappers';
import type { AnalysisContext, EveryKey, SimpleCommand } from '../../types';
import { resolveShellPath } from '../../command/paths';
import { walkCommandVariables, walkShellStartupFile } from '../commandVariables';
import { noteChain } from './chains';
import { judgeShadowingProgram } from '../wrappers/pathShadows';
import { judgeNamedPath } from '../wrappers/pathNamed';
import { Budget, child, deeper, MAX_COMMANDS, MAX_STEPS, type Pending, type Scope, type Walker } from './scope';
import { carryOthers } from './otherReadings';
import { readingRunTimeFolder, runTimeFolder } from './runTimeFolder';
import { table } from '../../text/own';

/** Peels wrappers until the acting program is reached, then records it. */
export function emitCommand(cmd: Pending, scope: Scope, w: Walker): void {
  let current = cmd;
  let s = scope;
  for (let guard = 0; ; guard++) {
    if (guard > LIMITS.maxDepth || s.depth > LIMITS.maxDepth)
      throw new ParseError('too-deep', `wrappers nested deeper than ${LIMITS.maxDepth} levels`, 0);
    if (current.argv.length === 0) break;
    if (current.dynamic[0]) {
      const known = resolveProgram(current.argv[0], s.vars);
      if (known !== undefined)
        current = {
          ...current,
          argv: [known, ...current.argv.slice(1)],
          dynamic: [false, ...current.dynamic.slice(1)],
        };
    }
    walkShellStartupFile(current.env, current.argv, s, w);
    // A PATH the line changed may find a name a pack reads in a folder it put first: that file is read too.
    if (current.env.PATH !== w.requestEnv.PATH) judgeShadowingProgram(current, s, w);
    // In a folder a `cd` reached by a word known only at run time, what the readers look for there asks.
    const folder = runTimeFolder(s);
    const step: UnwrapStep | undefined = folder
      ? readingRunTimeFolder(folder, w, programName(current.argv[0]), () => readers(current, s, w))
      : readers(current, s, w);
    if (!step) {
      // unwrap() may have normalised the program name only.
      const name = programName(current.argv[0]);
      if (name !== current.argv[0] && !current.dynamic[0])
        current = { ...current, argv: [name, ...current.argv.slice(1)] };
      break;
    }
    if (step.kind === 'done') return recordOwnRedirects(current, s, w);
    // The outer program is judged by its name, as an unwrapped one is: `bin/rails db:drop` read as `ruby bin/rails …`
    // is still rails's db:drop, and `/opt/x/bin/pip install` pip's install.
    if (step.kind === 'command' && step.recordOuter) record(byName(current), s, w);
    const outer = s;
    s = deeper(
      s,
      [...s.via, step.via],
      step.remote ? step.remote : s.remote,
      step.cwd ? resolveShellPath(s.cwd, step.cwd, s.vars.HOME ?? w.ctx.home) : s.cwd,
    );
    if (step.kind === 'script') {
      // The code runs in a child process of this one: it sees the variables the
      // command itself was started with (`VAR=/ sh -c 'rm -rf "$VAR"'`), not
      // only the line's. A remote one (ssh, docker exec) gets neither.
      const vars = step.env ?? (step.remote || current.env === s.vars ? undefined : current.env);
      const inner = child(s, {
        ...(step.runTimeProgramsQuiet ? { runTimeProgramsQuiet: true as const } : {}),
        ...(step.runnerCd ? { runnerCd: true as const } : {}),
        // Code run in the shell itself reads on from its own start: the caller's records are the caller's to read.
        ...(step.sameShell ? { failedCd: undefined, elsewhere: undefined } : {}),
      });
      const walked = vars ? { ...inner, vars } : inner;
      const startVars = walked.vars;
      w.walkText(step.text, walked, step.lenient ?? false, step.dialect ?? 'bash', step.execEnds);
      if (step.sameShell && outer === scope) {
        // `source venv/bin/activate`, `. ./env.sh; rm -rf "$X"`, `eval "cd ~"`: the variables the code sets and the
        // folder it enters are the shell's after it; PATH is where later commands, and later lines, find programs.
        const view = (end: Scope['vars']) => sharedVars(scope.vars, startVars, end);
        carryOthers(scope, walked, w.chain, view);
        if (walked.vars !== startVars) scope.vars = view(walked.vars);
        if (walked.cwd !== s.cwd) scope.cwd = walked.cwd;
      }
      if (!step.alsoEmit) return recordOwnRedirects(current, outer, w);
      // Its words are still the program's own (`./gradlew flywayClean` is Gradle's flywayClean).
      current = byName(current);
      break;
    }
    current = step.next;
  }
  // `PAGER='sh -c …' git log`: a command held in a variable the program reads runs inside it.
  walkCommandVariables(current.env, s, w, current.argv);
  record(current, s, w);
}

/** The readers of one command: the file its path names (`./bin/git status` runs that file), then its wrappers. */
function readers(current: Pending, s: Scope, w: Walker): UnwrapStep | undefined {
  if (current.argv[0].includes('/')) judgeNamedPath(current, s, w);
  return unwrap(current, s, w);
}

/** The command with its program word as a name (`bin/rails` → `rails`), unless the word is known only at run time. */
function byName(current: Pending): Pending {
  const name = current.dynamic[0] ? current.argv[0] : programName(current.argv[0]);
  return name === current.argv[0] ? current : { ...current, argv: [name, ...current.argv.slice(1)] };
}

/**
 * A wrapper whose code was walked in its place (`bash -c '…' > f`, `eval … >> f`) still writes through its own
 * redirections, in the outer shell: what the code prints lands there, text not known before it runs.
 */
function recordOwnRedirects(current: Pending, outer: Scope, w: Walker): void {
  const writes = current.redirects.filter((r) => r.op !== '<');
  if (writes.length)
    record({ argv: [], dynamic: [], redirects: writes, env: current.env, source: current.source }, outer, w);
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Files written on the line before each recorded command, for packs that read
// files the command runs (`psql -f x.sql`): they must read what the line wrote,
// not the copy on disk. Only commands after a write have an entry.
const writtenBefore = new WeakMap<SimpleCommand, ReadonlyMap<string, string | undefined>>();

/** Files written earlier on the command's line, by absolute path: their content, or undefined when it is not known before it runs. */
export function filesWrittenBefore(cmd: SimpleCommand): ReadonlyMap<string, string | undefined> | undefined {
  return writtenBefore.get(cmd);
}

/** A file's text as the command will find it: as an earlier command on the line wrote it (undefined when that text is not known), else on disk. */
export function readAsLineLeft(cmd: SimpleCommand, ctx: AnalysisContext, file: string): string | undefined {
  const written = writtenBefore.get(cmd);
  const abs = written?.size ? path.resolve(cmd.cwd, file) : undefined;
  return abs !== undefined && written?.has(abs) ? written.get(abs) : ctx.readFile(file, cmd.cwd);
}

const linksBefore = new WeakMap<SimpleCommand, ReadonlyMap<string, string>>();

// The commands of each recorded command's line, in the order they were read (a substitution's before the command
// holding it), for packs that look at what the line did before a command or does after it. Kept on the command
// itself, under a key that is not enumerable: a copy (`{ ...cmd }`), JSON and deep comparisons do not see it, as they
// did not see the WeakMap this was. A WeakMap entry for every command of every line cost about 2% of a new line's
// instructions (the entry, and the collector's work on it).
const LINE = Symbol('line');
type OnLine = SimpleCommand & { readonly [LINE]?: readonly SimpleCommand[] };

/** The commands read before and after this one on its line; undefined for a command not read from a line. */
export function commandsAround(
  cmd: SimpleCommand,
): { before: readonly SimpleCommand[]; after: readonly SimpleCommand[] } | undefined {
  // Its own property only, as the WeakMap read only the command itself (never an object made from it).
  const line = Object.hasOwn(cmd, LINE) ? (cmd as OnLine)[LINE] : undefined;
  const at = line ? line.indexOf(cmd) : -1;
  return line && at >= 0 ? { before: line.slice(0, at), after: line.slice(at + 1) } : undefined;
}

const quietRunTimePrograms = new WeakSet<SimpleCommand>();
/** A positional parameter as a command's program word: `$1`, `$@`, `$*`. */
const POSITIONAL = /^\$(?:\d+|[@*])$/;

const unreadBefore = new WeakMap<SimpleCommand, ReadonlySet<string>>();

/** Files runners on the command's line run that the walk reported unread up to this command (Walker.unreadTargets). */
export function filesReportedUnread(cmd: SimpleCommand): ReadonlySet<string> | undefined {
  return unreadBefore.get(cmd);
}

/** A command whose program is known only at run time, in a script read by its `#!` line (Scope.runTimeProgramsQuiet). */
export function programLeftToRunTime(cmd: SimpleCommand): boolean {
  return quietRunTimePrograms.has(cmd);
}

/** Symbolic links made earlier on the command's line: the link's absolute path → its target as written (relative to the link's folder). */
export function linksMadeBefore(cmd: SimpleCommand): ReadonlyMap<string, string> | undefined {
  return linksBefore.get(cmd);
}

/**
 * The command with its words read again (a client's options spelled out, say): the same command on the same line, so
 * what the line did before it (files written, links made, files unread) stays known.
 */
export function withWords(cmd: SimpleCommand, argv: string[], dynamic: boolean[]): SimpleCommand {
  const out: SimpleCommand = { ...cmd, argv, dynamic };
  const written = writtenBefore.get(cmd);
  if (written) writtenBefore.set(out, written);
  const linked = linksBefore.get(cmd);
  if (linked) linksBefore.set(out, linked);
  const unread = unreadBefore.get(cmd);
  if (unread) unreadBefore.set(out, unread);
  if (quietRunTimePrograms.has(cmd)) quietRunTimePrograms.add(out);
  return out;
}

/** Bound on the links remembered for one line. */
const MAX_LINKS = 64;

/** `ln -s TARGET LINK` (`-sf`, `-sfn`, `--symbolic`): a later `rm -rf LINK/` on the line empties TARGET, which the disk does not show yet. */
function noteLink(argv: readonly string[], cwd: string, w: Walker): void {
  if (argv[0] !== 'ln' || !argv.some((a) => a === '--symbolic' || /^-[a-zA-Z]*s[a-zA-Z]*$/.test(a))) return;
  const pos: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '-S' || argv[i] === '--suffix') i++;
    else if (argv[i] === '-t' || argv[i] === '--target-directory') return;
    else if (!argv[i].startsWith('-')) pos.push(argv[i]);
  }
  if (pos.length !== 2 || pos[1].includes('$') || (w.linked?.size ?? 0) >= MAX_LINKS) return;
  (w.linked ??= new Map()).set(path.resolve(cwd, pos[1]), pos[0]);
}

function record(current: Pending, s: Scope, w: Walker): void {
  // Every command counts, duplicates too: `ls | ls | … | ls` is work even when listed once.
  if (++w.steps > MAX_STEPS || w.out.length >= MAX_COMMANDS) throw new Budget();
  // Code re-read from a dynamic word (`sh -c "$(cmd)"`) would list `cmd` twice; duplicates are recent. Only a
  // true duplicate is dropped: `env > a; env > b` writes two files, and the second write must be judged too.
  // The redirects and input are written out only for a command that has the same words (most have no such twin).
  let io: string | undefined;
  for (let i = w.out.length - 1; i >= 0 && i >= w.out.length - 16; i--) {
    const o = w.out[i];
    if (o.cwd === s.cwd && sameWords(o.argv, current.argv) && sameWords(o.via, s.via)) {
      io ??= JSON.stringify([current.redirects, current.stdin, current.stdinFrom]);
      if (JSON.stringify([o.redirects, o.stdin, o.stdinFrom]) === io) return;
    }
  }
  // Every key of SimpleCommand, in the order it declares them, the absent ones undefined: every command then has one
  // hidden class in V8, and the packs' reads of a command stay on its fast path. Typed with every key required, so a
  // key added to SimpleCommand and not here does not compile. Later stages set keys already there (`stdoutTo ??=`).
  const out: EveryKey<SimpleCommand> = {
    argv: current.argv,
    dynamic: current.dynamic,
    redirects: current.redirects,
    stdin: current.stdin,
    stdinFrom: current.stdinFrom,
    stdinOrigin: undefined,
    stdinLister: undefined,
    stdoutTo: undefined,
    captured: undefined,
    cwd: s.cwd,
    env: current.env,
    via: s.via,
    remote: s.remote,
    repeated: s.repeated || s.via.some((v) => /^(?:xargs|parallel)\b/.test(v)) ? true : undefined,
    source: current.source,
    braces: current.braces,
  };
  if (w.linked?.size) linksBefore.set(out, new Map(w.linked));
  // A program from the script's own variables (`exec "$JAVACMD"`) is its business; one from its arguments is the caller's words.
  if (s.runTimeProgramsQuiet && current.dynamic[0] && !POSITIONAL.test(current.argv[0] ?? ''))
    quietRunTimePrograms.add(out);
  if (w.unreadTargets?.size) unreadBefore.set(out, new Set(w.unreadTargets));
  noteLink(current.argv, s.cwd, w);
  noteChain(out, w);
  if (w.written.size || w.writtenUnknown.size) {
    const files = new Map<string, string | undefined>(w.written);
    for (const f of w.writtenUnknown) files.set(f, undefined);
    writtenBefore.set(out, files);
  }
  w.out.push(out);
  // Every command gets it the same way, so they still share one hidden class.
  Object.defineProperty(out, LINE, { value: w.out });
}

/** `caller` with what code run in the shell itself changed from `start` to `end`: set, changed or unset. */
function sharedVars(
  caller: Readonly<Record<string, string>>,
  start: Readonly<Record<string, string>>,
  end: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  if (end === start) return caller;
  let out: Record<string, string> | undefined;
  for (const k of new Set([...Object.keys(start), ...Object.keys(end)])) {
    if (end[k] === start[k] && Object.hasOwn(end, k) === Object.hasOwn(start, k)) continue;
    out ??= table(caller);
    if (Object.hasOwn(end, k)) out[k] = end[k];
    else delete out[k];
  }
  return out ?? caller;
}
