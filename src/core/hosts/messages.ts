// What the human and the agent are told. Every message names the findings
// (with their ids, so a rule can be written against them) and the safer
// alternative; a blocked agent is told not to work around the block.
import type { Finding } from '../types';
import type { Verdict } from '../types';
import { shellWord } from '../text/shellWord';
import { hostAdapter } from './index';
import type { HookAnswer, HookRequest, HostId, Resolution } from './types';

export type { AnswerDecision, HookAnswer, Resolution } from './types';

function noun(req: HookRequest): string {
  switch (req.kind) {
    case 'shell':
      return 'command';
    case 'edit':
      return 'edit';
    case 'mcp':
      return 'MCP tool call';
    case 'other':
      return 'tool call';
  }
}

function findingLine(f: Finding): string {
  const target = f.target ? ` (${f.target})` : '';
  const alternative = f.alternative ? `; safer: ${f.alternative}` : '';
  return `${f.summary}${target} [${f.id}]${alternative}`;
}

export function describeFindings(findings: readonly Finding[]): string {
  return findings.map(findingLine).join('\n- ');
}

function environmentNote(v: Verdict): string {
  return v.environment.production ? ` Target environment: ${v.environment.name} (production).` : '';
}

/** How a human says yes to a call from an agent host that cannot ask. */
export const HOW_TO_APPROVE =
  'To approve calls like this, open this folder in VS Code or Cursor with the AgentGuard extension running (it asks in a dialog and the agent may retry), or add a workspace rule for it to .agentguard.json.';

/** One-line description of what is being asked, for approval dialogs and audit. */
export function subjectText(req: HookRequest): string {
  switch (req.kind) {
    case 'shell':
      return req.command ?? '';
    case 'edit':
      return (req.targets ?? []).map((t) => `${t.op} ${t.path}`).join(', ');
    case 'mcp':
      return req.mcp?.server ? `${req.mcp.server} → ${req.mcp.tool}` : req.toolName;
    case 'other':
      return req.reads?.length
        ? `${req.toolName} ${req.reads.map((r) => [r.path, r.pattern].filter(Boolean).join(' ')).join(', ')}`
        : req.toolName;
  }
}

/** The command run from its folder, in the shell that runs it. */
function inFolder(req: HookRequest, cwd: string): string {
  const command = req.command ?? '';
  if (req.shell === 'cmd') return `cd /d "${cwd}" && ${command}`;
  if (req.shell === 'pwsh' || (req.shell === undefined && /^(?:[A-Za-z]:[\\/]|\\\\)/.test(cwd)))
    return `Set-Location '${cwd.replace(/'/g, "''")}'; ${command}`;
  return `cd ${shellWord(cwd)} && ${command}`;
}

/** What the human can do by hand when the agent may not: how to say it, and the exact command or change. */
export function manualStep(req: HookRequest, cwd: string): { how: string; what: string } {
  switch (req.kind) {
    case 'shell':
      return { how: 'run it in a terminal', what: inFolder(req, cwd) };
    case 'edit':
      return { how: 'make the change in the editor', what: subjectText(req) };
    case 'mcp':
      return { how: 'make the call by hand', what: subjectText(req) };
    case 'other':
      return { how: `use the ${req.toolName} tool by hand`, what: req.toolName };
  }
}

function warningText(v: Verdict): string | undefined {
  if (!v.warnings.length) return undefined;
  const where = v.warnedFiles?.length ? v.warnedFiles.join(', ') : 'the written file';
  return `AgentGuard: ${where} would do this when run:\n- ${describeFindings(v.warnings)}`;
}

export function composeAnswer(
  host: HostId,
  req: HookRequest,
  v: Verdict,
  resolution: Resolution,
  cwd: string,
): HookAnswer {
  const what = noun(req);
  const findings = v.findings.length ? `\n- ${describeFindings(v.findings)}` : '';
  const env = environmentNote(v);
  const warning = warningText(v);

  if (resolution.via === 'editor') {
    if (resolution.decision === 'allow') {
      const reason = `AgentGuard: a human approved this ${what} in the editor.${env}${findings}`;
      return { decision: 'allow', reason, userMessage: reason, agentMessage: reason, ...(warning ? { warning } : {}) };
    }
    const reason = `AgentGuard: a human denied this ${what} in the editor${resolution.note ? ` (${resolution.note})` : ''}.${env}${findings}`;
    return {
      decision: 'deny',
      reason,
      userMessage: reason,
      agentMessage: `${reason}\nDo not retry it or work around it; ask the user what to do instead.`,
    };
  }

  if (resolution.via === 'refused') {
    const reason = `AgentGuard blocked this ${what}: it needs a human's approval, and none is taken here: ${resolution.why}.${env}${findings}`;
    return {
      decision: 'deny',
      reason,
      userMessage: reason,
      agentMessage: `${reason}\nDo not retry it or work around it; tell the user.`,
    };
  }

  if (resolution.via === 'deferred') {
    const reason = `AgentGuard: this ${what} needs a human's approval; the ${resolution.to} hook asks for it.${env}${findings}`;
    return { decision: 'defer', reason, userMessage: reason, agentMessage: reason };
  }

  if (resolution.via === 'unanswered') {
    // Hosts with their own prompt (Claude Code, VS Code, Copilot CLI, Amp) get the ask;
    // the others cannot ask at all, so it is a deny that says how to approve.
    if (hostAdapter(host).willAsk(req)) {
      const reason = `AgentGuard: this ${what} needs a human's approval (${resolution.why}).${env}${findings}`;
      return { decision: 'ask', reason, userMessage: reason, agentMessage: reason };
    }
    const manual = manualStep(req, cwd);
    // The host could ask, but not in the mode this call runs in: say so, or the block looks arbitrary.
    const mode =
      req.permissionMode && hostAdapter(host).willAsk({ ...req, permissionMode: undefined })
        ? ` ${hostAdapter(host).label} runs in its "${req.permissionMode}" mode, where it asks no one.`
        : '';
    const userMessage = `AgentGuard blocked this ${what}: it needs your approval and no editor answered (${resolution.why}).${mode}${env}${findings}\n${HOW_TO_APPROVE}\nIf it should happen, ${manual.how} yourself:\n  ${manual.what}`;
    const agentMessage = `AgentGuard blocked this ${what}: it needs a human's approval and no editor answered.${mode}${env}${findings}\nDo not retry it or work around it. Tell the user. ${HOW_TO_APPROVE}\nIf it is really needed, they can ${manual.how} themselves:\n  ${manual.what}`;
    return { decision: 'deny', reason: userMessage, userMessage, agentMessage };
  }

  switch (v.decision) {
    case 'allow': {
      // A human decided: monitor mode, a workspace allow rule, or routine approvals handed to AgentGuard — all confirmed in the editor.
      let reason: string | undefined;
      if (v.monitored) reason = `AgentGuard (monitor mode): would have answered ${v.monitored}.${env}${findings}`;
      else if (v.rule) reason = `AgentGuard: allowed by workspace rule "${v.rule.match}".${findings}`;
      else if (v.handedOver)
        reason = `AgentGuard: no risk found (routine approvals are handed to AgentGuard in this folder).${findings}`;
      if (reason)
        return {
          decision: 'allow',
          reason,
          userMessage: reason,
          agentMessage: reason,
          ...(warning ? { warning } : {}),
        };
      // Nobody decided: the host's own permission flow applies, exactly as without AgentGuard.
      const quiet = `AgentGuard: no objection; the host's own permissions decide.${findings}`;
      return {
        decision: 'defer',
        reason: quiet,
        userMessage: quiet,
        agentMessage: quiet,
        ...(warning ? { warning } : {}),
      };
    }
    case 'ask': {
      // Only reached without an approval channel attempt (the hook resolves asks first).
      const reason = `AgentGuard: this ${what} needs a human's approval.${env}${findings}`;
      return { decision: 'ask', reason, userMessage: reason, agentMessage: reason };
    }
    case 'deny': {
      const rule = v.rule ? ` Workspace rule "${v.rule.match}"${v.rule.reason ? `: ${v.rule.reason}` : ''}.` : '';
      const reason = `AgentGuard denied this ${what}.${rule}${env}${findings}`;
      return {
        decision: 'deny',
        reason,
        userMessage: reason,
        agentMessage: `${reason}\nDo not retry it or work around it; use the safer alternative or ask the user.`,
      };
    }
  }
}

/** The hook could not judge the call at all: say what is wrong, and block. */
/** Every reason already starts with `AgentGuard: `; a line that adds the name adds it once. */
export function signed(text: string): string {
  return text.startsWith('AgentGuard: ') ? text : `AgentGuard: ${text}`;
}

export function failureAnswer(problem: string): HookAnswer {
  const reason = `AgentGuard could not judge this tool call, so it is blocked: ${problem}`;
  return {
    decision: 'deny',
    reason,
    userMessage: reason,
    agentMessage: `${reason}\nDo not retry it or work around it; tell the user.`,
  };
}
