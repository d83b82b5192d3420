// Commands that make something run later, outside any agent: persistent git
// settings holding a command, lifecycle scripts set through npm, package
// manager settings, systemd user units enabled or started, transient units,
// crontabs, at jobs, direnv permissions, launchd agents. Each asks with what
// would run shown.
import * as path from 'node:path';
import { hasFlag, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { codeExcerpt } from './formats';
import { GIT_COMMAND_KEY, LIFECYCLE_SCRIPTS } from './content';
import { readGlobalOptions } from '../../command/globalOptions';
import { gitDirFindings } from './gitDirs';
import { packageConfigFindings } from './packageConfig';
import { toolchainConfigFindings } from './toolchainConfig';
import { plantFinding } from './plantFinding';
import { systemdFindings } from './systemd';
import { pkgSetScripts, UNREAD_SCRIPTS } from '../../command/pkgSet';
export { SEVERITY, plantFinding } from './plantFinding';

const isGitCommandKey = (key: string) => GIT_COMMAND_KEY.test(key.toLowerCase());
const GIT_CONFIG_VALUE_OPTS = ['-f', '--file', '--blob', '--type', '--default', '--comment', '--value'];

/** `git config [--global] KEY VALUE`, `git config set KEY VALUE`, `--add`/`--replace-all`: the key and value set, if any. */
function gitConfigSet(args: readonly string[]): { key: string; value: string } | undefined {
  let pos = positionals(args, GIT_CONFIG_VALUE_OPTS, 0);
  if (pos[0] === 'set') pos = pos.slice(1);
  else if (
    [
      'get',
      'list',
      'unset',
      'rename-section',
      'remove-section',
      'edit',
      'get-regexp',
      'get-all',
      'get-urlmatch',
    ].includes(pos[0] ?? '')
  )
    return undefined;
  if (
    hasFlag(
      args,
      [
        '--get',
        '--get-all',
        '--get-regexp',
        '--list',
        '-l',
        '--unset',
        '--unset-all',
        '--remove-section',
        '--rename-section',
        '-e',
        '--edit',
      ],
      0,
    )
  )
    return undefined;
  return pos.length >= 2 ? { key: pos[0], value: pos.slice(1).join(' ') } : undefined;
}

/** Hook names git runs (githooks(5)). */
const HOOK_NAMES = [
  'pre-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-push',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'post-rewrite',
  'pre-merge-commit',
  'pre-auto-gc',
  'reference-transaction',
  'push-to-checkout',
  'fsmonitor-watchman',
];

/**
 * `git config core.hooksPath .husky` (husky, lefthook, a `.githooks` folder):
 * hooks kept in the repository itself, like `.git/hooks` but committed. Once
 * set, every later write into that folder is judged as a git hook; only hooks
 * an agent already put there would run unread, and they keep the question.
 */
function repoLocalHooks(value: string, args: readonly string[], ctx: AnalysisContext): boolean {
  if (hasFlag(args, ['--global', '--system', '--file', '-f'], 0)) return false;
  const v = value.trim();
  if (
    !v ||
    path.isAbsolute(v) ||
    v.startsWith('~') ||
    v.includes('$') ||
    v.split(/[\\/]/).some((s) => s === '..' || s === '.git')
  )
    return false;
  const dir = path.resolve(ctx.workspace, v);
  if (!dir.startsWith(ctx.workspace + path.sep)) return false;
  return !HOOK_NAMES.some((h) => ctx.agentWritten?.(path.join(dir, h)));
}

function gitFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  const bare = readGlobalOptions(cmd.argv, cmd.cwd).bare ?? cmd.argv;
  const out: Finding[] = [];
  const sub = bare[1];
  const args = bare.slice(2);
  // `git -c core.hooksPath=DIR commit`: the hooks in DIR run now, and nobody read them.
  // `--config-env=KEY=NAME` sets KEY as `-c` does, to what the environment variable NAME holds.
  for (let j = 1; j < cmd.argv.length && cmd.argv[j] !== sub; j++) {
    const a = cmd.argv[j];
    const fromEnv = a === '--config-env' ? cmd.argv[j + 1] : a.startsWith('--config-env=') ? a.slice(13) : undefined;
    const named = fromEnv?.lastIndexOf('=') ?? -1;
    const setting =
      a === '-c'
        ? cmd.argv[j + 1]
        : fromEnv !== undefined && named > 0
          ? `${fromEnv.slice(0, named)}=$${fromEnv.slice(named + 1)}`
          : undefined;
    const key = setting?.split('=')[0].toLowerCase() ?? '';
    if (setting && /^(?:core\.hookspath|include\.path|includeif\..+\.path|init\.templatedir)$/.test(key)) {
      out.push(
        plantFinding(
          'autorun.git-hook',
          `git -c ${key} makes this git call run code from ${setting.slice(key.length + 1) || 'another place'}, which nobody read`,
          setting,
          key,
          'run git without the setting',
        ),
      );
    }
  }
  if (sub === 'config') {
    const set = gitConfigSet(args);
    const localHooks =
      set !== undefined && set.key.toLowerCase() === 'core.hookspath' && repoLocalHooks(set.value, args, ctx);
    if (
      set &&
      !localHooks &&
      (isGitCommandKey(set.key) || (/^alias\./i.test(set.key) && set.value.trim().startsWith('!')))
    ) {
      const where = hasFlag(args, ['--global'], 0)
        ? 'your git settings (~/.gitconfig)'
        : hasFlag(args, ['--system'], 0)
          ? "the machine's git settings"
          : "this repository's git settings";
      out.push(
        plantFinding(
          'autorun.git-config',
          `sets ${set.key} in ${where}, so the next git call runs it`,
          `${set.key} = ${set.value}`,
          set.key,
          'run the command yourself when you need it, or ask the user to change git settings',
        ),
      );
    }
  }
  if (sub === 'init' || sub === 'clone') {
    const template = args.find((a) => a === '--template' || a.startsWith('--template='));
    if (template)
      out.push(
        plantFinding(
          'autorun.git-hook',
          `git ${sub} with a template copies its hooks into the new repository, where they run on the next commit`,
          args[args.indexOf(template) + 1] ?? template.slice(11),
          'git template',
          'clone or init without --template',
        ),
      );
    for (let j = 0; j < args.length; j++) {
      const c =
        args[j] === '-c' || args[j] === '--config'
          ? args[j + 1]
          : args[j].startsWith('--config=')
            ? args[j].slice(9)
            : undefined;
      const key = c?.split('=')[0] ?? '';
      if (c && isGitCommandKey(key))
        out.push(
          plantFinding(
            'autorun.git-config',
            `git ${sub} writes ${key} into the new repository's settings, so its next git call runs it`,
            c,
            key,
            'clone without the setting',
          ),
        );
    }
  }
  return out;
}

function npmFindings(cmd: SimpleCommand): Finding[] {
  const [pm, sub, verb, ...rest] = cmd.argv;
  const out: Finding[] = [];
  for (const { name, value } of pkgSetScripts(cmd.argv)) {
    // An object that could not be read asks when a lifecycle script may be in it: its name, an escape, or run-time text.
    if (name === UNREAD_SCRIPTS && (/\\u|[$`]/.test(value) || [...LIFECYCLE_SCRIPTS].some((n) => value.includes(n))))
      out.push(
        plantFinding(
          'autorun.lifecycle-script',
          'sets package.json scripts from a JSON object AgentGuard could not read; npm runs its lifecycle scripts by itself on the next install',
          value,
          'scripts',
          'set each script by name, or run the command yourself',
        ),
      );
    else if (LIFECYCLE_SCRIPTS.has(name))
      out.push(
        plantFinding(
          'autorun.lifecycle-script',
          `sets the ${name} script in package.json, which npm runs by itself on the next install`,
          value,
          `scripts.${name}`,
          'run the command yourself instead of making install run it',
        ),
      );
  }
  if (pm === 'npm' && sub === 'set-script' && verb && LIFECYCLE_SCRIPTS.has(verb)) {
    out.push(
      plantFinding(
        'autorun.lifecycle-script',
        `sets the ${verb} script in package.json, which npm runs by itself on the next install`,
        rest.join(' '),
        `scripts.${verb}`,
        'run the command yourself instead of making install run it',
      ),
    );
  }
  out.push(...packageConfigFindings(cmd));
  return out;
}

function scheduleFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  const argv = cmd.argv;
  const name = argv[0];
  if (name === 'crontab') {
    if (hasFlag(argv, ['-l', '-r', '-i'])) return [];
    const file = positionals(argv, ['-u', '-s', '-T'])[0];
    const text = file && file !== '-' ? ctx.readFile(file, cmd.cwd) : cmd.stdin;
    const editing = hasFlag(argv, ['-e']);
    return [
      plantFinding(
        'autorun.cron',
        editing
          ? 'crontab -e changes your scheduled jobs, which cron runs outside any agent'
          : 'installs a crontab: cron runs its jobs on schedule, outside any agent',
        text === undefined ? undefined : codeExcerpt(text, 4),
        'crontab',
        'run the job yourself now, or ask the user to schedule it',
      ),
    ];
  }
  if (name === 'at' || name === 'batch') {
    if (hasFlag(argv, ['-l', '-d', '-r', '-c']) || (name === 'at' && argv.length === 1)) return [];
    const fIdx = argv.indexOf('-f');
    const text = fIdx !== -1 ? ctx.readFile(argv[fIdx + 1] ?? '', cmd.cwd) : cmd.stdin;
    return [
      plantFinding(
        'autorun.cron',
        `${name} schedules a job that runs later, outside any agent`,
        text === undefined ? (fIdx !== -1 ? `the file ${argv[fIdx + 1]}` : undefined) : codeExcerpt(text, 4),
        name,
        'run the command now, in the foreground',
      ),
    ];
  }
  return [];
}

function direnvFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  const [, sub, dir] = cmd.argv;
  if (sub !== 'allow' && sub !== 'permit' && sub !== 'grant') return [];
  const file = path.resolve(cmd.cwd, dir ?? '.', dir?.endsWith('.envrc') ? '' : '.envrc');
  const text = ctx.readFile(file, cmd.cwd);
  return [
    plantFinding(
      'autorun.envrc',
      `direnv ${sub} lets ${path.relative(cmd.cwd, file) || '.envrc'} run every time a shell enters the folder`,
      text === undefined ? undefined : codeExcerpt(text, 4),
      file,
      'ask the user to review and allow the .envrc themselves',
    ),
  ];
}

/** `mise trust [PATH]`: mise then runs the folder's config (its hooks, tasks and env scripts) on entering it, as `direnv allow` does. */
function miseFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  const [, sub, ...rest] = cmd.argv;
  if (sub !== 'trust' || rest.some((a) => /^--(?:untrust|ignore|show)$|^-[a-z]*[us]$/.test(a))) return [];
  const dir = rest.find((a) => !a.startsWith('-'));
  const file = path.resolve(cmd.cwd, dir ?? '.', dir && /\.toml$|tool-versions$/.test(dir) ? '' : 'mise.toml');
  const text = ctx.readFile(file, cmd.cwd);
  const what =
    rest.includes('--all') || rest.includes('-a') ? 'every mise config' : path.relative(cmd.cwd, file) || file;
  return [
    plantFinding(
      'autorun.envrc',
      `mise trust lets ${what} run its hooks and env scripts every time a shell enters the folder`,
      text === undefined ? undefined : codeExcerpt(text, 4),
      file,
      'ask the user to review and trust the mise config themselves',
    ),
  ];
}

function launchctlFindings(cmd: SimpleCommand): Finding[] {
  const sub = cmd.argv[1];
  // kickstart only restarts a job launchd already has: loading or enabling it was the planting, judged then.
  if (!['load', 'bootstrap', 'submit', 'enable'].includes(sub ?? '')) return [];
  return [
    plantFinding(
      'autorun.autostart',
      `launchctl ${sub} makes launchd run a job outside any agent`,
      cmd.argv.slice(2).join(' '),
      'launchctl',
      'run the program in the foreground, or ask the user',
    ),
  ];
}

const HANDLERS: Record<string, (cmd: SimpleCommand, ctx: AnalysisContext) => Finding[]> = {
  git: (cmd, ctx) => [...gitFindings(cmd, ctx), ...gitDirFindings(cmd, ctx)],
  npm: npmFindings,
  bun: npmFindings,
  yarn: npmFindings,
  pnpm: npmFindings,
  pip: packageConfigFindings,
  pip3: packageConfigFindings,
  python: packageConfigFindings,
  python3: packageConfigFindings,
  corepack: packageConfigFindings,
  go: toolchainConfigFindings,
  composer: toolchainConfigFindings,
  gem: toolchainConfigFindings,
  bundle: toolchainConfigFindings,
  systemctl: systemdFindings,
  'systemd-run': systemdFindings,
  loginctl: systemdFindings,
  crontab: scheduleFindings,
  at: scheduleFindings,
  batch: scheduleFindings,
  direnv: direnvFindings,
  mise: miseFindings,
  launchctl: launchctlFindings,
};

export const PLANTING_COMMANDS = Object.keys(HANDLERS);
/** The handlers by program in a Map, asked for every command a line runs: a lookup in a table this large costs more. */
const HANDLER_OF: ReadonlyMap<string, (cmd: SimpleCommand, ctx: AnalysisContext) => Finding[]> = new Map(
  Object.entries(HANDLERS),
);

export function plantingCommandFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  if (cmd.argv.includes('--help') || (cmd.argv.includes('-h') && cmd.argv[0] !== 'crontab')) return [];
  return HANDLER_OF.get(cmd.argv[0] ?? '')?.(cmd, ctx) ?? [];
}
