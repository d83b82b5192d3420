// The bundle the launcher pinned is hashed once per file: a note in the
// state folder's code-cache folder names the file's identity and the pin, and
// a later call reading the same unchanged file skips the hash. A file that
// changed (the same size, new bytes) is hashed again and refused, note or not;
// a file too freshly changed for its change time to name its content gets no
// note. Real CLI copies and processes, as the launcher starts them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { confirmedState } from '../support/account';
import { BUNDLE_MISMATCH_EXIT, BUNDLE_PIN_ENV } from '../../../src/core/launcher';
import { SETTLED_MS, matchesPin, readBundle } from '../../../src/cli/bundlePin';

const DIST = path.resolve(__dirname, '..', '..', '..', '..', 'dist');

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const notes = (cache: string) =>
  fs.existsSync(cache) ? fs.readdirSync(cache).filter((f) => f.endsWith('.checked')) : [];
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

test('a pinned bundle is hashed until a note says this unchanged file matched; a changed one is refused despite the note', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-bundlepin-'));
  try {
    // A copy of the CLI and its parts, so that its bundle can be changed.
    const dist = path.join(home, 'install', 'dist');
    fs.cpSync(DIST, dist, { recursive: true, filter: (f) => !f.endsWith('.map') });
    const bundle = path.join(dist, 'agentguard.js');
    const ws = path.join(home, 'code', 'app');
    fs.mkdirSync(ws, { recursive: true });
    const cache = path.join(home, 'state', 'code-cache');
    // The launcher keeps its cache only in a state folder that is there and confirmed.
    fs.mkdirSync(path.join(home, 'state'), { mode: 0o700 });
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AGENTGUARD_STATE_DIR: confirmedState(path.join(home, 'state')),
      [BUNDLE_PIN_ENV]: sha(bundle),
    };
    const check = () =>
      spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'check', '--workspace', ws, '--', 'rm -rf /'], {
        encoding: 'utf8',
        env,
      });

    const fresh = check();
    assert.equal(fresh.status, 2, fresh.stderr);
    assert.match(fresh.stdout, /^deny/);
    assert.deepEqual(notes(cache), [], 'a file changed just now: its change time may not name its content yet');

    sleep(SETTLED_MS + 200);
    const settled = check();
    assert.equal(settled.status, 2, settled.stderr);
    const [note] = notes(cache);
    assert.ok(note, 'the settled file that hashed to the pin is noted');
    const st = fs.statSync(bundle, { bigint: true });
    assert.equal(note, `bundle-${st.dev}-${st.ino}-${st.size}-${st.ctimeNs}-${sha(bundle)}.checked`);
    assert.equal(check().status, 2, 'the note stands in for the hash');

    // The same size, other bytes: a new change time, so the note does not name it.
    const bytes = fs.readFileSync(bundle);
    bytes[bytes.length - 2] = bytes[bytes.length - 2] === 0x20 ? 0x0a : 0x20;
    fs.writeFileSync(bundle, bytes);
    const changed = check();
    assert.equal(changed.status, BUNDLE_MISMATCH_EXIT, changed.stderr);
    assert.match(changed.stderr, /is not the bundle AgentGuard recorded/);
    assert.equal(changed.stdout, '');

    // A pin that is not a SHA-256 names no note (never a path), and matches nothing.
    const odd = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'check', '--', 'ls'], {
      encoding: 'utf8',
      env: { ...env, [BUNDLE_PIN_ENV]: '../../x' },
    });
    assert.equal(odd.status, BUNDLE_MISMATCH_EXIT, odd.stderr);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test("on Windows a note never stands for the hash: a file's owner can set its change time there", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-bundlepin-win-'));
  try {
    const file = path.join(dir, 'agentguard.js');
    fs.writeFileSync(file, '/* changed after it was recorded */\n');
    const read = readBundle(file, 1024);
    assert.ok(read.stamp);
    const recorded = 'b'.repeat(64);
    // A note for this very stamp and the recorded pin, as a stamp set back to the checked file's would find.
    fs.writeFileSync(path.join(dir, `bundle-${read.stamp}-${recorded}.checked`), '');
    const old = Date.now() + 10 * SETTLED_MS;
    assert.equal(matchesPin(read, recorded, dir, old, 'linux'), true, 'on POSIX the note is trusted');
    assert.equal(matchesPin(read, recorded, dir, old, 'win32'), false);
    assert.equal(matchesPin(read, sha(file), dir, old, 'win32'), true);
    assert.equal(notes(dir).length, 1, 'and no note is written on Windows');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a lazily loaded part's note is its own: it stands only for that part, and drops only that part's older notes", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-bundlepin-part-'));
  try {
    const file = path.join(dir, 'sandbox.js');
    fs.writeFileSync(file, '/* a part */\n');
    const read = readBundle(file, 1024);
    assert.ok(read.stamp);
    const later = Date.now() + 10 * SETTLED_MS;
    const recorded = 'c'.repeat(64);
    // A part's note names the part: the bundle's check does not take it, nor another part's.
    fs.writeFileSync(path.join(dir, `chunk-sandbox.js-${read.stamp}-${recorded}.checked`), '');
    assert.equal(matchesPin(read, recorded, dir, later, 'linux', 'chunk-sandbox.js-'), true);
    assert.equal(matchesPin(read, recorded, dir, later, 'linux'), false);
    assert.equal(matchesPin(read, recorded, dir, later, 'linux', 'chunk-preview.js-'), false);

    const kept = [`bundle-1-2-3-4-${'a'.repeat(64)}.checked`, `chunk-preview.js-1-2-3-4-${'b'.repeat(64)}.checked`];
    for (const k of kept) fs.writeFileSync(path.join(dir, k), '');
    assert.equal(matchesPin(read, sha(file), dir, later, 'linux', 'chunk-sandbox.js-'), true);
    assert.deepEqual(
      notes(dir).sort(),
      [...kept, `chunk-sandbox.js-${read.stamp}-${sha(file)}.checked`].sort(),
      "the part's older note is dropped, the others' kept",
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
