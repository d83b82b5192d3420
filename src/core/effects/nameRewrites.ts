// Member names an extractor rewrites before writing them: `pax -r -s
// ',^,.git/hooks/,'`, `tar -x --transform 's,^,.claude/,'`, bsdtar `-s`. The
// rewrite decides where the members land, so a replacement that starts with a
// folder moves every member it matches below that folder: the archive lands
// there as well as in the folder it is extracted into.
import { optionValues } from '../command/args';

/** Most rewrite expressions read from one command; the rest name no more folders than these (bounded work). */
const MAX_EXPRESSIONS = 16;

/** The folders (relative to the extraction folder, or absolute) a command's name rewrites put members below. */
export function rewrittenFolders(argv: readonly string[]): string[] {
  const name = argv[0];
  const values =
    name === 'pax' || name === 'bsdtar'
      ? optionValues(argv, ['-s'])
      : optionValues(argv, ['--transform', '--xform']).flatMap((v) => v.split(';'));
  const out: string[] = [];
  for (const v of values.slice(0, MAX_EXPRESSIONS)) {
    const folder = replacementFolder(v.replace(/^flags=[^;]*;?/, ''));
    if (folder !== undefined && !out.includes(folder)) out.push(folder);
  }
  return out;
}

/** `/old/new/flags` (pax) or `s/old/new/flags` (tar): the folder the replacement's static start names. */
function replacementFolder(expr: string): string | undefined {
  const sed = /^s[^A-Za-z0-9\\\s]/.test(expr);
  const delim = sed ? expr[1] : expr[0];
  if (delim === undefined || /[A-Za-z0-9\\\s]/.test(delim)) return undefined;
  const parts: string[] = [''];
  for (let i = sed ? 2 : 1; i < expr.length && parts.length <= 2; i++) {
    if (expr[i] === '\\' && i + 1 < expr.length) parts[parts.length - 1] += expr[i] + expr[++i];
    else if (expr[i] === delim) parts.push('');
    else parts[parts.length - 1] += expr[i];
  }
  if (parts.length < 3) return undefined;
  // What the replacement spells before its first back-reference (`&`, `\1`) is where each renamed member goes.
  const fixed = parts[1].split(/[&\\]/)[0];
  const slash = fixed.lastIndexOf('/');
  return slash > 0 ? fixed.slice(0, slash) : slash === 0 ? '/' : undefined;
}
