// `make -n` is a preview, but not of everything: GNU make still runs recipe lines marked `+` and those that name
// `$(MAKE)`, and `$(shell …)` while it reads the makefile; `-p` prints the database and then builds as usual. Each
// of these ran unjudged: a dry run was taken to run nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';
import { WORKSPACE } from '../support/helpers';

const MAKEFILE = [
  'plus:',
  '\t+rm -rf ~/notes',
  'sub:',
  '\t$(MAKE) -v; rm -rf ~/notes',
  'braced:',
  '\t@${MAKE} --version && rm -rf ~/notes',
  'quiet:',
  '\trm -rf ~/notes',
  'ok:',
  '\techo hi',
  '',
].join('\n');

test('what make runs even in a dry run is judged; the rest of a dry run stays quiet', () => {
  const { decide } = engine({
    [`${WORKSPACE}/Makefile`]: MAKEFILE,
    [`${WORKSPACE}/read/Makefile`]: 'X := $(shell rm -rf ~/notes)\nok:\n\techo hi\n',
  });
  for (const c of [
    'make -n plus',
    'make --dry-run sub',
    'make -q braced',
    'make --just-print plus',
    'make -t plus',
    'make -p quiet',
    'make -n -C read ok',
    'make -Cread -n ok',
  ])
    assert.notEqual(decide(c), 'allow', c);
  for (const c of ['make -n quiet', 'make -q quiet', 'make --dry-run ok', 'make -n ok', 'make -qp quiet'])
    assert.equal(decide(c), 'allow', c);
});
