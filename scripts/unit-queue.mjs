#!/usr/bin/env node
// One shard of a sharded unit run (scripts/throwaway-account.mjs --unit
// --shards N), taking test files from a queue the shards share instead of a
// share dealt before the run: a shard that finishes its file takes the next
// one nobody has taken, so the shards end within one file of each other
// (dealt in path order, one shard of two waited five minutes for the other).
//
// The queue is a list of files and a folder of claims: a shard takes file I
// by making the folder I in it, which exactly one shard can do. Each file runs
// as `node --test` would run it (node:test's run(): a process of its own,
// this process's options, `--require` among them), reported with the spec
// reporter; the counts of every file are summed into one summary at the end.
//
//   node [--require GUARD] scripts/unit-queue.mjs LIST CLAIMS [--test-name-pattern=P...]
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const [list, claims, ...options] = process.argv.slice(2);
const PATTERN = '--test-name-pattern=';
const unknown = options.filter((o) => !o.startsWith(PATTERN));
if (!list || !claims || unknown.length) {
  process.stderr.write(
    `usage: unit-queue.mjs LIST CLAIMS [${PATTERN}P...]${unknown.length ? ` (not ${unknown})` : ''}\n`,
  );
  process.exit(64);
}
const testNamePatterns = options.map((o) => o.slice(PATTERN.length));
const files = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);

/** The counts the spec reporter prints at the end of a run, summed over the files. */
const COUNTS = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'];
const totals = Object.fromEntries(COUNTS.map((c) => [c, 0]));
/** A run's closing count (`pass 12`): summed here and left out of the file's report. */
const COUNT_LINE = new RegExp(`^(${COUNTS.join('|')}|duration_ms) (\\d+(?:\\.\\d+)?)$`);

/** Passes a run's events on, less its closing counts, which it adds to the totals. */
function countsTaken() {
  return new Transform({
    objectMode: true,
    transform(event, _enc, done) {
      const count = event.type === 'test:diagnostic' && event.data.nesting === 0 && COUNT_LINE.exec(event.data.message);
      if (!count) return done(null, event);
      if (count[1] in totals) totals[count[1]] += Number(count[2]);
      done();
    },
  });
}

/** Whether this shard takes file I: the first to make its claim does. */
function claim(i) {
  try {
    fs.mkdirSync(path.join(claims, String(i)));
    return true;
  } catch (err) {
    if (err.code === 'EEXIST') return false;
    throw err;
  }
}

const started = Date.now();
let ran = 0;
for (let i = 0; i < files.length; i++) {
  if (!claim(i)) continue;
  ran++;
  const events = run({ files: [files[i]], ...(testNamePatterns.length ? { testNamePatterns } : {}) });
  await pipeline(events, countsTaken(), new spec(), process.stdout, { end: false });
}
const lines = COUNTS.map((c) => `ℹ ${c} ${totals[c]}`);
process.stdout.write(`\n${lines.join('\n')}\nℹ files ${ran}\nℹ duration_ms ${Date.now() - started}\n`);
// A file that cannot load is a failed test of its own: no failure and no cancel means every file ran and passed.
process.exit(totals.fail || totals.cancelled ? 1 : 0);
