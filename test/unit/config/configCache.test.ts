import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../../src/core/config/load';
import { confirmedState } from '../support/account';

test('a validated config is remembered by its exact text, and a changed file is validated again', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-cache-'));
  const before = process.env.AGENTGUARD_STATE_DIR;
  // A relocation counts only once confirmed (core/state confirmedStateDir): the cache is read from the folder the hook uses.
  fs.mkdirSync(path.join(tmp, 'state'));
  process.env.AGENTGUARD_STATE_DIR = confirmedState(path.join(tmp, 'state'));
  try {
    const ws = path.join(tmp, 'ws');
    fs.mkdirSync(ws);
    const file = path.join(ws, '.agentguard.json');
    fs.writeFileSync(file, JSON.stringify({ rules: [{ match: 'git push *', decision: 'deny' }] }));
    const first = loadConfig(ws);
    assert.ok(first.ok && first.config?.rules?.[0].decision === 'deny');
    const cacheDir = path.join(tmp, 'state', 'config-cache');
    const entries = fs.readdirSync(cacheDir);
    assert.equal(entries.length, 1);
    // A second load is answered from the cache: a planted marker in the cached config shows it.
    const entry = path.join(cacheDir, entries[0]);
    const cached = JSON.parse(fs.readFileSync(entry, 'utf8'));
    cached.config.mode = 'monitor';
    fs.writeFileSync(entry, JSON.stringify(cached));
    const second = loadConfig(ws);
    assert.ok(second.ok && second.config?.mode === 'monitor');
    // Any change to the text misses the cache: an invalid file is reported, never hidden behind it.
    fs.writeFileSync(file, JSON.stringify({ rules: [{ match: 'git push *', decision: 'block' }] }));
    const third = loadConfig(ws);
    assert.equal(third.ok, false);
    // A cache entry that is not JSON is ignored, not trusted.
    fs.writeFileSync(file, JSON.stringify({ rules: [] }));
    for (const e of fs.readdirSync(cacheDir)) fs.writeFileSync(path.join(cacheDir, e), 'garbage');
    const fourth = loadConfig(ws);
    assert.ok(fourth.ok && Array.isArray(fourth.config?.rules));
  } finally {
    if (before === undefined) delete process.env.AGENTGUARD_STATE_DIR;
    else process.env.AGENTGUARD_STATE_DIR = before;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
