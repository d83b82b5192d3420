// The labelled corpora under test/fixtures/corpus, read as rows, and the
// project they are judged in (test/fixtures/corpus-project.json): a
// package.json whose `db:reset` script is destructive and a SQL file that
// drops the schema.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineOptions } from '../../../src/core/engine';
import type { ShellName } from '../../../src/core/types';
import { HOME, WORKSPACE } from './helpers';

export interface CorpusRow {
  id: string;
  category: string;
  expect: 'gate' | 'allow';
  command: string;
  env?: Record<string, string>;
  shell?: ShellName;
  note?: string;
}

const DIR = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'corpus');

/** Every row of `file` (one JSON object a line; blank lines skipped). */
export function loadCorpus<R extends CorpusRow = CorpusRow>(file: string): R[] {
  return fs
    .readFileSync(path.join(DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as R);
}

interface CorpusProject {
  folders: string[];
  files: Record<string, string>;
}

/** The project's files by absolute path (test/fixtures/corpus-project.json, which the tool-call scorer writes to disk). */
const PROJECT_FILES: Record<string, string> = Object.fromEntries(
  Object.entries(
    (JSON.parse(fs.readFileSync(path.join(DIR, '..', 'corpus-project.json'), 'utf8')) as CorpusProject).files,
  ).map(([rel, text]) => [path.posix.join(WORKSPACE, rel), text]),
);

/** Engine options for that project on Linux. Without a request env the engine sees this one; a row's env replaces it. */
export const PROJECT_OPTIONS: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/local/bin:/usr/bin:/bin', SHELL: '/bin/bash' },
  readFile: (p, cwd) => PROJECT_FILES[path.resolve(cwd, p)],
  platform: 'linux',
};
