// The editors that rewrite the files they name in place when given their in-place option (`sed -i`, `perl -pi`,
// `ruby -pi`) and print otherwise. One list for every reader of it: the file effects (effects/fileCommands.ts),
// the writes a task runner then reads (parse/wrappers/runnerFileWrites.ts) and the edits of installed programs
// (packs/filesystem/programEdits.ts); a reader that takes only some of them names its subset.

export type InPlaceEditor = 'sed' | 'gsed' | 'perl' | 'ruby';

export const IN_PLACE_EDITORS: ReadonlySet<InPlaceEditor> = new Set<InPlaceEditor>(['sed', 'gsed', 'perl', 'ruby']);

export function isInPlaceEditor(name: string): name is InPlaceEditor {
  return (IN_PLACE_EDITORS as ReadonlySet<string>).has(name);
}
