// Other coding agents started by this one. An agent launched with its own
// permission checks off runs every command it decides on without a human —
// and, started from here, often without AgentGuard's hook either — so the
// flags that switch those checks off are a loosening, asked about like a
// change to AgentGuard's own policy. Each host documents its own: Claude
// Code `--dangerously-skip-permissions` and `--permission-mode
// bypassPermissions`; Codex `--dangerously-bypass-approvals-and-sandbox`
// (`--yolo`) and `--sandbox danger-full-access`; Gemini CLI and Qwen Code
// `--yolo` and `--approval-mode yolo`; Cursor's `cursor-agent --force`;
// Copilot CLI `--allow-all-tools`; Amp `--dangerously-allow-all`; aider
// `--yes-always`. Claude Code also runs without hooks — AgentGuard's among
// them — when handed settings that switch them off (`--settings` JSON or a
// file with `disableAllHooks`) or told to skip the settings files the hook
// is written in (`--setting-sources` without user, project and local). Adding an MCP server through a host's own CLI (`claude mcp
// add`) plants a command the host starts later, as writing its MCP file does.
// A host started with a config override that runs a command (`codex -c
// 'notify=[…]'`) runs it on its events, and a host CLI that rewrites its own
// hook or permission settings (`claude config set hooks '{}'`) can drop
// AgentGuard's hook: both asked. Headless runs with their checks on (`claude -p`, `codex exec`,
// `codex --full-auto`) say nothing.
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { own } from '../text/own';

interface AgentCli {
  /** Flags that switch the agent's permission checks off, with or without a value. */
  flags: readonly string[];
  /** Options whose value switches them off: `--approval-mode yolo`. */
  values?: Readonly<Record<string, RegExp>>;
  /** Options that start it without its hooks, AgentGuard's among them (read from the call and the files it names). */
  hooksOff?: (cmd: SimpleCommand, ctx: AnalysisContext) => string | undefined;
  /** A config override on the call whose value is a command the host runs (`-c 'notify=[…]'`). */
  commandOverride?: (argv: readonly string[]) => string | undefined;
  /** A settings key the call rewrites that governs the host's hooks or permission checks. */
  guardSettingWrite?: (argv: readonly string[]) => string | undefined;
}

const AGENTS: Record<string, AgentCli> = {
  claude: {
    flags: ['--dangerously-skip-permissions', '--allow-dangerously-skip-permissions'],
    values: { '--permission-mode': /^bypassPermissions$/i },
    hooksOff: (cmd, ctx) => claudeHooksOff(cmd, ctx),
    guardSettingWrite: (argv) => guardSettingWrite(argv),
  },
  codex: {
    flags: ['--dangerously-bypass-approvals-and-sandbox', '--yolo'],
    values: {
      '--sandbox': /^danger-full-access$/,
      '-s': /^danger-full-access$/,
      '-c': /^sandbox_mode\s*=\s*["']?danger-full-access/,
    },
    commandOverride: (argv) => commandOverride(argv),
  },
  gemini: { flags: ['--yolo', '-y'], values: { '--approval-mode': /^yolo$/i } },
  qwen: { flags: ['--yolo', '-y'], values: { '--approval-mode': /^yolo$/i } },
  'cursor-agent': { flags: ['--force', '-f', '--yolo'] },
  copilot: { flags: ['--allow-all-tools', '--allow-all-paths', '--allow-all', '--yolo'] },
  amp: { flags: ['--dangerously-allow-all'] },
  aider: { flags: ['--yes-always', '--yes'] },
  opencode: { flags: ['--dangerously-skip-permissions'] },
  crush: { flags: ['--yolo', '-y'] },
};
/** The names npm packages give these CLIs when run through npx. */
const ALIASES: Record<string, string> = {
  'claude-code': 'claude',
  'gemini-cli': 'gemini',
  '@openai/codex': 'codex',
  'qwen-code': 'qwen',
};

function agentOf(name: string): [string, AgentCli] | undefined {
  const key = own(ALIASES, name) ?? name;
  const cli = own(AGENTS, key);
  return cli ? [key, cli] : undefined;
}

function unguarded(argv: readonly string[], cli: AgentCli): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (cli.flags.includes(a)) return a;
    const eq = a.indexOf('=');
    const opt = eq > 0 ? a.slice(0, eq) : a;
    const re = own(cli.values, opt);
    if (!re) continue;
    const value = eq > 0 ? a.slice(eq + 1) : argv[i + 1];
    if (value !== undefined && re.test(value)) return `${opt} ${value}`;
  }
  return undefined;
}

/** The settings sources Claude Code reads its hooks from; leaving one out may leave AgentGuard's hook out. */
const CLAUDE_SOURCES = ['user', 'project', 'local'];

/** `claude --settings JSON|FILE` that switches hooks off, or `--setting-sources` that skips where they are written. */
function claudeHooksOff(cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  const argv = cmd.argv;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const eq = a.indexOf('=');
    const opt = eq > 0 ? a.slice(0, eq) : a;
    if (opt !== '--settings' && opt !== '--setting-sources') continue;
    const value = eq > 0 ? a.slice(eq + 1) : argv[i + 1];
    if (value === undefined) continue;
    if (opt === '--setting-sources') {
      const given = value.split(',').map((s) => s.trim());
      if (CLAUDE_SOURCES.some((s) => !given.includes(s))) return `${opt} ${value}`;
      continue;
    }
    // Inline JSON, or a file read for the same key; a file that cannot be read is not known to keep hooks on.
    const text = value.trimStart().startsWith('{') ? value : ctx.readFile(value, cmd.cwd);
    if (text === undefined || /"disableAllHooks"\s*:\s*true/.test(text)) return `${opt} ${value.slice(0, 60)}`;
  }
  return undefined;
}

/** Codex config keys (`-c key=value`, TOML) whose value is a command the host runs on its events or at start: `notify`, an MCP server or its command. */
const CODEX_COMMAND_KEY = /^(?:notify|mcp_servers\.[^=]+)\s*=/;

/** `codex -c 'notify=["sh","-c","…"]'`: the override the host runs a command from. */
function commandOverride(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length && i < 256; i++) {
    const a = argv[i];
    if (a === '--') break;
    const value = a === '-c' || a === '--config' ? argv[i + 1] : /^--config=/.test(a) ? a.slice(9) : undefined;
    if (value !== undefined && CODEX_COMMAND_KEY.test(value.trimStart())) return value;
  }
  return undefined;
}

/** Claude Code settings keys that govern its hooks and permission checks. */
const CLAUDE_GUARD_KEY =
  /^(?:hooks|disableAllHooks|permissions|defaultMode|allowedTools|enableAllProjectMcpServers)(?:\.|$)/i;

/** `claude config set [-g] hooks '{}'` (also add/remove): the key it rewrites, when that key governs hooks or checks. */
function guardSettingWrite(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('config');
  if (at < 1 || at > 2 || !['set', 'add', 'remove', 'rm'].includes(argv[at + 1] ?? '')) return undefined;
  const key = argv.slice(at + 2).find((w) => !w.startsWith('-'));
  return key !== undefined && CLAUDE_GUARD_KEY.test(key) ? key : undefined;
}

function hostSettingFindings(name: string, cli: AgentCli, argv: readonly string[]): Finding[] | undefined {
  const override = cli.commandOverride?.(argv);
  if (override !== undefined)
    return [
      {
        id: 'autorun.mcp-server',
        summary: `starts ${name} with the config override ${override.slice(0, 120)}: ${name} runs that command on its own events, outside any judgment of this session`,
        target: `${name} -c ${override.split('=')[0].trim()}`,
        alternative: 'run the command directly, where it can be judged, and start the host without command overrides',
        severity: 60,
      },
    ];
  const key = cli.guardSettingWrite?.(argv);
  if (key === undefined) return undefined;
  return [
    {
      id: 'guard.hook-file',
      summary: `${name} config rewrites its ${key} setting: the hooks and permission checks AgentGuard judges through may be dropped or loosened`,
      target: `${name} config ${key}`,
      alternative: 'let the user change hook and permission settings themselves',
      severity: 70,
    },
  ];
}

function analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const found = agentOf(cmd.argv[0] ?? '');
  if (!found) return undefined;
  const [name, cli] = found;
  const argv = cmd.argv;
  const setting = hostSettingFindings(name, cli, argv) ?? [];
  // `claude mcp add NAME …`, `codex mcp add …`, `gemini mcp add …`: a server the host starts from now on.
  const mcp = argv.indexOf('mcp');
  if (mcp > 0 && mcp <= 2 && /^add(?:-json|-from-claude-desktop)?$/.test(argv[mcp + 1] ?? '')) {
    const server = argv.slice(mcp + 2).find((w) => !w.startsWith('-'));
    return [
      {
        id: 'autorun.mcp-server',
        summary:
          `${name} mcp ${argv[mcp + 1]} adds the MCP server ${server ?? ''}: its command runs whenever ${name} starts, outside any judgment of this session`.replace(
            '  ',
            ' ',
          ),
        target: server ?? `${name} mcp`,
        alternative: 'let the user add MCP servers themselves',
        severity: 60,
      },
    ];
  }
  const hooksOff = cli.hooksOff?.(cmd, ctx);
  const flag = unguarded(argv, cli) ?? hooksOff;
  if (!flag) return setting.length ? setting : undefined;
  return [
    ...setting,
    {
      id: 'guard.unguarded-agent',
      summary:
        flag === hooksOff
          ? `starts ${name} with ${flag}: its hooks, AgentGuard's among them, would not judge what it runs`
          : `starts ${name} with ${flag}: it would run every command it decides on without asking anyone`,
      target: `${name} ${flag}`,
      alternative: `start ${name} with its permission checks on, and let the user approve what it wants to run`,
      severity: 70,
    },
  ];
}

export const agentsPack: Pack = {
  id: 'agents',
  commands: [...Object.keys(AGENTS), ...Object.keys(ALIASES)],
  analyze,
};
