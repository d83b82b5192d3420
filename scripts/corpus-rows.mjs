// The labelled corpora as the scripts read them: every `.jsonl` file of a
// folder, one JSON row a line.
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
    ...jsonlFiles([process.env.AGENTGUARD_CORPUS_DIR, path.join(root, '..', 'shared', 'corpus')]),
  ];
}
