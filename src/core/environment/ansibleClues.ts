// Where an ansible run acts when its command line does not say: the inventory
// comes from `$ANSIBLE_INVENTORY` or the `inventory =` of the ansible.cfg it
// reads (`$ANSIBLE_CONFIG`, ./ansible.cfg, ~/.ansible.cfg), the limit from
// `$ANSIBLE_LIMIT`, and a playbook is often told its environment in an extra
// variable (`-e env=production`). Each names the machines the run changes, as
// `-i inventory/production` does; `--check` and listings are judged reads
// elsewhere (packs/orchestration.ts).
import * as path from 'node:path';
import { optionValues } from '../command/args';
import type { AnalysisContext, SimpleCommand } from '../types';
import type { ClueSet } from './clueSet';

/** Extra variables that name the environment a playbook deploys to. */
const ENV_VARIABLE = /^(?:(?:target|deploy|app|ansible)_?)?(?:env|environment|stage|tier)$/i;
const MAX_VALUES = 8;

export function ansibleSetupClues(
  set: ClueSet,
  name: string,
  args: readonly string[],
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): void {
  if (!optionValues(args, ['-i', '--inventory', '--inventory-file']).length) {
    const fromEnv = cmd.env.ANSIBLE_INVENTORY;
    const configured = fromEnv ? undefined : configuredInventory(cmd, ctx);
    const inventory = fromEnv ?? configured?.inventory;
    const from = fromEnv ? 'ANSIBLE_INVENTORY' : `inventory in ${configured?.file ?? 'ansible.cfg'}`;
    for (const v of (inventory ?? '').split(',').slice(0, MAX_VALUES))
      set.add('deployTarget', v.trim() || undefined, from);
  }
  if (!optionValues(args, ['-l', '--limit']).length) set.add('deployTarget', cmd.env.ANSIBLE_LIMIT, 'ANSIBLE_LIMIT');
  for (const extra of optionValues(args, ['-e', '--extra-vars']).slice(0, MAX_VALUES))
    for (const [key, value] of extraVars(extra))
      if (ENV_VARIABLE.test(key)) set.add('deployTarget', value, `${name} extra variable ${key}`);
}

/** `k=v k2=v2`, or a JSON or YAML mapping written inline (`{"env": "production"}`); a file (`@vars.yml`) is not read. */
function extraVars(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const pair = /["']?([A-Za-z_]\w*)["']?\s*[:=]\s*["']?([^"',}\s]+)/g;
  let m: RegExpExecArray | null;
  while ((m = pair.exec(text)) && out.length < 32) out.push([m[1], m[2]]);
  return out;
}

/** The `inventory` of the ansible.cfg this run reads: the first of $ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg that exists. */
function configuredInventory(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): { inventory?: string; file: string } | undefined {
  const files = [
    ...(cmd.env.ANSIBLE_CONFIG ? [path.resolve(cmd.cwd, cmd.env.ANSIBLE_CONFIG)] : []),
    path.join(cmd.cwd, 'ansible.cfg'),
    path.join(ctx.home, '.ansible.cfg'),
  ];
  for (const file of files) {
    const text = ctx.readFile(file, cmd.cwd);
    if (text === undefined) continue;
    let section = '';
    for (const line of text.split('\n').slice(0, 2000)) {
      const head = /^\s*\[([^\]]+)\]/.exec(line);
      if (head) section = head[1].trim().toLowerCase();
      const m = /^\s*(?:inventory|hostfile)\s*[=:]\s*(.*?)\s*(?:[#;].*)?$/.exec(line);
      if (m && section === 'defaults' && m[1]) return { inventory: m[1], file: path.basename(file) };
    }
    return { file: path.basename(file) };
  }
  return undefined;
}
