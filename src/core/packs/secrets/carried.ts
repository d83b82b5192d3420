// Secrets carried off by programs that are not HTTP clients but send all the
// same: a backup tool writing a key store to a remote repository (`restic -r
// s3:… backup ~/.ssh`, `borg create ssh://…::a ~/.aws`, `duplicity ~/.ssh
// sftp://…`), a cloud or chat CLI whose arguments become a request (`aws ssm
// put-parameter --value "$(cat .env)"`, `slack-cli send "$(cat .env)"`,
// `kubectl create secret generic x --from-file=~/.aws/credentials`), and an
// ssh command told to send secret variables to the remote (`SendEnv`,
// `SetEnv`). A backup to a local folder, a literal value, a file that holds
// no credential and the usual `SendEnv LANG LC_*` stay quiet.
import { optionValue, optionValues, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { credentialIn } from '../common/credentials';
import { finding } from '../common/finding';
import { isSecretName, secretRefs, SEND_ALT } from './common';
import { substitutedSecret } from './substitutions';

/** What goes to another host goes whole: a folder that holds a key store carries it along. */
const SENT_WHOLE = { holders: true } as const;
const send = (what: string, summary: string) => finding('secrets.send-to-network', 85, summary, what, SEND_ALT);

// ---- backup tools ----------------------------------------------------------------------

export const BACKUP_TOOLS = new Set(['restic', 'rustic', 'borg', 'borgbackup', 'duplicity']);

const RESTIC_VALUES = ['-r', '--repo', '--repository-file', '--password-file', '--exclude', '--exclude-file'];
const RESTIC_MORE = ['--files-from', '--tag', '--host', '--cache-dir', '-o', '--option', '--iexclude', '-e'];
const BORG_VALUES = ['--exclude', '-e', '--exclude-from', '--patterns-from', '--pattern', '--comment', '-C'];
const DUPLICITY_VALUES = ['--exclude', '--include', '--encrypt-key', '--sign-key', '--name', '--archive-dir'];

/** A repository on this machine: a plain path, `file://` or `local:`. Anything else (`s3:`, `sftp:`, `host:path`) is remote. */
function isLocalRepo(repo: string): boolean {
  if (/^(?:file:\/\/|local:)/i.test(repo)) return true;
  if (/^[a-z][\w+.-]*:\/\//i.test(repo)) return false;
  // `user@host:path`, `s3:bucket`, `sftp:host:/r`: a colon before any slash names a host or a backend.
  return !/^[^/]*:/.test(repo);
}

/** The repository a backup writes to (undefined when it comes from the environment or a file) and the sources it reads. */
function backupPlan(name: string, cmd: SimpleCommand): { repo?: string; sources: string[] } | undefined {
  const a = cmd.argv;
  if (name === 'restic' || name === 'rustic') {
    const words = positionals(a, [...RESTIC_VALUES, ...RESTIC_MORE]);
    if (words[0] !== 'backup') return undefined;
    const repo = optionValue(a, ['-r', '--repo']) ?? cmd.env.RESTIC_REPOSITORY;
    return { repo, sources: words.slice(1) };
  }
  if (name === 'borg' || name === 'borgbackup') {
    const words = positionals(a, BORG_VALUES);
    if (words[0] !== 'create' || words.length < 2) return undefined;
    const target = words[1];
    const sep = target.indexOf('::');
    // `::archive` takes the repository from BORG_REPO.
    const repo = sep > 0 ? target.slice(0, sep) : sep === 0 ? cmd.env.BORG_REPO : target;
    return { repo, sources: words.slice(2) };
  }
  // duplicity [full|incremental|backup] SOURCE URL: restoring (`URL DIR`) reads from the remote.
  const words = positionals(a, DUPLICITY_VALUES);
  const rest = /^(?:full|incr|incremental|backup)$/.test(words[0] ?? '') ? words.slice(1) : words;
  if (rest.length !== 2 || /^[a-z][\w+.-]*:\/\//i.test(rest[0])) return undefined;
  return { repo: rest[1], sources: [rest[0]] };
}

/** A credential backed up to a repository on another host, or to one whose place the line does not say. */
export function backupFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const plan = backupPlan(name, cmd);
  if (!plan || (plan.repo !== undefined && isLocalRepo(plan.repo))) return undefined;
  const hit = credentialIn(plan.sources, cmd, ctx, SENT_WHOLE);
  if (!hit) return undefined;
  const where = plan.repo ?? 'a repository named outside this command';
  return send(hit.shown, `${name} backs up ${hit.shown} to ${where}, on another host`);
}

// ---- cloud, chat and cluster CLIs ------------------------------------------------------

/** CLIs whose words become a request to a service: a secret's content in them leaves the machine. */
export const API_CLIS = new Set([
  'aws',
  'gcloud',
  'az',
  'doctl',
  'glab',
  'slack',
  'slack-cli',
  'kubectl',
  'oc',
  'heroku',
  'fly',
  'flyctl',
  'vercel',
  'netlify',
  'firebase',
  'twilio',
]);
const SETTINGS_OR_LOGIN = new Set(['configure', 'config', 'login', 'auth', 'logout']);
/** kubectl's options that read a file into the object it sends to the cluster. */
const CLUSTER_FILE_OPTS = ['--from-file', '--from-env-file'];

/**
 * A store whose job is to hold the project's secrets: a cluster Secret, an encrypted parameter, a vault, a CI
 * or deploy platform's variables (`heroku config:set`, `glab variable set`). The project's own `.env` going
 * there is what the store is for; the machine's credentials (`~/.aws/credentials`, `~/.ssh`) are not.
 */
function isSecretStore(name: string, argv: readonly string[]): boolean {
  const w = positionals(argv, ['-n', '--namespace', '--context', '--profile', '--region', '--project']);
  const at = (...words: string[]) => words.every((x, i) => w[i] === x);
  switch (name) {
    case 'kubectl':
    case 'oc':
      return at('create', 'secret');
    case 'aws':
      return (
        w[0] === 'secretsmanager' || (at('ssm', 'put-parameter') && optionValue(argv, ['--type']) === 'SecureString')
      );
    case 'az':
      return at('keyvault', 'secret');
    case 'gcloud':
      return at('secrets');
    case 'glab':
      return at('variable');
    case 'heroku':
      return w[0] === 'config:set';
    case 'fly':
    case 'flyctl':
      return at('secrets');
    case 'vercel':
      return at('env');
    case 'netlify':
      return /^env:(?:set|import)$/.test(w[0] ?? '');
    case 'firebase':
      return /^functions:(?:secrets|config):set$/.test(w[0] ?? '');
    default:
      return false;
  }
}

/**
 * `aws ssm put-parameter --value "$(cat .env)"`, `gcloud pubsub topics publish t --message="$(cat .env)"`,
 * `kubectl create configmap x --from-env-file=.env`: the content goes to the service, whatever it is meant for there.
 */
export function apiArgumentFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const verb = positionals(cmd.argv).slice(0, 2).join(' ');
  const store = isSecretStore(name, cmd.argv);
  if (name === 'kubectl' || name === 'oc') {
    // `--from-file=key=path`: the path is after the key.
    const files = optionValues(cmd.argv, CLUSTER_FILE_OPTS).map((v) => v.replace(/^[\w.-]+=(?=.)/, ''));
    const hit = credentialIn(files, cmd, ctx, SENT_WHOLE);
    if (hit && !(store && hit.project))
      return send(hit.shown, `${name} ${verb} puts ${hit.shown} into an object sent to the cluster`);
  }
  // The CLI's own settings stay on this machine, and a login hands the credential to the service it is for.
  if (!cmd.dynamic.some(Boolean) || SETTINGS_OR_LOGIN.has(positionals(cmd.argv)[0] ?? '')) return undefined;
  const what = substitutedSecret(cmd, ctx, { outsideProject: store });
  return what ? send(what, `${name} ${verb} sends ${what}, read into its arguments, to the service`) : undefined;
}

// ---- ssh sending variables -------------------------------------------------------------

/** Programs that run ssh, or take an ssh command in their words (`git -c core.sshCommand=…`, `rsync -e …`). */
export const SSH_RUNNERS = new Set(['ssh', 'scp', 'sftp', 'rsync', 'git', 'autossh', 'mosh', 'sshfs']);
const SSH_COMMAND_VARS = ['GIT_SSH_COMMAND', 'RSYNC_RSH'];
const SEND_ENV_RE = /\b(SendEnv|SetEnv)\b\s*[= ]\s*['"]?([^'"\s]+)/gi;
/** Names a wildcard in SendEnv is tried against: a pattern that matches one sends it. */
const SECRET_SAMPLES = ['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'OPENAI_API_KEY', 'DB_PASSWORD', 'API_KEY'];

function sendsSecretName(pattern: string): boolean {
  if (!/[*?]/.test(pattern)) return isSecretName(pattern);
  const re = new RegExp(
    '^' +
      pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
    'i',
  );
  return SECRET_SAMPLES.some((s) => re.test(s));
}

const SEND_OPTION = /SendEnv|SetEnv/i;

/** `ssh -o SendEnv=AWS_SECRET_ACCESS_KEY`, `-o SetEnv=TOKEN=$GITHUB_TOKEN`: the value travels to the remote's sshd. */
export function sshSendEnvFinding(name: string, cmd: SimpleCommand): Finding | undefined {
  // An ssh command set for the line (`GIT_SSH_COMMAND='ssh -o SendEnv=…' git push`) is read with the command's own words.
  // Each part looked at before they are joined (the option names hold no space, so none is found across two): most
  // commands (every `git` one) name neither option, and are answered without building the text.
  if (!SEND_OPTION.test(cmd.source) && !SSH_COMMAND_VARS.some((k) => SEND_OPTION.test(cmd.env[k] ?? '')))
    return undefined;
  const text = [cmd.source, ...SSH_COMMAND_VARS.map((k) => cmd.env[k] ?? '')].join(' ');
  let n = 0;
  SEND_ENV_RE.lastIndex = 0;
  for (let m = SEND_ENV_RE.exec(text); m && n < 16; m = SEND_ENV_RE.exec(text), n++) {
    const [, opt, value] = m;
    const varName = opt.toLowerCase() === 'setenv' ? value.split('=')[0] : value;
    const carried = sendsSecretName(varName) || (opt.toLowerCase() === 'setenv' && secretRefs(value).length > 0);
    if (carried)
      return send(varName, `${name} runs ssh with ${opt} ${varName}: the remote host receives the variable's value`);
  }
  return undefined;
}
