// Qwen Code's Linux execution sandbox (`tools.executionSandbox`: bubblewrap,
// `read-only` or `workspace-write`, network `open` or `closed`, no other
// field) runs with executable hooks disabled: checked on Qwen Code 0.24.4,
// with it on and AgentGuard installed the hook is never called and `rm -rf`
// of a workspace folder runs. Its docs (docs/features/sandbox.md, shipped in
// the npm package) say it is read only from the operator's files: the system
// defaults, the user's `settings.json` (in QWEN_HOME or ~/.qwen) and the
// system settings, the last that names one deciding. Workspace settings
// cannot turn it on. So AgentGuard never turns it on, and says so wherever a
// user has.
import * as path from 'node:path';
import { readSettingsText } from './settingsText';

function systemSettings(env: Readonly<Record<string, string | undefined>>): string {
  if (env.QWEN_CODE_SYSTEM_SETTINGS_PATH) return env.QWEN_CODE_SYSTEM_SETTINGS_PATH;
  if (process.platform === 'darwin') return '/Library/Application Support/QwenCode/settings.json';
  if (process.platform === 'win32') return 'C:\\ProgramData\\qwen-code\\settings.json';
  return '/etc/qwen-code/settings.json';
}

/** Qwen Code's operator files in the order it reads them (a later one decides). */
function operatorFiles(home: string, env: Readonly<Record<string, string | undefined>>): string[] {
  const system = systemSettings(env);
  const defaults = env.QWEN_CODE_SYSTEM_DEFAULTS_PATH || path.join(path.dirname(system), 'system-defaults.json');
  const user = path.join(env.QWEN_HOME ? path.resolve(env.QWEN_HOME) : path.join(home, '.qwen'), 'settings.json');
  return [defaults, user, system];
}

/** The `tools.executionSandbox` of a settings text (comments allowed as Qwen strips them), or undefined. */
function executionSandboxOf(text: string): unknown {
  try {
    const stripped = text
      .replace(/^\uFEFF/, '')
      .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, s: string | undefined) => s ?? '');
    const v = JSON.parse(stripped) as { tools?: { executionSandbox?: unknown } };
    return v?.tools?.executionSandbox;
  } catch {
    return undefined;
  }
}

/** Where Qwen Code's execution sandbox is set on, which turns its hooks off; undefined while it is not. */
export function qwenHooksOffBy(home: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  let deciding: string | undefined;
  for (const file of operatorFiles(home, env)) {
    const text = readSettingsText(file);
    if (text === undefined) continue;
    if (executionSandboxOf(text) !== undefined) deciding = file;
  }
  return (
    deciding &&
    `its execution sandbox is on (tools.executionSandbox in ${deciding}), and with it Qwen Code runs no hooks: AgentGuard is never called. Remove tools.executionSandbox to have its calls judged`
  );
}
