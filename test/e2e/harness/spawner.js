// Starts agent hooks from inside the extension host, so they descend from
// the editor as a real agent's hooks do (an agent extension, or a terminal
// of the editor): the approval channel verifies exactly that. The runner
// drops `<id>.json` ({argv, payload, cwd, env}) into the request folder; this
// writes `<id>.pid`, `<id>.out`, `<id>.err` and finally `<id>.exit`
// ({code, signal}); a `<id>.kill` file ends the hook.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const POLL_MS = 50;

function writeAtomically(file, text) {
  fs.writeFileSync(`${file}.tmp`, text);
  fs.renameSync(`${file}.tmp`, file);
}

exports.startSpawner = function startSpawner(dir, report) {
  fs.mkdirSync(dir, { recursive: true });
  const running = new Map();
  const seen = new Set();
  const tick = () => {
    let names;
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.endsWith('.kill')) {
        const child = running.get(name.slice(0, -5));
        if (child) child.kill('SIGKILL');
        continue;
      }
      if (!name.endsWith('.json') || seen.has(name)) continue;
      seen.add(name);
      const id = name.slice(0, -5);
      let req;
      try {
        req = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      } catch (err) {
        writeAtomically(
          path.join(dir, `${id}.exit`),
          JSON.stringify({ code: null, signal: null, error: `unreadable request: ${err.message}` }),
        );
        continue;
      }
      const base = path.join(dir, id);
      const started = process.hrtime.bigint();
      const child = spawn(req.argv[0], req.argv.slice(1), {
        cwd: req.cwd,
        env: req.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      running.set(id, child);
      child.stdout.on('data', (d) => fs.appendFileSync(`${base}.out`, d));
      child.stderr.on('data', (d) => fs.appendFileSync(`${base}.err`, d));
      child.on('error', (err) => fs.appendFileSync(`${base}.err`, `spawn failed: ${err.message}\n`));
      child.on('close', (code, signal) => {
        running.delete(id);
        // How long the hook took, spawn to close, as its host would see it.
        writeAtomically(
          `${base}.exit`,
          JSON.stringify({ code, signal, hookMs: Number(process.hrtime.bigint() - started) / 1e6 }),
        );
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(typeof req.payload === 'string' ? req.payload : JSON.stringify(req.payload));
      writeAtomically(`${base}.pid`, JSON.stringify({ pid: child.pid, parent: process.pid }));
      report('hook-spawned', { id, pid: child.pid, parent: process.pid });
    }
  };
  const timer = setInterval(tick, POLL_MS);
  return { dispose: () => clearInterval(timer) };
};
