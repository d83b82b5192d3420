// A kube context switched earlier on the line: `kubectl config use-context
// production && kubectl delete pod x` rewrites the kubeconfig before the
// delete runs, so the delete acts on production whatever the file says when
// the line is judged. A later kube command that names no context of its own
// and reads the same kubeconfig takes the switched context's environment when
// that one weighs more. Only ever stricter: a switch can fail (an unknown
// context after `;`), and the context then in force is the one the file names.
import { optionValue, positionals } from '../command/args';
import type { Config } from '../config/schema';
import type { AnalysisContext, EnvironmentMatch, SimpleCommand } from '../types';
import { commandTargetEnvironment } from './index';
import { rank } from './match';
import { KUBE_TOOLS } from './programs';

const SWITCHERS = new Set(['kubectl', 'oc', 'kubecolor']);
const KUBECTL_VALUES = ['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server'];
/** Tools whose own context flag is `--kube-context`. */
const KUBE_CONTEXT_FLAG = new Set(['helm', 'helmfile', 'skaffold']);
/** Commands per line looked at: a line is short, this bounds it anyway. */
const MAX_COMMANDS = 256;

/** The kubeconfig a command reads and writes (its flag, else $KUBECONFIG, else the default one). */
function kubeconfigOf(cmd: SimpleCommand): string {
  return optionValue(cmd.argv, ['--kubeconfig']) ?? cmd.env.KUBECONFIG ?? '';
}

/** The context a command makes current: `kubectl config use-context NAME`, `kubectl config set current-context NAME`, `kubectx NAME`. */
function switchedTo(cmd: SimpleCommand): string | undefined {
  if (cmd.remote) return undefined;
  const tool = cmd.argv[0] ?? '';
  if (tool === 'kubectx') {
    const pos = positionals(cmd.argv, ['--kubeconfig']);
    return pos.length === 1 && pos[0] !== '-' && !pos[0].includes('=') ? pos[0] : undefined;
  }
  if (!SWITCHERS.has(tool)) return undefined;
  const pos = positionals(cmd.argv, KUBECTL_VALUES);
  if (pos[0] !== 'config') return undefined;
  if (pos[1] === 'use-context' || pos[1] === 'use') return pos[2];
  if (pos[1] === 'set' && pos[2] === 'current-context') return pos[3];
  return undefined;
}

/** The environment a kube command would target with this context named on it. */
function withContext(
  cmd: SimpleCommand,
  context: string,
  ctx: AnalysisContext,
  config: Config | undefined,
): EnvironmentMatch {
  const flag = KUBE_CONTEXT_FLAG.has(cmd.argv[0]) ? '--kube-context' : '--context';
  const named: SimpleCommand = { ...cmd, argv: [cmd.argv[0], flag, context, ...cmd.argv.slice(1)] };
  const m = commandTargetEnvironment(named, ctx, config);
  return { ...m, evidence: [...m.evidence, `the line switches the kube context to ${context} first`] };
}

/** Gives each kube command after a context switch on the line the switched context's environment when it weighs more (`targets[i]` is `commands[i]`'s). */
export function switchedContextTargets(
  commands: readonly SimpleCommand[],
  targets: EnvironmentMatch[],
  ctx: AnalysisContext,
  config: Config | undefined,
): void {
  let current: { context: string; kubeconfig: string } | undefined;
  for (let i = 0; i < commands.length && i < MAX_COMMANDS; i++) {
    const cmd = commands[i];
    const tool = cmd.argv[0] ?? '';
    if (current && KUBE_TOOLS.has(tool) && !cmd.remote && kubeconfigOf(cmd) === current.kubeconfig) {
      const own = optionValue(cmd.argv, KUBE_CONTEXT_FLAG.has(tool) ? ['--kube-context'] : ['--context']);
      if (own === undefined) {
        const switched = withContext(cmd, current.context, ctx, config);
        if (rank(switched) > rank(targets[i])) targets[i] = switched;
      }
    }
    const to = switchedTo(cmd);
    if (to !== undefined) current = { context: to, kubeconfig: kubeconfigOf(cmd) };
  }
}
