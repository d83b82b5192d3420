// Matching clues against environments: the configured ones first, then, when
// the policy allows, a guess from names that say production.
import { identityTest } from '../config/glob';
import type { Config } from '../config/schema';
import type { EnvironmentMatch } from '../types';
import { KEEP_PRODUCTION_GUESS, type EffectiveConfig } from '../config/effective';
import { type Clue, type ClueKind, ENV_NAME_VARS, isLocalHost, PRODUCTION_WORD, unknown } from './clues';

interface CompiledEnvironment {
  name: string;
  production: boolean;
  globs: { kind: Exclude<ClueKind, 'env' | 'deployTarget'>; pattern: string; re: { test(text: string): boolean } }[];
  env: { name: string; pattern: string; re: { test(text: string): boolean } }[];
}

export interface Compiled {
  productionEnvs: CompiledEnvironment[];
  otherEnvs: CompiledEnvironment[];
  /** The built-in guess stands until the config says what production looks like. */
  guess: boolean;
  /** Variables some environment's `env` names. */
  envNames: ReadonlySet<string>;
}

const GUESS_ONLY: Compiled = { productionEnvs: [], otherEnvs: [], guess: true, envNames: new Set() };
const compiledConfigs = new WeakMap<Config, Compiled>();

const GLOB_FIELDS = [
  ['hosts', 'host'],
  ['kubeContexts', 'kubeContext'],
  ['namespaces', 'namespace'],
  ['awsProfiles', 'awsProfile'],
  ['gcloudProjects', 'gcloudProject'],
  ['databases', 'database'],
] as const;

export function compile(config: Config | undefined): Compiled {
  if (!config?.environments) return GUESS_ONLY;
  let c = compiledConfigs.get(config);
  if (c) return c;
  const envs = Object.entries(config.environments).map(([name, e]): CompiledEnvironment => ({
    name,
    production: e.production === true,
    globs: GLOB_FIELDS.flatMap(([field, kind]) =>
      (e[field] ?? []).map((pattern) => ({ kind, pattern, re: { test: identityTest(pattern) } })),
    ),
    env: Object.entries(e.env ?? {}).map(([variable, pattern]) => ({
      name: variable,
      pattern,
      re: { test: identityTest(pattern) },
    })),
  }));
  const productionEnvs = envs.filter((e) => e.production);
  c = {
    productionEnvs,
    otherEnvs: envs.filter((e) => !e.production),
    // A production environment the human has not confirmed yet does not switch the guess off (policy/compare.ts).
    guess: productionEnvs.length === 0 || (config as EffectiveConfig)[KEEP_PRODUCTION_GUESS] === true,
    envNames: new Set(envs.flatMap((e) => e.env.map((g) => g.name))),
  };
  compiledConfigs.set(config, c);
  return c;
}

const KIND_LABEL: Record<ClueKind, string> = {
  host: 'host',
  kubeContext: 'kube context',
  namespace: 'namespace',
  awsProfile: 'AWS profile',
  gcloudProject: 'gcloud project',
  database: 'database',
  deployTarget: 'deployment target',
  env: 'variable',
};

function describe(c: Clue): string {
  if (c.kind === 'env') return c.from;
  const from = c.from === 'URL' ? '' : ` (${c.from})`;
  return `${KIND_LABEL[c.kind]} ${c.value}${from}`;
}

function matchEnvironment(env: CompiledEnvironment, clues: readonly Clue[]): string[] {
  const evidence: string[] = [];
  for (const c of clues) {
    if (c.kind === 'env') {
      for (const g of env.env)
        if (g.name === c.name && g.re.test(c.value)) evidence.push(`${describe(c)} matches "${g.pattern}"`);
    } else {
      for (const g of env.globs)
        if (g.kind === c.kind && g.re.test(c.value)) evidence.push(`${describe(c)} matches "${g.pattern}"`);
    }
  }
  return evidence;
}

function guessProduction(clues: readonly Clue[]): string[] {
  const hosts = clues.filter((c) => c.kind === 'host');
  const onlyLocalHosts = hosts.length > 0 && hosts.every((c) => isLocalHost(c.value));
  const evidence: string[] = [];
  for (const c of clues) {
    if (c.kind === 'env') {
      if (c.name && ENV_NAME_VARS.has(c.name) && PRODUCTION_WORD.test(c.value)) {
        const where = c.from.indexOf(' in ');
        evidence.push(`${c.name}=${c.value}${where === -1 ? '' : ` (${c.from.slice(where + 1)})`}`);
      }
      continue;
    }
    if (c.kind === 'host' && isLocalHost(c.value)) continue;
    // A database on this machine is a local copy, whatever it is called.
    if (c.kind === 'database' && onlyLocalHosts) continue;
    const word = PRODUCTION_WORD.exec(c.value);
    if (word) evidence.push(`${describe(c)} says "${word[1]}"`);
  }
  return evidence;
}

/** The environment the clues point to: a production one first, then the guess, then any other, then this machine. */
export function environmentOf(clues: readonly Clue[], compiled: Compiled): EnvironmentMatch {
  if (!clues.length) return unknown();
  for (const env of compiled.productionEnvs) {
    const evidence = matchEnvironment(env, clues);
    if (evidence.length) return { name: env.name, production: true, evidence };
  }
  if (compiled.guess) {
    const evidence = guessProduction(clues);
    if (evidence.length) return { name: 'production', production: true, evidence };
  }
  for (const env of compiled.otherEnvs) {
    const evidence = matchEnvironment(env, clues);
    if (evidence.length) return { name: env.name, production: false, evidence };
  }
  const hosts = clues.filter((c) => c.kind === 'host');
  if (hosts.length && hosts.every((c) => isLocalHost(c.value))) {
    return { name: 'local', production: false, evidence: hosts.map((c) => `${describe(c)} is this machine`) };
  }
  return unknown();
}

export function rank(m: EnvironmentMatch): number {
  if (m.production) return 3;
  if (m.name === 'local') return 1;
  return m.name === 'unknown' ? 0 : 2;
}
