// A CI step that sends a secret out, or prints it past the log's masking, for
// every CI service and container build: a secret-bearing value (GitHub's
// `${{ secrets.X }}` and `${{ github.token }}`, GitLab's `$CI_JOB_TOKEN`, any
// `$NAME` named as a secret, a variable the file sets to one) sent by curl,
// wget, httpie, nc or a `/dev/tcp` redirect to a host that is not the
// service's own API; encoded (base64, xxd, rev, tr, …) or cut into characters
// where the log shows it, which the masking of the value itself misses; and
// the whole environment dumped into a send or an encoder. A tool that uses the
// credentials it is given (`docker login`, `npm publish`, `aws s3 sync`) sends
// nothing of its own accord, and a token sent to its own service is its use.
// Only lines the change adds are read.
import type { Finding } from '../../types';
import { isEnvDump } from '../common/environmentNames';
import { finding } from '../common/finding';
import { isLocalHost, parseUrl } from '../common/urls';
import { pipelineCommands, type PipelineKind } from './formats';
import { pipelinesOf, secretIn, unquoted, variableTable, type Stage, type VariableTable } from './ciShell';

/** Step lines read per change: a long workflow has a few hundred. */
const MAX_CANDIDATES = 512;

/** Each CI service's own API and registry: a token it issues is used there, not leaked. */
interface OwnApi {
  service: string;
  hosts: readonly string[];
  /** Variables (and GitHub expressions) the runner sets to those hosts' URLs. */
  urlVars: readonly string[];
}
const OWN_API: Partial<Record<PipelineKind, OwnApi>> = {
  'github-actions': {
    service: 'GitHub',
    hosts: ['api.github.com', 'uploads.github.com', 'ghcr.io'],
    urlVars: ['GITHUB_API_URL', 'GITHUB_SERVER_URL', 'GITHUB_GRAPHQL_URL', 'github.api_url', 'github.server_url'],
  },
  'gitlab-ci': {
    service: 'GitLab',
    hosts: ['gitlab.com', 'registry.gitlab.com'],
    urlVars: [
      'CI_SERVER_URL',
      'CI_API_V4_URL',
      'CI_API_GRAPHQL_URL',
      'CI_REGISTRY',
      'CI_SERVER_HOST',
      'CI_SERVER_FQDN',
      'CI_PROJECT_URL',
      'CI_DEPENDENCY_PROXY_SERVER',
    ],
  },
  bitbucket: { service: 'Bitbucket', hosts: ['api.bitbucket.org'], urlVars: [] },
  circleci: { service: 'CircleCI', hosts: ['circleci.com'], urlVars: [] },
  buildkite: {
    service: 'Buildkite',
    hosts: ['api.buildkite.com', 'agent.buildkite.com', 'graphql.buildkite.com'],
    urlVars: [],
  },
  'azure-pipelines': {
    service: 'Azure DevOps',
    hosts: ['dev.azure.com', 'visualstudio.com'],
    urlVars: ['SYSTEM_COLLECTIONURI', 'SYSTEM_TEAMFOUNDATIONCOLLECTIONURI', 'System.CollectionUri'],
  },
  ci: {
    service: "the CI service's",
    hosts: ['api.travis-ci.com', 'api.travis-ci.org', 'ci.appveyor.com', 'api.cirrus-ci.com', 'api.codemagic.io'],
    urlVars: [],
  },
};

/** A token named for a forge, used with that forge's API from any CI (a release published from another service). */
const NAMED_FOR: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/^(?:secrets\.)?(?:GITHUB|GH)_/i, ['api.github.com', 'uploads.github.com', 'ghcr.io']],
  [/^(?:secrets\.)?GITLAB_/i, ['gitlab.com']],
  [/^(?:secrets\.)?BITBUCKET_/i, ['api.bitbucket.org']],
];

/**
 * Kinds whose steps run on a CI service's runner, a hosting service's builder or in a container, with the
 * secrets they are given. Make, task tables, runner configs, dev containers and git hooks run on this machine,
 * where a token sent to its service is everyday work; the engine judges those lines as it judges a command here.
 */
const READ_KINDS: ReadonlySet<PipelineKind> = new Set([
  'github-actions',
  'gitlab-ci',
  'circleci',
  'buildkite',
  'azure-pipelines',
  'bitbucket',
  'ci',
  'hosting',
  'dockerfile',
  'compose',
]);

/** Programs that send what they are given (words, stdin) to a host. */
const URL_SENDERS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'curlie', 'httpie']);
const SOCKET_SENDERS = new Set(['nc', 'ncat', 'netcat', 'telnet', 'socat']);
/** Options of those whose value is the next word (never the URL). */
const VALUE_OPTIONS =
  /^(?:-[dHuFoXAebcTxwEKmUz]|--(?:data[\w-]*|header|user|form[\w-]*|output|request|user-agent|referer|cookie[\w-]*|upload-file|proxy[\w-]*|write-out|json|config|max-time|connect-timeout|retry[\w-]*|post-data|post-file|body-data|body-file|password|http-user|http-password|auth|auth-type|method|cert|key|cacert|resolve|connect-to))$/;
/** wget's own: `-O FILE` names the output, where curl's `-O` takes nothing. */
const WGET_VALUE_OPTIONS = /^-[OoaPiUtTwe]$/;
const NC_VALUE_OPTIONS = /^-[pswqiecxXP]$/;

/** Programs whose output no longer matches the secret the log masks. */
const ENCODERS = new Set([
  'base64',
  'base32',
  'basenc',
  'xxd',
  'od',
  'hexdump',
  'hd',
  'rev',
  'tr',
  'sed',
  'awk',
  'cut',
  'fold',
  'iconv',
  'openssl',
  'gzip',
]);
/** Programs that pass what they read on to their output as it is. */
const PASS_THROUGH = new Set(['cat', 'tee', 'head', 'tail', 'sort', 'uniq']);

interface Reading {
  kind: PipelineKind;
  own: OwnApi | undefined;
  vars: VariableTable;
}

/** The first added step line that sends or shows a secret, as a finding. */
export function ciSecretFinding(
  kind: PipelineKind,
  added: readonly string[],
  after: string,
  before: string | undefined,
  rel: string,
): Finding | undefined {
  if (!READ_KINDS.has(kind)) return undefined;
  // Most changes add no line that names a variable, dumps the environment or reads a build secret: nothing to follow.
  if (!added.some((l) => MAY_EXPOSE.test(l))) return undefined;
  const vars = variableTable(after);
  const reading: Reading = { kind, own: OWN_API[kind], vars };
  const had = before === undefined ? undefined : variableTable(before).secret;
  // A variable the change sets to a secret: the steps that already read it now send or show the secret.
  const newly = had ? [...vars.secret].filter((n) => !had.has(n)) : [];
  for (const line of candidateLines(kind, added, after, before, rel, newly)) {
    const why = lineFinding(line, reading);
    if (why)
      return finding(
        'autorun.ci-secret-exposed',
        60,
        `${rel} ${why} (${line.trim().replace(/\s+/g, ' ').slice(0, 100)})`,
        rel,
        'pass secrets to the tools that need them through their environment, and send them only to their own service',
      );
  }
  return undefined;
}

/**
 * The step lines a change adds: each new command's lines (continuations joined) that the file had not, and the added
 * lines themselves with any YAML key in front (a step's `with:` input, a list item of a key the reader does not know).
 */
function candidateLines(
  kind: PipelineKind,
  added: readonly string[],
  after: string,
  before: string | undefined,
  file: string,
  newlySecret: readonly string[],
): string[] {
  const logical = (text: string | undefined) =>
    text === undefined
      ? []
      : pipelineCommands(kind, text, file).commands.flatMap((c) => c.replace(/\\\r?\n\s*/g, ' ').split('\n'));
  const had = new Set(logical(before).map((l) => l.trim()));
  const reads = (l: string) => newlySecret.some((n) => new RegExp(`\\$\\{?${n}\\b|\\benv\\.${n}\\b`).test(l));
  const out = logical(after).filter((l) => l.trim() && (!had.has(l.trim()) || reads(l)));
  for (const raw of added) {
    const t = raw.trim();
    if (!t || t.startsWith('#')) continue;
    out.push(t.replace(/^(?:-\s+)?(?:[\w.-]+\s*:\s+)?/, '').replace(/^(["'])(.*)\1$/, '$2'));
  }
  return out.slice(0, MAX_CANDIDATES);
}

const MAY_EXPOSE = /\$|\b(?:env|printenv|set|export|declare|typeset)\b|\/proc\/|\/run\/secrets\//;

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh']);

/** What a line does with a secret, said for a human; undefined when it keeps them. `sh -c '…'` is read as its line. */
function lineFinding(line: string, r: Reading, depth = 0): string | undefined {
  if (!/[$/]|\benv\b|\bset\b|\bexport\b|\bprintenv\b|\bdeclare\b/.test(line)) return undefined;
  for (const stages of pipelinesOf(line)) {
    const why = pipelineFinding(stages, r);
    if (why) return why;
    for (const s of depth < 2 ? stages : []) {
      const c = s.words.findIndex((w) => /^-[a-z]*c$/.test(w));
      if (!SHELLS.has(s.program) || c < 1 || c + 1 >= s.words.length) continue;
      const inner = lineFinding(unquoted(s.words[c + 1]), r, depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

function pipelineFinding(stages: readonly Stage[], r: Reading): string | undefined {
  // What flows along the pipe: a secret's name, or the whole environment.
  let carried: string | undefined;
  let encoded: string | undefined;
  for (let k = 0; k < stages.length; k++) {
    const s = stages[k];
    const dests = destinations(s, r);
    // Its words, and what it reads from a here-string or a file (`base64 <<< "$T"`, `< /run/secrets/key`).
    const inWords = [...s.words.slice(1), ...s.redirects.filter((x) => x.op.startsWith('<')).map((x) => x.target)]
      .filter((w) => !dests.skipped.has(w))
      .map((w) => secretIn(w, r.vars.secret))
      .find((x) => x !== undefined);
    const held =
      (isEnvDump(s.words.map(unquoted)) || dumpsEnvironment(s) ? 'the whole environment' : undefined) ?? inWords;
    const payload = carried ?? held;
    const foreign = payload ? dests.hosts.find((h) => isForeign(h, payload, r)) : undefined;
    if (payload && foreign) return `sends ${what(payload)} to ${foreign}, ${ownSaid(r)}`;
    if (ENCODERS.has(s.program) && payload) encoded = payload;
    else if (encoded && !PASS_THROUGH.has(s.program)) encoded = undefined;
    if (!encoded && /^(?:echo|printf)$/.test(s.program) && splitIntoCharacters(s, r)) encoded = held;
    carried = s.program === '' || /^(?:true|:)$/.test(s.program) ? carried : payload;
    if (carried && s.redirects.some((x) => /^\d*>>?$|^&>$/.test(x.op) && x.target)) carried = undefined;
  }
  const last = stages[stages.length - 1];
  // Shown: the encoded secret reaches the log, not a file or a program that uses it.
  const toFile = last?.redirects.some(
    (x) => /^1?>>?$|^&>$/.test(x.op) && x.target && !/^\/dev\/std(?:out|err)$/.test(x.target),
  );
  return encoded && !toFile
    ? `prints ${what(encoded)} encoded or cut up (${last?.program}), which the log's masking of the value does not catch`
    : undefined;
}

const what = (payload: string) => (/^(?:the|every) |\./.test(payload) ? payload : `$${payload}`);
const ownSaid = (r: Reading) => (r.own ? `not ${r.own.service}'s own API` : 'another host');

/** `cat /proc/self/environ`, `curl -d "$(env)"`, `strings /proc/1/environ`: the environment read as text. */
function dumpsEnvironment(s: Stage): boolean {
  return s.words.some(
    (w) =>
      /\/proc\/(?:self|\$\$|\$BASHPID|\d+|\*)\/environ\b/.test(w) ||
      /\$\(\s*(?:env|printenv|set|export\s+-p|declare\s+-[px])\s*\)|`\s*(?:env|printenv)\s*`/.test(w),
  );
}

/** `${TOKEN:$i:1}`, `${TOKEN:0:1}` in a loop: one character at a time, which the masking of the whole never matches. */
function splitIntoCharacters(s: Stage, r: Reading): boolean {
  for (const w of s.words) {
    const m = /\$\{([A-Za-z_]\w*):[^}:]*:\s*1\s*\}/.exec(w);
    if (m && secretIn(`$${m[1]}`, r.vars.secret)) return true;
  }
  return false;
}

/**
 * The hosts a stage sends to, and its destination words that are a variable (a URL the secret itself holds is no
 * payload).
 */
function destinations(s: Stage, r: Reading): { hosts: string[]; skipped: Set<string> } {
  const skipped = new Set<string>();
  const hosts: string[] = [];
  for (const x of s.redirects) {
    const tcp = /^\/dev\/(?:tcp|udp)\/([^/\s]+)/.exec(unquoted(x.target));
    if (tcp) hosts.push(tcp[1]);
  }
  const words = s.words;
  if (URL_SENDERS.has(s.program)) {
    for (let i = 1; i < words.length; i++) {
      const w = unquoted(words[i]);
      if (VALUE_OPTIONS.test(w) || (s.program === 'wget' && WGET_VALUE_OPTIONS.test(w))) {
        i++;
        continue;
      }
      if (w === '--url' && i + 1 < words.length) {
        i++;
        destination(words[i], r, hosts, skipped);
        continue;
      }
      if (w.startsWith('-') || /^[\w-]+(?:==|:=|=|@)/.test(w) || /^[\w-]+:(?!\/\/|\d)/.test(w)) continue;
      destination(words[i], r, hosts, skipped);
    }
  } else if (SOCKET_SENDERS.has(s.program)) {
    for (let i = 1; i < words.length; i++) {
      const w = unquoted(words[i]);
      if (NC_VALUE_OPTIONS.test(w)) i++;
      else if (s.program === 'socat') {
        const m = /^(?:tcp|tcp4|tcp6|udp|udp4|udp6|openssl|ssl)(?:-connect)?:([^:,\s]+)/i.exec(w);
        if (m) hosts.push(m[1]);
      } else if (!w.startsWith('-')) {
        destination(words[i], r, hosts, skipped);
        break;
      }
    }
  }
  return { hosts, skipped };
}

/** One destination word: its host when known, else nothing (a URL held in a CI setting is the project's own). */
function destination(word: string, r: Reading, hosts: string[], skipped: Set<string>): void {
  let w = unquoted(word);
  const ref = /^\$(?:\{\{\s*([\w.]+)\s*\}\}|\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*)|\(\s*([\w.]+)\s*\))/.exec(w);
  if (ref) {
    skipped.add(word);
    const name = ref[1] ?? ref[2] ?? ref[3] ?? ref[4];
    if (r.own?.urlVars.includes(name)) return;
    const literal = r.vars.literal.get(name);
    if (literal === undefined) return;
    w = literal + w.slice(ref[0].length);
  } else if (w.startsWith('$')) {
    skipped.add(word);
    return;
  }
  const host = parseUrl(w)?.host;
  if (host) hosts.push(host);
}

/** Neither this runner, its service containers (one-label names), the service's own API, nor the token's forge. */
function isForeign(host: string, payload: string, r: Reading): boolean {
  const h = host.toLowerCase();
  if (isLocalHost(h) || !h.includes('.')) return false;
  const named = NAMED_FOR.find(([re]) => re.test(payload))?.[1] ?? [];
  return ![...(r.own?.hosts ?? []), ...named].some((o) => h === o || h.endsWith(`.${o}`));
}
