// AWS operations named for what they create or change that delete a resource when an option says so:
// `ec2 create-replace-root-volume-task --delete-replaced-root-volume` lays an image or snapshot over an
// instance's root disk and deletes the disk it replaces, with everything written there. The operation's name
// says "create", so the deletion reading of operation names misses it; the option names the verb and the kind
// of thing it deletes, and is judged as that kind's deletion. `--no-delete-…` keeps it.
import { SEV, classSeverity, deletesPhrase, deletionClass, weigh } from '../common/deletion';
import { finding } from '../common/finding';
import type { Finding } from '../../types';

/** `--delete-replaced-root-volume`: the verb, then up to five words ending in the kind it deletes. */
const DELETING_OPTION = /^--(?:delete|purge|remove|destroy|terminate)-((?:[a-z0-9]+-){0,4}[a-z0-9]+)$/;
const MAX_OPTIONS = 64;

/** The finding for the first option (after the operation at `at`) that deletes data, a service or backups. */
export function awsDeletingOptionFindings(
  argv: readonly string[],
  shown: string,
  at: number,
  target: string | undefined,
): Finding[] | undefined {
  for (let i = at + 1; i < argv.length && i <= at + MAX_OPTIONS; i++) {
    const a = argv[i];
    if (a === '--') return undefined;
    const m = DELETING_OPTION.exec(a);
    if (!m) continue;
    const words = m[1].split('-');
    const kind = words[words.length - 1];
    const cls = deletionClass(words, kind);
    if (cls !== 'data' && cls !== 'backup' && cls !== 'top' && cls !== 'service') continue;
    const severity = classSeverity(cls);
    return [
      finding(
        `cloud.aws-${severity >= SEV.data ? 'data-delete' : 'delete'}`,
        weigh(severity, target),
        `${shown} ${a} ${deletesPhrase(cls, undefined)}: the ${words.join(' ')}${target ? ` of ${target}` : ''} is deleted, not kept`,
        target ?? shown,
        `drop ${a} so what is replaced is kept, and snapshot it before the change`,
      ),
    ];
  }
  return undefined;
}
