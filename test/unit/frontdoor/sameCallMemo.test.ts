// A long-running judge reads the same notes call after call, and keeps what
// it parsed and replayed (sameCallNote.ts parseNote, sameCallReplay.ts
// replay): a note changed in place, cut short, started anew or replaced
// between two reads must read exactly as it would in a process that never
// saw it before. The arrivals themselves, over real note files, are in
// sameCallNote.test.ts and judgeNotes.test.ts (channels/editorJudge).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noteLineText, parseNote, type NoteLine } from '../../../src/core/frontdoor/sameCallNote';
import { replay } from '../../../src/core/frontdoor/sameCallReplay';

const arrive = (id: string, host: 'claude' | 'cursor', at: number): NoteLine => ({
  t: 'arrive',
  id,
  at,
  deadline: at + 60_000,
  host,
  event: host === 'claude' ? 'PreToolUse' : 'beforeShellExecution',
  session: 's1',
});
const done = (entry: string, decision: 'allow' | 'deny', at: number): NoteLine => ({
  t: 'done',
  entry,
  by: entry,
  at,
  verdict: {
    decision,
    score: decision === 'allow' ? 0 : 90,
    environment: { name: 'unknown', production: false, evidence: [] },
    findings: [],
    warnings: [],
  },
  resolution: { via: 'policy' },
});
const text = (...lines: NoteLine[]) => lines.map(noteLineText).join('');
/** The same line, its JSON changed by one character and its checksum left as it was. */
const garbled = (line: NoteLine) => noteLineText(line).replace('"s1"', '"s9"').replace('"allow"', '"alloW"');

const a1 = arrive('a1', 'claude', 1000);
const a2 = arrive('a2', 'cursor', 1001);
const d1 = done('a1', 'allow', 1002);
const a3 = arrive('a3', 'claude', 20_000);
const d3 = done('a3', 'deny', 20_001);

test('a note read again after it grew, changed in place, was cut short or started anew reads as read fresh', () => {
  assert.deepEqual(parseNote(text(a1, a2)), [a1, a2]);
  // Grown by whole lines: the lines read before, then the new ones.
  assert.deepEqual(parseNote(text(a1, a2, d1)), [a1, a2, d1]);
  // The outcome rewritten in place after it was read (same length, checksum kept): left out, not remembered.
  assert.deepEqual(parseNote(text(a1, a2) + garbled(d1)), [a1, a2]);
  // A line of its middle changed: everything after it is read again.
  assert.deepEqual(parseNote(noteLineText(a1) + garbled(a2) + noteLineText(d1)), [a1, d1]);
  // Cut short, then grown again by other lines.
  assert.deepEqual(parseNote(text(a1)), [a1]);
  assert.deepEqual(parseNote(text(a1, a3)), [a1, a3]);
  // Started anew with other lines, and emptied.
  assert.deepEqual(parseNote(text(a3, d3)), [a3, d3]);
  assert.deepEqual(parseNote(''), []);
  // The whole of an earlier note again: as it was.
  assert.deepEqual(parseNote(text(a1, a2, d1)), [a1, a2, d1]);
});

test('a line still being written is not remembered: the same bytes completed, or completed otherwise, read right', () => {
  const whole = text(a1, a2, d1);
  const cut = whole.slice(0, whole.length - 30);
  assert.deepEqual(parseNote(cut), [a1, a2], 'the outcome cut short is left out');
  assert.deepEqual(parseNote(whole), [a1, a2, d1], 'completed, it is read');
  // The cut line's start followed by a newline and another line (a writer killed mid-line, the next one whole).
  assert.deepEqual(parseNote(cut + noteLineText(a3)), [a1, a2, a3]);
  assert.deepEqual(parseNote(cut), [a1, a2]);
});

test('more notes than are remembered at once still read right', () => {
  for (let round = 0; round < 3; round++)
    for (let n = 0; n < 20; n++) {
      const lines = [arrive(`n${n}`, 'claude', n), done(`n${n}`, n % 2 ? 'deny' : 'allow', n + 1)];
      assert.deepEqual(parseNote(text(...lines)), lines, `note ${n}, round ${round}`);
    }
});

/** A replay as plain data: every call and what each arrival became. */
function plain(lines: readonly NoteLine[]): unknown {
  const r = replay(lines);
  return { entries: [...r.entries], roles: [...r.roles] };
}

/** The same lines as objects no replay has seen: played from the start. */
const fresh = (lines: readonly NoteLine[]): NoteLine[] => lines.map((l) => JSON.parse(JSON.stringify(l)) as NoteLine);

test('a replay that goes on from an earlier one ends where playing every line again ends', () => {
  const lines = parseNote(text(a1, a2, d1, a3, d3));
  for (let i = 0; i < lines.length; i++)
    assert.deepEqual(plain(lines.slice(0, i + 1)), plain(fresh(lines.slice(0, i + 1))), `after ${i + 1} lines`);
  // A replay another one went on from is left as it was: whoever holds it reads what it said.
  const own = parseNote(text(arrive('e1', 'claude', 5000), arrive('e2', 'cursor', 5001), done('e1', 'deny', 5002)));
  const earlier = replay(own.slice(0, 2));
  const said = JSON.stringify({ entries: [...earlier.entries], roles: [...earlier.roles] });
  assert.equal(replay(own).entries.get('e1')?.done?.verdict.decision, 'deny', 'went on from it');
  assert.equal(JSON.stringify({ entries: [...earlier.entries], roles: [...earlier.roles] }), said);
  assert.equal(earlier.entries.get('e1')?.state, 'pending');
});

test("lines as many as a known replay's, the last of them another, are played, not taken for it", () => {
  const lines = parseNote(text(a1, a2, d1));
  assert.equal(replay(lines).entries.get('a1')?.done?.verdict.decision, 'allow');
  // The outcome line replaced by another (a note rewritten): as many lines, the same first two.
  const other = [...lines.slice(0, 2), done('a1', 'deny', 1002)];
  assert.equal(replay(other).entries.get('a1')?.done?.verdict.decision, 'deny');
  assert.deepEqual(plain(other), plain(fresh(other)));
  assert.equal(replay(lines).entries.get('a1')?.done?.verdict.decision, 'allow');
});

test('a note grown one line at a time, many times over, replays as its lines played at once', () => {
  const lines: NoteLine[] = [];
  for (let i = 0; i < 60; i++) {
    const at = 1000 + i * 700;
    lines.push(arrive(`g${i}`, i % 2 ? 'cursor' : 'claude', at));
    if (i % 2 === 0) lines.push(done(`g${i}`, i % 4 ? 'deny' : 'allow', at + 1));
  }
  const parsed = parseNote(text(...lines));
  for (let n = 1; n <= parsed.length; n++) {
    const now = replay(parsed.slice(0, n));
    const played = replay(fresh(parsed.slice(0, n)));
    assert.deepEqual([...now.entries], [...played.entries], `${n} lines`);
    assert.deepEqual([...now.roles], [...played.roles], `${n} lines`);
    for (const l of parsed.slice(0, n))
      if (l.t === 'arrive') assert.deepEqual(now.roles.get(l.id), played.roles.get(l.id), `${l.id} after ${n} lines`);
  }
});
