// The pure part of the instruction budget (scripts/instruction-budget.mjs): reading cachegrind's output,
// working out instructions a line, and comparing them with the committed budget (test/perf/budget.json).
// Kept apart from the measuring so that a unit test (test/unit/scripts/instructionBudget.test.ts) can show the
// check failing against a budget below the figures, without valgrind.

/**
 * Instructions executed (the `Ir` event) from the text of a cachegrind.out file: its `events:` line names the
 * events, its `summary:` line gives the totals in that order. Throws when either is missing or the total is not a
 * number, so that a changed or truncated file fails the check instead of reading as zero instructions.
 */
export function instructionsFromCachegrindOut(text) {
  const lines = text.split('\n');
  const events = lines.find((l) => l.startsWith('events:'));
  const summary = lines.find((l) => l.startsWith('summary:'));
  if (!events || !summary) throw new Error('cachegrind output without an events: or summary: line');
  const names = events.slice('events:'.length).trim().split(/\s+/);
  const totals = summary.slice('summary:'.length).trim().split(/\s+/);
  const at = names.indexOf('Ir');
  if (at === -1) throw new Error(`cachegrind counted no instructions (events: ${names.join(' ')})`);
  const ir = totals[at];
  if (ir === undefined || !/^\d+$/.test(ir))
    throw new Error(`cachegrind's summary has no instruction total: ${summary}`);
  return Number(ir);
}

/**
 * Instructions a line from the batches' totals: `cold`, the corpus's `lines` once in a fresh batch over a batch of
 * `one` line (what a process costs without them); `warm`, what the `repeats` passes over the same lines that the
 * `repeated` batch adds to the corpus once cost a line.
 */
export function perLine({ one, once, repeated }, lines, repeats) {
  if (!(lines > 0) || !(repeats > 0)) throw new Error('no lines were measured');
  return { cold: Math.round((once - one) / lines), warm: Math.round((repeated - once) / (lines * repeats)) };
}

/**
 * Each measured figure against its budget: the figure a budget holds times (1 + its headroom), the headroom one
 * fraction for all figures or one for each (`{ cold: 0.1, warm: 0.2 }`: a figure that moves more from run to run
 * needs more). Returns the figures over budget (empty when all are within) and a message to print either way.
 */
export function compareWithBudget(measured, budget) {
  const rows = [];
  const over = [];
  for (const [name, recorded] of Object.entries(budget.instructionsPerLine)) {
    const headroom = typeof budget.headroom === 'number' ? budget.headroom : budget.headroom?.[name];
    if (!(typeof headroom === 'number' && headroom >= 0 && headroom < 1))
      throw new Error(`the budget's headroom for ${name} must be a fraction between 0 and 1, not ${headroom}`);
    const figure = measured[name];
    if (figure === undefined) throw new Error(`the budget names a figure that was not measured: ${name}`);
    const limit = Math.round(recorded * (1 + headroom));
    const row = {
      name,
      measured: figure,
      recorded,
      limit,
      headroom,
      overBy: figure / limit - 1,
      change: figure / recorded - 1,
    };
    rows.push(row);
    if (figure > limit) over.push(row);
  }
  const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  const table = rows
    .map(
      (r) =>
        `  ${r.name.padEnd(5)} ${r.measured.toLocaleString('en-US').padStart(10)} instructions a line` +
        `   budget ${r.recorded.toLocaleString('en-US')} (${pct(r.change)}), limit ${r.limit.toLocaleString('en-US')} with ${Math.round(r.headroom * 100)}% headroom` +
        (r.measured > r.limit ? `   OVER by ${pct(r.overBy)}` : ''),
    )
    .join('\n');
  const message = over.length
    ? `The engine costs more a line than its budget allows:\n${table}\n\n` +
      'Find what made a line dearer (the commits since the figure was set: `npm run budget -- --keep DIR` keeps\n' +
      "each batch's cachegrind.out, and cg_annotate shows where its instructions went, with and without a change)\n" +
      'and take the cost out. If the cost is the price of a judgment worth having,\n' +
      'raise the figure in test/perf/budget.json in a reviewed commit that says why.'
    : `Within the instruction budget:\n${table}`;
  return { over, message };
}
