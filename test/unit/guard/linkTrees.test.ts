// cp's link modes (`cp -l`, `cp -s`, `-al`, `-rl`, `-rs`, `--link`) and `lndir` make links, not copies: a link to a
// protected file (or a tree of links to a folder holding some) is a second name through which it is rewritten, so
// making one asks, as `ln` to a protected file does (effects/linkSources.ts, packs/autorun/linkedTrees.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../support/engineHarness';

test('a tree of links to a folder holding protected files asks', () => {
  const { decide } = engine();
  for (const command of [
    `cp -al ~/.claude c && echo '{"disableAllHooks":true}' > c/settings.json`,
    'cp -rl ~/.claude c',
    'cp -r --link ~/.claude c',
    'cp -rs ~/.claude c',
    'cp -as ~/.claude c',
    'lndir ~/.claude c',
    'mkdir c && cd c && lndir ~/.claude',
    'cp -al ~/.codex c',
    'cp -al ~/.gemini c',
    'cp -al ~/.cursor c',
    'cp -al ~/.agentguard c',
    'cp -al ~/.config/git c',
    'cp -rs ~/.config/git c',
    'cp -al ~/.bashrc.d c',
    'lndir ~/.config/nvim n',
    'cp -l ~/.gitconfig x',
  ])
    assert.notEqual(decide(command), 'allow', command);
  // The file linked alone asked already, as ln of it does.
  assert.notEqual(decide('cp -l ~/.claude/settings.json s.json'), 'allow');
  assert.notEqual(decide('ln ~/.claude/settings.json s.json'), 'allow');
});

test('copies, and links of the project or of folders holding nothing protected, stay allowed', () => {
  const { decide } = engine();
  for (const command of [
    'cp -al src build',
    'cp -rl src dest',
    'cp -al ~/notes n2',
    'cp -rs src linked',
    'lndir ../shared',
    'cp -l a.txt b.txt',
    'cp -s a.txt b.txt',
    'cp -r src dest',
    'cp -a src dest',
    'cp -r ~/.config/git c',
    'cp -v a.txt b.txt',
    'cp -rs /usr/share/doc d',
  ])
    assert.equal(decide(command), 'allow', command);
});
