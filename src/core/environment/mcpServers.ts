// Where an MCP tool call acts: the server's identity from the MCP
// configuration the agent host started it from (its command, arguments,
// environment or URL: a production connection string, a live key, a kube
// context) and the target the call itself names (a namespace, a database, a
// project, an environment). Read as evidence the same way a command's is
// (clues.ts), matched against the configured environments (match.ts), and
// checked for proof that the target is disposable (a test database on this
// machine, a local cluster, a test-mode key, a preview).
//
// Configuration files are the ones the hosts document: `.mcp.json` (Claude
// Code), `.cursor/mcp.json`, `.vscode/mcp.json` (`servers`), `.gemini/
// settings.json`, `.kiro/settings/mcp.json`, `.roo/mcp.json`, and their
// user-level counterparts; each read bounded (files over the engine's read
// limit are skipped: the server is then unknown, and judged as such). Past
// the bounds on one file's servers and one server's arguments and `env`
// (MAX_ENTRIES) the rest is not read, and the call is asked about: a
// production connection string in the 257th variable, or the server itself
// named past the 256th, would otherwise go unseen. So too past the keys of
// one argument object read for the target the call names (MAX_CALL_KEYS).
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import type { Config } from '../config/schema';
import { table } from '../text/own';
import type { AnalysisContext, EnvironmentMatch } from '../types';
import {
  AWS_PROFILE_VARS,
  ClueSet,
  currentKubeContext,
  DATABASE_VARS,
  ENV_NAME_VARS,
  GCLOUD_PROJECT_VARS,
  HOST_VARS,
  isConnectionVar,
  isLocalHost,
} from './clues';
import { isLocalCluster, isPreviewName, isTestName, testModeKeyEvidence } from './disposableNames';
import { compile, environmentOf } from './match';

export interface McpServerConfig {
  /** The server's name as configured. */
  name: string;
  /** The file it is configured in. */
  file: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  url?: string;
  /** What of its configuration lies past the bounds read (its `env`, its `args`): where it acts is then not known. */
  unread?: string;
}

export interface McpTarget {
  environment: EnvironmentMatch;
  /** Why the target is provably disposable; empty when nothing proves it. */
  disposable: string[];
  /** Something the call reaches is elsewhere: a remote host or a remote cluster. */
  remote: boolean;
  server?: McpServerConfig;
  /** Why the server's configuration or the call's arguments, or what of them, was not read past a bound: the call is then asked about. */
  unread?: string;
}

const WORKSPACE_FILES = [
  '.mcp.json',
  '.cursor/mcp.json',
  '.vscode/mcp.json',
  '.gemini/settings.json',
  '.kiro/settings/mcp.json',
  '.roo/mcp.json',
  '.amazonq/mcp.json',
];
const HOME_FILES = [
  '.claude.json',
  '.cursor/mcp.json',
  '.gemini/settings.json',
  '.kiro/settings/mcp.json',
  '.codeium/windsurf/mcp_config.json',
  '.aws/amazonq/mcp.json',
  '.config/Code/User/mcp.json',
];
/** Most servers of one file, and most arguments and `env` variables of one server, read. */
export const MAX_ENTRIES = 256;

/** A server name as hosts spell it in tool names: characters other than letters, digits, `_` and `-` become `_`. */
function canonical(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX_ENTRIES) : [];

function serverOf(name: string, file: string, v: unknown): McpServerConfig | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const env = table<string>();
  const unread: string[] = [];
  if (o.env && typeof o.env === 'object') {
    const entries = Object.entries(o.env as Record<string, unknown>);
    if (entries.length > MAX_ENTRIES) unread.push(`${entries.length} env variables`);
    for (const [k, val] of entries.slice(0, MAX_ENTRIES)) if (typeof val === 'string') env[k] = val;
  }
  if (Array.isArray(o.args) && o.args.length > MAX_ENTRIES) unread.push(`${o.args.length} arguments`);
  const url =
    typeof o.url === 'string'
      ? o.url
      : typeof o.serverUrl === 'string'
        ? o.serverUrl
        : typeof o.httpUrl === 'string'
          ? o.httpUrl
          : undefined;
  return {
    name,
    file,
    args: strings(o.args),
    env,
    ...(typeof o.command === 'string' ? { command: o.command } : {}),
    ...(url ? { url } : {}),
    ...(unread.length ? { unread: unread.join(' and ') } : {}),
  };
}

/**
 * The servers of one configuration file: `mcpServers` (most hosts), `servers` (VS Code), and Claude Code's
 * per-project lists; `cut` when one list holds more than MAX_ENTRIES, those past it not read.
 */
function serversIn(text: string, workspace: string): { servers: Array<[string, unknown]>; cut: boolean } {
  let doc: unknown;
  try {
    doc = parseJsonc(text, [], { allowTrailingComma: true });
  } catch {
    return { servers: [], cut: false };
  }
  const out: Array<[string, unknown]> = [];
  let cut = false;
  if (!doc || typeof doc !== 'object') return { servers: out, cut };
  const o = doc as Record<string, unknown>;
  const take = (v: unknown) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return;
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > MAX_ENTRIES) cut = true;
    for (const e of entries.slice(0, MAX_ENTRIES)) out.push(e);
  };
  take(o.mcpServers);
  take(o.servers);
  // ~/.claude.json keeps local-scope servers per project folder.
  if (o.projects && typeof o.projects === 'object')
    take(((o.projects as Record<string, unknown>)[workspace] as Record<string, unknown> | undefined)?.mcpServers);
  return { servers: out, cut };
}

/** The configuration of the server a tool call names, from the workspace's files first, then the user's. */
export function findMcpServer(
  name: string | undefined,
  ctx: Pick<AnalysisContext, 'workspace' | 'home' | 'readFile'>,
): McpServerConfig | undefined {
  return lookUpServer(name, ctx).server;
}

/**
 * findMcpServer's answer, or why it is not known: a file read first that lists more servers than are read may
 * name it past them, and the host would start it from there.
 */
function lookUpServer(
  name: string | undefined,
  ctx: Pick<AnalysisContext, 'workspace' | 'home' | 'readFile'>,
): { server?: McpServerConfig; unread?: string } {
  if (!name) return {};
  const want = canonical(name);
  const files = [
    ...WORKSPACE_FILES.map((f) => path.join(ctx.workspace, f)),
    ...HOME_FILES.map((f) => path.join(ctx.home, f)),
  ];
  for (const file of files) {
    const text = ctx.readFile(file, ctx.workspace);
    if (!text || !text.includes(name.slice(0, 3))) continue;
    const { servers, cut } = serversIn(text, ctx.workspace);
    for (const [key, value] of servers) {
      if (canonical(key) !== want) continue;
      const server = serverOf(key, file, value);
      return server ? { server } : {};
    }
    if (cut) return { unread: `${file} lists more MCP servers than AgentGuard reads (${MAX_ENTRIES})` };
  }
  return {};
}

// ---- clues ---------------------------------------------------------------------------------

const KUBE_WORDS = /kube|k8s|openshift|helm/i;
/** Keys of a call's arguments that name where it acts, and what kind of clue each is. */
const TARGET_KEYS: ReadonlyArray<
  [RegExp, 'namespace' | 'kubeContext' | 'database' | 'host' | 'url' | 'awsProfile' | 'deployTarget']
> = [
  [/^(?:namespace|ns|namespace_?name)$/i, 'namespace'],
  [/^(?:context|kube_?context|cluster_?context)$/i, 'kubeContext'],
  [/^(?:database|database_?name|db|db_?name|dbname)$/i, 'database'],
  [/^(?:host|hostname|server_?host)$/i, 'host'],
  [/^(?:url|uri|endpoint|connection_?string|dsn|database_?url)$/i, 'url'],
  [/^(?:profile|aws_?profile)$/i, 'awsProfile'],
  [
    /^(?:project|project_?id|project_?ref|project_?name|environment|environment_?name|env|stage|app|app_?name|application|service|service_?name|stack|branch|branch_?name|branch_?id|branch_?id_?or_?name|site|site_?name|deployment)$/i,
    'deployTarget',
  ],
];
const SERVER_FLAGS: ReadonlyArray<
  [RegExp, 'namespace' | 'kubeContext' | 'database' | 'host' | 'awsProfile' | 'deployTarget']
> = [
  [/^--?(?:namespace|n)$/, 'namespace'],
  [/^--(?:context|kube-context)$/, 'kubeContext'],
  [/^--(?:database|db|dbname)$/, 'database'],
  [/^--(?:host|hostname)$/, 'host'],
  [/^--profile$/, 'awsProfile'],
  [/^--(?:project|project-id|project-ref|environment|env|stage|app)$/, 'deployTarget'],
];

function addTarget(set: ClueSet, kind: (typeof TARGET_KEYS)[number][1], value: string, from: string): void {
  if (kind === 'url') set.urls(value, from);
  else if (kind === 'host') set.add('host', value.toLowerCase(), from);
  else set.add(kind, value, from);
}

function serverClues(set: ClueSet, server: McpServerConfig, configured: ReadonlySet<string>): void {
  const from = `MCP server ${server.name}`;
  const words = [server.command ?? '', ...server.args, server.url ?? ''];
  for (const w of words) set.urls(w, from);
  for (let i = 0; i < server.args.length; i++) {
    const a = server.args[i];
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const hit = SERVER_FLAGS.find(([re]) => re.test(flag));
    if (!hit) continue;
    const value = eq > 0 ? a.slice(eq + 1) : server.args[i + 1];
    if (value && !value.startsWith('-')) addTarget(set, hit[1], value, `${from} ${flag}`);
  }
  // The server reads its whole environment, as a database or cloud tool does.
  for (const [name, value] of Object.entries(server.env)) {
    if (!value) continue;
    const at = `$${name} of ${from}`;
    if (configured.has(name) || ENV_NAME_VARS.has(name)) set.add('env', value, at, name);
    if (isConnectionVar(name, value) || value.includes('://')) set.urls(value, at);
    if (HOST_VARS.has(name)) set.add('host', value.toLowerCase(), at);
    if (DATABASE_VARS.has(name)) set.add('database', value, at);
    if (AWS_PROFILE_VARS.includes(name)) set.add('awsProfile', value, at);
    if (GCLOUD_PROJECT_VARS.includes(name)) set.add('gcloudProject', value, at);
  }
}

/** Most keys of one argument object read for the target the call names. */
export const MAX_CALL_KEYS = 128;

/**
 * Scalar arguments naming a target, at the top level and one object down (`params`, `options`). Returns why
 * some were not read: an object with more keys than MAX_CALL_KEYS, whose target (`namespace: production` as
 * its 129th key) would go unseen.
 */
function callClues(set: ClueSet, input: unknown, depth = 0): string | undefined {
  if (!input || typeof input !== 'object' || Array.isArray(input) || depth > 2) return undefined;
  const entries = Object.entries(input as Record<string, unknown>);
  let unread =
    entries.length > MAX_CALL_KEYS
      ? `the call's arguments hold an object of ${entries.length} keys, more than AgentGuard reads (${MAX_CALL_KEYS})`
      : undefined;
  for (const [key, value] of entries.slice(0, MAX_CALL_KEYS)) {
    if (typeof value === 'string' && value && value.length <= 2048) {
      const hit = TARGET_KEYS.find(([re]) => re.test(key));
      if (hit) addTarget(set, hit[1], value, `argument ${key}`);
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      unread ??= callClues(set, value, depth + 1);
    }
  }
  return unread;
}

function isKubeServer(name: string | undefined, server: McpServerConfig | undefined): boolean {
  return (
    KUBE_WORDS.test(name ?? '') ||
    (server !== undefined && KUBE_WORDS.test([server.command ?? '', ...server.args].join(' ')))
  );
}

/** Where one MCP call acts, and whether that is provably disposable. */
export function mcpTarget(
  call: { server?: string; tool: string; input: unknown },
  ctx: AnalysisContext,
  config: Config | undefined,
): McpTarget {
  const compiled = compile(config);
  const { server, unread } = lookUpServer(call.server, ctx);
  const set = new ClueSet();
  if (call.server) set.add('deployTarget', call.server, 'MCP server name');
  if (server) serverClues(set, server, compiled.envNames);
  const argsUnread = callClues(set, call.input);
  if (isKubeServer(call.server, server) && !set.clues.some((c) => c.kind === 'kubeContext')) {
    const flag = server?.args.findIndex((a) => a === '--kubeconfig') ?? -1;
    const explicit =
      flag >= 0 ? server!.args[flag + 1] : server?.args.find((a) => a.startsWith('--kubeconfig='))?.slice(13);
    const current = currentKubeContext(server?.env ?? {}, ctx, ctx.workspace, explicit);
    if (current) set.add('kubeContext', current.context, `current kube context in ${current.file}`);
  }
  const environment = environmentOf(set.clues, compiled);

  const disposable: string[] = [];
  let localHosts = 0;
  let remote = false;
  const testDatabases: string[] = [];
  for (const c of set.clues) {
    if (c.kind === 'host') {
      if (isLocalHost(c.value)) localHosts++;
      else remote = true;
    } else if (c.kind === 'kubeContext') {
      if (isLocalCluster(c.value)) disposable.push(`kube context ${c.value} is a cluster on this machine`);
      else remote = true;
    } else if (c.kind === 'database' && isTestName(c.value)) testDatabases.push(c.value);
    else if (
      (c.kind === 'namespace' || c.kind === 'deployTarget') &&
      c.from !== 'MCP server name' &&
      isPreviewName(c.value)
    )
      disposable.push(`${c.value} is a pull request's preview`);
  }
  if (localHosts > 0 && !remote)
    for (const db of testDatabases) disposable.push(`database ${db} on this machine is named for tests`);
  const keys = testModeKeyEvidence([...Object.values(server?.env ?? {}), ...(server?.args ?? [])].join(' '));
  if (keys) disposable.push(`${keys} in the configuration of MCP server ${server?.name}`);
  const why =
    unread ??
    (server?.unread &&
      `MCP server ${server.name} in ${server.file} has ${server.unread}, more than AgentGuard reads (${MAX_ENTRIES})`) ??
    argsUnread;
  return {
    environment,
    disposable: remote && !keys ? [] : disposable,
    remote,
    ...(server ? { server } : {}),
    ...(why ? { unread: why } : {}),
  };
}
