// The gate each shell loads, as `agentguard shell-init SHELL` prints it.
import type { GateShell } from '../types';
import { bashGate } from './bash';
import type { GatePaths } from './common';
import { fishGate } from './fish';
import { pwshGate } from './pwsh';
import { zshGate } from './zsh';

export { GATE_MARK, ONCE_GATE_ENV, shq, type GatePaths } from './common';

export type InteractiveShell = Exclude<GateShell, 'sh'>;

export function gateScript(shell: InteractiveShell, paths: GatePaths): string {
  switch (shell) {
    case 'bash':
      return bashGate(paths);
    case 'zsh':
      return zshGate(paths);
    case 'fish':
      return fishGate(paths);
    case 'pwsh':
      return pwshGate(paths);
  }
}
