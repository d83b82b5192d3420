// The operating system's proof that a human approved: polkit asks for the
// developer's own password (`auth_self`) before the service records an
// approval, where the managed policy says `approvalPeerProof: "authenticated"`.
// Without Yama any process of the developer can drive the editor's modal, so
// a click proves only that something clicked; a password typed into the
// desktop's authentication agent is what an agent running as the developer
// cannot give. `auth_self`, never `auth_self_keep`: a kept authorization would
// let the next approvals through for minutes without anyone typing. The
// service (its own OS user) asks polkit about the editor's process, so the
// action names that user as its owner: polkit lets only root or an action's
// owner ask about another user's process.
import { adminPath, MANAGED_ROOT } from '../config/adminPaths';
import { DEFAULT_APPROVAL_TIMEOUT_MS } from '../hosts/budget';
import { visibleText } from '../text/visible';

export const APPROVE_ACTION_ID = 'dev.agentguard.approve';
/** The same question for a human's confirmation of a looser workspace policy, with its own prompt. */
export const CONFIRM_POLICY_ACTION_ID = 'dev.agentguard.confirm-policy';

/**
 * How much sooner the password question ends than the hook's wait for the
 * answer: time for the service's reply, the editor's and the hook's. A
 * password typed after the hook gave up must find no question left open.
 */
export const AUTHENTICATION_MARGIN_MS = 10_000;

/** The longest the service waits for the human's password (pkcheck): the hook's default wait, less the margin. */
export const AUTHENTICATION_TIMEOUT_MS = DEFAULT_APPROVAL_TIMEOUT_MS - AUTHENTICATION_MARGIN_MS;

/** Below this, too little of the hook's wait is left to ask for a password at all. */
export const MIN_AUTHENTICATION_MS = 5_000;

/**
 * How long the password may be waited for when the hook that asked still
 * waits `waitMs` (unknown: a hook from before it said, bounded by the default
 * alone): always the margin less than what is left, never longer than the
 * service's own bound.
 */
export function authenticationWindow(waitMs?: number): number {
  return waitMs === undefined
    ? AUTHENTICATION_TIMEOUT_MS
    : Math.max(0, Math.min(AUTHENTICATION_TIMEOUT_MS, waitMs - AUTHENTICATION_MARGIN_MS));
}

/** Where polkit reads actions (under the test root in a test build); Linux only. */
export function polkitActionFile(
  platform: NodeJS.Platform = process.platform,
  root = MANAGED_ROOT,
): string | undefined {
  if (platform !== 'linux') return undefined;
  return adminPath({ unix: `/usr/share/polkit-1/actions/${APPROVE_ACTION_ID}.policy` }, platform, root);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The action, as `install --managed --service` writes it. `$(summary)` is
 * the one line the service logs for the approval (polkit fills it in from
 * pkcheck's --detail), so the password prompt says what is approved.
 */
export function polkitAction(serviceUser: string): string {
  // No double hyphen in the XML comment: polkit refuses the whole file.
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE policyconfig PUBLIC "-//freedesktop//DTD PolicyKit Policy Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/PolicyKit/1/policyconfig.dtd">
<!-- Written by agentguard install, managed, with the service. -->
<policyconfig>
  <vendor>AgentGuard</vendor>
${action(APPROVE_ACTION_ID, 'Approve an action an AI agent asked for', 'Your password approves what an AI agent asked to do: $(summary)', serviceUser)}
${action(CONFIRM_POLICY_ACTION_ID, 'Confirm a looser AgentGuard policy for a workspace', 'Your password confirms a looser AgentGuard policy: $(summary)', serviceUser)}
</policyconfig>
`;
}

/** One action: the developer's own password, asked every time, about a process the service's user may ask about. */
function action(id: string, description: string, message: string, serviceUser: string): string {
  return `  <action id="${id}">
    <description>${description}</description>
    <message>${message}</message>
    <defaults>
      <allow_any>auth_self</allow_any>
      <allow_inactive>auth_self</allow_inactive>
      <allow_active>auth_self</allow_active>
    </defaults>
    <annotate key="org.freedesktop.policykit.owner">unix-user:${xml(serviceUser)}</annotate>
  </action>`;
}

/**
 * The one line the prompt shows for a looser policy (the confirm-policy
 * action's `$(summary)`): AgentGuard's words, the workspace and what
 * loosens, each made safe to read (a workspace's path and its rules are the
 * agent's to write), at most the first three loosenings named.
 */
export function policyPrompt(workspace: string, loosenings: readonly string[]): string {
  const named = loosenings.slice(0, 3).map((l) => promptLine(l, 120));
  const more = loosenings.length > 3 ? `; and ${loosenings.length - 3} more` : '';
  return `AgentGuard: ${loosenings.length} loosening${loosenings.length === 1 ? '' : 's'} of the policy of «${promptLine(workspace, 120)}»: ${named.join('; ')}${more}`;
}

/** What the password prompt is about: AgentGuard's words (the finding, its target) and the agent's own text. */
export interface PromptParts {
  host: string;
  kind: string;
  /** The first finding's reason, in AgentGuard's words. */
  reason?: string;
  /** What it acts on (a branch, a host, a table). */
  target?: string;
  /** What the agent wrote: the command, the paths, the tool call's line. */
  text: string;
}

const INTENT: Record<string, string> = {
  shell: 'run a command',
  edit: 'change files',
  mcp: 'call an MCP tool',
  other: 'use a tool',
};

/** A character as `⟨U+XXXX⟩`: what a reader must see spelled out. */
const code = (ch: string) => `⟨U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`;
/** Line breaks and tabs (which visibleText keeps), and the prompt's own quote and escape marks, which the agent could fake. */
const SPELLED = new Set(['\t', '\n', '\r', '«', '»', '⟨', '⟩', '\u2800']);
/**
 * Blanks other than the plain space (no-break, em, ideographic ...): padding that does not look like any.
 * Created at the first prompt: V8 parses a pattern when it is created, and a Unicode property's (0.05–0.2 ms)
 * would be parsed in every hook call, which loads this module and almost never shows a prompt.
 */
let otherBlank: RegExp | undefined;
const OTHER_BLANK = (): RegExp => (otherBlank ??= /^[^\S ]$|^\p{Zs}$/u);

/**
 * `text` as one line a reader can trust to show what is there: every
 * control, bidi, zero-width, line-breaking or unusual blank character
 * spelled out, runs of
 * four spaces or more counted instead of shown (padding that pushes the rest
 * out of view), and at most `max` characters shown, the cut said.
 */
export function promptLine(text: string, max: number): string {
  const shown: string[] = [];
  const points = Array.from(text.slice(0, 16_384));
  let length = 0;
  let i = 0;
  for (; i < points.length;) {
    let token: string;
    let used = 1;
    if (points[i] === ' ') {
      while (points[i + used] === ' ') used++;
      token = used >= 4 ? `⟨${used} spaces⟩` : ' '.repeat(used);
    } else
      token = SPELLED.has(points[i]!) || OTHER_BLANK().test(points[i]!) ? code(points[i]!) : visibleText(points[i]!);
    if (length + token.length > max) break;
    shown.push(token);
    length += token.length;
    i += used;
  }
  const left = points.length - i + Array.from(text.slice(16_384)).length;
  return left > 0 ? `${shown.join('')}…⟨${left} more characters not shown⟩` : shown.join('');
}

/**
 * The one line polkit's prompt shows after "Your password approves what an AI
 * agent asked to do:" (the action's `$(summary)`). AgentGuard's own words
 * come first, where no text of the agent's can push them out of view; the
 * agent's text comes last, marked as the agent's, in quotes it cannot close.
 */
export function approvalPrompt(p: PromptParts): string {
  const why = p.reason ? promptLine(p.reason, 150) : 'an approval of what the agent asked';
  const target = p.target ? ` (target: ${promptLine(p.target, 100)})` : '';
  const intent = INTENT[p.kind] ?? INTENT.other;
  return `AgentGuard: ${why}${target}. ${promptLine(p.host, 40)} asks to ${intent}; the agent wrote: «${promptLine(p.text, 200)}»`;
}

/** Where polkit's checker is looked for: fixed places, never PATH. */
export const PKCHECK = ['/usr/bin/pkcheck', '/bin/pkcheck'];
