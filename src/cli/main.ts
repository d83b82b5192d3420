// Entry point of the `agentguard` CLI. Kept tiny: each subcommand module is
// loaded only when used, so the hook path pays for nothing else.
//
// One convention for every subcommand: `--help`/`-h` prints its usage on
// stdout and exits 0, without doing anything else (`hook --help` reads no
// stdin, so a human who types it is not left waiting); `help [SUBCOMMAND]`
// does the same; `--version`/`-V` prints the build. A usage error exits 64
// with the usage on stderr. The CLI prints no colours.
import { SUBCOMMAND_USAGE, topUsage, wantsHelp } from './usage';

async function main(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== undefined && Object.hasOwn(SUBCOMMAND_USAGE, sub) && wantsHelp(sub, rest)) {
    process.stdout.write(SUBCOMMAND_USAGE[sub]);
    return 0;
  }
  switch (sub) {
    case 'check':
      return (await import('./check')).runCheck(rest);
    case 'hook':
      return (await import('./hook')).runHook(rest);
    case 'env':
      return (await import('./env')).runEnv(rest);
    case 'install':
      if (rest.includes('--managed') && rest.includes('--service'))
        return (await import('./installService')).runInstallService(rest);
      return rest.includes('--managed')
        ? (await import('./installManaged')).runInstallManaged(rest)
        : (await import('./install')).runInstall(rest);
    case 'uninstall':
      return rest.includes('--managed')
        ? (await import('./installManaged')).runUninstallManaged(rest)
        : (await import('./install')).runUninstall(rest);
    case 'snapshot':
      return (await import('./snapshot')).runSnapshot(rest);
    case 'audit':
      return (await import('./audit')).runAudit(rest);
    case 'doctor':
      return (await import('./doctor')).runDoctor(rest);
    case 'kill-switch':
      return (await import('./killSwitch')).runKillSwitch(rest);
    case 'service':
      return (await import('./service')).runServiceCommand(rest);
    case 'shell-init':
      return (await import('./shellInit')).runShellInit(rest);
    case 'lsp':
      return (await import('./lsp')).runLsp(rest);
    case '--version':
    case '-V':
    case 'version':
      process.stdout.write(`agentguard ${(await import('../core/frontdoor/launch')).BUILD_ID}\n`);
      return 0;
    case 'help': {
      const topic = rest[0];
      if (topic === undefined) {
        process.stdout.write(topUsage());
        return 0;
      }
      if (Object.hasOwn(SUBCOMMAND_USAGE, topic)) {
        process.stdout.write(SUBCOMMAND_USAGE[topic]);
        return 0;
      }
      process.stderr.write(`agentguard help: no command '${topic}'\n${topUsage()}`);
      return 64;
    }
    case undefined:
    case '-h':
    case '--help':
      process.stdout.write(topUsage());
      return sub === undefined ? 64 : 0;
    default:
      process.stderr.write(`agentguard: unknown command '${sub}'${suggest(sub)}\n${topUsage()}`);
      return 64;
  }
}

function suggest(word: string): string {
  const near = Object.keys(SUBCOMMAND_USAGE).find(
    (c) => c.startsWith(word.slice(0, 3)) && Math.abs(c.length - word.length) <= 2,
  );
  return near ? ` (did you mean '${near}'?)` : '';
}

/** For the shell gate's process (gate/gate.ts), which loads this bundle only to judge a line no editor takes. */
export { judgeLineHere } from './gate/local';

/**
 * For a V8 startup snapshot of this bundle (scripts/snapshot-blob.mjs, measured in `npm run bench`, not
 * shipped): the modules a hook call and a check import, initialized before the snapshot is taken, and the
 * command line run once it is deserialized.
 */
export async function loadForSnapshot(): Promise<void> {
  await import('./hook');
  await import('./check');
}
export { runMain };

// Loaded as a library by the shell gate: no command line to run.
if (!(globalThis as { __AGENTGUARD_LIBRARY__?: boolean }).__AGENTGUARD_LIBRARY__) runMain();

function runMain(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`agentguard: internal error: ${(err as Error)?.stack ?? err}\n`);
      // A hook that fails before it can answer blocks the one way every host reads; any other code lets most hosts run the call.
      process.exitCode = process.argv[2] === 'hook' ? 2 : 70;
    },
  );
}
