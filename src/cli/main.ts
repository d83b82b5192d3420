// Entry point of the `agentguard` CLI. Kept tiny: each subcommand module is
// loaded only when used, so the hook path pays for nothing else.
async function main(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'check':
      return (await import('./check')).runCheck(rest);
    case 'hook':
      return (await import('./hook')).runHook(rest);
    case 'env':
      return (await import('./env')).runEnv(rest);
    case 'install':
      return rest.includes('--managed') ? (await import('./installManaged')).runInstallManaged(rest) : (await import('./install')).runInstall(rest);
    case 'uninstall':
      return rest.includes('--managed') ? (await import('./installManaged')).runUninstallManaged(rest) : (await import('./install')).runUninstall(rest);
    case 'snapshot':
      return (await import('./snapshot')).runSnapshot(rest);
    case 'audit':
      return (await import('./audit')).runAudit(rest);
    case 'doctor':
      return (await import('./doctor')).runDoctor(rest);
    case 'shell-init':
      return (await import('./shellInit')).runShellInit(rest);
    case 'lsp':
      return (await import('./lsp')).runLsp(rest);
    case '--version':
    case 'version':
      process.stdout.write(`agentguard ${(await import('../core/frontdoor/launch')).BUILD_ID}\n`);
      return 0;
    case undefined:
    case '-h':
    case '--help':
      process.stdout.write(USAGE);
      return sub === undefined ? 64 : 0;
    default:
      process.stderr.write(`agentguard: unknown command '${sub}'\n${USAGE}`);
      return 64;
  }
}

const USAGE = `usage:
  agentguard check [--json] [--config FILE] [--workspace DIR] [--cwd DIR] [--] COMMAND...
  agentguard check --batch [--config FILE] [--workspace DIR] < requests.jsonl
  agentguard hook HOST < host payload
      HOST: claude cursor copilot copilot-cli windsurf cline gemini codex kiro augment amp opencode
  agentguard env [--json] [--config FILE] [--workspace DIR]
  agentguard install [--HOST...] [--terminal] [--user] [--workspace DIR]     (no HOST: --claude --cursor --copilot)
  agentguard uninstall [--HOST...] [--terminal] [--user] [--workspace DIR]   (no HOST: every host)
  agentguard install|uninstall --managed [--HOST...] [--allow-managed-hooks-only]   (administrator-owned hook files)
  agentguard doctor [--workspace DIR]
  agentguard lsp --stdio
  agentguard shell-init bash|zsh|fish|pwsh                 prints the terminal line gate for that shell
  agentguard snapshot list [--json] | show ID | restore ID | path
  agentguard audit verify [--shipped FILE] | tail [-n N] [-f] | path | ship [--once] [--syslog URL] [--otlp URL] [--ca FILE]
  agentguard --version
`;

/** For the shell gate's process (gate/gate.ts), which loads this bundle only to judge a line no editor takes. */
export { judgeLineHere } from './gate/local';

// Loaded as a library by the shell gate: no command line to run.
if (!(globalThis as { __AGENTGUARD_LIBRARY__?: boolean }).__AGENTGUARD_LIBRARY__) runMain();

function runMain(): void {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err) => {
      process.stderr.write(`agentguard: internal error: ${(err as Error)?.stack ?? err}\n`);
      // A hook that fails before it can answer blocks the one way every host reads; any other code lets most hosts run the call.
      process.exitCode = process.argv[2] === 'hook' ? 2 : 70;
    },
  );
}
