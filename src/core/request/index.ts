// Room `request/`: one neutral tool call (a shell line, an edit, an MCP
// call, a read) judged into a verdict: the dispatch, MCP calls and reads
// (here), edits (edit.ts), the options and verdict they share (verdict.ts),
// an MCP call's findings put together and weighed by its server's target
// (mcp.ts), what its arguments carry by name (mcpArgs.ts), the shell readers
// a read tool amounts to (reads.ts), and the other workspaces a call acts in
// (targets.ts). Pure judgment: no state is read or written.
//
// Judges one neutral hook request. Shell commands go straight to the engine;
// edits are judged by the path they touch (protected paths) and, for scripts
// and SQL files, by what the new content would do once run; MCP calls by what
// their arguments mean and their tool names say, against their server's target.
import * as path from 'node:path';
import { evaluate, makeContext } from '../engine';
import { UNKNOWN_ENV, type EnvironmentMatch, type Finding, type Verdict } from '../types';
import { judgeMcpCall } from './mcp';
import { codeFindings } from '../packs/guard';
import type { HookRequest } from '../hosts/types';
import { hasActions, mcpActions } from './mcpArgs';
import { stricter } from './targets';
import { fetchCommand, MAX_READS, readCommands, readsUnjudged } from './reads';
import { sentSecretFinding } from '../packs/secrets/forms';
import { judgeShell, shellSessionOf, engineOptions, verdictOf, type JudgeOptions } from './verdict';
import { judgeEdit } from './edit';
export { judgeShellLine, readShellLine, shellSessionOf, type JudgeOptions } from './verdict';

export type { Verdict } from '../types';

export function judgeRequest(req: HookRequest, opts: JudgeOptions): Verdict {
  switch (req.kind) {
    case 'shell':
      // A terminal's shell outlives the line: what it defines now runs later.
      return judgeShell(req.command ?? '', opts, req.shell, shellSessionOf(req));
    case 'edit':
      return judgeEdit(req.targets ?? [], opts);
    case 'mcp':
      return judgeMcp(req, opts);
    case 'other':
      return judgeOther(req, opts);
  }
}

// ---- MCP -----------------------------------------------------------------

/** An MCP call: what its arguments carry by name (below), then by meaning, weighed by its server's target (request/mcp/). */
function judgeMcp(req: HookRequest, opts: JudgeOptions): Verdict {
  const call = req.mcp ?? { tool: req.toolName, input: undefined };
  const label = call.server ? `${call.server} → ${call.tool}` : call.tool;
  const read = req.reads?.length ? readFindings(req, opts).findings : [];
  const acted = judgeMcpActions(call.tool, call.input, label, opts);
  const ctx = makeContext(engineOptions(opts), opts.env);
  const meant = judgeMcpCall(
    call,
    {
      ctx,
      config: opts.config,
      cwd: opts.cwd,
      shell: (command, cwd, env) =>
        judgeShell(command, { ...opts, cwd, ...(env ? { env: { ...opts.env, ...env } } : {}) }, undefined),
    },
    [...read, ...acted.findings],
    acted.lines,
  );
  const environment =
    acted.environment?.production && !meant.environment.production ? acted.environment : meant.environment;
  const verdict = verdictOf(meant.findings, [], environment, opts.config);
  // A workspace rule that decided one of the commands (deny `git push *`) decides the call too.
  return acted.ruled ? stricter(verdict, acted.ruled) : verdict;
}

/** The shell lines, code, process input and file writes an MCP call carries, judged as if the agent ran or wrote them. */
function judgeMcpActions(
  tool: string,
  input: unknown,
  label: string,
  opts: JudgeOptions,
): { findings: Finding[]; lines: string[]; environment?: EnvironmentMatch; ruled?: Verdict } {
  const actions = mcpActions(tool, input);
  const out: { findings: Finding[]; lines: string[]; environment?: EnvironmentMatch; ruled?: Verdict } = {
    findings: [],
    lines: actions.shell.map((s) => s.command),
  };
  if (!hasActions(actions)) return out;
  const lines = [
    ...actions.shell.map((s) => ({
      command: s.command,
      cwd: s.cwd ? path.resolve(opts.cwd, s.cwd) : opts.cwd,
      what: 'runs',
    })),
    ...actions.code.map((c) => ({ command: c, cwd: opts.cwd, what: 'runs code' })),
    ...actions.lines.map((l) => ({ command: l.command, cwd: opts.cwd, what: l.what })),
    // Text typed into a running process is read as a shell line and as code, whichever the process is.
    ...actions.input.flatMap((i) =>
      [i, ...mcpActions('', { code: i }).code].map((command) => ({
        command,
        cwd: opts.cwd,
        what: 'types into a running process',
        typed: true,
      })),
    ),
  ].slice(0, 8);
  for (const line of lines) {
    const r = judgeShell(line.command, { ...opts, cwd: line.cwd }, undefined);
    const shown = line.command.length > 120 ? line.command.slice(0, 119) + '…' : line.command;
    for (const f of r.findings) {
      // Typed text that is not shell (Python into a REPL) is judged as code instead.
      if (
        'typed' in line &&
        f.id.startsWith('parse.') &&
        f.id !== 'parse.invisible-characters' &&
        f.id !== 'parse.control-characters'
      )
        continue;
      if (!out.findings.some((g) => g.id === f.id && g.target === f.target))
        out.findings.push({ ...f, summary: `${label} ${line.what} \`${shown}\`: ${f.summary}` });
    }
    if (r.environment.production) out.environment = r.environment;
    if (r.rule && r.decision !== 'allow') out.ruled = out.ruled ? stricter(out.ruled, r) : r;
  }
  for (const i of actions.input) out.findings.push(...codeFindings(i, `input ${label} types into a running process`));
  if (actions.writes.length) {
    const written = judgeEdit(actions.writes, opts);
    for (const f of written.findings) out.findings.push({ ...f, summary: `${label} writes a file: ${f.summary}` });
  }
  return out;
}

// ---- anything else -------------------------------------------------------

/** Reads and searches by the agent's own tools: the same findings `cat`, `grep` and `find` would get. */
function readFindings(req: HookRequest, opts: JudgeOptions): { findings: Finding[]; environment: EnvironmentMatch } {
  const reads = req.reads ?? [];
  const fetches = req.fetches ?? [];
  const unjudged = readsUnjudged(reads) + Math.max(0, fetches.length - MAX_READS);
  // Past the bound the rest are not judged, so the call is not let through unseen: it asks.
  const beyond: Finding[] = unjudged
    ? [
        {
          id: 'hook.too-many-reads',
          summary: `${req.toolName} reads ${reads.length} paths${fetches.length ? ` and ${fetches.length} URLs` : ''} in one call; AgentGuard judges ${MAX_READS} of each per call, so ${unjudged} were not judged`,
          target: req.toolName,
          alternative: `read at most ${MAX_READS} paths or URLs per call, or approve it if you expected these reads`,
          severity: 50,
        },
      ]
    : [];
  // What a fetch tool requests is judged as the curl line that requests it, and for live secrets it carries.
  const judged = fetches.slice(0, MAX_READS);
  const lines = [...readCommands(reads), ...judged.map(fetchCommand)];
  if (!lines.length) return { findings: beyond, environment: UNKNOWN_ENV };
  const r = evaluate({ command: lines.join('\n'), cwd: opts.cwd, env: opts.env }, engineOptions(opts));
  const sent = judged.length ? sentSecretFinding(judged, `${req.toolName} ${judged[0].slice(0, 80)}`) : undefined;
  return { findings: [...r.findings, ...(sent ? [sent] : []), ...beyond], environment: r.environment };
}

function judgeOther(req: HookRequest, opts: JudgeOptions): Verdict {
  if (req.reads?.length || req.fetches?.length) {
    const read = readFindings(req, opts);
    return verdictOf(read.findings, [], read.environment, opts.config);
  }
  if (req.readOnly) return verdictOf([], [], UNKNOWN_ENV, opts.config);
  return verdictOf(
    [
      {
        id: 'hook.unknown-tool',
        summary: `AgentGuard does not know what the ${req.toolName} tool does`,
        target: req.toolName,
        alternative: 'approve it if you expected this tool call',
        severity: 50,
      },
    ],
    [],
    UNKNOWN_ENV,
    opts.config,
  );
}
