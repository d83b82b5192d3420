// What an HTTP request a command makes consists of, and the readers every client's parser shares.
import type { AnalysisContext, SimpleCommand } from '../../types';

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
  /** Which bound left part of the request unread (bodies past MAX_BODIES), when one did. */
  unread?: string;
  /** The local socket the request is sent through (`curl --unix-socket /var/run/docker.sock`): the URL's host is only a name. */
  socket?: string;
}

export const MAX_BODIES = 16;

/** Said when one body option is given more than MAX_BODIES times: those past the bound are not read. */
export function bodiesPastBound(...lists: readonly (readonly string[])[]): string | undefined {
  return lists.some((l) => l.length > MAX_BODIES) ? `more than ${MAX_BODIES} bodies of one option` : undefined;
}

/** `X-HTTP-Method-Override: DELETE` makes many servers treat a POST as that method. */
export const METHOD_OVERRIDE = /^\s*x-(?:http-)?method(?:-override)?\s*:\s*([A-Za-z]+)\s*$/i;

export function overriddenMethod(headers: readonly string[]): string | undefined {
  for (const h of headers) {
    const m = METHOD_OVERRIDE.exec(h);
    if (m) return m[1].toUpperCase();
  }
  return undefined;
}

/**
 * Rails, Laravel and Symfony read a POST's `_method` field (in the query, a form body or JSON) as the method:
 * `POST /users/1?_method=DELETE` deletes. Bounded: only a body's first 16 KB are read.
 */
const METHOD_PARAM = /(?:^|[?&])_method=(DELETE|PUT|PATCH)(?=&|$)|"_method"\s*:\s*"(DELETE|PUT|PATCH)"/i;
const MAX_PARAM_TEXT = 16 * 1024;

export function withMethodParam(req: HttpRequest): HttpRequest {
  if (req.method !== 'POST') return req;
  const texts = [
    ...req.urls.map((u) => (u.includes('?') ? u.slice(u.indexOf('?') + 1) : '')),
    ...req.bodies.map((b) => b.text ?? ''),
  ];
  for (const t of texts.slice(0, 2 * MAX_BODIES)) {
    const m = METHOD_PARAM.exec(t.length > MAX_PARAM_TEXT ? t.slice(0, MAX_PARAM_TEXT) : t);
    if (m) return { ...req, method: (m[1] ?? m[2]).toUpperCase() };
  }
  return req;
}

export function readAt(value: string, cmd: SimpleCommand, ctx: AnalysisContext, label: string): Body {
  const path = value.slice(1);
  if (path === '-') return { text: cmd.stdin, source: 'stdin' };
  if (!path) return { source: label };
  return { text: ctx.readFile(path, cmd.cwd), source: `@${path}` };
}
