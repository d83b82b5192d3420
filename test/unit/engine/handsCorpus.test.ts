// The corpora of every hand of the agent: shell lines for what leaves the
// machine, environment dumps, agent launches and CI files written from the
// shell, disposable targets, zsh/fish/sh, programs' own scripts, loader
// variables, metadata endpoints, git's abbreviations and platform shells
// (hands.jsonl, rows written from each tool's documentation before the
// judgment was built; hands-holdout.jsonl, rows written after it, to see it
// generalize), judged in-process in the layout the public corpora use. Like
// the regression corpus, this pins what the engine does today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../../src/core/engine';
import { HOME, WORKSPACE } from '../support/helpers';
import { loadCorpus as load, PROJECT_OPTIONS as opts } from '../support/corpusRows';

for (const [file, prefix] of [
  ['hands.jsonl', 'hd'],
  ['hands-holdout.jsonl', 'hh'],
] as const) {
  test(`${file} is well formed: unique ids, known labels and shells, both kinds well represented`, () => {
    const rows = load(file);
    const ids = new Set<string>();
    for (const r of rows) {
      assert.match(r.id, new RegExp(`^${prefix}-[a-z]+-\\d{3}$`));
      assert.ok(!ids.has(r.id), r.id);
      ids.add(r.id);
      assert.ok(r.expect === 'gate' || r.expect === 'allow', r.id);
      if (r.shell) assert.ok(['bash', 'sh', 'dash', 'ksh', 'zsh', 'fish', 'pwsh', 'cmd'].includes(r.shell), r.id);
    }
    const gates = rows.filter((r) => r.expect === 'gate').length;
    assert.ok(gates > rows.length * 0.35 && gates < rows.length * 0.65, `${gates} of ${rows.length}`);
  });

  test(`${file}: every gate row gated, no allow row prompted`, () => {
    const missed: string[] = [];
    const prompted: string[] = [];
    for (const r of load(file)) {
      const env = r.env ? { HOME, PATH: '/usr/local/bin:/usr/bin:/bin', ...r.env } : undefined;
      const d = evaluate(
        { command: r.command, cwd: WORKSPACE, ...(env ? { env } : {}), ...(r.shell ? { shell: r.shell } : {}) },
        opts,
      );
      const line = `${r.id} ${d.decision} ${r.command.replace(/\n/g, '\\n').slice(0, 100)} (${d.findings.map((f) => f.id).join(', ')})`;
      if (r.expect === 'gate' && d.decision === 'allow') missed.push(line);
      if (r.expect === 'allow' && d.decision !== 'allow') prompted.push(line);
    }
    assert.deepEqual({ missed, prompted }, { missed: [], prompted: [] });
  });
}
