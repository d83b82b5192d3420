// Programs that stand in for curl or wget, read as the call they make.
//
// curlie (github.com/rs/curlie) is curl with httpie's way of writing a request: curl's options, then an optional
// method word, the URL and httpie's request items (`Header:value`, `key=value`, `key:=json`, `key==query`,
// `key=@file`). It runs curl with them translated, so it is read as that curl call: every judgment of a curl
// request (a destructive GraphQL mutation, a DELETE, a credential sent) holds for it. It was read as no client at
// all: the PocketOS call written `curlie -X POST …/graphql/v2 …` was allowed.
import { CURL_SHORT_WITH_VALUE, CURL_VALUE_OPTIONS } from '../../command/valueOptions';
import type { Pending } from '../normalize/scope';
import type { UnwrapStep } from './common';

const VALUE_OPTIONS: ReadonlySet<string> = new Set(CURL_VALUE_OPTIONS);
/** httpie's item separators, longest first (`:=@` before `:=` before `:`). */
const ITEM = /^([^\s=:@]*?)(:=@|=@|:=|==|=|:|@)(.*)$/s;
/** A method word before the URL: capitals (`DELETE`, `PURGE`), or a usual one in small letters (`post`); `localhost` is a URL. */
const METHOD = /^(?:[A-Z]+|get|head|post|put|patch|delete|options)$/;
/** Request items translated; past this the rest are left as they are written (curl reads them as more URLs). */
const MAX_ITEMS = 64;

/** Whether `a` is a curl option that takes the next word as its value (`-H X`, `-dX` holds its own). */
function takesValue(a: string): boolean {
  if (a.startsWith('--')) return !a.includes('=') && VALUE_OPTIONS.has(a);
  return a.length === 2 && CURL_SHORT_WITH_VALUE.has(a[1]);
}

export function unwrapCurlie(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  const options: number[] = [];
  const words: number[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-') && a.length > 1) {
      options.push(i);
      if (takesValue(a) && i + 1 < argv.length) options.push(++i);
    } else words.push(i);
  }
  const out: string[] = ['curl'];
  const dyn: boolean[] = [p.dynamic[0] ?? false];
  const keep = (i: number) => {
    out.push(argv[i]);
    dyn.push(p.dynamic[i] ?? false);
  };
  options.forEach(keep);
  let at = 0;
  if (words.length > 1 && METHOD.test(argv[words[0]])) {
    out.push('-X', argv[words[0]].toUpperCase());
    dyn.push(false, p.dynamic[words[0]] ?? false);
    at = 1;
  }
  if (at >= words.length) return { kind: 'command', next: { ...p, argv: out, dynamic: dyn }, via: 'curlie' };
  let url = argv[words[at]];
  let urlDynamic = p.dynamic[words[at]] ?? false;
  const fields: string[] = [];
  let fieldsDynamic = false;
  const items = words.slice(at + 1);
  for (let k = 0; k < items.length; k++) {
    const i = items[k];
    const m = k < MAX_ITEMS ? ITEM.exec(argv[i]) : null;
    if (!m) {
      keep(i);
      continue;
    }
    const [, key, sep, value] = m;
    const d = p.dynamic[i] ?? false;
    if (sep === ':') {
      out.push('-H', `${key}: ${value}`);
      dyn.push(false, d);
    } else if (sep === '==') {
      url += `${url.includes('?') ? '&' : '?'}${key}=${value}`;
      urlDynamic ||= d;
    } else if (sep === '=@' || sep === ':=@' || sep === '@') {
      // A field (or a form file) read from a file: sent as curl sends a body read from one.
      out.push(sep === '@' ? '-F' : '--data-binary', sep === '@' ? `${key}=@${value}` : `@${value}`);
      dyn.push(false, d);
    } else {
      fields.push(`${JSON.stringify(key)}:${sep === ':=' ? value : JSON.stringify(value)}`);
      fieldsDynamic ||= d;
    }
  }
  out.push(url);
  dyn.push(urlDynamic);
  if (fields.length) {
    out.push('--json', `{${fields.join(',')}}`);
    dyn.push(false, fieldsDynamic);
  }
  return { kind: 'command', next: { ...p, argv: out, dynamic: dyn }, via: 'curlie' };
}

/** Builds of curl that take its options and do what it does (curl-impersonate's `curl_chrome116`, `curl-impersonate-ff`). */
const CURL_BUILD = /^curl(?:-impersonate(?:-[a-z]+)?|_(?:chrome|ff|edge|safari)[\w.]*)$/;
/** libwww-perl's request program (lwp-request) and its names for one method (`POST URL < body`). */
// A set, not an object's keys: a program named `constructor` or `hasOwnProperty` is no method.
const LWP_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT']);
/** lwp-request's options whose value is the next word. */
const LWP_VALUES = new Set(['-m', '-f', '-b', '-t', '-i', '-c', '-p', '-C', '-H', '-o', '-P']);

/**
 * Programs read as another they stand in for: GNU Wget2 as wget (Fedora's `wget` is Wget2), a build of curl as
 * curl, and lwp-request as the curl call it makes (its method, headers, and for POST and PUT the body it reads from
 * stdin). Undefined for any other program.
 */
export function unwrapStandIn(prog: string, p: Pending): UnwrapStep | undefined {
  if (prog === 'wget2') return renamed(p, 'wget', prog);
  if (CURL_BUILD.test(prog)) return renamed(p, 'curl', prog);
  const lwp = prog === 'lwp-request' ? 'GET' : LWP_METHODS.has(prog) ? prog : undefined;
  if (!lwp) return undefined;
  let method = lwp;
  const out = ['curl'];
  const dyn = [false];
  for (let i = 1; i < p.argv.length; i++) {
    const a = p.argv[i];
    const d = p.dynamic[i] ?? false;
    if (a === '-m' && i + 1 < p.argv.length) method = p.argv[++i].toUpperCase();
    else if (a === '-H' && i + 1 < p.argv.length) {
      out.push('-H', p.argv[++i]);
      dyn.push(false, p.dynamic[i] ?? false);
    } else if (LWP_VALUES.has(a)) i++;
    else if (!a.startsWith('-')) {
      out.push(a);
      dyn.push(d);
    }
  }
  out.splice(1, 0, '-X', method);
  dyn.splice(1, 0, false, false);
  // POST and PUT send what stdin holds (`-c TYPE` only names its type).
  if (method === 'POST' || method === 'PUT') {
    out.push('--data-binary', '@-');
    dyn.push(false, false);
  }
  return { kind: 'command', next: { ...p, argv: out, dynamic: dyn }, via: prog };
}

function renamed(p: Pending, name: string, via: string): UnwrapStep {
  return { kind: 'command', next: { ...p, argv: [name, ...p.argv.slice(1)] }, via };
}
