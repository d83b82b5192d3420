// The git hosts' CLIs add keys that stay: `gh ssh-key add` (push to every
// repository the account can), `gh repo deploy-key add` (the repository's
// code from anywhere; `--allow-write` pushes too), and glab's `ssh-key add`
// and `deploy-key add`. Listing and deleting keys stay quiet.
import { positionals } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';

export function forgeKeyFindings(cmd: SimpleCommand): Finding[] {
  const [name] = cmd.argv;
  const words = positionals(cmd.argv, ['-R', '--repo', '-t', '--title', '--type', '-e', '--expires-at']);
  const account = words[0] === 'ssh-key' && words[1] === 'add';
  const deploy =
    (name === 'gh' && words[0] === 'repo' && words[1] === 'deploy-key' && words[2] === 'add') ||
    (name === 'glab' && words[0] === 'deploy-key' && words[1] === 'add');
  if ((name !== 'gh' && name !== 'glab') || (!account && !deploy)) return [];
  const key = words[account ? 2 : name === 'gh' ? 3 : 2];
  return [
    {
      id: 'identity.forge-access-key',
      summary: account
        ? `${name} ssh-key add puts a key on the account: whoever holds its private half pushes to every repository it can, long after this session`
        : `${name} adds a deploy key: whoever holds its private half reads${cmd.argv.includes('--allow-write') || cmd.argv.includes('--can-push') ? ' and pushes' : ''} the repository's code from anywhere`,
      target: key,
      alternative: 'let the account owner add keys in the host’s settings',
      severity: 65,
    },
  ];
}
