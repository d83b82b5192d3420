// What in a workspace takes AgentGuard away from a Cline call. Cline 3 runs
// every hook file named for the event — `PreToolUse`, any case, bare or
// ending .sh, .bash, .zsh, .js, .mjs, .cjs, .ts, .mts, .cts, .py or .ps1 —
// of the user's hook folders and of the workspace's `.clinerules/hooks/` and
// `.cline/hooks/`, and merges their answers: a cancel from any stands, and
// the last `overrideInput` replaces the tool's input
// (https://docs.cline.bot/features/hooks/hook-reference; read from Cline
// 3.0.65's hook discovery and answer merge). So a PreToolUse file there that
// is not AgentGuard's may change the call after AgentGuard judged it.
// AgentGuard's own hook file, as install writes it, is not news.
//
// Cline 3 also loads every plugin of the workspace's `.cline/plugins/`: each
// `.js` or `.ts` file there, and each folder not named with a leading dot
// nor `node_modules` (a package naming its modules, or the modules it holds
// at any depth); a plugin's `beforeTool` hook returns `input`, which replaces
// the tool's input before it runs (read from Cline 3.0.65's plugin discovery,
// @cline/shared's discoverPluginModulePaths, and its agent loop's
// beforeTool). AgentGuard writes no plugin: any there is news.
import { hookScript } from './hookCommand';

const PLUGINS = '.cline/plugins';

const EXTENSIONS = new Set(['', '.sh', '.bash', '.zsh', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.py', '.ps1']);

/** Whether `file` is one Cline 3 runs as a PreToolUse hook. */
function preToolUseFile(file: string): boolean {
  const name = (file.split(/[\\/]/).pop() ?? '').toLowerCase();
  const dot = name.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return base.trim() === 'pretooluse' && EXTENSIONS.has(ext);
}

/** Whether `file` (a folder ends with `/`) is an entry of `.cline/plugins/` that Cline 3 loads as a plugin. */
function pluginEntry(file: string): 'file' | 'folder' | undefined {
  const m = /^\.cline[\\/]plugins[\\/]([^\\/]+)([\\/]?)$/.exec(file);
  if (!m || m[1].startsWith('.')) return undefined;
  if (m[2]) return m[1] === 'node_modules' ? undefined : 'folder';
  return /\.(?:js|ts)$/.test(m[1]) ? 'file' : undefined;
}

export function clineShadows(
  text: string,
  _tool: string,
  isOurs: (command: unknown) => boolean,
  file: string,
): string | undefined {
  const plugin = pluginEntry(file);
  if (plugin)
    return `is a Cline plugin ${plugin === 'folder' ? 'folder ' : ''}Cline loads from the workspace: its beforeTool hook may replace the call's input after AgentGuard judged it`;
  if (!preToolUseFile(file)) return undefined;
  const command = /^exec (.+)$/m.exec(text)?.[1];
  // Cline's command as install writes Cline's file (`isOurs` knows no other host's: that hook reads Cline's payload as its host's).
  if (command !== undefined && isOurs(command) && text === hookScript('cline', command)) return undefined;
  return "is a PreToolUse hook Cline runs beside AgentGuard's: its answer may replace the call's input (overrideInput) after AgentGuard judged it";
}

export const CLINE_SHADOW = {
  files: ['.clinerules/hooks/*', '.cline/hooks/*', `${PLUGINS}/**`],
  shadows: clineShadows,
} as const;
