// The text a file has at a branch, tag or commit, read from the repository's
// own files: the name resolved as `git checkout` resolves it (a local branch
// first, then git's other ref spellings, an object id, a branch of one remote),
// through loose refs and packed-refs, then the commit's tree walked to the
// path. A name that does not resolve, or objects that cannot be read, are
// unknown (undefined); a path the commit does not hold is null.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { countLookup } from '../../state/lookups';
import { MAX_OBJECT, ObjectStore } from './store';

/** Symbolic refs and annotated tags followed at most this deep. */
const MAX_HOPS = 5;
/** Largest packed-refs file read. */
const MAX_PACKED_REFS = 4 * 1024 * 1024;
/** Remotes looked through for `git checkout NAME` of a remote's branch. */
const MAX_REMOTES = 32;

function readSmall(file: string, most: number): string | undefined {
  countLookup();
  try {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size > most) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A repository's git folder (per work tree) and the folder it shares with its other work trees. */
export class Repository {
  readonly common: string;
  readonly store: ObjectStore;
  private packedRefs: Map<string, string> | undefined;

  constructor(readonly gitDir: string) {
    const common = readSmall(path.join(gitDir, 'commondir'), 4096)?.trim();
    this.common = common ? path.resolve(gitDir, common) : gitDir;
    this.store = new ObjectStore(path.join(this.common, 'objects'));
  }

  /** The id a full ref name points at; undefined when there is no such ref (or it cannot be read). */
  private ref(name: string, hops = 0): string | undefined {
    if (hops > MAX_HOPS || name.includes('..') || !/^(HEAD|refs\/[^\0\s~^:?*[\\]+)$/.test(name)) return undefined;
    const dir = name === 'HEAD' ? this.gitDir : this.common;
    const loose = readSmall(path.join(dir, name), 4096)?.trim();
    if (loose !== undefined) {
      const sym = /^ref:\s*(\S+)$/.exec(loose);
      if (sym) return this.ref(sym[1], hops + 1);
      return /^[0-9a-f]{40}$/.test(loose) ? loose : undefined;
    }
    return this.packed().get(name);
  }

  private packed(): Map<string, string> {
    if (this.packedRefs) return this.packedRefs;
    this.packedRefs = new Map();
    const text = readSmall(path.join(this.common, 'packed-refs'), MAX_PACKED_REFS) ?? '';
    for (const line of text.split('\n')) {
      const m = /^([0-9a-f]{40}) (refs\/\S+)$/.exec(line);
      if (m) this.packedRefs.set(m[2], m[1]);
    }
    return this.packedRefs;
  }

  /** Branch names of the remotes (`origin/NAME`) holding `name`. */
  private remoteBranches(name: string): string[] {
    const remotes = new Set<string>();
    try {
      for (const r of fs.readdirSync(path.join(this.common, 'refs', 'remotes')).slice(0, MAX_REMOTES)) remotes.add(r);
    } catch {
      // No loose remote refs: packed-refs may still name them.
    }
    for (const ref of this.packed().keys()) {
      const m = /^refs\/remotes\/([^/]+)\//.exec(ref);
      if (m && remotes.size < MAX_REMOTES) remotes.add(m[1]);
    }
    return [...remotes].filter((r) => this.ref(`refs/remotes/${r}/${name}`) !== undefined);
  }

  /** The id `git checkout NAME` goes to; undefined when it names nothing that can be read. */
  resolve(name: string): string | undefined {
    if (name === '-' || name === '@{-1}') name = this.previous() ?? '';
    if (!name || name.startsWith('-') || name.length > 255) return undefined;
    const branch = this.ref(`refs/heads/${name}`);
    if (branch) return branch;
    for (const spelled of [name, `refs/${name}`, `refs/tags/${name}`, `refs/remotes/${name}`]) {
      const id = this.ref(spelled);
      if (id) return id;
    }
    if (/^[0-9a-f]{40}$/.test(name)) return name;
    const short = this.store.looseByPrefix(name);
    if (short) return short;
    // `git checkout NAME` of a branch only a remote has makes it from that remote's, when one remote has it.
    const remotes = this.remoteBranches(name);
    return remotes.length === 1 ? this.ref(`refs/remotes/${remotes[0]}/${name}`) : undefined;
  }

  /** The branch (or commit) HEAD was on before the last switch, from HEAD's log (`git checkout -`). */
  private previous(): string | undefined {
    const log = readSmall(path.join(this.gitDir, 'logs', 'HEAD'), MAX_PACKED_REFS);
    const moves = log?.match(/\tcheckout: moving from \S+ to \S+$/gm);
    return moves ? /from (\S+)/.exec(moves[moves.length - 1])?.[1] : undefined;
  }

  /** The tree of the commit `id` names (annotated tags peeled). */
  private treeOf(id: string): string | undefined {
    for (let hop = 0; hop <= MAX_HOPS; hop++) {
      const obj = this.store.read(id);
      if (!obj) return undefined;
      const text = obj.data.toString('latin1', 0, Math.min(obj.data.length, 256));
      if (obj.type === 'commit') return /^tree ([0-9a-f]{40})\n/.exec(text)?.[1];
      if (obj.type !== 'tag') return undefined;
      const next = /^object ([0-9a-f]{40})\n/.exec(text)?.[1];
      if (!next) return undefined;
      id = next;
    }
    return undefined;
  }

  /** The text of `rel` (a path inside the work tree, `/`-separated) at commit `id`; null where it holds none. */
  fileAt(id: string, rel: string): string | null | undefined {
    let tree = this.treeOf(id);
    const parts = rel.split('/').filter((p) => p && p !== '.');
    if (parts.some((p) => p === '..') || parts.length > 32) return undefined;
    for (let i = 0; i < parts.length; i++) {
      if (!tree) return undefined;
      const obj = this.store.read(tree);
      if (obj?.type !== 'tree') return undefined;
      const entry = treeEntry(obj.data, parts[i]);
      if (entry === null) return null;
      if (!entry) return undefined;
      const last = i === parts.length - 1;
      if (!last) {
        if (entry.mode !== '40000') return entry.mode.startsWith('100') ? null : undefined;
        tree = entry.id;
        continue;
      }
      if (entry.mode === '40000') return null;
      // A link or a submodule: what the runner reads through it is not in this tree.
      if (entry.mode !== '100644' && entry.mode !== '100755') return undefined;
      const blob = this.store.read(entry.id);
      if (blob?.type !== 'blob' || blob.data.length > MAX_OBJECT) return undefined;
      return blob.data.toString('utf8');
    }
    return undefined;
  }
}

/** The entry `name` of a tree object's bytes; null when it has none, undefined when the tree is damaged. */
function treeEntry(data: Buffer, name: string): { mode: string; id: string } | null | undefined {
  let k = 0;
  while (k < data.length) {
    const space = data.indexOf(0x20, k);
    const nul = space < 0 ? -1 : data.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > data.length) return undefined;
    if (data.toString('utf8', space + 1, nul) === name) {
      return { mode: data.toString('latin1', k, space), id: data.toString('hex', nul + 1, nul + 21) };
    }
    k = nul + 21;
  }
  return null;
}
