// identityTest compares a glob's literal start and end before its expression (config/glob.ts). A comparison that
// said no where the expression says yes would miss a production host, context or database: it must answer as
// identityGlob on every glob shape and on characters `/i` folds differently (Kelvin sign, long s, dotted I).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityGlob, identityTest } from '../../../src/core/config/glob';

const PATTERNS = [
  '*.prod.acme.internal',
  'db.acme.io',
  'prod-*',
  'arn:aws:eks:*:*:cluster/prod',
  'prod',
  '*_prod',
  'a?c',
  '\\*lit',
  'lit\\*',
  'x\\',
  '\\\\x*',
  'É*',
  '*é',
  'K*',
  '*s',
  'S*k',
  '',
  '*',
  '?',
  'a\\?b*',
  'pro*d*',
  '*prod*',
  'Prod-DB.example.COM',
  '\u212Aube-*',
  '*.\u212A8s',
  '\u017Fx*',
];
const FOLDS = [
  '',
  'x',
  'X',
  '.',
  '-',
  '*',
  '?',
  '\\',
  '\n',
  '\u212A',
  '\u017F',
  '\u0130',
  '\u0131',
  'é',
  'É',
  'k',
  'K',
  's',
  'S',
];

test('identityTest answers as identityGlob', () => {
  let yes = 0;
  for (const p of PATTERNS) {
    const re = identityGlob(p);
    const check = identityTest(p);
    const bare = p.replace(/\\(.)/g, '$1');
    const bases = [
      bare,
      bare.replace(/[*?]/g, 'zz'),
      bare.replace(/[*?]/g, ''),
      bare.replace(/[*?]/g, '\n'),
      ...PATTERNS,
    ];
    for (const base of bases)
      for (const v of [base, base.toUpperCase(), base.toLowerCase(), base.slice(1), base.slice(0, -1)])
        for (const a of FOLDS)
          for (const b of FOLDS) {
            const t = a + v + b;
            const want = re.test(t);
            if (want) yes++;
            assert.equal(check(t), want, `${JSON.stringify(p)} on ${JSON.stringify(t)}`);
          }
  }
  assert.ok(yes > 1000, 'the texts reach the expressions');
});
