// A package manager's settings changed for every later call: `npm config set
// script-shell …`, `yarn config set registry …`, `pip config set
// global.index-url …`. Three kinds of setting plant something: a command or
// code every later install and script runs with (script-shell,
// node-options), where packages come from (a registry or index serves the
// code, install scripts included, of every later install), and the
// safeguards an install relies on (ignore-scripts, strict-ssl,
// require-virtualenv). Any other setting (a cache folder, a log level) is
// the user's preference.
import type { Finding, SimpleCommand } from '../../types';
import { plantFinding } from './plantFinding';
import { knownRegistry } from '../common/registries';

/** Settings holding a command or code every later install or script runs with. */
const CODE_KEYS =
  /^(?:node-options|script-shell|shell|git|init-module|editor|onload-script|pnpmfile|global-pnpmfile|yarn-path|yarnPath|ignore-scripts)$/i;

/** Settings naming where packages come from, or how their source is checked. */
const SOURCE_KEYS =
  /^(?:registry|@[^:\s]+:registry|npmRegistryServer|npmScopes\..+|unsafeHttpWhitelist|strict-ssl|enableStrictSsl|ca|cafile|index-url|extra-index-url|find-links|trusted-host|cert)$/i;

/** Safeguards a later install relies on. Removing any of these settings changes them too (a mirror removed sends installs to the public index). */
/** The keys that name where packages come from by URL (registry, index), as opposed to how they are checked. */
const REGISTRY_KEYS = /^(?:registry|@[^:\s]+:registry|npmRegistryServer|index-url|extra-index-url)$/i;
const SAFEGUARD_KEYS =
  /^(?:enableScripts|unsafe-perm|dangerously-allow-all-builds|dangerouslyAllowAllBuilds|require-virtualenv|break-system-packages)$/i;

/** pip's options before or after `config` that take a value. */
const VALUE_OPTIONS = new Set(['--editor', '--location', '--userconfig', '--globalconfig']);

/** Most `KEY VALUE` pairs of one call read (`npm config set a=1 b=2 …`). */
const MAX_PAIRS = 16;

/** `npm config set K V`, `npm set K=V`, `pip config --user set global.K V`, `python -m pip config edit`: the verb and its words. */
function configCall(argv: readonly string[]): { pm: string; verb: string; words: string[] } | undefined {
  let words = argv;
  if (/^python[\d.]*$/.test(argv[0] ?? '') && argv[1] === '-m' && /^pip\d?$/.test(argv[2] ?? '')) words = argv.slice(2);
  const pm = words[0] ?? '';
  const pip = /^pip\d?$/.test(pm);
  const skipOptions = (from: number): number => {
    let k = from;
    for (; k < words.length && words[k].startsWith('-'); k++) if (VALUE_OPTIONS.has(words[k])) k++;
    return k;
  };
  let i = skipOptions(1);
  // `npm set K V` is `npm config set K V` (`yarn set version` is another command).
  if (words[i] === 'config') i = skipOptions(i + 1);
  else if (!(words[i] === 'set' && (pm === 'npm' || pm === 'pnpm'))) return undefined;
  const verb = words[i];
  if (verb === undefined) return undefined;
  const rest: string[] = [];
  for (let k = i + 1; k < words.length; k++) {
    if (VALUE_OPTIONS.has(words[k])) k++;
    else if (!words[k].startsWith('-')) rest.push(words[k]);
  }
  return { pm: pip ? 'pip' : pm, verb, words: rest };
}

/** The settings a `set` names: `K=V` words, or a `K V` pair. */
function pairs(words: readonly string[]): [string, string][] {
  if (words.length && !words[0].includes('=')) return [[words[0], words.slice(1).join(' ')]];
  return words.slice(0, MAX_PAIRS).map((w) => {
    const eq = w.indexOf('=');
    return eq === -1 ? [w, ''] : [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/** `global.index-url` → `index-url`: pip's settings are named with their section in front. */
function bareKey(pm: string, key: string): string {
  return pm === 'pip' ? key.replace(/^[a-z]+\./i, '') : key;
}

/** A version spelled as a URL or a file (`https://…`, `./yarn.cjs`, `~/x.tgz`), not a release name or number. */
const FETCHED_VERSION = /^(?:[a-z][a-z0-9+.-]*:\/\/|file:|\.{0,2}\/|~|[A-Za-z]:[\\/])|\.(?:c?js|tgz)$/i;

/**
 * `yarn set version URL|PATH` downloads that file and makes it yarn (yarnPath) from then on; `corepack use|prepare|install
 * yarn@URL` makes the download the project's package manager. A release (`stable`, `4.1.0`, `pnpm@8`) is the vendor's own.
 */
function managerDownloadFinding(argv: readonly string[]): Finding | undefined {
  const [pm, sub, verb] = argv;
  let spec: string | undefined;
  let what: string;
  if (pm === 'yarn' && sub === 'set' && verb === 'version') {
    spec = argv.slice(3).find((a) => !a.startsWith('-'));
    what = 'yarn set version makes this file (downloaded or copied) yarn itself, run by every later install and script';
  } else if (pm === 'corepack' && ['use', 'prepare', 'install', 'up'].includes(sub ?? '')) {
    // `yarn@https://…`, `pnpm@./pnpm.tgz`, or a bare URL or file handed to prepare.
    spec = argv
      .slice(2)
      .filter((a) => !a.startsWith('-'))
      .map((a) => (/^@?[\w.-]+(?:\/[\w.-]+)?@/.test(a) ? a.slice(a.indexOf('@', 1) + 1) : a))
      .find((a) => FETCHED_VERSION.test(a));
    what = `corepack ${sub} makes this download the package manager every later install and script runs with`;
  } else return undefined;
  if (spec === undefined || !FETCHED_VERSION.test(spec)) return undefined;
  return plantFinding(
    'autorun.package-manager-config',
    what,
    spec,
    `${pm} ${sub}`,
    'pick a released version by name or number (yarn set version stable)',
  );
}

export function packageConfigFindings(cmd: SimpleCommand): Finding[] {
  const fetched = managerDownloadFinding(cmd.argv);
  if (fetched) return [fetched];
  const call = configCall(cmd.argv);
  if (!call) return [];
  const { pm, verb, words } = call;
  const out: Finding[] = [];
  const alternative = 'pass the option on the one command that needs it';
  if (verb === 'edit') {
    out.push(
      plantFinding(
        'autorun.package-manager-config',
        `opens ${pm}'s settings in an editor, where any setting can change, those every later install and script runs with included`,
        undefined,
        pm,
        alternative,
      ),
    );
    return out;
  }
  const removing = verb === 'unset' || verb === 'delete' || verb === 'rm';
  if (verb !== 'set' && !removing) return out;
  const settings: [string, string][] = removing ? words.slice(0, MAX_PAIRS).map((k) => [k, '']) : pairs(words);
  for (const [spelled, value] of settings) {
    const key = bareKey(pm, spelled);
    // `npm config set registry https://registry.npmjs.org/`: back to the public registry, nowhere new.
    if (!removing && REGISTRY_KEYS.test(key) && knownRegistry(value)) continue;
    const what = CODE_KEYS.test(key)
      ? `changes ${pm}'s ${key}, which every later install and script runs with`
      : SOURCE_KEYS.test(key)
        ? `changes where ${pm} fetches packages from, or how it checks them (${key}): every later install runs what that source serves, install scripts included`
        : SAFEGUARD_KEYS.test(key)
          ? `${removing ? 'removes' : 'changes'} ${pm}'s ${key}, a safeguard every later install relies on`
          : undefined;
    if (what) out.push(plantFinding('autorun.package-manager-config', what, value || undefined, spelled, alternative));
  }
  return out;
}
