// Credentials leaving their place: a credential file printed into the agent's
// transcript, a token echoed or fetched from a CLI, the environment or a key
// file sent over the network. The agent's context is logged and shipped to a
// model provider, so printing a secret there is already a leak; sending it to
// a host is an exfiltration.
//
// `.env` itself is gated like `.env.production`: it is where real API keys
// and database passwords live on a developer machine (and where the token of
// the PocketOS incident was found). Templates (`.env.example`, `.sample`,
// `.template`) are meant to be read and stay quiet. Dumping the whole
// environment (`env`, `printenv`, `set`, `print(os.environ)`) into the
// transcript hands every key in it to the model provider's logs, so it asks;
// counting it, filtering it for something else or writing it to a file does
// not; asking for one secret by name, or filtering the dump for secrets, is
// gated. A secret variable piped into a network client, a credential file
// read inside `$(…)` in a network command's words, and a credential file
// uploaded to object storage are sends like any other.
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { SUBSTITUTION_OUTPUT } from '../parse/normalize/scope';
import {
  envDumpCodeFinding,
  envDumpFinding,
  envFilterFinding,
  copiesToClipboard,
  GOPASS_ALSO_PRINTS,
  printVarFinding,
  tokenCliFinding,
} from './secrets/printed';
import {
  COPIERS,
  FILTERS,
  PRINTERS,
  READ_ALT,
  REMOTE_COPIERS,
  SENDERS,
  shownInto,
  stdoutShown,
} from './secrets/common';
import {
  codeReadFinding,
  copyFindings,
  DATABASE_FILE_READERS,
  interpreterCode,
  readFindings,
  secretIntoFileFinding,
} from './secrets/files';
import {
  destinationFinding,
  HTTP_FETCHERS,
  metadataFinding,
  metadataUrlFinding,
  remoteCopyFinding,
  scriptUploadFinding,
  senderInputs,
  sendFindings,
  tokenSubstitutionFinding,
  urlWords,
} from './secrets/network';
import { pipedSecretFinding } from './secrets/piped';
import { committedStagedFinding } from './secrets/staged';
import { printedSubstitution } from './secrets/substitutions';
import { dnsSecretFinding, RESOLVERS, urlHostSecretFinding } from './secrets/dns';
import { cloudUploadFinding, UPLOADERS } from './secrets/uploads';
import { loadedEnvSendFinding } from './secrets/loaded';
import {
  ATTACHING_MAILERS,
  awsFileParamFinding,
  BROWSER_OPENERS,
  browserUrlFinding,
  fetchedUrlFinding,
  isWebbrowserModule,
  mailAttachmentFinding,
  readsClipboard,
  URL_FETCHERS,
} from './secrets/channels';
import { finding } from './common/finding';
import { OTHER_SENDERS, clientInputs } from './secrets/clientInputs';
import {
  API_CLIS,
  apiArgumentFinding,
  BACKUP_TOOLS,
  backupFinding,
  SSH_RUNNERS,
  sshSendEnvFinding,
} from './secrets/carried';
export { isSecretName } from './secrets/common';
const CLUSTER_COPIERS = new Set(['kubectl', 'oc']);

// ---- the pack ------------------------------------------------------------------------

/** `echo "$(cat .env)"` prints the file as `cat .env` does. */
function printedSubstitutionFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const what = printedSubstitution(cmd, ctx);
  return what
    ? {
        id: 'secrets.read-credential-file',
        summary: `${name} prints ${what}, which holds credentials, read inside its $(…), ${shownInto(cmd)}`,
        target: what,
        alternative: READ_ALT,
        severity: 55,
      }
    : undefined;
}

const TOKEN_CLIS = [
  'gh',
  'aws',
  'gcloud',
  'az',
  'heroku',
  'fly',
  'flyctl',
  'npm',
  'pnpm',
  'yarn',
  'op',
  'vault',
  'pass',
  'security',
  'kubectl',
  'git',
  'doppler',
  'railway',
  'netlify',
  'firebase',
  'sops',
  'ansible-vault',
  'docker',
  'podman',
  'rails',
  'bw',
  'infisical',
  'lpass',
  'secret-tool',
  'gopass',
];
/** Tools that decrypt or dump on request: quiet when their output goes to a file or a consumer. */
const DECRYPTORS = new Set(['sops', 'ansible-vault', 'docker', 'podman']);
const INTERPRETERS = new Set(['python', 'python3', 'node', 'bun', 'deno', 'ruby', 'perl', 'php']);
/** Programs that hand their stdin to another host: ssh's remote command, mail, a raw TLS connection (`openssl s_client`). */
const STDIN_SENDERS = new Set(['ssh', 'mail', 'mailx', 's-nail', 'sendmail', 'msmtp', 'mutt', 'openssl']);
/** Builtins and programs that print every variable when given nothing to do. */
const ENV_DUMPERS = new Set(['env', 'printenv', 'set', 'export', 'declare', 'typeset']);

/** Programs that print the clipboard (channels.ts readsClipboard): judged only after a secret was copied there. */
const CLIPBOARD_READERS = ['pbpaste', 'wl-paste', 'termux-clipboard-get', 'xclip', 'xsel'];

/** The context after a command: a secret it copied to the clipboard is printed by what reads the clipboard next. */
export function clipboardAfter(cmd: SimpleCommand, ctx: AnalysisContext): AnalysisContext {
  const name = cmd.argv[0] ?? '';
  if (ctx.clipboardSecret || cmd.remote || (name !== 'pass' && name !== 'gopass')) return ctx;
  const copied = copiesToClipboard(cmd.argv, name === 'gopass' ? GOPASS_ALSO_PRINTS : []);
  return copied ? { ...ctx, clipboardSecret: `${name} show -c` } : ctx;
}

function analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  const name = cmd.argv[0] ?? '';
  const out: Finding[] = [];
  const push = (f: Finding | undefined) => {
    if (f) out.push(f);
  };
  if (name === 'echo' || name === 'printf' || name === 'printenv') {
    push(printVarFinding(name, cmd));
    push(pipedSecretFinding(name, cmd));
  }
  if ((name === 'echo' || name === 'printf') && stdoutShown(cmd)) push(printedSubstitutionFinding(name, cmd, ctx));
  if (ENV_DUMPERS.has(name)) push(envDumpFinding(cmd));
  if (PRINTERS.has(name) || FILTERS.has(name) || DATABASE_FILE_READERS.has(name)) {
    push(readFindings(name, cmd, ctx));
    push(envFilterFinding(name, cmd));
  }
  if (COPIERS.has(name)) push(copyFindings(name, cmd, ctx));
  if (SENDERS.has(name)) {
    const inputs = senderInputs(name, cmd.argv);
    push(
      sendFindings(name, cmd, ctx, inputs) ??
        destinationFinding(name, cmd, inputs) ??
        urlHostSecretFinding(name, urlWords(cmd.argv)) ??
        loadedEnvSendFinding(name, cmd),
    );
  }
  if (REMOTE_COPIERS.has(name)) push(remoteCopyFinding(name, cmd, ctx) ?? scriptUploadFinding(cmd, ctx));
  // `kubectl cp ~/.ssh/id_rsa ns/pod:/tmp/k`: a pod in a cluster is another machine, as scp's host is (`ns/` dropped).
  if (CLUSTER_COPIERS.has(name) && cmd.argv[1] === 'cp')
    push(
      remoteCopyFinding(
        `${name} cp`,
        { ...cmd, argv: [name, ...cmd.argv.slice(2).map((w) => w.replace(/^[\w.-]+\/(?=[\w.-]+:)/, ''))] },
        ctx,
      ),
    );
  if (RESOLVERS.has(name)) push(dnsSecretFinding(name, cmd, ctx));
  if (UPLOADERS.has(name)) push(cloudUploadFinding(name, cmd, ctx));
  if (name === 'aws') push(awsFileParamFinding(cmd, ctx) ?? apiArgumentFinding(name, cmd, ctx));
  else if (API_CLIS.has(name)) push(apiArgumentFinding(name, cmd, ctx));
  if (BACKUP_TOOLS.has(name)) push(backupFinding(name, cmd, ctx));
  if (SSH_RUNNERS.has(name)) push(sshSendEnvFinding(name, cmd));
  if (name === 'git') push(committedStagedFinding(cmd, ctx));
  if (ATTACHING_MAILERS.has(name)) push(mailAttachmentFinding(name, cmd, ctx));
  if (BROWSER_OPENERS.has(name) || (INTERPRETERS.has(name) && isWebbrowserModule(cmd.argv)))
    push(browserUrlFinding(name, cmd, ctx));
  if (URL_FETCHERS.has(name)) push(fetchedUrlFinding(name, cmd, ctx));
  if (STDIN_SENDERS.has(name) && (name !== 'openssl' || cmd.argv[1] === 's_client'))
    push(sendFindings(name, cmd, ctx, { stdin: true, files: [] }));
  if (OTHER_SENDERS.has(name)) push(sendFindings(name, cmd, ctx, clientInputs(cmd.argv)));
  // A token captured by `$(…)` is not printed: where the command that uses it sends it is judged (tokenSubstitutionFinding).
  if (
    TOKEN_CLIS.includes(name) &&
    cmd.stdoutTo?.[0] !== SUBSTITUTION_OUTPUT &&
    (!DECRYPTORS.has(name) || stdoutShown(cmd))
  )
    push(tokenCliFinding(name, cmd.argv));
  if (HTTP_FETCHERS.has(name) || name === 'echo' || name === 'printf') push(tokenSubstitutionFinding(name, cmd));
  if (INTERPRETERS.has(name)) {
    push(codeReadFinding(name, cmd, ctx));
    const code = interpreterCode(name, cmd.argv);
    for (const m of code && /169\.254|metadata|100\.100\.100\.200|fd00:ec2/.test(code)
      ? code.matchAll(/https?:\/\/[^\s'"`)]+/g)
      : [])
      push(metadataUrlFinding(`${name} code`, m[0]));
    push(envDumpCodeFinding(name, interpreterCode(name, cmd.argv), cmd));
  }
  if (HTTP_FETCHERS.has(name)) push(metadataFinding(name, cmd, ctx));
  if (ctx.clipboardSecret && readsClipboard(cmd.argv))
    push(
      finding(
        'secrets.print-token',
        55,
        `${name} prints the clipboard, which ${ctx.clipboardSecret} filled with a secret earlier on the line`,
        name,
        'paste the secret where it is needed yourself',
      ),
    );
  if ((name === 'echo' || name === 'printf') && !stdoutShown(cmd)) push(secretIntoFileFinding(name, cmd, ctx));
  return out.length ? out : undefined;
}

export const secretsPack: Pack = {
  id: 'secrets',
  commands: [
    ...new Set([
      'echo',
      'printf',
      'printenv',
      ...ENV_DUMPERS,
      ...PRINTERS,
      ...FILTERS,
      ...DATABASE_FILE_READERS,
      ...COPIERS,
      ...SENDERS,
      ...REMOTE_COPIERS,
      ...CLUSTER_COPIERS,
      ...RESOLVERS,
      ...UPLOADERS,
      ...STDIN_SENDERS,
      ...OTHER_SENDERS,
      ...ATTACHING_MAILERS.keys(),
      ...BROWSER_OPENERS,
      ...URL_FETCHERS,
      ...TOKEN_CLIS,
      ...INTERPRETERS,
      ...CLIPBOARD_READERS,
      ...API_CLIS,
      ...BACKUP_TOOLS,
      ...SSH_RUNNERS,
    ]),
  ],
  partly: CLIPBOARD_READERS,
  analyze,
};
