// Reads by the agent's own tools, judged like the shell's readers. A Read of
// `~/.aws/credentials` is the same act as `cat ~/.aws/credentials`: the
// secret lands in the agent's transcript. So each read or search becomes the
// shell command that does the same (`cat`, `grep -r`, `find`) and the engine
// judges that, with the same silence on ordinary source files and the same
// findings on credential files, key stores and production env files.
import type { ReadTarget } from '../hosts/types';

/** Reads judged per call; a call with more asks instead (readsUnjudged), never has the rest cut silently. */
export const MAX_READS = 32;

function quote(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) && !word.startsWith('-') ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A search's path narrowed by its file filter: `path/*.env` reads the env files a `--glob '*.env'` search reads. */
function searched(t: ReadTarget): string {
  const base = t.path ?? '.';
  if (!t.include) return base;
  return `${base.replace(/\/+$/, '')}/${t.include.replace(/^\*\*\//, '')}`;
}

/** The shell command that reads what one read target reads. */
export function readCommand(t: ReadTarget): string | undefined {
  switch (t.mode) {
    case 'file':
      // `~` and globs in a tool's path mean what they mean to cat: read them unquoted when they are plain.
      return t.path ? `cat -- ${quote(t.path)}` : undefined;
    case 'search':
      return `grep -r -e ${quote(t.pattern ?? '')} -- ${quote(searched(t))}`;
    case 'list':
      return `find ${quote(t.path ?? '.')}${t.pattern ? ` -path ${quote(t.pattern)}` : ''}`;
  }
}

/** The request a fetch tool makes, as the curl line that makes it. */
export function fetchCommand(url: string): string {
  return `curl -sS -- ${quote(url)}`;
}

/** How many of a call's reads are past the bound and not judged: any makes the call ask. */
export function readsUnjudged(reads: readonly ReadTarget[]): number {
  return Math.max(0, reads.length - MAX_READS);
}

/** The shell lines a set of read targets amounts to, one per target (the first MAX_READS). */
export function readCommands(reads: readonly ReadTarget[]): string[] {
  const out: string[] = [];
  for (const t of reads.slice(0, MAX_READS)) {
    const c = readCommand(t);
    if (c) out.push(c);
  }
  return out;
}
