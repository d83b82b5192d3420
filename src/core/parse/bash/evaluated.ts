// Text bash evaluates as code later, though it was quoted (so inert) where it
// was written: a prompt string (`PS4='$(…)'` before `set -x`, `${x@P}`)
// expands its substitutions each time it is shown, and an array subscript in a
// name or number bash evaluates (`$((x))`, `[[ $x -eq 1 ]]`, `declare -i`,
// `printf -v 'a[$(…)]'`, `test -v`, `let`) runs the `$(…)` inside it. Where it
// is evaluated is hard to follow, so such text is read where it is written, as
// a heredoc body is: its substitutions are walked as commands. `hash -p PATH
// NAME` makes NAME run PATH, as an alias does; `mapfile -C CODE` runs CODE.
import { UNKNOWN } from '../dynamic';
import { child, parseFinding, type Scope, type Walker } from '../normalize/scope';
import type { Word } from './ast';
import { defineAliases } from './aliases';
import { own } from '../../text/own';

const SUBSTITUTION = /\$\(|`/;
/** A subscript holding a substitution: `a[$(…)]`, ``a[`…`]``. One character class per step, no nested quantifier. */
const SUBSCRIPT_SUBSTITUTION = /\[[^\]]*(?:\$\(|`)/;
/** Prompt strings bash expands (`PS0` is the terminal gate's own, reported elsewhere). */
const PROMPT_VARIABLES = new Set(['PS1', 'PS2', 'PS3', 'PS4']);
/** Builtins that evaluate a name or number they are given, subscript and all. */
const NAME_EVALUATORS = new Set([
  'test',
  '[',
  '[[',
  '((',
  'let',
  'printf',
  'declare',
  'typeset',
  'local',
  'export',
  'readonly',
  'unset',
  'read',
  'mapfile',
  'readarray',
  'getopts',
  'wait',
]);
const PROMPT_TRANSFORM = /\$\{([A-Za-z_][A-Za-z0-9_]*)@P\}/g;
const DELIMITER = 'EVALUATED_TEXT_END';

function walkEvaluated(text: string, how: string, scope: Scope, w: Walker): void {
  const body = text.split(UNKNOWN).join('');
  // Read as a heredoc body: its substitutions run, the rest is data.
  w.walkText(
    `:<<${DELIMITER}\n${body}\n${DELIMITER}\n`,
    child(scope, { via: [...scope.via, how], depth: scope.depth + 1 }),
    true,
  );
}

/** Assignments `NAME=VALUE` made on the line: prompt strings and subscripts with substitutions are read as code. */
export function walkEvaluatedAssignments(
  assigned: readonly (readonly [string, string])[],
  scope: Scope,
  w: Walker,
): void {
  // Indexed, not destructured in a for…of: run for every command, and until V8 optimizes this (most of a batch)
  // each step and each pair taken apart allocates iterator results.
  for (let i = 0; i < assigned.length; i++) {
    const name = assigned[i][0];
    const value = assigned[i][1];
    if (!SUBSTITUTION.test(value)) continue;
    if (PROMPT_VARIABLES.has(name)) walkEvaluated(value, `${name} prompt`, scope, w);
    else if (SUBSCRIPT_SUBSTITUTION.test(value)) walkEvaluated(value, 'arithmetic subscript', scope, w);
  }
}

/** A simple command's words (and what `read` reads): `${x@P}` expansions, names evaluated by builtins, `hash -p`, `mapfile -C`. */
export function walkEvaluatedWords(
  words: readonly Word[],
  argv: readonly string[],
  scope: Scope,
  w: Walker,
  stdin?: string,
): void {
  // Indexed: run for every command, and until V8 optimizes this (most of a batch) for…of allocates per step.
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.raw.includes('@P}')) continue;
    for (const m of word.raw.matchAll(PROMPT_TRANSFORM)) {
      const value = own(scope.vars, m[1]);
      if (value === undefined || value.includes(UNKNOWN))
        w.addFinding(
          parseFinding(
            'parse.unknown-program',
            60,
            `\${${m[1]}@P} expands '${m[1]}' as a prompt, running the commands it holds, and its value is only known at run time`,
          ),
        );
      else if (SUBSTITUTION.test(value)) walkEvaluated(value, 'prompt expansion', scope, w);
    }
  }
  const prog = argv[0];
  if (!NAME_EVALUATORS.has(prog) && prog !== 'hash') return;
  for (const a of argv.slice(1)) if (SUBSCRIPT_SUBSTITUTION.test(a)) walkEvaluated(a, 'arithmetic subscript', scope, w);
  // `read x < f` / `mapfile a < f`: a subscript with a substitution in what they read runs when the value is used as a number.
  if ((prog === 'read' || prog === 'mapfile' || prog === 'readarray') && stdin && SUBSCRIPT_SUBSTITUTION.test(stdin))
    walkEvaluated(stdin.slice(0, 64 * 1024), 'arithmetic subscript read', scope, w);
  if ((prog === 'mapfile' || prog === 'readarray') && argv.length > 2) {
    // `-C CODE`: CODE runs with the index and the line appended, every `-c` lines.
    for (let i = 1; i + 1 < argv.length; i++)
      if (argv[i] === '-C')
        w.walkText(argv[i + 1], child(scope, { via: [...scope.via, `${prog} -C`], depth: scope.depth + 1 }), true);
  }
  if (prog === 'hash') {
    // `hash -p /usr/bin/rm ls`: `ls` now runs rm, as an alias would make it.
    for (let i = 1; i + 2 < argv.length; i++)
      if (argv[i] === '-p') defineAliases(['alias', `${argv[i + 2]}=${argv[i + 1]}`], scope, w, true);
  }
}
