// The variables of an environment that can say something, found once per
// environment rather than once per command. The judges scan a command's
// environment for connection strings, test keys and emulator addresses before
// every database, cloud or API command; a batch's lines share the caller's
// environment, so the same scan ran on every such line. An environment that
// cannot change (frozen: `check --batch` freezes its copy of its own, and the
// reader freezes the copy it adds PWD and HOME to) is scanned once per
// question; any other (a request's own, one with `FOO=1 cmd` assignments, a
// hook's live process environment) is scanned as before, every time.

/** Past this many variables an environment is scanned every time (what is kept per environment stays small). */
export const MAX_SCANNED_VARS = 4096;
/** Questions kept per environment: one per caller (the `tag`), each for the latest `key`. */
const MAX_QUESTIONS = 16;

interface Answer {
  key: unknown;
  names: readonly string[];
}
const answers = new WeakMap<object, Map<string, Answer>>();
/** An environment frozen but past MAX_SCANNED_VARS: scanned by the caller every time, without asking again. */
const TOO_BIG = new Map<string, Answer>();

/**
 * The names of `env`, in its own order, whose string value `keep` keeps; worked out once per frozen `env`,
 * `tag` and `key` (the caller names what `keep` depends on besides the variable: the same tag and key must
 * mean the same `keep`). Undefined when `env` may change or is too big to keep an answer for: scan it then.
 */
export function namesWhere(
  env: Readonly<Record<string, string>>,
  tag: string,
  key: unknown,
  keep: (name: string, value: string) => boolean,
): readonly string[] | undefined {
  let byTag = answers.get(env);
  if (byTag === TOO_BIG) return undefined;
  const known = byTag?.get(tag);
  if (known && known.key === key) return known.names;
  // Frozen stays frozen: checked once, when the first answer is kept (isFrozen reads every property; most
  // environments are extensible, which says no at once).
  if (!byTag && !isFrozenEnv(env)) return undefined;
  const names: string[] = [];
  let seen = 0;
  for (const name in env) {
    if (++seen > MAX_SCANNED_VARS) {
      answers.set(env, TOO_BIG);
      return undefined;
    }
    const value = env[name];
    if (typeof value === 'string' && keep(name, value)) names.push(name);
  }
  if (!byTag) answers.set(env, (byTag = new Map()));
  if (byTag.size >= MAX_QUESTIONS && !byTag.has(tag)) byTag.clear();
  byTag.set(tag, { key, names });
  return names;
}

/** Whether `env` can never change: frozen. An extensible object is not, without reading its properties. */
function isFrozenEnv(env: object): boolean {
  return !Object.isExtensible(env) && Object.isFrozen(env);
}
