// Commands aimed at the guard itself: its CLI run to loosen it, an editor's CLI run to remove its extension.
import { GUARD_FILE_ID } from '../policy/rules';
import type { Finding, SimpleCommand } from '../types';

// ---- editor CLIs that change extensions -------------------------------------

const EDITOR_CLIS = new Set([
  'code',
  'code-insiders',
  'code-oss',
  'codium',
  'vscodium',
  'cursor',
  'windsurf',
  'kiro',
  'code-server',
  'openvscode-server',
]);

const EXTENSION_FLAGS = [
  '--install-extension',
  '--uninstall-extension',
  '--extensionDevelopmentPath',
  '--disable-extension',
  '--disable-extensions',
  '--enable-proposed-api',
  '--extensionTestsPath',
];

function extensionFlag(argv: readonly string[]): string | undefined {
  for (const a of argv.slice(1)) {
    const flag = a.split('=')[0];
    if (EXTENSION_FLAGS.includes(flag)) return flag;
  }
  return undefined;
}

/** `code --install-extension x.vsix` and the like: the editor's extensions are what AgentGuard runs in. */
function editorCliFinding(cmd: SimpleCommand): Finding | undefined {
  const name = cmd.argv[0] ?? '';
  if (!EDITOR_CLIS.has(name)) return undefined;
  const flag = extensionFlag(cmd.argv);
  if (!flag) return undefined;
  return {
    id: GUARD_FILE_ID,
    summary: `${name} ${flag} changes which extensions the editor runs (or runs them from elsewhere): an extension can switch AgentGuard off`,
    target: `${name} ${flag}`,
    alternative: 'ask the user to install, remove or disable editor extensions themselves',
    severity: 80,
  };
}

// ---- AgentGuard's own CLI changing what guards the agent ---------------------

/** The words after `agentguard` (or `node …/agentguard/…/cli.js`), or undefined when the command is not AgentGuard's CLI. */
function guardCliArgs(argv: readonly string[]): readonly string[] | undefined {
  if (argv[0] === 'agentguard') return argv.slice(1);
  if (
    (argv[0] === 'node' || argv[0] === 'nodejs') &&
    argv[1] &&
    /(?:^|\/)agentguard(?:[/.@-][^/]*)?\/(?:[^/]+\/)*cli\.js$|(?:^|\/)agentguard(?:\.js)?$/.test(argv[1])
  )
    return argv.slice(2);
  return undefined;
}

/**
 * `agentguard install|uninstall` rewires the hook files behind the engine's
 * back, and `agentguard snapshot restore` rewrites workspace files or tables:
 * both are a human's to run.
 */
function guardCliFinding(cmd: SimpleCommand): Finding | undefined {
  if (
    (cmd.argv[0] === 'node' || cmd.argv[0] === 'nodejs') &&
    /(?:^|\/)agentguard[^/]*\/dist\/uninstall\.js$/.test(cmd.argv[1] ?? '')
  ) {
    return {
      id: GUARD_FILE_ID,
      summary: "runs AgentGuard's uninstall clean-up, which removes AgentGuard from every agent hook file",
      target: 'dist/uninstall.js',
      alternative: 'ask the user to uninstall AgentGuard themselves',
      severity: 80,
    };
  }
  const args = guardCliArgs(cmd.argv);
  if (!args) return undefined;
  const [sub, action] = args;
  if (sub === 'install' || sub === 'uninstall') {
    return {
      id: GUARD_FILE_ID,
      summary: `agentguard ${sub} ${sub === 'install' ? 'rewrites' : 'removes AgentGuard from'} the agent hook files: changing them can switch AgentGuard off`,
      target: `agentguard ${sub}`,
      alternative: `ask the user to run agentguard ${sub} themselves`,
      severity: 80,
    };
  }
  if (sub === 'snapshot' && action === 'restore') {
    return {
      id: GUARD_FILE_ID,
      summary: 'agentguard snapshot restore puts files and tables back as they were, overwriting what is there now',
      target: 'agentguard snapshot restore',
      alternative: 'ask the user to restore the snapshot themselves (AgentGuard: Restore Snapshot… in the editor)',
      severity: 70,
    };
  }
  return undefined;
}

// ---- AgentGuard's own package removed or replaced ---------------------------

const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const PACKAGE_VERBS = /^(?:uninstall|remove|rm|r|un|unlink|install|i|add|update|up|upgrade|link|ln)$/;

/**
 * `npm uninstall -g agentguard`, `yarn global add agentguard@0.1`: the package the hooks may run from, removed or
 * swapped for another version, leaves every agent unjudged or judged by that version.
 */
function guardPackageFinding(cmd: SimpleCommand): Finding | undefined {
  const [prog, ...args] = cmd.argv;
  if (!PACKAGE_MANAGERS.has(prog ?? '')) return undefined;
  const yarnGlobal = prog === 'yarn' && args[0] === 'global';
  const words = yarnGlobal ? args.slice(1) : args;
  const global = yarnGlobal || words.some((a) => a === '-g' || a === '--global' || a === '--location=global');
  const verb = words.find((a) => !a.startsWith('-'));
  if (!global || !verb || !PACKAGE_VERBS.test(verb)) return undefined;
  const named = words.find((a) => /^agentguard(?:@[^/]*)?$/i.test(a));
  if (named === undefined) return undefined;
  return {
    id: GUARD_FILE_ID,
    summary: `${prog} ${verb} ${named} changes the AgentGuard package installed globally, which the agent hooks may run`,
    target: named,
    alternative: 'ask the user to install, update or remove AgentGuard themselves',
    severity: 80,
  };
}

// ---- AgentGuard's own processes killed or its service stopped ----------------

/** AgentGuard's processes, service units and service account all carry its name. */
const GUARD_NAME = /agentguard/i;
/** The editor's extension host, where AgentGuard's judge and approval server run (`--type=extensionHost`). */
const EXTENSION_HOST = /extension-?host/i;
const KILLERS = new Set(['pkill', 'killall', 'kill', 'taskkill', 'taskkill.exe']);
/** Service managers: systemd, SysV, launchd and Windows' `sc` (`sc config NAME start= disabled`). */
const SERVICE_MANAGERS = new Set(['systemctl', 'service', 'launchctl', 'sc', 'sc.exe']);
const SERVICE_STOPS = /^(?:stop|kill|disable|mask|freeze|unload|bootout|remove|delete|pause|config)$/;

/** Signals that leave a process running (a check, a wake-up, the debugger's USR1: system/debugSignal.ts judges that one). */
const HARMLESS_SIGNAL = /^(?:SIG)?(?:0|USR1|USR2|CONT|WINCH|10|12|18|28)$/i;

/** The signal a kill sends when it is spelled (`-9`, `-s KILL`, `--signal=USR1`). */
function signalOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-s' || a === '--signal' || a === '-n') return args[i + 1];
    if (a.startsWith('--signal=')) return a.slice(9);
    if (/^-(?:\d+|[A-Z][A-Z0-9+-]*)$/.test(a)) return a.slice(1);
  }
  return undefined;
}

/** The words that pick what a kill or a service stop hits, or undefined when the command is neither. */
function stoppedWords(cmd: SimpleCommand): string[] | undefined {
  const [prog, ...args] = cmd.argv;
  if (KILLERS.has(prog ?? '') && HARMLESS_SIGNAL.test(signalOf(args) ?? 'TERM')) return undefined;
  if (prog === 'pkill' || prog === 'killall' || prog === 'taskkill' || prog === 'taskkill.exe') return args;
  if (prog === 'kill') {
    // `kill $(pgrep -f agentguard)`, `pgrep agentguard | xargs kill`: the pids come from a lookup by name.
    const looked = args.filter((a) => /^(?:\$\(|`)\s*(?:pgrep|pidof)\s/.test(a));
    const from = cmd.stdinFrom;
    if (from && (from[0] === 'pgrep' || from[0] === 'pidof')) looked.push(...from);
    return looked;
  }
  // `systemctl [--user] stop agentguard`, `service agentguard stop`, `launchctl bootout system/…agentguard…`.
  if (SERVICE_MANAGERS.has(prog ?? ''))
    return args.some((a) => SERVICE_STOPS.test(a)) ? args.filter((a) => !SERVICE_STOPS.test(a)) : undefined;
  return undefined;
}

/** Killing AgentGuard (or the extension host it judges in) disarms it, as the kill switch does: that is a human's to do. */
function guardStopFinding(cmd: SimpleCommand): Finding | undefined {
  const prog = cmd.argv[0] ?? '';
  if (!KILLERS.has(prog) && !SERVICE_MANAGERS.has(prog)) return undefined;
  const words = stoppedWords(cmd);
  const named = words?.find((w) => GUARD_NAME.test(w));
  if (named !== undefined)
    return {
      id: GUARD_FILE_ID,
      summary: `${prog} stops AgentGuard itself (${named}): nothing would judge the commands that follow`,
      target: named,
      alternative: 'ask the user to stop or restart AgentGuard themselves',
      severity: 95,
    };
  const host = KILLERS.has(prog) ? words?.find((w) => EXTENSION_HOST.test(w)) : undefined;
  if (host === undefined) return undefined;
  return {
    id: GUARD_FILE_ID,
    summary: `${prog} kills the editor's extension host (${host}), where AgentGuard judges commands and asks for approval`,
    target: host,
    alternative: 'ask the user to restart the extension host (Developer: Restart Extension Host)',
    severity: 80,
  };
}

/** Findings about a command itself, before its file effects: extension changes through the editor CLI, AgentGuard's own CLI, AgentGuard stopped. */
export function guardCommandFindings(cmd: SimpleCommand): Finding[] {
  const out: Finding[] = [];
  const editor = editorCliFinding(cmd);
  if (editor) out.push(editor);
  const cli = guardCliFinding(cmd) ?? guardPackageFinding(cmd);
  if (cli) out.push(cli);
  const stop = guardStopFinding(cmd);
  if (stop) out.push(stop);
  return out;
}
