// `sed -i.bak 's/a/b/' src/api/*.ts && rm src/api/*.bak`: the backups an
// in-place edit earlier on the line makes (FILE + suffix) are deleted once the
// edit is done. Deleting them loses nothing the line did not just copy. Only
// when every file the deletion reaches on disk now is such a backup: an older
// `*.bak` of another file still asks.
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { positionals } from '../../command/args';
import { expandGlob, isGlob } from '../../command/glob';
import { commandsAround } from '../../parse/normalize';
import type { AnalysisContext, SimpleCommand } from '../../types';

/** Most in-place edits on one line looked at. */
const MAX_EDITS = 32;

interface Edit {
  /** Absolute file or glob the edit rewrites. */
  files: string[];
  suffix: string;
}

/** `sed -i.bak`, `sed --in-place=.orig`, `perl -pi.bak -e …`: the backup suffix, or undefined for no backup. */
function backupSuffix(argv: readonly string[]): string | undefined {
  for (const a of argv.slice(1)) {
    if (a === '--') break;
    const m = /^--in-place=(.+)$/.exec(a) ?? /^-[a-zA-Z]*i(\.[^/*]+)$/.exec(a);
    // A suffix with `*` or `/` is a name template (GNU sed, perl): the backup is elsewhere.
    if (m && !/[*/]/.test(m[1])) return m[1];
  }
  return undefined;
}

function editOf(c: SimpleCommand): Edit | undefined {
  const name = path.basename(c.argv[0] ?? '');
  if (c.remote || (name !== 'sed' && name !== 'gsed' && name !== 'perl')) return undefined;
  const suffix = backupSuffix(c.argv);
  if (suffix === undefined) return undefined;
  const scripted = c.argv.some((a) => /^(?:-[a-zA-Z]*[ef]|--expression|--file)(?:=|$)/.test(a));
  const values = name === 'perl' ? ['-e', '-E', '-I', '-M', '-m'] : ['-e', '--expression', '-f', '--file', '-l'];
  const pos = positionals(c.argv, values);
  const files = scripted ? pos : pos.slice(1);
  if (!files.length || files.some((f) => /[$`]/.test(f))) return undefined;
  return { files: files.map((f) => path.resolve(c.cwd, f)), suffix };
}

function isBackupOf(file: string, e: Edit): boolean {
  if (!file.endsWith(e.suffix)) return false;
  const stem = file.slice(0, -e.suffix.length);
  return e.files.some((f) => f === stem || (isGlob(f) && new Minimatch(f, { dot: false }).match(stem)));
}

/** Whether deleting `abs` (a file or a glob) reaches only backups an in-place edit earlier on the line makes. */
export function onlyEditBackups(abs: string, cmd: SimpleCommand, ctx: AnalysisContext): boolean {
  const before = commandsAround(cmd)?.before;
  if (!before) return false;
  const edits: Edit[] = [];
  for (const c of before) {
    const e = editOf(c);
    if (e) edits.push(e);
    if (edits.length > MAX_EDITS) return false;
  }
  if (!edits.length) return false;
  if (!isGlob(abs)) return edits.some((e) => isBackupOf(abs, e));
  // The glob's own text must say backup (`*.bak`): what it matches once the edit ran is its backups and what is there now.
  if (!edits.some((e) => abs.endsWith(e.suffix))) return false;
  const now = expandGlob(abs, ctx);
  if (!now || 'tooMany' in now) return false;
  return now.matches.every((m) => !m.link && edits.some((e) => isBackupOf(m.path, e)));
}
