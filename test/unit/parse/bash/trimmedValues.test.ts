// `${VAR%.js}` and `${VAR#src/}` of a known value are computed when what is
// removed is literal text: a rename loop (`mv "$f" "${f%.js}.ts"`) moves
// files inside the workspace, and a path built this way is judged where it
// really is. A pattern, or a value that does not end (start) with the text,
// stays unknown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('a literal suffix or prefix removed from a known value is the value the shell makes', () => {
  const { decide, judge } = engine();
  const summaries = (c: string) => judge(c).findings.map((f) => `${f.id}: ${f.summary}`);
  for (const c of [
    'for f in src/*.js; do mv "$f" "${f%.js}.ts"; done',
    'f=src/a.js; mv "$f" "${f%.js}.mjs"',
    'for f in docs/*.txt; do mv "$f" "${f%%.txt}.md"; done',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${summaries(c)}`);
  // Where the computed path is what matters, it is judged as that path.
  assert.ok(summaries('p=/etc/passwd; echo x > "${p%passwd}shadow"').some((s) => /\/etc\/shadow/.test(s)));
  assert.equal(decide('f=a.js; rm -rf "${f%a.js}/"'), 'deny', 'an empty value before the slash is the root');
  // Not computed: a pattern, or text the value does not end with; the word stays unknown.
  for (const c of ['f=a.js; rm -rf "${f%.*}"', 'f=a.js; rm -rf "${f%.ts}"']) {
    const s = summaries(c);
    assert.ok(
      s.some((x) => x.startsWith('fs.rm-unknown-target')),
      `${c}: ${s}`,
    );
  }
});
