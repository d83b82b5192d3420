// `agentguard env [--json] [--config FILE] [--workspace DIR]`: the
// environment the workspace itself is in (what the status-bar badge shows)
// and the evidence for it. Exit 0; 64 on a usage error; 78 on a bad config.
import * as os from 'node:os';
import * as path from 'node:path';
import { detectWorkspaceEnvironment, managedPolicyWarnings, readManagedPolicy, underManagedPolicy, managedLines, managedView } from '../core/frontdoor/policy';
import { formatConfigErrors, loadConfig } from '../core/frontdoor/config';
import { boundedReadFile } from '../core/engine';

const USAGE = 'usage: agentguard env [--json] [--config FILE] [--workspace DIR]\n';

interface EnvArgs {
  json: boolean;
  config?: string;
  workspace: string;
}

function parseArgs(args: readonly string[]): EnvArgs | string {
  const out: EnvArgs = { json: false, workspace: process.cwd() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq !== -1 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq !== -1 ? a.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? args[++i];
    switch (name) {
      case '--json':
        out.json = true;
        break;
      case '--config': {
        const v = value();
        if (!v) return '--config needs a file';
        out.config = v;
        break;
      }
      case '--workspace': {
        const v = value();
        if (!v) return '--workspace needs a directory';
        out.workspace = v;
        break;
      }
      default:
        return `unknown argument '${a}'`;
    }
  }
  out.workspace = path.resolve(out.workspace);
  return out;
}

export async function runEnv(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`agentguard env: ${parsed}\n${USAGE}`);
    return 64;
  }
  const loaded = loadConfig(parsed.workspace, parsed.config);
  if (!loaded.ok) {
    process.stderr.write(formatConfigErrors(loaded.errors) + '\n');
    return 78;
  }
  // The organization's managed policy lies under the file (its production environments count here too).
  const managed = readManagedPolicy();
  const config = underManagedPolicy(loaded.config, managed);
  const view = managedView(managed, config);
  const env = detectWorkspaceEnvironment(parsed.workspace, process.env, config, boundedReadFile, process.env.HOME ?? os.homedir());
  if (parsed.json) {
    const warnings = managed.state === 'ok' ? managedPolicyWarnings(managed.file) : [];
    const managedJson = view.state === 'none' ? null : { ...view, ...(warnings.length ? { warnings } : {}) };
    process.stdout.write(JSON.stringify({ ...env, workspace: parsed.workspace, config: loaded.file ?? null, managed: managedJson }) + '\n');
    return 0;
  }
  const lines = [`${env.name}${env.production ? ' (PRODUCTION)' : ''}`];
  if (env.evidence.length) lines.push(...env.evidence.map((e) => `  - ${e}`));
  else lines.push('  no evidence of any environment found');
  lines.push(`config: ${loaded.file ?? 'none (production is guessed from names)'}`);
  lines.push(...managedLines(view));
  if (managed.state === 'ok') for (const w of managedPolicyWarnings(managed.file)) lines.push(`  warning: ${w}`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
