// What an HTTP client invocation will send: method, URLs and body, for curl,
// wget, httpie/xh, `gh api` and PowerShell's Invoke-RestMethod. Bodies given
// as `@file` are read through the context (bounded); `@-` is the known stdin.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { looksLikeUrl } from './urls';

export interface Body {
  /** The text sent, when known. */
  text?: string;
  /** Where it comes from, for messages (`-d`, `@payload.json`, stdin). */
  source: string;
}

export interface HttpRequest {
  client: string;
  /** Uppercase method; `?` when it is an unresolved expansion. */
  method: string;
  urls: string[];
  bodies: Body[];
  /** Fixed host for clients that have one (`gh api` → api.github.com). */
  defaultHost?: string;
}

const MAX_BODIES = 16;

/** `X-HTTP-Method-Override: DELETE` makes many servers treat a POST as that method. */
const METHOD_OVERRIDE = /^\s*x-(?:http-)?method(?:-override)?\s*:\s*([A-Za-z]+)\s*$/i;

function overriddenMethod(headers: readonly string[]): string | undefined {
  for (const h of headers) {
    const m = METHOD_OVERRIDE.exec(h);
    if (m) return m[1].toUpperCase();
  }
  return undefined;
}

function readAt(value: string, cmd: SimpleCommand, ctx: AnalysisContext, label: string): Body {
  const path = value.slice(1);
  if (path === '-') return { text: cmd.stdin, source: 'stdin' };
  if (!path) return { source: label };
  return { text: ctx.readFile(path, cmd.cwd), source: `@${path}` };
}

// ---- curl ----------------------------------------------------------------

/** curl short options that take a value; a cluster ends at the first of them (`-sXPOST`, `-sSo out`). */
const CURL_SHORT_WITH_VALUE = new Set('bcCdDeEFHKmoPQrtTuUwxXyYzA'.split(''));
const CURL_VALUE_OPTIONS = [
  '-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-ascii',
  '--data-urlencode', '--json', '-F', '--form', '--form-string', '-u', '--user', '-o', '--output',
  '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar', '-T',
  '--upload-file', '-w', '--write-out', '-m', '--max-time', '--connect-timeout', '-x', '--proxy',
  '-U', '--proxy-user', '--cacert', '--capath', '--cert', '-E', '--key', '--key-type', '--cert-type',
  '--resolve', '--connect-to', '--retry', '--retry-delay', '--retry-max-time', '-r', '--range', '-K',
  '--config', '--url', '-z', '--time-cond', '-C', '--continue-at', '--limit-rate', '-Y',
  '--speed-limit', '-y', '--speed-time', '--max-filesize', '--dns-servers', '--interface',
  '--local-port', '--oauth2-bearer', '--unix-socket', '--abstract-unix-socket', '-Q', '--quote',
  '--request-target', '--variable', '--trace', '--trace-ascii', '--stderr', '--output-dir',
  '--aws-sigv4', '--noproxy', '-P', '--ftp-port', '--mail-from', '--mail-rcpt', '--pinnedpubkey',
  '--proto', '--proto-redir', '--tls-max', '--ciphers', '--pass', '--max-redirs', '--parallel-max',
  '-t', '--telnet-option', '--login-options', '-D', '--dump-header', '--etag-save',
  '--etag-compare', '--happy-eyeballs-timeout-ms', '--expect100-timeout', '--keepalive-time',
  '--url-query', '--proxy-header', '--hsts', '--alt-svc', '--netrc-file', '--preproxy',
];

const CURL_VALUE_OPTION_SET = new Set(CURL_VALUE_OPTIONS);

/**
 * Splits curl's clustered short options so the shared option helpers see them:
 * `-sSX POST` → `-s -S -X POST`, `-sXDELETE` → `-s -X DELETE`.
 */
export function expandCurlClusters(argv: readonly string[]): string[] {
  const out: string[] = [argv[0]];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (a.length > 2 && a[0] === '-' && a[1] !== '-') {
      let consumedNext = false;
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        out.push('-' + ch);
        if (CURL_SHORT_WITH_VALUE.has(ch)) {
          if (j + 1 < a.length) out.push(a.slice(j + 1));
          else consumedNext = true;
          break;
        }
      }
      if (consumedNext && i + 1 < argv.length) out.push(argv[++i]);
      continue;
    }
    out.push(a);
    if (CURL_VALUE_OPTION_SET.has(a) && i + 1 < argv.length) out.push(argv[++i]);
  }
  return out;
}

const CURL_DATA = ['-d', '--data', '--data-binary', '--data-ascii', '--data-urlencode', '--json'];

/** `curl -K FILE`: the file holds more options (`url = …`, `request = DELETE`, `-d …`), one per line. */
function curlConfigArgs(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n').slice(0, 256)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(-{0,2}[A-Za-z][\w-]*)\s*(?:[=:]\s*|\s+)?(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1].startsWith('-') ? m[1] : (m[1].length === 1 ? '-' : '--') + m[1];
    out.push(name);
    const value = m[2].trim().replace(/^"(.*)"$/s, '$1');
    if (value) out.push(value);
  }
  return out;
}

function curlRequest(original: SimpleCommand, ctx: AnalysisContext): HttpRequest {
  let cmd = original;
  const config = optionValue(cmd.argv, ['-K', '--config']);
  if (config !== undefined) {
    const text = config === '-' ? cmd.stdin : ctx.readFile(config, cmd.cwd);
    // An unreadable config file may hold any method and URL: say so with an unknown method.
    const extra = text === undefined ? ['-X', '$CURL_CONFIG'] : curlConfigArgs(text);
    cmd = { ...cmd, argv: [...cmd.argv, ...extra], dynamic: [...cmd.dynamic, ...extra.map((e) => e === '$CURL_CONFIG')] };
  }
  const argv = expandCurlClusters(cmd.argv);
  const bodies: Body[] = [];
  for (const v of optionValues(argv, CURL_DATA).slice(0, MAX_BODIES)) {
    // `--data-urlencode name@file` sends the file's content as the field (a GraphQL `query@mutation.graphql`).
    const at = /^[A-Za-z_][\w.-]*@(.+)$/s.exec(v);
    if (at && !v.includes('=')) bodies.push({ text: ctx.readFile(at[1], cmd.cwd), source: `@${at[1]}` });
    else bodies.push(v.startsWith('@') ? readAt(v, cmd, ctx, '-d') : { text: v, source: '-d' });
  }
  for (const v of optionValues(argv, ['--data-raw']).slice(0, MAX_BODIES)) bodies.push({ text: v, source: '--data-raw' });
  for (const v of optionValues(argv, ['-F', '--form', '--form-string']).slice(0, MAX_BODIES)) {
    // `name=value`, `name=@file` (upload), `name=<file` (contents as the field).
    const eq = v.indexOf('=');
    const value = eq === -1 ? v : v.slice(eq + 1);
    bodies.push(value.startsWith('<') ? { text: ctx.readFile(value.slice(1), cmd.cwd), source: `-F ${value}` } : { text: v, source: '-F' });
  }

  let method = overriddenMethod(optionValues(argv, ['-H', '--header'])) ?? optionValue(argv, ['-X', '--request'])?.toUpperCase();
  if (method?.includes('$')) method = '?';
  if (!method) {
    if (hasFlag(argv, ['-G', '--get'])) method = 'GET';
    else if (hasFlag(argv, ['-I', '--head'])) method = 'HEAD';
    else if (bodies.length) method = 'POST';
    else if (optionValue(argv, ['-T', '--upload-file'])) method = 'PUT';
    else method = 'GET';
  }
  const urls = [...positionals(argv, CURL_VALUE_OPTIONS), ...optionValues(argv, ['--url'])];
  return { client: 'curl', method, urls, bodies };
}

// ---- wget ----------------------------------------------------------------

const WGET_VALUE_OPTIONS = [
  '-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-i', '--input-file',
  '-B', '--base', '-e', '--execute', '-t', '--tries', '-T', '--timeout', '-w', '--wait', '-Q',
  '--quota', '-P', '--directory-prefix', '-U', '--user-agent', '-l', '--level', '-A', '--accept',
  '-R', '--reject', '-D', '--domains', '-I', '--include-directories', '-X', '--exclude-directories',
  '--header', '--method', '--body-data', '--body-file', '--post-data', '--post-file', '--user',
  '--password', '--http-user', '--http-password', '--load-cookies', '--save-cookies',
  '--ca-certificate', '--certificate', '--private-key', '--limit-rate', '--referer',
];

function wgetRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest {
  const argv = cmd.argv;
  const bodies: Body[] = [];
  for (const v of optionValues(argv, ['--post-data', '--body-data']).slice(0, MAX_BODIES)) bodies.push({ text: v, source: '--post-data' });
  for (const v of optionValues(argv, ['--post-file', '--body-file']).slice(0, MAX_BODIES)) {
    bodies.push(v === '-' ? { text: cmd.stdin, source: 'stdin' } : { text: ctx.readFile(v, cmd.cwd), source: `@${v}` });
  }
  let method = overriddenMethod(optionValues(argv, ['--header'])) ?? optionValue(argv, ['--method'])?.toUpperCase();
  if (method?.includes('$')) method = '?';
  method ??= bodies.length ? 'POST' : 'GET';
  return { client: 'wget', method, urls: positionals(argv, WGET_VALUE_OPTIONS), bodies };
}

// ---- httpie / xh ---------------------------------------------------------

const HTTPIE_VALUE_OPTIONS = [
  '-a', '--auth', '-A', '--auth-type', '-o', '--output', '-p', '--print', '-P', '--history-print',
  '-s', '--style', '--session', '--session-read-only', '--verify', '--cert', '--cert-key',
  '--cert-key-pass', '--proxy', '--timeout', '--max-redirects', '--pretty', '--format-options',
  '--response-charset', '--response-mime', '--boundary', '--default-scheme', '--ssl', '--ciphers',
  '--raw', '--bearer', '--unix-socket', '--resolve', '--interface', '--http-version', '-m', '--method',
];
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PURGE']);
/** Request item separators, longest first at any position. */
const ITEM = /^([^=:@]*?)(:=@|=@|:=|==|=|@|:)(.*)$/s;

function httpieRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest {
  const argv = cmd.argv;
  const words = positionals(argv, HTTPIE_VALUE_OPTIONS);
  let method: string | undefined = optionValue(argv, ['-m', '--method'])?.toUpperCase();
  let i = 0;
  if (words.length > 1 && HTTP_METHODS.has(words[0].toUpperCase())) {
    method = words[0].toUpperCase();
    i = 1;
  } else if (words.length > 1 && words[0].includes('$') && !looksLikeUrl(words[0])) {
    method = '?';
    i = 1;
  }
  const url = words[i];
  const fields: Record<string, unknown> = {};
  const bodies: Body[] = [];
  let hasData = false;
  for (const item of words.slice(i + 1, i + 1 + 64)) {
    const m = ITEM.exec(item);
    if (!m) continue;
    const [, key, sep, value] = m;
    if (sep === ':' && METHOD_OVERRIDE.test(item)) method = overriddenMethod([item]);
    else if (sep === '=') { fields[key] = value; hasData = true; }
    else if (sep === ':=') { fields[key] = tryJson(value); hasData = true; }
    else if (sep === '=@' || sep === ':=@') { fields[key] = ctx.readFile(value, cmd.cwd) ?? ''; hasData = true; }
    else if (sep === '@') hasData = true;
  }
  if (hasData) bodies.push({ text: JSON.stringify(fields), source: 'request items' });
  const raw = optionValue(argv, ['--raw']);
  if (raw !== undefined) bodies.push({ text: raw, source: '--raw' });
  if (cmd.stdin !== undefined) bodies.push({ text: cmd.stdin, source: 'stdin' });
  else if (cmd.stdinFrom) bodies.push({ source: 'stdin' });
  method ??= bodies.length || hasFlag(argv, ['-f', '--form']) ? 'POST' : 'GET';
  const scheme = argv[0] === 'https' || argv[0] === 'xhs' ? 'https://' : '';
  const urls = url === undefined ? [] : [scheme && !url.includes('://') && !url.startsWith(':') ? scheme + url : url];
  return { client: argv[0], method, urls, bodies };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// ---- gh api --------------------------------------------------------------

const GH_API_VALUE_OPTIONS = [
  '-X', '--method', '-f', '--raw-field', '-F', '--field', '-H', '--header', '--input', '--hostname',
  '-q', '--jq', '-t', '--template', '--cache', '-p', '--preview', '-R', '--repo',
];

function ghApiRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest | undefined {
  const argv = cmd.argv;
  const words = positionals(argv, GH_API_VALUE_OPTIONS);
  if (words[0] !== 'api') return undefined;
  const endpoint = words[1] ?? '';
  const fields: Record<string, string> = {};
  let hasFields = false;
  for (const v of optionValues(argv, ['-f', '--raw-field', '-F', '--field']).slice(0, 64)) {
    const eq = v.indexOf('=');
    if (eq === -1) continue;
    let value = v.slice(eq + 1);
    // `-F query=@file.graphql` reads the file.
    if (value.startsWith('@')) value = readAt(value, cmd, ctx, '-F').text ?? '';
    fields[v.slice(0, eq)] = value;
    hasFields = true;
  }
  const bodies: Body[] = [];
  if (hasFields) bodies.push({ text: JSON.stringify(fields), source: 'fields' });
  const input = optionValue(argv, ['--input']);
  if (input !== undefined) bodies.push(input === '-' ? { text: cmd.stdin, source: 'stdin' } : { text: ctx.readFile(input, cmd.cwd), source: `@${input}` });
  let method = overriddenMethod(optionValues(argv, ['-H', '--header'])) ?? optionValue(argv, ['-X', '--method'])?.toUpperCase();
  if (method?.includes('$')) method = '?';
  method ??= bodies.length ? 'POST' : 'GET';
  const host = optionValue(argv, ['--hostname']) ?? 'api.github.com';
  const url = /^https?:\/\//.test(endpoint) ? endpoint : `https://${host}/${endpoint.replace(/^\//, '')}`;
  return { client: 'gh api', method, urls: [url], bodies, defaultHost: host };
}

// ---- PowerShell ----------------------------------------------------------

/** Invoke-RestMethod / Invoke-WebRequest: `-Method Delete -Uri … -Body …`, names case-insensitive. */
function powershellRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest {
  const argv = cmd.argv;
  let method: string | undefined;
  const urls: string[] = [];
  const bodies: Body[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith('-') ? a.slice(1).toLowerCase().replace(/:$/, '') : undefined;
    const next = argv[i + 1];
    if (name === 'method' && next !== undefined) { method = next.toUpperCase(); i++; }
    else if ((name === 'uri' || name === 'url') && next !== undefined) { urls.push(next); i++; }
    else if (name === 'body' && next !== undefined) { bodies.push({ text: next, source: '-Body' }); i++; }
    else if (name === 'infile' && next !== undefined) { bodies.push({ text: ctx.readFile(next, cmd.cwd), source: `-InFile ${next}` }); i++; }
    else if (name !== undefined && next !== undefined && !next.startsWith('-')) i++;
    else if (name === undefined && looksLikeUrl(a)) urls.push(a);
  }
  if (method?.includes('$')) method = '?';
  method ??= bodies.length ? 'POST' : 'GET';
  return { client: argv[0], method, urls, bodies };
}

export const HTTP_CLIENTS = [
  'curl', 'wget', 'http', 'https', 'xh', 'xhs', 'gh', 'Invoke-RestMethod', 'Invoke-WebRequest',
  'irm', 'iwr', 'invoke-restmethod', 'invoke-webrequest',
] as const;

export function readRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest | undefined {
  switch (cmd.argv[0]) {
    case 'curl': return curlRequest(cmd, ctx);
    case 'wget': return wgetRequest(cmd, ctx);
    case 'http': case 'https': case 'xh': case 'xhs': return httpieRequest(cmd, ctx);
    case 'gh': return ghApiRequest(cmd, ctx);
    case 'Invoke-RestMethod': case 'Invoke-WebRequest': case 'irm': case 'iwr':
    case 'invoke-restmethod': case 'invoke-webrequest':
      return powershellRequest(cmd, ctx);
    default: return undefined;
  }
}
