// Every mutant of scripts/mutants.mjs names a text that stands exactly once in its file: a line reworded without its
// mutant leaves the mutant stale, which `npm run mutate` refuses in CI's last phase. Caught here, with the unit tests.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');

interface Mutant {
  id: string;
  file: string;
  from: string;
}

function mutants(): Mutant[] {
  const module = JSON.stringify(path.join(REPO, 'scripts', 'mutants.mjs'));
  const code = `import(${module}).then((m) => console.log(JSON.stringify(m.MUTANTS)))`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Mutant[];
}

test("each mutant's text stands exactly once in its file", () => {
  const all = mutants();
  assert.ok(all.length > 100, `${all.length} mutants read`);
  const stale = all.filter((m) => fs.readFileSync(path.join(REPO, m.file), 'utf8').split(m.from).length !== 2);
  assert.deepEqual(
    stale.map((m) => `${m.id} (${m.file})`),
    [],
  );
});
