// fish builtins that give a name code the line does not show, read where the
// walk meets them (the translation keeps their words: definitions.ts):
// - `funcsave NAME…` writes the function NAME into fish's function folder, which
//   every later fish loads: a function defined on the line is judged as lasting,
//   even from a child fish (`fish -c '…; funcsave ls'`); one defined before the
//   line holds code no one sees, and asks when NAME is a known command's name;
// - `abbr --rename OLD NEW`: NEW expands to OLD's text, which the line does not show;
// - `abbr --function FN NAME`: NAME expands to what FN prints when typed;
// - `abbr --regex PATTERN`: any word the pattern matches expands, a known command's name too.
// The expansion an `abbr` line shows is judged as an alias's (definitions.ts).
import type { Finding } from '../../types';
import { knownCommandName, functionRename } from '../bash/renames';
import { inChildShell, machineryNameFinding } from '../machinery';
import type { Scope, Walker } from '../normalize/scope';

/** The options of `funcsave` that take a value (`-d DIR`). */
const FUNCSAVE_VALUE_OPTIONS = new Set(['-d', '--directory']);
/** `abbr` options that take the next word as their value (as definitions.ts reads them). */
const ABBR_VALUE_OPTIONS = new Set(['-p', '--position', '-r', '--regex', '-f', '--function', '-c', '--command']);

function laterFinding(summary: string, target: string): Finding {
  return {
    id: 'terminal.shell-machinery',
    summary,
    target: target.slice(0, 200),
    severity: 55,
    alternative: "leave the shell's functions and abbreviations as they are; a human saves their own",
  };
}

/** `funcsave [-q] [-d DIR] NAME…`: each NAME's function, saved for every later fish. */
function funcsave(argv: readonly string[], w: Walker, walkDefined: (name: string) => void): void {
  for (let i = 1; i < argv.length; i++) {
    const name = argv[i];
    if (FUNCSAVE_VALUE_OPTIONS.has(name)) i++;
    if (name.startsWith('-')) continue;
    const def = w.defined?.get(name);
    const machinery = machineryNameFinding(name, 'function');
    if (machinery) w.addFinding(machinery);
    if (def) {
      // Its body runs on later lines of every fish: judged as if called, and a known name given to another program asks.
      functionRename(name, def.body, def.scope, w, true);
      walkDefined(name);
    } else if (knownCommandName(name, w))
      w.addFinding(
        laterFinding(
          `funcsave saves the function ${name}, defined before this line, for every later fish: ${name} would run code this line does not show`,
          `funcsave ${name}`,
        ),
      );
  }
}

/** `abbr` words the translation left for the walk: only the modes whose expansion or name the line does not show. */
function abbr(argv: readonly string[], scope: Scope, w: Walker): void {
  // A child fish's abbreviations end with it.
  if (inChildShell(scope.via)) return;
  const positional: string[] = [];
  let fn: string | undefined;
  let regex: string | undefined;
  let rename = false;
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--') {
      positional.push(...argv.slice(k + 1));
      break;
    }
    if (a === '--rename') rename = true;
    if (a === '-f' || a === '--function') fn = argv[k + 1];
    if (a === '-r' || a === '--regex') regex = argv[k + 1];
    if (ABBR_VALUE_OPTIONS.has(a)) k++;
    else if (!a.startsWith('-')) positional.push(a);
  }
  if (rename) {
    const to = positional[1];
    if (to !== undefined && knownCommandName(to, w))
      w.addFinding(
        laterFinding(
          `abbr --rename makes ${to} expand to the abbreviation ${positional[0]}, whose text this line does not show`,
          `abbr ${to}`,
        ),
      );
    return;
  }
  const name = positional[0] ?? '';
  if (regex !== undefined)
    w.addFinding(
      laterFinding(
        `abbr --regex ${regex} expands every word the pattern matches, a known command's name too, into what the abbreviation gives`,
        `abbr --regex ${regex}`,
      ),
    );
  else if (fn !== undefined && (!w.defined?.has(fn) || knownCommandName(name, w)))
    w.addFinding(
      laterFinding(
        `abbr --function ${fn} makes ${name} expand to whatever ${fn} prints, which this line does not show`,
        `abbr ${name}`,
      ),
    );
}

/** Whether argv was one of fish's builtins that name code for later, now judged. */
export function fishLaterNames(
  argv: readonly string[],
  scope: Scope,
  w: Walker,
  walkDefined: (name: string) => void,
): boolean {
  if (argv[0] === 'funcsave') funcsave(argv, w, walkDefined);
  else if (argv[0] === 'abbr') abbr(argv, scope, w);
  else return false;
  return true;
}
