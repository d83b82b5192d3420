// sed's scripts read from a file (`sed -i -f fix.sed FILE`, `sed -f "$F" -i FILE`): the script is the file's text,
// as the line left it, so its `w FILE` commands and a delete of every line are seen as they are in a `-e` script.
// A script file that cannot be read (named at run time, missing, past the bound) may hold anything, a `d` among
// it: each file it edits in place counts as emptied, so one outside the workspace asks.
import { readAsLineLeft } from '../parse/normalize/emit';
import type { AnalysisContext, SimpleCommand } from '../types';
import type { EffectSink } from './types';
import { isFileTarget, sedInPlaceFiles } from './fileCommands';
import { readSedScripts, sedScriptSources } from './sedScripts';

/** Most script files one sed call reads; a hand-written line names one or two. */
const MAX_SCRIPT_FILES = 8;

export function sedFileEffects(
  argv: readonly string[],
  c: EffectSink,
  _name: string,
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): void {
  const { inline, files } = sedScriptSources(argv);
  if (!files.length) return;
  const texts = files.slice(0, MAX_SCRIPT_FILES).map((f) => readAsLineLeft(cmd, ctx, f));
  const unread = files.length > MAX_SCRIPT_FILES || texts.some((t) => t === undefined);
  const script = unread ? undefined : readSedScripts([...inline, ...(texts as string[])]);
  for (const w of script?.writes ?? []) if (isFileTarget(w)) c.add('truncate', w);
  const empties = script === undefined || script.unread || script.emptiesInput;
  for (const w of sedInPlaceFiles(argv) ?? []) if (empties) c.add('truncate', w);
}
