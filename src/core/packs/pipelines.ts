// Code planted where CI, container builds and make run it later: workflow
// files (GitHub Actions, GitLab CI, CircleCI, Buildkite, Azure Pipelines,
// Bitbucket), Dockerfiles and compose files, Makefiles, and the package
// managers' registry settings. What an edit or a shell write *adds* is
// judged: each new command line as the engine judges a command (a deletion
// of production data, a deploy to production, `curl | sh`, a secret sent
// away), and the settings that open things up (pipelines/checks.ts).
// Ordinary steps (install, build, test, lint) say nothing. On a CI runner
// or in an image being built, what a step does to that machine's own files
// is that machine's business: only what reaches beyond it counts there.
//
// The engine is passed in (`judge`): this pack stays below it.
import type { Finding } from '../types';
import { isSecretName } from './common/environmentNames';
import { structuralFindings } from './pipelines/checks';
import { MAX_COMMANDS, MAX_LINES, pipelineCommands, pipelineKind, type PipelineKind } from './pipelines/formats';
export { pipelineKind, type PipelineKind } from './pipelines/formats';

export interface PlantedFile {
  /** Absolute path. */
  path: string;
  /** The path as the user knows it (workspace-relative). */
  shown: string;
  before: string | undefined;
  after: string;
}

/** Judges command lines as the engine does: their findings. */
export type JudgeCommands = (lines: readonly string[]) => Finding[];

const MAX_JUDGED = 32;
const WHERE: Record<PipelineKind, string> = {
  'github-actions': 'a GitHub Actions workflow',
  'gitlab-ci': 'a GitLab CI pipeline',
  circleci: 'a CircleCI pipeline',
  buildkite: 'a Buildkite pipeline',
  'azure-pipelines': 'an Azure pipeline',
  bitbucket: 'a Bitbucket pipeline',
  jenkinsfile: 'a Jenkins pipeline',
  ci: 'a CI pipeline',
  dockerfile: 'a container build',
  compose: 'a compose service',
  makefile: 'a Makefile',
  'registry-config': 'package-manager settings',
  hosting: "a hosting service's build settings",
  'task-table': 'a task run by name (poe, pipenv run)',
  'runner-code': 'a file a test, build or lint runner loads as code when it starts',
  devcontainer: 'a dev container definition, whose lifecycle commands run when the folder is opened in a container',
  'husky-hook': 'a git hook in the husky folder, which git runs (at a commit, a push, …) once husky is installed',
};
/**
 * Kinds run on this machine (make, a task, a runner's config) or with its workspace mounted (a dev
 * container): what a line does to files counts too.
 */
const RUNS_HERE: ReadonlySet<PipelineKind> = new Set([
  'makefile',
  'task-table',
  'runner-code',
  'devcontainer',
  'husky-hook',
]);

/** Findings about the machine a step runs on (a CI runner, an image being built): that machine's own affair. */
const LOCAL_ONLY =
  /^(?:fs|path|autorun|guard|terminal|parse|system|windows|macos|exec\.loader-variable|secrets\.(?:print|read|copy|hunt|write)|git\.(?!push|force|remote|history)|outgoing\.publish)/;

/**
 * The reader's own bounds and failures: a step nested too deep, too large or unparseable may hide anything, so it is
 * asked about wherever it runs (the other parse findings, an unknown program or option, say nothing of harm).
 */
const UNREAD = /^parse\.(?:too-deep|too-complex|unparseable)$/;

/**
 * GitHub's `${{ … }}` expressions are substituted before the shell sees the line: each is read as the variable its
 * value amounts to. `${{ secrets.NPM_TOKEN }}` is a secret (named as one where its own name does not say so), the
 * whole `secrets` context (`${{ toJSON(secrets) }}`) is every secret at once, read as the environment dumped; any
 * other expression is an unknown value.
 */
const EXPRESSION = /\$\{\{[^}]*\}\}/g;

function expressionValue(expr: string): string {
  const named = /\bsecrets\s*\.\s*(\w+)|\bsecrets\s*\[\s*['"](\w+)['"]\s*\]/.exec(expr);
  if (named) {
    const name = named[1] ?? named[2];
    return isSecretName(name) ? `$${name}` : `$${name}_SECRET`;
  }
  // The job's own token (`github.token`) is the repository's GITHUB_TOKEN.
  if (/\bgithub\s*\.\s*token\b/.test(expr)) return '$GITHUB_TOKEN';
  return /\bsecrets\b/.test(expr) ? '$(env)' : '$GITHUB_EXPRESSION';
}

/** How many `env:` entries of a workflow are read for the secrets they hand to its steps. */
const MAX_ENV_ENTRIES = 256;
/** `NAME: ${{ … }}` on its own line: an entry of a mapping whose value is one expression. */
const ENV_ENTRY = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:\s*['"]?(\$\{\{[^}]*\}\})['"]?\s*(?:#.*)?$/;

/**
 * The variables a workflow's `env:` blocks (of the workflow, a job or a step) set to a secret or the job's token:
 * `env: { DATA: ${{ secrets.DEPLOY_KEY }} }` and then `run: curl -d "$DATA" …` sends the secret under another name.
 * Read from any `env:` block of the file: a step's variable seen by another step only adds a reading of it.
 */
function secretEnvironment(text: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  let envIndent = -1;
  for (let i = 0; i < lines.length && out.size < MAX_ENV_ENTRIES; i++) {
    const line = lines[i];
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (envIndent >= 0 && indent <= envIndent) envIndent = -1;
    if (/^\s*(?:-\s+)?env\s*:\s*$/.test(line)) {
      envIndent = indent + (line.trimStart().startsWith('-') ? 2 : 0);
      continue;
    }
    const m = envIndent >= 0 ? ENV_ENTRY.exec(line) : null;
    if (m && /\bsecrets\b|\bgithub\s*\.\s*token\b/.test(m[3])) out.set(m[2], m[3]);
  }
  return out;
}

/**
 * A step with each of those variables it reads replaced by the expression it holds, as the value the runner gives
 * it: `curl -d "$DATA" …` is then read as `curl -d "${{ secrets.DEPLOY_KEY }}" …`, and that as its own secret.
 */
function withSecretEnvironment(step: string, mapped: ReadonlyMap<string, string>): string {
  if (!mapped.size || step.indexOf('$') === -1) return step;
  return step.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (ref, braced?: string, bare?: string) => {
      const held = mapped.get(braced ?? bare ?? '');
      return held ?? ref;
    },
  );
}

export function pipelineFindings(file: PlantedFile, judge: JudgeCommands): Finding[] {
  const kind = pipelineKind(file.path);
  if (!kind) return [];
  const beforeLines = new Set((file.before ?? '').split(/\r?\n/));
  const afterLines = file.after.split(/\r?\n/);
  const added = afterLines.filter((l) => !beforeLines.has(l));
  if (!added.length) return [];
  const out = structuralFindings(kind, added, file.after, file.shown, file.before);

  const had = new Set(file.before === undefined ? [] : pipelineCommands(kind, file.before, file.path).commands);
  const read = pipelineCommands(kind, file.after, file.path);
  // A line the edit adds past what was read may be a step that runs later unjudged: asked, never dropped.
  if (afterLines.slice(read.readLines).some((l) => l.trim() && !beforeLines.has(l)))
    out.push({
      id: stepId(kind),
      summary: `${file.shown} (${WHERE[kind]}) gets lines past the ${MAX_COMMANDS} command lines or ${MAX_LINES} lines AgentGuard reads in one file: steps there would run later unjudged`,
      target: file.shown,
      alternative: 'split the file, so each part can be judged whole',
      severity: 50,
    });
  const newSteps = read.commands.filter((c) => !had.has(c));
  const mapped = secretEnvironment(file.after);
  const fresh = newSteps
    .slice(0, MAX_JUDGED)
    .map((c) => withSecretEnvironment(c, mapped).replace(EXPRESSION, expressionValue));
  if (!fresh.length) return out;
  // Steps past the bound are not judged: they will run later unread, so the edit is asked about.
  if (newSteps.length > MAX_JUDGED)
    out.push({
      id: stepId(kind),
      summary: `${file.shown} (${WHERE[kind]}) gets ${newSteps.length} new steps that will run later, without asking; AgentGuard judges ${MAX_JUDGED} per edit, so ${newSteps.length - MAX_JUDGED} were not judged`,
      target: file.shown,
      alternative: `add at most ${MAX_JUDGED} steps per edit, so each can be judged`,
      severity: 50,
    });
  const remoteOnly = !RUNS_HERE.has(kind);
  const found = judge(fresh).filter(
    (f) =>
      f.severity >= 40 && (UNREAD.test(f.id) || (!(remoteOnly && LOCAL_ONLY.test(f.id)) && !f.id.startsWith('parse.'))),
  );
  if (!found.length) return out;
  const worst = found.reduce((a, b) => (b.severity > a.severity ? b : a));
  out.push({
    id: stepId(kind),
    summary: `${file.shown} (${WHERE[kind]}) gets a step that will run later, without asking: ${worst.summary}${found.length > 1 ? ` (and ${found.length - 1} more)` : ''}`,
    target: file.shown,
    alternative: worst.alternative ?? 'keep the step out of the file, and let the user run it or add it',
    severity: Math.min(85, worst.severity),
  });
  return out;
}

function stepId(kind: PipelineKind): string {
  if (kind === 'devcontainer') return 'autorun.devcontainer';
  if (kind === 'husky-hook') return 'autorun.git-hook';
  if (kind === 'task-table' || kind === 'runner-code') return 'autorun.tool-code';
  return kind === 'makefile'
    ? 'autorun.make-recipe'
    : kind === 'dockerfile' || kind === 'compose'
      ? 'autorun.container-step'
      : 'autorun.ci-step';
}
