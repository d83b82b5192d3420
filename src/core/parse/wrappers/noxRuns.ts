// nox runs a session's commands with `session.run(PROGRAM, *ARGS)` (also
// `run_always`, `run_install`). The code reader reads a program written as a
// string; one given as a starred expression (`session.run(*cmd)`,
// `session.run(*"rm -rf x".split())`) names no program it can see. Its words
// are read where they are literals: a list written out, a literal split on
// white space, a name bound only to those, the line's words after `--`.
// Anything else is a command known only at run time: asked.
import { parseFinding, deeper, type Pending, type Scope, type Walker } from '../normalize/scope';
import { splitArgs, pathOf } from '../codePaths';
import { topLevelIndex } from '../codeScan';
import { STRING_LITERAL, valuesOf } from '../codeShellNames';

const STARRED_RUN = /\bsession\s*\.\s*(?:run|run_always|run_install)\s*\(\s*(?=\*[^*])/g;
/** Bounds: calls read in one noxfile, characters of one call's arguments. */
const MAX_RUNS = 64;
const MAX_ARGUMENTS = 2048;

/** A plain string literal's text (no f-string, no escape), or undefined. */
function plainString(expr: string): string | undefined {
  const lit = STRING_LITERAL.exec(expr);
  if (!lit || lit[0] !== expr || /^[a-zA-Z]*[fF]/.test(expr) || expr.includes('\\')) return undefined;
  return expr.replace(/^[rRbBuU]*(['"])([\s\S]*)\1$/, '$2');
}

/** The words a starred expression spreads, when they are literals: `[…]`, `"…".split()`, `shlex.split("…")`. */
function literalWords(expr: string): string[] | undefined {
  const list = /^\[([\s\S]*)\]$/.exec(expr);
  if (list) {
    const items = splitArgs(list[1]).filter((a) => a !== '');
    const words = items.map(plainString);
    return items.length < 16 && words.every((x) => x !== undefined) ? (words as string[]) : undefined;
  }
  const split = /^([\s\S]*?)\s*\.\s*split\s*\(\s*(?:(['"]) \2)?\s*\)$/.exec(expr);
  const shlex = /^shlex\s*\.\s*split\s*\(\s*([\s\S]*?)\s*\)$/.exec(expr);
  const text = plainString((split ?? shlex)?.[1] ?? '');
  // shlex reads quotes as the shell does: only text without them splits as white space does.
  if (text === undefined || (shlex && /['"]/.test(text))) return undefined;
  return text.split(/\s+/).filter(Boolean);
}

/** The commands a starred expression may spread: each value of a name, the literal itself, or the line's posargs. */
function starredCommands(expr: string, code: string, p: Pending): string[][] | undefined {
  // `session.posargs`: the words after the line's `--` (`nox -s dev -- python x.py`).
  if (expr === 'session.posargs') {
    const at = p.argv.indexOf('--');
    return at < 0 ? [[]] : p.dynamic.slice(at + 1).some(Boolean) ? undefined : [p.argv.slice(at + 1)];
  }
  const own = literalWords(expr);
  if (own) return [own];
  if (!/^[A-Za-z_]\w*$/.test(expr)) return undefined;
  const values = valuesOf(code, expr, 'python');
  const read = values?.map(literalWords);
  return read?.length && read.every((x) => x !== undefined) ? (read as string[][]) : undefined;
}

/** Emits the commands a noxfile's `session.run(*…)` calls run; a starred program known only at run time asks. */
export function readNoxRuns(code: string, p: Pending, scope: Scope, w: Walker, via: string): void {
  if (!code.includes('session')) return;
  const home = scope.vars.HOME ?? w.ctx.home;
  const inner = deeper(scope, [...scope.via, via]);
  let count = 0;
  for (const m of code.matchAll(STARRED_RUN)) {
    const from = m.index + m[0].length;
    const end = topLevelIndex(code, from, MAX_ARGUMENTS, (c) => c === ')');
    const [first, ...rest] = splitArgs(code.slice(from, end));
    const commands = count++ < MAX_RUNS ? starredCommands(first.slice(1).trim(), code, p) : undefined;
    if (!commands) {
      w.addFinding(
        parseFinding(
          'parse.too-complex',
          60,
          `${via}: \`session.run(${first.slice(0, 60)})\` runs a command built at run time: it was not read, so a human must look at it`,
        ),
      );
      return;
    }
    // Keywords (`external=True`, `env={…}`) are no arguments; the rest are read as the code reader reads them.
    const args = rest.filter((a) => a && !/^\w+\s*=[^=]/.test(a)).map((a) => pathOf(a, home));
    for (const words of commands) {
      const argv = [...words, ...args];
      if (!argv.length) continue;
      const source = `${via}: ${argv.slice(0, 4).join(' ')}`;
      w.emit({ argv, dynamic: argv.map((a) => a.includes('$(')), redirects: [], env: p.env, source }, inner);
    }
  }
}
