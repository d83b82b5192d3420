// bash's folder stack: `pushd DIR` remembers the folder it left, and the forms that move along the stack rather
// than name a folder (`popd`, `pushd` alone, `pushd +N`, `popd +N`, `-n`) leave the shell where bash does.
import type { Scope } from '../normalize/scope';
import { setVars } from '../normalize/scope';
import { own } from '../../text/own';
import { resolveShellPath } from '../../command/paths';
import { arrayKey, ARRAY_SEP } from '../dynamic';

/** Folders `pushd` left, newest first, kept under a name no program sees; bounded as bash's own stack is not. */
const DIR_STACK = arrayKey('pushd-stack');
const MAX_DIR_STACK = 64;

function dirStack(scope: Scope): string[] {
  const stack = own(scope.vars, DIR_STACK);
  return stack ? stack.split(ARRAY_SEP) : [];
}

/** The stack after `pushd DIR` left `before`. */
export function pushedStack(scope: Scope, before: string): [string, string] {
  return [DIR_STACK, [before, ...dirStack(scope)].slice(0, MAX_DIR_STACK).join(ARRAY_SEP)];
}

/**
 * `pushd` and `popd` that move along the stack; false for `pushd DIR`, read as `cd DIR`. Where bash answers with an
 * error (an empty stack, an index past its end), the shell stays and the stack is as it was.
 */
export function stackBuiltin(argv: string[], scope: Scope, home: string): boolean {
  const prog = argv[0];
  if (prog !== 'pushd' && prog !== 'popd') return false;
  const args = argv.slice(1).filter((a) => a !== '--');
  const keep = args.includes('-n');
  const words = args.filter((a) => a !== '-n');
  const index = words.length === 1 && /^[+-]\d{1,4}$/.test(words[0]) ? words[0] : undefined;
  if (prog === 'pushd' && words.length > 0 && index === undefined) {
    if (!keep) return false;
    // `pushd -n DIR`: the folder goes on the stack and the shell stays.
    setVars(scope, [pushedStack(scope, resolveShellPath(scope.cwd, words[0], home))]);
    return true;
  }
  const all = [scope.cwd, ...dirStack(scope)];
  // `dirs` counts from the left with +N and from the right with -N, both from zero.
  const at =
    index === undefined
      ? undefined
      : index[0] === '+'
        ? Number(index.slice(1))
        : all.length - 1 - Number(index.slice(1));
  if (at !== undefined && (at < 0 || at >= all.length)) return true;
  if (words.length > 0 && index === undefined) return true;
  let next: string[];
  if (prog === 'pushd') {
    // `pushd` swaps the two folders on top; `pushd +N` turns the stack until the Nth is on top. With -n the shell
    // stays.
    if (keep) return true;
    if (at === undefined) {
      if (all.length < 2) return true;
      next = [all[1], all[0], ...all.slice(2)];
    } else next = [...all.slice(at), ...all.slice(0, at)];
  } else {
    // `popd` (`popd +0`) leaves the folder on top for the next; `popd +N` and `popd -n` drop one below, and stay.
    const drop = at === undefined || (keep && at === 0) ? (keep ? 1 : 0) : at;
    if (all.length < 2 || drop >= all.length) return true;
    next = all.filter((_, k) => k !== drop);
  }
  const sets: [string, string | undefined][] = [[DIR_STACK, next.slice(1).join(ARRAY_SEP)]];
  if (next[0] !== scope.cwd) sets.push(['OLDPWD', scope.cwd], ['PWD', next[0]]);
  setVars(scope, sets);
  scope.cwd = next[0];
  return true;
}
