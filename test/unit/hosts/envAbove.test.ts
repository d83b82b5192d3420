// The `.env` search of Gemini CLI and Qwen Code above a workspace, on real
// folders: the first file found is the one, the workspace's own ends the
// search, the home's is the user's, and Qwen Code's search climbs from the
// workspace's real folder and ends at the home.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { envFileAbove, envFilesAbove, type EnvSearch } from '../../../src/core/hosts/envAbove';

const GEMINI: EnvSearch = { files: ['.gemini/.env', '.env'], endsAtHome: false, realStart: false };
const QWEN: EnvSearch = { files: ['.qwen/.env', '.env'], endsAtHome: true, realStart: true };

function put(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'X=1\n');
  return file;
}

/** Runs `fn` in a fresh folder (its real path), removed afterwards. */
function inRoot(fn: (root: string) => void): void {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ag-envabove-')));
  try {
    fn(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

test('the first .env above the workspace, in the host order; none where the workspace or the home holds one first', () => {
  inRoot((root) => {
    const home = path.join(root, 'home');
    const ws = path.join(home, 'code', 'org', 'app');
    fs.mkdirSync(ws, { recursive: true });
    assert.equal(envFileAbove(ws, home, GEMINI), undefined);
    const far = put(path.join(home, 'code', '.env'));
    assert.equal(envFileAbove(ws, home, GEMINI), far);
    const near = put(path.join(home, 'code', 'org', '.gemini', '.env'));
    put(path.join(home, 'code', 'org', '.env'));
    assert.equal(envFileAbove(ws, home, GEMINI), near, '.gemini/.env comes before .env in one folder');
    put(path.join(ws, '.env'));
    assert.equal(envFileAbove(ws, home, GEMINI), undefined, "the workspace's own is found first");
    fs.rmSync(path.join(ws, '.env'));
    fs.rmSync(path.join(home, 'code'), { recursive: true });
    fs.mkdirSync(ws, { recursive: true });
    const beyond = put(path.join(root, '.env'));
    assert.equal(envFileAbove(ws, home, GEMINI), beyond, 'Gemini CLI goes on past a home that holds none');
    assert.equal(envFileAbove(ws, home, QWEN), undefined, 'Qwen Code stops at the home');
    put(path.join(home, '.env'));
    assert.equal(envFileAbove(ws, home, GEMINI), undefined, "the home's is the user's");
  });
});

test("Qwen Code's search climbs from the workspace's real folder; Gemini CLI's from the path as given", () => {
  inRoot((root) => {
    const home = path.join(root, 'home');
    const real = path.join(root, 'srv', 'repos', 'app');
    fs.mkdirSync(real, { recursive: true });
    fs.mkdirSync(path.join(home, 'links'), { recursive: true });
    const link = path.join(home, 'links', 'app');
    fs.symlinkSync(real, link);
    const above = put(path.join(root, 'srv', 'repos', '.qwen', '.env'));
    assert.equal(envFileAbove(link, home, QWEN), above);
    assert.equal(envFileAbove(link, home, GEMINI), undefined, 'the link lies in the home: nothing above it holds one');
  });
});

// Gemini CLI's `advanced.ignoreLocalEnv` setting (or `--ignore-env`) makes its findEnvFile pass over a plain `.env`
// outside the home and go on to a `.gemini/.env` further up (gemini-cli pull request 26445, "feat: add ignoreLocalEnv
// setting and --ignore-env flag"); the hook cannot see a flag, so both searches are made.
test("where a plain .env may be passed over, the first .gemini/.env above it is one of the files too; the home's are the user's", () => {
  inRoot((root) => {
    const both: EnvSearch = { ...GEMINI, passable: ['.env'] };
    const home = path.join(root, 'home');
    const ws = path.join(home, 'code', 'org', 'app');
    fs.mkdirSync(ws, { recursive: true });
    assert.deepEqual(envFilesAbove(ws, home, both), []);
    put(path.join(ws, '.env'));
    const far = put(path.join(home, 'code', '.gemini', '.env'));
    assert.equal(envFileAbove(ws, home, both), undefined, "without the setting the workspace's .env is found first");
    assert.deepEqual(envFilesAbove(ws, home, both), [far], 'with it, the search goes on past the .env');
    assert.deepEqual(envFilesAbove(ws, home, GEMINI), [], 'a host that passes over none');
    const plain = put(path.join(home, 'code', 'org', '.env'));
    fs.rmSync(path.join(ws, '.env'));
    assert.deepEqual(envFilesAbove(ws, home, both), [plain, far], 'the first found, and the first not passed over');
    fs.rmSync(path.join(home, 'code'), { recursive: true });
    fs.mkdirSync(ws, { recursive: true });
    put(path.join(home, '.env'));
    put(path.join(root, '.gemini', '.env'));
    assert.deepEqual(envFilesAbove(ws, home, both), [], "the home's .env is loaded even then, and is the user's");
  });
});
