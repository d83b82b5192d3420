// Links a command makes to files that are already there: `ln SRC DEST`, `link`,
// cp's link modes (`cp -l`, `cp -s`, and `-al`, `-rs` for a whole tree) and
// X11's `lndir FROM [TO]`. A link is a second name for its source: a write
// through it later (on the same line, before any link is on disk to see)
// rewrites the source, so making one is judged as touching the source.
import * as path from 'node:path';
import { hasFlag, positionals } from '../command/args';
import type { SimpleCommand } from '../types';
import { cpFlag } from './fileCommands';

/** Links being made: their source words, the folder a relative one is read from, and how each is linked. */
export interface LinkSources {
  words: string[];
  dir: string;
  /** Each source is linked with its whole tree (`cp -al`, `cp -rs`, `lndir`): every file below gets a second name. */
  tree: boolean;
  symbolic: boolean;
}

/**
 * Sources of links being made: `ln SRC… DEST` (not -s: a symbolic link made on the line is followed where it is
 * written through, effects/lineLinks.ts), `link SRC DEST`, cp's link modes, `lndir FROM [TO]` (a tree of symbolic
 * links; a relative FROM is read from TO, as lndir reads it).
 */
export function linkSources(cmd: SimpleCommand): LinkSources {
  const argv = cmd.argv;
  const name = argv[0];
  const none: LinkSources = { words: [], dir: cmd.cwd, tree: false, symbolic: false };
  if (name === 'link') return { ...none, words: positionals(argv).slice(0, 1) };
  if (name === 'lndir') {
    const pos = positionals(argv, ['-maxdepth']);
    if (!pos.length) return none;
    return { words: [pos[0]], dir: path.posix.resolve(cmd.cwd, pos[1] ?? '.'), tree: true, symbolic: true };
  }
  const hard =
    (name === 'ln' &&
      !hasFlag(argv, ['-s', '--symbolic']) &&
      !argv.some((a) => /^-[a-zA-Z]*s/.test(a) && !a.startsWith('--'))) ||
    (name === 'cp' && cpFlag(argv, 'l', ['--link']));
  const symbolic = !hard && name === 'cp' && cpFlag(argv, 's', ['--symbolic-link']);
  if (!hard && !symbolic) return none;
  const tree = name === 'cp' && cpFlag(argv, 'rRa', ['--recursive', '--archive']);
  const target = argv.findIndex((a) => a === '-t' || a === '--target-directory');
  const pos = positionals(argv, ['-t', '--target-directory', '-S', '--suffix']);
  return { words: target !== -1 ? pos : pos.slice(0, -1), dir: cmd.cwd, tree, symbolic };
}
