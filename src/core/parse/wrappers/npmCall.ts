// An npm command line read as npm's own option parser reads it: npm's options
// may stand anywhere before `--` (`npm run build -w packages/app`), and those
// that take a value take the next word, which is then no operand. Only the
// words after `--` and the operands reach a script.
import { folderOptionAt, type FolderOption } from './runnerFolders';

/** npm's options that take the next word as their value (`--workspace NAME`, `-w NAME`, `--prefix DIR`). */
const NPM_VALUE_OPTIONS = new Set(
  [
    '-w --workspace -C --prefix --registry --userconfig --globalconfig --cache --loglevel --script-shell',
    '--node-options --tag --otp --access -m --message --preid --pack-destination --omit --include',
    '--install-strategy --before --scope --auth-type --shell --call -c --package --fetch-retries',
    '--fetch-timeout --fetch-retry-mintimeout --fetch-retry-maxtimeout --fetch-retry-factor --maxsockets',
    '--diff --diff-unified --diff-dst-prefix --diff-src-prefix --tag-version-prefix --editor --viewer',
    '--lockfile-version --cafile --ca --cert --key --proxy --https-proxy --noproxy --local-address',
    '--logs-dir --logs-max --depth --save-prefix --umask --user-agent --heading --browser --audit-level',
    '--init-module --init-author-name --init-author-email --init-author-url --init-license --init-version',
    '--provenance-file --cpu --os --libc --replace-registry-host --workspaces-update --expect-result-count',
  ]
    .join(' ')
    .split(' '),
);

const NPM_FOLDER = ['--prefix', '-C'];

export interface NpmCall {
  /** The words that are neither options nor their values, before `--` (the command is the first). */
  operands: string[];
  /** The index in argv of each operand. */
  operandAt: number[];
  /** The words after `--`, handed to the script as they are. */
  passed: string[];
  /** The values of `-w`/`--workspace`; `allWorkspaces` for `-ws`/`--workspaces`. */
  workspaces: string[];
  allWorkspaces: boolean;
  ignoreScripts: boolean;
  /** The last `--prefix`/`-C`: the folder npm acts in. */
  folder?: FolderOption;
  /** `-g`, `--global`, `--location=global`: `--prefix` is also where global packages go. */
  global: boolean;
}

/** npm's reading of `argv` from word `from` (bounded by argv's length: each word is read once). */
export function readNpmCall(argv: readonly string[], from = 1): NpmCall {
  const call: NpmCall = {
    operands: [],
    operandAt: [],
    passed: [],
    workspaces: [],
    allWorkspaces: false,
    ignoreScripts: false,
    global: false,
  };
  for (let i = from; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      call.passed = argv.slice(i + 1);
      break;
    }
    if (a.length < 2 || a[0] !== '-') {
      call.operands.push(a);
      call.operandAt.push(i);
      continue;
    }
    call.folder = folderOptionAt(argv, i, NPM_FOLDER) ?? call.folder;
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = eq > 0 ? a.slice(eq + 1) : NPM_VALUE_OPTIONS.has(name) ? argv[++i] : undefined;
    if ((name === '-w' || name === '--workspace') && value !== undefined) call.workspaces.push(value);
    else if (name === '-ws' || name === '--workspaces') call.allWorkspaces = value === undefined || value === 'true';
    else if (name === '--ignore-scripts') call.ignoreScripts = value === undefined || value === 'true';
    else if (name === '-g' || name === '--global') call.global = value === undefined || value === 'true';
    else if (name === '--location') call.global = value === 'global';
  }
  return call;
}
