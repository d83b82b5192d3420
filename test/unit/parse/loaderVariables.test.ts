// PERL5OPT's -M switch is pasted into `use …;`, so `-Mstrict;system(…)`
// runs code in every perl the line starts (parse/loaderVariables.ts). It was
// judged only for a module loaded from a temp folder, and passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

test('code written into a PERL5OPT -M switch asks; a module loaded by name stays quiet', () => {
  const { decide, ids } = engine();
  for (const c of [
    `PERL5OPT='-Mstrict;system(q(rm),q(-rf),q(/srv/data))' perl -e 1`,
    `PERL5OPT='-w -MO=Deparse;exec(q(sh))' perl x.pl`,
    `env PERL5OPT='-mstrict;unlink(glob(q(~/.ssh/*)))' perl -e 1`,
    'PERL5OPT=-M/tmp/x perl script.pl',
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    `PERL5OPT=-MData::Dumper perl -e 'print Dumper([1])'`,
    'PERL5OPT=-w perl -e 1',
    'PERL5OPT=-MO=Deparse perl -e 1',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
