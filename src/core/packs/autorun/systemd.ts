// systemd units: enabling, linking or starting one an agent wrote runs its code later, as a service.
import * as path from 'node:path';
import { hasFlag, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { codeExcerpt } from './formats';
import { plantFinding } from './plantFinding';

/** Verbs that change what systemd will run, whatever unit they name. */
const SYSTEMCTL_REWIRE = new Set([
  'link',
  'edit',
  'set-environment',
  'import-environment',
  'add-wants',
  'add-requires',
]);

/** Verbs that start or enable a unit: planting only when the unit is one an agent wrote, or a file outside systemd's folders. */
const SYSTEMCTL_START = new Set([
  'enable',
  'reenable',
  'start',
  'restart',
  'try-restart',
  'reload-or-restart',
  'preset',
]);

const SYSTEMCTL_VALUES = [
  '-H',
  '--host',
  '-M',
  '--machine',
  '-p',
  '--property',
  '-t',
  '--type',
  '-s',
  '--signal',
  '--state',
  '--root',
  '-o',
  '--output',
  '-n',
  '--lines',
];

export function systemdFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  const argv = cmd.argv;
  if (cmd.remote) return [];
  if (argv[0] === 'systemd-run') {
    const at = argv.findIndex((a, k) => k > 0 && !a.startsWith('-') && !/^-[a-zA-Z]$/.test(argv[k - 1] ?? ''));
    return [
      plantFinding(
        'autorun.systemd-unit',
        'systemd-run starts a transient service that systemd runs, outside any agent',
        at > 0 ? argv.slice(at).join(' ') : undefined,
        'systemd-run',
        'run the command in the foreground instead',
      ),
    ];
  }
  if (argv[0] === 'loginctl' && argv[1] === 'enable-linger') {
    return [
      plantFinding(
        'autorun.systemd-unit',
        'loginctl enable-linger keeps your user services running after you log out',
        undefined,
        'enable-linger',
        'ask the user',
      ),
    ];
  }
  const [verb, ...units] = positionals(argv, SYSTEMCTL_VALUES);
  if (!verb || (!SYSTEMCTL_REWIRE.has(verb) && !SYSTEMCTL_START.has(verb))) return [];
  const user = hasFlag(argv, ['--user']);
  const home = cmd.env.HOME ?? ctx.home;
  const files = units.map((u) => unitFile(u, ctx, home, user, cmd.cwd));
  const planted =
    SYSTEMCTL_REWIRE.has(verb) ||
    files.some((f) => f !== undefined && (f.byPath || ctx.agentWritten?.(f.path) === true));
  const unread = SYSTEMCTL_START.has(verb) ? unreadOrTempUnit(units, files, ctx, user) : undefined;
  if (!planted && !unread) return [];
  const code = files.map((f) => f?.text).find((t) => t !== undefined);
  return [
    plantFinding(
      'autorun.systemd-unit',
      `systemctl ${user ? '--user ' : ''}${verb} ${units.join(' ')} makes systemd run a service outside any agent${unread ? `, ${unread}` : ''}`,
      code,
      units[0] ?? verb,
      'run the program in the foreground, or ask the user to install the service',
    ),
  ];
}

/** Where packages install units: a unit found there is the system's own. */
const PACKAGED_UNIT_DIRS = {
  user: ['/etc/systemd/user', '/usr/lib/systemd/user', '/usr/local/lib/systemd/user', '/usr/share/systemd/user'],
  system: ['/etc/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system', '/usr/local/lib/systemd/system'],
};

/** The programs a unit's Exec lines start (`ExecStart=-/tmp/x.sh arg` → `/tmp/x.sh`), prefixes `-@:+!` dropped. */
function execPrograms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, 64 * 1024).matchAll(/^\s*Exec[A-Za-z]*\s*=\s*[-@:+!]*(\S+)/gm)) {
    out.push(m[1]);
    if (out.length >= 32) break;
  }
  return out;
}

/**
 * Why a unit being started or enabled cannot be judged, if it cannot: no user unit file for it anywhere systemd looks
 * while an earlier command on the line may have made one (its Exec lines are unknown before the line runs), or an Exec line
 * starting a program from a temp folder, where anyone may have put it. A readable unit starting installed programs says nothing.
 */
function unreadOrTempUnit(
  units: readonly string[],
  files: ReadonlyArray<UnitFile | undefined>,
  ctx: AnalysisContext,
  user: boolean,
): string | undefined {
  for (const [k, unit] of units.entries()) {
    const f = files[k];
    if (f?.raw !== undefined) {
      const temp = execPrograms(f.raw).find((prog) =>
        ctx.tempDirs.some((t) => prog === t || prog.startsWith(t.endsWith('/') ? t : t + '/')),
      );
      if (temp) return `and the unit starts ${temp}, a program in a temp folder`;
      continue;
    }
    // Only the user's own units: a package installed earlier on the line (`apt install nginx && systemctl enable
    // nginx`) puts the system's where nothing is read before it runs, and that is the package's business.
    if (user && ctx.lineMade && !unit.includes('*'))
      return `and its unit file (${f?.path ?? unit}) cannot be read before the line runs: what it starts was not judged`;
  }
  return undefined;
}

interface UnitFile {
  path: string;
  byPath: boolean;
  text?: string;
  raw?: string;
}

/** The unit's file and what it runs: a unit named by path, or found in the user's or the system's unit folders. */
function unitFile(unit: string, ctx: AnalysisContext, home: string, user: boolean, cwd: string): UnitFile | undefined {
  const byPath = unit.includes('/');
  // `systemctl start x` is x.service; `x@one.service` is run from the template `x@.service`.
  const named = byPath || /\.[a-z]+$/.test(unit) ? unit : `${unit}.service`;
  const template = named.replace(/@[^/]+(\.[a-z]+)$/, '@$1');
  const names = template === named ? [named] : [named, template];
  const own = user ? [path.join(home, '.config/systemd/user'), path.join(home, '.local/share/systemd/user')] : [];
  const dirs = [...own, ...(user ? PACKAGED_UNIT_DIRS.user : PACKAGED_UNIT_DIRS.system)];
  const candidates = byPath ? [path.resolve(cwd, unit)] : dirs.flatMap((d) => names.map((n) => path.join(d, n)));
  for (const f of candidates) {
    const text = ctx.readFile(f, cwd);
    if (text !== undefined || byPath)
      return {
        path: f,
        byPath,
        ...(text !== undefined
          ? {
              raw: text,
              text: codeExcerpt(
                text
                  .split('\n')
                  .filter((l) => /^\s*Exec/.test(l))
                  .join('\n') || text,
                3,
              ),
            }
          : {}),
      };
  }
  return { path: candidates[0], byPath };
}
