// The labelled corpora as the scripts read them: every `.jsonl` file of a
// folder, one JSON row a line.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every `.jsonl` file in those of `dirs` that exist. */
export function jsonlFiles(dirs) {
  return dirs
    .filter((d) => d && fs.existsSync(d))
    .flatMap((d) =>
      fs
        .readdirSync(d)
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => path.join(d, f)),
    );
}

/** Every row of `files`. */
export function corpusRows(files) {
  return files.flatMap((f) =>
    fs
      .readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  );
}

/** What the benchmarks judge: the project's regression corpus, and the shared corpora beside the checkout (or in AGENTGUARD_CORPUS_DIR). */
export function benchCorpusFiles(root) {
  return [
    path.join(root, 'test', 'fixtures', 'corpus', 'regression.jsonl'),
    ...jsonlFiles([process.env.AGENTGUARD_CORPUS_DIR ?? sharedCorpusDir(root)]),
  ];
}

/**
 * The shared corpora beside the checkout; from a linked git worktree, those beside its main checkout
 * (a worktree may live anywhere, its main checkout's neighbours are where the corpora are kept).
 */
export function sharedCorpusDir(root) {
  const beside = path.join(root, '..', 'shared', 'corpus');
  if (fs.existsSync(beside)) return beside;
  const git = spawnSync('git', ['-C', root, 'rev-parse', '--path-format=absolute', '--git-common-dir'], {
    encoding: 'utf8',
  });
  if (git.status !== 0) return undefined;
  return path.join(path.dirname(git.stdout.trim()), '..', 'shared', 'corpus');
}
