// The case labels of a switch, read from the source: a set that lets code skip a switch on strings (a lookup in
// place of a comparison per case) must name every case, or the case it lacks is never reached.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

/** The labels of the cases directly under the first line equal to `head` (`  switch (name) {`) in `file`. */
export function switchCases(file: string, head: string): string[] {
  const lines = fs.readFileSync(path.join(repo, file), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === head);
  assert.ok(start >= 0, `${file} has no line ${head.trim()}`);
  const indent = head.length - head.trimStart().length;
  const end = lines.findIndex((l, i) => i > start && l === ' '.repeat(indent) + '}');
  assert.ok(end > start, `the switch of ${file} has no end`);
  const caseLine = new RegExp(`^ {${indent + 2}}case '([^']+)':`);
  const labels = lines
    .slice(start + 1, end)
    .map((l) => caseLine.exec(l)?.[1])
    .filter((x): x is string => x !== undefined);
  assert.ok(labels.length > 10, `only ${labels.length} cases read in ${file}: the switch was not found whole`);
  return labels;
}
