// The requests a Postman collection makes (`newman run coll.json`): items
// nest in folders (`item` within `item`); each request holds a method, a URL
// (a string or `{raw}`), headers and a body (raw text, form fields or a
// GraphQL query). `{{name}}` takes the values of the collection's variables,
// an environment file and `--env-var` pairs; a name none of them gives stays
// as written, so its host is read as unknown.
import type { HttpRequest, Body } from '../common/httpRequest';
import { overriddenMethod } from '../common/requestParts';
import { substitute, type RunnerRequests } from './hurlFile';

const MAX_REQUESTS = 256;
const MAX_DEPTH = 16;
const MAX_VALUES = 256;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The `{key, value}` pairs of a variable list (a collection's `variable`, an environment's `values`). */
export function postmanValues(into: Map<string, string>, list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const v of list.slice(0, MAX_VALUES)) {
    if (!isObject(v) || v.enabled === false) continue;
    const key = str(v.key);
    const value = v.value;
    if (key && (typeof value === 'string' || typeof value === 'number') && into.size < MAX_VALUES)
      into.set(key, String(value));
  }
}

function urlOf(url: unknown): string | undefined {
  if (typeof url === 'string') return url;
  if (!isObject(url)) return undefined;
  const raw = str(url.raw);
  if (raw) return raw;
  const host = Array.isArray(url.host) ? url.host.join('.') : str(url.host);
  const path = Array.isArray(url.path) ? url.path.join('/') : str(url.path);
  return host ? `${str(url.protocol) ? `${str(url.protocol)}://` : ''}${host}/${path ?? ''}` : undefined;
}

function bodyOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const raw = str(body.raw);
  if (raw !== undefined) return raw;
  const fields = body.urlencoded ?? body.formdata;
  if (Array.isArray(fields))
    return fields
      .slice(0, MAX_VALUES)
      .filter(isObject)
      .map((f) => `${str(f.key) ?? ''}=${str(f.value) ?? ''}`)
      .join('&');
  if (isObject(body.graphql)) return JSON.stringify(body.graphql);
  return undefined;
}

function headersOf(headers: unknown): string[] {
  if (typeof headers === 'string') return headers.split('\n');
  if (!Array.isArray(headers)) return [];
  return headers
    .slice(0, MAX_VALUES)
    .filter((h) => isObject(h) && h.disabled !== true)
    .map((h: Json) => `${str(h.key) ?? ''}: ${str(h.value) ?? ''}`);
}

/** One request: v2's `{method, url, header, body}` or v1's `{method, url, headers, rawModeData, data}`. */
function requestOf(r: Json, source: string, values: ReadonlyMap<string, string>): HttpRequest {
  const method = (str(r.method) ?? 'GET').toUpperCase();
  const url = urlOf(r.url);
  const text =
    bodyOf(r.body) ?? str(r.rawModeData) ?? (Array.isArray(r.data) ? bodyOf({ urlencoded: r.data }) : undefined);
  const bodies: Body[] = text ? [{ text: substitute(text, values), source }] : [];
  return {
    client: 'newman',
    method: overriddenMethod(headersOf(r.header ?? r.headers).map((h) => substitute(h, values))) ?? method,
    urls: url === undefined ? [] : [substitute(url, values)],
    bodies,
  };
}

export function postmanRequests(text: string, source: string, values: Map<string, string>): RunnerRequests {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { requests: [], unread: `${source}, which is not a collection that can be read` };
  }
  if (!isObject(doc)) return { requests: [], unread: `${source}, which is not a collection that can be read` };
  const collection = isObject(doc.collection) ? doc.collection : doc;
  // The command line's values win over the collection's own.
  const own = new Map<string, string>();
  postmanValues(own, collection.variable);
  for (const [k, v] of own) if (!values.has(k)) values.set(k, v);
  const requests: HttpRequest[] = [];
  let cut = false;
  const walk = (items: unknown, depth: number): void => {
    if (!Array.isArray(items)) return;
    if (depth > MAX_DEPTH) {
      cut = true;
      return;
    }
    for (const item of items) {
      if (requests.length >= MAX_REQUESTS) {
        cut = true;
        return;
      }
      if (!isObject(item)) continue;
      if (item.request !== undefined) {
        const r = typeof item.request === 'string' ? { url: item.request } : item.request;
        if (isObject(r)) requests.push(requestOf(r, source, values));
      }
      walk(item.item, depth + 1);
    }
  };
  walk(collection.item, 0);
  // Collection format 1: a flat list of requests.
  if (Array.isArray(collection.requests))
    for (const r of collection.requests.slice(0, MAX_REQUESTS))
      if (isObject(r)) requests.push(requestOf(r, source, values));
  if (!requests.length && !Array.isArray(collection.item) && !Array.isArray(collection.requests))
    return { requests, unread: `${source}, which is not a collection that can be read` };
  return {
    requests,
    ...(cut ? { unread: `more than ${MAX_REQUESTS} requests or ${MAX_DEPTH} folder levels in ${source}` } : {}),
  };
}
