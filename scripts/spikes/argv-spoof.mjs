#!/usr/bin/env node
// Shows why /proc/PID/cmdline and /proc/PID/environ are not proof of what a
// process was started with (docs/design/exec-identity.md). A Node process is
// started the way an attacker would start it, with code of its own loaded
// before a stand-in editor entry point:
//   argv: node --import THIS_FILE ENTRY
//   env:  NODE_OPTIONS=--import=THIS_FILE node ENTRY
// and the loaded code then rewrites its own argument and environment memory
// through /proc/self/mem (the ranges are in /proc/self/stat), leaving
// `node ENTRY` and an environment without NODE_OPTIONS. The script prints
// both files before and after, and, given the built check (--check
// out/src/core/launcher/runsCode.js) and run as root, what AgentGuard's
// content check says of the process before and after.
//
//   node scripts/spikes/argv-spoof.mjs [--uid N] [--check PATH] [--hold SECONDS]
//
// --uid runs the spoofing process as that user (root only; the stand-in
// build is then root's, out of that user's reach, as an installed editor's
// is). --hold keeps it alive that long after the rewrite (to look at it from
// elsewhere, e.g. an audit log). Linux only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
/** Variables an attacker would hide: those the content check refuses. */
const HIDE = /^(NODE_OPTIONS|LD_PRELOAD|LD_AUDIT|LD_LIBRARY_PATH|NODE_PATH|ELECTRON_RUN_AS_NODE)=/;

/** arg_start, arg_end, env_start, env_end of this process (fields 48-51 of /proc/self/stat). */
function memoryRanges() {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3
  return [45, 46, 47, 48].map((i) => Number(fields[i]));
}

/** Writes `list` NUL-separated over [start, end), the rest NULs (empty strings to a reader that drops them). */
function overwrite(fd, start, end, list) {
  const buf = Buffer.alloc(end - start);
  const text = Buffer.from(list.map((s) => `${s}\0`).join(''));
  if (text.length > buf.length) throw new Error('replacement longer than the original');
  text.copy(buf);
  fs.writeSync(fd, buf, 0, buf.length, start);
}

/** Preloaded into the spoofing process: rewrite argv and environ when told to, then say so. */
function spoofWhenTold() {
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', () => {
    const [argStart, argEnd, envStart, envEnd] = memoryRanges();
    const argv0 = fs.readFileSync('/proc/self/cmdline', 'utf8').split('\0')[0];
    const env = fs.readFileSync('/proc/self/environ', 'utf8').split('\0').filter(Boolean);
    const fd = fs.openSync('/proc/self/mem', 'r+');
    try {
      overwrite(fd, argStart, argEnd, [argv0, process.argv[1]]);
      overwrite(
        fd,
        envStart,
        envEnd,
        env.filter((kv) => !HIDE.test(kv)),
      );
    } finally {
      fs.closeSync(fd);
    }
    process.stdout.write('rewritten\n');
  });
  process.stdout.write('ready\n');
}

function option(name) {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

const shown = (file) => JSON.stringify(fs.readFileSync(file, 'latin1').split('\0').filter(Boolean));
const envShown = (pid) =>
  JSON.stringify(
    fs
      .readFileSync(`/proc/${pid}/environ`, 'latin1')
      .split('\0')
      .filter((kv) => /^(NODE_OPTIONS|LD_|ELECTRON)/.test(kv)),
  );

function waitFor(child, word) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no "${word}" from the child`)), 10_000);
    const onData = (d) => {
      seen += d;
      if (seen.includes(word)) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
  });
}

async function main() {
  const uid = option('--uid') === undefined ? undefined : Number(option('--uid'));
  const check = option('--check');
  const hold = Number(option('--hold') ?? 0);
  if (uid !== undefined && process.getuid() !== 0) throw new Error('--uid needs root');
  // A stand-in VS Code build: product.json and out/bootstrap-fork.js, root's when run as root.
  const build = fs.mkdtempSync(path.join(os.tmpdir(), 'argv-spoof-'));
  fs.chmodSync(build, 0o755);
  fs.mkdirSync(path.join(build, 'out'), { mode: 0o755 });
  fs.writeFileSync(path.join(build, 'product.json'), '{}\n', { mode: 0o644 });
  const entry = path.join(build, 'out', 'bootstrap-fork.js');
  fs.writeFileSync(entry, '// stands in for an editor entry point\n', { mode: 0o644 });
  // The attacker's code: a copy of this file, the attacker's own.
  const inject = path.join(build, 'inject.mjs');
  fs.copyFileSync(SELF, inject);
  fs.chmodSync(inject, 0o644);
  if (uid !== undefined) fs.chownSync(inject, uid, uid);
  const runsCode = check ? (await import(pathToFileURL(path.resolve(check)).href)).default : undefined;
  const reacher = { uid: uid ?? process.getuid(), gids: uid === undefined ? process.getgroups() : [uid] };
  const variants = {
    argv: { args: [`--import=${inject}`, entry], env: {} },
    env: { args: [entry], env: { NODE_OPTIONS: `--import=${inject}` } },
  };
  try {
    for (const [name, v] of Object.entries(variants)) {
      const child = spawn(process.execPath, v.args, {
        argv0: 'node',
        env: { PATH: '/usr/bin:/bin', ...v.env },
        stdio: ['pipe', 'pipe', 'inherit'],
        ...(uid === undefined ? {} : { uid, gid: uid }),
      });
      child.stdout.setEncoding('utf8');
      try {
        await waitFor(child, 'ready');
        const verdict = () =>
          runsCode ? (runsCode.processCodeReachable(child.pid, process.execPath, reacher) ?? 'passes') : 'not run';
        process.stdout.write(`[${name}] pid ${child.pid}\n`);
        process.stdout.write(`  before: cmdline ${shown(`/proc/${child.pid}/cmdline`)}\n`);
        process.stdout.write(`          environ ${envShown(child.pid)}\n`);
        process.stdout.write(`          check: ${verdict()}\n`);
        child.stdin.write('go\n');
        await waitFor(child, 'rewritten');
        process.stdout.write(`  after:  cmdline ${shown(`/proc/${child.pid}/cmdline`)}\n`);
        process.stdout.write(`          environ ${envShown(child.pid)}\n`);
        process.stdout.write(`          check: ${verdict()}\n`);
        if (hold > 0) await new Promise((r) => setTimeout(r, hold * 1000));
      } finally {
        child.kill();
      }
    }
  } finally {
    fs.rmSync(build, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  main().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exitCode = 1;
  });
} else {
  spoofWhenTold();
}
