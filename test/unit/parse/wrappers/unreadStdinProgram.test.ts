// A shell or interpreter fed its program by `< FILE` that cannot be read
// before the line runs (missing, a FIFO another command fills, a device)
// was allowed: `mkfifo /tmp/f; bash < /tmp/f & echo "rm -rf …" > /tmp/f`
// ran commands nobody read. It asks (`exec.piped-code`); a readable script,
// `/dev/null` and plain tools reading a missing file stay quiet.
import { test } from 'node:test';
import '../../support/account';
import { assertJudged, batchWorld } from '../../support/batchCheck';

test('a program read from a stdin file that cannot be read first asks', () => {
  const world = batchWorld({ 'code/app/scripts/ok.sh': 'echo hi\n' });
  try {
    assertJudged(
      world,
      [
        'mkfifo /tmp/f; bash < /tmp/f & echo "rm -rf ~/.agentguard" > /tmp/f',
        'sh < /tmp/not-there.sh',
        'python3 < /tmp/not-there.py',
        'bash -s < /dev/stdin',
      ],
      ['bash < scripts/ok.sh', 'bash < /dev/null', 'wc -l < /tmp/not-there.txt', 'bash <(echo echo hi)'],
    );
  } finally {
    world.cleanup();
  }
});
