// What AgentGuard knows about each agent host's hook contract: whether the
// host can put an `ask` to its user, how long it waits for the hook, and how
// it reads a block. The hook's time budget stays below the host's timeout,
// because a hook the host kills is a hook that failed, and most hosts let
// the call run when a hook fails.
import type { HostId } from './types';

export interface HostProfile {
  /** Name shown to people. */
  label: string;
  /** The host shows its own approval prompt for an `ask` answer. */
  canAsk: boolean;
  /**
   * Seconds the host waits for the hook with AgentGuard's installed entry
   * (which sets the timeout where the format has a field for it).
   */
  hostTimeoutSeconds: number;
  /** The host reads a block only as exit code 2 with the reason on stderr. */
  exitCodeOnly: boolean;
}

/**
 * Timeout AgentGuard writes into hook entries whose format has one: longer
 * than the approval wait (60 s), so a human has time to answer.
 */
export const INSTALLED_TIMEOUT_SECONDS = 90;

export const HOST_PROFILES: Readonly<Record<HostId, HostProfile>> = {
  claude: { label: 'Claude Code', canAsk: true, hostTimeoutSeconds: INSTALLED_TIMEOUT_SECONDS, exitCodeOnly: false },
  cursor: { label: 'Cursor', canAsk: false, hostTimeoutSeconds: INSTALLED_TIMEOUT_SECONDS, exitCodeOnly: false },
  copilot: { label: 'VS Code agent', canAsk: true, hostTimeoutSeconds: INSTALLED_TIMEOUT_SECONDS, exitCodeOnly: false },
  // timeoutSec in the entry (default 30 s).
  'copilot-cli': { label: 'Copilot CLI', canAsk: true, hostTimeoutSeconds: INSTALLED_TIMEOUT_SECONDS, exitCodeOnly: false },
  // hooks.json has no timeout field and none is documented: stay under a minute.
  windsurf: { label: 'Windsurf', canAsk: false, hostTimeoutSeconds: 60, exitCodeOnly: true },
  // A hook file, no configuration; Cline gives a hook 30 s.
  cline: { label: 'Cline', canAsk: false, hostTimeoutSeconds: 30, exitCodeOnly: false },
  // `timeout` in milliseconds in the entry (default 60 000).
  gemini: { label: 'Gemini CLI', canAsk: false, hostTimeoutSeconds: INSTALLED_TIMEOUT_SECONDS, exitCodeOnly: false },
  // `timeout` in seconds in the entry (default 600); `ask` is parsed but unsupported (the call runs).
  codex: { label: 'Codex CLI', canAsk: false, hostTimeoutSeconds: INSTALLED_TIMEOUT_SECONDS, exitCodeOnly: false },
  // `timeout` in seconds in the hook file (default 30).
  kiro: { label: 'Kiro CLI', canAsk: false, hostTimeoutSeconds: INSTALLED_TIMEOUT_SECONDS, exitCodeOnly: true },
  // Claude-like settings with `timeout`; whether it prompts on `ask` is not documented: treated as no ask.
  augment: { label: 'Augment', canAsk: false, hostTimeoutSeconds: INSTALLED_TIMEOUT_SECONDS, exitCodeOnly: true },
  // A delegate program: exit 0 allow, 1 ask, 2 reject; no documented timeout.
  amp: { label: 'Amp', canAsk: true, hostTimeoutSeconds: 60, exitCodeOnly: true },
  // AgentGuard's own plugin waits 85 s for the CLI, then blocks.
  opencode: { label: 'OpenCode', canAsk: false, hostTimeoutSeconds: INSTALLED_TIMEOUT_SECONDS, exitCodeOnly: false },
};

/** Margin between the hook's own deadline and the host's timeout: start-up, judging, writing the answer. */
const MARGIN_MS = 5000;

/**
 * The hook's deadlines for one host: the whole run (`deadlineMs`, after
 * which it blocks on its own) and the longest wait for a human in the
 * editor. `requestedApprovalMs` is the configured wait; it only ever
 * shrinks to fit the host.
 */
export function hookBudget(host: HostId, stdinTimeoutMs: number, requestedApprovalMs: number): { deadlineMs: number; approvalMs: number } {
  const hostMs = HOST_PROFILES[host].hostTimeoutSeconds * 1000;
  const deadlineMs = Math.max(1000, Math.min(stdinTimeoutMs + requestedApprovalMs + 10_000, hostMs - MARGIN_MS));
  const approvalMs = Math.max(1000, Math.min(requestedApprovalMs, deadlineMs - stdinTimeoutMs - MARGIN_MS));
  return { deadlineMs, approvalMs };
}
