// Claude Code's own sandbox (bubblewrap on Linux, Seatbelt on macOS) as
// `install --claude` turns it on: `sandbox.enabled`, no way out of it for a
// command (`allowUnsandboxedCommands: false`: a command that fails in it is
// not retried unsandboxed through the `dangerouslyDisableSandbox` parameter),
// and AgentGuard's paths on `sandbox.filesystem.denyWrite` (absolute paths;
// Claude Code merges the list with its own mandatory denies). Its permission
// prompts are untouched: `autoAllowBashIfSandboxed` is left as the user has
// it (false unless set). Checked on Claude Code 2.1.330: a denied path is a
// read-only bind, a write there fails with "Read-only file system".
// Sources: https://code.claude.com/docs/en/sandboxing,
// https://code.claude.com/docs/en/settings#sandbox-settings.
import type { HostSandbox, SandboxState } from './adapter';
import { isObj, rootOf, takeBackJson, turnOnJson, type JsonSandboxSpec } from './jsonSandbox';

const SPEC: JsonSandboxSpec = {
  switches: [
    { key: ['sandbox', 'enabled'], value: true },
    // The user's own `allowUnsandboxedCommands: true` is their choice, said by doctor; `enabled` is what install is for.
    { key: ['sandbox', 'allowUnsandboxedCommands'], value: false, usersChoice: true },
  ],
  deny: ['sandbox', 'filesystem', 'denyWrite'],
  containers: [['sandbox', 'filesystem'], ['sandbox']],
};

function read(text: string | undefined, deny: readonly string[]): SandboxState {
  const parsed = text === undefined ? undefined : rootOf(text);
  if (parsed && !parsed.ok) return { on: false, listed: [], notes: ['the settings file is not a JSON object'] };
  const sandbox = parsed?.value.sandbox;
  const s = isObj(sandbox) ? sandbox : {};
  const fsSettings = isObj(s.filesystem) ? s.filesystem : {};
  const list = new Set(
    Array.isArray(fsSettings.denyWrite) ? fsSettings.denyWrite.filter((p): p is string => typeof p === 'string') : [],
  );
  const notes: string[] = [];
  if (s.enabled === true && s.allowUnsandboxedCommands !== false)
    notes.push('a command that fails in the sandbox may be retried outside it (allowUnsandboxedCommands is not false)');
  if (s.enabled === true && fsSettings.disabled === true)
    notes.push('sandbox.filesystem.disabled is true: no write is denied');
  return {
    on: s.enabled === true && fsSettings.disabled !== true,
    said: typeof s.enabled === 'boolean',
    listed: deny.filter((p) => list.has(p)),
    notes,
  };
}

export const CLAUDE_SANDBOX: HostSandbox = {
  // The project's personal settings (never checked in), as Claude Code's own /sandbox panel writes them.
  file: { project: '.claude/settings.local.json', user: '~/.claude/settings.json' },
  docs: 'https://code.claude.com/docs/en/sandboxing',
  needs: process.platform === 'linux' ? ['bwrap', 'socat'] : [],
  // "runs on macOS, Linux, and WSL2. Native Windows is not supported" (the sandboxing page): a switch set there protects nothing.
  platforms: { on: ['linux', 'darwin'], elsewhere: 'Claude Code has no sandbox on native Windows (only in WSL2)' },
  turnOn: (text, deny) => turnOnJson(SPEC, text, deny),
  takeBack: (text, added) => takeBackJson(SPEC, text, added),
  read,
};
