// Terraform and Terragrunt: which calls destroy, replace or drop state, and which only read.
import * as path from 'node:path';
import { commandsAround } from '../../parse/normalize/emit';
import type { Finding, SimpleCommand } from '../../types';
import { SEV, weigh, type CliAnalyzer, type Effect } from '../common/deletion';
import { finding } from '../common/finding';

// ---- terraform / tofu / terragrunt -----------------------------------------

// Terraform parses flags with Go's flag package: `-auto-approve`,
// `--auto-approve`, `-destroy=true` are one flag, `-target=x` / `-target x`
// one option. The shared helpers speak getopt, so these two read Go style.
function goFlag(argv: readonly string[], name: string, from = 1): boolean {
  for (let i = from; i < argv.length; i++) {
    const a = argv[i].startsWith('--') ? argv[i].slice(1) : argv[i];
    if (a === `-${name}`) return true;
    if (a.startsWith(`-${name}=`)) return a.slice(name.length + 2).toLowerCase() !== 'false';
  }
  return false;
}

function goValues(argv: readonly string[], name: string, from = 1): string[] {
  const out: string[] = [];
  for (let i = from; i < argv.length; i++) {
    const a = argv[i].startsWith('--') ? argv[i].slice(1) : argv[i];
    if (a === `-${name}` && i + 1 < argv.length) out.push(argv[++i]);
    else if (a.startsWith(`-${name}=`)) out.push(a.slice(name.length + 2));
  }
  return out;
}

interface TerraformCall {
  sub: string;
  /** `state rm` → `rm`. */
  action?: string;
  at: number;
  /** terragrunt run-all / --all: every module below the directory. */
  allModules: boolean;
}

const TERRAGRUNT_ALL = new Set(['run-all', 'destroy-all', 'apply-all', 'plan-all']);

/** Terraform value options that precede the subcommand without `=` are rare; `-chdir=DIR` is one word. */
function terraformCall(argv: readonly string[]): TerraformCall | undefined {
  const words: { w: string; i: number }[] = [];
  for (let i = 1; i < argv.length && words.length < 4; i++) {
    const a = argv[i];
    // `terragrunt run --all -- destroy`: the separator precedes the wrapped command.
    if (!a.startsWith('-')) words.push({ w: a, i });
  }
  if (!words.length) return undefined;
  let k = 0;
  let allModules = false;
  const first = words[0].w;
  if (argv[0] === 'terragrunt') {
    if (first === 'destroy-all' || first === 'apply-all' || first === 'plan-all') {
      return { sub: first.slice(0, -4), at: words[0].i, allModules: true };
    }
    if (TERRAGRUNT_ALL.has(first) || first === 'run' || first === 'stack') {
      allModules = first === 'run-all' || goFlag(argv, 'all');
      k = 1;
      if (first === 'stack' && words[1]?.w === 'run') k = 2;
    }
  }
  const sub = words[k];
  if (!sub) return undefined;
  return { sub: sub.w, action: words[k + 1]?.w, at: sub.i, allModules };
}

/** Go-style options of plan/apply that take their value as the next word. */
const TF_VALUE_OPTIONS = new Set([
  'var',
  'var-file',
  'target',
  'replace',
  'lock-timeout',
  'parallelism',
  'state',
  'state-out',
  'backup',
  'out',
  'chdir',
]);

/** `terraform apply tfplan`: a saved plan was already reviewed. */
function planFileOf(argv: readonly string[], from: number): string | undefined {
  for (let i = from; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-')) return a;
    const name = a.replace(/^--?/, '');
    if (TF_VALUE_OPTIONS.has(name)) i++;
  }
  return undefined;
}

/**
 * The plan an earlier `terraform plan -out FILE` on the same line saved as the file this apply runs: nobody read it
 * between the two (`plan -destroy -out p && apply p` is a destroy without a prompt). The last such plan wins.
 */
function planMadeOnLine(cmd: SimpleCommand, file: string): { destroy: boolean; replace: string[] } | undefined {
  const before = commandsAround(cmd)?.before;
  if (!before) return undefined;
  const want = path.resolve(cmd.cwd, file);
  let made: { destroy: boolean; replace: string[] } | undefined;
  for (const prior of before) {
    if (prior.argv[0] !== cmd.argv[0]) continue;
    const call = terraformCall(prior.argv);
    if (call?.sub !== 'plan') continue;
    const out = goValues(prior.argv, 'out', call.at + 1).at(-1);
    if (out === undefined || path.resolve(prior.cwd, out) !== want) continue;
    made = {
      destroy: goFlag(prior.argv, 'destroy', call.at + 1),
      replace: goValues(prior.argv, 'replace', call.at + 1),
    };
  }
  return made;
}

const ALT_PLAN_DESTROY = 'run `terraform plan -destroy` first and review exactly what would be destroyed';

function terraformDestroy(cmd: SimpleCommand, call: TerraformCall, tool: string): Finding {
  const targets = goValues(cmd.argv, 'target', call.at + 1);
  const where = goValues(cmd.argv, 'chdir')[0] ?? cmd.env.TF_WORKSPACE;
  const scope = targets.length
    ? targets.slice(0, 3).join(', ')
    : call.allModules
      ? 'every module below this directory'
      : `every resource this configuration manages${where ? ` (${where})` : ''}`;
  return finding(
    `cloud.${tool}-destroy`,
    weigh(targets.length ? 75 : SEV.critical, where, ...targets),
    `${cmd.argv[0]} destroy deletes ${scope}`,
    targets.length ? targets.join(', ') : (where ?? cmd.cwd),
    ALT_PLAN_DESTROY,
  );
}

function terraformFindings(cmd: SimpleCommand): Finding[] | undefined {
  const argv = cmd.argv;
  if (goFlag(argv, 'help') || goFlag(argv, 'h')) return undefined;
  const call = terraformCall(argv);
  if (!call) return undefined;
  const tool = argv[0] === 'terragrunt' ? 'terragrunt' : 'terraform';
  const name = argv[0];
  const after = call.at + 1;
  switch (call.sub) {
    case 'destroy':
      return [terraformDestroy(cmd, call, tool)];
    case 'apply': {
      const planFile = planFileOf(argv, after);
      const planned = planFile === undefined ? undefined : planMadeOnLine(cmd, planFile);
      if (goFlag(argv, 'destroy', after) || planned?.destroy) return [terraformDestroy(cmd, call, tool)];
      const replace = [...goValues(argv, 'replace', after), ...(planned?.replace ?? [])];
      if (replace.length) {
        return [
          finding(
            `cloud.${tool}-replace`,
            weigh(60, ...replace),
            `${name} apply -replace destroys and recreates ${replace.join(', ')}`,
            replace.join(', '),
            'plan with -replace first and check the resource holds no data',
          ),
        ];
      }
      if ((goFlag(argv, 'auto-approve', after) && !planFile) || planned) {
        return [
          finding(
            `cloud.${tool}-apply-unreviewed`,
            50,
            planned
              ? `${name} apply ${planFile} applies a plan saved earlier on this line, before anyone could review it, including any destroys or replacements in it`
              : `${name} apply -auto-approve applies changes nobody reviewed, including any destroys or replacements in the plan`,
            goValues(argv, 'chdir')[0] ?? cmd.env.TF_WORKSPACE ?? cmd.cwd,
            `${name} plan -out=tfplan, review it, then ${name} apply tfplan`,
          ),
        ];
      }
      return undefined;
    }
    case 'state': {
      const rest = argv.slice(after).filter((a) => !a.startsWith('-'));
      if (call.action === 'rm') {
        const addrs = rest.slice(1);
        return [
          finding(
            `cloud.${tool}-state-rm`,
            55,
            `${name} state rm makes ${tool === 'terragrunt' ? 'Terraform' : name} forget ${addrs.join(', ') || 'resources'}: they keep running unmanaged`,
            addrs.join(', ') || undefined,
            `${name} state mv, or \`removed\` blocks reviewed in a plan`,
          ),
        ];
      }
      if (call.action === 'push') {
        const force = goFlag(argv, 'force', after);
        return [
          finding(
            `cloud.${tool}-state-push`,
            force ? 75 : 65,
            `${name} state push overwrites the remote state${force ? ' even when it is newer' : ''}`,
            undefined,
            `${name} state pull > backup.tfstate first`,
          ),
        ];
      }
      return undefined;
    }
    case 'force-unlock':
      return [
        finding(
          `cloud.${tool}-force-unlock`,
          50,
          `${name} force-unlock removes the state lock: a run in progress can corrupt the state`,
          argv[after],
          'wait for the other run to finish, or confirm the lock is stale',
        ),
      ];
    case 'taint':
      return [
        finding(
          `cloud.${tool}-taint`,
          50,
          `${name} taint marks ${argv.slice(after).find((a) => !a.startsWith('-')) ?? 'a resource'} to be destroyed and recreated on the next apply`,
          argv.slice(after).find((a) => !a.startsWith('-')),
          `${name} plan -replace=ADDRESS to preview the replacement`,
        ),
      ];
    case 'workspace':
      if (call.action === 'delete') {
        const ws = argv.slice(after).filter((a) => !a.startsWith('-'))[1];
        return [
          finding(
            `cloud.${tool}-workspace-delete`,
            weigh(goFlag(argv, 'force', after) ? 65 : 55, ws),
            `${name} workspace delete removes the state of workspace ${ws ?? ''}`.trim(),
            ws,
            `${name} workspace select it and ${name} state pull > backup.tfstate first`,
          ),
        ];
      }
      return undefined;
    default:
      return undefined;
  }
}

const TERRAFORM_READS = new Set([
  'plan',
  'show',
  'output',
  'validate',
  'fmt',
  'graph',
  'providers',
  'version',
  'init',
  'console',
  'login',
  'logout',
  'get',
  'metadata',
  'modules',
  'render',
  'hclfmt',
  'output-module-groups',
  'graph-dependencies',
  'info',
  'find',
  'list',
]);

function terraformEffect(cmd: SimpleCommand): Effect | undefined {
  const call = terraformCall(cmd.argv);
  if (!call) return 'read';
  if (call.sub === 'state')
    return call.action === 'list' || call.action === 'show' || call.action === 'pull' ? 'read' : 'write';
  if (call.sub === 'workspace')
    return call.action === 'list' || call.action === 'show' || call.action === 'select' ? 'read' : 'write';
  return TERRAFORM_READS.has(call.sub) ? 'read' : 'write';
}

export const terraform: CliAnalyzer = { analyze: terraformFindings, effect: terraformEffect };
