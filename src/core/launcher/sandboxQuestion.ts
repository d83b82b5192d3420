// Before the editor installs hooks: what install would change in each
// agent's own sandbox settings, in the words of the modal that asks first.
// Turning a host's sandbox on changes how every command of that agent runs,
// so the human sees exactly which settings change, from what to what, and
// which paths go on the deny-write list — read from `install --dry-run
// --json`, the same code that then makes the change. The editor's command
// palette shows it (extension/commands.ts).
import * as path from 'node:path';

export interface DrySandbox {
  host: string;
  file?: string;
  status: string;
  detail: string;
}

/** The part of `install --dry-run --json` the question reads. */
export interface DryInstall {
  sandboxes?: DrySandbox[];
  denyWrite?: string[];
}

export const TURN_SANDBOXES_ON = 'Install and turn sandboxes on';
export const HOOKS_ONLY = 'Install hooks only';

/** How many paths of the list the modal names before "and N more" (the log has them all). */
const NAMED_PATHS = 8;

const tilde = (p: string, home: string): string =>
  home && (p === home || p.startsWith(`${home}/`)) ? `~${p.slice(home.length)}` : p;

/**
 * The modal's message and detail, or undefined when no host's sandbox
 * settings would change. `label`: a host id as the editor names it;
 * `sandboxName`: how it names that host's sandbox (default "<label>'s sandbox").
 */
export function sandboxQuestion(
  dry: DryInstall,
  o: {
    label: (host: string) => string;
    sandboxName?: (host: string) => string | undefined;
    home: string;
    workspace: string;
  },
): { message: string; detail: string } | undefined {
  const changing = (dry.sandboxes ?? []).filter((s) => s.status === 'would change');
  if (!changing.length) return undefined;
  const where = (file: string | undefined): string =>
    !file ? '' : file.startsWith(`${o.workspace}${path.sep}`) ? path.relative(o.workspace, file) : tilde(file, o.home);
  const one =
    changing.length === 1 ? (o.sandboxName?.(changing[0].host) ?? `${o.label(changing[0].host)}'s sandbox`) : '';
  const list = dry.denyWrite ?? [];
  const lines = [
    `Installing hooks also turns on ${one || "these agents' own sandboxes"}: every command the agent runs is confined by the agent itself — writes kept to the workspace and temp, the deny-write list read-only. The agent's own prompts stay as they are.`,
    '',
    ...changing.flatMap((s) => [`${o.label(s.host)} — ${where(s.file)}: ${s.detail}.`, '']),
  ];
  if (list.length && changing.some((s) => /deny-write list/.test(s.detail))) {
    const named = list.slice(0, NAMED_PATHS).map((p) => tilde(p, o.home));
    lines.push(
      `The deny-write list (${list.length} paths): ${named.join(', ')}${list.length > named.length ? `, and ${list.length - named.length} more (every one in the AgentGuard log)` : ''}.`,
      '',
    );
  }
  lines.push(
    `"${HOOKS_ONLY}" leaves the sandbox settings as they are: the agent's routine commands then run unconfined.`,
  );
  return {
    message: `Turn on ${one || "the agents' sandboxes"} with AgentGuard's deny-write list?`,
    detail: lines.join('\n'),
  };
}
