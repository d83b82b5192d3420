// What lftp's own commands delete on this machine. lftp starts on the local
// file system (`file:`) until a script opens a site, so before any `open`
// (and with no site on its command line) `rm -r DIR`, `rmdir`, `mrm` and a
// reverse `mirror -R --delete SRC DIR` act on local files; and a forward
// `mirror --delete SITE_DIR DIR` always deletes below its local target the
// files the site lacks. Each is read as `rm -r` of that folder would be.
import * as path from 'node:path';
import { optionValues, positionals } from '../command/args';
import type { EffectSink } from './types';

/** Script commands read; past them nothing more is (the deletions found so far still count). */
const MAX_COMMANDS = 256;
const LFTP_VALUES = ['-p', '-u', '-c', '-e', '-f', '--rcfile', '--env-password', '-d'];
/** mirror's options that take a value (filters, parallelism, the script file it may write). */
const MIRROR_VALUES = new Set([
  '-i',
  '-x',
  '-I',
  '-X',
  '-P',
  '-O',
  '--include',
  '--exclude',
  '--include-glob',
  '--exclude-glob',
  '--parallel',
  '--older-than',
  '--newer-than',
  '--size-range',
  '--script',
  '--target-directory',
  '--destination',
]);
const DELETES = new Set(['-e', '--delete', '--delete-first']);

function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

export function lftpEffects(argv: readonly string[], sink: EffectSink): void {
  // `lftp sftp://host -e '…'`: a site named on the line is open from the start.
  let remote = positionals(argv, LFTP_VALUES).length > 0;
  const script = optionValues(argv, ['-c', '-e']).join('\n');
  let lcd = '';
  const local = (w: string) => (lcd && !/^[/~]/.test(w) ? path.posix.join(lcd, w) : w);
  for (const [verb, ...rest] of script.split(/\r?\n|;|&&|\|\|/, MAX_COMMANDS).map(words)) {
    if (verb === undefined) continue;
    const opts = new Set<string>();
    const ops: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const w = rest[i];
      if (MIRROR_VALUES.has(w)) i++;
      else if (/^-[A-Za-z]{2,}$/.test(w)) for (const c of w.slice(1)) opts.add(`-${c}`);
      else if (w.startsWith('-')) opts.add(w.replace(/=.*$/, ''));
      else ops.push(w);
    }
    if (verb === 'open' || verb === 'connect') remote = true;
    else if (verb === 'lcd') lcd = ops[0] ? local(ops[0]) : '';
    else if (verb === 'mirror' && [...opts].some((o) => DELETES.has(o))) {
      const reverse = opts.has('-R') || opts.has('--reverse');
      // A forward mirror's target is local (the source's last name here by default); a reverse one's only while no site is open.
      const target = ops[1] ?? (reverse ? undefined : path.posix.basename(ops[0] ?? '.'));
      if (target !== undefined && (!reverse || !remote)) sink.add('delete', reverse ? target : local(target), true);
    } else if (!remote && (verb === 'rm' || verb === 'mrm' || verb === 'rmdir'))
      for (const w of ops) sink.add('delete', w, verb !== 'rmdir' && (opts.has('-r') || verb === 'mrm'));
  }
}
