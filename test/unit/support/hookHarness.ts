// Shared by the hook tests: a throwaway home, workspace and state directory,
// the fixture payloads of each host, and the built CLI run as a real process.
import { EDITOR_BINARIES_FILE, pinFile, type EditorBinary } from '../../../src/core/launcher/pins';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { accountNode, confirmedState } from './account';

/** Repository root (tests run from out/test/unit). */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
/** The CLI built for tests whose administrator-owned files live under MANAGED_TEST_ROOT (esbuild.js). */
export const MANAGED_TEST_CLI = path.join(ROOT, 'out', 'managed-test', 'cli.js');
export const MANAGED_TEST_ROOT = path.join(ROOT, 'out', 'managed-test', 'root');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'hooks');

export interface Sandbox {
  root: string;
  home: string;
  workspace: string;
  state: string;
  cleanup(): void;
}

/** `base`: where the throwaway root goes (default the temp folder; confinement tests need a home outside it, as a real one is). */
let testEditor: EditorBinary | undefined;

/**
 * Records, in `state`, the binary this test process runs as the editor's
 * (what the extension does at activation): servers these tests start in
 * process, or as children on the same binary, stand for the editor's
 * extension host. Hashed once per test process.
 */
export function recordTestEditor(state: string): void {
  testEditor ??= { path: process.execPath, ...pinFile('/proc/self/exe')! };
  if (process.platform !== 'linux' || !testEditor.sha256) return;
  fs.mkdirSync(state, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(state, EDITOR_BINARIES_FILE), JSON.stringify([testEditor]), { mode: 0o600 });
}

export function sandbox(base = os.tmpdir()): Sandbox {
  fs.mkdirSync(base, { recursive: true });
  const root = fs.realpathSync(fs.mkdtempSync(path.join(base, 'ag-hook-')));
  const home = path.join(root, 'home');
  const workspace = path.join(home, 'code', 'acme-api');
  const state = path.join(root, 'state');
  fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
  fs.mkdirSync(path.join(workspace, 'src'), { recursive: true });
  fs.mkdirSync(state, { recursive: true, mode: 0o700 });
  confirmedState(state);
  recordTestEditor(state);
  return { root, home, workspace, state, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** A fixture payload with the sandbox's paths filled in, parsed. */
/** Runs `fn` in a fresh sandbox and removes it afterwards, whatever happens. */
export async function withSandbox(fn: (sb: Sandbox) => Promise<void>, base?: string): Promise<void> {
  const sb = sandbox(base);
  try {
    await fn(sb);
  } finally {
    sb.cleanup();
  }
}

export function fixture(name: string, sb: Sandbox): Record<string, unknown> {
  const raw = fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8');
  const esc = (p: string) => JSON.stringify(p).slice(1, -1);
  return JSON.parse(raw.replaceAll('__WORKSPACE__', esc(sb.workspace)).replaceAll('__HOME__', esc(sb.home)));
}

/** Sets `tool_input.<key>` (parsing and re-serialising Cursor's string tool_input). */
export function withInput(payload: Record<string, unknown>, input: Record<string, unknown>): Record<string, unknown> {
  const current = typeof payload.tool_input === 'string' ? JSON.parse(payload.tool_input) : payload.tool_input;
  const merged = { ...(current as object), ...input };
  return { ...payload, tool_input: typeof payload.tool_input === 'string' ? JSON.stringify(merged) : merged };
}

export interface HookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (undefined when it is not). */
  json: Record<string, unknown> | undefined;
  ms: number;
}

/** The environment of a CLI a test starts in `sb`: checked first that the account is still the throwaway one, its state folder confirmed. */
export function hookEnv(sb: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: sb.home,
    AGENTGUARD_STATE_DIR: confirmedState(sb.state),
    ...extra,
  };
}

/** Runs `node dist/cli.js hook <host>` with `input` on stdin, asynchronously (a test server may answer it); `node` runs `cli`. */
export function runHook(
  host: string,
  input: string | Buffer | Record<string, unknown>,
  sb: Sandbox,
  env: Record<string, string> = {},
  cwd = sb.workspace,
  cli = CLI,
  node = process.execPath,
): Promise<HookRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(node, [cli, 'hook', host], { cwd, env: hookEnv(sb, env) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      resolve({ code, stdout, stderr: Buffer.concat(err).toString('utf8'), json, ms: Date.now() - started });
    });
    // The hook may stop reading early (oversized payload): that is not a test failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(typeof input === 'string' || Buffer.isBuffer(input) ? input : JSON.stringify(input));
  });
}

/**
 * A `node` that runs the CLI as an account whose home is the sandbox's, so
 * HOME is the account's home, as a developer has it (bubblewrap; its passwd
 * copy goes in the sandbox's root, removed with it). process.execPath where
 * bubblewrap is missing: HOME is then not the account's home.
 */
export function ownAccountNode(sb: Sandbox): string {
  return accountNode(sb.home, sb.root) ?? process.execPath;
}

/** Runs the built CLI with `args` in the sandbox's workspace, its home and state folder, to the end; `node` runs it. */
export function runCli(
  sb: Sandbox,
  args: string[],
  timeout = 120_000,
  node?: string,
): { code: number | null; stdout: string; stderr: string } {
  // install and uninstall write and take back the launcher under the account's home: by default as the sandbox's own
  // account, so that what they write is the sandbox's (it confirms the sandbox's state folder there, as a human's does).
  const writesLauncher = args[0] === 'install' || args[0] === 'uninstall';
  const r = spawnSync(node ?? (writesLauncher ? ownAccountNode(sb) : process.execPath), [CLI, ...args], {
    cwd: sb.workspace,
    env: hookEnv(sb),
    encoding: 'utf8',
    timeout,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Claude Code / VS Code answer fields. Exit 0 with no permissionDecision is
 * the host's "no decision" (`defer`); its reason is the systemMessage, if any.
 */
export function claudeDecision(r: HookRun): { decision: unknown; reason: string } {
  if (r.code === 0 && (!r.stdout.trim() || (r.json && r.json.hookSpecificOutput === undefined)))
    return { decision: 'defer', reason: String(r.json?.systemMessage ?? '') };
  const specific = (r.json?.hookSpecificOutput ?? {}) as Record<string, unknown>;
  return { decision: specific.permissionDecision, reason: String(specific.permissionDecisionReason ?? '') };
}

let mcpCalls = 0;

/** An MCP tool call as Claude Code sends it, judged in a state folder of its own; Claude's answer fields. */
export function mcpToolDecision(
  sb: Sandbox,
  tool: string,
  input: Record<string, unknown>,
): Promise<{ decision: unknown; reason: string }> {
  const state = path.join(sb.root, `state-mcp-${++mcpCalls}`);
  fs.mkdirSync(state);
  return runHook('claude', { ...fixture('claude/bash', sb), tool_name: tool, tool_input: input }, sb, {
    AGENTGUARD_STATE_DIR: confirmedState(state),
  }).then(claudeDecision);
}

export function readAudit(sb: Sandbox): Record<string, unknown>[] {
  const file = path.join(sb.state, 'audit.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The finding ids of the last audit record of calls of `kind` (shell, edit, mcp…); none when there is none. */
export function lastFindings(sb: Sandbox, kind: string): string[] {
  const last = readAudit(sb)
    .filter((r) => r.kind === kind)
    .pop();
  return Array.isArray(last?.findings) ? (last.findings as string[]) : [];
}
