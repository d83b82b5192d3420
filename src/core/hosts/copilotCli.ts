// GitHub Copilot CLI: `preToolUse` hooks (`sessionId, timestamp, cwd,
// toolName, toolArgs` — an object in Copilot CLI 1.0.102, a JSON string in
// its documentation; both are read), its shell tools named `bash` and `powershell`
// (its hook entry takes a command for each). It reads the flat
// `permissionDecision` fields; nothing on stdout is its "no decision" ("the
// tool runs with no changes"). VS Code loads the same folder and reads
// `hookSpecificOutput`, so an answer carries both. Source:
// https://docs.github.com/en/copilot (Copilot CLI hooks, `preToolUse`).
import {
  DECISIONS,
  DOCTOR_ID,
  failed,
  INSTALLED_TIMEOUT_SECONDS,
  json,
  out,
  quiet,
  readJson,
  type HostAdapter,
} from './adapter';
import { COPILOT_CLI_SHADOW } from './copilotShadow';
import { str } from './fields';
import { HOST_TIMEOUT_SECONDS } from './types';

export const copilotCli: HostAdapter = {
  id: 'copilot-cli',
  label: 'Copilot CLI',
  testedWith: '1.0.102',
  // Read from `copilot help sandbox` of Copilot CLI 1.0.102.
  sandboxLeftAlone:
    'its sandbox (`sandbox.enabled` in its settings.json, Microsoft Execution Containers: bubblewrap plus slirp4netns and /dev/net/tun on Linux) grants the whole home by default and takes `deniedPaths`, which deny reading too (git could not read .git/config): install leaves it to you',
  // timeoutSec in the entry (default 30 s).
  timeoutSeconds: HOST_TIMEOUT_SECONDS['copilot-cli'],
  exitCodeOnly: false,
  willAsk: () => true,
  hookFiles: [
    { scope: 'project', path: '.github/hooks/agentguard-cli.json' },
    { scope: 'user', path: '~/.copilot/hooks/agentguard-cli.json' },
  ],
  // The same folders as VS Code's (copilot.ts), which guard them.
  settingsFiles: { workspace: [], user: [] },
  wiring: {
    kind: 'json',
    events: ['preToolUse'],
    version: 1,
    // PowerShell reads a quoted program path as a string, not a program to run: the call operator `&` runs it.
    entry: (command) => ({
      type: 'command',
      bash: command,
      powershell: `& ${command}`,
      timeoutSec: INSTALLED_TIMEOUT_SECONDS,
    }),
  },
  managed: {
    unsupported:
      "GitHub's enterprise managed-settings.json has no hooks key (permissions, plugins, marketplaces, telemetry, remote control, sandbox only)",
  },
  tools: {
    shell: ['bash', 'shell', 'powershell', 'PowerShell'],
    // Copilot CLI names its two shell tools `bash` and `powershell`.
    shellOf: { powershell: 'pwsh', PowerShell: 'pwsh' },
    edit: { create: 'write', edit: 'edit' },
    read: { view: 'file', grep: 'search', glob: 'list' },
    readOnly: ['view', 'glob', 'grep', 'report_intent', 'fetch', 'web_fetch'],
  },
  runsHooksOf: ['claude'],
  // A preToolUse handler the workspace adds in .github/hooks/ (copilotShadow.ts).
  shadow: COPILOT_CLI_SHADOW,
  render(answer) {
    if (answer.decision === 'defer') return quiet(answer);
    // Copilot CLI reads the flat fields; VS Code, which loads the same folder, reads hookSpecificOutput.
    return out(
      json({
        permissionDecision: answer.decision,
        permissionDecisionReason: answer.reason,
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: answer.decision,
          permissionDecisionReason: answer.reason,
        },
      }),
    );
  },
  read(r) {
    const read = readJson(r, { exit2Blocks: false, empty: { ok: true, decision: 'defer' } });
    if ('answer' in read) return read.answer;
    const o = read.o;
    if (o.permissionDecision === undefined) return { ok: true, decision: 'defer' };
    if (!DECISIONS.includes(o.permissionDecision as string)) return failed('output lacks permissionDecision');
    return { ok: true, decision: o.permissionDecision as 'allow', reason: str(o.permissionDecisionReason) };
  },
  // A block read from stdout with exit 0: exit 2 is not its block.
  launcherBlock: (answer) => ({ stdout: copilotCli.render(answer, '').stdout, exitCode: 0 }),
  sample: (_event, workspace, command) => ({
    stdin: { timestamp: Date.now(), cwd: workspace, toolName: 'bash', toolArgs: { command, description: DOCTOR_ID } },
  }),
};
