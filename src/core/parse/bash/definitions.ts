// Functions a line defines in the terminal's own shell. A shell that outlives
// the line (a terminal, an agent's persistent shell) runs them on any later
// line that names them, so a body is judged where it is defined, as if called
// then, unless the line calls it itself (then it is judged there, once). One
// defined in a shell of its own (`bash -c`, a script run by path) ends with
// that shell and is judged only where it is called.
import type { CommandNode } from './ast';
import { inChildShell } from '../machinery';
import { parseFinding, type Scope, type Walker } from '../normalize/scope';
import { functionRename } from './renames';

/** Functions recorded per line; one past them asks, since it would be left unjudged for the lines after it. */
const MAX_DEFINED = 256;

/** How a function's body is walked (the walk's own command walker). */
export type BodyWalker = (body: CommandNode, scope: Scope, w: Walker) => void;

/** `f() { … }` read: recorded, to be judged as called unless the line calls it; a known command's name given to another program asks. */
export function rememberDefinition(name: string, body: CommandNode, scope: Scope, w: Walker): void {
  functionRename(name, body, scope, w);
  const defined = (w.defined ??= new Map());
  if (defined.size < MAX_DEFINED || defined.has(name)) {
    defined.set(name, { body, scope, called: false });
    return;
  }
  if (!inChildShell(scope.via))
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `the line defines more than ${MAX_DEFINED} shell functions: those past the bound were not judged, so a human must look at them`,
      ),
    );
}

/** A function the line defines, judged as if called (once): it runs later, or in a shell below that imports it. */
export function walkDefinedFunction(name: string, w: Walker, walk: BodyWalker): void {
  const def = w.defined?.get(name);
  if (!def || def.called) return;
  def.called = true;
  if (def.body.type === 'function') return;
  walk(
    def.body,
    { ...def.scope, via: [...def.scope.via, `function ${name}`], calling: [name], depth: def.scope.depth + 1 },
    w,
  );
}

/**
 * The functions the line defined in the terminal's own shell and never called, walked with unknown arguments.
 * A body walked here may define functions in turn: those are walked too, each once (the table is bounded).
 */
export function uncalledFunctions(w: Walker, walk: BodyWalker): void {
  const defined = w.defined;
  if (!defined?.size) return; // most lines define none
  for (let pass = 0, fresh = true; fresh && pass <= MAX_DEFINED; pass++) {
    fresh = false;
    for (const [name, def] of [...defined]) {
      if (def.called || inChildShell(def.scope.via)) continue;
      walkDefinedFunction(name, w, walk);
      fresh = true;
    }
  }
}
