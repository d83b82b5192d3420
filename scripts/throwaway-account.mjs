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
//   node scripts/throwaway-account.mjs --unit [--OPTION...] [FILE...]   node --test on FILEs (default: every unit test)
//
// Linux with bubblewrap only; elsewhere the command runs as is, with a warning.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
if (command[0] === '--unit') {
  // Options (`--test-name-pattern=…`) go to node --test; the rest are test files.
  const options = command.slice(1).filter((a) => a.startsWith('--'));
  const files = command.slice(1).filter((a) => !a.startsWith('--'));
  // The tests' account guard, loaded first in every test file (node --test hands --require on): a file
  // started after the account was lost stops before its first test instead of running in the real account.
  const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const guard = path.join(repo, 'out', 'test', 'unit', 'support', 'account.js');
  command = [
    process.execPath,
    ...(fs.existsSync(guard) ? ['--require', guard] : []),
    '--test',
    '--test-reporter=spec',
    ...options,
    ...(files.length ? files : ['out/test/unit/']),
  ];
}

const sandboxer = process.platform === 'linux' ? bwrap() : undefined;
if (!sandboxer) {
  process.stderr.write(
    `throwaway-account: ${process.platform === 'linux' ? 'bubblewrap is not installed' : `no throwaway account on ${process.platform}`}; running as your own account.\n`,
  );
  const r = spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-throwaway-account-')));
const home = path.join(root, 'home');
fs.mkdirSync(home, { recursive: true, mode: 0o700 });
fs.writeFileSync(path.join(root, 'passwd'), passwdWith(home), { mode: 0o644 });

const args = [
  '--dev-bind',
  '/',
  '/',
  ...privateEtc(path.join(root, 'passwd')),
  '--setenv',
  TESTS_ACCOUNT_ENV,
  home,
  '--',
  ...command,
];
const child = spawn(sandboxer, args, { stdio: 'inherit' });
const forward = (signal) => child.kill(signal);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
child.on('exit', (code, signal) => {
  fs.rmSync(root, { recursive: true, force: true });
  process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1));
});
