// The first of the guard's protected places a touch reaches, found by the
// touched path's own ancestors and, for a touch that takes a folder whole,
// by the places below that folder, instead of trying each of the hundreds of
// places (hook files of every host in every folder up to the home, editors'
// extension folders, shell start-up files) for every path a command writes.
import { hitsPath, type Touch } from '../effects/pathTouch';
import type { GuardPlace } from './index';

interface PlaceIndex {
  /** Each path, and the position of the first place that has it. */
  first: Map<string, number>;
  /** The paths, sorted: the places below a folder are one run of them. */
  sorted: string[];
}

const indexes = new WeakMap<readonly GuardPlace[], PlaceIndex>();

function indexOf(list: readonly GuardPlace[]): PlaceIndex {
  let ix = indexes.get(list);
  if (!ix) {
    const first = new Map<string, number>();
    list.forEach((g, i) => {
      if (!first.has(g.path)) first.set(g.path, i);
    });
    ix = { first, sorted: [...first.keys()].sort() };
    indexes.set(list, ix);
  }
  return ix;
}

/** What `list.find((g) => hitsPath(t, g.path))` answers: the same place, the first in the list's order. */
export function firstPlaceHit<P extends GuardPlace>(t: Touch, list: readonly P[]): P | undefined {
  // A glob reaches what it matches, a file known by its ending (`backup-$(date +%F).tgz`) places of that ending:
  // tried place by place.
  if (t.glob || (t.nameEnds !== undefined && !t.tree) || list.length === 0)
    return list.find((g) => hitsPath(t, g.path));
  const ix = indexOf(list);
  // A touch that takes `/` whole reaches every place, the first among them.
  const takesWhole = t.tree || t.dir !== t.path;
  if (takesWhole && t.dir === '/') return list[0];
  let best = Infinity;
  const consider = (p: string): void => {
    const i = ix.first.get(p);
    if (i !== undefined && i < best) best = i;
  };
  // A place at `/` holds every path.
  consider('/');
  // Places at the touched path or holding it: the path itself and the text before each of its slashes.
  consider(t.path);
  for (let k = t.path.indexOf('/'); k !== -1; k = t.path.indexOf('/', k + 1)) consider(t.path.slice(0, k));
  // Places that go with a folder taken whole: the folder itself and every path below it.
  if (takesWhole) {
    consider(t.dir);
    const prefix = t.dir + '/';
    let lo = 0;
    let hi = ix.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ix.sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < ix.sorted.length && ix.sorted[i].startsWith(prefix); i++) consider(ix.sorted[i]);
  }
  return best === Infinity ? undefined : list[best];
}
