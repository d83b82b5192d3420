// Request runners whose requests sit in a file: `hurl prod.hurl`, `newman run
// coll.json`. Nothing on the line says DELETE; the file does. It is read
// (bounded, through the context) and each request it holds is judged as
// curl's would be. A file that cannot be read (missing, too large, a URL, a
// glob hurl expands itself) may hold any request, so it asks.
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { optionValue, optionValues } from '../../command/args';
import { hurlRequests, hurlValues, type RunnerRequests } from './hurlFile';
import { postmanRequests, postmanValues } from './postmanCollection';

export const RUNNER_CLIENTS = ['hurl', 'newman'] as const;

const HURL_VALUES = new Set([
  '--variable',
  '--variables-file',
  '-o',
  '--output',
  '--cacert',
  '-E',
  '--cert',
  '--key',
  '-H',
  '--header',
  '--connect-timeout',
  '-m',
  '--max-time',
  '-u',
  '--user',
  '-x',
  '--proxy',
  '--report-html',
  '--report-junit',
  '--report-tap',
  '--report-json',
  '--file-root',
  '--retry',
  '--retry-interval',
  '--delay',
  '--max-redirs',
  '--to-entry',
  '--from-entry',
  '--repeat',
  '--jobs',
  '--resolve',
  '--connect-to',
  '--limit-rate',
  '--netrc-file',
  '--aws-sigv4',
  '--secret',
  '-b',
  '--cookie',
  '-c',
  '--cookie-jar',
  '--unix-socket',
  '--error-format',
  '--max-filesize',
  '--noproxy',
  '-A',
  '--user-agent',
  '--test-format',
]);
const NEWMAN_VALUES = new Set([
  '-e',
  '--environment',
  '-g',
  '--globals',
  '-d',
  '--iteration-data',
  '--folder',
  '-n',
  '--iteration-count',
  '-r',
  '--reporters',
  '--env-var',
  '--global-var',
  '--export-environment',
  '--export-globals',
  '--export-collection',
  '--postman-api-key',
  '--timeout',
  '--timeout-request',
  '--timeout-script',
  '--delay-request',
  '--working-dir',
  '--ssl-client-cert',
  '--ssl-client-key',
  '--ssl-client-passphrase',
  '--ssl-client-cert-list',
  '--ssl-extra-ca-certs',
  '--cookie-jar',
  '--export-cookie-jar',
]);
const MAX_FILES = 64;

/** Operands after `start`, skipping the values of the options given (`--opt value`; `--opt=value` is one word). */
function operands(argv: readonly string[], takesValue: ReadonlySet<string>, start: number): string[] {
  const out: string[] = [];
  for (let i = start; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return [...out, ...argv.slice(i + 1)];
    if (a.startsWith('-') && a !== '-') {
      if (takesValue.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function hurl(cmd: SimpleCommand, ctx: AnalysisContext): RunnerRequests {
  const values = hurlValues(
    optionValues(cmd.argv, ['--variable']),
    optionValues(cmd.argv, ['--variables-file']).map((f) => ctx.readFile(f, cmd.cwd) ?? ''),
  );
  if (optionValue(cmd.argv, ['--glob'])) return { requests: [], unread: 'files its --glob matches' };
  const files = operands(cmd.argv, HURL_VALUES, 1);
  if (!files.length) files.push('-');
  const out: RunnerRequests = { requests: [] };
  for (const file of files.slice(0, MAX_FILES)) {
    const text = file === '-' ? cmd.stdin : ctx.readFile(file, cmd.cwd);
    if (text === undefined)
      return { requests: out.requests, unread: `${file === '-' ? 'stdin' : file}, which could not be read` };
    const found = hurlRequests(text, file, values);
    out.requests.push(...found.requests);
    if (found.unread) return { requests: out.requests, unread: found.unread };
  }
  if (files.length > MAX_FILES) out.unread = `more than ${MAX_FILES} files`;
  return out;
}

function newman(cmd: SimpleCommand, ctx: AnalysisContext): RunnerRequests | undefined {
  if (cmd.argv[1] !== 'run') return undefined;
  const file = operands(cmd.argv, NEWMAN_VALUES, 2)[0];
  if (file === undefined) return undefined;
  const text = /^https?:\/\//i.test(file) ? undefined : ctx.readFile(file, cmd.cwd);
  if (text === undefined) return { requests: [], unread: `${file}, which could not be read` };
  const values = new Map<string, string>();
  for (const pair of [...optionValues(cmd.argv, ['--global-var']), ...optionValues(cmd.argv, ['--env-var'])]) {
    const eq = pair.indexOf('=');
    if (eq > 0) values.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  for (const opt of ['-e', '--environment', '-g', '--globals']) {
    const envFile = optionValue(cmd.argv, [opt]);
    const envText = envFile && !/^https?:\/\//i.test(envFile) ? ctx.readFile(envFile, cmd.cwd) : undefined;
    if (!envText) continue;
    try {
      const fromFile = new Map<string, string>();
      postmanValues(fromFile, (JSON.parse(envText) as { values?: unknown }).values);
      for (const [k, v] of fromFile) if (!values.has(k)) values.set(k, v);
    } catch {
      // An environment that cannot be read leaves its names unresolved: their hosts are read as unknown.
    }
  }
  return postmanRequests(text, file, values);
}

/** The requests a runner's files make; undefined when the command runs none (`newman --version`). */
export function runnerRequests(cmd: SimpleCommand, ctx: AnalysisContext): RunnerRequests | undefined {
  if (cmd.argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V')) return undefined;
  return cmd.argv[0] === 'hurl' ? hurl(cmd, ctx) : newman(cmd, ctx);
}

export function unreadRunnerFinding(cmd: SimpleCommand, unread: string): Finding {
  return {
    id: 'http.unread-request',
    summary: `${cmd.argv[0]} sends the requests of ${unread}: AgentGuard did not read them, and they may delete data anywhere`,
    target: cmd.argv[0],
    alternative: 'run it on a file in the workspace that can be read, or check its requests first',
    severity: 50,
  };
}
