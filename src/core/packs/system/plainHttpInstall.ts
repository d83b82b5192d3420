// A package install whose source is plain http: `pip install --index-url
// http://…`, `--extra-index-url http://…`, `uv pip install -i http://…`,
// `npm install --registry http://…`, a requirement or tarball given by an
// http URL. Whatever answers on the path serves the code the install runs
// (setup.py, build backends, install scripts), with nothing to authenticate
// it. An https source, and a plain one on this machine (a local mirror),
// stay quiet; a setting made for every later install is judged by
// autorun/packageConfig.ts.
import type { Finding } from '../../types';
import { finding } from '../common/finding';
import { isLocalHost, parseUrl } from '../common/urls';

/** Options naming where pip and uv fetch packages from. */
const PIP_SOURCE_OPTIONS = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--index',
  '--default-index',
]);
const NPM_SOURCE_OPTIONS = new Set(['--registry']);

const PIP_INSTALLS = new Set(['install', 'download', 'wheel']);
const UV_INSTALLS = new Set(['add', 'sync', 'lock', 'run']);
/** `npm create x` / `npm init x` fetch and run create-x as `npm exec` does. */
const NPM_RUNS = ['exec', 'x', 'dlx', 'create', 'init', 'innit'];
const NPM_INSTALLS = new Set(['install', 'i', 'in', 'add', 'ci', 'update', 'up', 'upgrade', ...NPM_RUNS]);

/** `http://host/…` (or `git+http://…`) to a host that is not this machine. */
function plainRemote(value: string): boolean {
  const url = value.replace(/^(?:git|hg|svn|bzr)\+/i, '');
  if (!/^http:\/\//i.test(url)) return false;
  const host = parseUrl(url)?.host;
  return host === undefined || !isLocalHost(host);
}

/**
 * The words after the install verb, or undefined when the call installs nothing. `runs`: the call runs a tool
 * (`npx`, `uvx`, `uv run`), whose own arguments may be URLs it is given, not packages: only its options count.
 */
function installArgs(
  name: string,
  argv: readonly string[],
): { args: readonly string[]; npm: boolean; runs?: boolean } | undefined {
  const verbAt = (from: number) => {
    let i = from;
    while (i < argv.length && argv[i].startsWith('-')) i++;
    return i;
  };
  if (/^pip\d?(?:\.\d+)?$/.test(name)) {
    const i = verbAt(1);
    return PIP_INSTALLS.has(argv[i] ?? '') ? { args: argv.slice(i + 1), npm: false } : undefined;
  }
  if (/^python[\d.]*$/.test(name) && argv[1] === '-m' && /^pip\d?$/.test(argv[2] ?? '')) {
    const i = verbAt(3);
    return PIP_INSTALLS.has(argv[i] ?? '') ? { args: argv.slice(i + 1), npm: false } : undefined;
  }
  if (name === 'uv') {
    const i = verbAt(1);
    if (argv[i] === 'pip' || argv[i] === 'tool') {
      const j = verbAt(i + 1);
      return ['install', 'sync', 'compile', 'run'].includes(argv[j] ?? '')
        ? { args: argv.slice(j + 1), npm: false, runs: argv[j] === 'run' }
        : undefined;
    }
    return UV_INSTALLS.has(argv[i] ?? '')
      ? { args: argv.slice(i + 1), npm: false, runs: argv[i] === 'run' }
      : undefined;
  }
  if (name === 'uvx' || name === 'pipx') return { args: argv.slice(1), npm: false, runs: true };
  if (name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'npx') {
    if (name === 'npx') return { args: argv.slice(1), npm: true, runs: true };
    const i = verbAt(1);
    // `yarn` alone installs.
    if (name === 'yarn' && i >= argv.length) return { args: argv.slice(1), npm: true };
    if (!NPM_INSTALLS.has(argv[i] ?? '')) return undefined;
    return { args: argv.slice(1), npm: true, runs: NPM_RUNS.includes(argv[i]) };
  }
  return undefined;
}

export const PLAIN_HTTP_INSTALLERS = ['pip', 'pip3', 'uv', 'uvx', 'pipx', 'npm', 'pnpm', 'yarn', 'npx'];

export function plainHttpInstallFindings(name: string, argv: readonly string[]): Finding | undefined {
  const call = installArgs(name, argv);
  if (!call) return undefined;
  const options = call.npm ? NPM_SOURCE_OPTIONS : PIP_SOURCE_OPTIONS;
  const args = call.npm ? argv.slice(1) : call.args;
  const unverified = uncheckedTls(call.npm ? args : argv.slice(1), call.npm);
  if (unverified)
    return finding(
      'system.remote-code',
      70,
      `${name} installs with ${unverified}: the package source's certificate is not checked, so whatever answers on the way serves the code the install runs (build and install scripts)`,
      unverified,
      "keep certificate checks on; add the source's CA certificate (cafile, --cert) instead",
    );
  for (let i = 0; i < args.length && i < 256; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const opt = a.startsWith('-') ? (eq > 0 ? a.slice(0, eq) : a) : undefined;
    // npm's per-scope registry: `--@acme:registry=http://…`.
    const sourceOption = opt !== undefined && (options.has(opt) || (call.npm && /^--@[^:]+:registry$/.test(opt)));
    const value = sourceOption
      ? eq > 0
        ? a.slice(eq + 1)
        : args[i + 1]
      : opt === undefined && !call.runs
        ? a
        : undefined;
    if (value === undefined || !plainRemote(value)) continue;
    return finding(
      'system.remote-code',
      70,
      `${name} installs packages from ${value} over plain http: whatever answers on the way serves the code the install runs (build and install scripts), with nothing to authenticate it`,
      value,
      'use the index over https, or a mirror on this machine',
    );
  }
  return undefined;
}

/** Environment variables naming the npm family's registry (npm reads its `npm_config_*` in any case). */
const NPM_SOURCE_ENV = /^(?:npm_config_(?:@[^:]+:)?registry|yarn_registry|yarn_npm_registry_server)$/i;
/** Environment variables naming pip's and uv's index or links; their values may be lists (spaces), uv's `name=url`. */
const PIP_SOURCE_ENV =
  /^(?:PIP_(?:INDEX_URL|EXTRA_INDEX_URL|FIND_LINKS)|UV_(?:INDEX_URL|EXTRA_INDEX_URL|DEFAULT_INDEX|INDEX|FIND_LINKS))$/;

/**
 * An install whose source is set in its environment (`npm_config_registry=http://… npm install`, an earlier
 * `export PIP_INDEX_URL=http://…`): the same plain-http source as the option, set another way.
 */
export function plainHttpEnvSourceFinding(
  name: string,
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
): Finding | undefined {
  const call = installArgs(name, argv);
  if (!call) return undefined;
  const names = call.npm ? NPM_SOURCE_ENV : PIP_SOURCE_ENV;
  let seen = 0;
  for (const key in env) {
    if (++seen > 512) break;
    if (!names.test(key)) continue;
    for (const part of env[key].split(/[\s,]+/).slice(0, 16)) {
      const value = part.replace(/^[\w.-]+=(?=[a-z+]+:\/\/)/i, '');
      if (!plainRemote(value)) continue;
      return finding(
        'system.remote-code',
        70,
        `${name} installs packages from ${value} (set by ${key}) over plain http: whatever answers on the way serves the code the install runs (build and install scripts), with nothing to authenticate it`,
        `${key}=${value}`,
        'use the index over https, or a mirror on this machine',
      );
    }
  }
  return undefined;
}

/** Options that turn off the check of the package source's certificate: pip's `--trusted-host`, npm's `--strict-ssl=false`. */
function uncheckedTls(args: readonly string[], npm: boolean): string | undefined {
  for (let i = 0; i < args.length && i < 256; i++) {
    const a = args[i];
    if (npm && (/^--strict-ssl=(?:false|0|no)$/i.test(a) || a === '--no-strict-ssl')) return a;
    if (npm && a === '--strict-ssl' && /^(?:false|0|no)$/i.test(args[i + 1] ?? '')) return `${a} ${args[i + 1]}`;
    if (!npm && a === '--trusted-host' && args[i + 1] !== undefined && !isLocalHost(args[i + 1]))
      return `${a} ${args[i + 1]}`;
    if (!npm && a.startsWith('--trusted-host=') && !isLocalHost(a.slice(15))) return a;
  }
  return undefined;
}
