// The files a Cargo.toml names as the crate's targets: `[lib] path`,
// `[[bin]] path`, `[[test]] path`, `[[bench]] path`, `[[example]] path`. Cargo
// compiles and runs them from wherever they point, not only src/ and tests/,
// so an agent can put a test or the program `cargo run` starts in any folder.
// Only the table forms are read; a target whose path cannot be read from the
// text (an inline table, a dotted key) is found by its default place under
// src/, tests/, benches/ or examples/, which the caller reads anyway.

export type CargoTarget = 'lib' | 'bin' | 'test' | 'bench' | 'example';

/** Target tables of one manifest read; past it the call asks. */
export const MAX_CARGO_TARGETS = 64;

/** One table header and the lines up to the next header. */
const TABLE = /^[ \t]*(\[\[?)[ \t]*(lib|bin|test|bench|example)[ \t]*\]\]?[ \t]*(?:#.*)?$((?:\n(?![ \t]*\[).*)*)/gm;
const PATH_KEY = /^[ \t]*path[ \t]*=[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')/m;

/** The `path` of each target table of `kinds` in the manifest's text, at most MAX_CARGO_TARGETS + 1 of them. */
export function cargoTargetPaths(manifest: string, kinds: ReadonlySet<CargoTarget>): string[] {
  const out: string[] = [];
  for (const m of manifest.matchAll(TABLE)) {
    // `[lib]` is one table, the others arrays of tables: `[bin]` is no target.
    if ((m[2] === 'lib') !== (m[1] === '[') || !kinds.has(m[2] as CargoTarget)) continue;
    const found = PATH_KEY.exec(m[3]);
    if (!found) continue;
    out.push(found[1] !== undefined ? found[1].replace(/\\(.)/g, '$1') : found[2]);
    if (out.length > MAX_CARGO_TARGETS) break;
  }
  return out;
}

/** The targets whose code a cargo subcommand runs: the library with what calls it, an example only with `--example`. */
export function targetsRun(sub: string, example: boolean): ReadonlySet<CargoTarget> {
  if (sub === 'run' || sub === 'r') return new Set<CargoTarget>(['lib', example ? 'example' : 'bin']);
  if (sub === 'bench') return new Set<CargoTarget>(['lib', 'bin', 'bench']);
  return new Set<CargoTarget>(['lib', 'bin', 'test']);
}
