// Room `environment/`: which environment a command targets. The evidence is
// read in clues.ts, matched against the config's environments in match.ts,
// and weighed here.
//
// Which environment a command targets, and which one the workspace itself is
// in (the status-bar badge). Evidence is what the command really uses: hosts
// in its URLs, connection strings and flags, where it runs (ssh, containers,
// pods), kube contexts and namespaces, cloud profiles and projects, database
// names, and the variables of the environment it runs with — but a variable
// counts only for a command that reads it (see envReach), so `ls` in a shell
// with a production DATABASE_URL does not target production.
import { withoutTrailingComment } from '../text/trailingComment';
import * as path from 'node:path';
import type { Config } from '../config/schema';
import { table } from '../text/own';
import type { AnalysisContext, EnvironmentMatch, SimpleCommand } from '../types';
import { compile, environmentOf, rank, type Compiled } from './match';
import {
  AWS_PROFILE_VARS,
  type Clue,
  ClueSet,
  cluesOf,
  currentKubeContext,
  DATABASE_VARS,
  GCLOUD_PROJECT_VARS,
  HOST_VARS,
  isConnectionVar,
  isLocalHost,
  unknown,
} from './clues';
export { currentKubeContext, isLocalHost, parseUrlHosts } from './clues';

// ---- public --------------------------------------------------------------------------------

// The engine asks about the same command objects twice per decision (the line,
// then each command): remember the last few by identity. A WeakMap would do,
// but costs more per new key than the lookup saves on this path.
const recent: {
  cmd: SimpleCommand;
  ctx: AnalysisContext;
  compiled: Compiled;
  result: EnvironmentMatch;
  clues: Clue[];
}[] = [];
const RECENT_MAX = 16;

/** The environment one simple command targets. */
export function commandTargetEnvironment(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  config: Config | undefined,
): EnvironmentMatch {
  const compiled = compile(config);
  const r = recentFor(cmd, ctx, compiled);
  if (r) return r.result;
  const clues = cluesOf(cmd, ctx, compiled.envNames);
  const result = environmentOf(clues, compiled);
  if (recent.length >= RECENT_MAX) recent.shift();
  recent.push({ cmd, ctx, compiled, result, clues });
  return result;
}

/** The clues one command gives (from its last judgment when it was just judged). */
export function commandClues(cmd: SimpleCommand, ctx: AnalysisContext, config: Config | undefined): Clue[] {
  const compiled = compile(config);
  return recentFor(cmd, ctx, compiled)?.clues ?? cluesOf(cmd, ctx, compiled.envNames);
}

// Indexed, not for…of: asked twice for every command, and until V8 optimizes it (most of a batch) for…of walks an
// iterator and allocates each step's result.
function recentFor(cmd: SimpleCommand, ctx: AnalysisContext, compiled: Compiled): (typeof recent)[number] | undefined {
  for (let i = 0; i < recent.length; i++) {
    const r = recent[i];
    if (r.cmd === cmd && r.ctx === ctx && r.compiled === compiled) return r;
  }
  return undefined;
}

/**
 * The environment a command line targets: production if any of its commands
 * targets production (the first such wins), else a configured environment,
 * else `local` when it only reaches this machine, else `unknown`.
 */
/** The environment a whole line targets: the strongest of its commands' (production first). */
export function strongestEnvironment(matches: readonly EnvironmentMatch[]): EnvironmentMatch {
  let best: EnvironmentMatch | undefined;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i];
    if (!best || rank(m) > rank(best)) best = m;
    if (best.production) break;
  }
  return best ?? unknown();
}

/** `.env` files that configure the app as it runs from this workspace; `.env.production` only describes a deployment, so it does not make the workspace production. */
export const WORKSPACE_ENV_FILES = ['.env', '.env.local'] as const;

/** KEY=VALUE lines of a dotenv file (`export`, quotes and comments allowed). */
export function parseDotenv(text: string): Record<string, string> {
  const out = table<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const q = value[0];
    if ((q === '"' || q === "'") && value.indexOf(q, 1) > 0) value = value.slice(1, value.indexOf(q, 1));
    else value = withoutTrailingComment(value);
    out[m[1]] = value;
  }
  return out;
}

/**
 * The workspace's own environment, for the status-bar badge: the editor's
 * process environment over the workspace's `.env` and `.env.local`, and the
 * current kube context. Every variable counts here (the badge says what a
 * tool started from this workspace would reach).
 */
export function detectWorkspaceEnvironment(
  workspace: string,
  processEnv: Record<string, string | undefined>,
  config: Config | undefined,
  readFile: AnalysisContext['readFile'],
  home: string = processEnv.HOME ?? '/',
): EnvironmentMatch {
  const env = table<string>();
  const sources = table<string>();
  for (const file of WORKSPACE_ENV_FILES) {
    const text = readFile(path.join(workspace, file), workspace);
    if (!text) continue;
    for (const [k, v] of Object.entries(parseDotenv(text))) {
      env[k] = v;
      sources[k] = file;
    }
  }
  for (const [k, v] of Object.entries(processEnv)) {
    if (typeof v !== 'string') continue;
    env[k] = v;
    sources[k] = 'editor environment';
  }

  const set = new ClueSet();
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    const from = `$${name} in ${sources[name]}`;
    set.add('env', value, from, name);
    if (isConnectionVar(name, value)) {
      set.urls(value, from);
      if (HOST_VARS.has(name)) set.add('host', value.toLowerCase(), from);
      if (DATABASE_VARS.has(name)) set.add('database', value, from);
    }
    if (AWS_PROFILE_VARS.includes(name)) set.add('awsProfile', value, from);
    if (GCLOUD_PROJECT_VARS.includes(name)) set.add('gcloudProject', value, from);
  }
  const kube = currentKubeContext(env, { home, readFile }, workspace);
  if (kube) set.add('kubeContext', kube.context, `current kube context in ${kube.file}`);
  return environmentOf(set.clues, compile(config));
}

/** Hosts one command reaches beyond this machine (URLs, connection flags, ssh targets), for "mark as production" in editors. */
export function remoteHostsOf(cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  const hosts = cluesOf(cmd, ctx, new Set())
    .filter((c) => c.kind === 'host' && !isLocalHost(c.value))
    .map((c) => c.value);
  return [...new Set(hosts)];
}
