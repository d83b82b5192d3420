// Provider APIs that run a command on the provider's machines, called with a
// plain HTTP client: a Heroku one-off dyno (`POST /apps/APP/dynos`
// `{"command": "rails db:drop"}`), a Fly machine exec
// (`POST /v1/apps/APP/machines/ID/exec` `{"cmd": …}` or `{"command": [...]}`),
// a Render job (`POST /v1/services/ID/jobs` `{"startCommand": …}`). The
// request deletes nothing by its verb; the command it carries is judged as the
// command line it is, run on the provider's host (as `heroku run` is). A body
// that cannot be read there is asked about.
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import type { UnwrapStep } from './common';

/** Clients whose request body is given on the command line. */
const CLIENTS = new Set(['curl', 'http', 'https', 'xh', 'xhs', 'curlie']);
/** curl options whose value is the request body. */
const CURL_BODY_OPTS = ['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json'];
/** The run endpoints: host words and the path of the call that starts a command. */
const RUN_APIS: readonly { host: RegExp; path: RegExp }[] = [
  { host: /(?:^|\.)heroku\.com$/, path: /^\/apps\/([^/]+)\/dynos\/?$/ },
  { host: /(?:^|\.)(?:machines\.dev|fly\.io)$/, path: /^\/v1\/apps\/([^/]+)\/machines\/[^/]+\/exec\/?$/ },
  { host: /(?:^|\.)render\.com$/, path: /^\/v1\/services\/([^/]+)\/jobs\/?$/ },
];
/** The body fields that hold the command. */
const COMMAND_KEYS = ['command', 'cmd', 'startCommand'];
/** Words of one call looked at. */
const MAX_WORDS = 256;

/** The app a URL word starts a command in, when it is one of the run endpoints. */
function runTarget(word: string): string | undefined {
  const m = /^(?:https?:\/\/)?([^/\s:?#]+)(?::\d+)?(\/[^?#\s]*)/i.exec(word);
  if (!m) return undefined;
  for (const api of RUN_APIS) {
    if (!api.host.test(m[1].toLowerCase())) continue;
    const at = api.path.exec(m[2]);
    if (at) return decodeURIComponent(at[1]);
  }
  return undefined;
}

/** An argv word as the shell must read it back: the API runs the argv without a shell. */
const quoted = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);

/** The command a JSON body carries: a string, or an argv (`["sh", "-c", "…"]`) quoted for the shell. */
function commandOf(body: string): string | undefined {
  let value: unknown;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const o = parsed as Record<string, unknown>;
      const config = o.config && typeof o.config === 'object' ? (o.config as Record<string, unknown>) : undefined;
      value = COMMAND_KEYS.map((k) => o[k] ?? config?.[k]).find((v) => v !== undefined);
    }
  } catch {
    // Not JSON as written (a shell-escaped or truncated body): the field is looked for in the text.
    const m = /"(?:command|cmd|startCommand)"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(body);
    value = m ? m[1].replace(/\\(.)/g, '$1') : undefined;
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return (value as string[]).map(quoted).join(' ');
  return undefined;
}

/** A request that starts a command on a provider's machine: that command, to be judged there. */
export function unwrapRunApi(prog: string, p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  if (!CLIENTS.has(prog)) return undefined;
  const argv = p.argv.slice(0, MAX_WORDS);
  let app: string | undefined;
  for (const word of argv.slice(1)) app ??= runTarget(word.replace(/^--url=/, ''));
  if (app === undefined) return undefined;
  const bodies: { text: string; known: boolean }[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const opt = CURL_BODY_OPTS.find((o) => a === o || a.startsWith(o + '='));
    if (prog === 'curl' || prog === 'curlie') {
      if (!opt) continue;
      const at = a === opt ? i + 1 : i;
      const text = a === opt ? argv[i + 1] : a.slice(opt.length + 1);
      if (text === undefined) continue;
      // `-d @body.json`: the file as it is now (a file the line writes first is not known).
      const file = text.startsWith('@') && text !== '@-' ? text.slice(1) : undefined;
      const abs = file === undefined ? '' : path.resolve(scope.cwd, file);
      const read =
        file === undefined || p.dynamic[at] || w.writtenUnknown.has(abs)
          ? undefined
          : (w.written.get(abs) ?? w.ctx.readFile(file, scope.cwd));
      bodies.push({
        text: read ?? text,
        known: !p.dynamic[at] && (file === undefined ? text !== '@-' : read !== undefined),
      });
      if (a === opt) i++;
    } else {
      // httpie's `command='rails db:drop'` field, `command:='["sh","-c","…"]'` raw JSON.
      const field = /^(command|cmd|startCommand)(:?=)(.*)$/s.exec(a);
      if (field)
        bodies.push({
          text: field[2] === ':=' ? `{"${field[1]}":${field[3]}}` : JSON.stringify({ [field[1]]: field[3] }),
          known: !p.dynamic[i],
        });
    }
  }
  const via = `${prog} ${app}`;
  for (const b of bodies) {
    if (!b.known) {
      w.addFinding({
        ...parseFinding(
          'parse.too-complex',
          60,
          `${prog} starts a command on ${app}'s machines with a request body AgentGuard cannot read (a file or a value known only when the line runs)`,
          app,
        ),
        alternative: 'give the command in the request body on the command line',
      });
      continue;
    }
    const text = commandOf(b.text);
    if (text !== undefined) return { kind: 'script', text, via, remote: { kind: 'ssh', target: app }, alsoEmit: true };
  }
  return undefined;
}
