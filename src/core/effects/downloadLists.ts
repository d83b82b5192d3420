// Downloads named in an input file: `wget -i urls.txt`, `aria2c -i list`.
// The files they land are named by the list's URLs (and, for aria2c, its
// `out=` and `dir=` lines), so the list is read as the line leaves it (one
// written earlier on the line is read as written). A list that cannot be
// read now lands files whose names nobody can tell: the packs that judge
// landed files ask where such names could matter.
import * as path from 'node:path';
import { readAsLineLeft } from '../parse/normalize/emit';
import type { AnalysisContext, SimpleCommand } from '../types';

/** Most URLs of one list read; past it the rest are not named, and the list counts as unread. */
export const MAX_LISTED = 64;

/** Short options that take a value (downloads.ts reads the same letters). */
const WGET_VALUED = new Set('eoaiBtOTwQPUlARDIXn'.split(''));
const ARIA2_VALUED = new Set('dilojstmxkUTMuOC'.split(''));

const URL_WORD = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The input list and the folder a wget or aria2c call lands in: `-i FILE`, `--input-file=FILE`, `-P`/`-d DIR`. */
export function downloadListOf(argv: readonly string[]): { file: string; dir: string | undefined } | undefined {
  const name = argv[0];
  if (name !== 'wget' && name !== 'aria2c') return undefined;
  const dirShort = name === 'wget' ? 'P' : 'd';
  const dirLong = name === 'wget' ? '--directory-prefix' : '--dir';
  const valued = name === 'wget' ? WGET_VALUED : ARIA2_VALUED;
  let file: string | undefined;
  let dir: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const eq = a.indexOf('=');
    const long = a.startsWith('--') ? (eq === -1 ? a : a.slice(0, eq)) : undefined;
    const value = (): string | undefined => (long !== undefined && eq !== -1 ? a.slice(eq + 1) : argv[++i]);
    if (long === '--input-file') file = value();
    else if (long === dirLong) dir = value();
    else if (long === '--output-document' && name === 'wget') return undefined;
    else if (a.length > 1 && a[0] === '-' && long === undefined) {
      // A cluster ends at its first letter that takes a value: the rest of the word (`-ilist`), or the next word.
      for (let j = 1; j < a.length; j++) {
        if (!valued.has(a[j])) continue;
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (a[j] === 'O' && name === 'wget') return undefined;
        if (a[j] === 'i') file = v;
        else if (a[j] === dirShort) dir = v;
        break;
      }
    }
  }
  return file === undefined ? undefined : { file, dir };
}

/** The files a list lands (relative to the working folder), or undefined when the list cannot be read now. */
export function listedDownloads(cmd: SimpleCommand, ctx: AnalysisContext): string[] | undefined {
  const list = downloadListOf(cmd.argv);
  if (!list) return [];
  const text = list.file === '-' ? cmd.stdin : readAsLineLeft(cmd, ctx, list.file);
  if (text === undefined) return undefined;
  const aria = cmd.argv[0] === 'aria2c';
  const out: string[] = [];
  let last: { dir: string | undefined; name: string | undefined } | undefined;
  const flush = (): void => {
    if (last?.name) out.push(last.dir ? path.posix.join(last.dir, last.name) : last.name);
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    // aria2c: an indented `out=`/`dir=` line sets the options of the URL line above it.
    if (aria && /^\s/.test(raw) && last) {
      const m = /^(out|dir)\s*=\s*(.*)$/.exec(line);
      if (m?.[1] === 'out') last.name = m[2];
      else if (m?.[1] === 'dir') last.dir = m[2];
      continue;
    }
    flush();
    const url = line.split(/\s+/)[0];
    if (!URL_WORD.test(url)) return undefined;
    const rest = url.replace(URL_WORD, '');
    const name = rest.includes('/') ? rest.slice(rest.indexOf('/')).split(/[?#]/)[0].split('/').pop() : undefined;
    last = { dir: list.dir, name: name && name !== '.' && name !== '..' ? name : 'index.html' };
    if (out.length >= MAX_LISTED) return undefined;
  }
  flush();
  return out;
}
