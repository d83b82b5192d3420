// Room `hosts/`: every agent host AgentGuard answers, one adapter each
// (`hosts/<host>.ts`, the shape in adapter.ts), registered here in HOSTS'
// order. Nothing outside this room asks "which host is this?" with a switch:
// it asks the host's adapter. Around the adapters: the neutral request they
// all produce (types.ts), reading a payload into it (normalize.ts, fields.ts,
// tools.ts), what the human and the agent are told (messages.ts, verdicts.ts),
// the time budget (budget.ts), and the hook files install writes
// (hostFiles.ts, hostConfig.ts, managedHooks.ts, managedHookPlaces.ts).
// Pure vocabulary: nothing here judges.
import type { EventReader, HookOutput, HostAdapter, ReadAnswer, ShapedAnswer, Unwrapped } from './adapter';
import { amp } from './amp';
import { augment } from './augment';
import { claude } from './claude';
import { cline } from './cline';
import { codex } from './codex';
import { copilot } from './copilot';
import { copilotCli } from './copilotCli';
import { cursor } from './cursor';
import { gemini } from './gemini';
import { kiro } from './kiro';
import { opencode } from './opencode';
import { qwen } from './qwen';
import { windsurf } from './windsurf';
import type { Obj } from './fields';
import { HOSTS, type HookAnswer, type HostId } from './types';
import { own } from '../text/own';

export { HOSTS, type HostId } from './types';
export type { HookOutput, HostAdapter, ReadAnswer, Sample, ShapedAnswer } from './adapter';

const ADAPTERS: Readonly<Record<HostId, HostAdapter>> = {
  claude,
  cursor,
  copilot,
  'copilot-cli': copilotCli,
  windsurf,
  cline,
  gemini,
  codex,
  kiro,
  augment,
  amp,
  opencode,
  qwen,
};

/** Everything AgentGuard knows about one host. */
export function hostAdapter(host: HostId): HostAdapter {
  return ADAPTERS[host];
}

/** Every adapter, in HOSTS' order. */
export const HOST_ADAPTERS: readonly HostAdapter[] = HOSTS.map((h) => ADAPTERS[h]);

/** Environment variables that name the project folder to the hook (Claude Code's, Gemini CLI's). */
export const PROJECT_DIR_VARS: readonly string[] = HOST_ADAPTERS.flatMap((a) =>
  a.projectDirEnv ? [a.projectDirEnv] : [],
);

/**
 * A payload in some host's own envelope, recognised by its shape — hosts
 * load each other's hook files, so it may reach any host's hook — or
 * undefined when it already has the common shape.
 */
export function unwrapEnvelope(payload: Obj): Unwrapped | undefined {
  for (const a of HOST_ADAPTERS) {
    const unwrapped = a.unwrap?.(payload);
    if (unwrapped) return unwrapped;
  }
  return undefined;
}

/** Events only one host sends (Cursor's), read by that host's adapter. */
export function eventReader(event: string): EventReader | undefined {
  for (const a of HOST_ADAPTERS) {
    const read = own(a.events, event);
    if (read) return read;
  }
  return undefined;
}

/** Every file that wires an agent host to AgentGuard: project paths relative to the workspace, user paths starting with `~/`. */
export const HOST_HOOK_FILES: readonly { host: HostId; scope: 'project' | 'user'; path: string }[] =
  HOST_ADAPTERS.flatMap((a) => a.hookFiles.map((f) => ({ host: a.id, ...f })));

/** Hosts whose hook file AgentGuard writes whole (it is AgentGuard's own program or file). */
export const GENERATED_HOSTS: ReadonlySet<HostId> = new Set(
  HOST_ADAPTERS.filter((a) => a.wiring.kind === 'file').map((a) => a.id),
);

/** The answer in the host's own form: what goes to stdout, what to stderr, and the exit code. */
export function shapeAnswer(host: HostId, event: string, answer: HookAnswer): ShapedAnswer {
  return ADAPTERS[host].render(answer, event);
}

/**
 * What a host makes of a hook's output: the decision it acts on (`defer`:
 * none, its own permission flow decides), or why it would count the hook as
 * failed (and, for most hosts, let the call run). The inverse of
 * `shapeAnswer`, for `agentguard doctor` and the contract tests.
 */
export function readAnswer(host: HostId, r: HookOutput): ReadAnswer {
  return ADAPTERS[host].read(r);
}
