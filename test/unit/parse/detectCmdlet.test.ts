// Which shell reads a line, found without compiling a 150-verb regular
// expression (detect.ts): the verb is looked up in a Set at each hyphen. Its
// answers must be those of the expression it replaced, kept here as the
// reference, on every line and on lines made to sit at its edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dialectsFor, hasCmdlet } from '../../../src/core/parse/detect';

const REFERENCE =
  /(?:^|[\s;|&({])(?:Add|Clear|Close|Copy|Enter|Exit|Find|Format|Get|Hide|Join|Lock|Move|New|Open|Optimize|Pop|Push|Redo|Remove|Rename|Reset|Resize|Search|Select|Set|Show|Skip|Split|Step|Switch|Undo|Unlock|Watch|Connect|Disconnect|Read|Receive|Send|Write|Backup|Checkpoint|Compare|Compress|Convert|ConvertFrom|ConvertTo|Dismount|Edit|Expand|Export|Group|Import|Initialize|Limit|Merge|Mount|Out|Publish|Restore|Save|Sync|Unpublish|Update|Approve|Assert|Build|Complete|Confirm|Deny|Deploy|Disable|Enable|Install|Invoke|Register|Request|Restart|Resume|Start|Stop|Submit|Suspend|Uninstall|Unregister|Wait|Debug|Measure|Ping|Repair|Resolve|Test|Trace|Block|Grant|Protect|Revoke|Unblock|Unprotect|Use|ForEach|Where|Tee)-[A-Z][A-Za-z0-9]+\b/;

const PIECES = [
  'Get',
  'Remove',
  'ForEach',
  'Tee',
  'get',
  'xGet',
  '-',
  'Item',
  'I',
  'Object',
  '1',
  '_',
  'é',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u3000',
  ';',
  '|',
  '&',
  '(',
  '{',
  ')',
  '[',
  '"',
  "'",
  '=',
  '/',
  'curl -X POST',
  'Invoke-',
  'Set-A1',
  'Get-Item_x',
  'New-\u212a',
  'rm -rf',
  '$env:X',
  '-Recurse',
];

test('hasCmdlet answers as the verb alternation did, on lines built from its edge cases', () => {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let matched = 0;
  for (let i = 0; i < 40_000; i++) {
    let line = '';
    for (let k = 1 + next(7); k > 0; k--) line += PIECES[next(PIECES.length)];
    const want = REFERENCE.test(line);
    assert.equal(hasCmdlet(line), want, JSON.stringify(line));
    if (want) matched++;
  }
  // Both answers were exercised, many times each.
  assert.ok(matched > 1000 && matched < 39_000, String(matched));
});

test('a cmdlet is a command word: after a separator, a capital after the hyphen, no underscore after it', () => {
  assert.equal(hasCmdlet('Remove-Item -Recurse x'), true);
  assert.equal(hasCmdlet('ls; Get-ChildItem'), true);
  assert.equal(hasCmdlet('(Get-Item a).Delete()'), true);
  assert.equal(hasCmdlet('xGet-Item'), false);
  assert.equal(hasCmdlet('Get-item'), false);
  assert.equal(hasCmdlet('Get-I'), false);
  assert.equal(hasCmdlet('Get-Item_x'), false);
  assert.equal(hasCmdlet('Fetch-Item'), false);
  assert.equal(hasCmdlet('curl -X POST https://example.com -H "A: b"'), false);
});

test('the PocketOS curl reads as bash alone, and a PowerShell line still as PowerShell too', () => {
  const pocketos = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \\"3d2f\\") }"}'`;
  assert.deepEqual(dialectsFor(pocketos, { windows: false }), ['bash']);
  assert.deepEqual(dialectsFor('Remove-Item -Recurse -Force C:\\src', { windows: false }), ['bash', 'pwsh']);
  assert.deepEqual(dialectsFor('rd /s /q build', { windows: false }), ['bash', 'cmd']);
  assert.deepEqual(dialectsFor('RMDIR /S build', { windows: true }), ['cmd']);
  assert.deepEqual(dialectsFor('echo $true', { windows: true }), ['pwsh']);
});
