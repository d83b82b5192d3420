// Infrastructure as code: terraform / tofu / terragrunt, pulumi, cdk / cdktf,
// serverless, sam. `destroy` tears down everything a configuration manages;
// an apply nobody reviewed may do the same, so applying without a plan review
// asks too, at a lower severity.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import { SEV, asksForHelp, weigh, type CliAnalyzer } from '../common/deletion';
import { finding } from '../common/finding';
import { terraform } from './terraform';

// ---- pulumi ------------------------------------------------------------------

const PULUMI_VALUE_OPTIONS = [
  '-s',
  '--stack',
  '-C',
  '--cwd',
  '-t',
  '--target',
  '--config-file',
  '-m',
  '--message',
  '-p',
  '--parallel',
  '--exec-kind',
  '--exec-agent',
  '--color',
  '-v',
  '--verbose',
  '--tracing',
  '--policy-pack',
  '--secrets-provider',
  '-c',
  '--config',
  '--replace',
];

const PULUMI_READS = new Set([
  'preview',
  'pre',
  'whoami',
  'version',
  'about',
  'logs',
  'login',
  'logout',
  'plugin',
  'schema',
  'gen-completion',
  'help',
]);

const pulumi: CliAnalyzer = {
  analyze(cmd) {
    const argv = cmd.argv;
    if (asksForHelp(argv)) return undefined;
    const words = positionals(argv, PULUMI_VALUE_OPTIONS);
    const stack = optionValue(argv, ['-s', '--stack']) ?? cmd.env.PULUMI_STACK;
    const sub = words[0];
    if (sub === 'destroy' || sub === 'down' || sub === 'dn') {
      if (hasFlag(argv, ['--preview-only'])) return undefined;
      const targets = optionValues(argv, ['-t', '--target']);
      return [
        finding(
          'cloud.pulumi-destroy',
          weigh(targets.length ? 75 : SEV.critical, stack),
          `pulumi destroy deletes ${targets.length ? targets.slice(0, 3).join(', ') : 'every resource in the stack'}${stack ? ` ${stack}` : ''}`,
          stack ?? cmd.cwd,
          'run `pulumi destroy --preview-only` first and review the list',
        ),
      ];
    }
    if (sub === 'stack' && (words[1] === 'rm' || words[1] === 'remove')) {
      const name = words[2] ?? stack;
      const force = hasFlag(argv, ['-f', '--force']);
      return [
        finding(
          'cloud.pulumi-stack-rm',
          weigh(force ? 80 : 70, name),
          `pulumi stack rm deletes the stack ${name ?? ''} and its history${force ? ', even though it still manages resources (they are left unmanaged)' : ''}`.replace(
            '  ',
            ' ',
          ),
          name,
          'pulumi stack export > backup.json first',
        ),
      ];
    }
    if (sub === 'state' && (words[1] === 'delete' || words[1] === 'rm')) {
      return [
        finding(
          'cloud.pulumi-state-delete',
          55,
          `pulumi state delete makes Pulumi forget ${words[2] ?? 'a resource'}`,
          words[2],
          'pulumi stack export > backup.json first',
        ),
      ];
    }
    if (
      (sub === 'up' || sub === 'update') &&
      (hasFlag(argv, ['-y', '--yes', '--skip-preview']) || hasFlag(argv, ['-f']))
    ) {
      return [
        finding(
          'cloud.pulumi-up-unreviewed',
          50,
          'pulumi up --yes applies changes nobody reviewed, including any deletions or replacements',
          stack ?? cmd.cwd,
          'run `pulumi preview` and review it, then `pulumi up`',
        ),
      ];
    }
    return undefined;
  },
  effect(cmd) {
    const words = positionals(cmd.argv, PULUMI_VALUE_OPTIONS);
    const sub = words[0];
    if (sub === undefined || PULUMI_READS.has(sub)) return 'read';
    if (sub === 'stack')
      return words[1] === undefined ||
        ['ls', 'output', 'export', 'history', 'select', 'graph', 'tag'].includes(words[1])
        ? 'read'
        : 'write';
    if (sub === 'config') return words[1] === undefined || words[1] === 'get' ? 'read' : 'write';
    if (sub === 'destroy' && hasFlag(cmd.argv, ['--preview-only'])) return 'read';
    return 'write';
  },
};

// ---- cdk / cdktf -------------------------------------------------------------

const CDK_VALUE_OPTIONS = [
  '-a',
  '--app',
  '--profile',
  '-c',
  '--context',
  '-o',
  '--output',
  '-r',
  '--role-arn',
  '--toolkit-stack-name',
  '--ca-bundle-path',
  '--plugin',
  '-p',
];
const CDK_READS = new Set([
  'synth',
  'synthesize',
  'diff',
  'ls',
  'list',
  'doctor',
  'docs',
  'doc',
  'metadata',
  'notices',
  'acknowledge',
  'ack',
  'version',
  'get',
  'output',
  'outputs',
  'init',
  'watch',
]);

function cdkFor(tool: string): CliAnalyzer {
  return {
    analyze(cmd) {
      if (asksForHelp(cmd.argv)) return undefined;
      const words = positionals(cmd.argv, CDK_VALUE_OPTIONS);
      if (words[0] !== 'destroy') return undefined;
      const stacks = words.slice(1);
      const all = hasFlag(cmd.argv, ['--all']);
      const what = all
        ? 'every stack of the app'
        : stacks.length
          ? `the stacks ${stacks.slice(0, 3).join(', ')}`
          : "the app's stacks";
      return [
        finding(
          `cloud.${tool}-destroy`,
          weigh(SEV.critical, ...stacks),
          `${tool} destroy deletes ${what} and every resource in them`,
          all || !stacks.length ? 'all stacks' : stacks.join(', '),
          `run \`${tool} diff\` and check which resources have a RETAIN removal policy first`,
        ),
      ];
    },
    effect(cmd) {
      const sub = positionals(cmd.argv, CDK_VALUE_OPTIONS)[0];
      return sub === undefined || CDK_READS.has(sub) ? 'read' : 'write';
    },
  };
}

// ---- serverless / sam ----------------------------------------------------------

const SLS_VALUE_OPTIONS = [
  '-s',
  '--stage',
  '-r',
  '--region',
  '--aws-profile',
  '-c',
  '--config',
  '--app',
  '--org',
  '-f',
  '--function',
];

const serverless: CliAnalyzer = {
  analyze(cmd) {
    if (asksForHelp(cmd.argv)) return undefined;
    const words = positionals(cmd.argv, SLS_VALUE_OPTIONS);
    if (words[0] !== 'remove') return undefined;
    const stage = optionValue(cmd.argv, ['-s', '--stage']);
    return [
      finding(
        'cloud.serverless-remove',
        weigh(SEV.data, stage),
        `serverless remove deletes the deployed service${stage ? ` (stage ${stage})` : ''} and every resource in its stack, tables and buckets included`,
        stage ?? cmd.cwd,
        'check which resources have DeletionPolicy: Retain first',
      ),
    ];
  },
  effect(cmd) {
    const sub = positionals(cmd.argv, SLS_VALUE_OPTIONS)[0];
    return sub === 'info' ||
      sub === 'print' ||
      sub === 'logs' ||
      sub === 'metrics' ||
      sub === 'package' ||
      sub === 'doctor'
      ? 'read'
      : 'write';
  },
};

const SAM_VALUE_OPTIONS = [
  '--stack-name',
  '--region',
  '--profile',
  '--config-file',
  '--config-env',
  '-t',
  '--template-file',
  '--s3-bucket',
];

const sam: CliAnalyzer = {
  analyze(cmd) {
    if (asksForHelp(cmd.argv)) return undefined;
    const words = positionals(cmd.argv, SAM_VALUE_OPTIONS);
    if (words[0] !== 'delete') return undefined;
    const stack = optionValue(cmd.argv, ['--stack-name']);
    return [
      finding(
        'cloud.sam-delete',
        weigh(SEV.data, stack),
        `sam delete deletes the CloudFormation stack ${stack ?? ''} and every resource in it`.replace('  ', ' '),
        stack ?? cmd.cwd,
        'check which resources have DeletionPolicy: Retain first',
      ),
    ];
  },
  effect(cmd) {
    const sub = positionals(cmd.argv, SAM_VALUE_OPTIONS)[0];
    return sub === 'validate' ||
      sub === 'build' ||
      sub === 'local' ||
      sub === 'logs' ||
      sub === 'list' ||
      sub === 'init'
      ? 'read'
      : 'write';
  },
};

export const iacAnalyzers: Record<string, CliAnalyzer> = {
  terraform,
  tofu: terraform,
  terragrunt: terraform,
  pulumi,
  cdk: cdkFor('cdk'),
  cdktf: cdkFor('cdktf'),
  serverless,
  sls: serverless,
  sam,
};
