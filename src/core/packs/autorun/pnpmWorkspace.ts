// pnpm-workspace.yaml lists a monorepo's packages, and since pnpm 10 it also
// holds pnpm's settings: `dangerouslyAllowAllBuilds: true` runs every
// dependency's install scripts on every later install (pnpm blocks them by
// default), `nodeOptions` / `scriptShell` / `pnpmfile` name code every later
// script or install runs with. Package globs, catalogs and the list of
// approved builds are the project's everyday business and stay quiet, as
// does a write whose text cannot be read unless the line names one of these.

export const PNPM_WORKSPACE_FILE = 'pnpm-workspace.yaml';

/** Top-level settings holding code every later script or install runs with. */
const CODE_KEYS = /^(?:nodeOptions|scriptShell|pnpmfile|globalPnpmfile|pnpmfilePath)$/;
/** Safeguards an install relies on, and the value that turns each off. */
const LOOSENED: ReadonlyArray<[RegExp, RegExp]> = [
  [/^dangerouslyAllowAllBuilds$/, /^(?:true|yes|on)$/i],
  [/^(?:strictSsl|strict-ssl)$/, /^(?:false|no|off)$/i],
  [/^unsafePerm$/, /^(?:true|yes|on)$/i],
];

const MAX_LINES = 4096;

/** The settings of a pnpm-workspace.yaml that plant: code every later run takes, a safeguard turned off. */
export function pnpmWorkspaceEntries(text: string): Array<{ name: string; code: string }> {
  const out: Array<{ name: string; code: string }> = [];
  for (const line of text.split('\n').slice(0, MAX_LINES)) {
    // Top-level keys only: a nested `nodeOptions:` belongs to a catalog or an override, not to pnpm.
    const m = /^["']?([A-Za-z-]+)["']?\s*:\s*(.*?)\s*(?:#.*)?$/.exec(line);
    if (!m) continue;
    const [, key, raw] = m;
    const value = raw.replace(/^["']|["']$/g, '');
    if (CODE_KEYS.test(key) ? value !== '' : LOOSENED.some(([k, v]) => k.test(key) && v.test(value)))
      out.push({ name: key, code: `${key}: ${value}` });
  }
  return out;
}

/** Whether a line whose written text is unknown names one of the settings that plant. */
export function namesPnpmSetting(said: string): boolean {
  return /dangerouslyAllowAllBuilds|nodeOptions|scriptShell|pnpmfile|strictSsl|strict-ssl|unsafePerm/.test(said);
}
