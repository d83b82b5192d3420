// nx's targets as a project defines them: project.json's `targets` (an
// nx:run-commands target's shell lines, its `dependsOn`), package.json's
// scripts (nx runs them as targets), and nx.json's `targetDefaults` merged
// under each, the project's own settings winning. Also the JSON readers the
// build task runners share (buildTaskRunners.ts).
import { parse as parseJsonc } from 'jsonc-parser';
import { scriptsOf } from './wrappers/scripts';
import type { Recipes } from './recipes';
import { own } from '../text/own';

export type Json = Record<string, unknown>;

export function jsonObject(text: string | undefined): Json | undefined {
  if (text === undefined) return undefined;
  const doc = parseJsonc(text, [], { allowTrailingComma: true }) as unknown;
  return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Json) : undefined;
}

export function field(o: unknown, key: string): unknown {
  return o && typeof o === 'object' && !Array.isArray(o) ? own(o as Json, key) : undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : typeof v === 'string' ? [v] : [];
}

/**
 * A script that only calls the runner itself (`"build": "turbo run build"` in the root package.json, the usual
 * monorepo entry): turbo refuses to run such a root task as a loop, and reading it again would only loop here.
 */
export function selfCall(line: string, prog: string): boolean {
  return new RegExp(`^\\s*(?:(?:npx|bunx|pnpm|yarn)\\s+(?:exec\\s+)?)?${prog}(?:\\s+[^;&|<>\`$()\\n]*)?$`).test(line);
}

/** The executors that run shell lines: `nx:run-commands` (and its old name), or none with a `command`. */
const RUN_COMMANDS = new Set(['nx:run-commands', '@nrwl/workspace:run-commands']);

function isJson(o: unknown): o is Json {
  return !!o && typeof o === 'object' && !Array.isArray(o);
}

/** A target's settings over those it is merged under: its own win, its options merged over theirs. */
function mergeTarget(under: unknown, over: unknown): Json {
  const a = isJson(under) ? under : {};
  const b = isJson(over) ? over : {};
  const [mine, theirs] = [field(b, 'options'), field(a, 'options')];
  return { ...a, ...b, options: isJson(mine) && isJson(theirs) ? { ...theirs, ...mine } : (mine ?? theirs) };
}

/** A `*` pattern's match, part by part: no regular expression is built from the file's text. */
function globMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  const last = parts[parts.length - 1];
  if (!name.startsWith(parts[0]) || name.length < parts[0].length + last.length) return false;
  let at = parts[0].length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return name.length - last.length >= at && name.endsWith(last);
}

/**
 * nx.json's `targetDefaults` for a target: those keyed by its executor, then by a `*` pattern of its name, then by
 * its name, each merged over the one before (the target's own settings are merged over all of them).
 */
function targetDefault(defaults: unknown, name: string, executor: unknown): Json {
  let merged: Json = {};
  if (!isJson(defaults)) return merged;
  const keys = Object.keys(defaults).slice(0, 512);
  const pattern = (k: string): boolean => k !== name && k.includes('*') && globMatch(k, name);
  for (const key of [...keys.filter((k) => k === executor && k !== name), ...keys.filter(pattern), name])
    merged = mergeTarget(merged, own(defaults, key));
  return merged;
}

/**
 * A project.json's targets that run shell lines, with their `dependsOn` (`^` dropped); package.json scripts too.
 * nx.json's `targetDefaults` (`defaults`) are merged under each target the project has.
 */
export function nxTargets(
  projectJson: string | undefined,
  packageJson: string | undefined,
  defaults?: unknown,
): Recipes {
  const recipes: Recipes = new Map();
  const scripts = packageJson === undefined ? undefined : scriptsOf(packageJson);
  for (const [name, body] of Object.entries(scripts ?? {}).slice(0, 512))
    if (!selfCall(body, 'nx'))
      recipes.set(name, {
        deps: [],
        lines: [own(scripts, `pre${name}`), body, own(scripts, `post${name}`)].filter((l): l is string => !!l),
      });
  const declared = field(jsonObject(projectJson), 'targets');
  const targets = isJson(declared) ? declared : {};
  const names = new Set([...Object.keys(targets).slice(0, 512), ...recipes.keys()]);
  for (const name of names) {
    const mine = own(targets, name);
    const t = mergeTarget(targetDefault(defaults, name, field(mine, 'executor')), mine);
    const r = recipes.get(name) ?? { deps: [] as string[], lines: [] as string[] };
    const executor = field(t, 'executor');
    const options = field(t, 'options');
    if (executor === undefined || (typeof executor === 'string' && RUN_COMMANDS.has(executor))) {
      r.lines.push(...strings(field(t, 'command')), ...strings(field(options, 'command')));
      const commands = field(options, 'commands');
      for (const c of Array.isArray(commands) ? commands.slice(0, 256) : [])
        r.lines.push(...strings(typeof c === 'string' ? c : field(c, 'command')));
    } else if (executor === 'nx:run-script') r.deps.push(...strings(field(options, 'script')));
    const dependsOn = field(t, 'dependsOn');
    for (const d of Array.isArray(dependsOn) ? dependsOn.slice(0, 256) : []) {
      const target = typeof d === 'string' ? d : field(d, 'target');
      if (typeof target === 'string') r.deps.push(target.replace(/^\^/, '').replace(/^.*:/, ''));
    }
    recipes.set(name, r);
  }
  return recipes;
}
