// The request wget, HTTPie, gh api and PowerShell's web cmdlets make.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { looksLikeUrl } from './urls';
import { table } from '../../text/own';
import {
  bodiesPastBound,
  MAX_BODIES,
  readAt,
  overriddenMethod,
  METHOD_OVERRIDE,
  type HttpRequest,
  type Body,
} from './requestParts';

// ---- wget ----------------------------------------------------------------

const WGET_VALUE_OPTIONS = [
  '-O',
  '--output-document',
  '-o',
  '--output-file',
  '-a',
  '--append-output',
  '-i',
  '--input-file',
  '-B',
  '--base',
  '-e',
  '--execute',
  '-t',
  '--tries',
  '-T',
  '--timeout',
  '-w',
  '--wait',
  '-Q',
  '--quota',
  '-P',
  '--directory-prefix',
  '-U',
  '--user-agent',
  '-l',
  '--level',
  '-A',
  '--accept',
  '-R',
  '--reject',
  '-D',
  '--domains',
  '-I',
  '--include-directories',
  '-X',
  '--exclude-directories',
  '--header',
  '--method',
  '--body-data',
  '--body-file',
  '--post-data',
  '--post-file',
  '--user',
  '--password',
  '--http-user',
  '--http-password',
  '--load-cookies',
  '--save-cookies',
  '--ca-certificate',
  '--certificate',
  '--private-key',
  '--limit-rate',
  '--referer',
];

export function wgetRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest {
  const argv = cmd.argv;
  const bodies: Body[] = [];
  const data = optionValues(argv, ['--post-data', '--body-data']);
  const files = optionValues(argv, ['--post-file', '--body-file']);
  for (const v of data.slice(0, MAX_BODIES)) bodies.push({ text: v, source: '--post-data' });
  for (const v of files.slice(0, MAX_BODIES)) {
    bodies.push(v === '-' ? { text: cmd.stdin, source: 'stdin' } : { text: ctx.readFile(v, cmd.cwd), source: `@${v}` });
  }
  let method = overriddenMethod(optionValues(argv, ['--header'])) ?? optionValue(argv, ['--method'])?.toUpperCase();
  if (method?.includes('$')) method = '?';
  method ??= bodies.length ? 'POST' : 'GET';
  const request: HttpRequest = { client: 'wget', method, urls: positionals(argv, WGET_VALUE_OPTIONS), bodies };
  const unread = bodiesPastBound(data, files);
  return unread ? { ...request, unread } : request;
}

// ---- httpie / xh ---------------------------------------------------------

const HTTPIE_VALUE_OPTIONS = [
  '-a',
  '--auth',
  '-A',
  '--auth-type',
  '-o',
  '--output',
  '-p',
  '--print',
  '-P',
  '--history-print',
  '-s',
  '--style',
  '--session',
  '--session-read-only',
  '--verify',
  '--cert',
  '--cert-key',
  '--cert-key-pass',
  '--proxy',
  '--timeout',
  '--max-redirects',
  '--pretty',
  '--format-options',
  '--response-charset',
  '--response-mime',
  '--boundary',
  '--default-scheme',
  '--ssl',
  '--ciphers',
  '--raw',
  '--bearer',
  '--unix-socket',
  '--resolve',
  '--interface',
  '--http-version',
  '-m',
  '--method',
];

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PURGE']);

/** Request item separators, longest first at any position. */
const ITEM = /^([^=:@]*?)(:=@|=@|:=|==|=|@|:)(.*)$/s;

export function httpieRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest {
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
  const fields = table<unknown>();
  const bodies: Body[] = [];
  let hasData = false;
  for (const item of words.slice(i + 1, i + 1 + 64)) {
    const m = ITEM.exec(item);
    if (!m) continue;
    const [, key, sep, value] = m;
    if (sep === ':' && METHOD_OVERRIDE.test(item)) method = overriddenMethod([item]);
    else if (sep === '=') {
      fields[key] = value;
      hasData = true;
    } else if (sep === ':=') {
      fields[key] = tryJson(value);
      hasData = true;
    } else if (sep === '=@' || sep === ':=@') {
      fields[key] = ctx.readFile(value, cmd.cwd) ?? '';
      hasData = true;
    } else if (sep === '@') hasData = true;
  }
  if (hasData) bodies.push({ text: JSON.stringify(fields), source: 'request items' });
  const raw = optionValue(argv, ['--raw']);
  if (raw !== undefined) bodies.push({ text: raw, source: '--raw' });
  if (cmd.stdin !== undefined) bodies.push({ text: cmd.stdin, source: 'stdin' });
  else if (cmd.stdinFrom) bodies.push({ source: 'stdin' });
  method ??= bodies.length || hasFlag(argv, ['-f', '--form']) ? 'POST' : 'GET';
  const scheme = argv[0] === 'https' || argv[0] === 'xhs' ? 'https://' : '';
  const urls = url === undefined ? [] : [scheme && !url.includes('://') && !url.startsWith(':') ? scheme + url : url];
  const socket = optionValue(argv, ['--unix-socket']);
  return { client: argv[0], method, urls, bodies, ...(socket !== undefined ? { socket } : {}) };
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
  '-X',
  '--method',
  '-f',
  '--raw-field',
  '-F',
  '--field',
  '-H',
  '--header',
  '--input',
  '--hostname',
  '-q',
  '--jq',
  '-t',
  '--template',
  '--cache',
  '-p',
  '--preview',
  '-R',
  '--repo',
];

export function ghApiRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest | undefined {
  const argv = cmd.argv;
  const words = positionals(argv, GH_API_VALUE_OPTIONS);
  if (words[0] !== 'api') return undefined;
  const endpoint = words[1] ?? '';
  const fields = table<string>();
  let hasFields = false;
  const bodies: Body[] = [];
  for (const v of optionValues(argv, ['-f', '--raw-field', '-F', '--field']).slice(0, 64)) {
    const eq = v.indexOf('=');
    if (eq === -1) continue;
    let value = v.slice(eq + 1);
    // `-F query=@file.graphql` reads the file; one that cannot be read is a body nobody read (as `--input` is).
    if (value.startsWith('@')) {
      const file = readAt(value, cmd, ctx, '-F');
      if (file.text === undefined) bodies.push(file);
      value = file.text ?? '';
    }
    fields[v.slice(0, eq)] = value;
    hasFields = true;
  }
  if (hasFields) bodies.push({ text: JSON.stringify(fields), source: 'fields' });
  const input = optionValue(argv, ['--input']);
  if (input !== undefined)
    bodies.push(
      input === '-'
        ? { text: cmd.stdin, source: 'stdin' }
        : { text: ctx.readFile(input, cmd.cwd), source: `@${input}` },
    );
  let method =
    overriddenMethod(optionValues(argv, ['-H', '--header'])) ?? optionValue(argv, ['-X', '--method'])?.toUpperCase();
  if (method?.includes('$')) method = '?';
  method ??= bodies.length ? 'POST' : 'GET';
  const host = optionValue(argv, ['--hostname']) ?? 'api.github.com';
  const url = /^https?:\/\//.test(endpoint) ? endpoint : `https://${host}/${endpoint.replace(/^\//, '')}`;
  return { client: 'gh api', method, urls: [url], bodies, defaultHost: host };
}

// ---- PowerShell ----------------------------------------------------------

/** Invoke-RestMethod / Invoke-WebRequest: `-Method Delete -Uri … -Body …`, names case-insensitive. */
export function powershellRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest {
  const argv = cmd.argv;
  let method: string | undefined;
  const urls: string[] = [];
  const bodies: Body[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith('-') ? a.slice(1).toLowerCase().replace(/:$/, '') : undefined;
    const next = argv[i + 1];
    if (name === 'method' && next !== undefined) {
      method = next.toUpperCase();
      i++;
    } else if ((name === 'uri' || name === 'url') && next !== undefined) {
      urls.push(next);
      i++;
    } else if (name === 'body' && next !== undefined) {
      bodies.push({ text: next, source: '-Body' });
      i++;
    } else if (name === 'infile' && next !== undefined) {
      bodies.push({ text: ctx.readFile(next, cmd.cwd), source: `-InFile ${next}` });
      i++;
    } else if (name !== undefined && next !== undefined && !next.startsWith('-')) i++;
    else if (name === undefined && looksLikeUrl(a)) urls.push(a);
  }
  if (method?.includes('$')) method = '?';
  method ??= bodies.length ? 'POST' : 'GET';
  return { client: argv[0], method, urls, bodies };
}

// ---- graphqurl (gq) ------------------------------------------------------

const GRAPHQURL_VALUE_OPTIONS = [
  '-q',
  '--query',
  '-H',
  '--header',
  '-v',
  '--variable',
  '-n',
  '--name',
  '--queryFile',
  '--variablesJSON',
  '-j',
  '--variablesFile',
  '-f',
  '--format',
];

/** `gq URL -q 'mutation { … }'` posts the GraphQL document as curl would: its query is the body the server runs. */
export function graphqurlRequest(cmd: SimpleCommand, ctx: AnalysisContext): HttpRequest {
  const argv = cmd.argv;
  const bodies: Body[] = [];
  for (const v of optionValues(argv, ['-q', '--query']).slice(0, MAX_BODIES))
    bodies.push({ text: v, source: '--query' });
  for (const v of optionValues(argv, ['--queryFile']).slice(0, MAX_BODIES))
    bodies.push({ text: ctx.readFile(v, cmd.cwd), source: `--queryFile ${v}` });
  const urls = positionals(argv, GRAPHQURL_VALUE_OPTIONS).slice(0, 1);
  return { client: argv[0], method: 'POST', urls, bodies };
}
