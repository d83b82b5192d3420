// What a step sends through a forge's own CLI (GitHub's `gh`, GitLab's
// `glab`): the token these use is read from the environment, so a secret on
// their line is content the forge keeps and shows to whoever reads it — an
// issue's or comment's body, release notes, a gist, an API field, a variable
// — or a secret copied into another repository's store. `auth` and local
// settings use what they are given, and a secret stored back into the
// workflow's own repository stays where it was.
import { secretIn, unquoted, type Stage } from './ciShell';

/** The forge each CLI talks to by default. */
const CLI_HOST: Readonly<Record<string, string>> = { gh: 'api.github.com', glab: 'gitlab.com' };
/** Command groups that authenticate or change local settings: a secret there is used, not published. */
const LOCAL_GROUPS = new Set(['auth', 'config', 'alias', 'completion', 'extension', 'ext', 'help', 'version']);
/** Groups that store a value as the repository's secret: only another repository's store exposes it. */
const STORE_GROUPS: Readonly<Record<string, ReadonlySet<string>>> = {
  gh: new Set(['secret']),
  glab: new Set(['variable']),
};
/** Options whose value is a header: the credential's place, not content. */
const HEADER_OPTIONS = /^(?:-H|--header)$/;
/** `gh api` / `glab api` fields, `key=value` (`-F key=@file` reads a file). */
const FIELD_OPTIONS = /^(?:-[fF]|--field|--raw-field)$/;
/** Options of the store groups that name where the value goes. */
const TARGET_OPTIONS = /^(?:-R|--repo|-o|--org|-g|--group)$/;
/** Options whose value the CLI takes: the next word, never a positional. */
const VALUE_OPTION = /^-[A-Za-z]$|^--[\w-]+$/;
/** A field that carries the credential, which the CLI's API takes as one. */
const CREDENTIAL_FIELD =
  /^(?:[\w.-]*[_.-])?(?:token|password|passwd|pass|secret|key|auth|authorization|credentials?|jwt)$/i;
/** The workflow's own repository, as the runner names it. */
const OWN_REPO = /^(?:\$\{\{\s*github\.repository\s*\}\}|\$\{?(?:GITHUB_REPOSITORY|CI_PROJECT_PATH|CI_PROJECT_ID)\}?)$/;
/** Options that are switches (no value) in the store groups, so the word after them is a positional. */
const STORE_SWITCHES = /^(?:-m|--masked|--protected|--raw|--hidden|-a|--app)$/;

export interface ForgeSend {
  host: string;
  /** The secret put in as content, by name. */
  content: string | undefined;
  /** It reads the content from stdin (`gh gist create -`, `--body-file -`, `gh secret set X` with no value). */
  stdin: boolean;
  /** What keeps it, said for a human. */
  carrier: string;
}

/**
 * What a `gh` / `glab` stage puts into its forge, or undefined when it puts nothing there that was read. `secretOf`
 * names the secret a piece of a word holds; `secretFiles`, the files the step wrote a secret into.
 */
export function forgeCliSends(
  s: Stage,
  secretOf: (text: string) => string | undefined,
  secretFiles: ReadonlyMap<string, string>,
): ForgeSend | undefined {
  const host = CLI_HOST[s.program];
  const words = s.words.slice(0, 128).map(unquoted);
  const groupAt = words.findIndex((w, i) => i > 0 && !w.startsWith('-'));
  if (!host || groupAt === -1 || LOCAL_GROUPS.has(words[groupAt])) return undefined;
  const group = words[groupAt];
  const carrier = `\`${s.program} ${words.slice(groupAt, groupAt + 2).join(' ')}\``;
  const held = (text: string) => secretOf(text) ?? secretFiles.get(text.replace(/^@/, ''));
  if (STORE_GROUPS[s.program].has(group)) return storeSend(words, groupAt, host, carrier, held);
  let content: string | undefined;
  let stdin = group === 'gist' && words[groupAt + 1] === 'create' && !words.slice(groupAt + 2).some(isFile);
  for (let i = groupAt + 1; i < words.length && content === undefined; i++) {
    const w = words[i];
    const joined = /^(--[\w-]+)=([\s\S]*)$/.exec(w);
    const option = joined?.[1] ?? (w.startsWith('-') && w !== '-' ? w : undefined);
    if (w === '-' || joined?.[2] === '-') stdin = true;
    if (option === undefined) {
      content = held(w);
      continue;
    }
    const value = joined ? joined[2] : VALUE_OPTION.test(w) && isValue(words[i + 1]) ? words[++i] : undefined;
    if (value === undefined || HEADER_OPTIONS.test(option)) continue;
    if (value === '-' || value === '@-') stdin = true;
    const field = FIELD_OPTIONS.test(option) ? /^([\w.[\]-]+)=([\s\S]*)$/.exec(value) : null;
    if (field && CREDENTIAL_FIELD.test(field[1])) continue;
    content = held(field ? field[2] : value);
  }
  return content !== undefined || stdin ? { host, content, stdin, carrier } : undefined;
}

/** `gh secret set X --body "$S" --repo other/r`: the value copied into another repository's (or an org's) store. */
function storeSend(
  words: readonly string[],
  groupAt: number,
  host: string,
  carrier: string,
  held: (text: string) => string | undefined,
): ForgeSend | undefined {
  if (words[groupAt + 1] !== 'set') return undefined;
  let elsewhere = false;
  let value = false;
  let content: string | undefined;
  let positionals = 0;
  for (let i = groupAt + 2; i < words.length; i++) {
    const w = words[i];
    const joined = /^(--[\w-]+)=([\s\S]*)$/.exec(w);
    const option = joined?.[1] ?? (w.startsWith('-') && w !== '-' ? w : undefined);
    if (option === undefined) {
      // The name, then (glab) the value.
      if (positionals++ > 0) value = true;
      content ??= positionals > 1 ? held(w) : undefined;
      continue;
    }
    if (STORE_SWITCHES.test(option) && !joined) continue;
    const v = joined ? joined[2] : VALUE_OPTION.test(w) && isValue(words[i + 1]) ? words[++i] : '';
    if (TARGET_OPTIONS.test(option)) elsewhere ||= !OWN_REPO.test(v.trim());
    else if (/^(?:-b|--body|-v|--value)$/.test(option)) {
      value = true;
      content ??= held(v);
    } else if (/^(?:-f|--env-file)$/.test(option)) value = true;
  }
  if (!elsewhere) return undefined;
  return content !== undefined || !value ? { host, content, stdin: !value, carrier } : undefined;
}

const isValue = (w: string | undefined) => w !== undefined && (w === '-' || !w.startsWith('-'));
const isFile = (w: string, i: number, all: readonly string[]) =>
  !w.startsWith('-') && !(i > 0 && VALUE_OPTION.test(all[i - 1]) && !/^(?:-p|--public|-w|--web)$/.test(all[i - 1]));

/** The files a step writes a secret into (`echo "$T" > notes.txt`), by path: sending one sends the secret. */
export function secretFilesOf(pipelines: readonly Stage[][], secretVars: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const stages of pipelines.slice(0, 64)) {
    let held: string | undefined;
    for (const s of stages) {
      const reads = [...s.words.slice(1), ...s.redirects.filter((x) => x.op.startsWith('<')).map((x) => x.target)];
      held ??= reads.map((w) => secretIn(w, secretVars)).find((x) => x !== undefined);
    }
    const last = stages[stages.length - 1];
    for (const x of last?.redirects ?? []) {
      const file = unquoted(x.target);
      if (held && /^\d*>>?$|^&>>?$/.test(x.op) && file && !file.startsWith('/dev/') && out.size < 16)
        out.set(file, held);
    }
  }
  return out;
}
