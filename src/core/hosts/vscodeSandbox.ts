// VS Code's agent sandbox (the chat agent's terminal commands; bubblewrap
// and socat on Linux, Seatbelt on macOS) as `install --copilot` turns it on,
// in VS Code's own settings: `chat.agent.sandbox.enabled: "on"` (default
// "off"), AgentGuard's paths on `chat.agent.sandbox.fileSystem.linux` (or
// `.mac`) `denyWrite` ("deny write access within allowed paths, takes
// precedence over allowWrite"; literal paths on Linux). Two of its defaults
// would loosen the user's permission flow once the sandbox is on, so install
// sets them unless the user chose: `allowAutoApprove: false` (by default a
// command that runs in the sandbox is approved without the user's prompt)
// and `allowUnsandboxedCommands: false` (by default a command the sandbox
// stops may be run outside it after a confirmation). All four are
// "restricted" settings: a workspace's `.vscode/settings.json` counts only in
// a trusted workspace. Read from VS Code 1.139's own setting registrations
// (the workbench of the code-server the end-to-end suite runs: the older
// `chat.tools.terminal.sandbox.*` names are gone there), and
// https://code.visualstudio.com/docs/copilot/reference/copilot-settings.
// Windows: its `fileSystem.windows` takes no deny-write list, so install
// leaves it alone there.
import * as path from 'node:path';
import type { HostSandbox, SandboxState } from './adapter';
import { listedIn, rootOf, takeBackJson, turnOnJson, type JsonSandboxSpec } from './jsonSandbox';
import { readSettingsText } from './settingsText';

const ENABLED = 'chat.agent.sandbox.enabled';
const UNSANDBOXED = 'chat.agent.sandbox.allowUnsandboxedCommands';
const AUTO_APPROVE = 'chat.agent.sandbox.allowAutoApprove';
const FILE_SYSTEM =
  process.platform === 'darwin' ? 'chat.agent.sandbox.fileSystem.mac' : 'chat.agent.sandbox.fileSystem.linux';

const SPEC: JsonSandboxSpec = {
  switches: [
    // `true` is the boolean form the setting had before it became "on" | "off".
    { key: [ENABLED], value: 'on', sameAs: [true] },
    { key: [UNSANDBOXED], value: false, usersChoice: true },
    { key: [AUTO_APPROVE], value: false, usersChoice: true },
  ],
  deny: [FILE_SYSTEM, 'denyWrite'],
  containers: [[FILE_SYSTEM]],
};

function read(text: string | undefined, deny: readonly string[]): SandboxState {
  const parsed = text === undefined ? undefined : rootOf(text);
  if (parsed && !parsed.ok) return { on: false, listed: [], notes: ['the settings file is not a JSON object'] };
  const v = parsed?.value ?? {};
  const on = v[ENABLED] === 'on' || v[ENABLED] === true;
  const list = listedIn(text, SPEC);
  const notes: string[] = [];
  if (on && v[UNSANDBOXED] !== false)
    notes.push(`a command the sandbox stops may be run outside it after a confirmation (${UNSANDBOXED} is not false)`);
  if (on && v[AUTO_APPROVE] !== false)
    notes.push(`commands that run in the sandbox are approved without your prompt (${AUTO_APPROVE} is not false)`);
  return { on, said: v[ENABLED] !== undefined, listed: deny.filter((p) => list.has(p)), notes };
}

const USER_FILE =
  process.platform === 'darwin'
    ? '~/Library/Application Support/Code/User/settings.json'
    : '~/.config/Code/User/settings.json';

export const VSCODE_SANDBOX: HostSandbox | undefined =
  process.platform === 'win32'
    ? undefined
    : {
        file: { project: '.vscode/settings.json', user: USER_FILE },
        docs: 'https://code.visualstudio.com/docs/copilot/reference/copilot-settings',
        needs: process.platform === 'linux' ? ['bwrap', 'socat'] : [],
        turnOn: (text, deny) => turnOnJson(SPEC, text, deny),
        takeBack: (text, added) => takeBackJson(SPEC, text, added),
        read,
      };

/** Whether VS Code runs the agent's commands in its sandbox here: the workspace's setting where it names one, else the user's. */
export function vscodeSandboxOn(workspace: string, home: string): boolean {
  if (!VSCODE_SANDBOX) return false;
  const files = [path.join(workspace, VSCODE_SANDBOX.file.project), path.join(home, VSCODE_SANDBOX.file.user.slice(2))];
  for (const file of files) {
    const state = read(readSettingsText(file), []);
    if (state.said) return state.on === true;
  }
  return false;
}
