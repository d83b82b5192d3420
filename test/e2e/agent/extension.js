// A stand-in for an agent extension that has no hook (Roo Code, Continue): it
// runs what the end-to-end runner asks the way those agents do, from this
// extension host —
//   child_process.spawn('bash', ['-c', …], { env: process.env })   (Continue: $SHELL -l -c)
//   spawn(command, { shell: true, env: { ...process.env } })         (Roo Code's execa: /bin/sh -c)
//   a terminal it created, with sendText or shellIntegration.executeCommand (Roo Code's terminal)
//   a WorkspaceEdit, saved                                            (edits without a hook)
// The runner drops `<id>.json` into $HOME/.agentguard-e2e/agent; the result is
// written to `<id>.result`. At activation it records what its environment
// looked like: whether AgentGuard's gate was already in it.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const vscode = require('vscode');

const POLL_MS = 50;

function writeAtomically(file, value) {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(value));
  fs.renameSync(`${file}.tmp`, file);
}

function runChild(req) {
  return new Promise((resolve) => {
    const started = Date.now();
    const env = { ...process.env };
    const child =
      req.how === 'bash-c'
        ? spawn('bash', ['-c', req.command], { cwd: req.cwd, env })
        : spawn(req.command, { shell: true, cwd: req.cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (err) => resolve({ error: err.message }));
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout,
        stderr,
        ms: Date.now() - started,
        shell: req.how === 'bash-c' ? 'bash' : '/bin/sh',
      }),
    );
  });
}

const terminals = new Map();
// Executions started and not yet ended, per terminal (tracked from activation on).
const running = new Map();
// Lines sent with sendText whose execution VS Code has not reported starting yet, per terminal: a line sent just
// before an executeCommand may start after it was called, and its end would then be taken for the command's.
const unstarted = new Map();

function trackExecutions(context) {
  context.subscriptions.push(
    vscode.window.onDidStartTerminalShellExecution((e) => {
      if (!running.has(e.terminal)) running.set(e.terminal, new Set());
      running.get(e.terminal).add(e.execution);
      const waiting = unstarted.get(e.terminal) ?? 0;
      if (waiting > 0) unstarted.set(e.terminal, waiting - 1);
    }),
    vscode.window.onDidEndTerminalShellExecution((e) => running.get(e.terminal)?.delete(e.execution)),
  );
}

/** Resolves once every line sent has started and nothing runs in the terminal (or after timeoutMs). */
async function idle(terminal, timeoutMs) {
  const until = Date.now() + timeoutMs;
  const busy = () => (unstarted.get(terminal) ?? 0) > 0 || (running.get(terminal)?.size ?? 0) > 0;
  while (busy() && Date.now() < until) await new Promise((r) => setTimeout(r, POLL_MS));
  unstarted.delete(terminal);
}

function waitForIntegration(terminal, timeoutMs) {
  if (terminal.shellIntegration) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(undefined);
    }, timeoutMs);
    const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal !== terminal) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e.shellIntegration);
    });
  });
}

async function runInTerminal(req) {
  let terminal = terminals.get(req.name);
  if (!terminal || terminal.exitStatus) {
    terminal = vscode.window.createTerminal({
      name: req.name,
      shellPath: req.shellPath,
      cwd: req.cwd,
      iconPath: new vscode.ThemeIcon('rocket'),
    });
    terminals.set(req.name, terminal);
  }
  terminal.show(true);
  const integration = await waitForIntegration(terminal, 30_000);
  const pid = await terminal.processId;
  if (req.how === 'sendText') {
    if (integration) unstarted.set(terminal, (unstarted.get(terminal) ?? 0) + 1);
    terminal.sendText(req.command, true);
    return { sent: true, pid, integration: Boolean(integration) };
  }
  if (!integration) return { error: 'no shell integration in this terminal', pid };
  // A line sent earlier (sendText) may still be running, or its end may still be on its way: wait it out, so that
  // its end is never taken for this execution's (bounded: a line that never ends is the test's failure to see).
  await idle(terminal, 10_000);
  // Executions that start in this terminal from here on: ours, or (as agents that drive terminals do) the line
  // VS Code reports in its place: when AgentGuard's gate puts an inert line in place of a refused one, VS Code may
  // report that line's end as another execution.
  const startedSince = new Set();
  const started = vscode.window.onDidStartTerminalShellExecution((e) => {
    if (e.terminal === terminal) startedSince.add(e.execution);
  });
  const execution = integration.executeCommand(req.command);
  const exitCode = await new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve('timeout');
    }, req.timeoutMs ?? 180_000);
    const sub = vscode.window.onDidEndTerminalShellExecution((e) => {
      if (e.execution !== execution && !(e.terminal === terminal && startedSince.has(e.execution))) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e.exitCode ?? null);
    });
  });
  started.dispose();
  return { executed: true, pid, exitCode };
}

async function editFile(req) {
  const uri = vscode.Uri.file(req.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), req.text);
  const applied = await vscode.workspace.applyEdit(edit);
  const saved = applied ? await doc.save() : false;
  return { applied, saved };
}

exports.activate = function activate(context) {
  trackExecutions(context);
  const dir = path.join(process.env.HOME || '', '.agentguard-e2e', 'agent');
  fs.mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, 'activated.json'), {
    time: Date.now(),
    pid: process.pid,
    env: { PATH: process.env.PATH, BASH_ENV: process.env.BASH_ENV, ZDOTDIR: process.env.ZDOTDIR },
  });
  const seen = new Set();
  const timer = setInterval(() => {
    let names;
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.endsWith('.json') || name === 'activated.json' || seen.has(name)) continue;
      seen.add(name);
      const id = name.slice(0, -5);
      let req;
      try {
        req = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      } catch (err) {
        writeAtomically(path.join(dir, `${id}.result`), { error: `unreadable request: ${err.message}` });
        continue;
      }
      const work = req.kind === 'spawn' ? runChild(req) : req.kind === 'terminal' ? runInTerminal(req) : editFile(req);
      work.then(
        (result) => writeAtomically(path.join(dir, `${id}.result`), result),
        (err) => writeAtomically(path.join(dir, `${id}.result`), { error: err.message }),
      );
    }
  }, POLL_MS);
  context.subscriptions.push({ dispose: () => clearInterval(timer) });
};

exports.deactivate = function deactivate() {};
