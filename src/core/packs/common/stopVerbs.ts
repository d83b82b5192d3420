// Switching a running resource off without deleting it: `aws rds stop-db-instance`, `az vm deallocate`,
// `gcloud compute instances stop`, `doctl compute droplet-action power-off`, `aws redshift pause-cluster`.
// What it served is down until someone starts it again (a stopped production database is an outage), so
// it asks as a scale to zero does. Only what serves or holds data counts: a stopped query, build or
// recording loses nothing. Start, describe and list name no such verb and stay quiet.
import type { Finding } from '../../types';
import { deletionClass, weigh } from './deletion';
import { finding } from './finding';

const STOP_VERBS = new Set(['stop', 'pause', 'suspend', 'deallocate', 'hibernate', 'shutdown', 'poweroff', 'halt']);

export interface StopHit {
  verb: string;
  /** Index of the positional holding the verb. */
  index: number;
  /** Every noun around the verb: the service and the kind of resource. */
  nouns: string[];
}

/**
 * The first stopping verb within the first `depth` positionals, as a word (`stop`) or the head or tail of a
 * joined one (`stop-db-instance`, `droplet-action power-off` joined as `poweroff`). `isOtherVerb` ends the
 * search: after another verb (`describe`, `list`) the words are its arguments (an instance named `stop-me`).
 */
export function findStopVerb(
  words: readonly string[],
  depth: number,
  isOtherVerb: (word: string) => boolean,
): StopHit | undefined {
  const nouns: string[] = [];
  const limit = Math.min(depth, words.length);
  for (let i = 0; i < limit; i++) {
    for (const part of words[i].toLowerCase().split(':')) {
      const pieces = part
        .replace(/power[-_]?off/g, 'poweroff')
        .split(/[-_]/)
        .filter(Boolean);
      const head = pieces[0] ?? part;
      const tail = pieces[pieces.length - 1] ?? part;
      if (STOP_VERBS.has(head) || (pieces.length > 1 && STOP_VERBS.has(tail))) {
        const verb = STOP_VERBS.has(head) ? head : tail;
        const joined = STOP_VERBS.has(head) ? pieces.slice(1) : pieces.slice(0, -1);
        return { verb, index: i, nouns: [...nouns, ...joined] };
      }
      // The first word is often a product named like a verb (`gcloud run`).
      if (i > 0 && isOtherVerb(part)) return undefined;
      nouns.push(...pieces);
    }
  }
  return undefined;
}

/** A stop of what serves or holds data (`shown`: the command as it reads, `target`: what it names). */
export function stopFinding(
  id: string,
  hit: StopHit,
  shown: string,
  target: string | undefined,
  product: string,
): Finding[] | undefined {
  const cls = deletionClass(hit.nouns, hit.nouns[hit.nouns.length - 1]);
  if (cls !== 'data' && cls !== 'service' && cls !== 'top') return undefined;
  const what = cls === 'data' ? 'the database or data service' : 'the service';
  return [
    finding(
      id,
      weigh(cls === 'data' ? 55 : 50, target, ...hit.nouns),
      `${shown} switches off ${target ? `${target} (${what})` : what} on ${product}: everything it serves is down until someone starts it again`,
      target ?? product,
      'stop a non-production copy first, or schedule the stop in a maintenance window with the owners told',
    ),
  ];
}
