// The status bar on a team's machine: the managed policy names an AgentGuard
// service (`install --managed --service`), which keeps the kill switch under
// its own OS user. The service runs as that user, the editor (code-server,
// so the extension host) as the developer, and the switch is engaged and
// released from outside the editor — by the developer's own `agentguard
// service engage` and by root's `service engage --user` — while Chromium
// shows the status bar flip within a few seconds and its tooltip name who
// did it. A hook during the halt is denied by the service's switch.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import { TIMEOUTS, log, pollUntil, seconds } from './lib/host.mjs';
import { claudeBashPayload } from './lib/hook.mjs';
import { CANNOT_RUN, makeServiceMachine } from './lib/serviceMachine.mjs';
import { EXTENSION_ID, SETUP_TIMEOUT, fixtureWorkspace, useWorkbench } from './lib/workbench.mjs';

const KILL_SWITCH_ITEM = `[id="${EXTENSION_ID}.agentguard.killSwitch"]`;
/** A newline-JSON client: sends `line` after the service's hello, prints every line it answers. */
const RAW_APPROVAL = `
const [socket, line] = process.argv.slice(1);
const c = require('node:net').createConnection(socket);
let greeted = false;
c.setEncoding('utf8');
c.on('data', (d) => { process.stdout.write(d); if (!greeted) { greeted = true; c.write(line + '\\n'); } });
c.on('error', (e) => { process.stderr.write(String(e.code || e.message)); process.exit(3); });
c.on('close', () => process.exit(0));
setTimeout(() => process.exit(4), 5000);
`;
// The status bar asks the service every 2 s (extension/killSwitch.ts): a flip shows within one poll and the ask.
const FLIP_WITHIN_MS = 8_000;

if (CANNOT_RUN) log(`service: skipped (${CANNOT_RUN})`);

(CANNOT_RUN ? suite.skip : suite)(
  'Service: the status bar shows the kill switch the AgentGuard service keeps',
  function () {
    this.bail(true);

    let machine;
    let cli;
    const w = useWorkbench('service', {
      prepare(session) {
        const workspace = fixtureWorkspace(session);
        machine = makeServiceMachine(session.sandbox, session.host);
        session.wrapServer = (argv) => machine.wrap(argv, machine.dev);
        return workspace;
      },
      beforeDispose: () => machine?.dispose(),
    });

    /** The packaged extension's own CLI, as the developer (or root, `as: null`) runs it. */
    const agentguard = (args, { as = machine.dev, input } = {}) =>
      machine.run([machine.node, cli, ...args], { as: as ?? undefined, input });

    const statusText = async () => (await w.page.locator(KILL_SWITCH_ITEM).innerText({ timeout: TIMEOUTS.ui })).trim();

    /** Waits until the item reads `text` with `icon`; returns how long after `since` it did. */
    async function waitForStatus(text, icon, { since = Date.now(), timeout = TIMEOUTS.ui } = {}) {
      await pollUntil(
        async () =>
          (await statusText()) === text && (await w.page.locator(`${KILL_SWITCH_ITEM} .codicon-${icon}`).count()) === 1,
        {
          timeout,
          interval: 50,
          what: async () => `the status bar to read "${text}" (it reads "${await statusText().catch(() => '?')}")`,
        },
      );
      return Date.now() - since;
    }

    /** The item's hover as a human reads it. */
    async function tooltip() {
      await w.page.mouse.move(700, 300);
      await w.page.locator(KILL_SWITCH_ITEM).hover();
      const hover = w.page.locator('.monaco-hover', { hasText: 'AgentGuard service' }).first();
      await hover.waitFor({ state: 'visible', timeout: TIMEOUTS.ui });
      return { hover, text: (await hover.innerText()).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ') };
    }

    /** A Claude Code Bash hook as the developer: Claude's decision (`defer` when AgentGuard adds none). */
    async function hookDecision(command) {
      const payload = claudeBashPayload({ command, cwd: w.workspace, home: w.sandbox.home });
      const r = await agentguard(['hook', 'claude'], { input: JSON.stringify(payload) });
      assert.equal(r.code, 0, r.stderr);
      const out = r.stdout.trim() ? JSON.parse(r.stdout) : {};
      const specific = out.hookSpecificOutput;
      return specific
        ? { decision: specific.permissionDecision, reason: specific.permissionDecisionReason }
        : { decision: 'defer', reason: '' };
    }

    suiteSetup(async function () {
      this.timeout(SETUP_TIMEOUT);
      w.installVsix();
      const folder = fs.readdirSync(w.sandbox.extensions).find((n) => n.startsWith(`${EXTENSION_ID}-`));
      cli = path.join(w.sandbox.extensions, folder, 'dist', 'cli.js');
      const serviceCli = machine.giveToDeveloper(path.join(w.sandbox.extensions, folder));
      const prepared = await agentguard(['service', 'prepare', '--user', machine.dev.name], { as: null });
      assert.equal(prepared.code, 0, prepared.stderr);
      await machine.startService(serviceCli, path.join(w.outDir, 'service.log'));
      log(
        `service: ${machine.svc.name} (uid ${machine.svc.uid}) listens for ${machine.dev.name} (uid ${machine.dev.uid})`,
      );
      await w.startWorkbench();
    });

    test("the editor, run as the developer, shows the service's released switch and says who keeps it", async function () {
      this.timeout(TIMEOUTS.activation + 2 * TIMEOUTS.ui);
      await w.page.locator(KILL_SWITCH_ITEM).waitFor({ state: 'visible', timeout: TIMEOUTS.activation });
      await waitForStatus('AgentGuard', 'shield');
      const { text } = await tooltip();
      assert.match(text, new RegExp(`kill switch is kept by the AgentGuard service \\(user ${machine.svc.name}\\)`));
      await pollUntil(() => /the AgentGuard service's kill switch: released/.test(w.channelLog()), {
        what: "the output channel to log the service's answer",
      });
      log(`status bar: "${await statusText()}"; tooltip: ${text}`);
    });

    test("only the editor records a human's answer: its extension host's confirmation is kept, a script of the developer is refused", async function () {
      this.timeout(3 * TIMEOUTS.ui);
      const status = await agentguard(['service', 'status', '--json']);
      assert.equal(JSON.parse(status.stdout).reply.recorders, 'editor', status.stdout + status.stderr);
      // A policy that only tightens becomes the confirmed floor: the extension host sends it to the service unasked.
      const policy = JSON.stringify({
        rules: [{ match: 'make release*', decision: 'deny', reason: 'releases go through CI' }],
      });
      const file = path.join(w.workspace, '.agentguard.json');
      const wrote = await machine.run(['sh', '-c', `printf '%s\\n' '${policy}' > "$0"`, file], { as: machine.dev });
      assert.equal(wrote.code, 0, wrote.stderr);
      const kept = path.join(machine.stateDir, 'users', String(machine.dev.uid), 'audit.jsonl');
      const keptLog = () => (fs.existsSync(kept) ? fs.readFileSync(kept, 'utf8') : '');
      await pollUntil(() => /"event":"policy\.confirmed"/.test(keptLog()), {
        timeout: TIMEOUTS.ui,
        what: "the service to keep the confirmation the editor's extension host sent",
      });
      // The same socket, another process of the developer (what an agent runs): an approval it sends is refused.
      const line = JSON.stringify({ op: 'approval', digest: 'ab'.repeat(32), decision: 'allow' });
      const r = await machine.run([machine.node, '-e', RAW_APPROVAL, machine.socket, line], { as: machine.dev });
      assert.match(
        r.stdout,
        /only the editor records a human's answer, and process \d+ was not started by the editor's main process/,
        r.stdout + r.stderr,
      );
      assert.doesNotMatch(keptLog(), /"event":"approval\.recorded"/);
      log(
        `service: the extension host's confirmation kept; a developer script refused: ${r.stdout.trim().split('\n').pop()}`,
      );
      fs.rmSync(file);
    });

    test('the developer engages it from a terminal: the status bar halts within seconds and names them', async function () {
      this.timeout(3 * TIMEOUTS.ui);
      const r = await agentguard(['service', 'engage', '--reason', 'checking a deploy']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^kill switch: ENGAGED by user: checking a deploy \(kept by the service\)$/m);
      const took = await waitForStatus('Agents halted', 'circle-slash', { timeout: FLIP_WITHIN_MS });
      log(`status bar halted ${seconds(took)} after \`agentguard service engage\` returned`);
      const { text } = await tooltip();
      assert.match(text, /was engaged by you at \S+: checking a deploy\./);
      assert.match(text, /Releasing needs an administrator/);
    });

    test("a hook during the halt is denied, and the developer's own release is refused", async function () {
      this.timeout(3 * TIMEOUTS.ui);
      const d = await hookDecision('ls -la');
      assert.equal(d.decision, 'deny', JSON.stringify(d));
      // The service's switch, with the reason given to the service: not some local file.
      assert.match(d.reason, /kill switch is engaged \(checking a deploy\)/, d.reason);
      log(`hook during the halt: ${d.decision}: ${d.reason.split('\n')[0]}`);
      const release = await agentguard(['service', 'release']);
      assert.equal(release.code, 77, release.stdout + release.stderr);
      assert.match(release.stderr, /only an administrator may release the kill switch/);
      await new Promise((r) => setTimeout(r, 2_500));
      assert.equal(await statusText(), 'Agents halted', 'a refused release changes nothing');
    });

    test('root releases it: the shield comes back within seconds and hooks run again', async function () {
      this.timeout(3 * TIMEOUTS.ui);
      const r = await agentguard(['service', 'release', '--user', machine.dev.name], { as: null });
      assert.equal(r.code, 0, r.stderr);
      const took = await waitForStatus('AgentGuard', 'shield', { timeout: FLIP_WITHIN_MS });
      log(`status bar released ${seconds(took)} after \`sudo agentguard service release\` returned`);
      const d = await hookDecision('ls -la');
      assert.notEqual(d.decision, 'deny', JSON.stringify(d));
    });

    test('an administrator engages it: the tooltip names an administrator and the reason', async function () {
      this.timeout(4 * TIMEOUTS.ui);
      const reason = 'incident 4711: a leaked deploy token is being rotated';
      const r = await agentguard(['service', 'engage', '--user', machine.dev.name, '--reason', reason], { as: null });
      assert.equal(r.code, 0, r.stderr);
      const took = await waitForStatus('Agents halted', 'circle-slash', { timeout: FLIP_WITHIN_MS });
      log(`status bar halted ${seconds(took)} after root's \`service engage\` returned`);
      const { hover, text } = await tooltip();
      assert.match(text, new RegExp(`was engaged by an administrator at \\S+: ${reason}\\.`));
      const bar = await w.page.locator('.part.statusbar').boundingBox();
      const tip = await hover.boundingBox();
      const top = Math.min(tip.y, bar.y) - 8;
      await w.screenshot('service-halted', w.page, {
        clip: { x: 0, y: top, width: Math.max(560, tip.x + tip.width + 8), height: bar.y + bar.height - top + 4 },
      });
      const released = await agentguard(['service', 'release', '--user', machine.dev.name], { as: null });
      assert.equal(released.code, 0, released.stderr);
      await waitForStatus('AgentGuard', 'shield', { timeout: FLIP_WITHIN_MS });
    });
  },
);
