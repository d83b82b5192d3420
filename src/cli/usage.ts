// The usage of every subcommand, printed by `--help`/`-h` (stdout, exit 0),
// `help SUBCOMMAND`, and on a usage error (stderr, exit 64). The top-level
// usage is these lines together: every option the docs use is in it.
import { HOSTS } from '../core/frontdoor/launch';

const HOST_FLAGS = HOSTS.map((h) => `--${h}`).join(' ');

export const SUBCOMMAND_USAGE: Readonly<Record<string, string>> = {
  check: `usage: agentguard check [--json] [--config FILE] [--workspace DIR] [--cwd DIR] [--shell bash|pwsh|cmd] [--] COMMAND...
       agentguard check --batch [--config FILE] [--workspace DIR] < requests.jsonl
  Judges COMMAND without running it. Exit 0 allow, 1 ask, 2 deny (what the hook would answer), 64 usage, 78 invalid config.
`,
  hook: `usage: agentguard hook HOST < host payload
  HOST: ${HOSTS.join(' ')}
  Run by an agent host before each tool call; speaks that host's protocol on stdout.
`,
  env: `usage: agentguard env [--json] [--config FILE] [--workspace DIR]
  The environment the workspace is in (what the status-bar badge shows), with the evidence.
`,
  install: `usage: agentguard install [--HOST...] [--terminal] [--user] [--workspace DIR] [--cli FILE] [--node FILE] [--dry-run [--json]]
       agentguard install --managed [--HOST...] [--allow-managed-hooks-only] [--cli FILE] [--node FILE]
       agentguard install --managed --service   (root: the AgentGuard service the managed policy names)
  HOST flags: ${HOST_FLAGS}   (none: --claude --cursor --copilot)
  Writes the launcher ~/.agentguard/bin/agentguard and wires each host's hook file to it.
`,
  uninstall: `usage: agentguard uninstall [--HOST...] [--terminal] [--user] [--workspace DIR]
       agentguard uninstall --managed [--HOST...]
  HOST flags: ${HOST_FLAGS}   (none: every host)
`,
  doctor: `usage: agentguard doctor [--json] [--workspace DIR]
  Says what is wired and whether it works; exit 1 when a check fails.
`,
  'kill-switch': `usage: agentguard kill-switch [status [--json]] | engage [--reason TEXT] | release
  release: a human at an interactive terminal, with no editor window open (the editor's status bar otherwise).
`,
  service: `usage: agentguard service run | prepare [--user NAME]... [--enrolled] | status|engage|release|verify [--user NAME] [--reason TEXT] [--json]
  The AgentGuard service the managed policy names: kill switch, audit log and circuit breaker under its own OS user.
  release: root (--user NAME), or a developer where the policy sets service.usersMayRelease.
`,
  snapshot: `usage: agentguard snapshot list [--json] | show ID | restore ID | path
`,
  audit: `usage: agentguard audit verify [--json] [--shipped FILE] | tail [-n N] [-f] [--json] | path | ship [--once] [--syslog URL] [--otlp URL] [--ca FILE]
`,
  'shell-init': `usage: agentguard shell-init bash|zsh|fish|pwsh
  Prints the terminal line gate for that shell, to be evaluated by its start-up file.
`,
  lsp: `usage: agentguard lsp --stdio
  The language server the extension starts, for any editor that speaks LSP.
`,
};

/** The top-level usage: every subcommand's usage lines. Made when printed, not at load (a hook call never prints it). */
export function topUsage(): string {
  return `usage:
${Object.values(SUBCOMMAND_USAGE)
  .map((u) =>
    u
      .split('\n')
      .filter((l) => /^(usage: | {7})agentguard /.test(l))
      .map((l) => `  ${l.replace(/^(usage: | {7})/, '')}`)
      .join('\n'),
  )
  .join('\n')}
  agentguard help [COMMAND]
  agentguard --version | -V
  agentguard --help | -h                                  every command takes --help
HOST: ${HOSTS.join(' ')}
`;
}

const HELP = new Set(['--help', '-h']);

/**
 * Whether `args` ask for help: any `--help`/`-h`, except in `check`, whose
 * command may carry its own (`check -- ls -h`, `check grep -h x`): there only
 * before the command starts.
 */
export function wantsHelp(sub: string, args: readonly string[]): boolean {
  if (sub !== 'check') return args.some((a) => HELP.has(a));
  for (const a of args) {
    if (HELP.has(a)) return true;
    if (a === '--' || !a.startsWith('-')) return false;
  }
  return false;
}
