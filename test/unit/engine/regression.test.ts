// The regression corpus: labelled commands the rules have been fixed against
// over time, judged by the whole engine in a workspace laid out like a real
// project (the layout the public corpora are scored in). It is not a measure
// of how the judgment generalizes (the rules were tuned until it passed);
// it pins what the engine does today, so that any regression fails: the
// thresholds are what it measures now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../../src/core/engine';
import { WORKSPACE } from '../support/helpers';
import { loadCorpus, PROJECT_OPTIONS as opts } from '../support/corpusRows';

// What the corpus measures now: every gate row gated, no allow row prompted. Rows whose label
// changed with a deliberate policy change say why in their `note`.
const MAX_MISSED = 0;
const MAX_PROMPTED = 0;

test('the regression corpus is well formed: unique ids, known labels, both kinds well represented', () => {
  const rows = loadCorpus('regression.jsonl');
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
  const rows = loadCorpus('regression.jsonl');
  const missed: string[] = [];
  const prompted: string[] = [];
  let gates = 0;
  let allows = 0;
  for (const r of rows) {
    const req = {
      command: r.command,
      cwd: WORKSPACE,
      ...(r.shell ? { shell: r.shell } : {}),
      ...(r.env ? { env: { ...r.env } } : {}),
    };
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
