// `agentguard shell-init bash|zsh|fish|pwsh`: prints the terminal line gate
// for that shell, the way `direnv hook bash` and `starship init` do, to be
// evaluated by the shell's startup file (`agentguard install --terminal`
// writes that line). Handled by the launcher: a shell starting pays for a
// Node start, not for loading the engine.
import * as path from 'node:path';
import { gateScript, type InteractiveShell } from '../core/frontdoor/gateScript';

const SHELLS: readonly InteractiveShell[] = ['bash', 'zsh', 'fish', 'pwsh'];

export function runShellInit(args: readonly string[], cli = path.join(__dirname, 'cli.js')): number {
  const shell = args[0] as InteractiveShell;
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      `usage: agentguard shell-init ${SHELLS.join('|')}\n  Prints the terminal line gate for that shell, to be evaluated by its start-up file.\n`,
    );
    return 0;
  }
  if (args.length !== 1 || !SHELLS.includes(shell)) {
    process.stderr.write(`usage: agentguard shell-init ${SHELLS.join('|')}\n`);
    return 64;
  }
  process.stdout.write(gateScript(shell, { node: process.execPath, cli }));
  return 0;
}
