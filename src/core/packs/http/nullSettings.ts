// A PATCH that sets settings to null deletes them. Heroku's config vars,
// and any API that follows JSON merge patch (RFC 7386), remove a key whose
// new value is null: `curl -X PATCH …/apps/acme-prod/config-vars -d
// '{"DATABASE_URL":null}'` takes the database URL away from a running app,
// though nothing in the line says delete. Read for any provider: the path
// names an app's configuration or environment variables, the body sets keys
// to null. A path segment that names production (`acme-prod`) says the app is
// production. A PATCH of ordinary values is an edit, and stays quiet.
import { PRODUCTION_WORD } from '../../environment/programs';
import type { Finding } from '../../types';
import type { HttpRequest } from '../common/httpRequest';
import { severityFor, type Destination } from './destination';

/** Path segments that name a store of settings or environment variables. */
const SETTINGS_SEGMENT =
  /^(?:config(?:[-_]?vars?)?|configs|configuration|settings|env(?:[-_]?vars?)?|envs|environment(?:[-_]?variables)?|variables|vars)$/i;
/** `"KEY": null` in a JSON body (httpie's `KEY:=null` items arrive as JSON too). */
const NULL_KEY = /"((?:[^"\\\n]|\\.){1,128})"\s*:\s*null(?=\s*[,}\]])/g;
const MAX_BODY = 64 * 1024;
const MAX_KEYS = 64;
const MAX_SEGMENTS = 32;

/** The keys a body sets to null, bounded. */
function nulledKeys(req: HttpRequest): string[] {
  const keys: string[] = [];
  for (const body of req.bodies) {
    const text = body.text;
    if (!text || !text.includes('null')) continue;
    for (const m of (text.length > MAX_BODY ? text.slice(0, MAX_BODY) : text).matchAll(NULL_KEY)) {
      keys.push(m[1]);
      if (keys.length >= MAX_KEYS) return keys;
    }
  }
  return keys;
}

export function nullSettingsFindings(req: HttpRequest, dest: Destination): Finding[] {
  if (req.method !== 'PATCH' || !dest.parsed) return [];
  const segments = dest.parsed.path.split('/').filter(Boolean).slice(0, MAX_SEGMENTS);
  const at = segments.findIndex((s) => SETTINGS_SEGMENT.test(s));
  if (at === -1) return [];
  const production = segments.slice(0, at).find((s) => PRODUCTION_WORD.test(s));
  const keys = nulledKeys(req);
  if (!keys.length) return production ? unreadBody(req, dest, production) : [];
  const shown = keys.length > 3 ? `${keys.slice(0, 3).join(', ')} and ${keys.length - 3} more` : keys.join(', ');
  return [
    {
      id: 'http.settings-delete',
      summary:
        `sends PATCH ${dest.parsed.host ?? ''}${dest.parsed.path} to ${dest.label} setting ${shown} to null: ` +
        `a null deletes the setting` +
        (production ? ` of ${production}, whose name says production` : ''),
      target: production ?? dest.target,
      alternative:
        "read the current values first and keep a copy; change settings in the provider's dashboard with a human",
      severity: production ? 80 : severityFor(dest, 60, 50, 55),
    },
  ];
}

/** A body that cannot be read (`-d @missing.json`, `-d "$BODY"`) patching a production app's settings may null any of them. */
function unreadBody(req: HttpRequest, dest: Destination, production: string): Finding[] {
  const body = req.bodies.find((b) => b.text === undefined || /^\s*\$[{(A-Za-z_]/.test(b.text));
  if (!body) return [];
  return [
    {
      id: 'http.settings-delete',
      summary: `sends PATCH ${dest.parsed?.host ?? ''}${dest.parsed?.path ?? ''} to ${dest.label} with a body that could not be read (${body.source}): it may delete settings of ${production}, whose name says production`,
      target: production,
      alternative: 'write the body inline or in a file that exists before the command runs, so it can be checked',
      severity: 55,
    },
  ];
}
