// The request a curl command makes: its options, clusters, config files and data.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import { CURL_SHORT_WITH_VALUE, CURL_VALUE_OPTIONS } from '../../command/valueOptions';
import type { AnalysisContext, SimpleCommand } from '../../types';
import { bodiesPastBound, MAX_BODIES, readAt, overriddenMethod, type HttpRequest, type Body } from './requestParts';

// ---- curl ----------------------------------------------------------------

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

export function curlRequest(original: SimpleCommand, ctx: AnalysisContext): HttpRequest {
  let cmd = original;
  const config = optionValue(cmd.argv, ['-K', '--config']);
  if (config !== undefined) {
    const text = config === '-' ? cmd.stdin : ctx.readFile(config, cmd.cwd);
    // An unreadable config file may hold any method and URL: say so with an unknown method.
    const extra = text === undefined ? ['-X', '$CURL_CONFIG'] : curlConfigArgs(text);
    cmd = {
      ...cmd,
      argv: [...cmd.argv, ...extra],
      dynamic: [...cmd.dynamic, ...extra.map((e) => e === '$CURL_CONFIG')],
    };
  }
  const argv = expandCurlClusters(cmd.argv);
  const bodies: Body[] = [];
  const data = optionValues(argv, CURL_DATA);
  const raw = optionValues(argv, ['--data-raw']);
  const forms = optionValues(argv, ['-F', '--form', '--form-string']);
  for (const v of data.slice(0, MAX_BODIES)) {
    // `--data-urlencode name@file` sends the file's content as the field (a GraphQL `query@mutation.graphql`).
    const at = /^[A-Za-z_][\w.-]*@(.+)$/s.exec(v);
    if (at && !v.includes('=')) bodies.push({ text: ctx.readFile(at[1], cmd.cwd), source: `@${at[1]}` });
    else bodies.push(v.startsWith('@') ? readAt(v, cmd, ctx, '-d') : { text: v, source: '-d' });
  }
  for (const v of raw.slice(0, MAX_BODIES)) bodies.push({ text: v, source: '--data-raw' });
  for (const v of forms.slice(0, MAX_BODIES)) {
    // `name=value`, `name=@file` (upload), `name=<file` (contents as the field).
    const eq = v.indexOf('=');
    const value = eq === -1 ? v : v.slice(eq + 1);
    bodies.push(
      value.startsWith('<')
        ? { text: ctx.readFile(value.slice(1), cmd.cwd), source: `-F ${value}` }
        : { text: v, source: '-F' },
    );
  }

  let method =
    overriddenMethod(optionValues(argv, ['-H', '--header'])) ?? optionValue(argv, ['-X', '--request'])?.toUpperCase();
  if (method?.includes('$')) method = '?';
  if (!method) {
    if (hasFlag(argv, ['-G', '--get'])) method = 'GET';
    else if (hasFlag(argv, ['-I', '--head'])) method = 'HEAD';
    else if (bodies.length) method = 'POST';
    else if (optionValue(argv, ['-T', '--upload-file'])) method = 'PUT';
    else method = 'GET';
  }
  const urls = [...positionals(argv, CURL_VALUE_OPTIONS), ...optionValues(argv, ['--url'])];
  const unread = bodiesPastBound(data, raw, forms);
  const socket = optionValue(argv, ['--unix-socket', '--abstract-unix-socket']);
  return {
    client: 'curl',
    method,
    urls,
    bodies,
    ...(unread ? { unread } : {}),
    ...(socket !== undefined ? { socket } : {}),
  };
}
