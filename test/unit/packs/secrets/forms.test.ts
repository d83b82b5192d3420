// Secrets recognised by their form (packs/secrets/forms.ts), and where they
// must not go: URLs a fetch tool requests, files written into source or a web
// root. Placeholders, test-mode keys and public keys are not secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretsIn, writtenSecretFinding } from '../../../../src/core/packs/secrets/forms';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (role: string) =>
  `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${b64({ role, iss: 'supabase' })}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;

test('provider formats, tokens, private keys and connection strings with a password are found', () => {
  const kinds = (t: string) => secretsIn(t).map((h) => h.kind);
  assert.deepEqual(kinds('AKIAIOSFODNN7ABCDEFG'), ['an AWS access key id']);
  assert.deepEqual(kinds(`x ghp_${'a1B2c3'.repeat(6)} y`), ['a GitHub token']);
  assert.deepEqual(kinds(`sk_live_${'Ab12'.repeat(6)}`), ['a live Stripe key']);
  assert.deepEqual(kinds('sk-proj-FZL2i9bx5ulhqHgMsXhye-aPU-9FPDCXWVyqSVrFa_dnavO1kT3q'), ['an OpenAI API key']);
  // The same shape with a low-entropy body is a placeholder, not a key.
  assert.deepEqual(kinds(`sk-proj-${'Zx9_Qw3-'.repeat(6)}`), []);
  assert.deepEqual(kinds(`xoxb-123456789012-1234567890123-${'aB3'.repeat(8)}`), ['a Slack token']);
  assert.deepEqual(kinds('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n'), ['a private key']);
  assert.deepEqual(kinds(jwt('service_role')), ['a JSON Web Token']);
  assert.deepEqual(kinds('postgresql://app:Zq8xKLa91mPw@db.prod.acme.io:5432/app'), [
    'a connection string with a password',
  ]);
  assert.deepEqual(kinds('client_secret = "dG9rZW4tOTgyMTM3aGp3a2Vy"'), ['a secret value next to a key name']);
  // What it shows of a value is a prefix, never the value.
  assert.ok(!secretsIn(`ghp_${'a1B2c3'.repeat(6)}`)[0].shown.includes('a1B2c3a1B2c3'));
});

test('placeholders, test-mode keys, public keys and local connection strings are not secrets', () => {
  for (const t of [
    'OPENAI_API_KEY=sk-your-key-here',
    'api_key=YOUR_API_KEY',
    `sk_test_${'Ab12'.repeat(6)}`,
    'pk_live_51Hx',
    jwt('anon'),
    'postgres://postgres:postgres@localhost:5432/acme',
    'postgres://user:password@db.acme.io/app',
    'token: ${GITHUB_TOKEN}',
    'apiKey: process.env.OPENAI_API_KEY',
    'The token is read from process.env.GITHUB_TOKEN.',
  ]) {
    assert.deepEqual(secretsIn(t), [], t);
  }
});

test('a live secret written into source or a web root asks; into .env, a key store or a test with a test key it does not', () => {
  const key = `sk_live_${'Ab12'.repeat(6)}`;
  assert.equal(writtenSecretFinding('public/config.js', undefined, `window.K = '${key}'`)?.severity, 70);
  assert.equal(writtenSecretFinding('src/lib/pay.ts', undefined, `const k = '${key}'`)?.severity, 60);
  assert.equal(
    writtenSecretFinding('src/lib/pay.ts', `const k = '${key}'`, `const k = '${key}'; // moved`),
    undefined,
    'already there',
  );
  assert.equal(writtenSecretFinding('.env', undefined, `STRIPE_KEY=${key}`), undefined);
  assert.equal(writtenSecretFinding('.env.production', undefined, `STRIPE_KEY=${key}`), undefined);
  assert.ok(writtenSecretFinding('.env.example', undefined, `STRIPE_KEY=${key}`), 'a template is committed');
  assert.equal(
    writtenSecretFinding('tests/fixtures/k.ts', undefined, `export const k = 'sk_test_${'Ab12'.repeat(6)}'`),
    undefined,
  );
});
