// From command text to the simple commands that would really run: walks the
// syntax tree with a scope (working directory, variables, functions), expands
// words, and peels every wrapper (sudo, env, bash -c, ssh, docker exec, npx,
// npm run, xargs, find -exec, interpreters, decoders piped into a shell …)
// until what is left is the program that acts. Bounded in depth and work.
//
// Each dialect's syntax lives in its own folder (bash/: reader, syntax tree,
// quote removal and expansion, the walk over that tree) and ends in the same
// Pending commands; from there on (normalize/emit.ts, wrappers, interpreters,
// runners) every step reads words, not syntax, and serves every dialect.
import * as path from 'node:path';
import type { List } from '../bash/ast';
import { parse } from '../bash/parser';
import { LIMITS, ParseError, type ParseBudget } from '../limits';
import { parsePowerShell } from '../powershell/parser';
import { walkPowerShell } from '../powershell/walk';
import type { PsScript } from '../powershell/ast';
import { walkCmdText } from '../cmd/walk';
import { translateFish } from '../fish/translate';
import { readZshQualifiers } from '../zsh/qualifiers';
import { translateZshCompounds } from '../zsh/compound';
import type { AnalysisContext, DirEntry, Finding, SimpleCommand } from '../../types';
import {
  Budget,
  type Dialect,
  parseFinding,
  unreadableFinding,
  MAX_COMMANDS,
  MAX_STEPS,
  rootScope,
  type Scope,
  type Walker,
} from './scope';
import { walkList, walkUncalledFunctions } from '../bash/walk';
import { replacesShellAt } from '../bash/commandParts';
import { noteUnreadAliases } from '../bash/aliases';
import { emitCommand } from './emit';
import { judgeLaterPath, ZSH_PATH } from '../wrappers/laterPath';
import { makesNoFolder } from '../wrappers/madeOnLine';
import { outsideChains } from './chains';
import { hiddenCharacters } from '../../text/visible';
import { owns, table } from '../../text/own';
export {
  commandsAround,
  filesReportedUnread,
  filesWrittenBefore,
  linksMadeBefore,
  programLeftToRunTime,
  readAsLineLeft,
  withWords,
} from './emit';
export { SUBSTITUTION_OUTPUT } from './scope';
export type { Scope, Walker, Pending, Dialect } from './scope';

export interface NormalizeInput {
  command: string;
  cwd: string;
  env: Record<string, string>;
  /** The shell that reads the line; bash when not said. */
  dialect?: Dialect;
  /**
   * Definitions the shell already holds (its aliases and functions, as
   * `alias -p` and `declare -f` print them): read before the line so its
   * words mean what they mean to that shell, and not judged themselves.
   */
  shellState?: string;
  /** Whether a pack reads this program by its name; a name none reads is looked up on PATH (pathPrograms.ts). */
  claimed?: (name: string) => boolean;
}

export interface Normalized {
  commands: SimpleCommand[];
  /** Findings about the text itself: unparseable, too deep, too large, code fetched and run. */
  findings: Finding[];
}

const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_CHARS_G = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

// The line's starting variables: the request's environment, with PWD and HOME where it lacks them. Never written
// in place (scope.ts copies on write), so the copy made for one environment, folder and home serves each line
// that shares them (a batch's lines share the caller's environment) while the environment still holds what was
// copied: checked entry by entry, which allocates nothing, where copying a few dozen variables per line did.
// An environment that cannot change (frozen: a batch's own) needs no check, and its copy is frozen in turn, so
// what the judges work out from it once (environment/envScan.ts) holds for every line that shares it.
interface LineVars {
  cwd: string;
  home: string;
  size: number;
  vars: Record<string, string>;
  /** The environment was frozen when copied, so it still holds what was copied. */
  fixed: boolean;
}
const withDefaults = new WeakMap<Record<string, string>, LineVars>();
function lineVarsOf(env: Record<string, string>, cwd: string, home: string): Record<string, string> {
  if (env.HOME !== undefined && env.PWD !== undefined) return env;
  const known = withDefaults.get(env);
  if (known && known.cwd === cwd && known.home === home && (known.fixed || stillHolds(env, known))) return known.vars;
  // Frozen stays frozen: read once per copy (isFrozen reads every property; an extensible object says no at once).
  const fixed = !Object.isExtensible(env) && Object.isFrozen(env);
  const vars = table({ PWD: cwd, HOME: home }, env);
  if (fixed) Object.freeze(vars);
  withDefaults.set(env, { cwd, home, size: Object.keys(env).length, vars, fixed });
  return vars;
}

function stillHolds(env: Record<string, string>, known: LineVars): boolean {
  let size = 0;
  for (const k in env) {
    if (!owns(env, k)) continue;
    if (++size > known.size || known.vars[k] !== env[k]) return false;
  }
  return size === known.size;
}

export function normalize(input: NormalizeInput, ctx: AnalysisContext): Normalized {
  const findings: Finding[] = [];
  const out: SimpleCommand[] = [];
  if (input.command.trim() === '') return { commands: out, findings };
  const vars = lineVarsOf(input.env, input.cwd, ctx.home);
  const scope = rootScope(input.cwd, vars);

  const parseBudget = { words: 0 };
  // Files written earlier on the line with content known statically (`echo … > f.sh && bash f.sh`):
  // what reads them later on the line reads what was written.
  const written = new Map<string, string>();
  const walker: Walker = {
    ctx: lineContext(ctx),
    makesNoFolder,
    written,
    writtenUnknown: new Set(),
    out,
    findings,
    walkText(text, s, lenient, dialect = 'bash', execEnds) {
      if (s.depth > LIMITS.maxDepth)
        throw new ParseError('too-deep', `wrappers nested deeper than ${LIMITS.maxDepth} levels`, 0);
      // Text read for more insight (a script file, `bash -c` code) has a budget of its own, larger than a line's.
      const budget: ParseBudget = lenient ? { words: 0, maxWords: LIMITS.maxScriptWords } : parseBudget;
      if (dialect === 'cmd') {
        // cmd reads and runs one line at a time: a later line that cannot be read stops there.
        try {
          outsideChains(walker, () => walkCmdText(text, s, walker, lenient !== false, budget));
        } catch (err) {
          if (lenient && err instanceof ParseError && err.kind !== 'too-deep') return unreadPart(err, text, s, lenient);
          throw err;
        }
        return;
      }
      let list: List | undefined;
      let script: PsScript | undefined;
      try {
        if (dialect === 'pwsh') script = parsePowerShell(text, budget);
        else if (dialect === 'fish') {
          // fish runs a builtin or function at a pipeline's end in the shell itself (`echo x | read X`), as zsh does.
          walker.lastStageInShell = true;
          list = parse(translateFish(text), budget);
        } else if (dialect === 'zsh') {
          // zsh runs a pipeline's last stage in the shell itself.
          walker.lastStageInShell = true;
          // Glob qualifiers come off their patterns; the code they run is judged as lines of its own.
          const zsh = readZshQualifiers(translateZshCompounds(text));
          list = parse(zsh.code.length ? `${zsh.text}\n${zsh.code.join('\n')}` : zsh.text, budget);
        } else list = parse(text, budget);
      } catch (err) {
        // Text that runs (a script file, a task's lines) that cannot be read, or too big to read whole, is asked
        // about: a parser's gap there must not let it run unjudged. What it runs before the unreadable line is judged.
        if (lenient && err instanceof ParseError && err.kind !== 'too-deep') {
          const ended =
            dialect === 'bash' && err.kind === 'unparseable' && lenient === true && !walker.reading
              ? walkReadablePart(err, text, s, execEnds === true)
              : false;
          if (!ended) unreadPart(err, text, s, lenient);
          return;
        }
        throw err;
      }
      if (script) outsideChains(walker, () => walkPowerShell(script, s, walker));
      else if (list) walkList(list, s, walker);
    },
    emit(cmd, s) {
      if (!walker.reading) emitCommand(cmd, s, walker);
    },
    steps: 0,
    requestEnv: input.env,
    lineVars: vars,
    claimed: input.claimed,
    addFinding(f) {
      if (walker.reading) return;
      if (!findings.some((g) => g.id === f.id && g.target === f.target)) findings.push(f);
    },
  };

  let command = input.command;
  if (CONTROL_CHARS.test(command)) {
    // Terminals hide these; they can make a command read differently from what runs.
    findings.push(
      parseFinding(
        'parse.control-characters',
        50,
        'the command contains invisible control characters, so what you read may not be what runs',
      ),
    );
    command = command.replace(CONTROL_CHARS_G, '?');
  }
  const hidden = hiddenCharacters(command).filter((h) => h.codePoint > 0x7f);
  if (hidden.length) {
    // Bidi controls reorder what is displayed; zero-width and tag characters hide inside a word.
    const bidi = hidden.some((h) => h.bidi);
    findings.push(
      parseFinding(
        'parse.invisible-characters',
        50,
        `the command contains ${hidden.map((h) => `${h.name} (${h.code})`).join(', ')}: ${bidi ? 'the text is displayed in another order than it runs' : 'part of it cannot be seen'}, so what you read may not be what runs`,
      ),
    );
  }
  /** Text read past a bound (more words than the budget, more characters than a line may have) ran unjudged: asked. */
  const pastBound = (err: ParseError, s: Scope): void => {
    // The saved state not read whole: the aliases it holds past what was read are looked for (noteUnreadAliases).
    if (walker.reading) walker.aliasesMissed = true;
    if (err.kind !== 'too-complex' || walker.reading) return;
    const what = s.via.length ? `what \`${s.via[s.via.length - 1]}\` runs` : 'text it runs';
    walker.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `the command runs more than AgentGuard reads: ${what} is too large to judge whole (${err.message}); the part past the bound was not judged, so a human must look at it`,
      ),
    );
  };
  /** Text that runs and cannot be read: asked about, unless it was read on a guess that it is commands at all. */
  const unreadPart = (err: ParseError, text: string, s: Scope, lenient: true | 'guess'): void => {
    if (err.kind !== 'unparseable' || walker.reading) return pastBound(err, s);
    if (lenient === 'guess') return;
    const what = s.via.length ? `what \`${s.via[s.via.length - 1]}\` runs` : 'the text the command runs';
    walker.addFinding(unreadableFinding(what, err, text, s.via[s.via.length - 1]));
  };
  /**
   * bash runs a script's complete commands before the line it cannot read: those before that line are judged. Whether
   * one of them replaced the shell (`exec python3 "$0"`), so that bash never reads the rest: a sh head over a program
   * in another language (pip's launchers) does so on an early line, read first on its own.
   */
  const walkReadablePart = (err: ParseError, text: string, s: Scope, execEnds: boolean): boolean => {
    const cut = text.lastIndexOf('\n', err.position - 1);
    if (cut <= 0) return false;
    // The lines that start with `exec`, in order: one inside an `if` reads only with the lines that close it. Only a
    // shell known to exit when an `exec` fails ends there (`bash -O execfail FILE` goes on to the lines after it).
    if (execEnds) {
      const execs = text.slice(0, cut).matchAll(/^[ \t'"]*exec['"]*[ \t]/gm);
      for (let n = 0, m = execs.next(); !m.done && n < MAX_EXEC_LINES; m = execs.next(), n++) {
        const execEnd = text.indexOf('\n', m.value.index);
        const head = execEnd > 0 && execEnd <= cut ? readablePrefix(text.slice(0, execEnd)) : undefined;
        const last = head ? replacesShellAt(head, text) : -1;
        if (head && last !== -1) {
          walkList(head.slice(0, last + 1), s, walker);
          return true;
        }
      }
    }
    // The line bash stops at may start before where the reading failed (`if then (` fails at its end): a few lines back.
    for (
      let end = cut, tries = 0;
      end > 0 && tries < MAX_PREFIX_TRIES;
      end = text.lastIndexOf('\n', end - 1), tries++
    ) {
      const list = readablePrefix(text.slice(0, end));
      if (!list) continue;
      walkList(list, s, walker);
      break;
    }
    return false;
  };
  const outerWritten = currentWritten;
  currentWritten = written;
  try {
    if (input.shellState) readShellState(input.shellState, scope, walker);
    const pathBefore = scope.vars.PATH;
    const zshPathBefore = scope.vars[ZSH_PATH];
    const dialect = input.dialect ?? 'bash';
    walker.walkText(command, scope, false, dialect);
    // The shell may outlive the line (a terminal, an agent's persistent shell): what it defines runs on later lines.
    walkUncalledFunctions(walker);
    // So do the folders it puts on PATH.
    if (scope.vars.PATH !== pathBefore || (dialect === 'zsh' && scope.vars[ZSH_PATH] !== zshPathBefore))
      judgeLaterPath(walker, scope, dialect, pathBefore);
  } catch (err) {
    if (err instanceof ParseError) {
      const summary =
        err.kind === 'unparseable'
          ? `AgentGuard cannot parse this command (${err.message} at character ${err.position + 1}), so it cannot tell what it would do`
          : err.kind === 'too-deep'
            ? `the command nests deeper than AgentGuard reads (${err.message}); a human must look at it`
            : `the command is too large or complex to judge (${err.message}); a human must look at it`;
      findings.push(parseFinding(`parse.${err.kind}`, 60, summary));
    } else if (err instanceof Budget) {
      findings.push(
        parseFinding(
          'parse.too-complex',
          60,
          `the command expands to more than ${MAX_COMMANDS} commands or ${MAX_STEPS} loop iterations; a human must look at it`,
        ),
      );
    } else {
      throw err;
    }
  } finally {
    currentWritten = outerWritten;
  }
  return { commands: out, findings };
}

/** Lines given up, one at a time, to find where a script's readable part ends. */
const MAX_PREFIX_TRIES = 8;
/** Lines starting with `exec` tried as the end of a sh head over another program. */
const MAX_EXEC_LINES = 8;

/** A script's text before its unreadable line, read; undefined when that cannot be read either. */
function readablePrefix(text: string): List | undefined {
  try {
    return parse(text, { words: 0, maxWords: LIMITS.maxScriptWords });
  } catch (err) {
    if (!(err instanceof ParseError) || err.kind === 'too-deep') throw err;
    return undefined;
  }
}

/**
 * The shell's own definitions, read into the scope without judging them:
 * they were judged when the shell took them. What cannot be read leaves the
 * line to be judged without them.
 */
function readShellState(text: string, scope: Scope, walker: Walker): void {
  walker.reading = true;
  try {
    walker.walkText(text, scope, true);
  } catch {
    // Unreadable definitions: the line is judged as written, and asks where it may name an alias not read.
    walker.aliasesMissed = true;
  } finally {
    walker.reading = false;
    walker.defined?.clear();
  }
  noteUnreadAliases(text, walker);
}

// The files written on the line being walked; set for the (synchronous) duration of one normalize() call.
let currentWritten: Map<string, string> | undefined;
const lineContexts = new WeakMap<AnalysisContext, AnalysisContext>();

/**
 * A folder's entries with the files written earlier on the line in it (`printf … > tests/test_x.py && python -m
 * unittest`): a runner collecting the folder finds them as it will. A folder that exists but cannot be listed stays
 * unlisted (its readers ask), never stands for the written files alone.
 */
function withWritten(dir: string, ctx: AnalysisContext): readonly DirEntry[] | undefined {
  const listed = ctx.readdir?.(dir);
  if (!currentWritten?.size || (!listed && ctx.stat?.(dir)?.isDir)) return listed;
  const names = new Set(listed?.map((e) => e.name));
  const added: DirEntry[] = [];
  for (const file of currentWritten.keys()) {
    if (!file.startsWith(dir === '/' ? '/' : dir + '/')) continue;
    // `mkdir -p tests && printf … > tests/test_x.py`: the folder made for the file is an entry too.
    const [name, ...below] = path.relative(dir, file).split('/');
    if (names.has(name)) continue;
    names.add(name);
    added.push({ name, dir: below.length > 0 });
  }
  return added.length ? [...(listed ?? []), ...added] : listed;
}

/** The context readers on the line use: files written earlier on the line first, then the disk. Built once per context. */
function lineContext(ctx: AnalysisContext): AnalysisContext {
  let line = lineContexts.get(ctx);
  if (!line) {
    line = {
      ...ctx,
      readFile: (p, cwd) =>
        (currentWritten?.size ? currentWritten.get(path.resolve(cwd, p)) : undefined) ?? ctx.readFile(p, cwd),
      readdir: ctx.readdir && ((dir) => withWritten(dir, ctx)),
    };
    lineContexts.set(ctx, line);
  }
  return line;
}
