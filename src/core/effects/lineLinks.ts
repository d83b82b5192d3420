// Writes through a symbolic link made earlier on the same line: `ln -s
// ~/.bashrc notes.txt; echo … >> notes.txt` appends to ~/.bashrc, but the
// disk does not hold the link yet, so resolving paths on it (guard/realPaths)
// cannot see that. Each write, truncate or chmod of a link named on the line
// (or of a path below it), and each delete or move of a path below it, is
// also reported at the link's target, so protected paths, start-up files and
// autorun places judge where the change really lands.
import * as path from 'node:path';
import { linksMadeBefore } from '../parse/normalize/emit';
import { resolveWord } from '../command/paths';
import type { SimpleCommand } from '../types';
import type { FileEffect } from './types';

/** Links followed one after another (`ln -s ~/.bashrc a; ln -s a b; echo … >> b`); a longer chain is not one a line makes by hand. */
const MAX_HOPS = 8;

/** The path a link made on the line leads `abs` to, or undefined when none of them is on its way. */
function through(
  abs: string,
  links: ReadonlyMap<string, string>,
  home: string,
  self: boolean,
): FileEffect['path'] | undefined {
  let p = abs;
  let moved = false;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    let next: string | undefined;
    for (const [link, target] of links) {
      const rest = p === link && (self || moved) ? '' : p.startsWith(link + '/') ? p.slice(link.length) : undefined;
      if (rest === undefined) continue;
      const r = resolveWord(target, path.dirname(link), home);
      next = (r.dynamic ? target : r.abs) + rest;
      break;
    }
    if (next === undefined || next === p) break;
    p = next;
    moved = true;
  }
  return moved ? p : undefined;
}

/** The effects, with each one that goes through a link made earlier on the line also reported where it lands. */
export function withLineLinks(effects: FileEffect[], cmd: SimpleCommand, home: string): FileEffect[] {
  const links = linksMadeBefore(cmd);
  if (!links?.size) return effects;
  const out = [...effects];
  for (const e of effects) {
    if (e.dynamic) continue;
    // A write goes through the link itself; a delete or move takes the link away unless written `link/`.
    const self = e.kind === 'write' || e.kind === 'truncate' || e.kind === 'chmod' || e.follow === true;
    const landed = through(e.path, links, home, self);
    if (landed !== undefined) out.push({ ...e, path: landed, dynamic: /[$*?[]/.test(landed) });
  }
  return out;
}
