// Names and search paths fish gives code through where the line does not show
// which command name the code takes:
// - `function (cmd)`, `alias $n VALUE`, `abbr -a (cmd) TEXT`, `functions -c F $n`:
//   the name is known only when the line runs, and may be a known command's, so a
//   later line typing that command runs the code (judged under a stand-in name);
// - `set fish_function_path DIR $fish_function_path` (and `-p`, `-a`): fish
//   autoloads a function NAME from `DIR/NAME.fish` the first time NAME is typed,
//   before it looks on PATH, so every later command name may run a file there;
//   `fish_complete_path` does the same for what runs when a name is completed;
// - `set [-U] fish_user_paths DIR …`: fish puts these folders first on PATH, now and
//   (universal) in every later fish, so the line is judged as a PATH change is.
// The translation (translate.ts, definitions.ts) writes a MARK command that
// keeps the name's words, so a `(cmd)` in them is still judged, and the walk
// asks here (laterNames.ts). A child fish's names and variables end with it.
import type { Finding } from '../../types';
import { knownCommandName } from '../bash/renames';
import { UNKNOWN } from '../dynamic';
import { inChildShell, machineryNameFinding } from '../machinery';
import type { Scope, Walker } from '../normalize/scope';

/** The command the translation writes for a name or search path the line does not show; no program has this name. */
export const MARK = 'fish_hidden_name';
/** fish's variables of folders it loads code from by a command's name. */
const SEARCH_PATHS = new Set(['fish_function_path', 'fish_complete_path']);

export function hiddenFinding(summary: string, target: string): Finding {
  return {
    id: 'terminal.shell-machinery',
    summary,
    target: target.slice(0, 200),
    severity: 55,
    alternative: "leave the shell's functions and abbreviations as they are; a human saves their own",
  };
}

/** The mark for a name given as a fish word that is no plain name (`(cmd)`, `$n`, quoted), as bash text. */
export function nameMark(kind: 'function' | 'alias', bashWord: string): string {
  return bashWord ? `${MARK} ${kind} ${bashWord}; ` : '';
}

/** fish's variable of folders it puts before PATH's own (`__fish_reconstruct_path` runs whenever it changes). */
const USER_PATHS = 'fish_user_paths';

/**
 * A fish `set` of a search path as bash text: the assignment, and the mark when it adds a folder (a value other than
 * the variable itself, `set -p fish_function_path DIR`). `fish_user_paths`: the assignment, and the folders it adds
 * put first on PATH, so the PATH rules judge them (a temp folder asks, `~/.local/bin` does not). Other variables: the
 * assignment alone.
 */
export function searchPathSet(name: string, assignment: string, values: readonly string[]): string {
  if (!SEARCH_PATHS.has(name) && name !== USER_PATHS) return assignment;
  const own = new Set([`\${${name}}`, `"\${${name}}"`]);
  const added = values.filter((v) => !own.has(v));
  if (!added.length) return assignment;
  // One command of assignments, not a group: a PATH set inside `{ …; }` is not the line's PATH for later lines.
  if (name === USER_PATHS) return `${assignment} PATH=${added.join(':')}:\${PATH}`;
  return `{ ${assignment}; ${MARK} path ${name} ${added.join(' ')}; }`;
}

/** A name known only at run time: the walk leaves an expansion it cannot resolve as written (`$n`, `$(date)`). */
export function runTimeName(name: string): boolean {
  return name === '' || name.includes(UNKNOWN) || /[$`]/.test(name);
}

/** Whether a name a definition gives may be a known command's: one known only at run time may be any. */
function mayBeCommandName(name: string, w: Walker): boolean {
  return runTimeName(name) || knownCommandName(name, w);
}

/** A name given code for the later lines of the terminal's own shell, from words the line does not show as a name. */
export function hiddenName(kind: string, name: string, scope: Scope, w: Walker): void {
  if (w.reading || inChildShell(scope.via)) return;
  const machinery = machineryNameFinding(name, kind === 'alias' ? 'alias' : 'function');
  if (machinery) w.addFinding(machinery);
  else if (mayBeCommandName(name, w))
    w.addFinding(
      hiddenFinding(
        `${kind} gives code to a name this line does not spell out, which may be a known command's name: a later line typing that command would run it instead`,
        `${kind} ${name.split(UNKNOWN).join('')}`,
      ),
    );
}

/** The mark's words, met by the walk: `MARK function|alias NAME`, `MARK path VARIABLE DIR…`. */
export function markedName(argv: readonly string[], scope: Scope, w: Walker): void {
  if (argv[1] !== 'path') {
    hiddenName(argv[1] ?? 'function', argv[2] ?? UNKNOWN, scope, w);
    return;
  }
  if (w.reading || inChildShell(scope.via)) return;
  const variable = argv[2] ?? 'fish_function_path';
  const what = variable === 'fish_complete_path' ? 'completes' : 'runs';
  w.addFinding(
    hiddenFinding(
      `sets ${variable} for the shell's later lines: a command name typed later ${what} the file of that name in a folder it adds (${argv.slice(3).join(' ').split(UNKNOWN).join('').slice(0, 120)}), which this line does not show`,
      `set ${variable}`,
    ),
  );
}
