// A language toolchain's settings changed for every later call, as `npm
// config set` does for npm (packageConfig.ts): `go env -w` writes the user's
// go env file, read by every later go command wherever it runs (GOFLAGS with
// -toolexec or -exec runs a program around every compile or test, CC and the
// other tool settings run that program, GOPROXY and GOSUMDB decide where
// modules come from and how they are checked); `composer config` sets a
// script every later install runs, or a package source; `gem sources --add`
// adds a source every later install fetches from, and so does `bundle config
// set mirror.SOURCE URL`. A cache folder, a private
// module pattern or a build tag is the user's preference and stays quiet.
import type { Finding, SimpleCommand } from '../../types';
import { plantFinding } from './plantFinding';
import { knownRegistry } from '../common/registries';

/** go settings naming a program every later build or test runs (by path: `CC=clang` is the one on PATH). */
const GO_TOOL_KEYS = /^(?:CC|CXX|FC|AR|PKG_CONFIG|GOENV|GCCGO)$/;
/** GOFLAGS flags that run a program or swap the sources compiled. */
const GO_FLAG_CODE = /(?:^|\s)-(?:toolexec|exec|overlay|modfile)\b/;
/** go settings naming where modules come from, or how they are checked. */
const GO_SOURCE_KEYS = /^(?:GOPROXY|GOSUMDB|GONOSUMDB|GONOSUMCHECK|GOINSECURE|GONOPROXY|GOFLAGS_INSECURE)$/;
/** The public defaults: setting them back plants nothing. */
const GO_DEFAULT_SOURCES = /^(?:https:\/\/proxy\.golang\.org(?:,direct)?|direct|sum\.golang\.org)$/;
/** Most `K=V` words of one `go env -w` read. */
const MAX_PAIRS = 16;

function goEnvFindings(argv: readonly string[]): Finding[] {
  if (argv[1] !== 'env' || !argv.includes('-w')) return [];
  const out: Finding[] = [];
  const alternative = 'set the variable on the one command that needs it (GOFLAGS=… go build)';
  const words = argv.slice(2).filter((a) => !a.startsWith('-') && a.includes('='));
  for (const w of words.slice(0, MAX_PAIRS)) {
    const key = w.slice(0, w.indexOf('='));
    const value = w.slice(w.indexOf('=') + 1);
    const what =
      (GO_TOOL_KEYS.test(key) && !/^[\w.+-]+$/.test(value)) || (key === 'GOFLAGS' && GO_FLAG_CODE.test(value))
        ? `go env -w sets ${key} for every later go command, which then runs the program it names`
        : (GO_SOURCE_KEYS.test(key) && !GO_DEFAULT_SOURCES.test(value)) ||
            (key === 'GOFLAGS' && /-insecure\b/.test(value))
          ? `go env -w changes where every later go command fetches modules from, or how it checks them (${key})`
          : undefined;
    if (what) out.push(plantFinding('autorun.package-manager-config', what, value, key, alternative));
  }
  if (words.length > MAX_PAIRS)
    out.push(
      plantFinding(
        'autorun.package-manager-config',
        `go env -w sets more settings than are read (${MAX_PAIRS})`,
        undefined,
        'go env',
        alternative,
      ),
    );
  return out;
}

/** composer settings holding a script, a package source or a safeguard. */
const COMPOSER_KEYS = /^(?:scripts\.|repositories\.|repo\.|secure-http$|allow-plugins|disable-tls$)/;

function composerConfigFindings(argv: readonly string[]): Finding[] {
  const words = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (words[0] !== 'config' || words.length < 3) return [];
  const key = words[1];
  if (!COMPOSER_KEYS.test(key)) return [];
  return [
    plantFinding(
      'autorun.package-manager-config',
      `composer config sets ${key}: every later install runs that script, fetches from that source or loses that check`,
      words.slice(2).join(' '),
      key,
      'edit composer.json where the change can be reviewed',
    ),
  ];
}

function gemSourcesFindings(argv: readonly string[]): Finding[] {
  if (argv[1] !== 'sources') return [];
  const i = argv.findIndex((a) => a === '--add' || a === '-a');
  const source = i > 0 ? argv[i + 1] : undefined;
  if (source === undefined || /^https:\/\/rubygems\.org\/?$/.test(source)) return [];
  return [
    plantFinding(
      'autorun.package-manager-config',
      'gem sources --add makes every later gem install fetch from this source too',
      source,
      'gem sources',
      'pass --source on the one install that needs it',
    ),
  ];
}

/** Bundler settings naming where gems come from (`mirror.SOURCE`, its timeout aside), or turning off a check on them. */
const BUNDLE_KEYS = /^(?:mirror\.(?!.*\.fallback_timeout$).+|ssl_verify_mode|disable_checksum_validation)$/i;
/** `bundle config` verbs that only read or remove a setting. */
const BUNDLE_OTHER_VERBS = new Set(['list', 'get', 'unset']);

/** `bundle config set [--local|--global] KEY VALUE`, and the older `bundle config KEY VALUE`: a mirror every later install fetches from. */
function bundleConfigFindings(argv: readonly string[]): Finding[] {
  if (argv[1] !== 'config' || argv.includes('--delete')) return [];
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  if (BUNDLE_OTHER_VERBS.has(words[0] ?? '')) return [];
  const [key, value] = words[0] === 'set' ? words.slice(1) : words;
  if (key === undefined || value === undefined || !BUNDLE_KEYS.test(key)) return [];
  if (/^mirror\./i.test(key) && knownRegistry(value)) return [];
  return [
    plantFinding(
      'autorun.package-manager-config',
      `bundle config sets ${key}: every later bundle install fetches gems from that source, or stops checking them`,
      value,
      key,
      'pass the source in the Gemfile where the change can be reviewed',
    ),
  ];
}

export function toolchainConfigFindings(cmd: SimpleCommand): Finding[] {
  switch (cmd.argv[0]) {
    case 'go':
      return goEnvFindings(cmd.argv);
    case 'composer':
      return composerConfigFindings(cmd.argv);
    case 'gem':
      return gemSourcesFindings(cmd.argv);
    case 'bundle':
      return bundleConfigFindings(cmd.argv);
  }
  return [];
}
