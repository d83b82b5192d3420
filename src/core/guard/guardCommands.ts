// Commands aimed at the guard itself: its CLI run to loosen it, an editor's CLI run to remove its extension.
import { GUARD_FILE_ID } from '../policy/rules';
import type { Finding, SimpleCommand } from '../types';

// ---- editor CLIs that change extensions -------------------------------------

const EDITOR_CLIS = new Set([
  'code',
  'code-insiders',
  'code-oss',
  'codium',
  'vscodium',
  'cursor',
  'windsurf',
  'kiro',
  'code-server',
  'openvscode-server',
]);

const EXTENSION_FLAGS = [
  '--install-extension',
  '--uninstall-extension',
  '--extensionDevelopmentPath',
  '--disable-extension',
  '--disable-extensions',
  '--enable-proposed-api',
  '--extensionTestsPath',
];

function extensionFlag(argv: readonly string[]): string | undefined {
  for (const a of argv.slice(1)) {
    const flag = a.split('=')[0];
    if (EXTENSION_FLAGS.includes(flag)) return flag;
  }
  return undefined;
}

/** `code --install-extension x.vsix` and the like: the editor's extensions are what AgentGuard runs in. */
function editorCliFinding(cmd: SimpleCommand): Finding | undefined {
  const name = cmd.argv[0] ?? '';
  if (!EDITOR_CLIS.has(name)) return undefined;
  const flag = extensionFlag(cmd.argv);
  if (!flag) return undefined;
  return {
    id: GUARD_FILE_ID,
    summary: `${name} ${flag} changes which extensions the editor runs (or runs them from elsewhere): an extension can switch AgentGuard off`,
    target: `${name} ${flag}`,
    alternative: 'ask the user to install, remove or disable editor extensions themselves',
    severity: 80,
  };
}

// ---- AgentGuard's own CLI changing what guards the agent ---------------------

/** The words after `agentguard` (or `node …/agentguard/…/cli.js`), or undefined when the command is not AgentGuard's CLI. */
function guardCliArgs(argv: readonly string[]): readonly string[] | undefined {
  if (argv[0] === 'agentguard') return argv.slice(1);
  if (
    (argv[0] === 'node' || argv[0] === 'nodejs') &&
    argv[1] &&
    /(?:^|\/)agentguard(?:[/.@-][^/]*)?\/(?:[^/]+\/)*cli\.js$|(?:^|\/)agentguard(?:\.js)?$/.test(argv[1])
  )
    return argv.slice(2);
  return undefined;
}

/**
 * `agentguard install|uninstall` rewires the hook files behind the engine's
 * back, and `agentguard snapshot restore` rewrites workspace files or tables:
 * both are a human's to run.
 */
function guardCliFinding(cmd: SimpleCommand): Finding | undefined {
  if (
    (cmd.argv[0] === 'node' || cmd.argv[0] === 'nodejs') &&
    /(?:^|\/)agentguard[^/]*\/dist\/uninstall\.js$/.test(cmd.argv[1] ?? '')
  ) {
    return {
      id: GUARD_FILE_ID,
      summary: "runs AgentGuard's uninstall clean-up, which removes AgentGuard from every agent hook file",
      target: 'dist/uninstall.js',
      alternative: 'ask the user to uninstall AgentGuard themselves',
      severity: 80,
    };
  }
  const args = guardCliArgs(cmd.argv);
  if (!args) return undefined;
  const [sub, action] = args;
  if (sub === 'install' || sub === 'uninstall') {
    return {
      id: GUARD_FILE_ID,
      summary: `agentguard ${sub} ${sub === 'install' ? 'rewrites' : 'removes AgentGuard from'} the agent hook files: changing them can switch AgentGuard off`,
      target: `agentguard ${sub}`,
      alternative: `ask the user to run agentguard ${sub} themselves`,
      severity: 80,
    };
  }
  if (sub === 'snapshot' && action === 'restore') {
    return {
      id: GUARD_FILE_ID,
      summary: 'agentguard snapshot restore puts files and tables back as they were, overwriting what is there now',
      target: 'agentguard snapshot restore',
      alternative: 'ask the user to restore the snapshot themselves (AgentGuard: Restore Snapshot… in the editor)',
      severity: 70,
    };
  }
  return undefined;
}

/** Findings about a command itself, before its file effects: extension changes through the editor CLI, AgentGuard's own CLI. */
export function guardCommandFindings(cmd: SimpleCommand): Finding[] {
  const out: Finding[] = [];
  const editor = editorCliFinding(cmd);
  if (editor) out.push(editor);
  const cli = guardCliFinding(cmd);
  if (cli) out.push(cli);
  return out;
}
