// Where a CI step sends what it holds: the hosts a sender reaches (curl, wget,
// httpie, nc, socat, a `/dev/tcp` redirect or a descriptor `exec` opened to
// one, git's remote URLs), and, for an HTTP request, whether a secret rides as
// content (the body, a form field, the URL's path or query) rather than as the
// credential (an auth header, `-u`, a token field, the URL's user). A service
// uses a token it is given as the credential; what it is sent as content it
// keeps, and shows to whoever reads the issue, comment or variable made.
// Also each CI service's own API and git host, where its tokens are used.
import { CURL_SHORT_WITH_VALUE } from '../../command/valueOptions';
import { isLocalHost, parseUrl } from '../common/urls';
import type { PipelineKind } from './formats';
import { unquoted, type Stage, type VariableTable } from './ciShell';
import { forgeCliSends } from './ciForgeCli';

/** Each CI service's own API, registry and git host: a token it issues is used there, not leaked. */
export interface OwnApi {
  service: string;
  hosts: readonly string[];
  /** Where its repositories are pushed and fetched. */
  gitHosts: readonly string[];
  /** Variables (and GitHub expressions) the runner sets to those hosts' URLs. */
  urlVars: readonly string[];
}
/** The public forges a service with no git host of its own builds from. */
const FORGES = ['github.com', 'gitlab.com', 'bitbucket.org'];
export const OWN_API: Partial<Record<PipelineKind, OwnApi>> = {
  'github-actions': {
    service: 'GitHub',
    hosts: ['api.github.com', 'uploads.github.com', 'ghcr.io'],
    gitHosts: ['github.com'],
    urlVars: ['GITHUB_API_URL', 'GITHUB_SERVER_URL', 'GITHUB_GRAPHQL_URL', 'github.api_url', 'github.server_url'],
  },
  'gitlab-ci': {
    service: 'GitLab',
    hosts: ['gitlab.com', 'registry.gitlab.com'],
    gitHosts: ['gitlab.com'],
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
  bitbucket: { service: 'Bitbucket', hosts: ['api.bitbucket.org'], gitHosts: ['bitbucket.org'], urlVars: [] },
  circleci: { service: 'CircleCI', hosts: ['circleci.com'], gitHosts: FORGES, urlVars: [] },
  buildkite: {
    service: 'Buildkite',
    hosts: ['api.buildkite.com', 'agent.buildkite.com', 'graphql.buildkite.com'],
    gitHosts: FORGES,
    urlVars: [],
  },
  'azure-pipelines': {
    service: 'Azure DevOps',
    hosts: ['dev.azure.com', 'visualstudio.com'],
    gitHosts: ['dev.azure.com', 'visualstudio.com'],
    urlVars: ['SYSTEM_COLLECTIONURI', 'SYSTEM_TEAMFOUNDATIONCOLLECTIONURI', 'System.CollectionUri'],
  },
  ci: {
    service: "the CI service's",
    hosts: ['api.travis-ci.com', 'api.travis-ci.org', 'ci.appveyor.com', 'api.cirrus-ci.com', 'api.codemagic.io'],
    gitHosts: FORGES,
    urlVars: [],
  },
};

/** A token named for a forge, used with that forge's API and git host from any CI (a release published elsewhere). */
const NAMED_FOR: ReadonlyArray<[RegExp, readonly string[], readonly string[]]> = [
  [/^(?:secrets\.)?(?:GITHUB|GH)_/i, ['api.github.com', 'uploads.github.com', 'ghcr.io'], ['github.com']],
  [/^(?:secrets\.)?GITLAB_/i, ['gitlab.com'], ['gitlab.com']],
  [/^(?:secrets\.)?BITBUCKET_/i, ['api.bitbucket.org'], ['bitbucket.org']],
];

export interface Reading {
  kind: PipelineKind;
  own: OwnApi | undefined;
  vars: VariableTable;
  /** Descriptors the step opened to the network (`exec 3<>/dev/tcp/h/80`, `exec {fd}>…`), by number or name. */
  sockets: ReadonlyMap<string, string>;
  /** Files the step writes a secret into, by path. */
  secretFiles?: ReadonlyMap<string, string>;
}

/** Programs that send what they are given (words, stdin) to a host. */
const URL_SENDERS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'curlie', 'httpie']);
const SOCKET_SENDERS = new Set(['nc', 'ncat', 'netcat', 'telnet', 'socat']);
/** Options of those whose value is the next word (never the URL). */
const VALUE_OPTIONS =
  /^(?:-[dHuFoXAebcTxwEKmUz]|--(?:data[\w-]*|header|user|form[\w-]*|output|request|user-agent|referer|cookie[\w-]*|upload-file|proxy[\w-]*|write-out|json|config|max-time|connect-timeout|retry[\w-]*|post-data|post-file|body-data|body-file|password|http-user|http-password|auth|auth-type|method|cert|key|cacert|resolve|connect-to|url-query))$/;
/** wget's own: `-O FILE` names the output, where curl's `-O` takes nothing. */
const WGET_VALUE_OPTIONS = /^-[OoaPiUtTwe]$/;
const NC_VALUE_OPTIONS = /^-[pswqiecxXP]$/;
/** Options whose value is the request's content: its body, a form field, a file uploaded, a query added. */
const CONTENT_OPTIONS =
  /^(?:-[dFT]|--(?:data[\w-]*|form[\w-]*|json|upload-file|post-data|post-file|body-data|body-file|url-query))$/;
/** A field that carries the credential (`-F token=…`, `?private_token=…`), which its own API takes as one. */
const CREDENTIAL_FIELD =
  /^(?:[\w.-]*[_.-])?(?:token|password|passwd|pass|secret|key|auth|authorization|credentials?|jwt)$/i;
/** httpie's request items: `a==query`, `a=data`, `a:=json`, `a@file` (content), `A:header` (not). */
const HTTPIE_ITEM = /^([\w.[\]-]+)(==|:=@?|=@?|@)/;

/** Where a stage sends: hosts named, git hosts, own-API variables, and the first secret it sends as content. */
export interface Sends {
  hosts: string[];
  gitHosts: string[];
  /** Destinations given as the service's own URL variable (`$CI_API_V4_URL/…`), by that name. */
  ownVars: string[];
  /** Destination words that are a variable: a URL the secret itself holds is no payload. */
  skipped: Set<string>;
  content: string | undefined;
  /** It sends what it reads on stdin as the body (`-d @-`, httpie): what the pipe carries is content. */
  stdinContent: boolean;
  /** What keeps the content when a forge's CLI sends it (`gh issue create`), said for a human. */
  carrier?: string;
}

/** The destinations of one stage; `secretOf` names the secret (or the environment) a piece of a word holds. */
export function destinations(s: Stage, r: Reading, secretOf: (text: string) => string | undefined): Sends {
  const out: Sends = {
    hosts: [],
    gitHosts: [],
    ownVars: [],
    skipped: new Set(),
    content: undefined,
    stdinContent: false,
  };
  const asContent = (text: string) => {
    out.content ??= secretOf(text);
  };
  // A content option's value: its fields, and whether it is what the stage reads on stdin (`-d @-`).
  const content = (value: string, upload = false) => {
    if (/^(?:@-|-|@\/dev\/stdin|[^=]*=[@<]-)$/.test(value)) out.stdinContent = true;
    // `-d @notes.txt`, `-F f=@notes.txt`, `-T notes.txt`: a file the step wrote a secret into is sent whole.
    const file = upload ? value : /^(?:[\w.[\]-]*=)?[@<](.+)$/.exec(value)?.[1];
    if (file !== undefined) out.content ??= r.secretFiles?.get(file);
    fields(value, asContent);
  };
  for (const x of s.redirects) {
    const tcp = /^\/dev\/(?:tcp|udp)\/([^/\s]+)/.exec(unquoted(x.target));
    if (tcp) out.hosts.push(tcp[1]);
    // `>&3`, `1>&$fd`: written to a descriptor the step opened to the network.
    const fd = /^\d*>&(\d+)?$/.exec(x.op);
    const key = fd?.[1] ?? (fd ? /^\$\{?([A-Za-z_]\w*)\}?$/.exec(unquoted(x.target))?.[1] : undefined);
    const host = key === undefined ? undefined : r.sockets.get(key);
    if (host) out.hosts.push(host);
  }
  const words = s.words;
  if (URL_SENDERS.has(s.program)) {
    const httpie = s.program !== 'curl' && s.program !== 'wget';
    out.stdinContent = httpie && !words.some((w) => /^(?:-I|--ignore-stdin)$/.test(unquoted(w)));
    for (let i = 1; i < words.length; i++) {
      const w = unquoted(words[i]);
      // curl's letters in one word (`-sd DATA`, `-d$DATA`, `-sSLd@-`): up to the first that takes a value, whose
      // value is the rest of the word, else the next word.
      if (s.program === 'curl' && w.length > 2 && w[0] === '-' && w[1] !== '-') {
        const k = [...w.slice(1)].findIndex((c) => CURL_SHORT_WITH_VALUE.has(c)) + 1;
        if (k === 0) continue;
        const value = k + 1 < w.length ? w.slice(k + 1) : i + 1 < words.length ? unquoted(words[++i]) : undefined;
        if (value !== undefined && CONTENT_OPTIONS.test(`-${w[k]}`)) content(value, w[k] === 'T');
        continue;
      }
      const joined = /^(--[\w-]+)=([\s\S]*)$/.exec(w);
      const takesValue = VALUE_OPTIONS.test(w) || (s.program === 'wget' && WGET_VALUE_OPTIONS.test(w));
      const option = joined?.[1] ?? (takesValue ? w : undefined);
      const value = joined ? joined[2] : takesValue && i + 1 < words.length ? unquoted(words[++i]) : undefined;
      if (option === '--url' && value !== undefined) {
        destination(words[i], r, out, asContent);
        continue;
      }
      if (option !== undefined) {
        if (value !== undefined && CONTENT_OPTIONS.test(option) && !(s.program === 'wget' && option === '-T'))
          content(value, /^(?:-T|--upload-file|--post-file|--body-file)$/.test(option));
        continue;
      }
      if (w.startsWith('-')) continue;
      const item = httpie ? HTTPIE_ITEM.exec(w) : null;
      if (item) {
        if (!CREDENTIAL_FIELD.test(item[1])) asContent(w.slice(item[0].length));
        continue;
      }
      if (/^[\w-]+(?:==|:=|=|@)/.test(w) || /^[\w-]+:(?!\/\/|\d)/.test(w)) continue;
      destination(words[i], r, out, asContent);
    }
  } else if (SOCKET_SENDERS.has(s.program)) {
    for (let i = 1; i < words.length; i++) {
      const w = unquoted(words[i]);
      if (NC_VALUE_OPTIONS.test(w)) i++;
      else if (s.program === 'socat') {
        const m = /^(?:tcp|tcp4|tcp6|udp|udp4|udp6|openssl|ssl)(?:-connect)?:([^:,\s]+)/i.exec(w);
        if (m) out.hosts.push(m[1]);
      } else if (!w.startsWith('-')) {
        destination(words[i], r, out, () => undefined);
        break;
      }
    }
  } else if (s.program === 'gh' || s.program === 'glab') {
    const sent = forgeCliSends(s, secretOf, r.secretFiles ?? new Map());
    if (sent) {
      out.hosts.push(sent.host);
      out.content = sent.content;
      out.stdinContent = sent.stdin;
      out.carrier = sent.carrier;
    }
  } else if (s.program === 'git') {
    // A remote's URL anywhere on the line (`push URL`, `remote add x URL`, `config url.URL.insteadOf …`).
    for (const word of words.slice(1, 64)) {
      const w = unquoted(word);
      const at = w.search(/[a-z][\w+.-]*:\/\//i);
      const url = at === -1 ? undefined : readUrl(w.slice(at), r);
      if (url?.host) out.gitHosts.push(url.host);
    }
  }
  return out;
}

/** `a=1&token=$T` (or one form field): a secret in a field that is not the credential's is content. */
function fields(value: string, asContent: (text: string) => void): void {
  for (const part of value.split('&', 32)) {
    const field = /^([\w.[\]-]+)=/.exec(part);
    if (!field || !CREDENTIAL_FIELD.test(field[1])) asContent(part);
  }
}

/** One destination word: its host when known, else nothing (a URL held in a CI setting is the project's own). */
function destination(word: string, r: Reading, out: Sends, asContent: (text: string) => void): void {
  const url = readUrl(unquoted(word), r);
  if (!url) return;
  if (url.variable) out.skipped.add(word);
  if (url.host) out.hosts.push(url.host);
  else if (url.ownVar) out.ownVars.push(url.ownVar);
  else return;
  // The path and the query's fields are content; the URL's user, the credential.
  const q = url.rest.indexOf('?');
  asContent(q === -1 ? url.rest : url.rest.slice(0, q));
  if (q !== -1) fields(url.rest.slice(q + 1).replace(/#.*$/, ''), asContent);
}

const URL_REF = /^\$(?:\{\{\s*([\w.]+)\s*\}\}|\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*)|\(\s*([\w.]+)\s*\))/;

/**
 * A URL's host (or the service's own URL variable it starts from) and what follows its authority. A variable the
 * file sets to a URL is read as that URL; one it does not set is a CI setting, neither host nor own.
 */
function readUrl(
  w: string,
  r: Reading,
  depth = 0,
): { host?: string; ownVar?: string; variable?: boolean; rest: string } | undefined {
  // A GitHub expression holds spaces and dots: masked to keep its place while the URL is cut up.
  const masked = w.replace(/\$\{\{[^}]*\}\}/g, (m) => '_'.repeat(m.length));
  const scheme = /^[a-z][\w+.-]*:\/\//i.exec(masked)?.[0].length ?? 0;
  const cut = masked.slice(scheme).search(/[/?#]/);
  const authorityEnd = cut === -1 ? w.length : scheme + cut;
  const user = masked.lastIndexOf('@', authorityEnd - 1);
  const hostAt = user >= scheme ? user + 1 : scheme;
  const ref = URL_REF.exec(w.slice(hostAt));
  if (ref) {
    const name = ref[1] ?? ref[2] ?? ref[3] ?? ref[4];
    const rest = w.slice(hostAt + ref[0].length);
    if (r.own?.urlVars.includes(name)) return { ownVar: name, variable: true, rest };
    const literal = r.vars.literal.get(name);
    if (literal === undefined || depth > 0) return { variable: true, rest: '' };
    const resolved = readUrl(literal + rest, r, depth + 1);
    return resolved && { ...resolved, variable: true };
  }
  if (w[hostAt] === '$') return { variable: true, rest: '' };
  const host = parseUrl(masked.slice(0, scheme) + masked.slice(hostAt))?.host;
  return host ? { host, rest: w.slice(authorityEnd) } : undefined;
}

/** Neither this runner, its service containers (one-label names), the service's own host, nor the token's forge. */
export function isForeign(host: string, payload: string, r: Reading, git = false): boolean {
  const h = host.toLowerCase();
  if (!isRemote(h)) return false;
  const named = NAMED_FOR.find(([re]) => re.test(payload));
  const own = git
    ? [...(r.own?.gitHosts ?? FORGES), ...(named?.[2] ?? [])]
    : [...(r.own?.hosts ?? []), ...(named?.[1] ?? [])];
  return !own.some((o) => h === o || h.endsWith(`.${o}`));
}

/** A host off this runner and its service containers. */
export const isRemote = (host: string): boolean => !isLocalHost(host.toLowerCase()) && host.includes('.');

/** The descriptors a step's commands open to the network with `exec` (a program-less stage), and their hosts. */
export function socketsOf(pipelines: readonly Stage[][]): Map<string, string> {
  const out = new Map<string, string>();
  for (const stages of pipelines)
    for (const s of stages) {
      if (s.program !== '') continue;
      for (const x of s.redirects) {
        const fd = /^(?:(\d+)|\{([A-Za-z_]\w*)\})(?:<>|>>?|>\|)$/.exec(x.op);
        const tcp = /^\/dev\/(?:tcp|udp)\/([^/\s]+)/.exec(unquoted(x.target));
        if (fd && tcp && out.size < 16) out.set(fd[1] ?? fd[2], tcp[1]);
      }
    }
  return out;
}
