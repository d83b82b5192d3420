// Rebuilding, reinstalling or reimaging a machine erases its disk: `hcloud server rebuild`, `doctl compute
// droplet-action rebuild`, `az vm reimage`, `linode-cli linodes rebuild`, `vultr-cli instance reinstall`, and a
// restore of an image or backup over it (`doctl compute droplet-action restore`). Nothing is named "delete", yet
// everything written on the machine since its image is gone, as when its disk is deleted. The verbs only wipe
// with a machine as their object: a CI build or a search index "rebuilt" loses nothing, and stays quiet.
import type { Finding } from '../../types';
import { classNoun, weigh, SEV } from './deletion';
import { finding } from './finding';

/** Verbs that lay a fresh image (or an older copy) over what a machine's disk holds. */
const WIPE_VERBS = new Set(['rebuild', 'reinstall', 'reimage', 'reinitialize', 'restore']);

/** What a wipe verb wipes: machines, in each provider's words, singular or plural. */
const MACHINE_NOUNS = new Set([
  'server',
  'droplet',
  'instance',
  'linode',
  'vm',
  'vmss',
  'machine',
  'metal',
  'baremetal',
  'vps',
]);

export function isMachineNoun(word: string): boolean {
  const w = word.toLowerCase();
  return MACHINE_NOUNS.has(w) || (w.endsWith('s') && MACHINE_NOUNS.has(w.slice(0, -1)));
}

export interface WipeHit {
  verb: string;
  /** Index of the positional holding the verb. */
  index: number;
}

/**
 * The first wipe verb within the first `depth` positionals whose nouns (before it, or joined to it:
 * `droplet-action rebuild`, `restore-backup`) name a machine. `isOtherVerb` ends the search: after another verb
 * (`describe`, `list`) the words are its arguments.
 */
export function findMachineWipe(
  words: readonly string[],
  depth: number,
  isOtherVerb: (word: string) => boolean,
): WipeHit | undefined {
  const nouns: string[] = [];
  const limit = Math.min(depth, words.length);
  for (let i = 0; i < limit; i++) {
    for (const part of words[i].toLowerCase().split(':')) {
      const pieces = part.split(/[-_]/).filter(Boolean);
      const verb = pieces.find((p) => WIPE_VERBS.has(p));
      if (verb && [...nouns, ...pieces].some(isMachineNoun)) return { verb, index: i };
      if (i > 0 && isOtherVerb(part)) return undefined;
      nouns.push(...pieces);
    }
  }
  return undefined;
}

/**
 * A wipe judged as the deletion of the machine's disk, under the CLI's own deletion id (`shown`: the command as
 * it reads, `target`: the machine it names).
 */
export function machineWipeFinding(
  id: string,
  hit: WipeHit,
  shown: string,
  target: string | undefined,
  product: string,
): Finding {
  const what = target ?? 'the machine';
  const lost =
    hit.verb === 'restore'
      ? `lays an older copy over ${what} on ${product}: everything written there since that copy is deleted`
      : `erases the disk of ${what} on ${product} and lays a fresh image on it: everything written there is deleted`;
  return finding(
    id,
    weigh(SEV.data, target),
    `${shown} ${lost}, as deleting the disk would (${classNoun('data')})`,
    target ?? product,
    'snapshot the machine first (or copy off what it holds), and check it is the one meant',
  );
}
