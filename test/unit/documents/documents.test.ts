// Finding the commands inside documents, and their exact spans: the pure
// part of the language server, without a server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerRuns, makeRecipes } from '../../../src/core/documents/buildFiles';
import { documentKind } from '../../../src/core/documents/kinds';
import { judgeDocument } from '../../../src/core/documents';
import { exactMatch, saferEdits } from '../../../src/core/documents/remedies';
import { shellStatements } from '../../../src/core/documents/shell';
import { docSpan, jsonStringSnippet, type Snippet } from '../../../src/core/documents/snippet';
import { sqlStatements } from '../../../src/core/documents/sql';
import { yamlCommands } from '../../../src/core/documents/yaml';

/** Each snippet as [judged text, document text its span covers]. */
function spans(doc: string, snippets: Snippet[]): [string, string][] {
  return snippets.map((s) => {
    const { start, end } = docSpan(s, 0, s.text.length);
    return [s.text, doc.slice(start, end)];
  });
}

const opts = {
  workspace: '/home/dev/code/app',
  cwd: '/home/dev/code/app',
  home: '/home/dev',
  env: { HOME: '/home/dev' },
  readFile: () => undefined,
};

test('shell statements: blocks, heredocs, continued lines and multi-line quotes stay whole; a stray closer stays alone', () => {
  const doc =
    'a=1\ncase "$1" in\n  start) run ;;\nesac\ncat <<-EOF\n\tfi\n\tEOF\necho one \\\n  two\necho "multi\nline"\nfi\nls\n';
  assert.deepEqual(
    shellStatements(doc).map((s) => s.text),
    [
      'a=1',
      'case "$1" in\n  start) run ;;\nesac',
      'cat <<-EOF\n\tfi\n\tEOF',
      'echo one \\\n  two',
      'echo "multi\nline"',
      'fi',
      'ls',
    ],
  );
  // Verbatim slices: the span is the text.
  for (const [text, covered] of spans(doc, shellStatements(doc))) assert.equal(covered, text);
});

test('shell: an unclosed block is judged line by line, within a bound', () => {
  const doc = 'if true; then\n' + 'echo x\n'.repeat(1000) + 'rm -rf ~\n';
  const flags = judgeDocument('shell', doc, opts);
  assert.deepEqual(
    flags.map((f) => doc.slice(f.start, f.end)),
    ['rm -rf ~'],
  );
});

test('shell: a variable assigned at top level reaches later lines', () => {
  const doc = 'TARGET=/\nrm -rf "$TARGET"\n';
  const flags = judgeDocument('shell', doc, opts);
  assert.equal(flags.length, 1);
  assert.equal(flags[0].decision, 'deny');
});

test('shell: a variable named like a property of Object reaches later lines like any other name', () => {
  const judged = (n: string) =>
    [`${n}=/\nrm -rf "$${n}"\n`, `export ${n}='/'\nrm -rf $${n}/\n`].flatMap((doc) =>
      judgeDocument('shell', doc, opts).map((f) => `${f.decision} ${f.result.findings.map((x) => x.id).join(',')}`),
    );
  const plain = judged('X');
  assert.deepEqual(
    plain.map((f) => f.split(' ')[0]),
    ['deny', 'deny'],
  );
  for (const n of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) assert.deepEqual(judged(n), plain, n);
});

test('Makefile: $$ and known variables map back to their source, recipes outside rules are not commands', () => {
  const doc = 'DIR ?= out\ndefine HELP\n\trm -rf /\nendef\nclean:\n\t@rm -rf $(DIR) $$HOME/x\n';
  const got = spans(doc, makeRecipes(doc));
  assert.deepEqual(got, [['rm -rf out $HOME/x', 'rm -rf $(DIR) $$HOME/x']]);
});

test('Dockerfile: other instructions and their continuations are not commands', () => {
  const doc = 'ENV A=1 \\\n  RUN=2\nRUN echo hi\nrun ["echo", "it\'s"]\n';
  const got = dockerRuns(doc);
  assert.deepEqual(
    got.map((s) => s.text),
    ['echo hi', `echo 'it'\\''s'`],
  );
  assert.deepEqual(spans(doc, got)[1][1], `"echo", "it's"`);
});

test('YAML: quoted scalars decode, comments end plain scalars, blank lines stay inside blocks, other keys are ignored', () => {
  const doc = [
    'steps:',
    '  - run: "echo \\"a\\" && git push --force"',
    "  - run: 'it''s here'",
    '  - run: npm test # runs the tests',
    '  - run: |',
    '      one',
    '',
    '      two',
    '    name: after',
    '  - name: run: not a key',
    '',
  ].join('\n');
  const got = spans(doc, yamlCommands(doc, new Set(['run'])));
  assert.deepEqual(got, [
    ['echo "a" && git push --force', 'echo \\"a\\" && git push --force'],
    ["it's here", "it''s here"],
    ['npm test', 'npm test'],
    ['one\n\ntwo', 'one\n\n      two'],
  ]);
});

test('SQL statements: semicolons inside strings, comments and dollar quotes do not split', () => {
  const doc = "INSERT INTO t VALUES ('a;b'); -- x; y\nDO $$ BEGIN DROP TABLE x; END $$;\n/* ; */ DELETE FROM t\n";
  assert.deepEqual(
    sqlStatements(doc).map((s) => s.text),
    ["INSERT INTO t VALUES ('a;b')", 'DO $$ BEGIN DROP TABLE x; END $$', 'DELETE FROM t'],
  );
});

test('JSON strings: escapes are decoded and each maps to its escape', () => {
  const raw = 'a\\"b\\u0041';
  const s = jsonStringSnippet(raw, 10);
  assert.equal(s.text, 'a"bA');
  assert.deepEqual(docSpan(s, 1, 2), { start: 11, end: 13 });
  assert.deepEqual(docSpan(s, 3, 4), { start: 14, end: 20 });
});

test('document kinds', () => {
  assert.equal(documentKind('/w/.github/workflows/ci.yaml', 'yaml', ''), 'actions');
  assert.equal(documentKind('/w/docker-compose.prod.yml', 'yaml', ''), 'compose');
  assert.equal(documentKind('/w/config.yml', 'yaml', ''), undefined);
  assert.equal(documentKind('/w/bin/deploy', 'plaintext', '#!/usr/bin/env -S bash -e\n'), 'shell');
  assert.equal(documentKind('/w/Dockerfile.dev', undefined, ''), 'dockerfile');
  assert.equal(documentKind('/w/tools.mk', undefined, ''), 'make');
  assert.equal(documentKind('/w/notes.txt', 'plaintext', 'rm -rf /'), undefined);
});

test('remedies: exact rules escape glob characters; the safer edit replaces the flag word only', () => {
  assert.equal(exactMatch(['rm', '-rf', 'build/*', 'a?b', 'c\\d']), 'rm -rf build/\\* a\\?b c\\\\d');
  const doc = 'git push -f origin feature/x\n';
  const [flag] = judgeDocument('shell', doc, opts);
  const [edit] = saferEdits(flag);
  assert.deepEqual(
    { ...edit, text: doc.slice(edit.start, edit.end) },
    { title: 'Use --force-with-lease instead of -f', start: 9, end: 11, newText: '--force-with-lease', text: '-f' },
  );
});
