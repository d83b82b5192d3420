// ninja's build files (the ninja manual, "Ninja file reference"): a `rule`
// holds the `command` ninja runs, through `/bin/sh -c`, for each `build` edge
// that uses it, with `$in` and `$out` the edge's inputs and outputs. What a
// `ninja` call runs is the commands of the edges its targets need. A
// build.ninja an agent wrote (`command = rm -rf ~/notes`) is read as the lines
// it runs, as a Makefile's recipe is.
//
// Bounded: a file past MAX_CHARS, more than MAX_FILES files, or more than
// MAX_LINES distinct lines is not read further (`unread` says so). Edges whose
// lines differ only by paths inside the build's folders are judged once, so the
// same compile command over many sources is one line to judge.

/** Most characters of build files read, files included, and distinct lines judged. */
const MAX_CHARS = 4 * 1024 * 1024;
const MAX_FILES = 16;
const MAX_LINES = 256;
/** Most edges visited from the targets. */
const MAX_EDGES = 20000;
/** What a path inside the build's folders stands as, to tell one edge's line from another's. */
const INSIDE = '\u0000inside';
/** How deep a variable's value may refer to others. */
const MAX_EXPAND_DEPTH = 8;

type Vars = Map<string, string>;

interface Edge {
  rule: string;
  outputs: string[];
  /** Explicit inputs (`$in`), then the implicit and order-only ones (needed first, not in `$in`). */
  inputs: string[];
  needs: string[];
  vars: Vars;
  rules: Map<string, Vars>;
  file: Vars;
}

export interface NinjaBuild {
  edges: Edge[];
  defaults: string[];
  /** Why part of the files was not read. */
  unread?: string;
}

/** Reads a file's text in logical lines: `$` at a line's end joins the next one (its leading blanks dropped). */
function logicalLines(text: string): string[] {
  return text.replace(/\$\r?\n[ \t]*/g, '').split(/\r?\n/);
}

/** Splits a build line's path list at unescaped blanks, each piece as written (its escapes expanded later). */
function paths(list: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '$' && i + 1 < list.length) {
      cur += c + list[++i];
    } else if (c === ' ' || c === '\t') {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** The index of a build line's first unescaped `:`. */
function unescapedColon(line: string): number {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '$') i++;
    else if (line[i] === ':') return i;
  }
  return -1;
}

/** `$name`, `${name}`, `$$`, `$ `, `$:` expanded in `text`, each name from `lookup` (unknown names are empty). */
export function expandNinja(text: string, lookup: (name: string) => string | undefined, depth = 0): string {
  return text.replace(/\$(?:\{([\w.-]+)\}|([\w-]+)|([$ :]))/g, (_m, braced, bare, escaped) => {
    if (escaped) return escaped;
    const v = lookup(braced ?? bare);
    return v === undefined || depth >= MAX_EXPAND_DEPTH ? '' : v;
  });
}

/** Parses build files: `read(name)` gives an included file's text (relative to the build folder), or undefined. */
export function readNinja(text: string, read: (name: string) => string | undefined): NinjaBuild {
  const build: NinjaBuild = { edges: [], defaults: [] };
  let files = 0;
  let chars = 0;
  const parse = (src: string, file: Vars, rules: Map<string, Vars>): void => {
    if (++files > MAX_FILES || (chars += src.length) > MAX_CHARS) {
      build.unread ??= files > MAX_FILES ? `more than ${MAX_FILES} build files` : 'build files past 4 MiB';
      return;
    }
    const lines = logicalLines(src);
    // The block an indented `name = value` line belongs to: a rule's or an edge's bindings.
    let block: Vars | undefined;
    for (const raw of lines) {
      if (/^\s*(?:#|$)/.test(raw)) continue;
      const indented = /^[ \t]/.test(raw);
      const line = raw.trim();
      const binding = /^([\w.-]+)\s*=\s?(.*)$/s.exec(line);
      if (indented && block && binding) {
        block.set(binding[1], binding[2]);
        continue;
      }
      block = undefined;
      const [word] = line.split(/\s+/, 1);
      const rest = line.slice(word.length).trim();
      const expand = (t: string) => expandNinja(t, (n) => file.get(n));
      if (binding && !indented && !['rule', 'build', 'default', 'include', 'subninja', 'pool'].includes(word)) {
        file.set(binding[1], expand(binding[2]));
      } else if (word === 'rule') {
        block = new Map();
        rules.set(rest, block);
      } else if (word === 'pool') {
        block = new Map();
      } else if (word === 'build') {
        const colon = unescapedColon(rest);
        if (colon === -1) continue;
        const outs = paths(rest.slice(0, colon)).map(expand);
        const [rule = '', ...ins] = paths(rest.slice(colon + 1)).map(expand);
        const cut = (list: string[]) => {
          const bar = list.findIndex((x) => x === '|' || x === '||' || x === '|@');
          return bar === -1 ? [list, []] : [list.slice(0, bar), list.slice(bar + 1).filter((x) => !x.startsWith('|'))];
        };
        const [explicitOuts] = cut(outs);
        const [explicitIns, moreIns] = cut(ins);
        block = new Map();
        build.edges.push({
          rule,
          outputs: explicitOuts,
          inputs: explicitIns,
          needs: [...explicitIns, ...moreIns],
          vars: block,
          rules,
          file,
        });
      } else if (word === 'default') {
        build.defaults.push(...paths(rest).map(expand));
      } else if (word === 'include' || word === 'subninja') {
        const name = expand(rest);
        const included = read(name);
        if (included === undefined) {
          build.unread ??= `${word} ${name}, which cannot be read`;
          continue;
        }
        // `include` shares this file's scope; `subninja` starts a child scope.
        if (word === 'include') parse(included, file, rules);
        else parse(included, new Map(file), new Map(rules));
      }
    }
  };
  parse(text, new Map(), new Map());
  return build;
}

/** The edges the targets need, and theirs (every edge's outputs not used as another's input when no target is named). */
function neededEdges(build: NinjaBuild, targets: readonly string[]): { edges: Edge[]; unread?: string } {
  const byOutput = new Map<string, Edge>();
  for (const e of build.edges) for (const o of e.outputs) byOutput.set(o, e);
  let wanted = [...targets];
  if (!wanted.length) wanted = build.defaults;
  if (!wanted.length) {
    const inputs = new Set(build.edges.flatMap((e) => e.needs));
    wanted = build.edges.flatMap((e) => e.outputs).filter((o) => !inputs.has(o));
  }
  const seen = new Set<Edge>();
  const out: Edge[] = [];
  const queue = wanted.map((t) => byOutput.get(t.replace(/^\.\//, ''))).filter((e): e is Edge => e !== undefined);
  while (queue.length) {
    const e = queue.pop()!;
    if (seen.has(e)) continue;
    if (seen.size >= MAX_EDGES) return { edges: out, unread: `more than ${MAX_EDGES} build edges` };
    seen.add(e);
    out.push(e);
    for (const n of e.needs) {
      const dep = byOutput.get(n);
      if (dep && !seen.has(dep)) queue.push(dep);
    }
  }
  return { edges: out };
}

/**
 * The shell lines the edges that `targets` need run (`phony` runs none). `inside(path)` says whether a path an
 * edge names is within the build's own folders: such paths stand as one name, so that a line differs only by what
 * it reaches outside them.
 */
export function ninjaLines(
  build: NinjaBuild,
  targets: readonly string[],
  inside: (p: string) => boolean,
): { lines: string[]; unread?: string } {
  const needed = neededEdges(build, targets);
  let unread = build.unread ?? needed.unread;
  // Keyed by the line with the edge's inside paths as one name; the line kept is the first edge's, as it runs.
  const lines = new Map<string, string>();
  for (const e of needed.edges) {
    if (e.rule === 'phony') continue;
    const rule = e.rules.get(e.rule);
    if (!rule) continue;
    const commandOf = (shown: (list: string[]) => string): string => {
      const lookup = (name: string, depth: number): string | undefined => {
        if (name === 'in' || name === 'in_newline') return shown(e.inputs);
        if (name === 'out') return shown(e.outputs);
        const v = e.vars.get(name) ?? rule.get(name);
        if (v !== undefined) return expandNinja(v, (n) => lookup(n, depth + 1), depth + 1);
        return e.file.get(name);
      };
      return expandNinja(rule.get('command') ?? '', (n) => lookup(n, 0));
    };
    const key = commandOf((list) => list.map((p) => (inside(p) ? INSIDE : p)).join(' '));
    if (!key.trim() || lines.has(key)) continue;
    if (lines.size >= MAX_LINES) {
      unread ??= `more than ${MAX_LINES} distinct commands`;
      break;
    }
    lines.set(
      key,
      commandOf((list) => list.join(' ')),
    );
  }
  return { lines: [...lines.values()], ...(unread ? { unread } : {}) };
}
