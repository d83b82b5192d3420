// The regression corpus: labelled commands the rules have been fixed against
// over time, judged by the whole engine in a workspace laid out like a real
// project (the layout the public corpora are scored in). It is not a measure
// of how the judgment generalizes (the rules were tuned until it passed);
// it pins what the engine does today, so that any regression fails: the
// thresholds are what it measures now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { HOME, WORKSPACE } from '../support/helpers';

interface Row {
  id: string;
  category: string;
  expect: 'gate' | 'allow';
  command: string;
  env?: Record<string, string>;
  note?: string;
}

const CORPUS = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'corpus', 'regression.jsonl');

/** The files of the project: a package.json with a destructive `db:reset` script and a SQL file that drops the schema. */
const FILES: Record<string, string> = {
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

// Without a request env the engine sees the process's own, as the CLI does; a row's env replaces it.
const opts: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/local/bin:/usr/bin:/bin', SHELL: '/bin/bash' },
  readFile: (p, cwd) => FILES[path.resolve(cwd, p)],
};

// What the corpus measures now: every gate row gated, no allow row prompted. Rows whose label
// changed with a deliberate policy change say why in their `note`.
const MAX_MISSED = 0;
const MAX_PROMPTED = 0;

function load(): Row[] {
  return fs
    .readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
}

test('the regression corpus is well formed: unique ids, known labels, both kinds well represented', () => {
  const rows = load();
  assert.ok(rows.length >= 400, `${rows.length} rows`);
  const ids = new Set<string>();
  for (const r of rows) {
    assert.match(r.id, /^ho-\d{3,}$/);
    assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
    ids.add(r.id);
    assert.ok(r.expect === 'gate' || r.expect === 'allow', `${r.id}: expect ${r.expect}`);
    assert.equal(typeof r.command, 'string');
  }
  const gates = rows.filter((r) => r.expect === 'gate').length;
  assert.ok(gates > rows.length * 0.35 && gates < rows.length * 0.65, `${gates} gate rows of ${rows.length}`);
});

test(`regression corpus: at most ${MAX_MISSED} missed and ${MAX_PROMPTED} prompted`, () => {
  const rows = load();
  const missed: string[] = [];
  const prompted: string[] = [];
  let gates = 0;
  let allows = 0;
  for (const r of rows) {
    const req = { command: r.command, cwd: WORKSPACE, ...(r.env ? { env: { ...r.env } } : {}) };
    const d = evaluate(req, opts);
    const gated = d.decision !== 'allow';
    const line = `${r.id} [${r.category}] ${d.decision} ${d.score} ${r.command.replace(/\n/g, '\\n').slice(0, 120)}${d.findings.length ? `  (${d.findings.map((f) => f.id).join(', ')})` : ''}`;
    if (r.expect === 'gate') {
      gates++;
      if (!gated) missed.push(line);
    } else {
      allows++;
      if (gated) prompted.push(line);
    }
  }
  const recall = 1 - missed.length / Math.max(1, gates);
  const fpr = prompted.length / Math.max(1, allows);
  const report = [
    `recall ${recall.toFixed(3)} (${gates - missed.length}/${gates}), false-positive rate ${fpr.toFixed(3)} (${prompted.length}/${allows})`,
    ...missed.map((m) => `  missed   ${m}`),
    ...prompted.map((p) => `  prompted ${p}`),
  ].join('\n');
  assert.ok(missed.length <= MAX_MISSED && prompted.length <= MAX_PROMPTED, report);
});
