// Hosted backends where a reset or delete takes the data: Supabase, Neon,
// Firebase.
import { hasFlag, optionValue } from '../../../command/args';
import { SEV, weigh } from '../../common/deletion';
import { analyzer, type PaasSpec } from '../../common/verbSpec';
import { finding } from '../../common/finding';

// ---- Supabase ----------------------------------------------------------------------

export const supabase = analyzer({
  id: 'supabase',
  product: 'Supabase',
  valueOptions: [
    '--project-ref',
    '--db-url',
    '--workdir',
    '-p',
    '--password',
    '-o',
    '--output',
    '--profile',
    '--org-id',
    '--schema',
    '-s',
  ],
  targetOptions: ['--project-ref'],
  special(cmd, words) {
    if (words[0] === 'db' && words[1] === 'reset') {
      // Without --linked / --db-url it resets the local development database: routine.
      const remote = hasFlag(cmd.argv, ['--linked']) || optionValue(cmd.argv, ['--db-url']) !== undefined;
      if (!remote) return null;
      const target =
        optionValue(cmd.argv, ['--db-url']) ?? optionValue(cmd.argv, ['--project-ref']) ?? 'the linked project';
      return [
        finding(
          'cloud.supabase-remote-db-reset',
          SEV.critical,
          `supabase db reset ${hasFlag(cmd.argv, ['--linked']) ? '--linked' : '--db-url'} drops and recreates the remote database (${target}): every row is deleted`,
          target,
          'run `supabase db reset` without --linked to reset the local database; back up the remote one first (supabase db dump)',
        ),
      ];
    }
    if (words[0] === 'storage' && /^(?:rm|delete)$/.test(words[1] ?? '')) {
      const target = words[2];
      const recursive = hasFlag(cmd.argv, ['-r', '--recursive']);
      return [
        finding(
          'cloud.supabase-delete',
          weigh(recursive ? SEV.data : SEV.small, target),
          `supabase storage rm deletes ${recursive ? 'every object under ' : ''}${target ?? 'objects'}`,
          target ?? 'storage',
          'list the objects first (supabase storage ls)',
        ),
      ];
    }
    if (words[0] === 'stop' && hasFlag(cmd.argv, ['--no-backup'])) {
      return [
        finding(
          'cloud.supabase-stop-no-backup',
          45,
          'supabase stop --no-backup deletes the local database volumes',
          'local database',
          'supabase stop (keeps the data)',
        ),
      ];
    }
    return undefined;
  },
});

// ---- Neon ------------------------------------------------------------------------

export const NEON: PaasSpec = {
  id: 'neon',
  product: 'Neon',
  valueOptions: [
    '--project-id',
    '--api-key',
    '--org-id',
    '-o',
    '--output',
    '--context-file',
    '--config-dir',
    '--parent',
    '--branch',
  ],
  targetOptions: ['--project-id', '--branch'],
  aliases: { project: 'projects', branch: 'branches', database: 'databases', db: 'databases', role: 'roles' },
  special(_cmd, words) {
    if (words[0] === 'branches' && (words[1] === 'reset' || words[1] === 'restore')) {
      const branch = words[2];
      return [
        finding(
          'cloud.neon-branch-reset',
          weigh(75, branch),
          `neonctl branches ${words[1]} replaces the data of branch ${branch ?? ''} with ${words[1] === 'reset' ? "its parent's" : 'an earlier state'}: changes made on it are lost`.replace(
            '  ',
            ' ',
          ),
          branch ?? 'branch',
          'create a branch from it first to keep its current state',
        ),
      ];
    }
    return undefined;
  },
};

// ---- Firebase --------------------------------------------------------------------

export const firebase = analyzer({
  id: 'firebase',
  product: 'Firebase',
  valueOptions: ['-P', '--project', '--token', '--config', '--database', '--instance', '--only', '--except', '--site'],
  targetOptions: ['-P', '--project'],
  special(cmd, words) {
    const project = optionValue(cmd.argv, ['-P', '--project']);
    const sub = words[0];
    if (sub === 'firestore:delete') {
      const path = words[1];
      if (hasFlag(cmd.argv, ['--all-collections'])) {
        return [
          finding(
            'cloud.firebase-firestore-delete-all',
            weigh(SEV.critical, project),
            `firebase firestore:delete --all-collections deletes every document in the Firestore database${project ? ` of ${project}` : ''}`,
            project ?? 'Firestore',
            'export first (gcloud firestore export gs://…)',
          ),
        ];
      }
      const recursive = hasFlag(cmd.argv, ['-r', '--recursive']);
      return [
        finding(
          'cloud.firebase-firestore-delete',
          weigh(recursive ? SEV.data : SEV.config, project, path),
          `firebase firestore:delete deletes ${recursive ? 'every document under ' : ''}${path ?? 'a document'}`,
          path ?? project ?? 'Firestore',
          'export first (gcloud firestore export gs://…)',
        ),
      ];
    }
    if (sub === 'database:remove') {
      const path = words[1] ?? '/';
      return [
        finding(
          'cloud.firebase-database-remove',
          weigh(path === '/' ? SEV.critical : SEV.data, project),
          `firebase database:remove deletes ${path === '/' ? 'the whole Realtime Database' : `everything under ${path}`}`,
          path,
          'download the data first (firebase database:get)',
        ),
      ];
    }
    if (sub === 'database:set') {
      const path = words[1] ?? '/';
      return [
        finding(
          'cloud.firebase-database-set',
          weigh(path === '/' ? SEV.data : SEV.config, project),
          `firebase database:set replaces everything under ${path} in the Realtime Database`,
          path,
          'use database:update, or download the data first (firebase database:get)',
        ),
      ];
    }
    if (sub === 'hosting:disable') {
      return [
        finding(
          'cloud.firebase-hosting-disable',
          SEV.config,
          'firebase hosting:disable takes the hosted site offline',
          project ?? 'site',
          'deploy a maintenance page instead',
        ),
      ];
    }
    return undefined;
  },
});
