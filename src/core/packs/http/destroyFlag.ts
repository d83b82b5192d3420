// A request whose body switches on a destroy flag destroys, whatever the
// method and path say: Terraform Cloud's `POST /api/v2/runs` with
// `"is-destroy": true` queues a run that tears down every resource of the
// workspace, and `"force_delete": true`, `"hard_delete": true`, `"purge":
// true` turn an update into a removal. Only a key that is the verb itself
// (with `is`, `force`, `hard`, `confirm` … before it) counts: settings such as
// `delete_branch_on_merge` or `auto_delete_after_days` stay quiet.
import type { Finding } from '../../types';
import type { HttpRequest } from '../common/httpRequest';
import { severityFor, type Destination } from './destination';
import { destructiveName } from './words';

/** `"KEY": true` (or `"true"`) in a JSON body; httpie's `KEY:=true` items arrive as JSON. */
const TRUE_KEY = /"([A-Za-z_][\w-]{0,63})"\s*:\s*(?:true|"true")(?=\s*[,}\]])/g;
const PREFIXES = new Set(['is', 'force', 'hard', 'confirm', 'should', 'do', 'permanent', 'permanently', 'really']);
const MAX_BODY = 64 * 1024;
const MAX_KEYS = 64;

/** The first key of the bodies that is a destroy verb set to true. */
function destroyKey(req: HttpRequest): string | undefined {
  let seen = 0;
  for (const body of req.bodies) {
    const text = body.text;
    if (!text || !text.includes('true')) continue;
    for (const m of (text.length > MAX_BODY ? text.slice(0, MAX_BODY) : text).matchAll(TRUE_KEY)) {
      if (++seen > MAX_KEYS) return undefined;
      const hit = destructiveName(m[1]);
      if (hit?.tier !== 'delete') continue;
      const rest = hit.parts.filter((p) => !PREFIXES.has(p));
      if (rest.length === 1 && rest[0] === hit.verb) return m[1];
    }
  }
  return undefined;
}

export function destroyFlagFindings(req: HttpRequest, dest: Destination, shown: string): Finding[] {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return [];
  const key = destroyKey(req);
  if (!key) return [];
  return [
    {
      id: 'http.destructive-action',
      summary: `sends ${req.method} ${shown} to ${dest.label} with "${key}": true in its body, which asks the API to destroy what the request names`,
      target: dest.target,
      alternative:
        "GET the resource first to confirm what it is, back it up, and run the destroy from the provider's CLI or dashboard, which ask for confirmation",
      severity: severityFor(dest, 70, 55, 60),
    },
  ];
}
