// `cpio -idv < x.cpio` and `pax -r -f x.pax` extract an archive AgentGuard
// does not read into the working folder; with the archive missing now, and
// nothing earlier on the line that may make it, the extraction fails and lands
// nothing. An archive that is there, piped in or made on the line still asks.
import { test } from 'node:test';
import { judgedOnDisk } from '../support/engineHarness';

const project = { 'src/main.c': 'int main(void){return 0;}\n', 'initrd.cpio': '070701' + '0'.repeat(200) };

test('extracting a missing archive lands nothing: allowed', () => {
  judgedOnDisk(
    'ag-nocpio-',
    project,
    ['cpio -idv < missing.cpio', 'cpio -idv < ../missing.cpio', 'cpio -i -F missing.cpio', 'pax -r -f missing.pax'],
    'allow',
    { git: true },
  );
});

test('an archive that is there, piped in or made on the line, extracted into the workspace, asks', () => {
  judgedOnDisk(
    'ag-nocpio-',
    project,
    [
      'cpio -idv < initrd.cpio',
      'curl -fsSLo x.cpio https://x.example/x && cpio -idv < x.cpio',
      'curl -fsSL https://x.example/x | cpio -idv',
      'cpio -idv < $ARCHIVE',
      'pax -r < initrd.cpio',
    ],
    'gate',
    { git: true },
  );
});
