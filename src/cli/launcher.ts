// The `agentguard` executable, dist/cli.js: the front door every agent
// command starts. Node compiles it from source at every start, so it holds
// only what decides where a call goes; the rest of the front door is in
// parts compiled when a call needs them (frontPart.ts): the editor judge's
// client (hook/viaEditor.ts, hookClient.ts), which answers most hook calls
// in a few milliseconds with the engine the editor has loaded, the engine's
// loader (engineLoader.ts) for every other call, the shell gate and
// shell-init.
import * as path from 'node:path';
import { BUNDLE_PIN_ENV, accountHome, writableStateDir, ignoredRelocationNote } from '../core/frontdoor/launch';
import { giveHandoff } from './hook/handoff';
import { frontPart, keepFrontPartCache } from './frontPart';

type EngineLoader = typeof import('./engineLoader');
type Client = typeof import('./hook/viaEditor');
type Gate = typeof import('./gate/gate');
type ShellInit = typeof import('./shellInit');

/**
 * The bundle's hash the launcher recorded (the POSIX script and the Windows
 * resolver set the variable themselves, overriding the caller's), read once and removed so that nothing this
 * process starts inherits it. Without a launcher (a CLI run directly) there
 * is none, and the bundle is not checked.
 */
const pinnedBundle = ((): string | undefined => {
  const v = process.env[BUNDLE_PIN_ENV];
  delete process.env[BUNDLE_PIN_ENV];
  return v || undefined;
})();

const engine = () => frontPart<EngineLoader>('engine');

/**
 * A hook's state folder is the account's, or one a human confirmed (core/state
 * writableStateDir: the hook writes there), pinned before anything reads it:
 * the code cache here, the config cache, the kill switch and the audit log of
 * the hook itself.
 */
function pinStateDir(): { dir: string; warned: boolean; home: string } {
  const home = accountHome();
  const choice = writableStateDir(process.env, home);
  const note = ignoredRelocationNote(choice);
  if (choice.unusable !== undefined) {
    // Neither the folder the environment names (nothing confirmed it) nor the account's own: no kill switch, no log to trust.
    process.stderr.write(`AgentGuard: ${note}; blocking.\n`);
    process.exit(2);
  }
  if (note) process.stderr.write(`AgentGuard: ${note}.\n`);
  process.env.AGENTGUARD_STATE_DIR = choice.dir;
  return { dir: choice.dir, warned: note !== undefined, home };
}

/**
 * A hook call: to the editor's judge where there can be one (Linux: abstract
 * sockets and /proc), else to the full CLI in this process, which reads the
 * payload itself. The client's code is compiled with V8's code cache, in the
 * pinned state folder, and writes it once the judge's answer is out.
 */
function hook(): void {
  const startedAt = Date.now();
  const { dir: stateDir, warned, home } = pinStateDir();
  // The full CLI, if it runs in this process, takes this reading over instead of reading both again.
  const pinned = { home, dir: stateDir };
  const loadCli = () => engine().loadCli(pinnedBundle, stateDir);
  let client: Client | undefined;
  // AGENTGUARD_JUDGE=off: the client would find nothing to do (hookClient.ts); its code is not even compiled.
  if (process.platform === 'linux' && process.env.AGENTGUARD_JUDGE !== 'off') {
    try {
      client = frontPart<Client>('client', path.join(stateDir, 'code-cache'));
    } catch {
      // Nothing was read or sent yet: the full CLI takes the call, as when no editor judges.
      client = undefined;
    }
  }
  if (client) {
    client.hookViaEditor({
      startedAt,
      stateDir,
      pinned,
      warned,
      loadCli,
      answered: () => keepFrontPartCache('client'),
    });
    return;
  }
  giveHandoff({ startedAt, pinned });
  try {
    loadCli();
  } catch (err) {
    // No CLI to answer in the host's form: exit 2 with the reason is the block every host reads.
    process.stderr.write(`AgentGuard: the hook could not start (${(err as Error)?.message ?? err}); blocking.\n`);
    process.exit(2);
  }
}

// A shell's line gate: the small client of the editor's judge; the engine loads only if no editor judges.
function gate(): void {
  const library = () => engine().checkedLibrary(pinnedBundle);
  Promise.resolve()
    .then(() => frontPart<Gate>('gate').runGate(process.argv.slice(3), library))
    .then(
      (code) => {
        process.exitCode = code;
        setImmediate(() => process.exit());
      },
      (err: Error) => {
        process.stderr.write(`AgentGuard: the shell gate failed (${err?.message ?? err}); the command was not run.\n`);
        process.exit(1);
      },
    );
}

// `hook --help` is a human reading the usage, not a host's call: the CLI prints it, nothing waits on stdin.
const help = process.argv.slice(3).some((a) => a === '--help' || a === '-h');
if (process.argv[2] === 'hook' && !help) hook();
else if (process.argv[2] === 'gate') gate();
else if (process.argv[2] === 'shell-init')
  process.exitCode = frontPart<ShellInit>('shell-init').runShellInit(process.argv.slice(3));
else engine().loadCli(pinnedBundle);
