// Environment variables a settings file below the user level hands a host's
// hooks and commands. Claude Code's `env` in a project's
// `.claude/settings.json` or `.claude/settings.local.json` reaches both the
// PreToolUse hook's process and every Bash command (checked on Claude Code
// 2.1.330, docs/hosts.md "Environment a workspace sets"): a file any
// command run in the folder may write then decides which program a bare
// name runs, what a shell reads at start and what code a runtime loads —
// for every later call, after AgentGuard judged it as written. Only the
// variables that change what runs are news; the rest (a feature flag, a
// log level) change nothing AgentGuard judged.
import { withoutTrailingComment } from '../text/trailingComment';
import { isObj } from './preToolUseShadow';

/**
 * Variables that change which program or code runs, each for a reason a
 * command's text does not show:
 * - which program a name runs, and the shells' start-up: PATH, BASH_ENV and
 *   ENV (a file sh/bash source before any command), ZDOTDIR, SHELLOPTS and
 *   BASHOPTS (options bash imports: xtrace with PS4 runs a substitution), PS4,
 *   the host's own shell (SHELL, Claude Code's CLAUDE_CODE_SHELL and
 *   CLAUDE_CODE_SHELL_PREFIX, a command it puts before every Bash command);
 * - the home and configuration every tool reads (`~`, dotfiles, git's and
 *   npm's configuration): HOME, XDG_CONFIG_HOME;
 * - the dynamic linker's and runtimes' loaders: LD_*, DYLD_* below, Node's,
 *   Python's, Perl's, Ruby's and the JVM's, OpenSSL's configuration (which
 *   loads engines);
 * - git's programs and configuration (GIT_CONFIG_* by prefix: GIT_CONFIG_COUNT
 *   and its KEY_n/VALUE_n pairs set any option, core.hooksPath or core.fsmonitor
 *   included);
 * - AgentGuard's own (AGENTGUARD_* by prefix, XDG_STATE_HOME): where its hook
 *   reads its state, and so what it trusts.
 */
const RUN_CHANGING: readonly string[] = [
  'PATH',
  'BASH_ENV',
  'ENV',
  'ZDOTDIR',
  'SHELLOPTS',
  'BASHOPTS',
  'PS4',
  'SHELL',
  'CLAUDE_CODE_SHELL',
  'CLAUDE_CODE_SHELL_PREFIX',
  'HOME',
  'XDG_CONFIG_HOME',
  'XDG_STATE_HOME',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'LD_AUDIT',
  'DYLD_INSERT_LIBRARIES',
  'DYLD_LIBRARY_PATH',
  'DYLD_FRAMEWORK_PATH',
  'NODE_OPTIONS',
  'NODE_PATH',
  'PYTHONPATH',
  'PYTHONHOME',
  'PYTHONSTARTUP',
  'PERL5LIB',
  'PERL5OPT',
  'RUBYLIB',
  'RUBYOPT',
  'JAVA_TOOL_OPTIONS',
  'OPENSSL_CONF',
  'OPENSSL_ENGINES',
  'OPENSSL_MODULES',
  'GIT_EXEC_PATH',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_ASKPASS',
  'GIT_EDITOR',
  'GIT_PAGER',
  'GIT_EXTERNAL_DIFF',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_TEMPLATE_DIR',
];
/** Families named by their start: every member sets configuration or code of its program. */
const RUN_CHANGING_PREFIXES: readonly string[] = ['GIT_CONFIG', 'NPM_CONFIG_', 'AGENTGUARD_'];

/**
 * Set in every session a host starts: a host that applies a workspace's
 * variable only where it is unset (Qwen Code's env and `.env`, Gemini CLI's
 * `.env`, as dotenv does) never applies these.
 */
export const ALWAYS_SET: readonly string[] = ['PATH', 'HOME', 'SHELL'];

/** Most keys of one `env` (or servers of one file) looked at: a settings file has a handful. */
const MAX_KEYS = 1000;

/** Said for a map past MAX_KEYS: what lies beyond the bound is not read, so the file is news, never quiet. */
const TOO_MANY = `more than ${MAX_KEYS} entries (not read)`;

/** Whether setting `name` changes what later commands run (upper-cased: Windows' names are not case-sensitive). */
export function changesWhatRuns(name: string): boolean {
  const upper = name.toUpperCase();
  return RUN_CHANGING.includes(upper) || RUN_CHANGING_PREFIXES.some((p) => upper.startsWith(p));
}

/** The names of `env` (a settings file's `env` value) that change what runs, in the file's order. */
export function runChangingNames(env: unknown): string[] {
  if (!isObj(env)) return [];
  const keys = Object.keys(env);
  if (keys.length > MAX_KEYS) return [TOO_MANY];
  return keys.filter((k) => env[k] !== undefined && changesWhatRuns(k));
}

/** Whether `env` sets HOME: a launcher under that home is one the file chose, not AgentGuard's. */
export function setsHome(env: unknown): boolean {
  return (
    isObj(env) &&
    Object.keys(env)
      .slice(0, MAX_KEYS)
      .some((k) => k.toUpperCase() === 'HOME')
  );
}

/**
 * Why the `env` of a settings file of `label` changes what runs, said for a
 * person, or undefined. `how.name`: how the file spells a variable
 * (`env.NAME` unless said); `how.reaches`: what of the host runs under it.
 */
export function envShadow(
  env: unknown,
  label: string,
  how: { name?: (variable: string) => string; reaches?: string } = {},
): string | undefined {
  const names = runChangingNames(env);
  if (!names.length) return undefined;
  return `sets ${listed(names, how.name ?? ((v: string) => `env.${v}`))} for ${label}'s ${how.reaches ?? 'hooks and commands'}: every later command runs under it, so what runs may not be what AgentGuard judged`;
}

/** `names` said as the first and up to five more. */
function listed(names: readonly string[], name: (variable: string) => string): string {
  const [first, ...more] = names;
  return `${name(first)}${more.length ? ` (and ${more.slice(0, 5).join(', ')}${more.length > 5 ? ', …' : ''})` : ''}`;
}

/**
 * Why an MCP server of a workspace file starts under a variable that
 * changes what runs, said for a person, or undefined. `servers`: the
 * server names with the variables each is handed (its `env`, Codex's
 * `env_vars`), in the file's order; `spelled`: how the file spells one.
 * The host starts the server with the file's command under that
 * environment: a loader variable makes it load other code, a PATH or HOME
 * makes its command name another program or read other configuration.
 */
export function mcpEnvShadow(
  servers: Iterable<[string, Iterable<string>]>,
  label: string,
  spelled: (server: string, variable: string) => string,
): string | undefined {
  let seen = 0;
  for (const [server, vars] of servers) {
    const all = [...vars];
    const names = ++seen > MAX_KEYS || all.length > MAX_KEYS ? [TOO_MANY] : all.filter(changesWhatRuns);
    if (names.length)
      return `sets ${listed(names, (v) => spelled(server, v))} for ${label}'s MCP server ${server.slice(0, 80)}: the server starts under it, so what it runs may not be what its command names`;
  }
  return undefined;
}

/** How a JSON settings file spells a server's variable. */
export const mcpEnvKey = (server: string, variable: string): string =>
  `mcpServers.${server.slice(0, 80)}.env.${variable}`;

/** How a JSON file whose servers are under `servers` (with their variables under `env`) spells one of a server's variables. */
export const mcpEnvSpelled =
  (servers: string, env = 'env') =>
  (server: string, variable: string): string =>
    `${servers}.${server.slice(0, 80)}.${env}.${variable}`;

/**
 * The servers of a JSON settings file's server map (`mcpServers` of Claude
 * Code's `.mcp.json`, Gemini CLI's and Qwen Code's settings, Cursor's and
 * Kiro's `mcp.json`; VS Code's `servers`; Amp's `amp.mcpServers`;
 * OpenCode's `mcp`) with the names of each one's `envKey` object (`env`;
 * OpenCode's `environment`).
 */
export function mcpServersEnv(mcpServers: unknown, envKey = 'env'): [string, string[]][] {
  if (!isObj(mcpServers)) return [];
  return Object.entries(mcpServers).map(([name, server]): [string, string[]] => [
    name,
    isObj(server) && isObj(server[envKey]) ? Object.keys(server[envKey]) : [],
  ]);
}

/**
 * Why a server of a JSON server map starts under an environment file it
 * names (`envFile`: VS Code's and Cursor's), said for a person, or
 * undefined. That file may set any variable, and is a file of the
 * workspace's choosing that the server reads at each start, after this
 * check: an `envFile` named in a changed file is news whatever it holds
 * now, never read here.
 */
export function mcpEnvFileShadow(
  mcpServers: unknown,
  label: string,
  spelled: (server: string) => string,
): string | undefined {
  if (!isObj(mcpServers)) return undefined;
  const entries = Object.entries(mcpServers);
  if (entries.length > MAX_KEYS)
    return `names ${TOO_MANY} of ${label}'s MCP servers: one may start under an environment file of the workspace's choosing`;
  for (const [server, value] of entries)
    if (isObj(value) && typeof value.envFile === 'string')
      return `sets ${spelled(server)} (${value.envFile.slice(0, 120)}) for ${label}'s MCP server ${server.slice(0, 80)}: the server starts under every variable that file sets, PATH, LD_PRELOAD or NODE_OPTIONS among them, so what it runs may not be what its command names`;
  return undefined;
}

/**
 * Why an MCP file of `label` whose `text` cannot be read as a JSON object is
 * news (undefined for an empty one): which servers it starts, and under
 * which variables, cannot be checked.
 */
export function mcpFileUnread(text: string, label: string): string | undefined {
  return text.trim()
    ? `cannot be read as a JSON object, so the MCP servers ${label} may start from it, and the environment each starts under, cannot be checked`
    : undefined;
}

/** Dotenv lines `KEY=value` (`export KEY=value`, quoted or not), the last of a key standing. */
export function dotenv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split(/\r?\n/).slice(0, 10_000)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*)$/.exec(line);
    if (!m) continue;
    const raw = m[2].trim();
    const quoted = /^(['"`])(.*)\1/.exec(raw);
    vars.set(m[1], quoted ? quoted[2] : withoutTrailingComment(raw));
  }
  return vars;
}
