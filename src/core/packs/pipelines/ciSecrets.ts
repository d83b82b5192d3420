// A CI step that sends a secret out, or prints it past the log's masking, for
// every CI service and container build: a secret-bearing value (GitHub's
// `${{ secrets.X }}` and `${{ github.token }}`, GitLab's `$CI_JOB_TOKEN`, any
// `$NAME` named as a secret, a variable the file sets to one) sent by curl,
// wget, httpie, nc or a `/dev/tcp` redirect to a host that is not the
// service's own API; encoded (base64, xxd, rev, tr, …) or cut into characters
// where the log shows it, which the masking of the value itself misses; and
// the whole environment dumped into a send or an encoder. A tool that uses the
// credentials it is given (`docker login`, `npm publish`, `aws s3 sync`) sends
// nothing of its own accord, and a token sent to its own service is its use.
// Only lines the change adds are read.
import type { Finding } from '../../types';
import { isEnvDump } from '../common/environmentNames';
import { finding } from '../common/finding';
import { pipelineCommands, type PipelineKind } from './formats';
import { pipelinesOf, secretIn, unquoted, variableTable, type Stage } from './ciShell';
import { destinations, isForeign, isRemote, OWN_API, socketsOf, type Reading } from './ciSends';
import { secretFilesOf } from './ciForgeCli';

/** Step lines read per change: a long workflow has a few hundred. */
const MAX_CANDIDATES = 512;

/**
 * Kinds whose steps run on a CI service's runner, a hosting service's builder or in a container, with the
 * secrets they are given. Make, task tables, runner configs, dev containers and git hooks run on this machine,
 * where a token sent to its service is everyday work; the engine judges those lines as it judges a command here.
 */
const READ_KINDS: ReadonlySet<PipelineKind> = new Set([
  'github-actions',
  'gitlab-ci',
  'circleci',
  'buildkite',
  'azure-pipelines',
  'bitbucket',
  'jenkinsfile',
  'ci',
  'hosting',
  'dockerfile',
  'compose',
]);

/** Programs whose output no longer matches the secret the log masks. */
const ENCODERS = new Set([
  'base64',
  'base32',
  'basenc',
  'xxd',
  'od',
  'hexdump',
  'hd',
  'rev',
  'tr',
  'sed',
  'awk',
  'cut',
  'fold',
  'iconv',
  'openssl',
  'gzip',
]);
/** Programs that pass what they read on to their output as it is. */
const PASS_THROUGH = new Set(['cat', 'tee', 'head', 'tail', 'sort', 'uniq']);

/** The first added step line that sends or shows a secret, as a finding. */
export function ciSecretFinding(
  kind: PipelineKind,
  added: readonly string[],
  after: string,
  before: string | undefined,
  rel: string,
): Finding | undefined {
  if (!READ_KINDS.has(kind)) return undefined;
  // Most changes add no line that names a variable, dumps the environment or reads a build secret: nothing to follow.
  if (!added.some((l) => MAY_EXPOSE.test(l))) return undefined;
  const vars = variableTable(after);
  const base = { kind, own: OWN_API[kind], vars };
  const had = before === undefined ? undefined : variableTable(before).secret;
  // A variable the change sets to a secret: the steps that already read it now send or show the secret.
  const newly = had ? [...vars.secret].filter((n) => !had.has(n)) : [];
  for (const { line, step } of candidateLines(kind, added, after, before, rel, newly)) {
    // A descriptor the step opens to the network (`exec 3<>/dev/tcp/…`) is written to on another of its lines.
    const sockets = /\/dev\/(?:tcp|udp)\//.test(step) ? socketsOf(pipelinesOf(step)) : new Map<string, string>();
    // A file the step writes a secret into is sent by a later line's `gh gist create notes.txt` or `curl -d @notes.txt`.
    const secretFiles =
      /\b(?:gh|glab|curl|wget|https?|xh)\b/.test(step) && /[^<]>/.test(step)
        ? secretFilesOf(pipelinesOf(step), vars.secret)
        : undefined;
    const why = lineFinding(line, { ...base, sockets, secretFiles });
    if (why)
      return finding(
        'autorun.ci-secret-exposed',
        60,
        `${rel} ${why} (${line.trim().replace(/\s+/g, ' ').slice(0, 100)})`,
        rel,
        'pass secrets to the tools that need them through their environment, and send them only to their own service',
      );
  }
  return undefined;
}

/**
 * The step lines a change adds, each with its command: each new command's lines (continuations joined) that the file
 * had not, and the added lines themselves with any YAML key in front (a step's `with:` input, a list item of a key the
 * reader does not know).
 */
function candidateLines(
  kind: PipelineKind,
  added: readonly string[],
  after: string,
  before: string | undefined,
  file: string,
  newlySecret: readonly string[],
): Array<{ line: string; step: string }> {
  const logical = (text: string | undefined) =>
    text === undefined
      ? []
      : pipelineCommands(kind, text, file).commands.flatMap((c) => {
          const step = c.replace(/\\\r?\n\s*/g, ' ');
          return step.split('\n').map((line) => ({ line, step }));
        });
  const had = new Set(logical(before).map((l) => l.line.trim()));
  const reads = (l: string) => newlySecret.some((n) => new RegExp(`\\$\\{?${n}\\b|\\benv\\.${n}\\b`).test(l));
  const out = logical(after).filter(({ line: l }) => l.trim() && (!had.has(l.trim()) || reads(l)));
  for (const raw of added) {
    const t = raw.trim();
    if (!t || t.startsWith('#')) continue;
    const line = t.replace(/^(?:-\s+)?(?:[\w.-]+\s*:\s+)?/, '').replace(/^(["'])(.*)\1$/, '$2');
    out.push({ line, step: line });
  }
  return out.slice(0, MAX_CANDIDATES);
}

const MAY_EXPOSE = /\$|\b(?:env|printenv|set|export|declare|typeset)\b|\/proc\/|\/run\/secrets\//;

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh']);

/** What a line does with a secret, said for a human; undefined when it keeps them. `sh -c '…'` is read as its line. */
function lineFinding(line: string, r: Reading, depth = 0): string | undefined {
  if (!r.secretFiles?.size && !/[$/]|\benv\b|\bset\b|\bexport\b|\bprintenv\b|\bdeclare\b/.test(line)) return undefined;
  for (const stages of pipelinesOf(line)) {
    const why = pipelineFinding(stages, r);
    if (why) return why;
    for (const s of depth < 2 ? stages : []) {
      const c = s.words.findIndex((w) => /^-[a-z]*c$/.test(w));
      if (!SHELLS.has(s.program) || c < 1 || c + 1 >= s.words.length) continue;
      const inner = lineFinding(unquoted(s.words[c + 1]), r, depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

function pipelineFinding(stages: readonly Stage[], r: Reading): string | undefined {
  // What flows along the pipe: a secret's name, or the whole environment.
  let carried: string | undefined;
  let encoded: string | undefined;
  for (let k = 0; k < stages.length; k++) {
    const s = stages[k];
    const dests = destinations(s, r, (text) => secretOf(text, r));
    // Its words, and what it reads from a here-string or a file (`base64 <<< "$T"`, `< /run/secrets/key`).
    const inWords = [...s.words.slice(1), ...s.redirects.filter((x) => x.op.startsWith('<')).map((x) => x.target)]
      .filter((w) => !dests.skipped.has(w))
      .map((w) => secretIn(w, r.vars.secret))
      .find((x) => x !== undefined);
    const held =
      (isEnvDump(s.words.map(unquoted)) || dumpsEnvironment(s) ? 'the whole environment' : undefined) ?? inWords;
    const payload = carried ?? held;
    const foreign = payload ? dests.hosts.find((h) => isForeign(h, payload, r)) : undefined;
    if (payload && foreign) return `sends ${what(payload)} to ${foreign}, ${ownSaid(r)}`;
    const gitForeign = payload ? dests.gitHosts.find((h) => isForeign(h, payload, r, true)) : undefined;
    if (payload && gitForeign)
      return `sends ${what(payload)} to ${gitForeign} in a git remote's URL, ${r.own ? `not ${r.own.service}'s own git host` : 'not a forge it is meant for'}`;
    // Even its own API keeps what a request carries as content: an issue, a comment, a variable others read.
    const content = dests.content ?? (dests.stdinContent ? carried : undefined);
    const at = content ? (dests.hosts.find(isRemote) ?? dests.ownVars.map((v) => `$${v}`)[0]) : undefined;
    if (content && at && dests.carrier)
      return `puts ${what(content)} into ${at} through ${dests.carrier}, as content others can read (a body, notes, a gist, a field, another repository's store), not as the credential it authenticates with`;
    if (content && at)
      return `sends ${what(content)} to ${at} as the request's content (body, form field, URL path or query), where the service keeps it, not as the credential it authenticates with`;
    if (ENCODERS.has(s.program) && payload) encoded = payload;
    else if (encoded && !PASS_THROUGH.has(s.program)) encoded = undefined;
    if (!encoded && /^(?:echo|printf)$/.test(s.program) && splitIntoCharacters(s, r)) encoded = held;
    carried = s.program === '' || /^(?:true|:)$/.test(s.program) ? carried : payload;
    if (carried && s.redirects.some((x) => /^\d*>>?$|^&>$/.test(x.op) && x.target)) carried = undefined;
  }
  const last = stages[stages.length - 1];
  // Shown: the encoded secret reaches the log, not a file or a program that uses it.
  const toFile = last?.redirects.some(
    (x) => /^1?>>?$|^&>$/.test(x.op) && x.target && !/^\/dev\/std(?:out|err)$/.test(x.target),
  );
  return encoded && !toFile
    ? `prints ${what(encoded)} encoded or cut up (${last?.program}), which the log's masking of the value does not catch`
    : undefined;
}

const what = (payload: string) => (/^(?:the|every) |\./.test(payload) ? payload : `$${payload}`);
const ownSaid = (r: Reading) => (r.own ? `not ${r.own.service}'s own API` : 'another host');

/** `cat /proc/self/environ`, `curl -d "$(env)"`, `strings /proc/1/environ`: the environment read as text. */
function dumpsEnvironment(s: Stage): boolean {
  return s.words.some(holdsEnvironment);
}
const holdsEnvironment = (w: string) =>
  /\/proc\/(?:self|\$\$|\$BASHPID|\d+|\*)\/environ\b/.test(w) ||
  /\$\(\s*(?:env|printenv|set|export\s+-p|declare\s+-[px])\s*\)|`\s*(?:env|printenv)\s*`/.test(w);

/** The secret, or the whole environment, a piece of a word holds. */
const secretOf = (text: string, r: Reading) =>
  holdsEnvironment(text) ? 'the whole environment' : secretIn(text, r.vars.secret);

/** `${TOKEN:$i:1}`, `${TOKEN:0:1}` in a loop: one character at a time, which the masking of the whole never matches. */
function splitIntoCharacters(s: Stage, r: Reading): boolean {
  for (const w of s.words) {
    const m = /\$\{([A-Za-z_]\w*):[^}:]*:\s*1\s*\}/.exec(w);
    if (m && secretIn(`$${m[1]}`, r.vars.secret)) return true;
  }
  return false;
}
