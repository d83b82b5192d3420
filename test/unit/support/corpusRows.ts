// The labelled corpora under test/fixtures/corpus, read as rows, and the
// project they are judged in: the layout the public corpora are scored in,
// with a package.json whose `db:reset` script is destructive and a SQL file
// that drops the schema.
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

const PROJECT_FILES: Record<string, string> = {
  [`${WORKSPACE}/package.json`]: JSON.stringify({
    name: 'acme-api',
    private: true,
    scripts: {
      build: 'tsc -p .',
      test: 'vitest run',
      lint: 'eslint .',
      dev: 'tsx watch src/index.ts',
      'db:reset': 'prisma migrate reset --force',
    },
  }),
  [`${WORKSPACE}/scripts/reset.sql`]: 'DROP SCHEMA public CASCADE;\n',
  [`${WORKSPACE}/src/index.ts`]: 'export const x = 1;\n',
  [`${WORKSPACE}/.git/HEAD`]: 'ref: refs/heads/main\n',
  [`${WORKSPACE}/.git/config`]: '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n',
};

/** Engine options for that project on Linux. Without a request env the engine sees this one; a row's env replaces it. */
export const PROJECT_OPTIONS: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/local/bin:/usr/bin:/bin', SHELL: '/bin/bash' },
  readFile: (p, cwd) => PROJECT_FILES[path.resolve(cwd, p)],
  platform: 'linux',
};
