// Azure CLI: `az GROUP… VERB [--name N] [--resource-group G]`. The shared
// verb analyzer judges deletions; named here are the commands whose reach the
// words understate: a resource group takes every resource in it, a Complete
// mode deployment deletes whatever the template does not mention, and a
// backup protection switched off with --delete-backup-data drops the backups.
import { optionValue } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import { SEV, asksForHelp, isDryRun, weigh, type CliAnalyzer } from '../common/deletion';
import { commandWords, judgeDeleteVerb, verbEffect, type VerbCliSpec } from '../common/verbs';
import { finding } from '../common/finding';

const AZ: VerbCliSpec = {
  id: 'az',
  product: 'Azure',
  valueOptions: [
    '--subscription',
    '-g',
    '--resource-group',
    '-n',
    '--name',
    '-o',
    '--output',
    '--query',
    '--ids',
    '-l',
    '--location',
    '--account-name',
    '--container-name',
    '--vault-name',
    '--server',
    '-s',
    '--template-file',
    '-f',
    '--parameters',
    '-p',
    '--mode',
    '--source',
    '--pattern',
    '--workspace-name',
    '--cluster-name',
    '--profile-name',
    '--zone-name',
    '--set',
  ],
  targetOptions: ['--name', '-n', '--resource-group', '-g', '--ids', '--source'],
  depth: 5,
};

function truthy(v: string | undefined): boolean {
  return v !== undefined && v.toLowerCase() !== 'false';
}

function azSpecial(cmd: SimpleCommand, words: string[]): Finding[] | undefined | null {
  const argv = cmd.argv;
  if (words[0] === 'group' && words[1] === 'delete') {
    const group = optionValue(argv, ['--name', '-n', '--resource-group', '-g']) ?? words[2];
    return [
      finding(
        'cloud.az-group-delete',
        weigh(SEV.critical, group),
        `az group delete deletes the resource group ${group ?? ''} and every resource in it, databases and storage included`.replace(
          '  ',
          ' ',
        ),
        group,
        "list the group's resources first (az resource list -g …) and delete the ones you mean one by one",
      ),
    ];
  }
  if (words[0] === 'deployment' && words.includes('create')) {
    if (
      optionValue(argv, ['--mode'])?.toLowerCase() === 'complete' &&
      !argv.includes('--what-if') &&
      !argv.includes('-c') &&
      !argv.includes('--confirm-with-what-if')
    ) {
      const group = optionValue(argv, ['--resource-group', '-g']);
      return [
        finding(
          'cloud.az-deployment-complete-mode',
          weigh(70, group),
          'az deployment … --mode Complete deletes every resource in the group that the template does not declare',
          group,
          'deploy in Incremental mode, or preview with --what-if first',
        ),
      ];
    }
    return undefined;
  }
  if (truthy(optionValue(argv, ['--delete-backup-data']))) {
    return [
      finding(
        'cloud.az-backup-data-delete',
        SEV.critical,
        'az backup protection … --delete-backup-data deletes the existing backups',
        optionValue(argv, ['--item-name', '--name', '-n']),
        'stop protection but retain the backup data',
      ),
    ];
  }
  // Local CLI settings, not cloud resources.
  if (words[0] === 'config' || words[0] === 'account' || words[0] === 'cache' || words[0] === 'extension') return null;
  return undefined;
}

export const az: CliAnalyzer = {
  analyze(cmd) {
    if (asksForHelp(cmd.argv) || isDryRun(cmd.argv, ['--what-if'])) return undefined;
    const words = commandWords(cmd, AZ.valueOptions);
    const special = azSpecial(cmd, words);
    if (special !== undefined) return special ?? undefined;
    return judgeDeleteVerb(cmd, AZ, words);
  },
  effect(cmd) {
    const words = commandWords(cmd, AZ.valueOptions);
    if (words[0] === 'account' || words[0] === 'config' || words[0] === 'login' || words[0] === 'version')
      return 'read';
    // `az deployment group what-if` previews.
    if (words.includes('what-if') || words.includes('exists')) return 'read';
    return verbEffect(words, 5);
  },
};
