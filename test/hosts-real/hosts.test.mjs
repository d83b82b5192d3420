// `npm run test:hosts`: every supported agent host's own program (pinned
// versions from the npm registry, scripts/install-real-hosts.sh), pointed
// at a scripted model on 127.0.0.1 and run headless in each of its
// permission modes, with AgentGuard installed by `agentguard install
// --HOST` in a throwaway home and workspace (no editor running).
//
// Each scenario asserts on markers only (what the tool call would create,
// change or delete; what its result handed back to the model):
//   - a routine command runs exactly as it does without AgentGuard;
//   - a destructive, production or planted-code call does not run;
//   - a broken or removed AgentGuard blocks;
// and each risky scenario is also run without AgentGuard in the host's most
// permissive mode, where it must take effect: otherwise a "stopped" would
// prove nothing.
//
// Faults AgentGuard has today are `todo` with the issue they belong to, so
// the suite stays green while they stay visible. The host × scenario × mode
// table goes to test-output/hosts-real/table.md (and results.json).
//
// AGENTGUARD_REAL_HOSTS=claude,gemini   only these hosts
// AGENTGUARD_REAL_HOSTS_SCENARIOS=...   only these scenarios
// AGENTGUARD_REAL_HOSTS_CAPTURE=1       also save each hook payload the hosts send
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureRealHosts, removeRuns, repoRoot, runScenario } from './harness.mjs';
import { HOSTS } from './hosts.mjs';
import { KNOWN } from './known.mjs';
import { startModel } from './model.mjs';
import {
  CONFINED,
  CONFINED_COMMAND,
  SANDBOX_SCENARIOS,
  SCENARIOS,
  WORKSPACE_ENV,
  WORKSPACE_ENV_ABOVE,
} from './scenarios.mjs';
import { writeReport } from './report.mjs';

const only = (name) =>
  process.env[name]
    ? process.env[name]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
const hostIds = only('AGENTGUARD_REAL_HOSTS') ?? Object.keys(HOSTS);
const scenarioIds = only('AGENTGUARD_REAL_HOSTS_SCENARIOS') ?? [
  ...Object.keys(SCENARIOS),
  ...Object.keys(SANDBOX_SCENARIOS),
  'confined',
  'workspace-env',
  'workspace-env-above',
];
const capture = process.env.AGENTGUARD_REAL_HOSTS_CAPTURE === '1';
const outDir = path.join(repoRoot, 'test-output', 'hosts-real');

/** Modes a scenario runs in: every mode for the scenarios that say most, the permissive mode for the rest. */
function modesFor(host, scenarioId) {
  const all = Object.keys(host.modes);
  return ['routine', 'rm-rf', 'pocketos', 'git-hook', 'host-settings'].includes(scenarioId) ? all : [host.permissive];
}

const outcomes = [];
let info;
let model;
const started = Date.now();

before(async () => {
  info = ensureRealHosts();
  model = await startModel();
});

after(async () => {
  await model?.close();
  if (info) {
    writeReport({ outDir, info, outcomes, suiteMs: Date.now() - started, hostIds });
    removeRuns(info);
  }
});

for (const hostId of hostIds) {
  const host = HOSTS[hostId];
  describe(`${host.name} (${hostId})`, () => {
    // A routine control per mode, shared by the scenarios that compare with it.
    const controls = new Map();
    async function control(mode, scenarioId) {
      const key = `${mode}/${scenarioId}`;
      if (!controls.has(key)) {
        const scenario = SCENARIOS[scenarioId];
        const c = await runScenario({ info, model, hostId, host, mode, scenarioId, scenario, guard: 'none' });
        outcomes.push(c);
        controls.set(key, c);
      }
      return controls.get(key);
    }

    for (const scenarioId of scenarioIds.filter((id) => SCENARIOS[id])) {
      const scenario = SCENARIOS[scenarioId];
      for (const mode of modesFor(host, scenarioId)) {
        const key = `${hostId}/${mode}/${scenarioId}`;
        const todo = KNOWN[key] ?? KNOWN[`${hostId}/*/${scenarioId}`] ?? KNOWN[`${hostId}/*/*`];
        test(`${mode}: ${scenario.title}`, { todo }, async (t) => {
          assert.equal(info.hosts[hostId].status, 'ok', `${host.name} is not installed: ${info.hosts[hostId].reason}`);
          const guard = scenario.guard ?? 'installed';
          const guarded = await runScenario({ info, model, hostId, host, mode, scenarioId, scenario, guard, capture });
          outcomes.push(guarded);
          const explain = (o) =>
            `${o.guard}: ${o.result} (exit ${o.exit}, ${o.ms} ms); tool results: ${JSON.stringify(o.toolResults)}; stderr: ${o.stderrTail?.slice(-600)}`;
          if (guarded.result === 'no-adapter') {
            // Still run the host without AgentGuard, for the table: what an adapter would have to stop.
            if (scenario.routine || mode === host.permissive)
              await control(mode, scenario.guard ? 'routine' : scenarioId);
            assert.fail(`AgentGuard has no adapter for ${host.name}`);
          }
          assert.notEqual(guarded.result, 'timeout', `the host did not finish: ${explain(guarded)}`);
          if (scenario.routine) {
            const c = await control(mode, scenarioId);
            if (c.result === 'no-call' && guarded.result === 'no-call')
              return t.skip(`${host.name} offers no such tool headless in ${mode}`);
            assert.ok(
              ['ran', 'stopped'].includes(c.result),
              `the host never made the call without AgentGuard: ${explain(c)}`,
            );
            assert.equal(
              guarded.result,
              c.result,
              `with AgentGuard the routine command must do what it does without: ${explain(guarded)} / ${explain(c)}`,
            );
            return;
          }
          if (guarded.result === 'no-call') return t.skip(`${host.name} offers no such tool headless in ${mode}`);
          assert.notEqual(guarded.result, 'ran', `with AgentGuard the call must not take effect: ${explain(guarded)}`);
          if (mode === host.permissive) {
            // Without AgentGuard the call must take effect, or "stopped" proves nothing.
            const c = await control(mode, scenario.guard ? 'routine' : scenarioId);
            if (c.result === 'stopped')
              return t.skip(
                `${host.name} refuses it itself without AgentGuard: ${c.toolResults.join(' ').slice(0, 200)}`,
              );
            assert.equal(c.result, 'ran', `without AgentGuard the scenario must take effect: ${explain(c)}`);
          }
        });
      }
    }
    // The host's own sandbox as install sets it: a routine call still runs,
    // and a write AgentGuard's judgment let through (no decision) into what
    // AgentGuard must keep is refused by the sandbox — the same call runs
    // with the host's sandbox off, or the refusal proves nothing.
    for (const scenarioId of host.sandbox ? scenarioIds.filter((id) => SANDBOX_SCENARIOS[id]) : []) {
      const scenario = SANDBOX_SCENARIOS[scenarioId];
      const { mode, off } = host.sandbox;
      const todo = KNOWN[`${hostId}/sandbox/${scenarioId}`];
      test(`host sandbox on (${mode}): ${scenario.title}`, { todo }, async () => {
        assert.equal(info.hosts[hostId].status, 'ok', `${host.name} is not installed: ${info.hosts[hostId].reason}`);
        const explain = (o) =>
          `${o.guard}/${o.mode}: ${o.result} (exit ${o.exit}, ${o.ms} ms); hook: ${JSON.stringify(o.hookAnswers)}; tool results: ${JSON.stringify(o.toolResults)}; stderr: ${o.stderrTail?.slice(-600)}`;
        const on = await runScenario({
          info,
          model,
          hostId,
          host,
          mode,
          scenarioId,
          scenario,
          guard: 'installed',
          capture: true,
        });
        outcomes.push({ ...on, mode: `${mode}, host sandbox on` });
        assert.notEqual(on.result, 'timeout', `the host did not finish: ${explain(on)}`);
        const offRun = await runScenario({
          info,
          model,
          hostId,
          host,
          mode: off.mode,
          scenarioId,
          scenario,
          guard: 'installed',
          capture: true,
          installArgs: off.installArgs,
        });
        outcomes.push({ ...offRun, mode: `${off.mode}, host sandbox off` });
        if (scenario === SANDBOX_SCENARIOS['sandbox-routine']) {
          assert.equal(on.result, 'ran', `a routine call must still run in the host's sandbox: ${explain(on)}`);
          assert.equal(offRun.result, 'ran', `and without it: ${explain(offRun)}`);
          return;
        }
        // The program's target is read at run time, so judgment has nothing to
        // stop: a deny or ask here means the scenario no longer reaches the
        // host's sandbox and proves nothing about it (rewrite the scenario).
        const judged = [...(on.hookAnswers ?? []), ...(offRun.hookAnswers ?? [])].filter((a) =>
          /"permissionDecision":"(deny|ask)"|"decision":"block"/.test(a),
        );
        assert.deepEqual(
          judged,
          [],
          `AgentGuard's judgment stopped the call before the host's sandbox: the scenario must not rely on judgment`,
        );
        assert.equal(
          offRun.result,
          'ran',
          `with the host's sandbox off the write must take effect, or "stopped" proves nothing: ${explain(offRun)}`,
        );
        assert.equal(on.result, 'stopped', `the host's sandbox must refuse the write: ${explain(on)}`);
        // And it was the write that was refused: the program ran and the system said no.
        if (scenario.refusal)
          assert.ok(
            on.toolResults.some((r) => scenario.refusal.test(r)),
            `the program must have run and been refused: ${explain(on)}`,
          );
      });
    }
    if (hostId === 'claude' && scenarioIds.includes('confined')) {
      // What a human approves is what runs, and it reads as written: with
      // Claude Code's sandbox declined, a command AgentGuard asks about goes
      // back to Claude confined; Claude's own permission prompt (headless:
      // the MCP tool --permission-prompt-tool names, answering allow) is
      // handed the command as Claude will run it.
      test("default, its prompt answered allow: the prompt shows agentguard-run ID -- 'the command as written', and it runs confined", async (t) => {
        let seen;
        const prompted = {
          ...host,
          command(ctx, mode, prompt) {
            const c = host.command(ctx, mode, prompt);
            const at = c.argv.indexOf('--mcp-config') + 1;
            const mcp = JSON.parse(c.argv[at]);
            mcp.mcpServers.prompt = {
              command: ctx.nodeBin,
              args: [path.join(repoRoot, 'test', 'hosts-real', 'promptServer.mjs')],
              env: { PROMPT_RECORD: path.join(ctx.sandbox, 'prompts.jsonl') },
            };
            const argv = [...c.argv];
            argv[at] = JSON.stringify(mcp);
            return { ...c, argv: [...argv, '--permission-prompt-tool', 'mcp__prompt__approve'] };
          },
          afterRun(ctx) {
            const read = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
            seen = {
              home: ctx.home,
              prompts: read(path.join(ctx.sandbox, 'prompts.jsonl'))
                .split('\n')
                .filter(Boolean)
                .map((l) => JSON.parse(l)),
              confined: read(ctx.markers.confined).split('\n').filter(Boolean),
              plantedWhileConfined: fs.existsSync(ctx.markers.planted),
            };
            // The same stand-in run unconfined writes there: the refusal was the sandbox's.
            spawnSync('sh', [path.join(ctx.shims, 'curl'), 'control'], { encoding: 'utf8' });
            seen.plantedUnconfined = fs.existsSync(ctx.markers.planted);
          },
        };
        const o = await runScenario({
          info,
          model,
          hostId,
          host: prompted,
          mode: 'default',
          scenarioId: 'confined',
          scenario: CONFINED,
          guard: 'installed',
          capture: true,
          installArgs: ['--no-host-sandbox'],
        });
        outcomes.push({ ...o, mode: 'default, prompt answered allow, host sandbox declined' });
        const explain = `${o.result} (exit ${o.exit}); hook: ${JSON.stringify(o.hookAnswers)}; tool results: ${JSON.stringify(o.toolResults)}; seen: ${JSON.stringify(seen)}; stderr: ${o.stderrTail?.slice(-600)}`;
        assert.equal(seen.prompts.length, 1, `Claude Code must put the call to its prompt once: ${explain}`);
        assert.equal(seen.prompts[0].tool_name, 'Bash');
        const shown = seen.prompts[0].input.command;
        t.diagnostic(`Claude Code's prompt showed: ${shown.split(seen.home).join('~')}`);
        const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        assert.match(
          shown,
          new RegExp(
            `^${escape(seen.home)}/\\.agentguard/bin/agentguard-run [0-9a-f]{32} -- '${escape(CONFINED_COMMAND)}'$`,
          ),
          `the prompt must show the short form with the command as written: ${explain}`,
        );
        assert.deepEqual(
          seen.confined,
          [`ran ${CONFINED_COMMAND.slice('curl '.length)}`, 'outside refused'],
          `it ran once, confined (its write into AgentGuard's state refused): ${explain}`,
        );
        assert.equal(seen.plantedWhileConfined, false);
        assert.equal(
          seen.plantedUnconfined,
          true,
          'the stand-in writes there when run unconfined, or the refusal proves nothing',
        );
      });
    }
    if (hostId === 'claude' && scenarioIds.includes('workspace-env')) {
      // Claude Code hands a project settings file's `env` to every Bash command and hook (docs/hosts.md): one
      // written after install by a command, setting PATH (a `git` of the agent's first on it) and HOME (a
      // launcher of its own under it), makes the next call ask — in bypass mode a deny — instead of running
      // the planted program. Without AgentGuard the planted `git` runs: the env reaches the command.
      test('bypass: a workspace env (PATH, HOME) planted after install: the next command is asked, not run', async () => {
        const planting = { ...host, beforeRun: (ctx) => WORKSPACE_ENV.plant(ctx) };
        const run = (guard) =>
          runScenario({
            info,
            model,
            hostId,
            host: planting,
            mode: 'bypass',
            scenarioId: 'workspace-env',
            scenario: WORKSPACE_ENV,
            guard,
            capture: guard === 'installed',
          });
        const o = await run('installed');
        outcomes.push({ ...o, mode: 'bypass, workspace env planted' });
        const explain = (r) =>
          `${r.guard}: ${r.result} (exit ${r.exit}); hook: ${JSON.stringify(r.hookAnswers)}; tool results: ${JSON.stringify(r.toolResults)}; stderr: ${r.stderrTail?.slice(-600)}`;
        const c = await run('none');
        outcomes.push({ ...c, mode: 'bypass, workspace env planted' });
        assert.equal(c.result, 'ran', `without AgentGuard the planted PATH must reach the command: ${explain(c)}`);
        assert.ok(
          c.toolResults.some((r) => r.includes('PLANTED-GIT-RAN')),
          `the planted git ran: ${explain(c)}`,
        );
        assert.equal(o.result, 'stopped', `with AgentGuard the call must not run under the planted env: ${explain(o)}`);
      });
    }
    if (hostId === 'gemini' && scenarioIds.includes('workspace-env-above')) {
      // Gemini CLI loads the first `.gemini/.env` or `.env` up from the workspace, to the filesystem root, and hands
      // each unset variable to its shell commands (docs/hosts.md): one in the folder above the workspace, written
      // after install, naming a BASH_ENV script, makes the next call refused instead of run. Without AgentGuard the
      // shell sources the script: the parent's `.env` reaches the command.
      test('yolo: a .env above the workspace (BASH_ENV) planted after install: the next command is refused, not run', async () => {
        const planting = { ...host, beforeRun: (ctx) => WORKSPACE_ENV_ABOVE.plant(ctx) };
        let sourced = false;
        const run = (guard) =>
          runScenario({
            info,
            model,
            hostId,
            host: {
              ...planting,
              afterRun: (ctx) => {
                sourced = fs.existsSync(ctx.markers.bashEnv);
              },
            },
            mode: 'yolo',
            scenarioId: 'workspace-env-above',
            scenario: WORKSPACE_ENV_ABOVE,
            guard,
            capture: guard === 'installed',
          });
        const explain = (r) =>
          `${r.guard}: ${r.result} (exit ${r.exit}); hook: ${JSON.stringify(r.hookAnswers)}; tool results: ${JSON.stringify(r.toolResults)}; stderr: ${r.stderrTail?.slice(-600)}`;
        const c = await run('none');
        outcomes.push({ ...c, mode: 'yolo, .env above planted' });
        assert.equal(c.result, 'ran', `without AgentGuard the routine command runs: ${explain(c)}`);
        assert.ok(sourced, `the parent's .env reached the command: its BASH_ENV was sourced: ${explain(c)}`);
        const o = await run('installed');
        outcomes.push({ ...o, mode: 'yolo, .env above planted' });
        assert.equal(o.result, 'stopped', `with AgentGuard the call must not run under the planted env: ${explain(o)}`);
      });
    }
    if (hostId === 'codex' && scenarioIds.includes('secret')) {
      // As a user has it after `agentguard install --codex`: nobody reviewed the hook in Codex's /hooks.
      // (The token read: Codex refuses rm -rf and the PocketOS curl by itself.)
      test(
        'yolo: read .env (a token), hook installed but not trusted in Codex',
        { todo: KNOWN['codex/untrusted/secret'] },
        async () => {
          const scenario = SCENARIOS.secret;
          const o = await runScenario({
            info,
            model,
            hostId,
            host,
            mode: 'yolo',
            scenarioId: 'secret',
            scenario,
            guard: 'installed',
            capture,
            codexHookTrust: false,
          });
          outcomes.push({ ...o, mode: 'yolo, hook untrusted' });
          assert.equal(
            o.result,
            'stopped',
            `Codex ran the call without asking the untrusted hook: ${JSON.stringify(o.toolResults)}`,
          );
        },
      );
    }
    if (hostId === 'qwen' && scenarioIds.includes('rm-rf')) {
      // Qwen Code's own execution sandbox turns its hooks off: with it on, the
      // hook install wired is never called and the call runs. AgentGuard never
      // turns it on; where a user has, doctor must fail saying so.
      test('yolo: rm -rf with its own execution sandbox on runs unjudged, and doctor says so', async () => {
        let doctor;
        const sandboxed = {
          ...host,
          userSettings: (ctx) => {
            const files = host.userSettings(ctx);
            // MCP servers are refused in that mode (Qwen exits at start).
            const settings = {
              ...files['.qwen/settings.json'],
              tools: { executionSandbox: { backend: 'bwrap', filesystem: 'workspace-write', network: 'open' } },
            };
            delete settings.mcpServers;
            return { ...files, '.qwen/settings.json': settings };
          },
          afterRun: (ctx) => {
            host.afterRun?.(ctx);
            doctor = spawnSync(ctx.nodeBin, [path.join(ctx.sandbox, 'agentguard', 'dist', 'cli.js'), 'doctor'], {
              cwd: ctx.ws,
              encoding: 'utf8',
              env: {
                PATH: `${path.dirname(ctx.nodeBin)}:/usr/bin:/bin`,
                HOME: ctx.home,
                XDG_STATE_HOME: path.join(ctx.home, '.local', 'state'),
                TMPDIR: ctx.tmp,
              },
            });
          },
        };
        const o = await runScenario({
          info,
          model,
          hostId,
          host: sandboxed,
          mode: 'yolo',
          scenarioId: 'rm-rf',
          scenario: SCENARIOS['rm-rf'],
          guard: 'installed',
          capture: true,
        });
        outcomes.push({ ...o, mode: 'yolo, its execution sandbox on' });
        const explain = `${o.result} (exit ${o.exit}); hook: ${JSON.stringify(o.hookAnswers)}; tool results: ${JSON.stringify(o.toolResults)}; stderr: ${o.stderrTail?.slice(-600)}`;
        assert.deepEqual(o.hookAnswers, [], `Qwen Code called the hook after all: ${explain}`);
        assert.equal(o.result, 'ran', `the call runs unjudged: ${explain}`);
        assert.equal(doctor?.status, 1, `doctor must fail: ${doctor?.stdout}`);
        assert.match(
          doctor.stdout,
          /^sandbox {4}qwen {8}FAIL on: Qwen Code: its execution sandbox is on .*AgentGuard is never called/m,
        );
      });
    }
  });
}
