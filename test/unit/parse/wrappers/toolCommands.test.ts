// Search, view and pick tools whose options hold a command line they run
// (parse/wrappers/toolCommands.ts), the `!` lines of file-transfer clients'
// scripts, and more pager and editor variables (parse/commandVariables.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../../src/core/parse/normalize';
import { engine } from '../../support/engineHarness';
import { ctx, HOME, WORKSPACE } from '../../support/helpers';

function argvs(command: string): string[] {
  return normalize({ command, cwd: WORKSPACE, env: { HOME } }, ctx({})).commands.map((c) => c.argv.join(' '));
}

const INNER = 'rm -rf /x';

test("a tool's option holding a command line is read as that line, beside the tool", () => {
  for (const command of [
    `rg --pre '${INNER}' TODO`,
    `rg --pre='${INNER}' -z TODO`,
    `git grep -O'${INNER}' TODO`,
    `git grep --open-files-in-pager='${INNER}' TODO`,
    `ugrep --filter='txt:${INNER}' TODO`,
    `bat --pager='${INNER}' README.md`,
    `delta --pager='${INNER}'`,
    `fzf --preview '${INNER}'`,
    `fzf --bind 'start:execute(${INNER})'`,
    `fzf --bind 'enter:become(${INNER})'`,
    `fzf --bind 'load:reload:${INNER}'`,
    `sk --preview '${INNER}'`,
    `ranger --cmd='shell ${INNER}'`,
    `csvtool call '${INNER}' rows.csv`,
    `ftp host <<< '!${INNER}'`,
    `sftp -b - host <<< '!${INNER}'`,
    `lftp -c 'open h; !${INNER}'`,
    `smbclient //h/s -c '!${INNER}'`,
    `KUBE_EDITOR='${INNER}' kubectl edit deploy api`,
    `BAT_PAGER='${INNER}' bat README.md`,
    `FZF_DEFAULT_COMMAND='${INNER}' fzf`,
    `sdiff --diff-program='${INNER}' a b`,
    `colordiff --diff-program='${INNER}' a b`,
    `vimdiff -c '!${INNER}' a b`,
  ]) {
    const found = argvs(command);
    assert.ok(found.includes(INNER), `${command}: ${JSON.stringify(found)}`);
  }
});

test('a destructive line in a tool option asks; everyday uses of the same tools stay quiet', () => {
  const { decide, ids } = engine();
  for (const c of [
    "rg --pre 'rm -rf ~ #' TODO",
    "git grep -O'rm -rf ~ #' TODO",
    "fzf --bind 'start:execute(rm -rf ~)'",
    "ftp host <<< '!rm -rf ~'",
    "KUBE_EDITOR='rm -rf ~ #' kubectl edit deploy api",
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  // A one-word shell preprocessor runs each searched file: said once, not as an interactive shell too.
  assert.deepEqual(ids('rg --pre sh TODO'), ['exec.rg-preprocessor']);
  for (const c of [
    'rg --pre pdftotext TODO',
    "rg --pre 'pdftotext -q' TODO",
    'git grep -O TODO',
    "ugrep --filter='pdf:pdftotext % -' TODO",
    "bat --pager='less -RF' README.md",
    "fzf --preview 'cat {}' --bind 'ctrl-p:toggle-preview,ctrl-r:reload(git ls-files)'",
    "ranger --cmd='set show_hidden true'",
    'csvtool col 1 rows.csv',
    "ftp host <<< $'get x\\nbye'",
    "sftp -b - host <<< '!ls'",
    'KUBE_EDITOR=vim kubectl edit deploy api',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});

test("tmux's run-shell and if-shell, and those kept in a hook or a key binding, are read as shell lines", () => {
  for (const command of [
    `tmux run-shell '${INNER}'`,
    `tmux run -b '${INNER}'`,
    `tmux if-shell '${INNER}' 'display ok'`,
    `tmux if-shell true 'run-shell "${INNER}"'`,
    `tmux set-hook -g session-created 'run-shell "${INNER}"'`,
    `tmux bind-key -n F1 run-shell '${INNER}'`,
    `tmux bind x if-shell true "run '${INNER}'"`,
    `dconf write /org/gnome/settings-daemon/plugins/media-keys/custom-keybindings/custom0/command "'${INNER}'"`,
    `gsettings set org.gnome.settings-daemon.plugins.media-keys.custom-keybinding:/k/ command '${INNER}'`,
  ]) {
    const found = argvs(command);
    assert.ok(found.includes(INNER), `${command}: ${JSON.stringify(found)}`);
  }
  for (const command of [
    'tmux bind-key r source-file ~/.tmux.conf',
    "tmux set-hook -g pane-exited 'display done'",
    'tmux ls',
    `dconf write /org/gnome/desktop/interface/gtk-theme "'Adwaita-dark'"`,
    'gsettings set org.gnome.desktop.interface color-scheme prefer-dark',
  ])
    assert.equal(argvs(command).length, 1, `${command}: ${JSON.stringify(argvs(command))}`);
});
