// The same-call note as a file only appended to (sameCallNote.ts): a line
// cut short or garbled is never taken for an outcome, never swallows the
// line after it, and arrivals racing in separate processes agree on who
// decides each call — with no lock between them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { claimSameCall, type SameCall } from '../../../src/core/frontdoor/sameCall';
import {
  appendNoteLine,
  NOTE_HARD_BYTES,
  NOTE_SOFT_BYTES,
  noteLineText,
  parseNote,
  type NoteLine,
} from '../../../src/core/frontdoor/sameCallNote';
import type { HookRequest } from '../../../src/core/hosts/types';
import type { Verdict } from '../../../src/core/types';

const CWD = '/srv/code';

function verdict(decision: Verdict['decision']): Verdict {
  return {
    decision,
    score: decision === 'allow' ? 0 : 80,
    environment: { name: 'unknown', production: false, evidence: [] },
    findings: [],
    warnings: [],
  };
}

function request(event: string, command: string, session: string): HookRequest {
  return { kind: 'shell', event, command, cwd: CWD, workspaceRoots: [], sessionId: session } as unknown as HookRequest;
}

const claude = (state: string, command: string, session: string, v: Verdict, now?: number): SameCall =>
  claimSameCall(state, 'claude', request('PreToolUse', command, session), CWD, CWD, v, 60_000, now);
const cursor = (state: string, command: string, session: string, v: Verdict, now?: number): SameCall =>
  claimSameCall(state, 'cursor', request('beforeShellExecution', command, session), CWD, CWD, v, 60_000, now);

function withState(fn: (state: string) => Promise<void>): Promise<void> {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-samecall-'));
  return fn(state).finally(() => fs.rmSync(state, { recursive: true, force: true }));
}

function noteOf(state: string): string {
  const notes = fs.readdirSync(path.join(state, 'calls')).filter((n) => n.endsWith('.log'));
  assert.equal(notes.length, 1, notes.join(', '));
  return path.join(state, 'calls', notes[0]);
}

test('an outcome line garbled after it was written is not repeated: the second arrival judges the call in full', () =>
  withState(async (state) => {
    const command = 'psql -c "DROP TABLE users"';
    const first = claude(state, command, 's1', verdict('ask'));
    assert.equal(first.role, 'owner');
    if (first.role !== 'owner') return;
    first.settle({ state: 'done', verdict: verdict('ask'), resolution: { via: 'editor', decision: 'deny' } });
    const note = noteOf(state);
    const text = fs.readFileSync(note, 'utf8');
    assert.match(text, /"decision":"deny"/);
    // The human's deny changed after it was written, to a word of the same length: only the checksum tells.
    fs.writeFileSync(note, text.replace('"decision":"deny"', '"decision":"allo"'));
    const second = cursor(state, command, 's1', verdict('ask'));
    assert.equal(second.role, 'repeat');
    if (second.role !== 'repeat') return;
    assert.equal(await second.wait(300), undefined, 'no outcome to repeat: judged in full');
  }));

test('an outcome cut short is not repeated, and a line cut short does not swallow the next one', () =>
  withState(async (state) => {
    const command = 'git push --force origin main';
    const first = claude(state, command, 's1', verdict('ask'));
    assert.equal(first.role, 'owner');
    if (first.role !== 'owner') return;
    first.settle({ state: 'done', verdict: verdict('ask'), resolution: { via: 'editor', decision: 'allow' } });
    const note = noteOf(state);
    // A writer killed mid-line: the outcome ends half-way, with no newline.
    const text = fs.readFileSync(note, 'utf8');
    fs.writeFileSync(note, text.slice(0, text.length - 40));
    const second = cursor(state, command, 's1', verdict('ask'));
    assert.equal(second.role, 'repeat', 'its own line is read whole after the torn one');
    if (second.role !== 'repeat') return;
    assert.equal(await second.wait(300), undefined);
    // The next call of the same content, in another session, is decided and repeated as ever.
    const third = claude(state, command, 's2', verdict('ask'));
    assert.equal(third.role, 'owner');
    if (third.role !== 'owner') return;
    third.settle({ state: 'done', verdict: verdict('ask'), resolution: { via: 'editor', decision: 'allow' } });
    const fourth = cursor(state, command, 's2', verdict('ask'));
    assert.equal(fourth.role, 'repeat');
    if (fourth.role !== 'repeat') return;
    const outcome = await fourth.wait(2000);
    assert.deepEqual(outcome?.state === 'done' && outcome.resolution, { via: 'editor', decision: 'allow' });
  }));

test('a note that is not a regular file is never followed: the arrival judges alone', () =>
  withState(async (state) => {
    const command = 'rm -rf /srv/code/build';
    const first = claude(state, command, 's1', verdict('ask'));
    assert.equal(first.role, 'owner');
    const note = noteOf(state);
    fs.rmSync(note);
    fs.symlinkSync(path.join(state, 'elsewhere'), note);
    assert.equal(cursor(state, command, 's1', verdict('ask')).role, 'alone');
    assert.equal(fs.existsSync(path.join(state, 'elsewhere')), false);
  }));

/**
 * One call reaching two hook files, `n` times over, `spacedMs` apart (in the
 * note's clock): every arrival that decides settles its outcome at once, and
 * every other repeats one. The arrivals that decided, what each repeat got,
 * and the note's largest size.
 */
async function callAgain(
  state: string,
  n: number,
  spacedMs: number,
): Promise<{ owners: number; repeats: (string | undefined)[]; largest: number }> {
  let owners = 0;
  const repeats: (string | undefined)[] = [];
  let largest = 0;
  const start = Date.now();
  for (let i = 0; i < n; i++) {
    const now = start + i * spacedMs;
    for (const arrive of [claude, cursor]) {
      const c = arrive(state, 'ls -la', 's1', verdict('allow'), now);
      assert.notEqual(c.role, 'alone', `call ${i}`);
      if (c.role === 'owner') {
        owners++;
        const marked = { ...verdict('allow'), warnedFiles: [`call ${i}`] };
        c.settle({ state: 'done', verdict: marked, resolution: { via: 'policy' } }, now);
      } else if (c.role === 'repeat') {
        const outcome = await c.wait(2000);
        repeats.push(outcome?.state === 'done' ? outcome.verdict.warnedFiles?.[0] : undefined);
      }
      largest = Math.max(largest, fs.statSync(noteOf(state)).size);
    }
  }
  return { owners, repeats, largest };
}

test('a call made again and again keeps its note short, started anew once nothing in it is live', () =>
  withState(async (state) => {
    // Each call after the last one's window: the note is started anew as soon as it is long, and nothing is lost.
    const { owners, repeats, largest } = await callAgain(state, 300, 11_000);
    assert.ok(largest < NOTE_SOFT_BYTES + 2048, `${largest} bytes`);
    assert.equal(owners, 300);
    assert.deepEqual(
      repeats,
      repeats.map((_, i) => `call ${i}`),
    );
  }));

test('a call made again within its window keeps its note bounded, and each second arrival still repeats its own call', () =>
  withState(async (state) => {
    const { owners, repeats, largest } = await callAgain(state, 700, 0);
    assert.ok(largest <= NOTE_HARD_BYTES + 2048, `${largest} bytes`);
    assert.ok(largest >= NOTE_HARD_BYTES, 'long enough to be started anew while calls are live');
    // Started anew only by a first arrival: no call loses its second one.
    assert.equal(owners, 700);
    assert.deepEqual(
      repeats,
      repeats.map((_, i) => `call ${i}`),
    );
  }));

/** A process that claims each of `commands` as one channel, all processes at the same moments, and says what it became. */
const RACER = `
const { claimSameCall } = require(process.env.SAME_CALL_MODULE);
const [state, host, event, start, count] = process.argv.slice(1);
const verdict = { decision: 'ask', score: 80, environment: { name: 'unknown', production: false, evidence: [] }, findings: [], warnings: [] };
(async () => {
  const out = [];
  for (let i = 0; i < Number(count); i++) {
    const at = Number(start) + i * 60;
    while (Date.now() < at);
    const command = 'git push --force origin branch' + i;
    const req = { kind: 'shell', event, command, cwd: '/srv/code', workspaceRoots: [], sessionId: 'race' };
    const me = host + ' ' + process.pid + ' ' + i;
    const c = claimSameCall(state, host, req, '/srv/code', '/srv/code', verdict, 60000);
    if (c.role === 'owner') {
      c.settle({ state: 'done', verdict: { ...verdict, warnedFiles: [me] }, resolution: { via: 'policy' } });
      out.push({ i, role: 'owner', me });
    } else if (c.role === 'repeat') {
      const o = await c.wait(5000);
      out.push({ i, role: 'repeat', me, got: o && o.state === 'done' ? o.verdict.warnedFiles[0] : null });
    } else out.push({ i, role: c.role, me });
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

interface Raced {
  i: number;
  role: string;
  me: string;
  got?: string | null;
}

test('arrivals racing in separate processes agree on who decides: each repeat gets an outcome, one per channel', () =>
  withState(async (state) => {
    const module = require.resolve('../../../src/core/frontdoor/sameCall');
    const rounds = 12;
    const start = Date.now() + 1500;
    const racers = [
      ...Array.from({ length: 3 }, () => ['claude', 'PreToolUse']),
      ...Array.from({ length: 3 }, () => ['cursor', 'beforeShellExecution']),
    ].map(
      ([host, event]) =>
        new Promise<Raced[]>((resolve, reject) => {
          const child = spawn(process.execPath, ['-e', RACER, state, host, event, String(start), String(rounds)], {
            env: { ...process.env, SAME_CALL_MODULE: module },
          });
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (out += d.toString()));
          child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Raced[]) : reject(new Error(out))));
        }),
    );
    const all = (await Promise.all(racers)).flat();
    assert.equal(all.length, 6 * rounds);
    for (let i = 0; i < rounds; i++) {
      const round = all.filter((r) => r.i === i);
      assert.deepEqual(
        round.filter((r) => r.role !== 'owner' && r.role !== 'repeat'),
        [],
        `round ${i}: every arrival took part`,
      );
      const owners = new Set(round.filter((r) => r.role === 'owner').map((r) => r.me));
      const joined = new Map<string, string[]>();
      for (const r of round.filter((x) => x.role === 'repeat')) {
        assert.ok(r.got && owners.has(r.got), `round ${i}: ${r.me} repeated an owner's outcome (got ${r.got})`);
        const channels = joined.get(r.got) ?? [];
        const channel = r.me.split(' ')[0];
        assert.notEqual(channel, r.got.split(' ')[0], `round ${i}: ${r.me} repeats its own channel's call`);
        assert.ok(!channels.includes(channel), `round ${i}: two ${channel} arrivals repeat ${r.got}`);
        joined.set(r.got, [...channels, channel]);
      }
      // Two channels, three arrivals each: exactly three calls, each a pair.
      assert.equal(owners.size, 3, `round ${i}: ${JSON.stringify(round)}`);
    }
  }));

test('a line read whole once is still left out when the same text comes back garbled', () => {
  const line = noteLineText({ t: 'open', entry: 'e1', by: 'a1', at: 1 });
  const other = noteLineText({ t: 'failed', entry: 'e2', by: 'a2', at: 2 });
  // Read twice whole: the second read takes its checksum from the lines this process checked.
  assert.deepEqual(parseNote(line + other), parseNote(line + other));
  assert.equal(parseNote(line + other).length, 2);
  // One character changed in the JSON, the length and checksum kept: never taken, however often read.
  const garbled = line.replace('"e1"', '"e9"');
  for (let i = 0; i < 3; i++)
    assert.deepEqual(parseNote(garbled + other), [{ t: 'failed', entry: 'e2', by: 'a2', at: 2 }]);
  // Past the bound on remembered lines, every line is still checked.
  let many = '';
  for (let i = 0; i < 1500; i++) many += noteLineText({ t: 'open', entry: `m${i}`, by: 'x', at: i });
  assert.equal(parseNote(many).length, 1500);
  assert.equal(parseNote(garbled + many + garbled).length, 1500);
});

test('the read-back after an append is the whole note, however long, and a note past its bound is refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-note-readback-'));
  try {
    const file = path.join(dir, 'note.log');
    const arrive = (i: number): NoteLine => ({
      t: 'arrive',
      id: `1.${i}.${'x'.repeat(200)}`,
      at: 1,
      deadline: 2,
      host: 'claude',
      event: 'PreToolUse',
    });
    // Past the 16 KiB the read starts with, to two and a half times it: read on past each full buffer.
    let written = '';
    for (let i = 0; written.length < 40 * 1024; i++) written += noteLineText(arrive(i));
    fs.writeFileSync(file, written, { mode: 0o600 });
    const back = appendNoteLine(file, arrive(-1), { readBack: true });
    assert.equal(back, written + noteLineText(arrive(-1)));
    assert.equal(parseNote(back ?? '').length, parseNote(written).length + 1);
    // Longer than any note is kept (twice its largest): an error, so the arrival judges alone.
    fs.writeFileSync(file, written.repeat(4), { mode: 0o600 });
    assert.throws(() => appendNoteLine(file, arrive(-2), { readBack: true }), /too large/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
