// The requests a Hurl file makes (`hurl prod.hurl`): each entry opens with
// `METHOD URL`, then headers, optional `[Section]`s and a body, then an
// optional `HTTP 200` response part with asserts. Only what is sent is kept.
import type { HttpRequest } from '../common/httpRequest';
import { overriddenMethod } from '../common/requestParts';

const REQUEST_LINE = /^([A-Z][A-Z_-]{1,15})[ \t]+(\S{1,2048})[ \t]*$/;
const RESPONSE_LINE = /^HTTP(?:\/[\d.]+)?[ \t]+(?:\d{3}|\*)/;
const HEADER_LINE = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}:[ \t]?/;
const SECTION_LINE = /^\[[A-Za-z]+\][ \t]*$/;
const MAX_LINES = 5000;

export interface RunnerRequests {
  requests: HttpRequest[];
  /** Why part of the file was not read, when a bound cut it. */
  unread?: string;
}

/** `{{name}}` replaced by the values given, in one pass; unknown names are kept, so the host stays unresolved. */
export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  if (!values.size || !text.includes('{{')) return text;
  return text.replace(/\{\{\s*([\w.-]{1,128})\s*\}\}/g, (all, name: string) => values.get(name) ?? all);
}

export function hurlRequests(text: string, source: string, values: ReadonlyMap<string, string>): RunnerRequests {
  const lines = text.split('\n', MAX_LINES + 1);
  const requests: HttpRequest[] = [];
  let current: { method: string; url: string; headers: string[]; body: string[] } | undefined;
  let inResponse = false;
  let fenced = false;
  let inHeaders = false;
  const close = (): void => {
    if (!current) return;
    const body = current.body.join('\n').trim();
    requests.push({
      client: 'hurl',
      method: overriddenMethod(current.headers) ?? current.method,
      urls: [substitute(current.url, values)],
      bodies: body ? [{ text: substitute(body, values), source }] : [],
    });
    current = undefined;
  };
  for (const raw of lines.slice(0, MAX_LINES)) {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed.startsWith('```')) fenced = !fenced;
    if (!fenced && !trimmed.startsWith('#')) {
      const req = REQUEST_LINE.exec(trimmed);
      if (req && !RESPONSE_LINE.test(trimmed)) {
        close();
        current = { method: req[1], url: req[2], headers: [], body: [] };
        inResponse = false;
        inHeaders = true;
        continue;
      }
      if (RESPONSE_LINE.test(trimmed)) {
        inResponse = true;
        continue;
      }
    }
    if (!current || inResponse) continue;
    if (inHeaders && !fenced && HEADER_LINE.test(trimmed) && !SECTION_LINE.test(trimmed)) {
      current.headers.push(trimmed);
      continue;
    }
    inHeaders = false;
    current.body.push(line);
  }
  close();
  return { requests, ...(lines.length > MAX_LINES ? { unread: `more than ${MAX_LINES} lines in ${source}` } : {}) };
}

/** `--variable name=value` and the `name=value` lines of a `--variables-file`. */
export function hurlValues(pairs: readonly string[], files: readonly (string | undefined)[]): Map<string, string> {
  const values = new Map<string, string>();
  const add = (pair: string): void => {
    const eq = pair.indexOf('=');
    if (eq > 0 && values.size < 256) values.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  };
  for (const file of files) for (const line of (file ?? '').split('\n', 512)) if (!line.startsWith('#')) add(line);
  for (const p of pairs) add(p);
  return values;
}
