// PostgREST (Supabase's REST API) reads the query string as the WHERE
// clause: a PATCH or DELETE with no filter writes every row of the table
// (packs/http/postgrest.ts). A filtered PATCH, reads and inserts stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('a PATCH or DELETE of a PostgREST table with no filter asks', () => {
  const { judge } = engine();
  for (const command of [
    `curl -X PATCH 'https://x.supabase.co/rest/v1/users' -H "apikey: $K" -d '{"role":"x"}'`,
    `curl -X PATCH 'https://x.supabase.co/rest/v1/users?select=id' -H "apikey: $K" -d '{"role":"x"}'`,
    `curl -X DELETE 'https://x.supabase.co/rest/v1/users' -H "apikey: $K"`,
  ]) {
    const r = judge(command);
    const f = r.findings.find((x) => x.id === 'http.unfiltered-write');
    assert.ok(r.decision === 'ask' && f, `${command}: ${JSON.stringify(r.findings)}`);
    assert.match(f.summary, /every row of table users/);
  }
});

test('a filtered PATCH, reads and inserts stay quiet', () => {
  const { decide, ids } = engine();
  for (const command of [
    `curl -X PATCH 'https://x.supabase.co/rest/v1/users?id=eq.1' -H "apikey: $K" -d '{"role":"x"}'`,
    `curl 'https://x.supabase.co/rest/v1/users?select=*' -H "apikey: $K"`,
    `curl -X POST 'https://x.supabase.co/rest/v1/users' -H "apikey: $K" -d '{"name":"a"}'`,
  ])
    assert.equal(decide(command), 'allow', command);
  assert.ok(
    !ids(`curl -X DELETE 'https://x.supabase.co/rest/v1/users?id=eq.1' -H "apikey: $K"`).includes(
      'http.unfiltered-write',
    ),
  );
});
