// Platform CLIs (Railway, Heroku, Fly, Vercel, Netlify, Supabase, Neon,
// Firebase, DigitalOcean, Cloudflare, GitHub, PlanetScale, …). Each is judged
// by the shared verb grammar; what follows are only the commands whose
// consequences their words hide: `heroku pg:reset` empties the database,
// `supabase db reset --linked` resets the remote one, deleting a Railway
// volume deletes the backups kept with it.
import { hasFlag, optionValue } from '../../args';
import type { Finding, SimpleCommand } from '../../types';
import { analyzeSql, sqlEffect } from '../sql';
import { SEV, asksForHelp, finding, isDryRun, weigh, type CliAnalyzer, type Effect } from './common';
import { destructiveSql } from './sqlText';
import { commandWords, judgeDeleteVerb, verbEffect, type VerbCliSpec } from './verbs';

interface PaasSpec extends VerbCliSpec {
  /** Named judgments; `null` means judged harmless, `undefined` falls through to the verb grammar. */
  special?(cmd: SimpleCommand, words: string[]): Finding[] | null | undefined;
  /** This CLI's short nouns (`env` is an environment on Railway, a variable on Vercel). */
  aliases?: Record<string, string>;
  /** Effect of subcommands the verb grammar misreads (`heroku pg:psql -c 'SELECT 1'` only reads). */
  effectOf?(cmd: SimpleCommand, words: string[]): Effect | undefined;
}

function analyzer(spec: PaasSpec): CliAnalyzer {
  const wordsOf = (cmd: SimpleCommand): string[] => {
    const words = commandWords(cmd, spec.valueOptions);
    const aliases = spec.aliases;
    return aliases ? words.map((w, i) => (i < 4 && aliases[w] ? aliases[w] : w)) : words;
  };
  return {
    analyze(cmd) {
      if (asksForHelp(cmd.argv) || isDryRun(cmd.argv)) return undefined;
      const words = wordsOf(cmd);
      if (!words.length || words[0] === 'help') return undefined;
      const special = spec.special?.(cmd, words);
      if (special !== undefined) return special ?? undefined;
      return judgeDeleteVerb(cmd, spec, words);
    },
    effect(cmd) {
      // `railway variables --set K=V`: the option, not the word, changes something.
      if (hasFlag(cmd.argv, ['--set', '--unset', '--remove', '--delete'])) return 'write';
      const words = wordsOf(cmd);
      return spec.effectOf?.(cmd, words) ?? verbEffect(words);
    },
  };
}

// ---- Railway ---------------------------------------------------------------

const railway = analyzer({
  id: 'railway',
  product: 'Railway',
  valueOptions: ['-s', '--service', '-e', '--environment', '-p', '--project', '--volume', '-v', '--json'],
  targetOptions: ['--volume', '-v', '--service', '-s', '--environment', '-e', '--project', '-p'],
  bare: 'top',
  aliases: { env: 'environment', vol: 'volume', volumes: 'volume', services: 'service', vars: 'variables', var: 'variables', variable: 'variables' },
  special(cmd, words) {
    const target = (...opts: string[]) => optionValue(cmd.argv, opts);
    if (words[0] === 'volume' && /^(?:delete|remove|rm)$/.test(words[1] ?? '')) {
      const volume = words[2] ?? target('--volume', '-v');
      // Railway keeps a volume's backups with the volume: PocketOS lost both in one call.
      return [finding('cloud.railway-volume-delete', `railway volume delete deletes the volume ${volume ?? ''} — the database files on it and the backups Railway keeps with it`.replace('  ', ' '),
        SEV.critical, volume ?? 'volume', 'download a backup first and delete from the Railway dashboard, which asks for confirmation')];
    }
    if (words[0] === 'volume' && words[1] === 'detach') {
      return [finding('cloud.railway-volume-detach', 'railway volume detach disconnects the volume from its service: a database on it goes offline', SEV.config,
        words[2] ?? target('--volume', '-v') ?? 'volume', 'check which service uses the volume first')];
    }
    if (words[0] === 'environment' && /^(?:delete|remove|rm)$/.test(words[1] ?? '')) {
      const env = words[2] ?? target('--environment', '-e');
      return [finding('cloud.railway-environment-delete', `railway environment delete deletes the environment ${env ?? ''} with every service, database and volume in it`.replace('  ', ' '),
        weigh(SEV.data, env), env ?? 'environment', 'list the environment\'s services first (railway status)')];
    }
    if (words[0] === 'down') {
      return [finding('cloud.railway-down', 'railway down removes the latest deployment of the service: it goes offline', 60,
        target('--service', '-s') ?? 'service', 'redeploy or roll back instead (railway redeploy)')];
    }
    if (words[0] === 'unlink' || words[0] === 'link' || words[0] === 'logout') return null;
    return undefined;
  },
});

// ---- Heroku ------------------------------------------------------------------

const heroku = analyzer({
  id: 'heroku',
  product: 'Heroku',
  valueOptions: ['-a', '--app', '-r', '--remote', '--confirm', '-t', '--team', '-s', '--space'],
  targetOptions: ['-a', '--app'],
  special(cmd, words) {
    const app = optionValue(cmd.argv, ['-a', '--app', '--confirm']);
    const sub = words[0];
    const db = words[1];
    const where = `${db ?? 'the database'}${app ? ` of ${app}` : ''}`;
    if (sub === 'pg:reset') {
      return [finding('cloud.heroku-pg-reset', `heroku pg:reset deletes every table and row in ${where}`, weigh(SEV.critical, app),
        app ?? db ?? 'database', 'capture a backup first (heroku pg:backups:capture)')];
    }
    if (sub === 'pg:backups:restore' || (sub === 'pg:backups' && words[1] === 'restore')) {
      return [finding('cloud.heroku-pg-restore', `heroku pg:backups:restore overwrites ${app ? `the database of ${app}` : 'the database'} with the backup`, weigh(SEV.data, app),
        app ?? 'database', 'capture a backup of the current data first (heroku pg:backups:capture)')];
    }
    if (sub === 'pg:copy') {
      const dest = words[2];
      return [finding('cloud.heroku-pg-copy', `heroku pg:copy overwrites ${dest ?? 'the target database'}${app ? ` of ${app}` : ''} with another database`, weigh(SEV.data, app, dest),
        app ?? dest ?? 'database', 'capture a backup of the target first (heroku pg:backups:capture)')];
    }
    if (sub === 'apps:destroy' || sub === 'destroy' || sub === 'apps:delete') {
      const name = words[1] ?? app;
      return [finding('cloud.heroku-app-destroy', `heroku apps:destroy deletes the app ${name ?? ''} and its add-ons, its Postgres database included`.replace('  ', ' '), weigh(SEV.critical, name),
        name ?? 'app', 'capture a database backup first (heroku pg:backups:capture) and download it')];
    }
    if (sub === 'addons:destroy' || sub === 'addons:remove' || sub === 'addons:delete') {
      const addon = words[1];
      return [finding('cloud.heroku-addon-destroy', `heroku addons:destroy deletes the add-on ${addon ?? ''} and its data (a Postgres add-on is the database)`.replace('  ', ' '), weigh(SEV.data, addon, app),
        addon ?? app ?? 'add-on', 'capture a backup first (heroku pg:backups:capture)')];
    }
    if (sub === 'pg:kill' || sub === 'pg:killall') {
      return [finding('cloud.heroku-pg-kill', `heroku ${sub} terminates running database queries${app ? ` on ${app}` : ''}`, 45, app ?? 'database', 'heroku pg:ps to look first')];
    }
    if (sub === 'ps:scale' && words.slice(1).some((w) => /=0$/.test(w))) {
      return [finding('cloud.heroku-scale-to-zero', `heroku ps:scale …=0 stops every dyno of that type${app ? ` on ${app}` : ''}`, 45, app ?? 'app', 'heroku maintenance:on, or scale down gradually')];
    }
    if (sub === 'pg:psql') {
      // `heroku pg:psql -c SQL` runs SQL on the app's database: judged like psql -c.
      const sql = optionValue(cmd.argv, ['-c', '--command']);
      if (sql === undefined) return undefined;
      const out = analyzeSql(sql);
      for (const f of out) f.summary += ` in ${where}`;
      return out.length ? out : null;
    }
    return undefined;
  },
  effectOf(cmd, words) {
    if (words[0] !== 'pg:psql') return undefined;
    const sql = optionValue(cmd.argv, ['-c', '--command']);
    return sql === undefined ? 'write' : sqlEffect(sql);
  },
});

// ---- Fly.io --------------------------------------------------------------------

const FLY: PaasSpec = {
  id: 'fly',
  product: 'Fly.io',
  valueOptions: ['-a', '--app', '-c', '--config', '-r', '--region', '-o', '--org', '-t', '--access-token', '--image'],
  targetOptions: ['-a', '--app'],
  bare: 'top',
  aliases: { vol: 'volumes', volume: 'volumes', app: 'apps', machines: 'machine', m: 'machine' },
  special(cmd, words) {
    if (words[0] === 'apps' && /^(?:destroy|delete|remove|rm)$/.test(words[1] ?? '')) {
      const app = words[2] ?? optionValue(cmd.argv, ['-a', '--app']);
      return [finding('cloud.fly-delete', `fly apps destroy deletes the app ${app ?? ''} with its machines and volumes`.replace('  ', ' '), weigh(SEV.critical, app),
        app ?? 'app', 'snapshot its volumes first (fly volumes snapshots create)')];
    }
    if (words[0] === 'scale' && words[1] === 'count' && words[2] === '0') {
      return [finding('cloud.fly-scale-to-zero', 'fly scale count 0 stops every machine of the app', 45, optionValue(cmd.argv, ['-a', '--app']) ?? 'app', 'scale down gradually')];
    }
    return undefined;
  },
};
const fly = analyzer(FLY);

// ---- Supabase ----------------------------------------------------------------------

const supabase = analyzer({
  id: 'supabase',
  product: 'Supabase',
  valueOptions: ['--project-ref', '--db-url', '--workdir', '-p', '--password', '-o', '--output', '--profile', '--org-id', '--schema', '-s'],
  targetOptions: ['--project-ref'],
  special(cmd, words) {
    if (words[0] === 'db' && words[1] === 'reset') {
      // Without --linked / --db-url it resets the local development database: routine.
      const remote = hasFlag(cmd.argv, ['--linked']) || optionValue(cmd.argv, ['--db-url']) !== undefined;
      if (!remote) return null;
      const target = optionValue(cmd.argv, ['--db-url']) ?? optionValue(cmd.argv, ['--project-ref']) ?? 'the linked project';
      return [finding('cloud.supabase-remote-db-reset', `supabase db reset ${hasFlag(cmd.argv, ['--linked']) ? '--linked' : '--db-url'} drops and recreates the remote database (${target}): every row is deleted`,
        SEV.critical, target, 'run `supabase db reset` without --linked to reset the local database; back up the remote one first (supabase db dump)')];
    }
    if (words[0] === 'storage' && /^(?:rm|delete)$/.test(words[1] ?? '')) {
      const target = words[2];
      const recursive = hasFlag(cmd.argv, ['-r', '--recursive']);
      return [finding('cloud.supabase-delete', `supabase storage rm deletes ${recursive ? 'every object under ' : ''}${target ?? 'objects'}`, weigh(recursive ? SEV.data : SEV.small, target),
        target ?? 'storage', 'list the objects first (supabase storage ls)')];
    }
    if (words[0] === 'stop' && hasFlag(cmd.argv, ['--no-backup'])) {
      return [finding('cloud.supabase-stop-no-backup', 'supabase stop --no-backup deletes the local database volumes', 45, 'local database', 'supabase stop (keeps the data)')];
    }
    return undefined;
  },
});

// ---- Neon ------------------------------------------------------------------------

const NEON: PaasSpec = {
  id: 'neon',
  product: 'Neon',
  valueOptions: ['--project-id', '--api-key', '--org-id', '-o', '--output', '--context-file', '--config-dir', '--parent', '--branch'],
  targetOptions: ['--project-id', '--branch'],
  aliases: { project: 'projects', branch: 'branches', database: 'databases', db: 'databases', role: 'roles' },
  special(_cmd, words) {
    if (words[0] === 'branches' && (words[1] === 'reset' || words[1] === 'restore')) {
      const branch = words[2];
      return [finding('cloud.neon-branch-reset', `neonctl branches ${words[1]} replaces the data of branch ${branch ?? ''} with ${words[1] === 'reset' ? 'its parent\'s' : 'an earlier state'}: changes made on it are lost`.replace('  ', ' '),
        weigh(75, branch), branch ?? 'branch', 'create a branch from it first to keep its current state')];
    }
    return undefined;
  },
};

// ---- Firebase --------------------------------------------------------------------

const firebase = analyzer({
  id: 'firebase',
  product: 'Firebase',
  valueOptions: ['-P', '--project', '--token', '--config', '--database', '--instance', '--only', '--except', '--site'],
  targetOptions: ['-P', '--project'],
  special(cmd, words) {
    const project = optionValue(cmd.argv, ['-P', '--project']);
    const sub = words[0];
    if (sub === 'firestore:delete') {
      const path = words[1];
      if (hasFlag(cmd.argv, ['--all-collections'])) {
        return [finding('cloud.firebase-firestore-delete-all', `firebase firestore:delete --all-collections deletes every document in the Firestore database${project ? ` of ${project}` : ''}`,
          weigh(SEV.critical, project), project ?? 'Firestore', 'export first (gcloud firestore export gs://…)')];
      }
      const recursive = hasFlag(cmd.argv, ['-r', '--recursive']);
      return [finding('cloud.firebase-firestore-delete', `firebase firestore:delete deletes ${recursive ? 'every document under ' : ''}${path ?? 'a document'}`, weigh(recursive ? SEV.data : SEV.config, project, path),
        path ?? project ?? 'Firestore', 'export first (gcloud firestore export gs://…)')];
    }
    if (sub === 'database:remove') {
      const path = words[1] ?? '/';
      return [finding('cloud.firebase-database-remove', `firebase database:remove deletes ${path === '/' ? 'the whole Realtime Database' : `everything under ${path}`}`, weigh(path === '/' ? SEV.critical : SEV.data, project),
        path, 'download the data first (firebase database:get)')];
    }
    if (sub === 'database:set') {
      const path = words[1] ?? '/';
      return [finding('cloud.firebase-database-set', `firebase database:set replaces everything under ${path} in the Realtime Database`, weigh(path === '/' ? SEV.data : SEV.config, project),
        path, 'use database:update, or download the data first (firebase database:get)')];
    }
    if (sub === 'hosting:disable') {
      return [finding('cloud.firebase-hosting-disable', 'firebase hosting:disable takes the hosted site offline', SEV.config, project ?? 'site', 'deploy a maintenance page instead')];
    }
    return undefined;
  },
});

// ---- Cloudflare -----------------------------------------------------------------------

const wrangler = analyzer({
  id: 'wrangler',
  product: 'Cloudflare',
  valueOptions: ['-c', '--config', '-e', '--env', '--command', '--file', '--name', '--binding', '--namespace-id', '--persist-to'],
  targetOptions: ['--name'],
  bare: 'service',
  special(cmd, words) {
    if (words[0] === 'd1' && words[1] === 'execute') {
      // Local by default since wrangler 3; --remote reaches the production database.
      if (!hasFlag(cmd.argv, ['--remote'])) return null;
      const file = optionValue(cmd.argv, ['--file']);
      const sql = optionValue(cmd.argv, ['--command']) ?? '';
      const what = destructiveSql(sql);
      if (what) {
        return [finding('cloud.wrangler-d1-destructive-sql', `wrangler d1 execute --remote runs ${what} against the D1 database ${words[2] ?? ''}`.trim(), SEV.data,
          words[2], 'export first (wrangler d1 export --remote)')];
      }
      if (file !== undefined) {
        return [finding('cloud.wrangler-d1-remote-file', `wrangler d1 execute --remote runs the SQL file ${file} against the D1 database ${words[2] ?? ''}`.trim(), 45,
          words[2], 'run it locally first, and export the remote database (wrangler d1 export --remote)')];
      }
      return null;
    }
    return undefined;
  },
});

// ---- GitHub ----------------------------------------------------------------------------

const gh = analyzer({
  id: 'gh',
  product: 'GitHub',
  valueOptions: ['-R', '--repo', '--hostname', '-q', '--jq', '-t', '--template', '--json'],
  targetOptions: ['-R', '--repo'],
  special(cmd, words) {
    if (words[0] === 'api') return null; // judged by the HTTP pack
    if (words[0] === 'repo' && words[1] === 'delete') {
      const repo = words[2] ?? optionValue(cmd.argv, ['-R', '--repo']) ?? 'the current repository';
      return [finding('cloud.gh-repo-delete', `gh repo delete deletes ${repo} with its issues, pull requests, wiki and releases`, weigh(SEV.critical, repo), repo,
        'archive it instead (gh repo archive)')];
    }
    if (words[0] === 'project' && words[1] === 'delete') {
      return [finding('cloud.gh-delete', 'gh project delete deletes the GitHub project board', SEV.config, words[2] ?? 'project', 'close it instead (gh project close)')];
    }
    // Actions caches are rebuilt by the next run.
    if (words[0] === 'cache' && /^(?:delete|rm)$/.test(words[1] ?? '')) return null;
    if (words[0] === 'repo' && words[1] === 'edit' && optionValue(cmd.argv, ['--visibility']) === 'public') {
      const repo = words[2] ?? optionValue(cmd.argv, ['-R', '--repo']) ?? 'the current repository';
      return [finding('cloud.gh-repo-public', `gh repo edit --visibility public publishes ${repo}: its code and history become readable by anyone`, 70, repo,
        'ask the user; check the history for secrets first')];
    }
    return undefined;
  },
});

// GitLab's CLI follows gh's grammar; deleting a project loses its issues, merge requests and wiki.
const GLAB: PaasSpec = {
  id: 'glab',
  product: 'GitLab',
  valueOptions: ['-R', '--repo', '-g', '--group', '-F', '--output'],
  targetOptions: ['-R', '--repo'],
  special(cmd, words) {
    if (words[0] === 'repo' && /^(?:delete|rm)$/.test(words[1] ?? '')) {
      const repo = words[2] ?? optionValue(cmd.argv, ['-R', '--repo']) ?? 'the current project';
      return [finding('cloud.glab-repo-delete', `glab repo delete deletes ${repo} with its issues, merge requests and wiki`, weigh(SEV.critical, repo), repo, 'archive it instead (glab repo archive)')];
    }
    return undefined;
  },
};

// ---- Elastic Beanstalk, Amplify, Copilot -----------------------------------------------

const eb = analyzer({
  id: 'eb',
  product: 'Elastic Beanstalk',
  valueOptions: ['--profile', '--region', '-r', '--timeout'],
  special(cmd, words) {
    if (words[0] !== 'terminate') return undefined;
    const all = hasFlag(cmd.argv, ['--all']);
    return [finding('cloud.eb-terminate', `eb terminate deletes the environment ${words[1] ?? ''}${all ? ' and the whole application' : ''} with its instances and any database created with it`.replace('  ', ' '),
      weigh(all ? SEV.critical : SEV.data, words[1]), words[1] ?? 'environment', 'decouple the database first and snapshot it')];
  },
});

const amplify = analyzer({
  id: 'amplify',
  product: 'AWS Amplify',
  bare: 'top',
  special(_cmd, words) {
    // `amplify remove CATEGORY` only edits the local backend until the next push.
    if (words[0] === 'remove') return null;
    return undefined;
  },
});

const copilot = analyzer({
  id: 'copilot',
  product: 'AWS Copilot',
  valueOptions: ['-a', '--app', '-e', '--env', '-n', '--name'],
  targetOptions: ['-n', '--name', '-a', '--app'],
  aliases: { env: 'environment', svc: 'service' },
});

// ---- Everything that follows the grammar as is -----------------------------------------

function simple(id: string, product: string, extra: Partial<PaasSpec> = {}): CliAnalyzer {
  return analyzer({ id, product, ...extra });
}

const vercel = simple('vercel', 'Vercel', {
  valueOptions: ['--scope', '--token', '-t', '-A', '--local-config', '-Q', '--global-config', '--cwd', '-S'],
  bare: 'service',
});
const netlify = simple('netlify', 'Netlify', { valueOptions: ['--site', '--auth', '--filter', '-s'], targetOptions: ['--site'] });
const doctl = simple('doctl', 'DigitalOcean', { valueOptions: ['--context', '-t', '--access-token', '-o', '--output', '--format', '--config', '-u', '--api-url'] });
const neonctl = analyzer(NEON);

export const paasAnalyzers: Record<string, CliAnalyzer> = {
  railway,
  heroku,
  fly,
  flyctl: fly,
  vercel,
  netlify,
  supabase,
  neonctl,
  neon: neonctl,
  firebase,
  doctl,
  wrangler,
  gh,
  eb,
  amplify,
  copilot,
  pscale: simple('pscale', 'PlanetScale', { valueOptions: ['--org', '--service-token', '--service-token-id', '-f', '--format'] }),
  turso: simple('turso', 'Turso', { valueOptions: ['--group', '--location', '-l'] }),
  atlas: simple('atlas', 'MongoDB Atlas', { valueOptions: ['--projectId', '--orgId', '-o', '--output', '-P', '--profile', '--clusterName'] }),
  mongocli: simple('mongocli', 'MongoDB Atlas', { valueOptions: ['--projectId', '--orgId', '-o', '--output', '-P', '--profile'] }),
  hcloud: simple('hcloud', 'Hetzner Cloud', { valueOptions: ['--context', '-o', '--output'] }),
  'linode-cli': simple('linode', 'Linode', { aliases: { linodes: 'instances' } }),
  'vultr-cli': simple('vultr', 'Vultr'),
  scw: simple('scw', 'Scaleway', { valueOptions: ['-p', '--profile', '-o', '--output', '-c', '--config'] }),
  oci: simple('oci', 'Oracle Cloud', { valueOptions: ['--profile', '--region', '--config-file', '--output', '--query', '--compartment-id'] }),
  ibmcloud: simple('ibmcloud', 'IBM Cloud', { valueOptions: ['-r', '-g', '--output'] }),
  render: simple('render', 'Render', { valueOptions: ['-o', '--output'] }),
  koyeb: simple('koyeb', 'Koyeb', { valueOptions: ['-o', '--output', '--organization'] }),
  cf: simple('cf', 'Cloud Foundry', { bare: 'service' }),
  dokku: simple('dokku', 'Dokku'),
  kamal: simple('kamal', 'Kamal', { valueOptions: ['-d', '--destination', '-c', '--config-file', '-r', '--roles', '-h', '--hosts'], bare: 'service' }),
  platform: simple('platformsh', 'Platform.sh', { valueOptions: ['-p', '--project', '-e', '--environment'] }),
  upsun: simple('upsun', 'Upsun', { valueOptions: ['-p', '--project', '-e', '--environment'] }),
  upstash: simple('upstash', 'Upstash'),
  stripe: simple('stripe', 'Stripe', { valueOptions: ['--api-key', '--project-name', '-p', '-d', '--data'], bare: 'config' }),
  algolia: simple('algolia', 'Algolia', { valueOptions: ['--profile', '-p', '--application-id'] }),
  glab: analyzer(GLAB),
  helmfile: simple('helmfile', 'Helmfile', { valueOptions: ['-f', '--file', '-e', '--environment', '-n', '--namespace', '--kube-context', '-l', '--selector'], bare: 'service' }),
  velero: simple('velero', 'Velero', { valueOptions: ['-n', '--namespace', '--kubecontext', '--kubeconfig', '--selector', '-l'] }),
  argocd: simple('argocd', 'Argo CD', { valueOptions: ['--server', '--auth-token', '--grpc-web-root-path', '-o', '--output', '--cascade', '--propagation-policy'] }),
  flux: simple('flux', 'Flux', { valueOptions: ['-n', '--namespace', '--context', '--kubeconfig'] }),
  eksctl: simple('eksctl', 'Amazon EKS', { valueOptions: ['--name', '-n', '--region', '-r', '--profile', '-f', '--config-file', '--cluster'], targetOptions: ['--name', '-n', '--cluster'] }),
};
