// Five expressions of the HTTP and secrets readings have a cheap exact check in front of them, so a hook call
// whose text cannot match answers without V8 compiling them. A check that said no where its expression says yes
// would miss a deletion, a key added, money moved or a secret sent to a collector: each must answer as its
// expression on every alternative, on near misses and on characters that `/i` or case mapping fold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HOOK_PATH, KEY_PATH, isHookPath, isKeyPath } from '../../../../src/core/packs/http/forgeAccess';
import { WIPE_FLAG, asksToWipe } from '../../../../src/core/packs/http/mutationWords';
import { MAYBE_DESTRUCTIVE, scanDestructive } from '../../../../src/core/packs/http/words';
import { MONEY_PATH, isMoneyPath } from '../../../../src/core/packs/common/money';
import { COLLECTOR_HOST_RE, isCollectorHost } from '../../../../src/core/packs/secrets/network';

const FOLDS = ['', 'x', 'X', '_', '1', ' ', '/', '.', '-', '"', ':', '\n', '\u212A', '\u017F', '\u0131', '\u0130', 'é'];

/** Texts built around each sample: the sample, its cases, its halves, and characters before and after it. */
function* around(samples: readonly string[]): Generator<string> {
  for (const w of samples) {
    const variants = [w, w.toUpperCase(), w.toLowerCase(), w[0].toUpperCase() + w.slice(1), w.slice(0, -1), w.slice(1)];
    for (const v of variants) for (const a of FOLDS) for (const b of FOLDS) yield a + v + b;
  }
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const pieces = [...samples, ...FOLDS, 'api', '/v1/', 'graphql', 'keys', 'hooks', 'true', '.com/v', 'site'];
  for (let n = 0; n < 20_000; n++) {
    let t = '';
    for (let k = 1 + (next() % 4); k > 0; k--) t += pieces[next() % pieces.length];
    yield t;
  }
}

function compare(re: RegExp, check: (t: string) => boolean, samples: readonly string[]) {
  let yes = 0;
  for (const t of around(samples)) {
    const want = re.test(t);
    if (want) yes++;
    assert.equal(check(t), want, JSON.stringify(t));
  }
  assert.ok(yes > 50, 'the samples reach the expression');
}

test('the destructive-name scan answers as MAYBE_DESTRUCTIVE on each of its words', () => {
  const words = MAYBE_DESTRUCTIVE.source.split('|');
  assert.ok(words.length > 30 && words.every((w) => /^[a-z]+$/.test(w)), 'the alternation is plain words');
  compare(MAYBE_DESTRUCTIVE, scanDestructive, [...words, 'volumeDelete', 'deleteProject', 'listVolumes', 'r\u017Fm']);
});

test('the collector-host check answers as COLLECTOR_HOST_RE', () => {
  const hosts = COLLECTOR_HOST_RE.source
    .replace(/[()?:^$]/g, '')
    .split('|')
    .map((w) => w.replace(/\\\./g, '.').replace('[a-z.]+', 'com').replace('[a-z]+', 'io').replace('[23]', '2'))
    .filter((w) => /^[\w.]+$/.test(w));
  assert.ok(hosts.length > 25, 'the alternation was read');
  const samples = [...hosts, ...hosts.map((h) => 'x.' + h), ...hosts.map((h) => 'a-' + h + '-b.com')];
  compare(COLLECTOR_HOST_RE, isCollectorHost, [...samples, 'backboard.railway.app', 'hastebin.com', 'ptsv3.com']);
});

test('the key and hook path checks answer as KEY_PATH and HOOK_PATH', () => {
  const keys = ['/user/keys', 'user/gpg_keys', '/user/ssh_signing_keys/', '/repos/o/r/keys', '/api/v4/user/keys'];
  const more = ['/api/v4/users/u/keys', '/api/v4/projects/1/deploy_keys', '/graphql/v2', '/repos/o/r/keys/1'];
  const hooks = ['/repos/o/r/hooks', 'orgs/o/hooks/', '/api/v4/projects/1/hooks', '/api/v4/groups/g/hooks'];
  compare(KEY_PATH, isKeyPath, [...keys, ...more, ...hooks]);
  compare(HOOK_PATH, isHookPath, [...keys, ...more, ...hooks, '/repos/o/r/hooks/9']);
});

test('the wipe check answers as WIPE_FLAG', () => {
  const flags = WIPE_FLAG.source
    .match(/\(\?:replace[^)]*\)/)![0]
    .slice(3, -1)
    .split('|');
  assert.ok(flags.length > 8, 'the alternation was read');
  const samples = flags.flatMap((f) => [
    `"${f}":true`,
    `{${f}: true}`,
    `\\"${f}\\" : true`,
    `${f}:truex`,
    `${f}:false`,
  ]);
  compare(WIPE_FLAG, asksToWipe, samples);
});

test('the money check answers as MONEY_PATH', () => {
  const stripe = ['refunds', 'payouts', 'transfers', 'topups', 'charges/ch_1/refunds', 'charges/ch_1/refund'];
  const paypal = [
    'payments/payouts',
    'payments/captures/c1/refund',
    'payments/sale/s1/refund',
    'payments/referenced-payouts',
  ];
  compare(MONEY_PATH, isMoneyPath, [
    ...stripe.map((p) => 'https://api.stripe.com/v1/' + p),
    ...paypal.map((p) => 'https://api.paypal.com/v1/' + p),
    ...paypal.map((p) => 'api-m.paypal.com/v2/' + p),
    'https://api.stripe.com/v2/refunds',
    'https://api.stripe.com/v1/customers',
  ]);
});
