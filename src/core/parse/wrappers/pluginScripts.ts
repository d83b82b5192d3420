// Programs that run a script file they are handed in their own interpreter:
// nmap's `--script F.nse` (Lua), pandoc's `--lua-filter F` / `-L F` (Lua) and
// `--filter F` (a program run on the document), mpv's `--script=F` /
// `--scripts=A:B` (Lua or JavaScript). Each file is read as `lua F`, `node F`
// or `F` would be, so `os.execute`, `io.popen` and `os.remove` in a workspace
// or temp file are judged. Script names and categories (`--script vuln`,
// `--filter pandoc-crossref`) and the system's own scripts stay quiet.
import { optionValues } from '../../command/args';
import { shellWord } from '../../text/shellWord';

/** Most script files read from one call. */
const MAX_SCRIPTS = 16;

/** Scripts installed with the system or a package: nmap's own, distribution filters. */
const SYSTEM_SCRIPT = /^\/(?:usr|opt|nix\/store|Library)\//;

function asLanguage(file: string): string | undefined {
  if (SYSTEM_SCRIPT.test(file)) return undefined;
  if (/\.(?:lua|nse)$/i.test(file)) return `lua ${shellWord(file)}`;
  if (/\.[cm]?js$/i.test(file)) return `node ${shellWord(file)}`;
  return undefined;
}

function nmapScripts(argv: readonly string[]): string[] {
  return optionValues(argv, ['--script'])
    .flatMap((v) => v.split(','))
    .map((s) => asLanguage(s.trim()))
    .filter((s): s is string => s !== undefined)
    .slice(0, MAX_SCRIPTS);
}

function pandocScripts(argv: readonly string[]): string[] {
  // A Lua filter is Lua whatever its name says.
  const lua = optionValues(argv, ['--lua-filter', '-L']).map((f) =>
    SYSTEM_SCRIPT.test(f) ? undefined : `lua ${shellWord(f)}`,
  );
  // `--filter F`: a program pandoc runs with the document on stdin; a name without a slash is looked up on PATH.
  const programs = optionValues(argv, ['--filter', '-F']).map((f) =>
    SYSTEM_SCRIPT.test(f) ? undefined : (asLanguage(f) ?? (f.includes('/') ? shellWord(f) : undefined)),
  );
  return [...lua, ...programs].filter((s): s is string => !!s).slice(0, MAX_SCRIPTS);
}

function mpvScripts(argv: readonly string[]): string[] {
  return optionValues(argv, ['--script', '--scripts', '--scripts-append', '--scripts-add'])
    .flatMap((v) => v.split(/[:,]/))
    .map((s) => asLanguage(s.trim()))
    .filter((s): s is string => s !== undefined)
    .slice(0, MAX_SCRIPTS);
}

export const PLUGIN_SCRIPT_READERS: Readonly<Record<string, (argv: readonly string[]) => string[]>> = {
  nmap: nmapScripts,
  pandoc: pandocScripts,
  mpv: mpvScripts,
};
