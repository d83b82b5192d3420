// Options a CLI reads before its subcommand (`git -C . push`, `git
// --no-pager push`, `kubectl --context prod delete`, `terraform -chdir=infra
// destroy`): a rule written as `git push *` means the push however it is
// spelled, so rules also see each command with these options read away; and
// the options that move where the command acts (`-C`, `--work-tree`,
// `-chdir=`) say which folder it targets.
import * as path from 'node:path';
import { own } from '../text/own';

interface CliOptions {
  /** Options that take the next word as their value (a `--name=value` word is always one word). */
  withValue: ReadonlySet<string>;
  /** Options that stand alone; any other leading option ends the global options (it belongs to no table we know). */
  flags: ReadonlySet<string>;
  /** Options whose value is a folder the command acts in, relative to the one before. */
  chdir?: readonly string[];
  /** Leading words that stand for the program and a subprogram (`docker compose`), read past like options. */
  subprograms?: ReadonlySet<string>;
}

/** A CLI's options as written here: each list one string, its words split by a space. */
interface Spelled {
  withValue: string;
  flags: string;
  chdir?: readonly string[];
  subprograms?: string;
}

// Every command's name is looked up here (a rule's `git push *` is matched past the options), and only
// the table of the program named is ever read: each is turned into sets at its first lookup, not all of
// them while the engine loads.
const TABLE: Readonly<Record<string, Spelled>> = {
  git: {
    withValue:
      '-C -c --git-dir --work-tree --namespace --exec-path --super-prefix --config-env --attr-source --list-cmds',
    flags:
      '-p --paginate -P --no-pager --bare --no-replace-objects --literal-pathspecs --glob-pathspecs --noglob-pathspecs --icase-pathspecs --no-optional-locks --no-lazy-fetch --no-advice',
    chdir: ['-C', '--work-tree'],
  },
  docker: {
    withValue:
      '-c --context -H --host --config -l --log-level --tlscacert --tlscert --tlskey -f --file -p --project-name --profile --env-file --project-directory --ansi --progress --parallel',
    flags: '-D --debug --tls --tlsverify --dry-run --compatibility',
    subprograms: 'compose',
  },
  'docker-compose': {
    withValue:
      '-f --file -p --project-name --profile --env-file --project-directory --ansi --progress --parallel -H --host --context',
    flags: '--dry-run --compatibility --verbose',
  },
  kubectl: {
    withValue:
      '--context -n --namespace --kubeconfig --cluster --user -s --server --token --as --as-group --as-uid --request-timeout -v --v --certificate-authority --client-certificate --client-key --tls-server-name --cache-dir --profile',
    flags: '--insecure-skip-tls-verify --match-server-version --warnings-as-errors',
  },
  helm: {
    withValue:
      '--kube-context -n --namespace --kubeconfig --kube-apiserver --kube-token --kube-as-user --kube-as-group --registry-config --repository-config --repository-cache --burst-limit',
    flags: '--debug --kube-insecure-skip-tls-verify',
  },
  terraform: { withValue: '', flags: '-help -version', chdir: ['-chdir'] },
  tofu: { withValue: '', flags: '-help -version', chdir: ['-chdir'] },
  aws: {
    withValue:
      '--profile --region --output --endpoint-url --cli-read-timeout --cli-connect-timeout --ca-bundle --color --query --cli-binary-format',
    flags:
      '--debug --no-verify-ssl --no-paginate --no-cli-pager --no-sign-request --no-cli-auto-prompt --cli-auto-prompt',
  },
  gcloud: {
    withValue:
      '--project --account --configuration --verbosity --format --impersonate-service-account --billing-project --flags-file --flatten --trace-token',
    flags: '-q --quiet --log-http --no-user-output-enabled --user-output-enabled',
  },
  az: { withValue: '--subscription -o --output --query', flags: '--debug --verbose --only-show-errors' },
  npm: {
    withValue: '--prefix -w --workspace --loglevel --registry --userconfig --cache',
    flags:
      '-g --global -s --silent -q --quiet -d --verbose --workspaces -ws --include-workspace-root --if-present --no-fund --no-audit',
    chdir: ['--prefix'],
  },
  pnpm: {
    withValue: '-C --dir --filter -F --workspace-dir --reporter --loglevel',
    flags: '-r --recursive -w --workspace-root --silent -s',
    chdir: ['-C', '--dir'],
  },
  yarn: { withValue: '--cwd', flags: '-s --silent --verbose --offline', chdir: ['--cwd'] },
  cargo: {
    withValue: '-C --config -Z --color',
    flags: '--locked --offline --frozen -q --quiet -v --verbose',
    chdir: ['-C'],
  },
  gh: { withValue: '-R --repo', flags: '' },
  make: {
    withValue: '-C --directory -f --file --makefile -j --jobs',
    flags: '-s --silent -k --keep-going -B --always-make',
    chdir: ['-C', '--directory'],
  },
};

const words = (list: string): ReadonlySet<string> => new Set(list === '' ? [] : list.split(' '));
const built = new Map<string, CliOptions>();
/** The global options of the CLI `name`, or undefined when this table has none for it. */
export function globalOptionsOf(name: string): CliOptions | undefined {
  const known = built.get(name);
  if (known) return known;
  const spelled = own(TABLE, name);
  if (!spelled) return undefined;
  const options: CliOptions = { withValue: words(spelled.withValue), flags: words(spelled.flags) };
  if (spelled.chdir) options.chdir = spelled.chdir;
  if (spelled.subprograms !== undefined) options.subprograms = words(spelled.subprograms);
  built.set(name, options);
  return options;
}

export interface GlobalOptionRead {
  /** The command with its global options read away (`git push origin`), or undefined when it had none. */
  bare?: string[];
  /** Folders the options move the command to, in order (`-C a -C b` → a/b), resolved against `cwd`. */
  dir?: string;
}

function valueOf(
  word: string,
  next: string | undefined,
  withValue: ReadonlySet<string>,
): { name: string; value?: string; words: number } {
  const eq = word.indexOf('=');
  if (eq > 0) return { name: word.slice(0, eq), value: word.slice(eq + 1), words: 1 };
  if (withValue.has(word)) return { name: word, value: next, words: 2 };
  return { name: word, words: 1 };
}

/**
 * Reads the leading global options of a known CLI; `cwd` resolves the folders they name. Every word moves the
 * loop on, so it ends with the argv (itself bounded by the command's size): a count bound here would leave the
 * subcommand behind the 65th `-c` unread, and `git -c … clone URL .claude` judged as no clone at all.
 */
export function readGlobalOptions(argv: readonly string[], cwd: string): GlobalOptionRead {
  const table = globalOptionsOf(argv[0] ?? '');
  if (!table) return {};
  const kept: string[] = [argv[0]];
  let i = 1;
  let stripped = false;
  let dir: string | undefined;
  while (i < argv.length) {
    const a = argv[i];
    if (table.subprograms?.has(a)) {
      kept.push(a);
      i++;
      continue;
    }
    if (a === '--' || !a.startsWith('-') || a === '-') break;
    // Cargo's toolchain (`cargo +nightly build`) reads like an option.
    const o = valueOf(a, argv[i + 1], table.withValue);
    if (!table.withValue.has(o.name) && !table.flags.has(o.name) && !table.chdir?.includes(o.name)) break;
    if (table.chdir?.includes(o.name) && o.value !== undefined) dir = path.resolve(dir ?? cwd, o.value);
    stripped = true;
    i += o.words;
  }
  if (argv[0] === 'cargo' && argv[i]?.startsWith('+')) {
    i++;
    stripped = true;
  }
  const out: GlobalOptionRead = {};
  if (stripped && i < argv.length) out.bare = [...kept, ...argv.slice(i)];
  if (dir !== undefined) out.dir = dir;
  return out;
}
