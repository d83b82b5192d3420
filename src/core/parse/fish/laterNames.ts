// fish builtins that give a name code the line does not show, read where the
// walk meets them (the translation keeps their words: definitions.ts):
// - `funcsave NAME…` writes the function NAME into fish's function folder, which
//   every later fish loads: a function defined on the line is judged as lasting,
//   even from a child fish (`fish -c '…; funcsave ls'`); one defined before the
//   line holds code no one sees, and asks when NAME is a known command's name;
// - `funced -s NAME` saves what a human types in an editor as NAME, as funcsave does;
// - `functions -c OLD NEW`: NEW runs OLD's body; one defined on the line is judged
//   as NEW's, one defined before holds code no one sees;
// - `abbr --rename OLD NEW`: NEW expands to OLD's text, which the line does not show;
// - `abbr --function FN NAME`: NAME expands to what FN prints when typed, judged as a
//   command line when the line defines FN and its body shows the text (printedLine.ts);
// - `abbr --regex PATTERN`: any word the pattern matches expands, a known command's name too;
// - `abbr -a (cmd) TEXT` and the marks of names and search paths the line does not show (hiddenNames.ts).
// The expansion an `abbr` line shows is judged as an alias's (definitions.ts).
import type { Finding } from '../../types';
import { knownCommandName, functionRename } from '../bash/renames';
import { rememberDefinition } from '../bash/definitions';
import { inChildShell, machineryNameFinding } from '../machinery';
import { child, type Scope, type Walker } from '../normalize/scope';
import { readAbbrArgs } from './abbrArgs';
import { printedText } from './printedLine';
import { FUNCED_LONG, FUNCTIONS_LONG, spelledInFull } from './longOptions';
import { hiddenName, markedName, MARK, runTimeName } from './hiddenNames';

/** The options of `funcsave` that take a value (`-d DIR`). */
const FUNCSAVE_VALUE_OPTIONS = new Set(['-d', '--directory']);
/** The options of `functions` that take a value (`-d TEXT`). */
const FUNCTIONS_VALUE_OPTIONS = new Set(['-d', '--description']);
/** The options of `funced` that take a value (`-e EDITOR`). */
const FUNCED_VALUE_OPTIONS = new Set(['-e', '--editor']);

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

/** `functions -c OLD NEW` (`--copy`): from now on NEW runs OLD's body with its own arguments. */
function copyFunction(words: readonly string[], scope: Scope, w: Walker): void {
  const argv = spelledInFull(words, FUNCTIONS_LONG);
  let copy = false;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      names.push(...argv.slice(i + 1));
      break;
    }
    if (a === '--copy') copy = true;
    else if (FUNCTIONS_VALUE_OPTIONS.has(a)) i++;
    else if (/^-[^-]/.test(a)) {
      // Short options grouped, as fish's getopt reads them (`-vc`): `-d` takes the rest of the word, or the next.
      for (let k = 1; k < a.length; k++) {
        if (a[k] === 'c') copy = true;
        if (a[k] !== 'd') continue;
        if (k === a.length - 1) i++;
        break;
      }
    } else if (!a.startsWith('-')) names.push(a);
  }
  const [from, to] = names;
  if (!copy || from === undefined || to === undefined) return;
  const lasting = !inChildShell(scope.via);
  const machinery = lasting ? machineryNameFinding(to, 'function') : undefined;
  if (machinery) w.addFinding(machinery);
  const def = w.defined?.get(from);
  // Defined on the line: the copy is judged as a definition of NEW with OLD's body, and a later funcsave saves it.
  if (def) rememberDefinition(to, def.body, scope, w);
  // Defined before the line: NEW now holds code no one sees, and so does what a later funcsave of it writes.
  else w.defined?.delete(to);
  // A new name known only at run time may be a known command's, whichever body it gets.
  if (runTimeName(to)) hiddenName('functions -c', to, scope, w);
  else if (!def && lasting && knownCommandName(to, w))
    w.addFinding(
      laterFinding(
        `functions -c gives ${to} the body of the function ${from}, defined before this line: ${to} would run code this line does not show`,
        `functions -c ${from} ${to}`,
      ),
    );
}

/** Where funced writes the function for the editor to open (`mktemp -t fish_funced.XXXXXXXXXX.fish`). */
const FUNCED_FILE = '/tmp/fish_funced.XXXXXXXXXX.fish';

/**
 * `funced [-s] [-e EDITOR] NAME`: NAME becomes what a human types in the editor; `-s` saves it for every later fish.
 * EDITOR is a command line fish runs with the function's file appended (older fish through `eval`), judged as one.
 * `$VISUAL` and `$EDITOR` set on the line are judged where the command is recorded, as for any program that edits.
 */
function funced(words: readonly string[], scope: Scope, w: Walker): void {
  const argv = spelledInFull(words, FUNCED_LONG);
  let save = false;
  let name: string | undefined;
  let editor: string | undefined;
  for (let i = 1; i < argv.length && name === undefined; i++) {
    const a = argv[i];
    // `-s`, `-is`, `-se EDITOR`: short options grouped, as fish's argparse reads them.
    if (a === '--save' || /^-i*s/.test(a)) save = true;
    if (FUNCED_VALUE_OPTIONS.has(a)) editor = argv[++i] ?? '';
    else if (a.startsWith('--editor=')) editor = a.slice('--editor='.length);
    else if (/^-[is]*e/.test(a)) editor = a.slice(a.indexOf('e') + 1) || (argv[++i] ?? '');
    else if (a === '--') name = argv[i + 1];
    else if (!a.startsWith('-')) name = a;
  }
  if (editor?.trim())
    w.walkText(
      `${editor} ${FUNCED_FILE}`,
      child(scope, { via: [...scope.via, 'funced --editor'], depth: scope.depth + 1 }),
      true,
      'fish',
    );
  // Without -s the edit lasts the session, as any function typed at the prompt does.
  if (!save || name === undefined) return;
  w.defined?.delete(name);
  if (knownCommandName(name, w))
    w.addFinding(
      laterFinding(
        `funced -s saves what is typed in the editor as the function ${name} for every later fish: ${name} would run code this line does not show`,
        `funced -s ${name}`,
      ),
    );
}

/** `abbr --function FN NAME` with FN defined on the line: what FN prints, judged as the line typing NAME gives. */
function printedExpansion(name: string, fn: string, scope: Scope, w: Walker): boolean {
  const def = w.defined?.get(fn);
  const text = def && printedText(def.body);
  if (text === undefined) return false;
  if (text.trim())
    w.walkText(text, child(scope, { via: [...scope.via, `abbr ${name}`], depth: scope.depth + 1 }), true, 'fish');
  return true;
}

/** `abbr` words the translation left for the walk: only the modes whose expansion or name the line does not show. */
function abbr(argv: readonly string[], scope: Scope, w: Walker): void {
  // A child fish's abbreviations end with it.
  if (inChildShell(scope.via)) return;
  const { mode, positional, fn, regex } = readAbbrArgs(argv.slice(1));
  if (mode === 'other') return;
  if (mode === 'rename') {
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
  else if (fn !== undefined && (knownCommandName(name, w) || !printedExpansion(name, fn, scope, w)))
    w.addFinding(
      laterFinding(
        `abbr --function ${fn} makes ${name} expand to whatever ${fn} prints, which this line does not show`,
        `abbr ${name}`,
      ),
    );
  // The translation keeps an added abbreviation's words only when its name is not spelled out (`abbr -a (cmd) TEXT`).
  else if (fn === undefined && positional[0] !== undefined) hiddenName('abbr', name, scope, w);
}

/** Whether argv was one of fish's builtins that name code for later, now judged (funced is judged, then recorded). */
export function fishLaterNames(
  argv: readonly string[],
  scope: Scope,
  w: Walker,
  walkDefined: (name: string) => void,
): boolean {
  if (argv[0] === 'funcsave') funcsave(argv, w, walkDefined);
  else if (argv[0] === 'abbr') abbr(argv, scope, w);
  else if (argv[0] === 'functions') copyFunction(argv, scope, w);
  else if (argv[0] === MARK) markedName(argv, scope, w);
  // funced runs as a program does: the editor variables the line sets for it are judged where it is recorded.
  else if (argv[0] === 'funced') {
    funced(argv, scope, w);
    return false;
  } else return false;
  return true;
}
