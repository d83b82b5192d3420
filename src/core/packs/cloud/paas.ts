// Platform CLIs (Railway, Heroku, Fly, Vercel, Netlify, Supabase, Neon,
// Firebase, DigitalOcean, Cloudflare, GitHub, PlanetScale, …). Each is judged
// by the shared verb grammar; what follows are only the commands whose
// consequences their words hide: `heroku pg:reset` empties the database,
// `supabase db reset --linked` resets the remote one, deleting a Railway
// volume deletes the backups kept with it.
import { hasFlag } from '../../command/args';
import { SEV, weigh, type CliAnalyzer } from '../common/deletion';
import { analyzer, type PaasSpec } from '../common/verbSpec';
import { firebase, NEON, supabase } from './paas/backends';
import { fly, heroku, railway } from './paas/apps';
import { gh, GLAB, wrangler } from './paas/hosts';
import { finding } from '../common/finding';

// ---- Elastic Beanstalk, Amplify, Copilot -----------------------------------------------

const eb = analyzer({
  id: 'eb',
  product: 'Elastic Beanstalk',
  valueOptions: ['--profile', '--region', '-r', '--timeout'],
  special(cmd, words) {
    if (words[0] !== 'terminate') return undefined;
    const all = hasFlag(cmd.argv, ['--all']);
    return [
      finding(
        'cloud.eb-terminate',
        weigh(all ? SEV.critical : SEV.data, words[1]),
        `eb terminate deletes the environment ${words[1] ?? ''}${all ? ' and the whole application' : ''} with its instances and any database created with it`.replace(
          '  ',
          ' ',
        ),
        words[1] ?? 'environment',
        'decouple the database first and snapshot it',
      ),
    ];
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
const netlify = simple('netlify', 'Netlify', {
  valueOptions: ['--site', '--auth', '--filter', '-s'],
  targetOptions: ['--site'],
});
const doctl = simple('doctl', 'DigitalOcean', {
  valueOptions: ['--context', '-t', '--access-token', '-o', '--output', '--format', '--config', '-u', '--api-url'],
});
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
  pscale: simple('pscale', 'PlanetScale', {
    valueOptions: ['--org', '--service-token', '--service-token-id', '-f', '--format'],
  }),
  turso: simple('turso', 'Turso', { valueOptions: ['--group', '--location', '-l'] }),
  atlas: simple('atlas', 'MongoDB Atlas', {
    valueOptions: ['--projectId', '--orgId', '-o', '--output', '-P', '--profile', '--clusterName'],
  }),
  mongocli: simple('mongocli', 'MongoDB Atlas', {
    valueOptions: ['--projectId', '--orgId', '-o', '--output', '-P', '--profile'],
  }),
  hcloud: simple('hcloud', 'Hetzner Cloud', { valueOptions: ['--context', '-o', '--output'] }),
  'linode-cli': simple('linode', 'Linode', { aliases: { linodes: 'instances' } }),
  'vultr-cli': simple('vultr', 'Vultr'),
  scw: simple('scw', 'Scaleway', { valueOptions: ['-p', '--profile', '-o', '--output', '-c', '--config'] }),
  oci: simple('oci', 'Oracle Cloud', {
    valueOptions: ['--profile', '--region', '--config-file', '--output', '--query', '--compartment-id'],
  }),
  ibmcloud: simple('ibmcloud', 'IBM Cloud', { valueOptions: ['-r', '-g', '--output'] }),
  render: simple('render', 'Render', { valueOptions: ['-o', '--output'] }),
  koyeb: simple('koyeb', 'Koyeb', { valueOptions: ['-o', '--output', '--organization'] }),
  cf: simple('cf', 'Cloud Foundry', { bare: 'service' }),
  dokku: simple('dokku', 'Dokku'),
  kamal: simple('kamal', 'Kamal', {
    valueOptions: ['-d', '--destination', '-c', '--config-file', '-r', '--roles', '-h', '--hosts'],
    bare: 'service',
    // `kamal app exec CMD`: CMD is judged on its own, against the destination it runs on.
    effectOf: (_cmd, words) => (words[0] === 'app' && words[1] === 'exec' && words.length > 2 ? 'read' : undefined),
  }),
  platform: simple('platformsh', 'Platform.sh', { valueOptions: ['-p', '--project', '-e', '--environment'] }),
  upsun: simple('upsun', 'Upsun', { valueOptions: ['-p', '--project', '-e', '--environment'] }),
  upstash: simple('upstash', 'Upstash'),
  stripe: simple('stripe', 'Stripe', {
    valueOptions: ['--api-key', '--project-name', '-p', '-d', '--data'],
    bare: 'config',
  }),
  algolia: simple('algolia', 'Algolia', { valueOptions: ['--profile', '-p', '--application-id'] }),
  glab: analyzer(GLAB),
  helmfile: simple('helmfile', 'Helmfile', {
    valueOptions: ['-f', '--file', '-e', '--environment', '-n', '--namespace', '--kube-context', '-l', '--selector'],
    bare: 'service',
  }),
  velero: simple('velero', 'Velero', {
    valueOptions: ['-n', '--namespace', '--kubecontext', '--kubeconfig', '--selector', '-l'],
  }),
  argocd: simple('argocd', 'Argo CD', {
    valueOptions: [
      '--server',
      '--auth-token',
      '--grpc-web-root-path',
      '-o',
      '--output',
      '--cascade',
      '--propagation-policy',
    ],
  }),
  flux: simple('flux', 'Flux', { valueOptions: ['-n', '--namespace', '--context', '--kubeconfig'] }),
  eksctl: simple('eksctl', 'Amazon EKS', {
    valueOptions: ['--name', '-n', '--region', '-r', '--profile', '-f', '--config-file', '--cluster'],
    targetOptions: ['--name', '-n', '--cluster'],
  }),
};
