// `npm run test:e2e`: the extension in a real VS Code.
//
//   1. installs the test host, or finds it in its cache (scripts/install-test-host.sh)
//   2. packages agentguard.vsix unless it is newer than every input
//   3. package:   the .vsix holds exactly what ships
//   4. extension tests: test/e2e/suite in the extension host, through
//      @vscode/test-electron's runTests() pointed at test/e2e/launcher.mjs
//      (code-server), or at $VSCODE_EXECUTABLE when a desktop VS Code exists
//   5. workbench: the .vsix installed in code-server, clicked in Chromium,
//      the release modal answered by its button, and real
//      `agentguard hook claude` processes answered through the approval modal
//   5b. service: the managed policy names an AgentGuard service, run as its
//      own OS user; the editor, run as the developer, shows its kill switch
//      flip when the developer or root engages and releases it from outside
//      the editor, and names who did; a hook during the halt is denied
//   6. policy: a loosened .agentguard.json is held back until a human clicks
//      "Apply loosening" in the real modal; agentguard.mode "monitor" written
//      into .vscode/settings.json waits for "Switch to monitor"; removed hook
//      entries and whole hook files come back
//   7. language server: a package.json with a risky script opened in the
//      workbench, its warning read from the Problems view
//   8. hosts: `agentguard hook windsurf` (a host that cannot ask) answered
//      through the same modal, in Windsurf's exit-code form
//   8b. real host: Claude Code itself (test/hosts-real), started from inside
//      the editor in its default mode, its Bash call answered in the modal
//   9. editor: Write/Edit/Bash hooks answered with the diff beside the modal,
//      the production badge, the queue, Always allow, Problems
//  10. terminal door: a stand-in agent extension without a hook runs rm -rf
//      ~/code through bash -c, /bin/sh -c and its own bash and zsh terminals
//      (modal, Deny, Allow), a human's terminal runs rm -rf dist silently, a
//      WorkspaceEdit of a protected migration is put back
//  11. field: the .vsix unpacked in a versioned folder, hooks run through the
//      launcher after an update, a moved Node, with no node on PATH, and
//      blocked in each host's form once no AgentGuard is left; hooks an
//      older version wrote repaired when the extension starts
//
// Logs and screenshots go to test-output/e2e/. Exits non-zero if anything
// failed. AGENTGUARD_E2E_KEEP=1 keeps the throwaway profiles for a look.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createSandbox, copyWorkspace, ensureTestHost, log, outputRoot, repoRoot, seconds } from './lib/host.mjs';
import { ensureFreshTestBuild, ensureFreshVsix } from './lib/vsix.mjs';

const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'));
const Mocha = requireFromRepo('mocha');
const { runTests } = requireFromRepo('@vscode/test-electron');

const RUN_TIMEOUT_MS = Number(process.env.AGENTGUARD_E2E_RUN_TIMEOUT_MS ?? 30 * 60_000);
const e2eDir = path.join(repoRoot, 'test', 'e2e');
const results = [];

async function phase(name, body) {
  console.log(`\n=== ${name}`);
  const t0 = Date.now();
  let ok = false;
  try {
    ok = await body();
  } catch (err) {
    console.error(err.stack ?? err.message);
  }
  results.push({ name, ok, ms: Date.now() - t0 });
  log(`${name}: ${ok ? 'passed' : 'FAILED'} in ${seconds(Date.now() - t0)}`);
  return ok;
}

// AGENTGUARD_E2E_ONLY=realhost.test.mjs,suite runs only those suites (`suite`: the extension tests).
const only = process.env.AGENTGUARD_E2E_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);

async function runMocha(file, options = {}) {
  if (only && !only.includes(file)) return log(`${file}: not in AGENTGUARD_E2E_ONLY`) ?? true;
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    timeout: 60_000,
    color: Boolean(process.stdout.isTTY),
    ...options,
  });
  mocha.addFile(path.join(e2eDir, file));
  await mocha.loadFilesAsync();
  const failures = await new Promise((resolve) => mocha.run(resolve));
  mocha.dispose();
  return failures === 0;
}

async function extensionTests() {
  if (only && !only.includes('suite')) return log('extension tests: not in AGENTGUARD_E2E_ONLY') ?? true;
  const label = 'extension-tests';
  const sandbox = createSandbox(label);
  try {
    const workspace = copyWorkspace(sandbox, path.join(repoRoot, 'test', 'fixtures', 'workspace'));
    const launcher = path.join(e2eDir, 'launcher.mjs');
    // A checkout without the executable bit (some archives, some editors)
    // would otherwise fail with a bare EACCES.
    fs.chmodSync(launcher, 0o755);
    const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE || launcher;
    log(
      `runTests() with ${vscodeExecutablePath === launcher ? 'the code-server launcher' : `VSCODE_EXECUTABLE=${vscodeExecutablePath}`}`,
    );
    const code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${sandbox.userData}`, `--extensions-dir=${sandbox.extensions}`],
      extensionTestsEnv: {
        AGENTGUARD_STATE_DIR: path.join(sandbox.state, 'agentguard'),
        AGENTGUARD_E2E_LABEL: label,
        AGENTGUARD_E2E_OUTPUT: outputRoot,
      },
    });
    return code === 0;
  } finally {
    sandbox.dispose();
  }
}

async function main() {
  const watchdog = setTimeout(() => {
    console.error(`end-to-end run exceeded ${seconds(RUN_TIMEOUT_MS)}; stopping`);
    process.exit(1);
  }, RUN_TIMEOUT_MS);
  watchdog.unref();

  fs.rmSync(outputRoot, { recursive: true, force: true });
  fs.mkdirSync(outputRoot, { recursive: true });

  const prepared = await phase('prepare: test host and package', () => {
    const host = ensureTestHost();
    log(`test host ${host.key} ready in ${seconds(host.installMs)}`);
    ensureFreshVsix();
    ensureFreshTestBuild();
    return true;
  });
  if (prepared) {
    await phase('package: agentguard.vsix contents', () => runMocha('package.test.mjs'));
    await phase('extension tests: test/e2e/suite in the extension host (@vscode/test-electron)', extensionTests);
    await phase('workbench: .vsix installed, status bar clicked, modals answered, hooks approved (Playwright)', () =>
      runMocha('workbench.test.mjs'),
    );
    await phase(
      'service: the status bar shows the kill switch the AgentGuard service keeps, engaged and released outside the editor (Playwright)',
      () => runMocha('service.test.mjs'),
    );
    await phase(
      'policy: a loosened .agentguard.json or a switch to monitor mode waits for a human click (Playwright)',
      () => runMocha('policy.test.mjs'),
    );
    await phase('language server: a risky package.json script in the Problems view (Playwright)', () =>
      runMocha('lsp.test.mjs'),
    );
    await phase("hosts: a Windsurf hook (no ask of its own) answered through the editor's modal (Playwright)", () =>
      runMocha('hosts.test.mjs'),
    );
    await phase(
      "real host: Claude Code's own program asks through the modal; Allow runs the command once, Deny never (Playwright)",
      () => runMocha('realhost.test.mjs'),
    );
    await phase('editor: diff beside the modal, environment badge, queue, Always allow, Problems (Playwright)', () =>
      runMocha('editor.test.mjs'),
    );
    await phase(
      'terminal door: an agent extension without a hook, its shells and terminals gated, a protected file put back (Playwright)',
      () => runMocha('terminal.test.mjs'),
    );
    await phase(
      'field: the packaged extension through an update, a moved Node, no Node and no AgentGuard; old hooks repaired on activation (Playwright)',
      () => runMocha('field.test.mjs'),
    );
  }

  console.log('\n=== summary');
  for (const { name, ok, ms } of results) console.log(`${ok ? 'PASS' : 'FAIL'}  ${seconds(ms).padStart(8)}  ${name}`);
  console.log(`logs and screenshots: ${path.relative(process.cwd(), outputRoot) || '.'}`);
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
