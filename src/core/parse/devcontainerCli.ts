// The dev container CLI runs the commands a devcontainer.json holds: `devcontainer
// up` runs its `initializeCommand` on this machine, then starts the container and
// runs the lifecycle commands inside it; `run-user-commands` and `set-up` run those
// again; `exec` runs its own words in the container. The definition may have been
// written a moment before, so it is read and judged as the lines it runs. The
// in-container lines are judged as lines run in the workspace folder: the folder
// is mounted in the container, so what they do to it is done here; what they do
// elsewhere is judged as if done on this machine, which asks more, never less.
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, type Walker } from './normalize/scope';
import type { UnwrapStep } from './wrappers/common';
import { CONTAINER_KEYS, HOST_KEY, lifecycleLines, readDevcontainer } from './devcontainerCommands';
import { quoted } from './tomlTasks';
import { shellWord } from '../text/shellWord';
import { readerCdLine } from './readerCd';

/** The CLI's options that take a value (its `--help`), shared by up, run-user-commands, set-up and exec. */
const VALUED = new Set([
  '--workspace-folder',
  '--config',
  '--override-config',
  '--container-id',
  '--id-label',
  '--remote-env',
  '--docker-path',
  '--docker-compose-path',
  '--container-data-folder',
  '--container-system-data-folder',
  '--user-data-folder',
  '--log-level',
  '--log-format',
  '--terminal-columns',
  '--terminal-rows',
  '--default-user-env-probe',
  '--mount',
  '--additional-features',
  '--secrets-file',
  '--dotfiles-repository',
  '--dotfiles-install-command',
  '--dotfiles-target-path',
  '--cache-from',
  '--workspace-mount-consistency',
  '--gpu-availability',
  '--buildkit',
]);
/** The subcommands that run the in-container lifecycle commands; `up` runs initializeCommand first. */
const RUNS_LIFECYCLE = new Set(['up', 'run-user-commands', 'set-up']);
/** Most definitions in `.devcontainer/NAME/` folders read. */
const MAX_DEFINITIONS = 16;

/** The value of `--name VALUE` or `--name=VALUE` among the options before `end`. */
function option(argv: readonly string[], name: string, end: number): string | undefined {
  for (let i = 2; i < end; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(name + '=')) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/** The definitions the CLI may read: `--config`, else the workspace folder's `.devcontainer/devcontainer.json`, `.devcontainer.json`, or `.devcontainer/NAME/devcontainer.json`. */
function definitionFiles(config: string | undefined, cwd: string, folder: string, w: Walker): string[] {
  if (config !== undefined) return [path.resolve(cwd, config)];
  const inner = path.join(folder, '.devcontainer');
  const named = (w.ctx.readdir?.(inner) ?? [])
    .filter((e) => e.dir)
    .slice(0, MAX_DEFINITIONS)
    .map((e) => path.join(inner, e.name, 'devcontainer.json'));
  return [path.join(inner, 'devcontainer.json'), path.join(folder, '.devcontainer.json'), ...named];
}

/** `devcontainer up|run-user-commands|set-up|exec …`: the lines it runs, judged in the workspace folder. */
export function unwrapDevcontainer(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const argv = p.argv;
  const sub = argv[1] ?? '';
  if (scope.remote || (!RUNS_LIFECYCLE.has(sub) && sub !== 'exec')) return undefined;
  let end = 2;
  while (end < argv.length && argv[end].startsWith('--')) end += VALUED.has(argv[end]) ? 2 : 1;
  const folder = path.resolve(scope.cwd, option(argv, '--workspace-folder', end) ?? '.');
  const lines: string[] = [];
  if (sub === 'exec') {
    if (end >= argv.length) return undefined;
    lines.push(argv.slice(end).map(shellWord).join(' '));
  } else {
    const config = option(argv, '--config', end);
    for (const file of definitionFiles(config, scope.cwd, folder, w)) {
      const text = w.ctx.readFile(file, scope.cwd);
      if (text === undefined) {
        // There but not read (too large, not a plain file): what it runs would go unjudged.
        if (w.ctx.stat?.(file)) unreadDefinition(w, sub, file);
        continue;
      }
      const { doc, broken } = readDevcontainer(text);
      if (broken) unreadDefinition(w, sub, file);
      lines.push(...lifecycleLines(doc, sub === 'up' ? [HOST_KEY, ...CONTAINER_KEYS] : CONTAINER_KEYS));
    }
  }
  if (!lines.length) return undefined;
  return {
    kind: 'script',
    text: [readerCdLine(quoted(folder)), ...lines].join('\n'),
    via: `devcontainer ${sub}`,
    lenient: true,
    runnerCd: true,
    alsoEmit: true,
  };
}

function unreadDefinition(w: Walker, sub: string, file: string): void {
  w.addFinding(
    parseFinding(
      'parse.too-complex',
      60,
      `\`devcontainer ${sub}\` runs the commands of ${file}, which AgentGuard could not read whole: what it runs was not judged, so a human must look at it`,
      file,
    ),
  );
}
