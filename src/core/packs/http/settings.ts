// Settings sent in a request body that switch a protection off or hand out
// power, for any provider: `{"deletion_protection": false}`,
// `{"require_two_factor": false}`, `{"versioning": "disabled"}`,
// `{"retention_days": 0}`, `action.destructive_requires_name: false`,
// `permission=admin`. The key says what the setting guards, the value that it
// is switched off; no provider needs to be known.
import type { Finding } from '../../types';
import { isRetentionKey, retentionCut } from '../common/retention';
import type { HttpRequest } from '../common/httpRequest';

/** Keys that name a protection: when set to false, off or disabled, the protection is gone. */
const PROTECTION_KEY =
  /protect|(?:^|[_.-])lock(?:ed)?(?:$|[_.-])|object[_.-]?lock|versioning|two[_.-]?factor|2fa|mfa|requir(?:e|es|ed)[_.-]\w|enforce|destructive[_.-]requires|soft[_.-]?delete|deletion|immutab|point[_.-]?in[_.-]?time|pitr|backups?(?:$|[_.-]enabled)|audit|encrypt|ssl[_.-]?required|sso[_.-]?required|branch[_.-]?protection|signed[_.-]?commits|secret[_.-]?scanning/i;
const OFF_VALUE = /^(?:false|0|off|disabled?|none|no|suspended|null)$/i;
/** Keys that grant a role or level of access, and the values that mean full control. */
const GRANT_KEY =
  /^(?:permission|permissions|role|roles|access[_.-]?level|access|level|is[_.-]?admin|admin|site[_.-]?admin|owner|is[_.-]?owner)$/i;
const GRANT_VALUE = /^(?:admin|administrator|owner|owners|maintain|superuser|root|true|50|super[_.-]?admin)$/i;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', '?']);
const MAX_BODY = 16 * 1024;
const MAX_PAIRS = 256;
const KEY_CHAR = /[A-Za-z0-9_.-]/;

/**
 * `"key": value`, `key=value`, `key:=value` (httpie), in JSON, form or query
 * bodies: found from each separator outwards, so a long run of text without
 * one costs a single pass.
 */
function* pairs(text: string): Generator<[string, string]> {
  let n = 0;
  for (let i = 0; i < text.length && n < MAX_PAIRS; i++) {
    const c = text[i];
    if (c !== ':' && c !== '=') continue;
    n++;
    let k = i - 1;
    while (k >= 0 && (text[k] === ' ' || text[k] === '"')) k--;
    const keyEnd = k + 1;
    while (k >= 0 && keyEnd - k <= 64 && KEY_CHAR.test(text[k])) k--;
    const key = text.slice(k + 1, keyEnd);
    let v = i + 1;
    if (text[v] === '=') v++; // httpie `:=`
    while (v < text.length && (text[v] === ' ' || text[v] === '"')) v++;
    let e = v;
    while (e < text.length && e - v < 64 && !/[",&}\s\]]/.test(text[e])) e++;
    if (key.length >= 2) yield [key, text.slice(v, e)];
  }
}

export function settingsFindings(req: HttpRequest, target: string, label: string): Finding[] {
  if (!WRITE_METHODS.has(req.method)) return [];
  for (const body of req.bodies) {
    const text = body.text;
    if (!text || !/[:=]/.test(text)) continue;
    const slice = text.length > MAX_BODY ? text.slice(0, MAX_BODY) : text;
    for (const [key, value] of pairs(slice)) {
      const leaf = key.slice(key.lastIndexOf('.') + 1);
      if (isRetentionKey(key) && retentionCut(key, value)) {
        return [
          {
            id: 'http.protection-off',
            summary: `sends ${key}=${value} to ${label}: data or backups there are kept for no time`,
            target,
            alternative: "keep the retention; change it in the provider's dashboard with a human",
            severity: 65,
          },
        ];
      }
      // The value first: PROTECTION_KEY's first test compiles a long case-insensitive alternation (about half a
      // millisecond of a hook's process), which a body with no off value never needs.
      if (OFF_VALUE.test(value) && PROTECTION_KEY.test(key) && !/^(?:dry|test|preview)/i.test(leaf)) {
        return [
          {
            id: 'http.protection-off',
            summary: `sends ${key}: ${value} to ${label}: it switches off a protection (${key})`,
            target,
            alternative: "leave the protection on; if it must change, do it in the provider's dashboard with a human",
            severity: 60,
          },
        ];
      }
      if (
        (/^(?:private|is[_.-]?private)$/i.test(leaf) && /^false$/i.test(value)) ||
        (/^(?:visibility|acl|access[_.-]?type)$/i.test(leaf) && /^public/i.test(value))
      ) {
        return [
          {
            id: 'http.protection-off',
            summary: `sends ${key}=${value} to ${label}: it makes the resource public`,
            target,
            alternative: 'keep it private; share it with the people who need it',
            severity: 60,
          },
        ];
      }
      if (GRANT_KEY.test(leaf) && GRANT_VALUE.test(value) && !(value === 'true' && !/admin|owner/i.test(leaf))) {
        return [
          {
            id: 'identity.broad-grant',
            summary: `sends ${key}=${value} to ${label}: it grants admin or owner rights`,
            target,
            alternative: 'grant the narrowest role that does the job, and let a human grant admin rights',
            severity: 60,
          },
        ];
      }
    }
  }
  return [];
}
