// Secrets printed into the transcript: tokens a CLI hands out on request,
// secret variables echoed, the environment filtered for secrets.
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import {
  FILTER_VALUE_OPTS,
  FILTERS,
  isSecretName,
  PRINT_ALT,
  secretRefsOf,
  shownInto,
  stdoutShown,
  VAR_REF_RE,
} from './common';
import { printsMatches } from './files';
import { isEnvDump } from '../common/environmentNames';
export { isEnvDump } from '../common/environmentNames';
import { finding } from '../common/finding';

// ---- tokens printed by CLIs ----------------------------------------------------

/**
 * `pass show -c NAME`, `gopass show --clip NAME`: the secret goes to the clipboard and nothing is printed. A QR code
 * (`-q`) or gopass's copy-and-print (`-C`) still shows it.
 */
/** gopass's copy that prints as well. */
export const GOPASS_ALSO_PRINTS = ['-C', '--alsoclip'];

export function copiesToClipboard(argv: readonly string[], alsoPrints: readonly string[]): boolean {
  if (argv[1] !== 'show') return false;
  const clip = argv.slice(2).some((a) => /^(?:-c\d*|--clip(?:=\d+)?)$/.test(a));
  return (
    clip &&
    !hasFlag(argv, ['-q', '--qrcode', ...alsoPrints]) &&
    !argv.slice(2).some((a) => /^-q\d*$|^--qrcode=/.test(a))
  );
}

export function tokenCliFinding(name: string, argv: readonly string[]): Finding | undefined {
  const a1 = argv[1];
  const a2 = argv[2];
  const alt = 'let the tool authenticate itself instead of printing the credential';
  const tok = (what: string, sev = 60) =>
    finding(
      'secrets.print-token',
      sev,
      `${what} prints a credential into the agent's transcript`,
      argv.slice(0, 3).join(' '),
      alt,
    );
  switch (name) {
    case 'gh':
      if (a1 === 'auth' && a2 === 'token') return tok('gh auth token');
      if (a1 === 'auth' && a2 === 'status' && hasFlag(argv, ['-t', '--show-token']))
        return tok('gh auth status --show-token');
      return undefined;
    case 'aws':
      if (a1 === 'configure' && a2 === 'get' && /secret|token|access_key/i.test(argv[3] ?? ''))
        return tok(`aws configure get ${argv[3]}`);
      // Creating a key or assuming a role prints the new secret key and session token.
      if (a1 === 'iam' && a2 === 'create-access-key') return tok('aws iam create-access-key');
      if (
        a1 === 'sts' &&
        (a2 === 'assume-role' || a2 === 'assume-role-with-web-identity' || a2 === 'get-federation-token')
      )
        return tok(`aws sts ${a2}`, 50);
      if (a1 === 'configure' && a2 === 'export-credentials') return tok('aws configure export-credentials');
      if (a1 === 'secretsmanager' && a2 === 'get-secret-value') return tok('aws secretsmanager get-secret-value');
      if (a1 === 'ssm' && /^get-parameters?(?:-by-path)?$/.test(a2 ?? '') && hasFlag(argv, ['--with-decryption']))
        return tok(`aws ssm ${a2} --with-decryption`);
      if (a1 === 'sts' && a2 === 'get-session-token') return tok('aws sts get-session-token', 50);
      return undefined;
    case 'gcloud': {
      const rest = argv
        .slice(1)
        .filter((w) => !w.startsWith('-'))
        .join(' ');
      if (/^auth (?:application-default )?print-(?:access|identity)-token/.test(rest)) return tok(`gcloud ${rest}`);
      if (/^secrets versions access/.test(rest)) return tok('gcloud secrets versions access');
      return undefined;
    }
    case 'az':
      if (a1 === 'account' && a2 === 'get-access-token') return tok('az account get-access-token');
      if (
        a1 === 'ad' &&
        a2 === 'sp' &&
        (argv[3] === 'create-for-rbac' || (argv[3] === 'credential' && argv[4] === 'reset'))
      )
        return tok(`az ad sp ${argv[3]}`);
      if (a1 === 'keyvault' && a2 === 'secret' && argv[3] === 'show') return tok('az keyvault secret show');
      if (a1 === 'storage' && a2 === 'account' && argv[3] === 'keys' && argv[4] === 'list')
        return tok('az storage account keys list');
      return undefined;
    case 'heroku':
      if (a1 === 'auth:token') return tok('heroku auth:token');
      // `heroku config` lists every config var with its value; `config:get NAME` prints one.
      if (a1 === 'config' || a1 === 'config:get' || a1 === 'pg:credentials:url' || a1 === 'redis:credentials')
        return tok(`heroku ${a1}`);
      return undefined;
    case 'railway':
      // `railway variables` prints every variable of the service, values included; `--set` changes them.
      if (
        (a1 === 'variables' || a1 === 'variable' || a1 === 'vars') &&
        !hasFlag(argv, ['-s', '--set']) &&
        (a2 === undefined || a2.startsWith('-') || a2 === 'list')
      )
        return tok(`railway ${a1}`);
      return undefined;
    case 'netlify':
      if (a1 === 'env:get' || a1 === 'env:list') return tok(`netlify ${a1}`, 55);
      return undefined;
    case 'firebase':
      if (a1 === 'functions:config:get' || a1 === 'functions:secrets:access') return tok(`firebase ${a1}`, 55);
      return undefined;
    case 'sops':
      // Decrypting to stdout prints every secret; in place (-i) or to a file (--output) it does not.
      if (
        hasFlag(argv, ['-d', '--decrypt']) &&
        !hasFlag(argv, ['-i', '--in-place']) &&
        optionValue(argv, ['--output']) === undefined
      )
        return tok('sops --decrypt', 55);
      return undefined;
    case 'ansible-vault':
      if (a1 === 'view' || (a1 === 'decrypt' && optionValue(argv, ['--output']) === '-'))
        return tok(`ansible-vault ${a1}`, 55);
      return undefined;
    case 'docker':
    case 'podman': {
      // `docker inspect -f '{{.Config.Env}}' app`: the container's environment, secrets included.
      const sub = a1 === 'container' || a1 === 'image' ? a2 : a1;
      if (sub !== 'inspect') return undefined;
      const format = optionValue(argv, ['-f', '--format']) ?? '';
      return /\.Config\.Env|\.Env\b/.test(format) ? tok(`${name} inspect --format ${format}`, 55) : undefined;
    }
    case 'rails':
      if (a1 === 'credentials:show' || a1 === 'encrypted:show') return tok(`rails ${a1}`, 55);
      return undefined;
    case 'fly':
    case 'flyctl':
      if (a1 === 'auth' && a2 === 'token') return tok(`${name} auth token`);
      return undefined;
    case 'npm':
    case 'pnpm':
    case 'yarn':
      if (a1 === 'token' && a2 === 'create') return tok(`${name} token create`, 50);
      return undefined;
    case 'op':
      if (
        a1 === 'read' ||
        (a1 === 'item' &&
          a2 === 'get' &&
          (hasFlag(argv, ['--reveal']) || optionValue(argv, ['--fields']) !== undefined))
      )
        return tok(`op ${a1}`);
      return undefined;
    case 'vault':
      // `sys/` reads status and configuration (`sys/seal-status`, `sys/mounts`); only its raw storage holds secrets.
      if (a1 === 'read' && a2 !== undefined && /^\/?sys\//.test(a2) && !/^\/?sys\/raw\b/.test(a2)) return undefined;
      if ((a1 === 'kv' && a2 === 'get') || a1 === 'read') return tok(`vault ${a1}${a1 === 'kv' ? ' get' : ''}`, 55);
      return undefined;
    case 'bw':
      // Bitwarden: `bw get password|item|notes|totp NAME` prints the secret.
      if (a1 === 'get' && /^(?:password|item|notes|totp|attachment)$/.test(a2 ?? '')) return tok(`bw get ${a2}`);
      // `bw list items` prints every item with its password; `bw export` writes or prints the whole vault in clear
      // unless it is asked for Bitwarden's encrypted format.
      if (a1 === 'list' && a2 === 'items') return tok('bw list items');
      if (a1 === 'export' && !/^encrypted_json$/.test(optionValue(argv, ['--format']) ?? '')) return tok('bw export');
      return undefined;
    case 'infisical':
      // `infisical export` prints every secret of the environment (or writes them with --output-file);
      // `infisical secrets` and `secrets get NAME` print values. `--plain` lists no differently.
      if (a1 === 'export') return tok('infisical export', 55);
      if (a1 === 'secrets' && (a2 === undefined || a2.startsWith('-') || a2 === 'get'))
        return tok(`infisical secrets${a2 === 'get' ? ' get' : ''}`, 55);
      return undefined;
    case 'lpass':
      if (a1 === 'show') return tok('lpass show');
      return undefined;
    case 'secret-tool':
      if (a1 === 'lookup') return tok('secret-tool lookup');
      return undefined;
    case 'gopass':
      if (copiesToClipboard(argv, GOPASS_ALSO_PRINTS)) return undefined;
      if (
        a1 === 'show' ||
        a1 === 'cat' ||
        (a1 !== undefined &&
          !a1.startsWith('-') &&
          !/^(?:ls|list|find|search|grep|init|insert|edit|generate|rm|mv|cp|git|help|version|sync|setup|config|recipients|mounts|audit|fsck)$/.test(
            a1,
          ))
      )
        return tok('gopass show', 55);
      return undefined;
    case 'pass':
      if (copiesToClipboard(argv, [])) return undefined;
      if (
        a1 === 'show' ||
        (a1 !== undefined &&
          !a1.startsWith('-') &&
          !/^(?:ls|list|find|search|grep|init|insert|add|edit|generate|rm|mv|cp|git|help|version)$/.test(a1))
      )
        return tok('pass show', 55);
      return undefined;
    case 'security':
      if (/^find-(?:generic|internet)-password$/.test(a1 ?? '') && hasFlag(argv, ['-w', '-g']))
        return tok(`security ${a1}`);
      return undefined;
    case 'kubectl': {
      const pos = positionals(argv, [
        '-n',
        '--namespace',
        '--context',
        '-l',
        '--selector',
        '-o',
        '--output',
        '--kubeconfig',
        '--cluster',
        '--user',
        '-f',
        '--filename',
      ]);
      const output = optionValue(argv, ['-o', '--output']) ?? '';
      if (pos[0] === 'create' && pos[1] === 'token') return tok('kubectl create token', 50);
      if (pos[0] === 'config' && pos[1] === 'view' && hasFlag(argv, ['--raw'])) return tok('kubectl config view --raw');
      if (
        pos[0] === 'get' &&
        /^secrets?(?:\/|$)/.test(pos[1] ?? '') &&
        /^(?:ya?ml|json|jsonpath|go-template|custom-columns)/.test(output)
      ) {
        return tok(`kubectl get ${pos[1]} -o ${output.split('=')[0]}`);
      }
      return undefined;
    }
    case 'git': {
      if (a1 === 'credential' && a2 === 'fill') return tok('git credential fill');
      // actions/checkout keeps the job's token in `http.<url>.extraheader`; reading it prints the token.
      const key = a1 === 'config' ? argv.slice(2).find((w) => !w.startsWith('-')) : undefined;
      if (
        key &&
        /extraheader|(?:^|\.)(?:token|password|secret)$/i.test(key) &&
        !argv.slice(2).some((w) => /^--(?:unset|unset-all|add|replace-all)$/.test(w)) &&
        argv.slice(2).filter((w) => !w.startsWith('-')).length === 1
      )
        return tok(`git config ${key}`);
      return undefined;
    }
    case 'doppler':
      // `--only-names` lists which secrets exist, not their values.
      if (hasFlag(argv, ['--only-names'])) return undefined;
      if (a1 === 'secrets' && (a2 === undefined || a2.startsWith('-') || a2 === 'get'))
        return tok(`doppler secrets${a2 === 'get' ? ' get' : ''}`, 55);
      // `secrets download` writes a file unless told to print (--no-file).
      if (a1 === 'secrets' && a2 === 'download' && hasFlag(argv, ['--no-file']))
        return tok('doppler secrets download --no-file', 55);
      return undefined;
  }
  return undefined;
}

// ---- printing secret variables ------------------------------------------------

export function printVarFinding(name: string, cmd: SimpleCommand): Finding | undefined {
  if (name === 'printenv') {
    const names = positionals(cmd.argv).filter(isSecretName);
    if (names.length && stdoutShown(cmd))
      return finding(
        'secrets.print-secret-var',
        60,
        `printenv ${names[0]} prints a secret ${shownInto(cmd)}`,
        names[0],
        PRINT_ALT,
      );
    return undefined;
  }
  if (!stdoutShown(cmd)) return undefined;
  const refs = secretRefsOf(cmd);
  if (refs.length === 0) {
    const url = connectionRefs(cmd).find((n) => carriesPassword(cmd.env[n]));
    return url
      ? finding(
          'secrets.print-secret-var',
          55,
          `${name} prints $${url}, a connection string with the database password in it, ${shownInto(cmd)}`,
          url,
          PRINT_ALT,
        )
      : undefined;
  }
  return finding('secrets.print-secret-var', 60, `${name} prints $${refs[0]} ${shownInto(cmd)}`, refs[0], PRINT_ALT);
}

// `DATABASE_URL`, `REDIS_URL`, `MONGODB_URI`, `SQLALCHEMY_DATABASE_URI`, `DSN`: connection strings, which embed the password.
const CONNECTION_VAR_RE =
  /^(?:[A-Z0-9_]*_)?(?:DATABASE|DB|POSTGRES(?:QL)?|PG|MYSQL|MARIADB|MONGO(?:DB)?|REDIS|AMQP|RABBITMQ|CLICKHOUSE|SQLALCHEMY_DATABASE)_(?:URL|URI|DSN)$|^DSN$/;

/** A variable that holds a connection string: `DATABASE_URL`, `REDIS_URL`, `DSN`. */
export function isConnectionVar(name: string): boolean {
  return CONNECTION_VAR_RE.test(name);
}

export function connectionRefs(cmd: SimpleCommand): string[] {
  if (!cmd.source.includes('$')) return [];
  const text = cmd.source.replace(/'[^']*'/g, '');
  const out: string[] = [];
  VAR_REF_RE.lastIndex = 0;
  for (let m = VAR_REF_RE.exec(text); m; m = VAR_REF_RE.exec(text)) {
    if (m[2] && m[2] !== '}' && m[2][0] === ':') continue;
    if (CONNECTION_VAR_RE.test(m[1])) out.push(m[1]);
  }
  return out;
}

/** The value is unknown here (assume the usual `user:password@host`), or it has a password in it. */
export function carriesPassword(value: string | undefined): boolean {
  return value === undefined || /:\/\/[^/@\s:]*:[^/@\s]+@/.test(value);
}

const SECRET_HINT_RE = /token|secret|passw|api_?key|private|credential|key|auth|\bpat\b/i;

/** `env | grep -i token`: filtering the environment for secrets. */
export function envFilterFinding(name: string, cmd: SimpleCommand): Finding | undefined {
  const from = cmd.stdinFrom;
  if (!from || !isEnvDump(from) || !FILTERS.has(name) || !printsMatches(name, cmd.argv)) return undefined;
  const pats = [...optionValues(cmd.argv, ['-e', '--regexp']), ...positionals(cmd.argv, FILTER_VALUE_OPTS).slice(0, 1)];
  const hit = pats.find((p) => SECRET_HINT_RE.test(p));
  if (!hit) return undefined;
  return finding(
    'secrets.print-secret-var',
    60,
    `${from[0]} | ${name} ${hit} prints secrets from the environment ${shownInto(cmd)}`,
    hit,
    PRINT_ALT,
  );
}

/**
 * `env`, `printenv`, `set`, `export -p`, `declare -x` with nothing named, and
 * the output shown (not written to a file, counted or filtered: a filter for
 * secrets is envFilterFinding's): every variable, keys and tokens included,
 * lands in the agent's transcript.
 */
export function envDumpFinding(cmd: SimpleCommand): Finding | undefined {
  const name = cmd.argv[0];
  if (name === 'compgen' || !isEnvDump(cmd.argv)) return undefined;
  if (name === 'env' && cmd.argv.some((w, i) => i > 0 && !w.startsWith('-') && !w.includes('='))) return undefined;
  if (!stdoutShown(cmd) || (cmd.stdoutTo && FILTERS.has(cmd.stdoutTo[0]))) return undefined;
  return finding(
    'secrets.print-environment',
    55,
    `${cmd.argv.join(' ')} prints every environment variable, keys and tokens included, ${shownInto(cmd)}`,
    name,
    'print the one variable you need, by name (printenv NODE_ENV), or check it is set with [ -n "$NAME" ]',
  );
}

/** Interpreter code that prints the whole environment: `print(os.environ)`, `console.log(process.env)`, a parsed .env. */
const CODE_PRINTS =
  /\b(?:print|pprint|console\.(?:log|dir|table|info|error)|puts|pp|p|print_r|var_dump|echo|say|json\.dumps|JSON\.stringify|process\.stdout\.write|sys\.stdout\.write)\b/;
const WHOLE_ENV =
  /\bos\.environ\b(?!\s*(?:\.(?:get|setdefault|pop)\b|\[))|\bprocess\.env\b(?!\s*(?:\.[A-Za-z_$]|\[))|\bENV(?:\.to_h)?\b(?!\s*(?:[[.]\s*(?:fetch|\[|['"])|\{))|%ENV\b|\$_ENV\b(?!\s*\[)|\bgetenv\(\s*\)|\bdotenv_values\(|\bdotenv\.parse\(|\.config\(\s*\)\.parsed\b|\bphpinfo\(|\bDeno\.env\.toObject\(\)|\bBun\.env\b(?!\s*(?:\.[A-Za-z_$]|\[))|\bSystem\.getenv\(\s*\)|\bos\.Environ\(\)/;

export function envDumpCodeFinding(name: string, code: string | undefined, cmd: SimpleCommand): Finding | undefined {
  if (!code || !WHOLE_ENV.test(code) || !CODE_PRINTS.test(code) || !stdoutShown(cmd)) return undefined;
  return finding(
    'secrets.print-environment',
    55,
    `${name} code prints the whole environment (or a parsed .env), keys and tokens included, ${shownInto(cmd)}`,
    name,
    'print the one variable you need, by name',
  );
}
