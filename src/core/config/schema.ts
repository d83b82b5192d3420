// The shape of `.agentguard.json`. A contract relied on outside this
// repository: fields may be added, never renamed. The JSON Schema under
// schemas/ is generated from this file (scripts/gen-schema.mjs) and checked
// for drift by a test, so every description here is what an editor shows on
// hover and completion: write them for the person editing the file.
import { z } from 'zod';
import { DEFAULT_RATE_LIMIT, DEFAULT_THRESHOLDS } from './defaults';

export { DEFAULT_RATE_LIMIT, DEFAULT_THRESHOLDS };
import { Minimatch } from 'minimatch';

/** Names an environment gets when there is no configured one to match (see environment.ts). */
export const GUESSED_ENVIRONMENT_NAMES = ['production', 'local'] as const;

const glob = (what: string) => z.string().min(1).describe(what);

const identityGlobs = (what: string, examples: string[]) =>
  z
    .array(glob(`A glob over ${what}: \`*\` matches any run of characters, \`?\` one character; case-insensitive.`))
    .describe(
      `${what[0].toUpperCase()}${what.slice(1)} that identify this environment. Globs: \`*\` matches any run of characters (dots and slashes included), \`?\` one character; case-insensitive.`,
    )
    .meta({ examples: [examples] });

export const environmentSchema = z
  .object({
    production: z
      .boolean()
      .describe(
        'Marks this environment as production: commands that change state there are gated, and the status bar turns red. Once any environment is marked production and a human has confirmed the file in the editor, AgentGuard stops guessing production from names and trusts this file.',
      )
      .meta({ examples: [true] })
      .optional(),
    hosts: identityGlobs('host names', ['*.prod.acme.internal', 'db.acme.io'])
      .describe(
        'Host globs, matched against every host a command reaches: URLs and connection strings (postgres://, mysql://, mongodb://, redis://, amqp://, http(s)://), `-h`/`--host` flags, `ssh`/`scp`/`rsync` targets, containers and pods commands are run in. `*` matches any run of characters, dots included; case-insensitive.',
      )
      .optional(),
    env: z
      .record(
        z.string().describe('Environment variable name.'),
        glob(
          "A glob over the variable's value: `*` matches any run of characters, `?` one character; case-insensitive.",
        ),
      )
      .describe(
        'Environment variables that identify this environment, as `NAME: value glob`. Matched against the environment a command runs with, for commands that read their environment (database CLIs, ORMs and migration tools, cloud CLIs, application runners for connection-string variables, and any command that names `$NAME`).',
      )
      .meta({ examples: [{ DATABASE_URL: '*prod*', NODE_ENV: 'production' }] })
      .optional(),
    kubeContexts: identityGlobs('kubernetes contexts', ['prod-*', 'arn:aws:eks:*:*:cluster/prod'])
      .describe(
        'Kubernetes context globs, matched against `--context`/`--kube-context` and, when a kube tool (kubectl, helm, …) runs without one, the current context of `$KUBECONFIG` or `~/.kube/config`.',
      )
      .optional(),
    namespaces: identityGlobs('kubernetes namespaces', ['prod', 'payments-prod'])
      .describe('Kubernetes namespace globs, matched against `-n`/`--namespace` of kube tools.')
      .optional(),
    awsProfiles: identityGlobs('AWS profiles', ['prod', 'acme-production'])
      .describe(
        'AWS profile globs, matched against `--profile` and `AWS_PROFILE` / `AWS_DEFAULT_PROFILE` of AWS tools (aws, sam, cdk, terraform, …).',
      )
      .optional(),
    gcloudProjects: identityGlobs('Google Cloud projects', ['acme-prod', 'acme-prod-*'])
      .describe(
        'Google Cloud project globs, matched against `--project` and `CLOUDSDK_CORE_PROJECT` / `GOOGLE_CLOUD_PROJECT` of gcloud, gsutil, bq and firebase.',
      )
      .optional(),
    databases: identityGlobs('database names', ['acme_production', '*_prod'])
      .describe(
        'Database name globs, matched against the database of connection strings, `-d`/`--dbname`/`--database` flags and `PGDATABASE`.',
      )
      .optional(),
  })
  .strict()
  .describe(
    'How to recognise one environment. A command targets this environment when any of its hosts, variables, kube contexts, namespaces, AWS profiles, gcloud projects or database names matches.',
  )
  .meta({ title: 'Environment' });

export const ruleSchema = z
  .object({
    match: z
      .string()
      .min(1)
      .describe(
        'A glob over one command as it really runs, after unwrapping sudo, env, `bash -c`, `ssh host`, npx, `npm run NAME`… (`sudo git push x` meets `git push *`). `*` matches any run of characters across words; a `*` standing as a word also matches no words (`git push *` meets `git push`). Also matched against each wrapper form (`npm run db:reset`). Case-sensitive. A match without `*` or `?` names the command explicitly, which an allow rule needs to unlock a protected path.',
      )
      .meta({ examples: ['git push *', 'npm run db:reset', 'terraform apply *'] }),
    decision: z
      .enum(['allow', 'ask', 'deny'])
      .describe(
        '`deny` never runs (beats everything, the kill switch included); `ask` needs a human in the editor; `allow` runs silently, but never unlocks the kill switch, a protected path (unless `match` has no wildcard) or a production write (unless `environments` names that production environment).',
      )
      .meta({ examples: ['deny'] }),
    reason: z
      .string()
      .describe('Why: shown to the agent and to the human with the decision.')
      .meta({ examples: ['pushes go through CI'] })
      .optional(),
    environments: z
      .array(z.string().min(1).describe('An environment name defined under `environments`.'))
      .min(1)
      .describe(
        'Applies the rule only when the command targets one of these environments (names defined under `environments`; with no environments defined, `production` or `local`). An allow rule scoped to a production environment is what unlocks production writes.',
      )
      .meta({ examples: [['staging'], ['production']] })
      .optional(),
  })
  .strict()
  .describe('A workspace rule. Precedence: deny rule > kill switch > ask rule > allow rule > score.')
  .meta({ title: 'Rule' });

const thresholdsSchema = z
  .object({
    ask: z
      .number()
      .int()
      .min(0)
      .max(100)
      .describe(`Score from which a command needs a human (default ${DEFAULT_THRESHOLDS.ask}). Must be below \`deny\`.`)
      .meta({ examples: [DEFAULT_THRESHOLDS.ask] })
      .optional(),
    deny: z
      .number()
      .int()
      .min(0)
      .max(100)
      .describe(`Score from which a command never runs (default ${DEFAULT_THRESHOLDS.deny}). Must be above \`ask\`.`)
      .meta({ examples: [DEFAULT_THRESHOLDS.deny] })
      .optional(),
  })
  .strict()
  .describe('Score thresholds: every finding has a severity 0–100 and the highest decides.')
  .meta({ examples: [{ ...DEFAULT_THRESHOLDS }] });

const rateLimitSchema = z
  .object({
    maxGated: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .describe(
        `How many gated (ask or deny) commands may happen within \`windowSeconds\` before the kill switch engages by itself (default ${DEFAULT_RATE_LIMIT.maxGated}).`,
      )
      .meta({ examples: [DEFAULT_RATE_LIMIT.maxGated] })
      .optional(),
    windowSeconds: z
      .number()
      .int()
      .min(1)
      .max(86400)
      .describe(`Length of the sliding window, in seconds (default ${DEFAULT_RATE_LIMIT.windowSeconds}).`)
      .meta({ examples: [DEFAULT_RATE_LIMIT.windowSeconds] })
      .optional(),
  })
  .strict()
  .describe(
    'Trips the kill switch when an agent keeps hitting gates: more than `maxGated` gated commands within `windowSeconds`.',
  )
  .meta({ examples: [{ ...DEFAULT_RATE_LIMIT }] });

export const configShape = z
  .object({
    $schema: z
      .string()
      .describe('JSON Schema of this file, for editors outside VS Code.')
      .meta({ examples: ['./agentguard.schema.json'] })
      .optional(),
    environments: z
      .record(
        z.string().min(1).describe('Environment name (shown in the status bar and in decisions).'),
        environmentSchema,
      )
      .describe(
        'Environments by name and how to recognise them. A command is judged against the environment it targets. Without any environment marked `production`, AgentGuard guesses: `prod`, `production` or `live` as a word in a host, namespace, kube context, AWS profile, gcloud project or database name, and `NODE_ENV=production` and the like.',
      )
      .meta({
        examples: [
          {
            production: { production: true, hosts: ['*.prod.acme.internal'], awsProfiles: ['prod'] },
            staging: { hosts: ['*.staging.acme.internal'] },
          },
        ],
      })
      .optional(),
    rules: z
      .array(ruleSchema)
      .describe(
        'Workspace rules, matched against every command an agent proposes. A deny rule beats everything; then the kill switch; then ask rules; then allow rules; then the score.',
      )
      .meta({
        examples: [
          [
            { match: 'git push *', decision: 'deny', reason: 'pushes go through CI' },
            { match: 'npm run db:reset', decision: 'allow' },
          ],
        ],
      })
      .optional(),
    protectedPaths: z
      .array(z.string().min(1).describe('A minimatch glob: workspace-relative unless it starts with `/` or `~/`.'))
      .describe(
        "Paths no agent may write, move, truncate, re-permission or delete without a human (reading stays free). Minimatch globs, workspace-relative unless absolute or `~/`. Always protected without listing them: `.agentguard.json`, the hook files of every agent host, the editors' installed extensions, the AgentGuard CLI, shell start-up files, `.git/` internals, backup folders and AgentGuard's own state. Removing an entry here takes effect only once a human confirms it in the editor.",
      )
      .meta({ examples: [['migrations/**', 'docs/legal/**', '~/.ssh/**']] })
      .optional(),
    thresholds: thresholdsSchema.optional(),
    rateLimit: rateLimitSchema.optional(),
    mode: z
      .enum(['enforce', 'monitor'])
      .describe(
        '`enforce` (default) gates risky commands; `monitor` judges and logs but never blocks (the kill switch still halts everything). Like every change that loosens this file, `monitor` takes effect only once a human confirms it in the editor.',
      )
      .meta({ examples: ['enforce'] })
      .optional(),
  })
  .strict();

// Constraints between fields, reported at the offending field's JSON path.
// zod runs refinements only once the shape is valid, so the loader also calls
// semanticIssues() on a value that failed: every mistake is reported at once.
export const configSchema = configShape.superRefine((config, ctx) => {
  for (const { path, message } of semanticIssues(config)) ctx.addIssue({ code: 'custom', path, message });
});

export interface SemanticIssue {
  path: (string | number)[];
  message: string;
  /** The field's name is wrong, not its value. */
  onKey?: boolean;
}

/** Cross-field checks over a parsed value that may not match the shape (anything malformed is skipped, zod reports it). */
export function semanticIssues(value: unknown): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  if (!isObject(value)) return issues;

  const thresholds = isObject(value.thresholds) ? value.thresholds : {};
  const ask = typeof thresholds.ask === 'number' ? thresholds.ask : DEFAULT_THRESHOLDS.ask;
  const deny = typeof thresholds.deny === 'number' ? thresholds.deny : DEFAULT_THRESHOLDS.deny;
  if (ask >= deny) {
    issues.push({
      path: ['thresholds', typeof thresholds.ask === 'number' ? 'ask' : 'deny'],
      message: `thresholds.ask (${ask}) must be below thresholds.deny (${deny})`,
    });
  }

  const environments = isObject(value.environments) ? value.environments : {};
  const defined = environmentNames({ environments: environments as Config['environments'] });
  if (Array.isArray(value.rules)) {
    value.rules.forEach((rule, i) => {
      if (!isObject(rule)) return;
      const problem = typeof rule.match === 'string' ? ruleMatchProblem(rule.match) : undefined;
      if (problem) issues.push({ path: ['rules', i, 'match'], message: problem });
      if (!Array.isArray(rule.environments)) return;
      rule.environments.forEach((name, j) => {
        if (typeof name === 'string' && name && !defined.includes(name)) {
          issues.push({
            path: ['rules', i, 'environments', j],
            message: `unknown environment "${name}": expected one of ${defined.map((n) => JSON.stringify(n)).join(', ')}`,
          });
        }
      });
    });
  }

  if (Array.isArray(value.protectedPaths)) {
    value.protectedPaths.forEach((pattern, i) => {
      const problem = typeof pattern === 'string' && pattern ? pathGlobProblem(pattern) : undefined;
      if (problem) issues.push({ path: ['protectedPaths', i], message: problem });
    });
  }

  for (const [name, env] of Object.entries(environments)) {
    if (!isObject(env)) continue;
    if (Array.isArray(env.hosts)) {
      env.hosts.forEach((host, i) => {
        const problem = typeof host === 'string' && host ? hostGlobProblem(host) : undefined;
        if (problem) issues.push({ path: ['environments', name, 'hosts', i], message: problem });
      });
    }
    for (const variable of Object.keys(isObject(env.env) ? env.env : {})) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
        issues.push({
          path: ['environments', name, 'env', variable],
          message: `"${variable}" is not an environment variable name: expected letters, digits and _ (not starting with a digit)`,
          onKey: true,
        });
      }
    }
  }
  return issues;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type Config = z.infer<typeof configSchema>;
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type Rule = z.infer<typeof ruleSchema>;

/** Names a rule's `environments` may use: the configured ones, or the guessed ones when none is configured. */
export function environmentNames(config: Pick<Config, 'environments'>): string[] {
  const names = Object.keys(config.environments ?? {});
  return names.length ? names : [...GUESSED_ENVIRONMENT_NAMES];
}

// A rule matches one simple command; shell operators in `match` mean the
// author expected a whole line, which never matches anything.
function ruleMatchProblem(match: string): string | undefined {
  if (!match.trim()) return 'expected a command glob such as "git push *", got only spaces';
  const op = /(&&|\|\||(^|\s)\|(\s|$)|;(\s|$))/.exec(match);
  if (op) {
    return `a rule matches one simple command, but "${match}" contains the shell operator "${op[1].trim()}": split it into one rule per command`;
  }
  return undefined;
}

function pathGlobProblem(pattern: string): string | undefined {
  if (!pattern.trim()) return 'expected a path glob such as "migrations/**", got only spaces';
  if (pattern.startsWith('!'))
    return `negated patterns are not supported ("${pattern}" would protect everything else): list the paths to protect`;
  if (pattern.startsWith('~') && !pattern.startsWith('~/'))
    return `"${pattern}": only "~/" is understood (home of the user the agent runs as)`;
  if (new Minimatch(pattern, { dot: true }).makeRe() === false) return `"${pattern}" is not a valid glob`;
  return undefined;
}

function hostGlobProblem(host: string): string | undefined {
  if (host.includes('://')) return `expected a host glob such as "db.acme.io", got a URL "${host}": keep only the host`;
  if (host.includes('/')) return `expected a host glob such as "*.prod.acme.internal", got "${host}" with a "/"`;
  if (/\s/.test(host)) return `expected a host glob without spaces, got "${host}"`;
  return undefined;
}
