// Where Set-Location, Push-Location and Pop-Location leave the session: a folder named only at run time may or may
// not be entered (what follows is read in both, as after bash's `cd "$DIR"`), `Set-Location -` goes back to the
// folder before, and Pop-Location to the one Push-Location left.
import { resolveShellPath } from '../../../command/paths';
import { ARRAY_SEP, arrayKey, RUN_TIME_CD } from '../../dynamic';
import { setVars, type Scope } from '../../normalize/scope';
import { own } from '../../../text/own';
import { cannotEnter } from '../../normalize/entering';
import { type Call, param } from '../call';
import { NON_FILE_DRIVE, pathWord } from './files';
import type { Expanded } from '../../bash/words';

/** Folders Push-Location left, newest first, under a name no program sees; bounded. */
const LOCATION_STACK = arrayKey('ps-location-stack');
const MAX_STACK = 64;

function stack(scope: Scope): string[] {
  const s = own(scope.vars, LOCATION_STACK);
  return s ? s.split(ARRAY_SEP) : [];
}

function target(call: Call): Expanded | undefined {
  return param(call, 'Path')[0] ?? param(call, 'LiteralPath')[0];
}

export function setLocation(call: Call): void {
  const scope = call.run.scope;
  const to = target(call);
  if (to && NON_FILE_DRIVE.test(to.value)) return;
  const before = scope.cwd;
  const home = scope.vars.HOME ?? call.run.w.ctx.home;
  const sets: [string, string | undefined][] = [];
  if (!to) scope.cwd = home;
  else if (to.value === '-' && !to.dynamic) scope.cwd = own(scope.vars, 'OLDPWD') ?? scope.cwd;
  else if (to.dynamic) {
    // `Set-Location $dir`: a folder known only at run time, below which paths are judged as unknown
    // (command/paths.ts); where it cannot be entered, the session stays and what follows runs there.
    const word = runTimeWord(pathWord(to).value);
    scope.cwd = resolveShellPath(scope.cwd, word, home);
    sets.push([RUN_TIME_CD, scope.cwd + ARRAY_SEP + word]);
    mayStay(scope, call, before);
  } else {
    scope.cwd = resolveShellPath(scope.cwd, pathWord(to).value, home);
    // `Set-Location nothere; Remove-Item x`: a folder not there is a non-terminating error, and the session stays
    // where it was for the statements after it.
    if (cannotEnter(scope.cwd, { target: pathWord(to).value, from: before, home }, call.run.w))
      mayStay(scope, call, before);
  }
  // `Set-Location /tmp x`: words no parameter takes stop the cmdlet before it runs, and the session stays.
  if (call.bound.rest.length > 0 || call.bound.unknown.length > 0) mayStay(scope, call, before);
  if (!to?.dynamic) sets.push([RUN_TIME_CD, undefined]);
  sets.push(['PWD', scope.cwd], ['OLDPWD', before]);
  if (call.name === 'Push-Location')
    sets.push([LOCATION_STACK, [before, ...stack(scope)].slice(0, MAX_STACK).join(ARRAY_SEP)]);
  setVars(scope, sets);
}

/** The session may be in `before` for what follows (read there too), unless an earlier record says it surely is. */
function mayStay(scope: Scope, call: Call, before: string): void {
  const earlier = scope.failedCd;
  if (earlier === undefined || earlier.maybe)
    scope.failedCd = { chain: call.run.w.chain, cwd: before, maybe: true, ...(earlier ? { also: earlier } : {}) };
}

/** `Pop-Location`: back to the folder the last Push-Location left (a named stack is not told apart). */
export function popLocation(call: Call): void {
  const scope = call.run.scope;
  const [back, ...rest] = stack(scope);
  if (back === undefined) return;
  if (call.bound.rest.length > 0 || call.bound.unknown.length > 0) mayStay(scope, call, scope.cwd);
  setVars(scope, [
    ['OLDPWD', scope.cwd],
    ['PWD', back],
    [RUN_TIME_CD, undefined],
    [LOCATION_STACK, rest.join(ARRAY_SEP)],
  ]);
  scope.cwd = back;
}

/** A run-time word as the path reader knows one: starting with `$`. */
function runTimeWord(text: string): string {
  return text.startsWith('$') ? text : `$(${text})`;
}
