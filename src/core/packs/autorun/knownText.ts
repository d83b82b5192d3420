// The text a shell write puts into a file, when the line says it before it
// runs: what echo or printf prints, a heredoc through cat or tee, a file
// copied or linked, an in-place edit, a patch, or a decoder's output, read
// as an earlier command on the line left the files it reads.
import * as path from 'node:path';
import { positionals } from '../../command/args';
import { CP_VALUE_OPTS, INSTALL_VALUE_OPTS, LN_VALUE_OPTS } from '../../command/valueOptions';
import { IN_PLACE_EDITORS } from '../../command/inPlaceEditors';
import { filePatches, patchCall, patchedText, type FilePatch } from '../../effects/patches';
import { readAsLineLeft } from '../../parse/normalize';
import { echoOutput, outputOf, printfOutput } from '../../parse/normalize/output';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { inPlaceResult } from './inPlace';
import { fileNamedAtRunTime } from '../../text/runTimeMarks';

/** A copy's options that take a value, so its source and target are what is left. */
const COPY_VALUE_OPTS: Record<string, readonly string[]> = {
  cp: CP_VALUE_OPTS,
  install: INSTALL_VALUE_OPTS,
  ln: LN_VALUE_OPTS,
};

/**
 * The in-place editors whose edit is replayed here (inPlace.ts reads sed and perl scripts; a ruby one is not read), so
 * the text they leave is known (effects/ says when they write at all).
 */
export const REPLAYED_EDITORS: ReadonlySet<string> = new Set([...IN_PLACE_EDITORS].filter((name) => name !== 'ruby'));

/** What a command writes to `target`, when the line says it: echo/printf/cat redirected, tee from a heredoc, cp/ln from a readable file. */
export function knownContent(
  cmd: SimpleCommand,
  target: string,
  ctx: AnalysisContext,
): { text: string; append: boolean } | undefined {
  const argv = cmd.argv;
  const redirect = cmd.redirects.find(
    (r) =>
      r.fd === 1 &&
      (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>' || r.op === '&>>') &&
      path.resolve(cmd.cwd, r.target) === target,
  );
  const append = redirect ? redirect.op.endsWith('>>') : argv[0] === 'tee' && argv.includes('-a');
  if (redirect && argv[0] === 'printf') {
    // Options, conversions and a reused format read as the shell does; unknown when that cannot be told.
    const text = printfOutput(argv.slice(1));
    return text === undefined ? undefined : { text, append };
  }
  if (redirect && argv[0] === 'echo') return { text: echoOutput(argv.slice(1)), append };
  if ((redirect && argv[0] === 'cat' && argv.length === 1) || argv[0] === 'tee' || argv[0] === 'sponge')
    return cmd.stdin === undefined ? undefined : { text: cmd.stdin, append: append || argv.includes('-a') };
  if (redirect && argv[0] === 'cat' && argv.length === 2 && !argv[1].startsWith('-')) {
    const text = readAsLineLeft(cmd, ctx, argv[1]);
    return text === undefined ? undefined : { text, append };
  }
  if (redirect) {
    // `base64 -d`, `xxd -r`, …: what the command prints, when that is known before it runs.
    const text = outputOf(cmd, ctx);
    return text === undefined ? undefined : { text, append };
  }
  if (REPLAYED_EDITORS.has(argv[0] ?? '')) {
    // `sed -i`, `perl -pi`: the file's own text, edited as the script says (when the script is one read here).
    const text = inPlaceResult(argv, ctx.readFile(target, cmd.cwd));
    return text === undefined ? undefined : { text, append: false };
  }
  const patch = patchCall(cmd, ctx);
  if (patch) {
    // `git apply`, `patch`: the file's text once its hunks apply (when they fit the file as it is now).
    const fp = patch.diff === undefined || patch.file ? undefined : patchOf(patch.diff, target, patch.cwd);
    const text = fp && patchedText(ctx.readFile(target, cmd.cwd), fp);
    return text === undefined ? undefined : { text, append: false };
  }
  if (argv[0] === 'cp' || argv[0] === 'install' || argv[0] === 'ln') {
    const pos = positionals(argv, COPY_VALUE_OPTS[argv[0]]);
    if (pos.length !== 2) return undefined;
    const text = readAsLineLeft(cmd, ctx, pos[0]);
    return text === undefined ? undefined : { text, append: false };
  }
  return undefined;
}

/** The part of a diff that writes `target`. */
export function patchOf(diff: string, target: string, cwd: string): FilePatch | undefined {
  return filePatches(diff).find((f) => path.resolve(cwd, f.target) === target);
}

/** Programs whose written text is a file they are named: copies and concatenation. */
const FILE_COPIERS: ReadonlySet<string> = new Set(['cp', 'mv', 'install', 'ln', 'rsync', 'cat']);

/**
 * Whether what a command writes is a file named only when the line runs (`cp "$F" package.json`,
 * `cat "$F" > Makefile`, `tee package.json < "$F"`): any text at all, whatever the line's words say.
 */
export function copiesRunTimeFile(cmd: SimpleCommand): boolean {
  if (cmd.redirects.some((r) => r.op === '<' && fileNamedAtRunTime(r.target))) return true;
  if (!FILE_COPIERS.has(cmd.argv[0] ?? '')) return false;
  return cmd.argv.some((a, i) => i > 0 && cmd.dynamic[i] && !a.startsWith('-') && fileNamedAtRunTime(a));
}
