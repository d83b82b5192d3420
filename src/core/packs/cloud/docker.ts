// docker / podman / nerdctl and compose. Containers and images are cattle:
// removing or pruning them is routine (`docker system prune -a` stays quiet),
// except force-removing every container at once, which kills running ones.
// Volumes are where databases keep their data, so what removes volumes asks.
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import { asksForHelp, isDryRun, weigh, type CliAnalyzer, type Effect } from '../common/deletion';
import { finding } from '../common/finding';
import { podmanMachineFinding } from '../common/machines';
import { COMPOSE_VALUE_OPTS } from '../../command/valueOptions';

/** Options before the command group (`docker -H host volume rm …`). */
const DOCKER_GLOBAL_VALUE_OPTIONS = [
  '-H',
  '--host',
  '-c',
  '--context',
  '--config',
  '-l',
  '--log-level',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
];
/** Options after it that take a value (`-f` is --force there, a flag). */
const DOCKER_SUB_VALUE_OPTIONS = ['--filter', '--format'];

const ALT_VOLUME =
  'back up the volume first (docker run --rm -v NAME:/data -v "$PWD":/backup alpine tar czf /backup/NAME.tgz /data)';

/** The command words: group and subcommand read past global options, the rest with the group's own options. */
function dockerWords(argv: readonly string[]): string[] {
  let at = 1;
  for (; at < argv.length; at++) {
    const a = argv[at];
    if (!a.startsWith('-')) break;
    if (DOCKER_GLOBAL_VALUE_OPTIONS.includes(a)) at++;
  }
  if (at >= argv.length) return [];
  const group = argv[at];
  return [group, ...positionals(argv, group === 'compose' ? COMPOSE_VALUE_OPTS : DOCKER_SUB_VALUE_OPTIONS, at + 1)];
}

function composeFindings(cmd: SimpleCommand, words: string[], tool: string): Finding[] | undefined {
  const sub = words[0];
  const project = optionValue(cmd.argv, ['-p', '--project-name']);
  if (sub === 'down' && hasFlag(cmd.argv, ['-v', '--volumes'])) {
    return [
      finding(
        'cloud.docker-compose-down-volumes',
        weigh(60, project),
        `${tool} down -v deletes the project's named volumes and the data in them (databases included)`,
        project ?? cmd.cwd,
        `${tool} down without -v keeps the volumes`,
      ),
    ];
  }
  if (sub === 'rm' && hasFlag(cmd.argv, ['-v', '--volumes'])) {
    return [
      finding(
        'cloud.docker-compose-rm-volumes',
        45,
        `${tool} rm -v deletes the anonymous volumes of the removed containers`,
        words.slice(1).join(', ') || project || cmd.cwd,
        `${tool} rm without -v`,
      ),
    ];
  }
  return undefined;
}

function dockerFindings(cmd: SimpleCommand): Finding[] | undefined {
  const argv = cmd.argv;
  if (asksForHelp(argv) || isDryRun(argv)) return undefined;
  const tool = argv[0];
  if (tool.endsWith('-compose')) return composeFindings(cmd, positionals(argv, COMPOSE_VALUE_OPTS), tool);
  const words = dockerWords(argv);
  const [group, sub] = words;
  if (group === 'compose') return composeFindings(cmd, words.slice(1), `${tool} compose`);
  const machine = podmanMachineFinding(words, argv);
  if (machine) return [machine];

  if (group === 'volume' && (sub === 'rm' || sub === 'remove')) {
    const names = words.slice(2);
    return [
      finding(
        'cloud.docker-volume-rm',
        weigh(70, ...names),
        `${tool} volume rm deletes the volume${names.length > 1 ? 's' : ''} ${names.slice(0, 4).join(', ')} and the data in ${names.length > 1 ? 'them' : 'it'}`,
        names.join(', ') || undefined,
        ALT_VOLUME,
      ),
    ];
  }
  if (group === 'volume' && sub === 'prune') {
    const all = hasFlag(argv, ['-a', '--all']);
    return [
      finding(
        'cloud.docker-volume-prune',
        all ? 65 : 55,
        `${tool} volume prune deletes every ${all ? '' : 'anonymous '}volume no container uses, and the data in them`,
        'unused volumes',
        'list them first (docker volume ls -f dangling=true) and remove the ones you mean by name',
      ),
    ];
  }
  if (group === 'system' && sub === 'prune' && hasFlag(argv, ['--volumes'])) {
    return [
      finding(
        'cloud.docker-system-prune-volumes',
        60,
        `${tool} system prune --volumes also deletes every volume no running container uses, and the data in them`,
        'unused volumes',
        `${tool} system prune without --volumes keeps the data`,
      ),
    ];
  }
  if (group === 'system' && sub === 'reset') {
    return [
      finding(
        'cloud.docker-system-reset',
        70,
        `${tool} system reset deletes every container, image and volume, and the data in them`,
        'all local storage',
        `${tool} system prune (keeps volumes)`,
      ),
    ];
  }
  const bulk = bulkContainerRemoval(cmd, words, tool);
  if (bulk) return [bulk];
  if ((group === 'rm' || (group === 'container' && sub === 'rm')) && hasFlag(argv, ['-v', '--volumes'])) {
    const names = words.slice(group === 'rm' ? 1 : 2);
    return [
      finding(
        'cloud.docker-rm-volumes',
        45,
        `${tool} rm -v deletes the anonymous volumes of ${names.slice(0, 3).join(', ') || 'the containers'}`,
        names.join(', ') || undefined,
        `${tool} rm without -v`,
      ),
    ];
  }
  if (
    (group === 'stack' && (sub === 'rm' || sub === 'remove' || sub === 'down')) ||
    (group === 'service' && (sub === 'rm' || sub === 'remove'))
  ) {
    const names = words.slice(2);
    return [
      finding(
        `cloud.docker-${group}-rm`,
        weigh(group === 'stack' ? 55 : 45, ...names),
        `${tool} ${group} rm removes the swarm ${group}${names.length ? ` ${names.join(', ')}` : ''} and its running containers`,
        names.join(', ') || undefined,
        `${tool} ${group} ls / ps first`,
      ),
    ];
  }
  return undefined;
}

const DOCKER_READS = new Set([
  'ps',
  'logs',
  'images',
  'inspect',
  'version',
  'info',
  'stats',
  'top',
  'port',
  'diff',
  'events',
  'search',
  'history',
  'build',
  'pull',
  'login',
  'logout',
  'tag',
  'save',
  'help',
]);
const DOCKER_GROUP_READS = new Set([
  'ls',
  'list',
  'inspect',
  'ps',
  'logs',
  'top',
  'stats',
  'port',
  'diff',
  'df',
  'info',
  'events',
  'show',
  'history',
  'config',
  'images',
  'version',
  'du',
]);

function dockerEffect(cmd: SimpleCommand): Effect | undefined {
  const argv = cmd.argv;
  const words = argv[0].endsWith('-compose')
    ? ['compose', ...positionals(argv, COMPOSE_VALUE_OPTS)]
    : dockerWords(argv);
  const [group, sub] = words;
  if (group === undefined) return 'read';
  if (DOCKER_READS.has(group)) return 'read';
  if (sub !== undefined && DOCKER_GROUP_READS.has(sub)) return 'read';
  return 'write';
}

const docker: CliAnalyzer = { analyze: dockerFindings, effect: dockerEffect };

// `$(docker ps -aq)`, `` `podman container ls -q` ``: a listing of every container, spelled in an operand.
const LISTING_SUBST = /\$\(\s*((?:docker|podman|nerdctl)\s+(?:container\s+)?(?:ps|ls|list)\b[^)]*)\)/g;

/** A container listing (`docker ps -aq`) with no filter: every container (with -a), or every running one. */
function listsEveryContainer(argv: readonly string[]): 'all' | 'running' | undefined {
  if (!/^(?:docker|podman|nerdctl)$/.test(argv[0] ?? '')) return undefined;
  let i = 1;
  if (argv[i] === 'container') i++;
  if (!['ps', 'ls', 'list'].includes(argv[i] ?? '')) return undefined;
  const opts = argv.slice(i + 1);
  // A filter, the last n, the latest or a name narrows the list; only ids (-q) can be passed on.
  if (opts.some((a) => !a.startsWith('-') || /^--(?:filter|last|latest)\b/.test(a) || /^-[a-zA-Z]*[fnl]/.test(a)))
    return undefined;
  if (!opts.some((a) => a === '--quiet' || /^-[a-zA-Z]*q/.test(a))) return undefined;
  return opts.some((a) => a === '--all' || /^-[a-zA-Z]*a/.test(a)) ? 'all' : 'running';
}

/**
 * `docker rm -f $(docker ps -aq)`, `docker ps -aq | xargs docker rm -f`: every
 * container on the machine, running ones included, is killed and removed:
 * other projects' databases and services stop and lose whatever they kept
 * outside a volume. Without -f docker refuses running containers, which makes
 * it `container prune`, routine like the rest of the cattle.
 */
function bulkContainerRemoval(cmd: SimpleCommand, words: readonly string[], tool: string): Finding | undefined {
  const [group, sub] = words;
  if (!(group === 'rm' || (group === 'container' && (sub === 'rm' || sub === 'remove')))) return undefined;
  if (!hasFlag(cmd.argv, ['-f', '--force'])) return undefined;
  // The whole command line: a listing split over several words (`ids=$(docker ps -aq); docker rm -f $ids`) is read whole.
  const line = cmd.argv.join(' ');
  let listing: string | undefined;
  let which: 'all' | 'running' | undefined;
  for (const m of line.matchAll(LISTING_SUBST)) {
    const every = listsEveryContainer(m[1].trim().split(/\s+/));
    if (every) [listing, which] = [m[0], every];
  }
  const from = cmd.stdinFrom;
  if (!listing && from && cmd.via.includes('xargs')) {
    which = listsEveryContainer(from);
    if (which) listing = from.join(' ');
  }
  if (!listing) return undefined;
  const verb = group === 'rm' ? 'rm' : `container ${sub}`;
  return finding(
    'cloud.docker-rm-all',
    55,
    `${tool} ${verb} -f removes every ${which === 'all' ? 'container on the machine, running ones included' : 'running container on the machine'} (${listing}): databases and services of other projects stop and lose what they kept outside volumes`,
    which === 'all' ? 'every container' : 'every running container',
    `remove only the containers you mean (${tool} rm NAME…, or ${tool} compose down for this project); ${tool} container prune removes only stopped ones`,
  );
}

export const dockerAnalyzers: Record<string, CliAnalyzer> = {
  docker,
  podman: docker,
  nerdctl: docker,
  'docker-compose': docker,
  'podman-compose': docker,
};
