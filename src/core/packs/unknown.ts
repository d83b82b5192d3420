// Words that cannot be known before the command runs. A program name built at
// run time (`r${x}m`, `$c` after `read c`) could be anything, so it asks; so
// does a subcommand or an option built at run time for a program whose
// subcommands destroy (`aws s3 r${x}b`, `git push -${f}`). Operands built at
// run time (`rm -rf "$DIR"`) are each pack's own business.
import type { Finding, Pack, SimpleCommand } from '../types';
import { finding } from './common/finding';
import { own, owns } from '../text/own';
import { programLeftToRunTime } from '../parse/normalize';

/**
 * Programs with destructive subcommands, and how many leading operands name
 * the subcommand (`aws s3 rb` → 2, `gcloud sql instances delete` → 3).
 */
const SUBCOMMAND_DEPTH: Readonly<Record<string, number>> = {
  git: 1,
  aws: 2,
  gcloud: 3,
  gsutil: 1,
  az: 3,
  kubectl: 1,
  oc: 1,
  helm: 1,
  docker: 1,
  podman: 1,
  terraform: 1,
  tofu: 1,
  pulumi: 2,
  cdk: 1,
  heroku: 1,
  railway: 1,
  fly: 2,
  flyctl: 2,
  vercel: 1,
  netlify: 1,
  supabase: 2,
  firebase: 1,
  doctl: 3,
  gh: 2,
  prisma: 2,
  rails: 2,
  rake: 1,
  redis: 1,
  'redis-cli': 1,
  wrangler: 2,
  neonctl: 2,
  systemctl: 1,
  launchctl: 1,
  s3cmd: 1,
  rclone: 1,
  b2: 1,
  psql: 0,
  mysql: 0,
  rm: 0,
  dd: 0,
  shred: 0,
  find: 0,
  chmod: 0,
  chown: 0,
  mkfs: 0,
  kill: 0,
  pkill: 0,
  killall: 0,
  truncate: 0,
  rsync: 0,
  crontab: 0,
  sqlite3: 0,
  mongosh: 0,
  dropdb: 0,
  npm: 1,
  pnpm: 1,
  yarn: 1,
};

/** Object groups whose verb comes one word later (`docker volume rm`, `docker container prune`). */
const DOCKER_GROUPS: ReadonlySet<string> = new Set([
  'container',
  'image',
  'volume',
  'network',
  'system',
  'builder',
  'buildx',
  'compose',
  'context',
  'plugin',
  'secret',
  'service',
  'stack',
  'node',
  'config',
  'swarm',
  'manifest',
]);
const GROUPS: Readonly<Record<string, ReadonlySet<string>>> = { docker: DOCKER_GROUPS, podman: DOCKER_GROUPS };

/** Options of these programs that take a value, so the value is not read as the subcommand. */
const VALUE_OPTIONS = new Set([
  '-C',
  '-c',
  '--profile',
  '--region',
  '--project',
  '--context',
  '-n',
  '--namespace',
  '--app',
  '-a',
  '--config',
  '--git-dir',
  '--work-tree',
  '--output',
  '-o',
  '--subscription',
  '--resource-group',
  '-g',
  '--kubeconfig',
  '--endpoint-url',
  '--host',
  '-H',
]);

function unknownFinding(id: string, summary: string, target: string): Finding {
  return finding(
    id,
    50,
    summary,
    target,
    'write the command out in full, with the program and its subcommand as plain words',
  );
}

function unknownProgram(cmd: SimpleCommand): Finding {
  const name = cmd.argv[0];
  return unknownFinding(
    'parse.unknown-program',
    `the program to run ('${name.slice(0, 60)}') is only known when the command runs, so AgentGuard cannot tell what it would do`,
    name.slice(0, 120),
  );
}

/** `--message=$MSG` names the option plainly; only its value is unknown. */
function optionName(a: string): string {
  const eq = a.indexOf('=');
  return eq === -1 ? a : a.slice(0, eq);
}

function unknownSubcommand(cmd: SimpleCommand): Finding | undefined {
  let depth = own(SUBCOMMAND_DEPTH, cmd.argv[0]) ?? 0;
  const argv = cmd.argv;
  const groups = own(GROUPS, argv[0]);
  let operands = 0;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const dyn = cmd.dynamic[i];
    if (a.length > 1 && a[0] === '-') {
      // An option spelled at run time (`-${x}f`, `--for$c`) may be the one that destroys.
      if (dyn && optionName(a).includes('$'))
        return unknownFinding(
          'parse.unknown-option',
          `an option of ${argv[0]} ('${a.slice(0, 40)}') is only known when the command runs`,
          a.slice(0, 120),
        );
      if (VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    if (operands >= depth) continue;
    operands++;
    if (operands === 1 && groups?.has(a)) depth++;
    if (dyn)
      return unknownFinding(
        'parse.unknown-subcommand',
        `the ${argv[0]} subcommand ('${a.slice(0, 40)}') is only known when the command runs, and some of its subcommands destroy data`,
        a.slice(0, 120),
      );
  }
  return undefined;
}

export const unknownPack: Pack = {
  id: 'parse',
  commands: '*',
  analyze(cmd) {
    if (!cmd.dynamic.includes(true)) return undefined;
    if (cmd.dynamic[0]) return programLeftToRunTime(cmd) ? undefined : [unknownProgram(cmd)];
    if (!owns(SUBCOMMAND_DEPTH, cmd.argv[0])) return undefined;
    const f = unknownSubcommand(cmd);
    return f ? [f] : undefined;
  },
};
