// Amp: a permission rule in its settings (`amp.permissions`) delegates
// every tool call to a program AgentGuard writes; the program gets only the
// tool's arguments on stdin, the tool's name in `AGENT_TOOL_NAME`. Its
// contract is an exit code: 0 allow, 1 ask (Amp prompts), 2 reject — with no
// "no decision": when no rule decides, Amp asks the operator, so that is
// the hook's "no decision" too. Source:
// https://ampcode.com/manual/appendix#permissions-configuration.
import { AMP_SHADOW } from './ampShadow';
import { blocked, blockText, failed, hookCommand, hookScript, out, type HostAdapter } from './adapter';
import { HOST_TIMEOUT_SECONDS } from './types';

/** Amp's permission rule: every tool call is delegated to AgentGuard's program, first in the list so no earlier rule skips it. */
export const AMP_PERMISSIONS_KEY = 'amp.permissions';

/** Amp's delegate program gets only the tool's arguments; the tool's name is in `AGENT_TOOL_NAME`. */
export function ampEnvelope(args: unknown, toolName: string | undefined, cwd: string): unknown {
  if (!toolName) return { hook_event_name: 'PreToolUse' };
  return { hook_event_name: 'PreToolUse', tool_name: toolName, tool_input: args, cwd };
}

export const amp: HostAdapter = {
  id: 'amp',
  label: 'Amp',
  sandboxLeftAlone: 'it has no sandbox: its `amp.permissions` rules only allow, reject, ask or delegate a tool call',
  // A delegate program: no documented timeout.
  timeoutSeconds: HOST_TIMEOUT_SECONDS.amp,
  exitCodeOnly: true,
  willAsk: () => true,
  hookFiles: [
    { scope: 'project', path: '.amp/settings.json' },
    { scope: 'user', path: '~/.config/amp/settings.json' },
    // The program Amp's settings delegate to: rewriting it rewires every decision.
    { scope: 'project', path: '.amp/agentguard-delegate' },
    { scope: 'user', path: '~/.config/amp/agentguard-delegate' },
  ],
  // Amp reads `amp.permissions` from its own settings and from the editor's settings, which also hold `agentguard.*`.
  settingsFiles: {
    workspace: ['.amp/settings.json', '.vscode/settings.json'],
    user: [
      '.config/amp/settings.json',
      '.config/Code/User/settings.json',
      '.config/Cursor/User/settings.json',
      'Library/Application Support/Code/User/settings.json',
      'Library/Application Support/Cursor/User/settings.json',
    ],
  },
  wiring: {
    kind: 'delegate',
    key: AMP_PERMISSIONS_KEY,
    program: 'agentguard-delegate',
    text: (launcher) => hookScript('amp', hookCommand('amp', launcher, 'linux')),
  },
  shCommand: true,
  managed: { unsupported: 'Amp documents no administrator-owned settings file' },
  shadow: AMP_SHADOW,
  tools: {
    shell: ['Bash'],
    read: { Read: 'file' },
    readOnly: [
      'Read',
      'finder',
      'read_web_page',
      'web_search',
      'oracle',
      'todo_read',
      'todo_write',
      'mermaid',
      'librarian',
    ],
  },
  envelope: (args, env, cwd) => ampEnvelope(args, env.AGENT_TOOL_NAME, cwd),
  render(answer) {
    if (answer.decision === 'allow') return out('');
    if (answer.decision === 'defer')
      return out(
        '',
        1,
        `AgentGuard: no objection; Amp asks, as it does for a call no rule decides.${answer.warning ? `\n${answer.warning}` : ''}\n`,
      );
    return out('', answer.decision === 'ask' ? 1 : 2, blockText(answer));
  },
  read(r) {
    if (r.code === 0) return { ok: true, decision: 'allow' };
    if (r.code === 1) return { ok: true, decision: 'ask' };
    return r.code !== null && r.code >= 2 ? blocked(r) : failed('was killed by a signal');
  },
  answeringCodes: [0, 1, 2],
  sample: (_event, workspace, command) => ({
    stdin: { cmd: command, cwd: workspace },
    env: { AGENT_TOOL_NAME: 'Bash', AGENT: 'amp' },
  }),
};
