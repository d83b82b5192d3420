// Production secrets written into CI settings: once a production credential
// sits in a repository's or pipeline's secrets, every workflow (and every
// contributor who can edit one) can use it. Gated when the secret's name or
// environment says production, or its value comes from a credential file or
// key store. Ordinary CI variables and test credentials stay quiet.
import { optionValue, optionValues, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { credentialIn, inputRedirects } from '../common/credentials';
import { MAX_BODIES, shellWords, substitutedCredentialFile, substitutionBodies } from '../common/substitutedFiles';
import { isEnvDump, isSecretName, VAR_REF_RE } from '../common/environmentNames';

const PRODUCTION = /(?:^|[^a-z0-9])(?:prod|production|prd|live)\d*(?:[^a-z0-9]|$)/i;
const ALT = 'let a human put production credentials into CI, scoped to the environment that needs them';

interface SecretWrite {
  tool: string;
  name?: string;
  /** Environment, scope or context the secret is written for. */
  scope?: string;
  /** Files or values the secret's content comes from. */
  sources: string[];
  masked?: boolean;
}

function secretWrite(cmd: SimpleCommand): SecretWrite | undefined {
  const argv = cmd.argv;
  const name = argv[0];
  const w = positionals(argv, [
    '-b',
    '--body',
    '-e',
    '--env',
    '--env-file',
    '-f',
    '--repo',
    '-R',
    '--org',
    '-o',
    '--app',
    '-a',
    '-v',
    '--value',
    '--scope',
    '-s',
    '--visibility',
    '--repos',
    '--description',
    '-d',
    '--context',
    '--type',
    '--group',
    '--environment',
  ]);
  if (name === 'gh' && (w[0] === 'secret' || w[0] === 'variable') && w[1] === 'set') {
    return {
      tool: `gh ${w[0]} set`,
      name: w[2],
      scope: optionValue(argv, ['-e', '--env']),
      sources: [...optionValues(argv, ['-f', '--env-file']), ...optionValues(argv, ['-b', '--body'])],
    };
  }
  if (name === 'glab' && w[0] === 'variable' && (w[1] === 'set' || w[1] === 'create' || w[1] === 'update')) {
    const masked = optionValue(argv, ['--masked']);
    return {
      tool: `glab variable ${w[1]}`,
      name: w[2],
      scope: optionValue(argv, ['-s', '--scope', '--environment']),
      sources: [...optionValues(argv, ['-v', '--value']), ...w.slice(3)],
      masked: masked === undefined ? undefined : masked !== 'false',
    };
  }
  if (name === 'vercel' && w[0] === 'env' && w[1] === 'add')
    return { tool: 'vercel env add', name: w[2], scope: w[3], sources: [] };
  if (name === 'netlify' && (w[0] === 'env:set' || w[0] === 'env:import'))
    return { tool: `netlify ${w[0]}`, name: w[1], scope: optionValue(argv, ['--context']), sources: w.slice(2) };
  if (name === 'circleci' && w[0] === 'context' && w[1] === 'store-secret')
    return { tool: 'circleci context store-secret', name: w[w.length - 1], scope: w[w.length - 2], sources: [] };
  return undefined;
}

export function ciSecretFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  const s = secretWrite(cmd);
  if (!s) return [];
  const label = `${s.tool}${s.name ? ` ${s.name}` : ''}`;
  // `gh variable set X --body "$(cat .env)"` copies the file as surely as `< .env` does, into a variable every job
  // log and every reader of the settings shows; a secret store (`gh secret set`, a masked variable) is where it belongs.
  const plain = s.tool.startsWith('gh variable') || (s.tool.startsWith('glab variable') && s.masked !== true);
  const file =
    credentialIn([...s.sources, ...inputRedirects(cmd)], cmd, ctx)?.shown ??
    (plain ? substitutedCredentialFile(s.sources, cmd, ctx) : undefined);
  const exposed = file ?? (plain ? environmentValue(s.sources) : undefined);
  if (exposed)
    return [
      finding(
        'identity.secret-to-ci',
        65,
        `${label} copies credentials from ${exposed} into CI settings`,
        s.name ?? exposed,
        ALT,
      ),
    ];
  const production = [s.name, s.scope].find((v) => v !== undefined && PRODUCTION.test(v));
  if (production)
    return [
      finding(
        'identity.secret-to-ci',
        60,
        `${label} writes a production secret into CI settings (${production})`,
        s.name ?? production,
        ALT,
      ),
    ];
  if (s.masked === false && s.name && /TOKEN|SECRET|PASSWORD|KEY|CREDENTIAL/i.test(s.name))
    return [
      finding(
        'identity.secret-to-ci',
        55,
        `${label} stores a secret unmasked: it shows in every job log`,
        s.name,
        'store it masked (and protected)',
      ),
    ];
  return [];
}

/**
 * A plain CI variable's value taken from the environment's secrets: `--body "$GITHUB_TOKEN"` names one,
 * `--body "$(env)"` hands over every one. A variable shows in every job log and to every reader of the
 * repository's settings, so the secret is as good as published.
 */
function environmentValue(values: readonly string[]): string | undefined {
  for (const v of values.slice(0, MAX_BODIES)) {
    if (!v.includes('$')) continue;
    VAR_REF_RE.lastIndex = 0;
    for (let m = VAR_REF_RE.exec(v); m; m = VAR_REF_RE.exec(v)) {
      // `${NAME:+x}` and `${NAME:0:4}` do not hand over the value.
      if (m[2] && m[2] !== '}' && m[2][0] === ':') continue;
      if (isSecretName(m[1])) return `$${m[1]}`;
    }
    for (const body of substitutionBodies(v)) {
      for (const part of body.split(/\|\|?|&&|;|\n/).slice(0, MAX_BODIES)) {
        const words = shellWords(part);
        if (words.length > 0 && isEnvDump(words)) return `the environment (${words.join(' ')})`;
      }
    }
  }
  return undefined;
}
