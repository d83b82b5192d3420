// What every Windows check shares: reading `/x` switches (any case, glued
// `/s/q`, valued `/w:C:`) and PowerShell parameters in the canonical form
// the reader emits (`-Name value`).

/** `/s`, `-s`, `/S`, `/s:value` among the words (from index 1). */
export function hasSwitch(argv: readonly string[], name: string): boolean {
  const n = name.toLowerCase();
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i].toLowerCase();
    if (a[0] !== '/' && a[0] !== '-') continue;
    for (const part of a.split(/(?=\/)/)) {
      const bare = part.replace(/^[-/]+/, '').replace(/[:=].*$/, '');
      if (bare === n) return true;
    }
  }
  return false;
}

/** The value of `/name:value`, `/name=value` or `/name value`. */
export function switchValue(argv: readonly string[], name: string): string | undefined {
  const n = name.toLowerCase();
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const m = /^[-/]([A-Za-z?]+)(?:[:=](.*))?$/.exec(a);
    if (!m || m[1].toLowerCase() !== n) continue;
    return m[2] !== undefined ? m[2] : argv[i + 1];
  }
  return undefined;
}

/** Words that are not switches. */
export function operands(argv: readonly string[]): string[] {
  return argv.slice(1).filter((a) => !/^\/[A-Za-z?]/.test(a));
}

/** A PowerShell parameter's value in the canonical form (`-Name value …`): every word up to the next parameter. */
export function paramValues(argv: readonly string[], name: string): string[] | undefined {
  const n = '-' + name.toLowerCase();
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i].toLowerCase();
    if (a !== n && !a.startsWith(n + ':')) continue;
    if (a.includes(':')) return [argv[i].slice(argv[i].indexOf(':') + 1)];
    const out: string[] = [];
    for (let j = i + 1; j < argv.length && !/^-[A-Za-z]/.test(argv[j]); j++) out.push(argv[j]);
    return out;
  }
  return undefined;
}

/** A switch parameter that is on (`-Force`, not `-Force:False`). */
export function paramOn(argv: readonly string[], name: string): boolean {
  const n = '-' + name.toLowerCase();
  return argv.some(
    (a) => a.toLowerCase() === n || (a.toLowerCase().startsWith(n + ':') && !/:(?:false|0|\$false)$/i.test(a)),
  );
}

/** PowerShell's truthy spellings of a parameter value. */
export function truthy(v: string | undefined): boolean {
  return v !== undefined && /^(?:true|1|\$true|yes|on|enabled?)$/i.test(v.trim());
}

export const isWindowsHelp = (argv: readonly string[]) =>
  argv.slice(1).some((a) => a === '/?' || a === '-?' || a === '--help');
