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
import { hookScript } from './hookCommand';

const EXTENSIONS = new Set(['', '.sh', '.bash', '.zsh', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.py', '.ps1']);

/** Whether `file` is one Cline 3 runs as a PreToolUse hook. */
function preToolUseFile(file: string): boolean {
  const name = (file.split(/[\\/]/).pop() ?? '').toLowerCase();
  const dot = name.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return base.trim() === 'pretooluse' && EXTENSIONS.has(ext);
}

export function clineShadows(
  text: string,
  _tool: string,
  isOurs: (command: unknown) => boolean,
  file: string,
): string | undefined {
  if (!preToolUseFile(file)) return undefined;
  const command = /^exec (.+)$/m.exec(text)?.[1];
  if (command && isOurs(command) && text === hookScript('cline', command)) return undefined;
  return "is a PreToolUse hook Cline runs beside AgentGuard's: its answer may replace the call's input (overrideInput) after AgentGuard judged it";
}

export const CLINE_SHADOW = { files: ['.clinerules/hooks/*', '.cline/hooks/*'], shadows: clineShadows } as const;
