// How each real agent host is pointed at the scripted model, run headless in
// each of its permission modes, and asked for a tool call in its own tool
// names and argument shapes. Sources, per host:
//   Claude Code — ANTHROPIC_BASE_URL, `-p`, `--permission-mode`, `--mcp-config`
//     (code.claude.com/docs: settings, headless, permission modes). As root the
//     bypass mode starts only with IS_SANDBOX=1 (Claude's own check); MCP tools
//     are offered directly, not behind its tool search, with ENABLE_TOOL_SEARCH=false.
//   Codex — a custom `model_providers` entry with `base_url` and
//     `wire_api = "responses"`, `codex exec` and its sandbox/approval flags,
//     `mcp_servers`, and `--dangerously-bypass-hook-trust` (developers.openai.com/codex
//     config reference and hooks page; `codex exec --help`).
//   Gemini CLI — GOOGLE_GEMINI_BASE_URL with GEMINI_API_KEY and
//     `security.auth.selectedType: "gemini-api-key"`, `-p`, `--approval-mode`
//     (google-gemini/gemini-cli docs/cli/configuration.md).
//   Qwen Code — OPENAI_BASE_URL / OPENAI_API_KEY / OPENAI_MODEL with
//     `--auth-type openai`, `-p`, `--approval-mode` (`qwen --help`).
//   OpenCode — a provider on `@ai-sdk/openai-compatible` with `options.baseURL`
//     in OPENCODE_CONFIG_CONTENT, `opencode run`, `--auto` (opencode.ai/docs/providers,
//     `opencode run --help`). It runs tools in $PWD, so PWD is set.
//   Copilot CLI — BYOK: COPILOT_PROVIDER_BASE_URL, COPILOT_MODEL, COPILOT_OFFLINE
//     (docs.github.com: Using your own LLM models in GitHub Copilot CLI), `-p`
//     with `--allow-all-tools` (required headless) or `--yolo`.
//   Cline — `cline auth -p openai -b URL`, `cline --json PROMPT`, `--auto-approve`
//     (`cline --help`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const MCP_MATCH = 'execute_sql$';

/** The MCP server as each host's configuration names a stdio server. */
function mcpServer(ctx) {
  return { command: ctx.nodeBin, args: [ctx.mcpScript], env: { MCP_MARKER: ctx.markers.mcp } };
}

/** Kills the processes of this user whose argv `match` picks (read from /proc): ones a host left behind detached. */
function stopProcesses(match) {
  if (!fs.existsSync('/proc/self/cmdline')) return;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let argv;
    try {
      argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (match(argv)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

export const HOSTS = {
  claude: {
    name: 'Claude Code',
    agentguard: 'claude',
    modes: {
      default: ['--permission-mode', 'default'],
      acceptEdits: ['--permission-mode', 'acceptEdits'],
      bypass: ['--permission-mode', 'bypassPermissions'],
    },
    permissive: 'bypass',
    // Its own sandbox as `agentguard install` turns it on, in the mode that asks nobody; off: the same install declining it.
    sandbox: { mode: 'bypass', off: { mode: 'bypass', installArgs: ['--no-host-sandbox'] } },
    settingsFile: '.claude/settings.local.json',
    // Claude's debug log times each hook: `Hooks: PreToolUse:Bash [...] finished with status 0 (281ms)`.
    hookTimes(ctx) {
      const log = path.join(ctx.home, '.claude', 'debug', 'latest');
      if (!fs.existsSync(log)) return [];
      return [
        ...fs.readFileSync(log, 'utf8').matchAll(/Hooks: PreToolUse:\S+ \[.*?\] finished with status \d+ \((\d+)ms\)/g),
      ].map((m) => Number(m[1]));
    },
    shell: (command) => ({ name: 'Bash', input: { command, description: 'Run the command' } }),
    write: (file, content) => ({ name: 'Write', input: { file_path: file, content } }),
    read: (file) => ({ name: 'Read', input: { file_path: file } }),
    mcp: (query) => ({ match: MCP_MATCH, input: { query } }),
    command(ctx, mode, prompt) {
      const mcp = JSON.stringify({ mcpServers: { db: mcpServer(ctx) } });
      return {
        argv: [
          ctx.bin,
          '-p',
          prompt,
          '--output-format',
          'json',
          '--mcp-config',
          mcp,
          '--strict-mcp-config',
          '--debug',
          ...this.modes[mode],
        ],
        env: {
          ANTHROPIC_BASE_URL: ctx.modelUrl,
          ANTHROPIC_API_KEY: 'sk-scripted',
          IS_SANDBOX: '1',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          ENABLE_TOOL_SEARCH: 'false',
          DISABLE_AUTOUPDATER: '1',
        },
      };
    },
  },

  codex: {
    name: 'Codex',
    agentguard: 'codex',
    // exec never asks: its modes are the sandbox it runs commands in.
    modes: {
      default: [],
      workspaceWrite: ['--sandbox', 'workspace-write'],
      yolo: ['--dangerously-bypass-approvals-and-sandbox'],
    },
    permissive: 'yolo',
    // Codex's sandbox is on unless its command line turns it off; install selects AgentGuard's permission
    // profile, which Codex ignores under a --sandbox flag: so no flag (its default); yolo is it off.
    sandbox: { mode: 'default', off: { mode: 'yolo', installArgs: [] } },
    settingsFile: '.codex/config.toml',
    shell: (cmd) => ({ name: 'exec_command', input: { cmd } }),
    // Codex edits files with apply_patch, which its shell tool intercepts.
    write: (file, content) => ({
      name: 'exec_command',
      input: {
        cmd: `apply_patch <<'PATCH'\n*** Begin Patch\n*** Add File: ${file}\n${content
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => `+${l}`)
          .join('\n')}\n*** End Patch\nPATCH`,
      },
    }),
    read: (file) => ({ name: 'exec_command', input: { cmd: `cat ${file}` } }),
    mcp: (query) => ({ match: MCP_MATCH, input: { query } }),
    // Codex reads a project's .codex/ (its hooks too) only once the project is
    // trusted, which it records in the user's config.toml (not settable by -c).
    userSettings: (ctx) => ({
      '.codex/config.toml': `[projects.${JSON.stringify(ctx.ws)}]\ntrust_level = "trusted"\n`,
    }),
    command(ctx, mode, prompt) {
      const c = (kv) => ['-c', kv];
      const trust = ctx.codexHookTrust ? ['--dangerously-bypass-hook-trust'] : [];
      return {
        argv: [
          ctx.nodeBin,
          ctx.bin,
          'exec',
          '--skip-git-repo-check',
          '--color',
          'never',
          ...c('model="gpt-5.1-codex"'),
          ...c('model_provider="scripted"'),
          ...c('model_providers.scripted.name="scripted"'),
          ...c(`model_providers.scripted.base_url="${ctx.modelUrl}/v1"`),
          ...c('model_providers.scripted.wire_api="responses"'),
          ...c('model_providers.scripted.env_key="SCRIPTED_API_KEY"'),
          ...c(`mcp_servers.db.command=${JSON.stringify(ctx.nodeBin)}`),
          ...c(`mcp_servers.db.args=${JSON.stringify([ctx.mcpScript])}`),
          ...c(`mcp_servers.db.env={MCP_MARKER=${JSON.stringify(ctx.markers.mcp)}}`),
          ...trust,
          ...this.modes[mode],
          prompt,
        ],
        env: { SCRIPTED_API_KEY: 'scripted', CODEX_HOME: path.join(ctx.home, '.codex') },
      };
    },
  },

  gemini: {
    name: 'Gemini CLI',
    agentguard: 'gemini',
    modes: {
      default: ['--approval-mode', 'default'],
      autoEdit: ['--approval-mode', 'auto_edit'],
      yolo: ['--approval-mode', 'yolo'],
    },
    permissive: 'yolo',
    settingsFile: '.gemini/settings.json',
    shell: (command) => ({ name: 'run_shell_command', input: { command, description: 'Run the command' } }),
    write: (file, content) => ({ name: 'write_file', input: { file_path: file, content } }),
    read: (file) => ({ name: 'read_file', input: { file_path: file } }),
    mcp: (query) => ({ match: MCP_MATCH, input: { query } }),
    userSettings: (ctx) => ({
      '.gemini/settings.json': {
        security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: false } },
        general: { disableAutoUpdate: true, disableUpdateNag: true },
        privacy: { usageStatisticsEnabled: false },
        telemetry: { enabled: false },
        mcpServers: { db: mcpServer(ctx) },
      },
    }),
    command(ctx, mode, prompt) {
      return {
        argv: [ctx.nodeBin, ctx.bin, '-p', prompt, '--output-format', 'json', ...this.modes[mode]],
        env: { GOOGLE_GEMINI_BASE_URL: ctx.modelUrl, GEMINI_API_KEY: 'scripted', GEMINI_CLI_NO_RELAUNCH: 'true' },
      };
    },
  },

  qwen: {
    name: 'Qwen Code',
    agentguard: 'qwen',
    modes: {
      default: ['--approval-mode', 'default'],
      autoEdit: ['--approval-mode', 'auto-edit'],
      yolo: ['--approval-mode', 'yolo'],
    },
    permissive: 'yolo',
    settingsFile: '.qwen/settings.json',
    shell: (command) => ({ name: 'run_shell_command', input: { command, description: 'Run the command' } }),
    write: (file, content) => ({ name: 'write_file', input: { file_path: file, content } }),
    read: (file) => ({ name: 'read_file', input: { file_path: file } }),
    mcp: (query) => ({ match: MCP_MATCH, input: { query } }),
    userSettings: (ctx) => ({
      '.qwen/settings.json': {
        security: { folderTrust: { enabled: false } },
        privacy: { usageStatisticsEnabled: false },
        telemetry: { enabled: false },
        mcpServers: { db: mcpServer(ctx) },
      },
    }),
    command(ctx, mode, prompt) {
      return {
        argv: [
          ctx.nodeBin,
          ctx.bin,
          '-p',
          prompt,
          '--auth-type',
          'openai',
          '--output-format',
          'json',
          ...this.modes[mode],
        ],
        env: {
          OPENAI_BASE_URL: `${ctx.modelUrl}/v1`,
          OPENAI_API_KEY: 'scripted',
          OPENAI_MODEL: 'scripted',
          QWEN_CODE_SUPPRESS_YOLO_WARNING: '1',
        },
      };
    },
  },

  opencode: {
    name: 'OpenCode',
    agentguard: 'opencode',
    modes: { default: [], auto: ['--auto'] },
    permissive: 'auto',
    settingsFile: 'opencode.json',
    shell: (command) => ({ name: 'bash', input: { command, description: 'Run the command' } }),
    write: (file, content) => ({ name: 'write', input: { filePath: file, content } }),
    read: (file) => ({ name: 'read', input: { filePath: file } }),
    mcp: (query) => ({ match: MCP_MATCH, input: { query } }),
    // A workspace with a plugin gets `@opencode-ai/plugin` npm-installed into
    // .opencode/ on OpenCode's first start there (63 MB, 10-20 s): the runs
    // share one copy, hard-linked in, and OpenCode's install finds it present.
    beforeRun(ctx) {
      const deps = path.join(ctx.sharedCache, 'opencode-plugin-deps');
      if (fs.existsSync(path.join(ctx.ws, '.opencode')) && fs.existsSync(path.join(deps, 'node_modules'))) {
        spawnSync('cp', ['-al', path.join(deps, 'node_modules'), path.join(ctx.ws, '.opencode', 'node_modules')]);
      }
    },
    afterRun(ctx) {
      const deps = path.join(ctx.sharedCache, 'opencode-plugin-deps');
      const made = path.join(ctx.ws, '.opencode', 'node_modules');
      if (!fs.existsSync(deps) && fs.existsSync(path.join(made, '@opencode-ai', 'plugin'))) {
        fs.mkdirSync(deps, { recursive: true });
        spawnSync('cp', ['-a', made, path.join(deps, 'node_modules')]);
      }
    },
    command(ctx, mode, prompt) {
      const config = {
        provider: {
          scripted: {
            npm: '@ai-sdk/openai-compatible',
            name: 'scripted',
            options: { baseURL: `${ctx.modelUrl}/v1`, apiKey: 'scripted' },
            models: { scripted: { name: 'scripted', tool_call: true } },
          },
        },
        model: 'scripted/scripted',
        autoupdate: false,
        share: 'disabled',
        mcp: {
          db: { type: 'local', command: [ctx.nodeBin, ctx.mcpScript], environment: { MCP_MARKER: ctx.markers.mcp } },
        },
      };
      return {
        argv: [ctx.bin, 'run', ...this.modes[mode], prompt],
        // OpenCode installs the provider's npm package into its cache on first use: one cache for every run.
        env: {
          OPENCODE_CONFIG_CONTENT: JSON.stringify(config),
          OPENCODE_DISABLE_MODELS_FETCH: '1',
          OPENCODE_DISABLE_AUTOUPDATE: '1',
          XDG_CACHE_HOME: ctx.sharedCache,
        },
      };
    },
  },

  copilot: {
    name: 'Copilot CLI',
    agentguard: 'copilot-cli',
    // Headless Copilot CLI needs --allow-all-tools; --yolo also lifts its path and URL checks.
    modes: { allowAllTools: ['--allow-all-tools'], yolo: ['--yolo'] },
    permissive: 'yolo',
    settingsFile: '.github/hooks/more.json',
    shell: (command) => ({ name: 'bash', input: { command, description: 'Run the command' } }),
    write: (file, content) => ({ name: 'create', input: { path: file, file_text: content } }),
    read: (file) => ({ name: 'view', input: { path: file } }),
    mcp: (query) => ({ match: MCP_MATCH, input: { query } }),
    // Copilot CLI loads a repository's hooks only in a folder the user trusted
    // (its first-run question); headless it never asks, and an untrusted
    // folder's hooks are skipped without a word.
    userSettings: (ctx) => ({ '.copilot/config.json': { trusted_folders: [ctx.ws] } }),
    command(ctx, mode, prompt) {
      const mcp = JSON.stringify({ mcpServers: { db: { type: 'local', tools: ['*'], ...mcpServer(ctx) } } });
      return {
        argv: [ctx.nodeBin, ctx.bin, '-p', prompt, '--additional-mcp-config', mcp, '--no-color', ...this.modes[mode]],
        env: {
          COPILOT_OFFLINE: 'true',
          COPILOT_PROVIDER_BASE_URL: `${ctx.modelUrl}/v1`,
          COPILOT_PROVIDER_API_KEY: 'scripted',
          COPILOT_MODEL: 'claude-sonnet-4.5',
        },
      };
    },
  },

  cline: {
    name: 'Cline',
    agentguard: 'cline',
    modes: { default: ['--auto-approve', 'false'], autoApprove: ['--auto-approve', 'true'] },
    permissive: 'autoApprove',
    settingsFile: '.clinerules/hooks/TaskStart',
    shell: (cmd) => ({ name: 'run_commands', input: { commands: [cmd] } }),
    write: (file, content) => ({ name: 'editor', input: { path: file, new_text: content } }),
    read: (file) => ({ name: 'read_files', input: { files: [{ path: file }] } }),
    mcp: (query) => ({ match: MCP_MATCH, input: { query } }),
    userSettings: (ctx) => ({
      '.cline/data/settings/cline_mcp_settings.json': {
        mcpServers: { db: { ...mcpServer(ctx), type: 'stdio', disabled: false } },
      },
    }),
    // `cline auth` writes the provider into ~/.cline before the run.
    prepare: (ctx) => [ctx.bin, 'auth', '-p', 'openai', '-k', 'scripted', '-m', 'scripted', '-b', `${ctx.modelUrl}/v1`],
    // Cline starts a hub daemon of its own session (`--cline-hub-daemon --cwd WS`) that outlives
    // the run in a session of its own: the one with this run's workspace goes with the run.
    afterRun: (ctx) =>
      stopProcesses((argv) => argv.includes('--cline-hub-daemon') && argv[argv.indexOf('--cwd') + 1] === ctx.ws),
    command(ctx, mode, prompt) {
      return { argv: [ctx.bin, '--json', '--timeout', '100', ...this.modes[mode], prompt], env: {} };
    },
  },
};
