// Duplicate finders that delete what they find without asking: `fdupes -rdN DIR`, `jdupes -rdN DIR`, `rdfind
// -deleteduplicates true DIR`. Which copy of each set is kept depends on the files' order, not on what they are, so
// any file below DIR may go: each folder is judged as `find DIR -type f -delete` is (every match below it, a
// pattern). Without `-N` fdupes and jdupes ask about each set on a terminal an agent does not answer.
import type { Pending, Scope, Walker } from '../normalize/scope';
import { matchesUnder } from './fanout';

/** fdupes' and jdupes' options whose value is the next word. */
const VALUE_OPTIONS = new Set([
  '-o',
  '--order',
  '-l',
  '--log',
  '-x',
  '--xsize',
  '-X',
  '--ext-filter',
  '-y',
  '--hash-db',
]);
/** Folders read from one call: more are judged as the first ones are. */
const MAX_ROOTS = 32;

/** Whether the short-option clusters and long options of `argv` hold `short` or one of `long`. */
function has(argv: readonly string[], short: string, long: readonly string[]): boolean {
  return argv.some((a) => long.includes(a) || (/^-[A-Za-z0-9]+$/.test(a) && a.slice(1).includes(short)));
}

function deleteUnder(roots: readonly string[], p: Pending, scope: Scope, w: Walker, via: string): void {
  const inner: Scope = { ...scope, depth: scope.depth + 1, via: [...scope.via, via] };
  for (const root of roots.slice(0, MAX_ROOTS))
    w.emit(
      {
        argv: ['rm', '-f', matchesUnder(root, undefined)],
        dynamic: [false, false, true],
        redirects: [],
        env: p.env,
        source: p.source,
      },
      inner,
    );
}

/** `fdupes`/`jdupes` with `-d` (delete) and `-N` (no prompt): the folders they are given lose files. */
export function unwrapDupeDeleter(prog: string, p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  const noPrompt = has(argv, 'N', ['--noprompt', '--no-prompt']);
  if (!has(argv, 'd', ['--delete']) || !noPrompt) return;
  const roots: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (VALUE_OPTIONS.has(argv[i])) i++;
    else if (!argv[i].startsWith('-')) roots.push(argv[i]);
  }
  deleteUnder(roots, p, scope, w, `${prog} --delete --noprompt`);
}

/** `rdfind -deleteduplicates true DIR…`: every option takes a value; `-dryrun true` (`-n true`) deletes nothing. */
export function unwrapRdfind(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  const roots: string[] = [];
  let deletes = false;
  let dry = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-')) roots.push(a);
    else {
      const on = argv[i + 1] === 'true';
      if (a === '-deleteduplicates') deletes = on;
      if (a === '-dryrun' || a === '-n') dry = on;
      i++;
    }
  }
  if (deletes && !dry) deleteUnder(roots, p, scope, w, 'rdfind -deleteduplicates');
}
