// Edge and code hosts: Cloudflare (Workers, D1, R2, KV), GitHub and GitLab.
import { hasFlag, optionValue, positionals } from '../../../command/args';
import { SEV, weigh } from '../../common/deletion';
import { destructiveSql } from '../../common/sqlText';
import { analyzer, type PaasSpec } from '../../common/verbSpec';
import { finding } from '../../common/finding';

// ---- Cloudflare -----------------------------------------------------------------------

export const wrangler = analyzer({
  id: 'wrangler',
  product: 'Cloudflare',
  valueOptions: [
    '-c',
    '--config',
    '-e',
    '--env',
    '--command',
    '--file',
    '--name',
    '--binding',
    '--namespace-id',
    '--persist-to',
  ],
  targetOptions: ['--name'],
  bare: 'service',
  special(cmd, words) {
    if (words[0] === 'd1' && words[1] === 'execute') {
      // Local by default since wrangler 3; --remote reaches the production database.
      if (!hasFlag(cmd.argv, ['--remote'])) return null;
      const file = optionValue(cmd.argv, ['--file']);
      const sql = optionValue(cmd.argv, ['--command']) ?? '';
      const what = destructiveSql(sql);
      if (what) {
        return [
          finding(
            'cloud.wrangler-d1-destructive-sql',
            SEV.data,
            `wrangler d1 execute --remote runs ${what} against the D1 database ${words[2] ?? ''}`.trim(),
            words[2],
            'export first (wrangler d1 export --remote)',
          ),
        ];
      }
      if (file !== undefined) {
        return [
          finding(
            'cloud.wrangler-d1-remote-file',
            45,
            `wrangler d1 execute --remote runs the SQL file ${file} against the D1 database ${words[2] ?? ''}`.trim(),
            words[2],
            'run it locally first, and export the remote database (wrangler d1 export --remote)',
          ),
        ];
      }
      return null;
    }
    return undefined;
  },
});

// ---- GitHub ----------------------------------------------------------------------------

const GH_VALUES = ['-R', '--repo', '--hostname', '-q', '--jq', '-t', '--template', '--json'];

export const gh = analyzer({
  id: 'gh',
  product: 'GitHub',
  valueOptions: GH_VALUES,
  targetOptions: ['-R', '--repo'],
  special(cmd, words) {
    if (words[0] === 'api') return null; // judged by the HTTP pack
    if (words[0] === 'repo' && words[1] === 'delete') {
      const repo = words[2] ?? optionValue(cmd.argv, ['-R', '--repo']) ?? 'the current repository';
      return [
        finding(
          'cloud.gh-repo-delete',
          weigh(SEV.critical, repo),
          `gh repo delete deletes ${repo} with its issues, pull requests, wiki and releases`,
          repo,
          'archive it instead (gh repo archive)',
        ),
      ];
    }
    if (words[0] === 'project' && words[1] === 'delete') {
      return [
        finding(
          'cloud.gh-delete',
          SEV.config,
          'gh project delete deletes the GitHub project board',
          words[2] ?? 'project',
          'close it instead (gh project close)',
        ),
      ];
    }
    // `--force` resets the destination branch to the source: its commits not in the source are discarded, on the
    // fork named (`gh repo sync owner/fork --force`) or on the local branch when none is named.
    if (words[0] === 'repo' && words[1] === 'sync' && hasFlag(cmd.argv, ['--force'])) {
      // Read with sync's own value options, which other gh commands take as flags (`gh pr merge -s`).
      const repo =
        positionals(cmd.argv, [...GH_VALUES, '-b', '--branch', '-s', '--source'])[2] ?? 'the local repository';
      const branch = optionValue(cmd.argv, ['-b', '--branch']) ?? 'its default branch';
      return [
        finding(
          'cloud.gh-repo-sync-force',
          weigh(SEV.service, repo, branch),
          `gh repo sync --force resets ${branch} of ${repo} to the source: its commits the source lacks are discarded`,
          repo,
          'sync without --force (it fails if the branches diverged), and merge or rebase what differs',
        ),
      ];
    }
    // Actions caches are rebuilt by the next run.
    if (words[0] === 'cache' && /^(?:delete|rm)$/.test(words[1] ?? '')) return null;
    if (words[0] === 'repo' && words[1] === 'edit' && optionValue(cmd.argv, ['--visibility']) === 'public') {
      const repo = words[2] ?? optionValue(cmd.argv, ['-R', '--repo']) ?? 'the current repository';
      return [
        finding(
          'cloud.gh-repo-public',
          70,
          `gh repo edit --visibility public publishes ${repo}: its code and history become readable by anyone`,
          repo,
          'ask the user; check the history for secrets first',
        ),
      ];
    }
    return undefined;
  },
});

// GitLab's CLI follows gh's grammar; deleting a project loses its issues, merge requests and wiki.
export const GLAB: PaasSpec = {
  id: 'glab',
  product: 'GitLab',
  valueOptions: ['-R', '--repo', '-g', '--group', '-F', '--output'],
  targetOptions: ['-R', '--repo'],
  special(cmd, words) {
    if (words[0] === 'repo' && /^(?:delete|rm)$/.test(words[1] ?? '')) {
      const repo = words[2] ?? optionValue(cmd.argv, ['-R', '--repo']) ?? 'the current project';
      return [
        finding(
          'cloud.glab-repo-delete',
          weigh(SEV.critical, repo),
          `glab repo delete deletes ${repo} with its issues, merge requests and wiki`,
          repo,
          'archive it instead (glab repo archive)',
        ),
      ];
    }
    return undefined;
  },
};
