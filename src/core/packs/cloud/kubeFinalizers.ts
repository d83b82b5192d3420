// Finalizers are Kubernetes' way back: a namespace or volume being deleted
// waits on them so its controllers can save or release what it holds (a
// backup hook, a volume's reclaim, a protection webhook). Stripping them
// (`kubectl patch ns prod -p '{"metadata":{"finalizers":null}}'`, a JSON
// patch removing /metadata/finalizers, `replace --raw …/finalize`) lets a
// pending deletion complete at once and skips that cleanup.
import { optionValue } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import { weigh } from '../common/deletion';
import { finding } from '../common/finding';

/** A patch that empties or drops the finalizers list: merge/strategic (`"finalizers": null | []`) or JSON (`remove` or `replace` of …/finalizers). */
const STRIPS_FINALIZERS =
  /["']?finalizers["']?\s*:\s*(?:null|\[\s*\])|["']?op["']?\s*:\s*["'](?:remove|replace)["'][^}]{0,200}["']?path["']?\s*:\s*["'][^"']*\/finalizers|["']?path["']?\s*:\s*["'][^"']*\/finalizers["'][^}]{0,200}["']?op["']?\s*:\s*["'](?:remove|replace)["']/;

const ALT =
  'find what the finalizer waits for (kubectl get … -o yaml) and fix that, so the cleanup it guards still runs';

export function finalizerFindings(
  cmd: SimpleCommand,
  verb: string | undefined,
  args: readonly string[],
): Finding[] | undefined {
  const namespace = optionValue(cmd.argv, ['-n', '--namespace']);
  const context = optionValue(cmd.argv, ['--context']);
  if (verb === 'patch') {
    const patch = optionValue(cmd.argv, ['-p', '--patch']) ?? '';
    if (!STRIPS_FINALIZERS.test(patch.slice(0, 16 * 1024))) return undefined;
    const target = args.slice(0, 2).join(' ') || 'the resource';
    return [
      finding(
        'cloud.kubectl-strip-finalizers',
        weigh(60, target, namespace, context),
        `kubectl patch strips the finalizers of ${target}: a pending deletion completes at once, skipping the cleanup they guard`,
        target,
        ALT,
      ),
    ];
  }
  const raw = optionValue(cmd.argv, ['--raw']);
  if (verb === 'replace' && raw && /\/finalize\/?$/.test(raw)) {
    return [
      finding(
        'cloud.kubectl-strip-finalizers',
        weigh(60, raw, namespace, context),
        `kubectl replace --raw ${raw} rewrites a namespace's finalizers: a pending deletion completes at once, skipping the cleanup they guard`,
        raw,
        ALT,
      ),
    ];
  }
  return undefined;
}
