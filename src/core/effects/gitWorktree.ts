// What git's own path commands do to the files they name, so a protected
// path reached by them is judged as if `rm`, `cp` or `chmod` had reached it:
// `git restore PATH` and `git checkout [REV] -- PATH` put the index's (or a
// commit's) copy in place of what is there, and drop the files the source
// lacks; `git rm --cached PATH` takes the files out of the repository (the
// commit that follows deletes them from every clone, and the next clean or
// checkout from here); `git update-index --chmod=+x PATH` makes the file
// executable for every checkout.
import * as path from 'node:path';
import { hasFlag, positionals } from '../command/args';
import { GIT_CHECKOUT_VALUE_OPTS } from '../command/valueOptions';
import type { EffectSink } from './types';

/** A word naming one file (an extension after its last `/`), not a folder. */
const ONE_FILE = /^(?!.*[*?[])(?!.*\/$)(?:.*\/)?[^/.][^/]*\.[A-Za-z0-9]{1,8}$/;

const BROAD = /^(?:\.\/?|\*|\/)$/;

/** The worktree effects of `git SUB ARGS…` (argv from the subcommand: argv[0] is the subcommand). */
export function gitWorktreeEffects(args: readonly string[], out: EffectSink, dir?: string): void {
  // `git -C sub restore x`: the paths are read from sub.
  const sink: EffectSink =
    dir === undefined ? out : { add: (k, w, r, d) => out.add(k, /^[/~$]/.test(w) ? w : path.join(dir, w), r, d) };
  switch (args[0]) {
    case 'restore': {
      if (hasFlag(args, ['-p', '--patch'])) return;
      // `--staged` alone only unstages: the working tree is left as it is.
      if (hasFlag(args, ['-S', '--staged']) && !hasFlag(args, ['-W', '--worktree'])) return;
      for (const p of positionals(args, GIT_CHECKOUT_VALUE_OPTS)) replaced(p, sink);
      return;
    }
    case 'checkout': {
      if (hasFlag(args, ['-p', '--patch', '-b', '-B', '--orphan'])) return;
      const dashdash = args.indexOf('--');
      if (dashdash !== -1) {
        for (const p of args.slice(dashdash + 1)) replaced(p, sink);
        return;
      }
      // Without `--`, a word no branch can be (git refuses a ref that starts with `.` or `/`) is a path.
      const words = positionals(args, GIT_CHECKOUT_VALUE_OPTS);
      const first = words.findIndex((w) => /^[./]/.test(w));
      if (first !== -1) for (const p of words.slice(first)) replaced(p, sink);
      return;
    }
    case 'rm':
      if (!hasFlag(args, ['--cached']) || hasFlag(args, ['-n', '--dry-run'])) return;
      for (const p of positionals(args, ['--pathspec-from-file'])) sink.add('move', p, true);
      return;
    case 'update-index': {
      const chmod = args.some((a) => a.startsWith('--chmod='));
      if (!chmod) return;
      for (const p of positionals(args, ['--cacheinfo', '--index-info'])) sink.add('chmod', p);
      return;
    }
  }
}

/** A file named is overwritten; a folder is replaced whole (files the source lacks are removed). */
function replaced(word: string, sink: EffectSink): void {
  // The whole tree (`.`, `:/`) is the git pack's to ask about: its `.git` is never restored. Pathspec magic
  // (`:!x`, `:(glob)…`) is no path.
  if (BROAD.test(word) || word.startsWith(':')) return;
  if (ONE_FILE.test(word)) sink.add('write', word);
  else sink.add('delete', word, true);
}
