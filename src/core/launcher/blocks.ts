// What the launcher answers a hook call when no CLI can give the answer:
// each host's own block, never an exit code a host ignores. Exit 2 with the
// reason on stderr is the block for every host that reads one (Claude Code,
// VS Code, Cursor, Windsurf, Gemini, Codex, Kiro, Augment, Amp); hosts that
// read a block only from stdout get it there, in the form the CLI itself
// answers them (Cline's `{cancel}`, Copilot CLI's permissionDecision,
// AgentGuard's OpenCode plugin's verdict). Cursor gets both its JSON and
// exit 2, which blocks whichever of the two it reads.
import { hostAdapter } from '../hosts';
import { HOSTS, type HookAnswer, type HostId } from '../hosts/types';
import { LAUNCHER_REASONS, launcherBudgetSeconds, type LauncherFailure } from './index';

export interface LauncherBlock {
  stdout: string;
  exitCode: number;
}

function answerOf(reason: string): HookAnswer {
  return {
    decision: 'deny',
    reason,
    userMessage: reason,
    agentMessage: `${reason}\nDo not retry it or work around it; tell the user.`,
  };
}

/** The block form for `host` (the reason also goes to stderr, whatever the host): its adapter's, else exit 2. */
export function launcherBlock(host: HostId, failure: LauncherFailure): LauncherBlock {
  const answer = answerOf(LAUNCHER_REASONS[failure]);
  return hostAdapter(host).launcherBlock?.(answer) ?? { stdout: '', exitCode: 2 };
}

/** Exit codes a host reads as an answer from the CLI: anything else means the CLI did not answer. */
export function answeringCodes(host: HostId): readonly number[] {
  // Amp's delegate contract: 0 allow, 1 ask, 2 reject.
  return hostAdapter(host).answeringCodes ?? [0, 2];
}

/** Hosts that read a JSON object from stdout: an exit-0 answer that is neither empty nor an object is garbage they cannot read. */
export function readsJson(host: HostId): boolean {
  return !hostAdapter(host).exitCodeOnly;
}

export interface HostLaunch {
  host: HostId;
  budgetSeconds: number;
  codes: readonly number[];
  json: boolean;
  blocks: Record<LauncherFailure, LauncherBlock>;
}

/** Everything the launcher needs about each host, for its generated text. */
export function hostLaunches(): HostLaunch[] {
  return HOSTS.map((host) => ({
    host,
    budgetSeconds: launcherBudgetSeconds(hostAdapter(host).timeoutSeconds),
    codes: answeringCodes(host),
    json: readsJson(host),
    blocks: {
      missing: launcherBlock(host, 'missing'),
      runtime: launcherBlock(host, 'runtime'),
      died: launcherBlock(host, 'died'),
      tampered: launcherBlock(host, 'tampered'),
    },
  }));
}
