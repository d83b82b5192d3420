// KDE Plasma runs the scripts in ~/.config/autostart-scripts at login, sources
// ~/.config/plasma-workspace/env/*.sh before the session starts and runs
// plasma-workspace/shutdown/ at logout: a script planted there was allowed.
// Reading or listing those folders stays quiet.
import { test } from 'node:test';
import '../../support/account';
import { assertJudged, batchWorld } from '../../support/batchCheck';

test('a script planted where Plasma runs it at login or logout is judged as autostart', () => {
  const world = batchWorld();
  try {
    assertJudged(
      world,
      [
        `echo 'rm -rf ~/.agentguard' > ~/.config/autostart-scripts/x.sh`,
        `echo 'export PATH=/tmp/e:$PATH' > ~/.config/plasma-workspace/env/path.sh`,
        'cp /tmp/x.sh ~/.config/plasma-workspace/shutdown/x.sh',
      ],
      ['cat ~/.config/plasma-workspace/env/path.sh', 'ls ~/.config/autostart-scripts'],
    );
  } finally {
    world.cleanup();
  }
});
