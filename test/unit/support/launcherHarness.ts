// Shared by the launcher tests (and the end-to-end field test): an installed
// AgentGuard in an editor's versioned extension folder under a throwaway
// HOME, and each host's installed hook run exactly as that host runs it —
// the command line through `sh -c`, Cline's hook file and Amp's delegate
// program executed directly, OpenCode's plugin loaded and called.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATED_HOSTS } from '../../../src/core/hosts/hostFiles';
import { readAnswer, type ReadAnswer } from '../../../src/core/hosts';
import { samplePayload } from '../../../src/core/hosts/samples';
import type { HostId } from '../../../src/core/hosts/types';
import type { Scope } from '../../../src/core/hosts/hostConfig';
import { hookFile } from '../../../src/core/hosts/hostConfig';
import { wiredCommands } from '../../../src/core/launcher/wiring';
import { CLI_CHUNKS } from '../../../src/core/launcher';
import { ROOT } from './hookHarness';

/** What the packaged extension holds of the CLI (.vscodeignore ships these), plus its manifest. */
export const SHIPPED_CLI_FILES = [
  'dist/cli.js',
  'dist/package.json',
  'dist/agentguard.js',
  'dist/validate.js',
  ...CLI_CHUNKS.map((f) => `dist/${f}`),
  'dist/uninstall.js',
  'package.json',
];

/** Adds `folder` to its editor's list of installed extensions (`extensions.json` beside it), as VS Code does when it installs one. */
export function registerExtension(folder: string): void {
  const list = path.join(path.dirname(folder), 'extensions.json');
  const name = path.basename(folder);
  const entries = fs.existsSync(list)
    ? (JSON.parse(fs.readFileSync(list, 'utf8')) as { relativeLocation?: string }[])
    : [];
  if (entries.some((e) => e.relativeLocation === name)) return;
  entries.push({
    identifier: { id: 'agentguard.agentguard' },
    version: name.split('-')[1],
    location: { $mid: 1, path: folder, scheme: 'file' },
    relativeLocation: name,
  } as { relativeLocation: string });
  fs.writeFileSync(list, JSON.stringify(entries));
}

/** Copies the built CLI into `<root>/agentguard.agentguard-<version>` as an editor would have unpacked and registered it; returns the folder. */
export function installCopy(root: string, version: string, from = ROOT, register = true): string {
  const folder = path.join(root, `agentguard.agentguard-${version}`);
  for (const f of SHIPPED_CLI_FILES) {
    fs.mkdirSync(path.dirname(path.join(folder, f)), { recursive: true });
    fs.copyFileSync(path.join(from, f), path.join(folder, f));
  }
  if (register) registerExtension(folder);
  return folder;
}

/**
 * A stand-in CLI at `<root>/agentguard.agentguard-<version>/dist/cli.js` with the given source, and a
 * bundle beside it with something in it (so the launcher counts the install complete and runs it).
 */
export function fakeInstall(root: string, version: string, source: string, register = true): string {
  const cli = path.join(root, `agentguard.agentguard-${version}`, 'dist', 'cli.js');
  fs.mkdirSync(path.dirname(cli), { recursive: true });
  fs.writeFileSync(cli, source);
  fs.writeFileSync(path.join(path.dirname(cli), 'agentguard.js'), '// a stand-in: the CLI above never loads it\n');
  if (register) registerExtension(path.dirname(path.dirname(cli)));
  return cli;
}

export interface HostRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** The answer as the host reads it (its own rules, its adapter in core/hosts). */
  read: ReadAnswer;
}

/** The event doctor and these tests use for each host's shell sample. */
export function shellEvent(host: HostId): string {
  switch (host) {
    case 'cursor':
      return 'beforeShellExecution';
    case 'windsurf':
      return 'pre_run_command';
    case 'gemini':
      return 'BeforeTool';
    case 'copilot-cli':
      return 'preToolUse';
    case 'opencode':
      return 'tool.execute.before';
    case 'amp':
      return 'amp.permissions';
    default:
      return 'PreToolUse';
  }
}

/** coreutils' timeout: it runs a command in a process group of its own and signals the whole group. */
const GROUP_TIMEOUT = ['/usr/bin/timeout', '/bin/timeout'].find((p) => fs.existsSync(p));

/**
 * spawnSync, with the whole process tree killed at the timeout: spawnSync's
 * own timeout kills only its child (the host's `sh`), and a hung CLI under
 * it would live on and keep the pipes, and the test, waiting.
 */
export function spawnTreeSync(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; input: string; timeout: number },
): SpawnSyncReturns<string> {
  const { timeout, ...rest } = options;
  if (!GROUP_TIMEOUT) return spawnSync(command, args, { ...rest, encoding: 'utf8', timeout, killSignal: 'SIGKILL' });
  const seconds = Math.max(1, Math.ceil(timeout / 1000));
  return spawnSync(GROUP_TIMEOUT, ['-s', 'KILL', String(seconds), command, ...args], {
    ...rest,
    encoding: 'utf8',
    timeout: (seconds + 30) * 1000,
    killSignal: 'SIGKILL',
  });
}

/**
 * Runs the hook `install` wired for `host` (scope `scope`) with `command` as
 * the agent's shell call in the host's own payload, the way the host runs it.
 */
export function runInstalledHook(
  host: HostId,
  o: {
    scope?: Scope;
    workspace: string;
    home: string;
    env: Record<string, string>;
    command: string;
    timeoutMs?: number;
    rawInput?: string;
    prefix?: string[];
  },
): HostRun {
  const scope = o.scope ?? 'project';
  const wired = wiredCommands(host, scope, o.workspace, o.home);
  if (!wired.length) throw new Error(`${host}: no AgentGuard hook wired in ${scope} scope`);
  const sample = samplePayload(host, shellEvent(host), o.workspace, o.command);
  const env = { ...o.env, ...sample.env };
  const options = {
    cwd: o.workspace,
    env,
    timeout: o.timeoutMs ?? 120_000,
    input: o.rawInput ?? JSON.stringify(sample.stdin),
  };
  // `prefix`: what the host itself runs under (bubblewrap running it as another account).
  const run = (command: string, args: string[], opts: typeof options) =>
    o.prefix
      ? spawnTreeSync(o.prefix[0], [...o.prefix.slice(1), command, ...args], opts)
      : spawnTreeSync(command, args, opts);
  const started = Date.now();
  let r: SpawnSyncReturns<string>;
  if (host === 'opencode') {
    const source = fs.readFileSync(hookFile('opencode', scope, o.workspace, o.home), 'utf8');
    const stdin = sample.stdin as { tool: string; args: unknown };
    // OpenCode loads the plugin and calls tool.execute.before; a throw is its block.
    const driver = `
const hooks = await AgentGuard({ directory: ${JSON.stringify(o.workspace)}, worktree: ${JSON.stringify(o.workspace)} });
try {
  await hooks["tool.execute.before"]({ tool: ${JSON.stringify(stdin.tool)}, sessionID: "t", callID: "t" }, { args: ${JSON.stringify(stdin.args)} });
  process.stdout.write(JSON.stringify({ decision: "allow" }));
} catch (err) {
  process.stdout.write(JSON.stringify({ decision: "deny", reason: String(err && err.message) }));
}`;
    r = run(process.execPath, ['--input-type=module', '-e', `${source}\n${driver}`], { ...options, input: '' });
  } else if ((GENERATED_HOSTS.has(host) && host !== 'kiro') || host === 'amp') {
    r = run(wired[0].file, [], options);
  } else {
    r = run('/bin/sh', ['-c', wired[0].command], options);
  }
  const result = {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    ms: Date.now() - started,
  };
  return { ...result, read: readAnswer(host, result) };
}

/** The PocketOS call: one curl POST with a GraphQL volumeDelete to Railway. */
export const POCKETOS = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \\"3f9a1c\\") }"}'`;

/** Not blocked: exit 0 and no deny or ask in what the host reads (an allow, or the host's "no decision"). */
export function notBlocked(r: HostRun): boolean {
  return (
    r.code === 0 &&
    (!r.read.ok || r.read.decision === 'allow' || r.read.decision === 'defer') &&
    !/"(deny|ask)"/.test(r.stdout)
  );
}
