// `agentguard env [--json] [--config FILE] [--workspace DIR]`: the
// environment the workspace itself is in (what the status-bar badge shows)
// and the evidence for it. Exit 0; 64 on a usage error; 78 on a bad config.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  detectWorkspaceEnvironment,
  managedPolicyWarnings,
  readManagedPolicy,
  underManagedPolicy,
  managedLines,
  managedView,
} from '../core/frontdoor/policy';
import { formatConfigErrors, loadConfig } from '../core/frontdoor/config';
import { boundedReadFile } from '../core/engine';
import { shellHome } from '../core/frontdoor/launch';

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

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export async function runEnv(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  // With --json, an error is one JSON object on stdout too: a script reads one format.
  const json = args.includes('--json');
  const fail = (
    error: string,
    code: number,
    extra: Record<string, unknown> = {},
    text = `agentguard env: ${error}\n`,
  ): number => {
    if (json) process.stdout.write(JSON.stringify({ error, ...extra }) + '\n');
    else process.stderr.write(text);
    return code;
  };
  if (typeof parsed === 'string') return fail(parsed, 64, {}, `agentguard env: ${parsed}\n${USAGE}`);
  if (!isDirectory(parsed.workspace)) return fail(`workspace ${parsed.workspace} is not a directory`, 64);
  const loaded = loadConfig(parsed.workspace, parsed.config);
  if (!loaded.ok) {
    const errors = loaded.errors.map(({ file, jsonPath, line, column, message }) => ({
      file,
      jsonPath,
      line,
      column,
      message,
    }));
    return fail('invalid .agentguard.json', 78, { errors }, formatConfigErrors(loaded.errors) + '\n');
  }
  // The organization's managed policy lies under the file (its production environments count here too).
  const managed = readManagedPolicy();
  const config = underManagedPolicy(loaded.config, managed);
  const view = managedView(managed, config);
  const env = detectWorkspaceEnvironment(parsed.workspace, process.env, config, boundedReadFile, shellHome());
  if (parsed.json) {
    const warnings = managed.state === 'ok' ? managedPolicyWarnings(managed.file) : [];
    const managedJson = view.state === 'none' ? null : { ...view, ...(warnings.length ? { warnings } : {}) };
    process.stdout.write(
      JSON.stringify({ ...env, workspace: parsed.workspace, config: loaded.file ?? null, managed: managedJson }) + '\n',
    );
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
