// Whether, and how, the command a hook lets through runs confined. A host
// that lets a hook rewrite the command (Claude Code's and VS Code's
// `updatedInput` with an allow or an ask, Codex's with an allow, when Codex
// runs without its own sandbox) gets the command back wrapped in the
// sandbox (core/sandbox). A rewrite never asks
// the host to switch its own prompt off: it goes only with an answer
// AgentGuard gives anyway — an allow a human decided (a click, a confirmed
// allow rule, monitor mode, routine approvals handed to AgentGuard), or an
// ask, where the host shows its user the confined command: short, as
// `agentguard-run ID -- COMMAND` where the wrapper is installed. A harmless call
// left to the host's own flow ("no decision") is not rewritten: the hosts
// ignore a rewrite without a decision. Nor is a command one of the user's
// own Claude Code deny or ask rules could match: the host evaluates them
// against the rewritten text, which would slip past them.
import type { Verdict } from '../types';
import type { HookAnswer, Resolution } from '../hosts/messages';
import type { HookRequest, HostId } from '../hosts/types';
import { hostAdapter } from '../hosts';
import { confine, sandboxAvailability, shellQuote, type Confinement, type Profile } from '../sandbox';
import { profileText, runWrapperPath, runWrapperReady, writeProfile } from '../launcher/run';

export interface ConfinementOutcome {
  /** The tool input to hand back (`updatedInput`), when the command runs confined. */
  updatedInput?: Record<string, unknown>;
  /** For the audit log: `bubblewrap routine`, or why the command runs unconfined. */
  note: string;
}

export interface ConfinementInput {
  host: HostId;
  req: HookRequest;
  verdict: Verdict;
  resolution: Resolution;
  answer: HookAnswer;
  workspace: string;
  home: string;
  env: Record<string, string>;
  stateDir: string;
  install: readonly string[];
}

/**
 * The profile: routine work (nothing found, no rule, no human needed) gets
 * the narrow one; what a human approved (or will approve at the host's
 * prompt), or a rule or monitor mode let through, gets what was approved.
 */
export function profileFor(verdict: Verdict, resolution: Resolution): Profile {
  const gated =
    verdict.findings.some((f) => f.severity > 0) || verdict.rule !== undefined || verdict.monitored !== undefined;
  return gated || resolution.via === 'editor' || verdict.decision !== 'allow' ? 'approved' : 'routine';
}

type HostConfinement = NonNullable<ReturnType<typeof hostAdapter>['confinement']>;

/** Why a command the host would take back rewritten still runs unconfined, or undefined when nothing stands in the way. */
function unconfinedBecause(
  own: HostConfinement,
  req: HookRequest,
  command: string,
  workspace: string,
  home: string,
): string | undefined {
  if (!req.toolInput) return 'unconfined: the tool input cannot be handed back';
  // The sandbox runs the command with bash: a PowerShell or cmd line would be read in the wrong language.
  if (req.shell !== undefined && req.shell !== 'bash')
    return `unconfined: a ${req.shell} command is not run through the bash sandbox`;
  // A host that runs it in its own sandbox (Codex unless told not to, Claude Code where it is on): a sandbox cannot be started inside it.
  const sandboxed = own.ownSandbox?.(req, workspace, home);
  if (sandboxed !== undefined) return sandboxed;
  // A rule of the user's own that the host would meet the rewritten text with would slip past it.
  const rule = own.ownRuleFor?.(command, workspace, home);
  if (rule !== undefined) return `unconfined: ${rule} must meet the command as written`;
  return undefined;
}

/**
 * For the approval modal, asked before the answer exists: the sandbox a
 * command the human allows there would run in (`bubblewrap`, `seatbelt`),
 * or undefined when it would run unconfined. The same checks as
 * confinementFor with an allow; never throws.
 */
export function confinedIfAllowed(
  host: HostId,
  req: HookRequest,
  workspace: string,
  home: string,
  stateDir: string,
): string | undefined {
  try {
    if (req.kind !== 'shell' || req.command === undefined) return undefined;
    const own = hostAdapter(host)?.confinement;
    if (!own || !own.rewriteWith.includes('allow')) return undefined;
    if (unconfinedBecause(own, req, req.command, workspace, home) !== undefined) return undefined;
    const available = sandboxAvailability(stateDir);
    return available.ok ? available.engine : undefined;
  } catch {
    return undefined;
  }
}

export function confinementFor(input: ConfinementInput): ConfinementOutcome | undefined {
  const { host, req, answer } = input;
  if (req.kind !== 'shell' || req.command === undefined) return undefined;
  // Which answers carry a rewrite: the host adapter's (from each host's documentation and source; docs/security.md, "What confinement adds").
  const own = hostAdapter(host).confinement;
  if (!own) return { note: `unconfined: ${host} lets no hook rewrite a command` };
  const carries = own.rewriteWith;
  if (!carries.includes(answer.decision))
    return answer.decision === 'deny'
      ? undefined
      : { note: `unconfined: ${host} applies a rewrite only with ${carries.join(' or ')}` };
  const obstacle = unconfinedBecause(own, req, req.command, input.workspace, input.home);
  if (obstacle !== undefined) return { note: obstacle };
  const profile = profileFor(input.verdict, input.resolution);
  const confined = confine({
    command: req.command,
    profile,
    workspace: input.workspace,
    home: input.home,
    env: input.env,
    stateDir: input.stateDir,
    install: input.install,
    autorunApproved: profile === 'approved' && input.verdict.findings.some((f) => f.id.startsWith('autorun.')),
  });
  if (!confined.confined) return { note: `unconfined: ${confined.reason}` };
  return {
    updatedInput: { ...req.toolInput, command: handedBack(input.home, req.command, confined) },
    note: `${confined.engine} ${confined.profile}`,
  };
}

/**
 * What the host runs, and shows its user: `agentguard-run ID -- COMMAND`
 * where the wrapper this build writes is installed (launcher/run.ts), the
 * sandbox's words in the profile file ID; else (an install from before
 * the wrapper, a wrapper changed since, a profile that cannot be written)
 * the sandbox's whole command line, as before.
 */
function handedBack(home: string, command: string, c: Extract<Confinement, { confined: true }>): string {
  if (!runWrapperReady(home)) return c.command;
  const id = writeProfile(home, profileText(c.prefix, c.seccompFile));
  return id ? `${shellQuote(runWrapperPath(home))} ${id} -- ${shellQuote(command)}` : c.command;
}
