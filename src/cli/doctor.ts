// `agentguard doctor`: which agent hosts are wired to AgentGuard, and what
// each host would see from its hook. Every wired hook is run the way its host
// runs it (a command through the shell, a hook file or delegate program
// directly, OpenCode's plugin loaded and called) with a harmless and a
// dangerous sample in the host's own payload, and the output is read with
// the host's own rules: a dangerous sample that the host would let through,
// or output the host could not read, fails the check.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { displaySocket, findApprovalSocket, insecureSocketReason } from '../channels/approval/paths';
import {
  agentGuardCommandsIn,
  chosenInstall,
  DANGEROUS_SAMPLE,
  DOCTOR_PROBE_ENV,
  findHooks,
  findInstalls,
  HARMLESS_SAMPLE,
  hookFile,
  hostAdapter,
  installedCommand,
  launcherOnPath,
  launcherPath,
  managedCommand,
  pathAdvice,
  readAnswer,
  readLauncher,
  samplePayload,
  windowsHookShell,
  type Scope,
} from '../core/frontdoor/setup';
import {
  HOSTS,
  accountHome,
  confirmedStateDir,
  ignoredRelocationNote,
  readPtraceScope,
  type HostId,
} from '../core/frontdoor/launch';
import { readKillSwitch, serviceConfig } from '../core/frontdoor/records';
import { probeJudges } from './hookClient';
import { managedReport } from './doctorManaged';
import { editorBinaryLines, ptraceLines } from './doctorEditors';
import { serviceLine } from './doctorService';
import { homeLines } from './doctorHome';
import { confinementLines } from './doctorSandbox';
import { clearProbeTraces, missingStateFolder } from './doctorProbeState';

const PROBE_TIMEOUT_MS = 15_000;

/** How to run a wired hook: a shell command line, a program file, or OpenCode's plugin source. */
type Runner = { kind: 'shell'; command: string } | { kind: 'file'; file: string } | { kind: 'plugin'; source: string };

/**
 * Each probe runs with a throwaway state folder: dangerous samples must not
 * count toward the rate limit (which would engage the real kill switch) nor
 * fill the audit log; the kill switch itself is reported separately.
 */
function run(
  runner: Runner,
  host: HostId,
  event: string,
  workspace: string,
  command: string,
): SpawnSyncReturns<string> {
  const probeState = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-doctor-'));
  try {
    return runIn(probeState, runner, host, event, workspace, command);
  } finally {
    fs.rmSync(probeState, { recursive: true, force: true });
  }
}

function runIn(
  probeState: string,
  runner: Runner,
  host: HostId,
  event: string,
  workspace: string,
  command: string,
): SpawnSyncReturns<string> {
  const sample = samplePayload(host, event, workspace, command);
  // The HOME the hosts run with, as doctor's own: the hook trusts the launcher under it (frontdoor/shadow.ts), so a
  // throwaway one would make the launcher install wrote there a stranger's handler. The state folder hangs from the
  // account's home whatever HOME says (core/state confirmedStateDir decides whether the relocation here holds).
  // Marked as doctor's: its dangerous sample, denied, is not counted by the circuit breaker (hosts/samples isDoctorSample),
  // which the probes of every wired event would otherwise trip: where the account has its state folder the probes'
  // relocation is not honoured (core/state confirmedStateDir), and they are judged with the real one.
  const env = { ...process.env, ...sample.env, AGENTGUARD_STATE_DIR: probeState, [DOCTOR_PROBE_ENV]: '1' };
  const options = {
    cwd: workspace,
    input: JSON.stringify(sample.stdin),
    encoding: 'utf8' as const,
    timeout: PROBE_TIMEOUT_MS,
    env,
  };
  switch (runner.kind) {
    case 'shell': {
      const { command } = runner;
      // On Windows, in the shell the host runs it in, started the way the host starts it (core/hosts/adapter: WindowsHookShell).
      const shell = process.platform === 'win32' ? windowsHookShell(host) : 'cmd';
      if (shell === 'powershell')
        return spawnSync(
          'powershell.exe',
          ['-NoProfile', '-NonInteractive', '-Command', `${command}; if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }`],
          options,
        );
      if (shell === 'cmd-argv')
        return spawnSync(process.env.ComSpec || 'cmd.exe', ['/d', '/s', '/c', command], options);
      return spawnSync(command, { ...options, shell: true });
    }
    case 'file':
      return spawnSync(runner.file, [], options);
    case 'plugin': {
      // The plugin as OpenCode loads it, called the way OpenCode calls it; a throw is OpenCode's block.
      const stdin = sample.stdin as { tool: string; sessionID: string; callID: string; args: unknown };
      const driver = `
const hooks = await AgentGuard({ directory: ${JSON.stringify(workspace)}, worktree: ${JSON.stringify(workspace)} });
try {
  await hooks["tool.execute.before"]({ tool: ${JSON.stringify(stdin.tool)}, sessionID: "agentguard-doctor", callID: "agentguard-doctor" }, { args: ${JSON.stringify(stdin.args)} });
  // Not thrown: OpenCode's own permission settings decide (a plugin can block, never grant).
  process.stdout.write(JSON.stringify({ decision: "defer" }));
} catch (err) {
  process.stdout.write(JSON.stringify({ decision: "deny", reason: String(err && err.message) }));
}`;
      return spawnSync(process.execPath, ['--input-type=module', '-e', `${runner.source}\n${driver}`], {
        ...options,
        input: '',
      });
    }
  }
}

/** What the host would make of one sample: `allow in 41 ms`, or FAILS with why. */
function probe(
  runner: Runner,
  host: HostId,
  event: string,
  workspace: string,
  command: string,
): { text: string; decision?: string } {
  const started = Date.now();
  const r = run(runner, host, event, workspace, command);
  if (r.error) return { text: `FAILS: ${r.error.message}` };
  const read = readAnswer(host, { stdout: r.stdout, stderr: r.stderr, code: r.status });
  if (!read.ok) return { text: `FAILS: ${read.problem}${r.stderr ? ` — ${r.stderr.trim().split('\n')[0]}` : ''}` };
  return { text: `${read.decision} in ${Date.now() - started} ms`, decision: read.decision };
}

/** Probes one wired hook with both samples; the line to print and whether it failed. */
function check(runner: Runner, host: HostId, event: string, workspace: string): { line: string; failed: boolean } {
  const harmless = probe(runner, host, event, workspace, HARMLESS_SAMPLE);
  const dangerous = probe(runner, host, event, workspace, DANGEROUS_SAMPLE);
  // A dangerous call the host would run is the one result worse than a broken hook.
  const letThrough = dangerous.decision === 'allow' || dangerous.decision === 'defer';
  const blocksAll = harmless.decision === 'deny';
  // A harmless call answered allow switches the host's own prompt off: only a human may decide that (agentguard.answerHarmless).
  const overrides = harmless.decision === 'allow';
  const failed = !harmless.decision || !dangerous.decision || letThrough || blocksAll || overrides;
  const danger = letThrough ? `FAILS: the host would RUN it (${dangerous.text})` : dangerous.text;
  const harm = blocksAll
    ? `FAILS: it blocks even a harmless call (${harmless.text})`
    : overrides
      ? `FAILS: it answers allow, which switches the host's own permission prompt off (${harmless.text})`
      : harmless.text;
  return { line: `${event}: harmless ${HARMLESS_SAMPLE} → ${harm}; dangerous ${DANGEROUS_SAMPLE} → ${danger}`, failed };
}

interface Wired {
  event: string;
  runner: Runner;
  problems: string[];
  /** The hook command as written (for Amp, the one in its delegate program). */
  command: string;
}

function ampCommand(delegate: string): string {
  try {
    return managedCommand(fs.readFileSync(delegate, 'utf8')) ?? `${delegate} (not AgentGuard's program)`;
  } catch {
    return `${delegate} (missing)`;
  }
}

/** The launcher every hook should run, and what it runs now: run with --version and its trace. */
function launcherLines(home: string): { lines: string[]; failed: boolean } {
  const launcher = launcherPath(home);
  const record = readLauncher(home);
  if (!record)
    return {
      lines: [
        `launcher   MISSING: ${launcher} does not exist; fix: agentguard install (or open the editor with AgentGuard)`,
      ],
      failed: true,
    };
  const installs = findInstalls(home, record);
  const chosen = chosenInstall(installs);
  const r = spawnSync(launcher, ['--version'], {
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS,
    env: { ...process.env, AGENTGUARD_LAUNCHER_TRACE: '1' },
    shell: process.platform === 'win32',
  });
  const trace = /agentguard launcher: (.*)/.exec(r.stderr ?? '')?.[1];
  const lines = [
    `launcher   ${launcher}: ${r.status === 0 && trace ? `${trace}; ${r.stdout.trim()}` : `FAILS: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0]}`}`,
  ];
  lines.push(
    `installs   ${installs.length ? installs.map((i) => `${i.cli}${i.pinned ? ' (pinned)' : ` (${i.version})`}${i.complete ? '' : ' INCOMPLETE (not run)'}${i.recorded ? '' : ' NOT RECORDED (not run until the editor starts or agentguard install records it)'}${i === chosen ? ' ← runs' : ''}`).join('; ') : 'none found'}`,
  );
  const onPath = launcherOnPath(home);
  lines.push(`command    ${onPath ? `agentguard on PATH runs the launcher (${onPath})` : pathAdvice(home)}`);
  return { lines, failed: r.status !== 0 || !trace };
}

/** What doctor says of an entry that does not run the launcher: an update or a moved Node breaks it. */
function staleProblem(host: HostId, scope: Scope, command: string, launcher: string): string[] {
  const expected = installedCommand(host, launcher);
  if (command === expected) return [];
  return [
    `STALE: runs ${command} instead of the launcher; fix: agentguard install --${host}${scope === 'user' ? ' --user' : ''} (or open the editor: AgentGuard repairs its hooks when it starts)`,
  ];
}

/** The hooks wired in one host's file, or why the file cannot be read. */
function wiredHooks(host: HostId, file: string, text: string): Wired[] | string {
  const adapter = hostAdapter(host);
  const wiring = adapter.wiring;
  const notes = adapter.notes ?? [];
  if (wiring.kind === 'file') {
    const command = managedCommand(text);
    if (!command) return [];
    const problems = [...notes];
    if (wiring.executable && (fs.statSync(file).mode & 0o111) === 0)
      problems.unshift(`the hook file is not executable: ${adapter.label} will not run it`);
    const runner: Runner =
      wiring.runs === 'file'
        ? { kind: 'file', file }
        : wiring.runs === 'plugin'
          ? { kind: 'plugin', source: text }
          : { kind: 'shell', command };
    return [{ event: wiring.event, runner, problems, command }];
  }
  const found = findHooks(text, host);
  if (!found.ok) return found.error;
  return found.hooks.map((h) => ({
    event: h.event,
    runner: wiring.kind === 'delegate' ? { kind: 'file', file: h.command } : { kind: 'shell', command: h.command },
    // What the host needs besides the entry (Codex: trusting the hook), which nothing in the file can say.
    problems: [...h.problems, ...notes],
    // Amp's rule names the delegate program; the command is the one inside it.
    command: wiring.kind === 'delegate' ? ampCommand(h.command) : h.command,
  }));
}

export async function runDoctor(args: string[]): Promise<number> {
  let workspace = process.cwd();
  const json = args.includes('--json');
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--workspace' && args[i + 1]) workspace = path.resolve(args[++i]);
    else if (args[i] !== '--json') {
      const error = `unknown option ${args[i]}`;
      if (json)
        process.stdout.write(JSON.stringify({ error, usage: 'agentguard doctor [--json] [--workspace DIR]' }) + '\n');
      else process.stderr.write(`agentguard doctor: ${error}\nusage: agentguard doctor [--json] [--workspace DIR]\n`);
      return 64;
    }
  }
  // The home install wired (HOME); the report's `home` line (doctorHome.ts) says when it is not the account's.
  const home = os.homedir();
  // An account with no state folder yet keeps none after doctor: what the probes' hooks make goes (doctorProbeState).
  const fresh = missingStateFolder();
  const started = Date.now();
  // The folder the hooks use: a relocation nobody confirmed is said, and not read (core/state confirmedStateDir).
  const choice = confirmedStateDir(process.env, accountHome());
  const dir = choice.dir;
  const ignored = ignoredRelocationNote(choice);
  const killSwitch = readKillSwitch(dir);
  const socket = findApprovalSocket(dir, [workspace]);
  const insecure = socket ? insecureSocketReason(socket) : undefined;
  const judges = await probeJudges();
  const out: string[] = [
    `workspace  ${workspace}`,
    ...homeLines(),
    serviceConfig()
      ? `state      ${dir} (its killswitch.json is not read: the AgentGuard service's kill switch is the only one, see the service line)`
      : `state      ${dir} (kill switch ${killSwitch.engaged ? `ENGAGED${killSwitch.reason ? `: ${killSwitch.reason}` : ''}; release it from the editor's status bar, or in a terminal with \`agentguard kill-switch release\`` : 'released'})`,
    ...(ignored ? [`           ${ignored}`] : []),
    `editor     ${socket ? (insecure ? `approval channel refused: ${insecure}` : `approval channel at ${displaySocket(socket)}`) : 'no AgentGuard editor window for this folder: asks fall back to the agent host, or are denied where the host cannot ask'}`,
    ...(judges.length
      ? judges.map(
          (j) =>
            `judge      ${j.problem ? `editor judge pid ${j.pid} not used from here: ${j.problem}` : `editor judge pid ${j.pid}: hooks started from here hand it their calls`}`,
        )
      : ['judge      no editor judge listening: hooks judge in their own process']),
    ...editorBinaryLines(dir),
    ...ptraceLines(process.platform === 'linux' ? readPtraceScope() : undefined),
    ...confinementLines(dir, home),
  ];
  const service = await serviceLine();
  out.push(service.line);

  const launcher = launcherLines(home);
  out.push(...launcher.lines);
  let wired = 0;
  let failed = (launcher.failed ? 1 : 0) + (service.failed ? 1 : 0);
  const managed = managedReport({
    probe: (host, file, text) => {
      const hooks = file.endsWith('.toml')
        ? agentGuardCommandsIn(text).map((command): Wired => ({
            event: 'PreToolUse',
            runner: { kind: 'shell', command },
            problems: [],
            command,
          }))
        : wiredHooks(host, file, text);
      if (typeof hooks === 'string') return hooks;
      let bad = 0;
      const lines: string[] = [];
      for (const h of hooks) {
        const result = check(h.runner, host, h.event, workspace);
        if (result.failed) bad++;
        lines.push(result.line, ...h.problems.map((p) => `warning: ${p}`));
      }
      return { lines, failed: bad };
    },
  });
  out.push(...managed.lines);
  failed += managed.failed;
  wired += managed.managedHosts.size;
  for (const host of HOSTS) {
    for (const scope of ['project', 'user'] as Scope[]) {
      const file = hookFile(host, scope, workspace, home);
      const shown = `${host.padEnd(11)} ${scope.padEnd(7)} ${file}`;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        out.push(`${shown}  not wired`);
        continue;
      }
      const hooks = wiredHooks(host, file, text);
      if (typeof hooks === 'string') {
        failed++;
        out.push(`${shown}  UNREADABLE: ${hooks}`);
        continue;
      }
      if (!hooks.length) {
        out.push(`${shown}  not wired`);
        continue;
      }
      wired++;
      for (const h of hooks) {
        const result = check(h.runner, host, h.event, workspace);
        const stale = staleProblem(host, scope, h.command, launcherPath(home));
        if (result.failed || stale.length) failed++;
        out.push(`${shown}  ${result.line}`);
        for (const p of stale) out.push(`${' '.repeat(shown.length)}  ${p}`);
        for (const p of h.problems) out.push(`${' '.repeat(shown.length)}  warning: ${p}`);
      }
      if (managed.managedHosts.has(host))
        out.push(`${' '.repeat(shown.length)}  duplicates the managed hook: each call is judged once`);
      const tested = hostAdapter(host).testedWith;
      out.push(
        `${' '.repeat(shown.length)}  ${tested ? `tested with ${hostAdapter(host).label} ${tested} (its own program, in AgentGuard's real-host suite)` : `not run here: ${hostAdapter(host).label}'s contract is tested from its documented payloads`}`,
      );
    }
  }
  const hookFiles = await import('./doctorHookFiles');
  const recorded = hookFiles.hookFileLines(dir);
  const nested = hookFiles.nestedCodexLines(workspace, home);
  out.push(...recorded.lines, ...nested.lines);
  failed += recorded.failed + nested.failed;
  const sandboxes = (await import('./doctorSandbox')).sandboxLines(workspace, home);
  out.push(...sandboxes.lines);
  failed += sandboxes.failed;
  out.push(...(await import('./doctorTerminal')).terminalDoctorLines());
  const kept = fresh ? clearProbeTraces(fresh, started) : undefined;
  if (kept) out.push(`probes     ${kept}`);
  const ok = wired > 0 && !failed;
  if (json) {
    process.stdout.write(
      JSON.stringify({
        ok,
        workspace,
        killSwitch: { engaged: killSwitch.engaged, ...(killSwitch.reason ? { reason: killSwitch.reason } : {}) },
        wired,
        failed,
        checks: checksOf(out),
      }) + '\n',
    );
    return ok ? 0 : 1;
  }
  process.stdout.write(out.join('\n') + '\n');
  if (!wired) process.stdout.write('No agent host is wired to AgentGuard: run `agentguard install`.\n');
  return ok ? 0 : 1;
}

/** The report's lines as checks for scripts: `NAME  DETAIL`, and the indented lines under one as its notes. */
function checksOf(lines: readonly string[]): { name: string; detail: string; notes?: string[] }[] {
  const checks: { name: string; detail: string; notes?: string[] }[] = [];
  for (const line of lines.flatMap((l) => l.split('\n'))) {
    if (/^\s/.test(line) && checks.length) {
      (checks[checks.length - 1].notes ??= []).push(line.trim());
      continue;
    }
    const m = /^(\S.*?)\s{2,}(\S.*)$/.exec(line) ?? /^(\S+)\s+(.*)$/.exec(line);
    checks.push(m ? { name: m[1].trim(), detail: m[2] } : { name: line.trim(), detail: '' });
  }
  return checks;
}
