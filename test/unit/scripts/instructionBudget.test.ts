// The instruction budget (scripts/instruction-budget.mjs, `npm run budget`): cachegrind's output read as the
// instructions it counted, the figures a line worked out from the batches' totals, a figure over its budget
// reported as a failure, and a machine without valgrind failing the check instead of passing it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');

interface Row {
  name: string;
  measured: number;
  limit: number;
}
interface Lib {
  instructionsFromCachegrindOut(text: string): number;
  perLine(
    totals: { one: number; once: number; repeated: number },
    lines: number,
    repeats: number,
  ): { cold: number; warm: number };
  compareWithBudget(
    measured: Record<string, number>,
    budget: { headroom: number | Record<string, number>; instructionsPerLine: Record<string, number> },
  ): { over: Row[]; message: string };
}

const lib = (): Promise<Lib> =>
  import(pathToFileURL(path.join(REPO, 'scripts', 'instruction-budget-lib.mjs')).href) as Promise<Lib>;

// The head and tail of a cachegrind.out file as valgrind 3.19 writes it with --cache-sim=no.
const IR_ONLY = [
  'desc: I1 cache:         32768 B, 64 B, 8-way associative',
  'desc: D1 cache:         49152 B, 64 B, 12-way associative',
  'cmd: node dist/cli.js check --batch',
  'events: Ir',
  'fl=./csu/../csu/libc-start.c',
  'fn=__libc_start_main@@GLIBC_2.34',
  '242 11',
  'summary: 1144243412',
  '',
].join('\n');

test("cachegrind's summary line is read as the instructions it counted", async () => {
  const { instructionsFromCachegrindOut } = await lib();
  assert.equal(instructionsFromCachegrindOut(IR_ONLY), 1144243412);
  // With the cache simulation on, Ir is one event of several: the total is taken at its place, not the first.
  const withCaches = 'events: I1mr Ir ILmr\nfl=x\n1 2 3 4\nsummary: 17 5000 9\n';
  assert.equal(instructionsFromCachegrindOut(withCaches), 5000);
});

test('a cachegrind output without a total fails instead of reading as no instructions', async () => {
  const { instructionsFromCachegrindOut } = await lib();
  const truncated = IR_ONLY.replace(/summary:.*\n/, '');
  assert.throws(() => instructionsFromCachegrindOut(truncated), /summary/);
  assert.throws(() => instructionsFromCachegrindOut('events: I1mr\nsummary: 3\n'), /no instructions/);
  assert.throws(() => instructionsFromCachegrindOut('events: Ir\nsummary: 1,234\n'), /no instruction total/);
});

test("a line's figures: the corpus over one line, and the repeated passes over the corpus", async () => {
  const { perLine } = await lib();
  // 1 000 lines: 900 M over a 300 M process; four more passes 80 M, 20 000 a line.
  assert.deepEqual(perLine({ one: 300e6, once: 1200e6, repeated: 1280e6 }, 1000, 4), { cold: 900000, warm: 20000 });
  assert.throws(() => perLine({ one: 1, once: 2, repeated: 3 }, 0, 4));
});

test('a figure over its budget and headroom fails the check, and the message says by how much and what to do', async () => {
  const { compareWithBudget } = await lib();
  const budget = { headroom: 0.1, instructionsPerLine: { cold: 800000, warm: 20000 } };
  const { over, message } = compareWithBudget({ cold: 900000, warm: 21000 }, budget);
  assert.deepEqual(
    over.map((r) => [r.name, r.measured, r.limit]),
    [['cold', 900000, 880000]],
  );
  assert.match(message, /costs more a line than its budget allows/);
  assert.match(
    message,
    /cold\s+900,000 instructions a line\s+budget 800,000 \(\+12\.5%\), limit 880,000.*OVER by \+2\.3%/,
  );
  assert.match(message, /raise the figure in test\/perf\/budget\.json in a reviewed commit/);
  assert.doesNotMatch(message.split('\n').find((l) => l.includes('warm')) ?? '', /OVER/);
});

test('figures within their budget pass, up to the limit itself', async () => {
  const { compareWithBudget } = await lib();
  const budget = { headroom: 0.1, instructionsPerLine: { cold: 800000, warm: 20000 } };
  const { over, message } = compareWithBudget({ cold: 880000, warm: 15000 }, budget);
  assert.deepEqual(over, []);
  assert.match(message, /^Within the instruction budget/);
  // A headroom for each figure: warm, 20% over its budget, passes with 25% and fails with 10%.
  const each = { headroom: { cold: 0.1, warm: 0.25 }, instructionsPerLine: { cold: 800000, warm: 20000 } };
  assert.deepEqual(compareWithBudget({ cold: 800000, warm: 24000 }, each).over, []);
  assert.deepEqual(
    compareWithBudget({ cold: 800000, warm: 24000 }, { ...each, headroom: { cold: 0.1, warm: 0.1 } }).over.map(
      (r) => r.name,
    ),
    ['warm'],
  );
  assert.throws(() => compareWithBudget({ cold: 1, warm: 1 }, { ...each, headroom: { cold: 0.1 } }), /warm/);
  // A budget naming a figure the script no longer measures is an error, not a pass.
  assert.throws(() => compareWithBudget({ cold: 1 }, budget), /not measured: warm/);
});

test('the committed budget is one the check can read', async () => {
  const { compareWithBudget } = await lib();
  const budget = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'perf', 'budget.json'), 'utf8')) as {
    every: number;
    headroom: number | Record<string, number>;
    instructionsPerLine: Record<string, number>;
  };
  assert.ok(Number.isSafeInteger(budget.every) && budget.every >= 1);
  assert.deepEqual(Object.keys(budget.instructionsPerLine).sort(), ['cold', 'warm']);
  assert.equal(compareWithBudget(budget.instructionsPerLine, budget).over.length, 0);
});

test('without valgrind the budget check fails and says the budget was not checked', () => {
  // A PATH holding no valgrind (an empty folder); node itself by its full path.
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-budget-test-'));
  try {
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'instruction-budget.mjs')], {
      env: { PATH: empty, HOME: empty },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /valgrind is not installed.*budget is NOT checked/);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
