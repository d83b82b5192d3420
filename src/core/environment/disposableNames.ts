// Names and flags that mark a target as throwaway on their own: a local
// Kubernetes cluster's context, a pull request's preview, a name made for
// tests, CI or a moment's use, a payment provider's test-mode key, a dry run.
// Read by the weighing of findings (disposable.ts, policy/weigh.ts) and by
// the MCP servers' own evidence (mcpServers.ts).
import { TEST_DATABASE } from './framework';

/** Kube contexts of clusters that run on this machine. */
const LOCAL_CLUSTER =
  /^(?:kind|kind-.+|k3d-.+|minikube|docker-desktop|docker-for-desktop|rancher-desktop|colima(?:-.+)?|orbstack|microk8s|k3s-local|kubernetes-admin@kind.*)$/i;

export function isLocalCluster(context: string): boolean {
  return LOCAL_CLUSTER.test(context);
}

/** Named for a pull request's preview: `pr-1234`, `acme-pr-42`, `preview_pr_7`, `review-mr-12`. */
const PREVIEW_NAME = /(?:^|[_\-./\s])(?:pr|pull|mr)[-_]?\d+(?:$|[_\-./\s])/i;

export function isPreviewName(name: string): boolean {
  return PREVIEW_NAME.test(name);
}

/** Named for tests, CI runs, fixtures or a moment's use: `app_test`, `test-events`, `e2e`, `acme_ci`, `tmp_restore`, `scratch`. */
const TEST_NAME =
  /(?:^|[_\-./:])(?:test|tests|testing|e2e|ci|tmp|temp|throwaway|fixtures?|scratch|sandbox|playground)\d*(?:$|[_\-./:])/i;

/** A name (or, for a local path, its last part: `/home/dev/code/acme` is no test because of where it lives) named for tests. */
export function isTestName(name: string): boolean {
  const own =
    name.includes('/') && !name.includes('://')
      ? name.replace(/\/+$/, '').slice(name.replace(/\/+$/, '').lastIndexOf('/') + 1)
      : name;
  return TEST_NAME.test(own) || TEST_DATABASE.test(own);
}

export const TEST_KEY = /(?:^|[^A-Za-z0-9])(?:sk|rk|rzp)_test_[A-Za-z0-9]/;
export const LIVE_KEY = /(?:^|[^A-Za-z0-9])(?:sk|rk|rzp)_live_[A-Za-z0-9]/;

/** `a test-mode API key` when the text holds a provider's test key and no live one. */
export function testModeKeyEvidence(text: string): string | undefined {
  return text.includes('_test_') && TEST_KEY.test(text) && !LIVE_KEY.test(text) ? 'a test-mode API key' : undefined;
}

/** Flags that make a command report what it would do without doing it. */
const DRY_RUN_FLAGS = new Set([
  '--dry-run',
  '--dryrun',
  '--dry_run',
  '-dry-run',
  '--whatif',
  '--what-if',
  '-WhatIf',
  '--noop',
  '--simulate',
  '--pretend',
  '--check',
  '--validate-only',
  '--plan',
]);

/** The flag that makes this a dry run (`--dry-run=client` counts, `--dry-run=none` does not). */
export function dryRunFlag(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return undefined;
    if (a.length < 4 || a[0] !== '-') continue;
    if (DRY_RUN_FLAGS.has(a)) return a;
    const eq = a.indexOf('=');
    if (eq > 0 && DRY_RUN_FLAGS.has(a.slice(0, eq))) {
      const v = a.slice(eq + 1).toLowerCase();
      if (v !== 'none' && v !== 'false' && v !== '0' && v !== 'no') return a;
    }
  }
  return undefined;
}
