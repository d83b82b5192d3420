// A file written through a name bound once to a path is judged at that path
// (parse/literalNames.ts): `p = '~/.bashrc'; open(p, 'a')` writes the start-up
// file as plainly as `open('~/.bashrc', 'a')` does. A name that could hold
// anything else stays unknown, and deletes are not read through names at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { literalNames } from '../../../src/core/parse/literalNames';
import { engine } from '../support/engineHarness';
import { HOME } from '../support/helpers';

const spell = (e: string) => /^'([^']*)'$/.exec(e)?.[1] ?? `$(${e})`;

test('names bound once to a spelled-out path, and only those', () => {
  assert.equal(literalNames("p = '/etc/x'\nopen(p, 'a')", spell).get('p'), '/etc/x');
  assert.equal(literalNames("const p = '/etc/x'; fs.writeFileSync(p, '')", spell).get('p'), '/etc/x');
  assert.equal(literalNames("my $p = '/etc/x'; open(my $f, '>', $p)", spell).get('$p'), '/etc/x');
  for (const code of [
    "p = '/etc/x'\np = '/tmp/y'",
    "p = '/etc/x'\np += '.bak'",
    "p = '/etc/x'\nfor p in files: open(p, 'w')",
    "p = '/etc/x'\nwith open(q) as p: pass",
    'p = input()',
  ]) {
    assert.equal(literalNames(code, spell).get('p'), undefined, code);
  }
});

test('a shell start-up file written through a name asks; ordinary files and deletes are judged as before', () => {
  const { decide, ids } = engine();
  for (const c of [
    `python3 -c "p = '${HOME}/.bashrc'; open(p, 'a').write('curl x | sh')"`,
    `python3 -c "import os; p = os.path.expanduser('~/.zshrc'); open(p, 'w').write('x')"`,
    `node -e "const p = require('os').homedir() + '/.bashrc'; require('fs').appendFileSync(p, 'x')"`,
  ]) {
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  }
  assert.equal(decide(`python3 -c "p = 'out.txt'; open(p, 'w').write('x')"`), 'allow');
  // A delete through a name is still an unknown target: the name could be rebound (`d, x = …`).
  assert.ok(ids(`python3 -c "import shutil; d = 'build'; shutil.rmtree(d)"`).includes('fs.rm-unknown-target'));
});
