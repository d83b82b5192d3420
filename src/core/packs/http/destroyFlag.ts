// A request whose body switches on a destroy flag destroys, whatever the
// method and path say: Terraform Cloud's `POST /api/v2/runs` with
// `"is-destroy": true` queues a run that tears down every resource of the
// workspace, and `"force_delete": true`, `"hard_delete": true`, `"purge":
// true` turn an update into a removal. Only a key that is the verb itself
// (with `is`, `force`, `hard`, `confirm` … before it) counts: settings such as
// `delete_branch_on_merge` or `auto_delete_after_days` stay quiet. An action
// body (`POST …/droplets/1/actions` with `{"type": "power_off"}`, `"action":
// "detach"`) names what it does in its type, and a PUT of `null` (Firebase's
// `PUT /.json -d null`) replaces what the path holds with nothing.
import type { Finding } from '../../types';
import type { HttpRequest } from '../common/httpRequest';
import { severityFor, type Destination } from './destination';
import { destructiveName, namesHarmlessObject, wordParts } from './words';

/** `"KEY": true` (or `"true"`) in a JSON body; httpie's `KEY:=true` items arrive as JSON. */
const TRUE_KEY = /"([A-Za-z_][\w-]{0,63})"\s*:\s*(?:true|"true")(?=\s*[,}\]])/g;
const PREFIXES = new Set(['is', 'force', 'hard', 'confirm', 'should', 'do', 'permanent', 'permanently', 'really']);
const EVERYTHING = new Set(['everything', 'all']);
const MAX_BODY = 64 * 1024;
const MAX_KEYS = 64;

/** The first key of the bodies that is a destroy verb set to true. */
function destroyKey(req: HttpRequest, around: readonly string[]): string | undefined {
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
      // `"delete_all": true`, `"purge_everything": true`: the verb over everything the path holds, unless what it
      // holds loses nothing (`/zones/z/purge_cache`: a cache refills).
      if (rest.length === 2 && rest[0] === hit.verb && EVERYTHING.has(rest[1]) && !harmlessPath(around)) return m[1];
    }
  }
  return undefined;
}

function harmlessPath(around: readonly string[]): boolean {
  return namesHarmlessObject(around.flatMap((w) => wordParts(w)));
}

/** `"type": "VALUE"`, `"action": "VALUE"`: the action an action endpoint is asked to take. */
const ACTION_KEY = /"(type|action|operation|op|command)"\s*:\s*"([A-Za-z][\w-]{0,63})"/g;
/** Action names that say what they do only with their object (`power_off`) or that wipe a machine's disk (`rebuild`). */
const ACTION_WORDS: Readonly<Record<string, string>> = {
  power_off: 'shutdown',
  poweroff: 'shutdown',
  rebuild: 'overwrite',
};

/** The first action a body names that destroys, overwrites or switches off, with the words of the path around it. */
function destructiveAction(req: HttpRequest, around: readonly string[]): string | undefined {
  let seen = 0;
  for (const body of req.bodies) {
    const text = body.text;
    if (!text || text.length > MAX_BODY) continue;
    for (const m of text.matchAll(ACTION_KEY)) {
      if (++seen > MAX_KEYS) return undefined;
      // A `type` names an action only on an action endpoint (`…/actions`); elsewhere it is a kind of record or event.
      if (m[1] === 'type' && !around.some((w) => /^actions?$/i.test(w))) continue;
      const word = ACTION_WORDS[m[2].toLowerCase()] ?? m[2];
      if (destructiveName(word, around)) return m[2];
    }
  }
  return undefined;
}

export function destroyFlagFindings(req: HttpRequest, dest: Destination, shown: string): Finding[] {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return [];
  if (req.method === 'PUT' && req.bodies.some((b) => b.text?.trim() === 'null'))
    return [
      {
        id: 'http.destructive-action',
        summary: `sends PUT ${shown} to ${dest.label} with null as its body, which replaces everything the path holds with nothing`,
        target: dest.target,
        alternative: 'GET the data first and back it up; delete only the keys meant to go',
        severity: severityFor(dest, 70, 55, 60),
      },
    ];
  const around = shown.split(/[/?#]/).filter(Boolean);
  const action = req.method === 'POST' ? destructiveAction(req, around) : undefined;
  if (action)
    return [
      {
        id: 'http.destructive-action',
        summary: `sends POST ${shown} to ${dest.label} asking for the action "${action}", which destroys, overwrites or switches off what the request names`,
        target: dest.target,
        alternative: "check what the resource is first, and run the action from the provider's CLI or dashboard",
        severity: severityFor(dest, 70, 55, 60),
      },
    ];
  const key = destroyKey(req, around);
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
