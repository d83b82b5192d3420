// Room `launcher/`: the stable entry point every agent hook runs, so that no
// hook file names a versioned extension folder or a pinned Node. Where it
// lives and its contract (here), where it looks for AgentGuard and a runtime
// (editors.ts), what it answers when nothing can start (blocks.ts), its text
// for POSIX shells (posix.ts) and for Windows (windows.ts), and writing it
// (file.ts).
//
// The contract, small on purpose (other doors build on it):
//   ~/.agentguard/bin/agentguard ARGS…   (agentguard.cmd on Windows)
// runs `node CLI ARGS…` with the first CLI of its record that is there (the
// one a human pinned, the writer's own, every AgentGuard an editor registered
// in its extensions.json, newest first), checked by the sha256 recorded for
// it and its bundle, on the first recorded runtime that exists: a recorded
// Node, then an editor's runtime recorded by the extension (with
// ELECTRON_RUN_AS_NODE=1); `node` on PATH (and on POSIX an editor server's
// Node under HOME) only when no runtime could be recorded. Node's loader
// variables (NODE_OPTIONS, NODE_PATH, …) never reach it. For `hook HOST` it
// answers HOST's block form whenever no CLI answers (none found, no runtime,
// the CLI dies, hangs past the host's budget, prints something no host
// reads, or ends without confirming that it judged the call); for anything
// else it exits 69 with the repair on stderr. A
// launcher written by one version runs the CLI of any other: every version
// keeps `dist/cli.js` as its entry and `hook HOST` as its hook command.
import * as path from 'node:path';

/** The launcher's folder, HOME-relative. Protected like the hook files (guard/). */
export const LAUNCHER_HOME_DIR = '.agentguard';
export const LAUNCHER_BIN_DIR = '.agentguard/bin';

/** Marks a file as AgentGuard's launcher, with the version of its format. */
export const LAUNCHER_MARK = 'agentguard-launcher';
export const LAUNCHER_FORMAT = 3;

/**
 * A copy of the CLI `install` kept when it pinned one outside every editor
 * (a checkout, an npm folder): when that CLI is moved or deleted, hooks
 * block (no CLI a human chose answers), but `uninstall` and `doctor` still
 * run from this copy, so the way out does not depend on what went away.
 */
export const RESCUE_DIR = '.agentguard/rescue';
/** The parts of the CLI bundle loaded at first use, beside it (scripts/lazy-chunks.js): the bundle pins each by hash. */
export const CLI_CHUNKS: readonly string[] = ['readers-windows.js', 'preview.js', 'sandbox.js', 'snapshot.js'];
export const RESCUE_FILES: readonly string[] = ['cli.js', 'agentguard.js', 'validate.js', 'ship.js', ...CLI_CHUNKS];
export const RESCUE_COMMANDS: readonly string[] = ['uninstall', 'doctor'];

/** Exit code of the launcher for a command other than `hook` when no CLI can start (EX_UNAVAILABLE). */
export const LAUNCHER_UNAVAILABLE = 69;

export function launcherPath(home: string, platform: NodeJS.Platform = process.platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  return p.join(home, LAUNCHER_BIN_DIR, platform === 'win32' ? 'agentguard.cmd' : 'agentguard');
}

/** The Windows launcher's companion, which checks a recorded CLI and loads it in the same process. */
export function windowsResolverPath(home: string): string {
  return path.win32.join(home, LAUNCHER_BIN_DIR, 'agentguard-resolve.js');
}

/**
 * Every hook answer is positive. "Exit 0, nothing on stdout" is the no
 * decision of most hosts, and also what an empty or half-unpacked bundle
 * produces: the launcher tells the two apart only by a confirmation the CLI
 * gives once its answer is out. The POSIX launcher starts the CLI with
 * CONFIRM_ARG after its own arguments; the CLI then starts its stdout with
 * `ANSWER_MARK <its exit code>` on a line of its own, which the launcher
 * checks and removes before the host reads the rest. The Windows resolver
 * loads the CLI in its own process and puts an object at ANSWER_SLOT
 * (a registered symbol), in which the CLI records the exit code of the
 * answer it wrote. An argument, not a variable: a host's environment may be
 * shaped by an agent, its hook command line is in a protected hook file.
 */
export const CONFIRM_ARG = '--launcher-confirms';

export const ANSWER_MARK = 'agentguard-answered';
export const ANSWER_SLOT = 'agentguard.launcher.answer';

/** The files of an install that a hook call needs, beside `dist/cli.js`: an install missing one, or with one empty, is not complete. */
export const CLI_BUNDLE = 'agentguard.js';

export type RuntimeKind = 'node' | 'electron';

export interface RecordedRuntime {
  kind: RuntimeKind;
  path: string;
  /** Its content when it was recorded (core/launcher/pins): a runtime that changed since is the host's block. */
  sha256?: string;
  stamp?: string;
  /** Recorded by an editor's extension host (its own binary), not by `agentguard install`. */
  editor?: boolean;
}

/** A CLI the launcher may run: recorded with the hashes of its entry and bundle by the writer who vouched for it. */
export interface RecordedCli {
  cli: string;
  /** From its extension folder's name; absent for a pinned CLI outside one. */
  version?: string;
  sha256: string;
  stamp: string;
  /** sha256 of the bundle beside it (CLI_BUNDLE), which the CLI checks on the bytes it compiles. */
  bundleSha256: string;
}

/** What the launcher knows beyond its built-in search, written into it. */
export interface LauncherRecord {
  /** A CLI a human chose; used while it exists. */
  pinnedCli?: string;
  /** Runtimes that were seen to run Node code, most recent first. */
  runtimes: RecordedRuntime[];
  /** Extension folders beyond the built-in list (an editor started with --extensions-dir). */
  extensionRoots: string[];
  /**
   * The CLIs the launcher runs (POSIX and Windows), in order (the pin, then newest first):
   * the writer's own and every AgentGuard an editor registered in its
   * extensions list, hashed when recorded. A folder that is not here is never run.
   */
  clis?: RecordedCli[];
}

/** At most this many runtimes and extension folders are kept: each is a check at every call. */
export const MAX_RECORDED = 6;

/** Why a hook is blocked when the launcher cannot get an answer, by what went wrong. */
export const LAUNCHER_REASONS = {
  missing:
    'AgentGuard is not installed any more, so this call is blocked. Reinstall the AgentGuard extension (or the agentguard npm package), or remove its hooks with `agentguard uninstall`.',
  runtime:
    "AgentGuard found no Node.js to run its CLI (no node on PATH, no editor runtime it knows), so this call is blocked. Install Node.js, or open VS Code or Cursor once so AgentGuard records the editor's runtime; `agentguard doctor` shows what it found.",
  died: "AgentGuard's CLI stopped before it answered, so this call is blocked. Reinstall AgentGuard; `agentguard doctor` shows what is wrong.",
  tampered:
    "AgentGuard's runtime or CLI is not the one it recorded (its content changed), so this call is blocked. If you updated Node.js or AgentGuard yourself, reopen the editor (AgentGuard records them again when it starts) or run `node <AgentGuard folder>/dist/cli.js install` yourself; otherwise something replaced them.",
} as const;

/** Exit code of the CLI when its bundle is not the one the launcher recorded (EX_CONFIG): the launcher answers `tampered`. */
export const BUNDLE_MISMATCH_EXIT = 78;
/** The variable through which the launcher (the POSIX script, the Windows resolver) hands the CLI its bundle's recorded hash (set by the launcher, never taken from the caller). */
export const BUNDLE_PIN_ENV = 'AGENTGUARD_BUNDLE_SHA256';

export type LauncherFailure = keyof typeof LAUNCHER_REASONS;

/**
 * Environment variables through which whoever shapes the hook's
 * environment could load code into it or redirect what it reads: Node's
 * loader and diagnostics variables, OpenSSL's configuration (which can load
 * an engine library), the dynamic linker's preloads. The launcher unsets
 * them before it starts Node. NODE_ENV stays: it is evidence the engine
 * judges by, not something Node acts on.
 */
export const SCRUBBED_ENV: readonly string[] = [
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_EXTRA_CA_CERTS',
  'NODE_ICU_DATA',
  'NODE_PRESERVE_SYMLINKS',
  'NODE_REDIRECT_WARNINGS',
  'NODE_REPL_EXTERNAL_MODULE',
  'NODE_REPL_HISTORY',
  'NODE_V8_COVERAGE',
  'NODE_DEBUG',
  'NODE_DEBUG_NATIVE',
  'NODE_COMPILE_CACHE',
  'NODE_DISABLE_COMPILE_CACHE',
  'NODE_PENDING_DEPRECATION',
  'NODE_PENDING_PIPE_INSTANCES',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'NODE_UNIQUE_ID',
  'NODE_CHANNEL_FD',
  'NODE_CHANNEL_SERIALIZATION_MODE',
  'NODE_TEST_CONTEXT',
  'NODE_SKIP_PLATFORM_CHECK',
  'NODE_USE_ENV_PROXY',
  'NODE_USE_SYSTEM_CA',
  'NODE_INSPECT_RESUME_ON_START',
  'UV_THREADPOOL_SIZE',
  'UV_USE_IO_URING',
  'OPENSSL_CONF',
  'OPENSSL_ENGINES',
  'OPENSSL_MODULES',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'LD_PRELOAD',
  'LD_AUDIT',
  'DYLD_INSERT_LIBRARIES',
  'DYLD_LIBRARY_PATH',
  'DYLD_FRAMEWORK_PATH',
  'ELECTRON_RUN_AS_NODE',
  'ELECTRON_NO_ASAR',
  'ELECTRON_ENABLE_LOGGING',
  'ELECTRON_ENABLE_STACK_DUMPING',
];

/** Seconds the launcher lets the CLI run before it blocks a hook call itself: past the CLI's own deadline, inside the host's timeout. */
export function launcherBudgetSeconds(hostTimeoutSeconds: number): number {
  return Math.max(5, hostTimeoutSeconds - 2);
}
