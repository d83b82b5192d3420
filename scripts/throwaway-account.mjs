#!/usr/bin/env node
// Runs a command as a throwaway account (the tests, the mutation run, the
// demo, the benchmarks): same user id, but a passwd entry whose home is a
// fresh folder. In a mount namespace of the command's own, bubblewrap shows
// a private /etc: a fresh folder holding each entry of the real one, and a
// copy of /etc/passwd with that entry.
//
// Why a private /etc, not a copy of the file bound over /etc/passwd: useradd
// (and an apt install that adds a system user) replaces /etc/passwd by
// renaming a new file over it, and the kernel detaches every mount whose
// mount point is a renamed-over file, in every namespace. Every process
// started afterwards would see the real account, and the tests' hooks would
// write into its state folder. A mount point in our own folder is never
// renamed over, so the account holds for the whole run.
//
// Why: AgentGuard's state folder (kill switch, rate limit, audit log) hangs
// from the account's home in the passwd entry, not from HOME, so an agent
// cannot escape it by handing the hook another HOME. Tests run the CLI with
// throwaway HOMEs and state folders (AGENTGUARD_STATE_DIR), which the CLI
// honours only once confirmed as a human's editor or `agentguard install`
// confirms them (core/state confirmStateRelocation): the harnesses do so
// (test/unit/support/account.ts confirmedState), in this account's default
// state folder, a fresh one under the temp folder, removed at the end. A test
// that forgets to confirm its folder lands in that throwaway default (and
// the hook says it ignored the folder), never in the real account's state.
// TESTS_ACCOUNT_ENV tells the tests' own guard (test/unit/support/account.ts)
// that they run this way.
//
//   node scripts/throwaway-account.mjs COMMAND [ARG...]
//   node scripts/throwaway-account.mjs --unit [--shards N|auto] [--OPTION...] [FILE...]
//       node --test on FILEs (default: every unit test)
//
// A unit run also has a network namespace of its own (only its loopback):
// the hook looks for the editors' judge channels among every Unix socket it
// can list, so a judge another run started (a mutant's tests beside
// another's) would otherwise be found, and its silence read as this test's
// failure. `--shards N` splits the files among N such runs at once, each its
// own account and network (`auto`: one a processor, at most 4): one run's
// files go one at a time and keep a processor about half idle while they
// wait on the processes they start. The shards take files from one queue
// (scripts/unit-queue.mjs), so they end together.
//
// Linux with bubblewrap only; elsewhere the command runs as is, with a warning.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eachLine } from './eachLine.mjs';

const TESTS_ACCOUNT_ENV = 'AGENTGUARD_TESTS_ACCOUNT_HOME';

function usage() {
  process.stderr.write('usage: node scripts/throwaway-account.mjs COMMAND [ARG...] | --unit [FILE...]\n');
  process.exit(64);
}

function bwrap() {
  for (const p of ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap']) if (fs.existsSync(p)) return p;
  return undefined;
}

/** /etc/passwd with this user's entry pointing at `home` (added when the user has none). */
function passwdWith(home) {
  const uid = process.getuid();
  const gid = process.getgid();
  const lines = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  let found = false;
  const out = lines.map((line) => {
    const f = line.split(':');
    if (f.length < 7 || Number(f[2]) !== uid || found) return line;
    found = true;
    f[5] = home;
    return f.join(':');
  });
  if (!found) out.push(`agentguard-tests:x:${uid}:${gid}:AgentGuard tests:${home}:/bin/sh`);
  return out.join('\n') + '\n';
}

/**
 * bubblewrap's arguments that show at /etc a private folder holding the real
 * /etc's entries, each bound from it (a folder stays current; a file replaced
 * by rename keeps its old text), and `passwd`. `--dev-bind-try`: an entry
 * removed since it was listed is left out.
 */
function privateEtc(passwd) {
  const args = ['--tmpfs', '/etc'];
  for (const name of fs.readdirSync('/etc').sort()) {
    if (name === 'passwd') continue;
    const entry = path.join('/etc', name);
    let link;
    try {
      link = fs.lstatSync(entry).isSymbolicLink() ? fs.readlinkSync(entry) : undefined;
    } catch {
      continue;
    }
    if (link !== undefined) args.push('--symlink', link, entry);
    else args.push('--dev-bind-try', entry, entry);
  }
  return [...args, '--ro-bind', passwd, '/etc/passwd'];
}

let command = process.argv.slice(2);
if (!command.length) usage();
/** The sharded unit run's queue folder, once made. */
let queue;
/** Each run: the command, and whether it gets a network namespace of its own. */
let runs = [{ command, ownNetwork: false }];
if (command[0] === '--unit') runs = unitRuns(command.slice(1));

/** The runs for `--unit ARGS`: the files, split among the shards asked for. */
function unitRuns(args) {
  const shardsAt = args.indexOf('--shards');
  let shards = 1;
  if (shardsAt !== -1) {
    const [, asked] = args.splice(shardsAt, 2);
    shards = asked === 'auto' ? Math.min(os.availableParallelism(), 4) : Number(asked);
    if (!Number.isInteger(shards) || shards < 1) {
      process.stderr.write(`throwaway-account: --shards wants a whole number or auto, not ${asked}\n`);
      process.exit(64);
    }
  }
  // Options (`--test-name-pattern=…`) go to node --test; the rest are test files.
  const options = args.filter((a) => a.startsWith('--'));
  const named = args.filter((a) => !a.startsWith('--'));
  // The tests' account guard, loaded first in every test file (node --test hands --require on): a file
  // started after the account was lost stops before its first test instead of running in the real account.
  const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const guard = path.join(repo, 'out', 'test', 'unit', 'support', 'account.js');
  const nodeTest = (files) => [
    process.execPath,
    ...(fs.existsSync(guard) ? ['--require', guard] : []),
    '--test',
    '--test-reporter=spec',
    ...options,
    ...files,
  ];
  if (shards === 1) return [{ command: nodeTest(named.length ? named : ['out/test/unit/']), ownNetwork: true }];
  const files = named.length
    ? named
    : testFiles(path.join(repo, 'out', 'test', 'unit')).map((f) => path.relative(repo, f));
  // One queue the shards take files from as they finish one (scripts/unit-queue.mjs): removed with the last run.
  queue = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-unit-queue-'));
  fs.writeFileSync(path.join(queue, 'files'), files.join('\n') + '\n');
  fs.mkdirSync(path.join(queue, 'claims'));
  const take = [
    process.execPath,
    ...(fs.existsSync(guard) ? ['--require', guard] : []),
    path.join(repo, 'scripts', 'unit-queue.mjs'),
    path.join(queue, 'files'),
    path.join(queue, 'claims'),
    ...options,
  ];
  return Array.from({ length: Math.min(shards, files.length) }, () => ({ command: take, ownNetwork: true }));
}

/** Every *.test.js under DIR, in path order. */
function testFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.js'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

const sandboxer = process.platform === 'linux' ? bwrap() : undefined;
if (!sandboxer) {
  process.stderr.write(
    `throwaway-account: ${process.platform === 'linux' ? 'bubblewrap is not installed' : `no throwaway account on ${process.platform}`}; running as your own account.\n`,
  );
  let status = 0;
  for (const run of runs) status ||= spawnSync(run.command[0], run.command.slice(1), { stdio: 'inherit' }).status ?? 1;
  process.exit(status);
}

/** Runs one command as a fresh throwaway account; its lines go out prefixed with LABEL when several run at once. */
function runAsThrowaway({ command: argv, ownNetwork }, label) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-throwaway-account-')));
  const home = path.join(root, 'home');
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(root, 'passwd'), passwdWith(home), { mode: 0o644 });
  const args = [
    ...(ownNetwork ? ['--unshare-net'] : []),
    '--dev-bind',
    '/',
    '/',
    ...privateEtc(path.join(root, 'passwd')),
    '--setenv',
    TESTS_ACCOUNT_ENV,
    home,
    '--',
    ...argv,
  ];
  const child = spawn(sandboxer, args, { stdio: label ? ['inherit', 'pipe', 'pipe'] : 'inherit' });
  if (label) {
    eachLine(child.stdout, (line) => process.stdout.write(`${label} ${line}\n`));
    eachLine(child.stderr, (line) => process.stderr.write(`${label} ${line}\n`));
  }
  const exited = new Promise((resolve) =>
    child.on('close', (code, signal) => {
      fs.rmSync(root, { recursive: true, force: true });
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1));
    }),
  );
  return { child, exited };
}

const started = runs.map((run, i) => runAsThrowaway(run, runs.length > 1 ? `[${i + 1}/${runs.length}]` : undefined));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    for (const { child } of started) child.kill(signal);
  });
const codes = await Promise.all(started.map((s) => s.exited));
if (queue) fs.rmSync(queue, { recursive: true, force: true });
if (runs.length > 1)
  process.stdout.write(
    `\nthrowaway-account: ${runs.length} shards, ${codes.every((c) => c === 0) ? 'all passed' : `FAILED (exit codes ${codes.join(', ')})`}\n`,
  );
process.exit(codes.find((c) => c !== 0) ?? 0);
