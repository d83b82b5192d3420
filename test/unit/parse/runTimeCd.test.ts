// `cd "$d" && git pull`: the folder is known only at run time and may be
// outside the workspace, as `git -C "$d"` is; a loop over the workspace's own
// folders stays quiet.
import { test } from 'node:test';
import { judgedOnDisk } from '../support/engineHarness';

test('git after a cd to a run-time folder is judged as git -C there', () => {
  const files = { 'src/a.ts': '', 'pkg/a/x.ts': '' };
  judgedOnDisk(
    'ag-rtcd-',
    files,
    ['cd "$d" && git pull', 'cd "$d" && git status', 'cd $1 && git log', 'git -C "$d" pull'],
    'gate',
    { git: true },
  );
  judgedOnDisk(
    'ag-rtcd-ok-',
    files,
    [
      'for d in */; do (cd "$d" && git status); done',
      'for d in */; do cd "$d" && git pull; cd ..; done',
      'cd src && git status',
      'cd "$d" && ls',
      'd=src; cd "$d" && git status',
      'cd "$d"; cd /tmp; cd ~/code/app && git status',
    ],
    'allow',
    { git: true },
  );
});
