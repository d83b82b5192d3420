// What in a workspace takes AgentGuard away from an Amp call. Amp reads
// workspace settings from `.amp/settings.json` (or `.jsonc`), searching
// upward from the working folder to the repository root, and they override
// the user's settings key by key (https://ampcode.com/manual, "Settings";
// the permissions rules: https://ampcode.com/manual/appendix#permissions-configuration).
// So a workspace file decides `amp.permissions` whole — AgentGuard's delegate
// rule in the user's list no longer counts — and `amp.dangerouslyAllowAll`,
// under which Amp runs every call without a rule. Rules are tried in order,
// the first whose `tool` matches deciding: one that allows (or delegates to
// another program) before AgentGuard's delegate decides without it, and a
// list without AgentGuard's delegate leaves the call to Amp's built-in rules.
// A `reject` or `ask` rule first is stricter than AgentGuard, not news.
//
// AgentGuard's delegate is known by place and content, never by name: the
// rule delegates to a program install writes (next to the settings file, or
// the user's), and that program's text is what install writes for a launcher
// AgentGuard trusts. A workspace's program is a file an agent can rewrite —
// into one that answers 0 (allow) whatever AgentGuard says — so it is also
// one of the files looked at here: rewritten, it is news.
//
// A server of the workspace's `amp.mcpServers` starts, once a human approved
// it, under its `env` (https://ampcode.com/manual, "MCP"): a variable there
// that changes what runs (workspaceEnv.ts) is news, and so is a settings
// file that cannot be read as a JSON object: its servers are unknown.
import { hookScript } from './hookCommand';
import { isObj, lenientJson } from './preToolUseShadow';
import { mcpEnvShadow, mcpEnvSpelled, mcpFileUnread, mcpServersEnv } from './workspaceEnv';

/** The program install delegates to (amp.ts's wiring), next to the settings file. */
const OUR_PROGRAM = 'agentguard-delegate';
const PROGRAM_FILE = /[\\/]agentguard-delegate$/;

/**
 * Whether `text` is AgentGuard's delegate program exactly as install writes
 * it, running a command `isOurs` trusts: Amp's alone (hookEntries.ts), since
 * another host's hook answers in a form Amp's exit codes do not carry.
 */
function isOurProgram(text: string | undefined, isOurs: (command: unknown) => boolean): boolean {
  const command = text === undefined ? undefined : /^exec (.+)$/m.exec(text)?.[1];
  return Boolean(command !== undefined && isOurs(command) && text === hookScript('amp', command));
}

/** Amp's tool glob (`*`, `?`) as a whole-name test. */
function toolMatches(glob: unknown, tool: string): boolean {
  if (typeof glob !== 'string') return true;
  const re = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(tool);
}

export function ampShadows(
  text: string,
  tool: string,
  isOurs: (command: unknown) => boolean,
  file: string,
  delegate: (to: string) => string | undefined,
): string | undefined {
  if (PROGRAM_FILE.test(file))
    return isOurProgram(text, isOurs)
      ? undefined
      : "is not AgentGuard's delegate program as install writes it: Amp runs it in AgentGuard's place for each call a rule delegates to it";
  const isOurRule = (rule: Record<string, unknown>): boolean =>
    rule.action === 'delegate' && typeof rule.to === 'string' && isOurProgram(delegate(rule.to), isOurs);
  const value = lenientJson(text);
  // Amp starts approved servers of `amp.mcpServers`: a file that cannot be read as an object cannot be checked.
  if (!isObj(value)) return mcpFileUnread(text, 'Amp');
  if (value['amp.dangerouslyAllowAll'] === true)
    return "sets amp.dangerouslyAllowAll: Amp runs every call without a permission rule, AgentGuard's delegate included";
  return (
    permissionsShadow(value['amp.permissions'], tool, isOurRule) ??
    mcpEnvShadow(mcpServersEnv(value['amp.mcpServers']), 'Amp', mcpEnvSpelled('amp.mcpServers'))
  );
}

/** Why a workspace's `amp.permissions` decides `tool` without AgentGuard's delegate (`isOurRule`), or undefined. */
function permissionsShadow(
  rules: unknown,
  tool: string,
  isOurRule: (rule: Record<string, unknown>) => boolean,
): string | undefined {
  if (rules === undefined) return undefined;
  if (!Array.isArray(rules))
    return "sets amp.permissions, which replaces the user's list, to something other than a list of rules";
  const list = rules.slice(0, 500);
  const first = list.findIndex((r) => isObj(r) && toolMatches(r.tool, tool));
  const rule = first >= 0 ? (list[first] as Record<string, unknown>) : undefined;
  if (rule && isOurRule(rule)) return undefined;
  if (rule && (rule.action === 'reject' || rule.action === 'ask')) return undefined;
  if (!rule)
    return `sets amp.permissions, which replaces the user's list, with no rule for ${tool}: AgentGuard's delegate is not asked, Amp's built-in rules decide`;
  const what =
    rule.action === 'delegate'
      ? `delegates to ${String(rule.to).slice(0, 120)}, not AgentGuard's delegate program as install writes it`
      : String(rule.action);
  return `sets amp.permissions, which replaces the user's list, whose rule ${first + 1} for ${tool} (${what}) decides before AgentGuard's delegate`;
}

const FILES = ['.amp/settings.json', '.amp/settings.jsonc', `.amp/${OUR_PROGRAM}`];

export const AMP_SHADOW = { files: FILES, perFolder: FILES, shadows: ampShadows } as const;
