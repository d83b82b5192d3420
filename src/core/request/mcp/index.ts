// MCP tool calls judged by meaning. Every string of the arguments, at any
// depth, goes to the reader its content calls for (mcp/meaning.ts: SQL,
// command lines, HTTP requests); a tool that is a CLI under another name is
// read as that command line (mcp/cli.ts); otherwise its name is read with
// the platform CLIs' verb grammar (mcp/verbs.ts). The server's identity, from
// the MCP configuration that starts it, and the target the call names
// (environment/mcpServers.ts) weigh every finding like any command's target:
// production makes any write count, a provably disposable target (a local
// test database, a test-mode key, a local cluster) takes findings about it
// below asking. A server's own guard settings loosened by the agent are a
// self-protection concern (mcp/guardSettings.ts); live secrets in what the
// call sends are caught by their form (secrets/forms.ts).
//
// The readers of the arguments (mcp/) run the packs on what they find; this
// module puts their findings together and weighs them by the server's target (policy/weigh.ts).
// The request supplies how shell lines are judged (the engine); arguments
// named for a command, code or a file are read by name (request/mcpArgs.ts)
// and their findings passed in here.
import type { Config } from '../../config/schema';
import { mcpTarget } from '../../environment/mcpServers';
import { PRODUCTION_WRITE_ID } from '../../policy/rules';
import { weighByEvidence } from '../../policy/weigh';
import type { AnalysisContext, EnvironmentMatch, Finding } from '../../types';
import { argvLine, cliLine } from './cli';
import { guardSettingFindings } from './guardSettings';
import { protectionFindings } from './protections';
import { meaningContext, meaningsOf } from './meaning';
import { readsOnly, verbFindings } from './verbs';
import { toolWords, walkMcpArgs } from './walk';
import { operationWords } from './operationArgs';
import { analyzeSql, sqlEffect } from '../../packs/common/sql';
import { sentSecretFinding } from '../../packs/secrets/forms';
export { walkMcpArgs, toolWords } from './walk';
export { STRING_READERS, OBJECT_READERS, type Meaning, type StringReader, type ObjectReader } from './meaning';

export interface McpCallInput {
  server?: string;
  tool: string;
  input: unknown;
}

export interface ShellJudgement {
  findings: Finding[];
  environment: EnvironmentMatch;
}

export interface McpDeps {
  ctx: AnalysisContext;
  config: Config | undefined;
  cwd: string;
  /** Judges one shell line as the engine does, with the server's environment variables over the agent's. */
  shell(command: string, cwd: string, env: Record<string, string> | undefined): ShellJudgement;
}

export interface McpJudgement {
  findings: Finding[];
  environment: EnvironmentMatch;
}

/** Servers that store secrets: putting one there is their purpose. */
const SECRET_STORES =
  /vault|secret|1password|onepassword|bitwarden|doppler|infisical|keychain|keyring|credential|passbolt|lastpass|akeyless/;

function stronger(a: EnvironmentMatch, b: EnvironmentMatch): EnvironmentMatch {
  if (a.production) return a;
  if (b.production) return b;
  return a.name === 'unknown' ? b : a;
}

function add(out: Finding[], f: Finding): void {
  if (!out.some((g) => g.id === f.id && g.target === f.target)) out.push(f);
}

/**
 * Judges one MCP call by what it means. `byName` are the findings of what
 * the hook read by argument name (shell lines, code, process input, file
 * writes) and `byNameLines` those lines, so a line is not judged twice.
 */
export function judgeMcpCall(
  call: McpCallInput,
  deps: McpDeps,
  byName: readonly Finding[] = [],
  byNameLines: readonly string[] = [],
): McpJudgement {
  const label = call.server ? `${call.server} → ${call.tool}` : call.tool;
  const words = toolWords(call.tool);
  const target = mcpTarget(call, deps.ctx, deps.config);
  const serverEnv = target.server && Object.keys(target.server.env).length ? target.server.env : undefined;
  const serverWords = toolWords(
    [call.server ?? '', target.server?.command ?? '', ...(target.server?.args ?? []), target.server?.url ?? ''].join(
      ' ',
    ),
  );
  const findings: Finding[] = [...byName];
  let environment = target.environment;

  const walked = walkMcpArgs(call.input);
  const meanings = meaningsOf(walked, meaningContext(words));
  if (target.unread) {
    // Past a bound on the server's configuration, what it acts on (a production connection string) is not known.
    add(findings, {
      id: 'parse.too-complex',
      summary: `${target.unread}, so it cannot tell where ${label} acts; a human must look at it`,
      target: label,
      alternative: 'keep the MCP configuration to fewer servers, arguments and variables',
      severity: 60,
    });
  }
  if (walked.overflow) {
    add(findings, {
      id: 'mcp.arguments-unread',
      summary: `AgentGuard did not read all of ${label}'s arguments (${walked.overflow}), so it cannot tell what the call does`,
      target: label,
      alternative: 'split the call into smaller ones',
      severity: 50,
    });
  }

  let judgedLines = 0;
  const judgeLine = (command: string, what: string): void => {
    judgedLines++;
    const r = deps.shell(command, deps.cwd, serverEnv);
    environment = stronger(environment, r.environment);
    const shown = command.length > 120 ? command.slice(0, 119) + '…' : command;
    for (const f of r.findings) add(findings, { ...f, summary: `${label} ${what} \`${shown}\`: ${f.summary}` });
  };

  let wrote = false;
  let sawSql = false;
  const cliCall = { ...(call.server ? { server: call.server } : {}), words, input: call.input };
  const cli = cliLine(cliCall) ?? argvLine(cliCall);
  if (cli) judgeLine(cli, 'stands for');

  for (const m of meanings) {
    if (m.kind === 'sql') {
      sawSql = true;
      for (const f of analyzeSql(m.text, label)) add(findings, f);
      if (sqlEffect(m.text) === 'write') wrote = true;
    } else if (m.kind === 'shell') {
      if (!byNameLines.includes(m.command)) judgeLine(m.command, 'runs');
    } else {
      judgeLine(m.command, 'makes the request');
    }
  }

  if (!cli) {
    // A dispatching tool's operation argument is its verb (operationArgs.ts): judged as if it named the tool.
    const operation = operationWords(call.input);
    const args = { label, serverWords, args: call.input as Record<string, unknown> };
    for (const f of verbFindings(words, args)) add(findings, f);
    if (operation.length) for (const f of verbFindings([...operation, ...words], args)) add(findings, f);
  }
  for (const f of guardSettingFindings(words, call.input, label)) add(findings, f);
  for (const f of protectionFindings(words, call.input, label)) add(findings, f);

  if (!SECRET_STORES.test([...serverWords, ...words].join(' '))) {
    const sent = sentSecretFinding(
      walked.strings.map((s) => s.value),
      label,
    );
    if (sent) add(findings, sent);
  }

  // A write (SQL that changes data, or any tool that does more than look) on a production target is gated on its own;
  // command lines and requests the call stands for were weighed by the engine, production included.
  const writes = sawSql ? wrote : judgedLines ? false : !readsOnly(words);
  if (environment.production && writes && !findings.some((f) => f.id === PRODUCTION_WRITE_ID)) {
    findings.push({
      id: PRODUCTION_WRITE_ID,
      summary: 'changes state in a production environment',
      target: label,
      alternative: 'run it against staging or a local copy first',
      severity: 70,
    });
  }
  const weighed = weighByEvidence(findings, environment, target.disposable);
  return { findings: weighed.findings, environment: weighed.environment };
}
