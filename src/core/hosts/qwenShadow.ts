// What in a workspace takes AgentGuard away from a Qwen Code call. Its
// `.qwen/settings.json` has Claude Code's hook shape: `disableAllHooks:
// true` or a PreToolUse handler of its own (preToolUseShadow.ts); the
// project's file is merged over the user's, and its hooks load once the
// folder is trusted (Qwen Code 0.24.4's docs/features/hooks.md,
// "Configuration", "Troubleshooting"). Qwen Code also turns every hook off
// under safe mode or bare mode, which it reads from the environment
// (`QWEN_CODE_SAFE_MODE`, `QWEN_CODE_SIMPLE`), and a trusted workspace sets
// environment variables two ways: the settings' `env`, and the first of
// `.qwen/.env` and `.env` it finds walking up from the working folder;
// neither variable is on its list of keys a project may not set (read
// from Qwen Code 0.24.4's loadEnvironment and its project exclusions). Either
// way a variable reaches its hooks and shell commands only where it was
// unset (checked on Qwen Code 0.24.4, docs/hosts.md "Environment a workspace
// sets"): one that changes what runs and that Qwen Code lets a project set
// (workspaceEnv.ts) is news too, and so is one a project MCP server of its
// settings (`mcpServers.NAME.env`) starts under.
import { isObj, lenientJson, preToolUseShadows } from './preToolUseShadow';
import { ALWAYS_SET, dotenv, envShadow, mcpEnvKey, mcpEnvShadow, mcpServersEnv } from './workspaceEnv';

/** The environment variables under which Qwen Code loads no hook at all. */
const HOOKS_OFF_ENV = ['QWEN_CODE_SAFE_MODE', 'QWEN_CODE_SIMPLE'];

/** Qwen Code's own reading of the variable (its isTruthy); it takes only strings from settings' `env`. */
const on = (v: unknown): boolean =>
  typeof v === 'string' && ['1', 'true', 'yes', 'on'].includes(v.trim().toLowerCase());

const settingsShadows = preToolUseShadows('Qwen Code');

/**
 * What a project's env cannot set in Qwen Code 0.24.4 of the variables that
 * change what runs: its loader keys and project exclusions (both dropped,
 * compared without case), and PATH, HOME and SHELL, which every session
 * already has (it sets only a variable that is unset).
 */
const QWEN_DROPS = new Set(
  [
    ...ALWAYS_SET,
    'NODE_OPTIONS',
    'NODE_PATH',
    'OPENSSL_CONF',
    'LD_PRELOAD',
    'LD_AUDIT',
    'DYLD_INSERT_LIBRARIES',
    'BASH_ENV',
    'ZDOTDIR',
    'NPM_CONFIG_NODE_OPTIONS',
    'NPM_CONFIG_USERCONFIG',
    'NPM_CONFIG_GLOBALCONFIG',
    'NPM_CONFIG_SCRIPT_SHELL',
    'NPM_CONFIG_PREFIX',
    'NPM_CONFIG_NODE_GYP',
    'NPM_CONFIG_INIT_MODULE',
    'GIT_SSH_COMMAND',
    'GIT_SSH',
    'GIT_EXEC_PATH',
    'GIT_TEMPLATE_DIR',
    'GIT_ASKPASS',
    'GIT_EDITOR',
    'GIT_EXTERNAL_DIFF',
    'GIT_CONFIG_GLOBAL',
    'GIT_CONFIG_SYSTEM',
    'GIT_CONFIG_COUNT',
    'GIT_CONFIG_PARAMETERS',
    'XDG_CONFIG_HOME',
  ].map((k) => k.replace(/-/g, '_')),
);
const qwenSets = (name: string): boolean => {
  const key = name.toUpperCase().replace(/-/g, '_');
  return !QWEN_DROPS.has(key) && !/^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(key);
};

/** The variables of `vars` Qwen Code applies, as an object for envShadow. */
const applied = (vars: Iterable<[string, unknown]>): Record<string, unknown> =>
  Object.fromEntries([...vars].filter(([k]) => qwenSets(k)));

export function qwenShadows(
  text: string,
  tool: string,
  isOurs: (command: unknown) => boolean,
  file: string,
): string | undefined {
  if (file.endsWith('.env')) {
    const vars = dotenv(text);
    const key = HOOKS_OFF_ENV.find((k) => vars.has(k) && on(vars.get(k)));
    if (key) return `sets ${key}, under which Qwen Code runs no hook, AgentGuard's included`;
    return envShadow(applied(vars), 'Qwen Code', { name: (v) => v });
  }
  const value = lenientJson(text);
  const env = isObj(value) && isObj(value.env) ? value.env : {};
  const key = HOOKS_OFF_ENV.find((k) => on(env[k]));
  if (key) return `sets env.${key}, under which Qwen Code runs no hook, AgentGuard's included`;
  return (
    settingsShadows(text, tool, isOurs) ??
    envShadow(applied(Object.entries(env)), 'Qwen Code') ??
    (isObj(value) ? mcpEnvShadow(mcpServersEnv(value.mcpServers), 'Qwen Code', mcpEnvKey) : undefined)
  );
}

export const QWEN_SHADOW = {
  files: ['.qwen/settings.json', '.qwen/.env', '.env'],
  // Its `.env` search starts at the working folder: one in a folder between it and the root is found first.
  perFolder: ['.qwen/.env', '.env'],
  // And on above it, from the folder with its links resolved, up to the home, where the workspace holds neither.
  above: { files: ['.qwen/.env', '.env'], endsAtHome: true, realStart: true },
  shadows: qwenShadows,
} as const;
