// An MCP server's own guard settings, changed by the agent that the server
// guards: Desktop Commander's `set_config_value` with `blockedCommands: []`
// or `allowedDirectories: []` (an empty list "allows full access to the
// entire file system", its documentation says), a read-only or sandbox flag
// switched off, an allow-list widened to `/` or `*`. The agent would be
// loosening its own fence, which AgentGuard's self-protection asks a human
// about, as it does for its own policy. Tightening, and settings with no
// guarding role (line limits, telemetry), say nothing.
import type { Finding } from '../../types';

const SETTING_TOOL =
  /(?:^|_)(?:config|configuration|setting|settings|preference|preferences|option|options|policy|permission|permissions)(?:$|_)/;
const WRITE_WORDS =
  /(?:^|_)(?:set|update|write|change|put|patch|edit|modify|save|configure|add|remove|delete|clear|reset|unset|allow|disable|enable)(?:$|_)/;
/** Lists whose entries forbid: emptying one lifts every ban. */
const DENY_KEY = /block|deny|denied|forbid|disallow|blacklist|banned|restrict|exclude|protected/i;
/** Lists whose entries are all that is allowed: emptying or widening one opens everything. */
const ALLOW_KEY = /allow|whitelist|permit|trusted|root|director(?:y|ies)|path|workspace/i;
/** Switches that guard when on. */
const GUARD_SWITCH =
  /read_?only|readonly|sandbox|safe|confirm|approv|protect|secure|guard|restrict|require|verify|validate|check/i;
/** Switches that loosen when on. */
const LOOSE_SWITCH =
  /dangerous|yolo|auto_?approve|auto_?accept|skip|bypass|unsafe|allow_?all|trust_?all|no_?confirm|disable_?(?:sandbox|safety|checks?)|unrestricted/i;
const WIDE_VALUE = /^(?:\/|~|\*|\*\*|\*\*\/\*|all|any|everything|[A-Za-z]:\\?|\/home|\/Users|\$HOME)$/i;
const OFF_VALUE = /^(?:false|off|no|none|never|0|disabled?)$/i;
const ON_VALUE = /^(?:true|on|yes|always|1|enabled?|all)$/i;

function isEmpty(v: unknown): boolean {
  return (
    v === null ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'string' && /^\s*\[\s*\]\s*$/.test(v))
  );
}

function values(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed.filter((x): x is string => typeof x === 'string');
    } catch {
      /* a plain string */
    }
    return v.split(',').map((x) => x.trim());
  }
  return [];
}

/** Why setting `key` to `value` loosens a guard, or undefined. */
function loosens(key: string, value: unknown): string | undefined {
  const text =
    typeof value === 'string'
      ? value.trim()
      : typeof value === 'boolean' || typeof value === 'number'
        ? String(value)
        : undefined;
  if (LOOSE_SWITCH.test(key) && text !== undefined && ON_VALUE.test(text)) return `switches ${key} on`;
  if (DENY_KEY.test(key) && (isEmpty(value) || (text !== undefined && OFF_VALUE.test(text))))
    return `empties ${key}, lifting every ban in it`;
  if (ALLOW_KEY.test(key)) {
    if (isEmpty(value)) return `empties ${key}, which leaves nothing outside it`;
    const wide = values(value).find((v) => WIDE_VALUE.test(v));
    if (wide) return `sets ${key} to include ${wide}`;
  }
  if (GUARD_SWITCH.test(key) && (value === false || (text !== undefined && OFF_VALUE.test(text))))
    return `switches ${key} off`;
  return undefined;
}

/** The pairs a settings call sets: `{key, value}`, `{setting, value}`, `{name, value}`, or its other arguments as they are. */
function pairs(input: Readonly<Record<string, unknown>>): Array<[string, unknown]> {
  const lower = Object.fromEntries(Object.entries(input).map(([k, v]) => [k.toLowerCase(), v]));
  const key = lower.key ?? lower.setting ?? lower.name ?? lower.option ?? lower.path;
  if (typeof key === 'string' && 'value' in lower) return [[key, lower.value]];
  const nested = lower.config ?? lower.settings ?? lower.values ?? lower.options;
  if (nested && typeof nested === 'object' && !Array.isArray(nested))
    return Object.entries(nested as Record<string, unknown>);
  return Object.entries(input);
}

export function guardSettingFindings(words: readonly string[], input: unknown, label: string): Finding[] {
  const joined = words.join('_');
  if (!SETTING_TOOL.test(joined) || !WRITE_WORDS.test(joined)) return [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return [];
  const out: Finding[] = [];
  for (const [key, value] of pairs(input as Record<string, unknown>).slice(0, 64)) {
    const why = loosens(key, value);
    if (!why) continue;
    out.push({
      id: 'guard.mcp-server-setting',
      summary: `${label} ${why}: the agent would loosen the guard of the MCP server it works through`,
      target: `${label} ${key}`,
      alternative: "a human changes the server's guard settings in its configuration file",
      severity: 70,
    });
  }
  return out;
}
