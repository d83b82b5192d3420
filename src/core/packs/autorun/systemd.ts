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
  if (!planted) return [];
  const code = files.map((f) => f?.text).find((t) => t !== undefined);
  return [
    plantFinding(
      'autorun.systemd-unit',
      `systemctl ${user ? '--user ' : ''}${verb} ${units.join(' ')} makes systemd run a service outside any agent`,
      code,
      units[0] ?? verb,
      'run the program in the foreground, or ask the user to install the service',
    ),
  ];
}

/** The unit's file and what it runs: a unit named by path, or found in the user's or the system's unit folders. */
function unitFile(
  unit: string,
  ctx: AnalysisContext,
  home: string,
  user: boolean,
  cwd: string,
): { path: string; byPath: boolean; text?: string } | undefined {
  const byPath = unit.includes('/');
  const candidates = byPath
    ? [path.resolve(cwd, unit)]
    : user
      ? [path.join(home, '.config/systemd/user', unit), path.join(home, '.local/share/systemd/user', unit)]
      : [path.join('/etc/systemd/system', unit)];
  for (const f of candidates) {
    const text = ctx.readFile(f, cwd);
    if (text !== undefined || byPath)
      return {
        path: f,
        byPath,
        ...(text !== undefined
          ? {
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
  return user ? { path: candidates[0], byPath } : undefined;
}
