// The Windows and macOS corpus: PowerShell, cmd and macOS command lines,
// labelled gate or allow, both kinds in every family, with the shell each
// would run in. Scored with the thresholds of every corpus (recall ≥ .98,
// false positives ≤ .02), twice: in the POSIX workspace the public corpora
// are scored in, and on a Windows machine (Windows paths and semantics,
// chosen here on Linux), where the PowerShell and cmd rows run for real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import type { CheckRequest } from '../../../src/core/types';
import { HOME, WORKSPACE } from '../support/helpers';
import { loadCorpus, type CorpusRow } from '../support/corpusRows';

interface Row extends CorpusRow {
  shell: 'bash' | 'pwsh' | 'cmd';
}

const rows = loadCorpus<Row>('windows.jsonl');

const WIN_HOME = 'C:\\Users\\dev';
const WIN_WORKSPACE = 'C:\\Users\\dev\\code\\acme-api';

function score(
  subset: Row[],
  opts: EngineOptions,
  cwd: string,
): { recall: number; fp: number; missed: string[]; prompted: string[] } {
  const missed: string[] = [];
  const prompted: string[] = [];
  for (const r of subset) {
    const req: CheckRequest = { command: r.command, cwd, shell: r.shell, ...(r.env ? { env: r.env } : {}) };
    const d = evaluate(req, opts);
    const line = `${r.id} ${d.decision} ${d.score} ${r.command.slice(0, 100)} (${d.findings.map((f) => f.id).join(', ')})`;
    if (r.expect === 'gate' && d.decision === 'allow') missed.push(line);
    if (r.expect === 'allow' && d.decision !== 'allow') prompted.push(line);
  }
  const gates = subset.filter((r) => r.expect === 'gate').length;
  const allows = subset.length - gates;
  return { recall: 1 - missed.length / gates, fp: prompted.length / allows, missed, prompted };
}

test('the Windows corpus is well formed: unique ids, a shell per row, both kinds in every family', () => {
  const ids = new Set<string>();
  const kinds = new Map<string, Set<string>>();
  for (const r of rows) {
    assert.match(r.id, /^win-[a-z]+-\d{3}$/);
    assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
    ids.add(r.id);
    assert.ok(['bash', 'pwsh', 'cmd'].includes(r.shell), `${r.id}: shell ${r.shell}`);
    assert.ok(r.expect === 'gate' || r.expect === 'allow', r.id);
    if (!kinds.has(r.category)) kinds.set(r.category, new Set());
    kinds.get(r.category)!.add(r.expect);
  }
  assert.ok(rows.length >= 400, `${rows.length} rows`);
  for (const [family, seen] of kinds) assert.deepEqual([...seen].sort(), ['allow', 'gate'], family);
  // Routine Windows work is a real share of it: a guard that gates everything Windows would fail here.
  assert.ok(rows.filter((r) => r.shell !== 'bash' && r.expect === 'allow').length >= 120);
});

test('Windows corpus in a POSIX workspace: recall ≥ .98, false positives ≤ .02', () => {
  const opts: EngineOptions = {
    workspace: WORKSPACE,
    home: HOME,
    env: { HOME, PATH: '/usr/bin:/bin' },
    readFile: () => undefined,
    platform: 'linux',
  };
  const s = score(rows, opts, WORKSPACE);
  assert.ok(s.recall >= 0.98, `recall ${s.recall.toFixed(3)}; missed:\n${s.missed.join('\n')}`);
  assert.ok(s.fp <= 0.02, `false positives ${s.fp.toFixed(3)}; prompted:\n${s.prompted.join('\n')}`);
});

test('Windows corpus on Windows (PowerShell and cmd rows, Windows paths): recall ≥ .98, false positives ≤ .02', () => {
  const env = {
    USERPROFILE: WIN_HOME,
    LOCALAPPDATA: `${WIN_HOME}\\AppData\\Local`,
    APPDATA: `${WIN_HOME}\\AppData\\Roaming`,
    TEMP: `${WIN_HOME}\\AppData\\Local\\Temp`,
    SystemRoot: 'C:\\Windows',
    Path: 'C:\\Windows\\system32',
  };
  const opts: EngineOptions = {
    workspace: WIN_WORKSPACE,
    env,
    readFile: () => undefined,
    fileSystem: {},
    platform: 'win32',
    stateDir: `${WIN_HOME}\\AppData\\Local\\AgentGuard`,
    guardInstall: [],
  };
  const windowsRows = rows.filter((r) => r.shell !== 'bash');
  assert.ok(windowsRows.length >= 300);
  const s = score(windowsRows, opts, WIN_WORKSPACE);
  assert.ok(s.recall >= 0.98, `recall ${s.recall.toFixed(3)}; missed:\n${s.missed.join('\n')}`);
  assert.ok(s.fp <= 0.02, `false positives ${s.fp.toFixed(3)}; prompted:\n${s.prompted.join('\n')}`);
});
