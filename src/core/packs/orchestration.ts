// Orchestration and deployment: GitOps syncs that prune what Git no longer
// names, job purges, admission and pod-security labels that switch policy
// off, and deploys that skip their approval step. Syncing, diffing, planning
// and ordinary deploys to non-production stay quiet; production targets are
// weighed by the environment like every other command.
import { hasFlag, optionValue, optionValues, positionals } from '../command/args';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { asksForHelp } from './common/deletion';
import { analyzer } from './common/verbSpec';
import { finding } from './common/finding';
import { own } from '../text/own';

const ALT_PRUNE = 'run the sync without --prune (or with --dry-run) and read what would be deleted first';
const ALT_POLICY = 'keep the policy on; exempt the one workload that needs it, with a human';
const ALT_APPROVAL = 'run the deploy through its approval step';

function argocd(cmd: SimpleCommand): Finding[] {
  const argv = cmd.argv;
  const w = positionals(argv, [
    '--server',
    '--auth-token',
    '-o',
    '--output',
    '--revision',
    '--resource',
    '--label',
    '-l',
    '--sync-policy',
    '--project',
    '--timeout',
    '--retry-limit',
    '--strategy',
  ]);
  const app = w[2];
  if (w[0] === 'app' && w[1] === 'sync') {
    const out: Finding[] = [];
    if (hasFlag(argv, ['--prune']))
      out.push(
        finding(
          'deploy.gitops-prune',
          65,
          `argocd app sync --prune deletes every resource of ${app ?? 'the app'} that Git no longer declares`,
          app,
          ALT_PRUNE,
        ),
      );
    if (hasFlag(argv, ['--replace']) && hasFlag(argv, ['--force']))
      out.push(
        finding(
          'deploy.gitops-prune',
          65,
          `argocd app sync --force --replace deletes and recreates the resources of ${app ?? 'the app'}`,
          app,
          ALT_PRUNE,
        ),
      );
    return out;
  }
  if (
    w[0] === 'app' &&
    (w[1] === 'set' || w[1] === 'create') &&
    (hasFlag(argv, ['--auto-prune']) || optionValue(argv, ['--sync-option'])?.includes('Prune=true'))
  ) {
    return [
      finding(
        'deploy.gitops-prune',
        55,
        `argocd app ${w[1]} --auto-prune makes every later sync of ${app ?? 'the app'} delete what Git no longer declares`,
        app,
        ALT_PRUNE,
      ),
    ];
  }
  return [];
}

const nomad = analyzer({
  id: 'nomad',
  family: 'deploy',
  product: 'Nomad',
  valueOptions: ['-address', '-region', '-namespace', '-token'],
  special(cmd, w) {
    if (w[0] === 'job' && w[1] === 'stop' && cmd.argv.some((a) => /^--?purge$/.test(a))) {
      return [
        finding(
          'deploy.job-purge',
          70,
          `nomad job stop -purge stops ${w[2] ?? 'the job'} and deletes it and its history from Nomad`,
          w[2],
          'stop it without -purge: it can then be started again and inspected',
        ),
      ];
    }
    if (w[0] === 'system' && w[1] === 'gc')
      return [
        finding(
          'deploy.job-purge',
          55,
          'nomad system gc purges every dead job, allocation and evaluation from the cluster',
          'Nomad',
          'let Nomad collect garbage on its own schedule',
        ),
      ];
    if (w[0] === 'job' && w[1] === 'stop')
      return [
        finding(
          'deploy.job-stop',
          55,
          `nomad job stop stops every allocation of ${w[2] ?? 'the job'}`,
          w[2],
          'scale it down or roll out a new version instead',
        ),
      ];
    return undefined;
  },
});

/** Labels and annotations that switch an admission controller or pod security off for a namespace. */
const POLICY_LABEL =
  /(?:pod-security\.kubernetes\.io\/(?:enforce|audit|warn)|admission|policy|gatekeeper|kyverno|sigstore|opa|psp|security|istio-injection|linkerd\.io\/inject|webhook)/i;
const OFF_VALUE = /^(?:false|disabled?|privileged|ignore|exempt|off|none|0)$/i;

function kubectl(cmd: SimpleCommand): Finding[] {
  const argv = cmd.argv;
  const w = positionals(argv, ['-n', '--namespace', '--context', '--kubeconfig', '-l', '--selector', '-o', '--output']);
  if (w[0] !== 'label' && w[0] !== 'annotate') return [];
  for (const word of w.slice(2)) {
    const eq = word.indexOf('=');
    const key = eq === -1 ? word.replace(/-$/, '') : word.slice(0, eq);
    if (!POLICY_LABEL.test(key)) continue;
    const removed = eq === -1 && word.endsWith('-');
    if (removed || (eq !== -1 && OFF_VALUE.test(word.slice(eq + 1)))) {
      return [
        finding(
          'deploy.policy-off',
          65,
          `kubectl ${w[0]} ${w[1] ?? ''} ${w[2] ?? ''} ${removed ? `removes ${key}` : `sets ${word}`}: admission or security policy stops applying there`.replace(
            /\s+/g,
            ' ',
          ),
          w[2] ?? w[1],
          ALT_POLICY,
        ),
      ];
    }
  }
  return [];
}

/** Workflow inputs that skip the approval or checks of a deploy. */
const SKIP_INPUT =
  /(?:skip|bypass|no)[-_]?(?:approv|review|check|gate|test|verif|confirm)|auto[-_]?approve|force[-_]?deploy|disable[-_]?(?:approv|check|gate)/i;
const TRUE = /^(?:true|yes|1|on)$/i;
const PRODUCTION = /(?:^|[^a-z0-9])(?:prod|production|prd|live)\d*(?:[^a-z0-9]|$)/i;

function gh(cmd: SimpleCommand): Finding[] {
  const argv = cmd.argv;
  const w = positionals(argv, ['-f', '--field', '-F', '--raw-field', '-R', '--repo', '-r', '--ref', '--json']);
  if (w[0] !== 'workflow' || w[1] !== 'run') return [];
  const inputs = optionValues(argv, ['-f', '--field', '-F', '--raw-field']);
  const skip = inputs.find((i) => SKIP_INPUT.test(i.split('=')[0]) && TRUE.test(i.slice(i.indexOf('=') + 1)));
  if (skip)
    return [
      finding(
        'deploy.approval-skipped',
        70,
        `gh workflow run ${w[2] ?? ''} sets ${skip}: the workflow skips its approval or checks`.replace('  ', ' '),
        w[2],
        ALT_APPROVAL,
      ),
    ];
  const prod = inputs.find((i) => PRODUCTION.test(i.slice(i.indexOf('=') + 1)));
  if (prod)
    return [
      finding(
        'deploy.production-workflow',
        60,
        `gh workflow run ${w[2] ?? ''} starts a workflow for production (${prod})`.replace('  ', ' '),
        w[2],
        'let a human start production workflows',
      ),
    ];
  return [];
}

/** Deploy tools' own ways of skipping the review step. */
function skippedApproval(cmd: SimpleCommand): Finding[] {
  const argv = cmd.argv;
  if (argv[0] === 'cdk' && positionals(argv)[0] === 'deploy' && optionValue(argv, ['--require-approval']) === 'never') {
    return [
      finding(
        'deploy.approval-skipped',
        55,
        'cdk deploy --require-approval never deploys security-sensitive changes without showing them',
        'CDK app',
        ALT_APPROVAL,
      ),
    ];
  }
  return [];
}

/** Ansible modules that only look, and those whose command line is judged on its own as run on the hosts (parse/ansible.ts). */
const ANSIBLE_READS =
  /^(?:ansible\.builtin\.|ansible\.windows\.)?(?:ping|win_ping|setup|gather_facts|debug|stat|win_stat|find|service_facts|package_facts|command|shell|raw|win_shell|win_command)$/;
const ANSIBLE_LOOKS = new Set(['--check', '-C', '--syntax-check', '--list-hosts', '--list-tasks', '--list-tags']);

/** Whether an ansible call only looks: its own module is a read, or it only lists or checks. What its tasks run is judged as commands. */
function ansibleEffect(cmd: SimpleCommand): 'read' | undefined {
  const argv = cmd.argv;
  if (argv.some((a) => ANSIBLE_LOOKS.has(a))) return 'read';
  if (argv[0] !== 'ansible') return undefined;
  return ANSIBLE_READS.test(optionValue(argv, ['-m', '--module-name']) ?? 'command') ? 'read' : undefined;
}

const HANDLERS: Record<string, (cmd: SimpleCommand, ctx: AnalysisContext) => Finding[]> = {
  ansible: () => [],
  'ansible-playbook': () => [],
  argocd,
  nomad: (cmd, ctx) => nomad.analyze(cmd, ctx) ?? [],
  kubectl,
  oc: kubectl,
  gh,
  cdk: skippedApproval,
};

export const orchestrationPack: Pack = {
  id: 'deploy',
  commands: Object.keys(HANDLERS),
  analyze(cmd, ctx) {
    if (asksForHelp(cmd.argv)) return undefined;
    const out = own(HANDLERS, cmd.argv[0])?.(cmd, ctx) ?? [];
    return out.length ? out : undefined;
  },
  effect(cmd, ctx) {
    if (cmd.argv[0] === 'ansible' || cmd.argv[0] === 'ansible-playbook') return ansibleEffect(cmd);
    return cmd.argv[0] === 'nomad' ? nomad.effect?.(cmd, ctx) : undefined;
  },
};
