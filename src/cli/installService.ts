// `agentguard install --managed --service` (root): sets up the AgentGuard
// service the managed policy names — its OS user (`useradd --system`), its
// state folder (0700, that user's), the socket folders (`service prepare`),
// and the service manager's definition (systemd unit on Linux, started when
// systemd runs; a launchd daemon on macOS and a Windows service script,
// written for the administrator). The runtime and the CLI the service runs
// must be files only root can write: a service that runs code a developer
// can rewrite would keep nothing from that developer.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serviceConfig } from '../core/frontdoor/records';
import { polkitAction, polkitActionFile } from '../core/frontdoor/approvalProof';
import { examined, foldersUp } from '../core/frontdoor/launch';
import {
  launchdPlist,
  serviceUnitFile,
  systemdEnrolUnits,
  systemdUnit,
  windowsServiceScript,
  type ServiceUnitSpec,
} from '../core/frontdoor/setup';
import { accountNamed } from '../channels/service/users';

const say = (m: string) => process.stdout.write(`${m}\n`);
const fail = (m: string, code = 1) => {
  process.stderr.write(`agentguard install --managed --service: ${m}\n`);
  return code;
};

/** Why `file` is not something only root can change, or undefined when it is (it and every folder above it: root's, not writable by others). */
export function notRootOnly(file: string): string | undefined {
  const ex = examined(file);
  if ('problem' in ex) return ex.problem;
  const { real, st } = ex;
  const up = foldersUp(real);
  if ('problem' in up) return up.problem;
  for (const { dir: p, st: s } of [{ dir: real, st }, ...up.folders]) {
    if (s.uid !== 0) return `${p} belongs to uid ${s.uid}, not root`;
    if ((s.mode & 0o022) !== 0 && !(s.isDirectory() && s.mode & 0o1000)) return `${p} is writable by others than root`;
  }
  return undefined;
}

export async function runInstallService(args: string[]): Promise<number> {
  const service = serviceConfig();
  if (!service) {
    return fail(
      'the managed policy names no service: add "service": {} to it (its keys: user, socketDir, stateDir, timeoutMs, usersMayRelease), then run this again. Every hook blocks until the service answers.',
      78,
    );
  }
  if (process.platform === 'linux' && process.getuid?.() !== 0) return fail('run it as root (sudo)', 77);
  const spec: ServiceUnitSpec = {
    node: process.execPath,
    cli: path.resolve(process.argv[1]),
    user: service.user,
    socketDir: service.socketDir,
    stateDir: service.stateDir,
  };
  const unitFile = serviceUnitFile();
  if (!unitFile) return fail(`no service manager known on ${process.platform}`);
  if (process.platform === 'darwin' || process.platform === 'win32') {
    fs.mkdirSync(path.dirname(unitFile), { recursive: true });
    fs.writeFileSync(unitFile, process.platform === 'darwin' ? launchdPlist(spec) : windowsServiceScript(spec), {
      mode: 0o644,
    });
    say(
      `wrote ${unitFile}; create the user ${service.user}, run agentguard service prepare, then load it (${process.platform === 'darwin' ? 'launchctl bootstrap system' : 'run the script as an administrator'})`,
    );
    return 0;
  }
  for (const file of [spec.node, spec.cli]) {
    const why = notRootOnly(file);
    if (why && !args.includes('--allow-unsafe-paths'))
      return fail(
        `the service would run ${file}, which a non-root user could change (${why}): install AgentGuard where only root writes (npm install -g as root)`,
      );
  }
  if (!accountNamed(service.user)) {
    const made = spawnSync(
      'useradd',
      [
        '--system',
        '--no-create-home',
        '--home-dir',
        '/nonexistent',
        '--shell',
        '/usr/sbin/nologin',
        '--user-group',
        service.user,
      ],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) return fail(`useradd ${service.user} failed: ${made.stderr.trim() || made.error?.message}`);
    say(`created the system user ${service.user}`);
  }
  const prepared = spawnSync(spec.node, [spec.cli, 'service', 'prepare'], { stdio: 'inherit' });
  if (prepared.status !== 0) return fail('service prepare failed');
  fs.mkdirSync(path.dirname(unitFile), { recursive: true });
  fs.writeFileSync(unitFile, systemdUnit(spec), { mode: 0o644 });
  const enrol = systemdEnrolUnits(spec);
  const enrolPath = path.join(path.dirname(unitFile), 'agentguard-enrol.path');
  fs.writeFileSync(enrolPath, enrol.path, { mode: 0o644 });
  fs.writeFileSync(path.join(path.dirname(unitFile), 'agentguard-enrol.service'), enrol.service, { mode: 0o644 });
  say(`wrote ${unitFile} and ${enrolPath} (developers added later are enrolled on their first call)`);
  // The password prompt approvalPeerProof "authenticated" asks for; harmless where the policy does not ask it.
  const action = polkitActionFile();
  if (action) {
    fs.mkdirSync(path.dirname(action), { recursive: true });
    fs.writeFileSync(action, polkitAction(service.user), { mode: 0o644 });
    say(`wrote ${action} (polkit's password prompt for an approval, where the managed policy asks for it)`);
  }
  if (!fs.existsSync('/run/systemd/system')) {
    say(
      'systemd is not running here: start the service yourself as its user (setpriv --reuid ' +
        service.user +
        ' --regid ' +
        service.user +
        ' --init-groups ' +
        `${spec.node} ${spec.cli} service run)`,
    );
    return 0;
  }
  for (const cmd of [['daemon-reload'], ['enable', '--now', 'agentguard.service', 'agentguard-enrol.path']]) {
    const r = spawnSync('systemctl', cmd, { stdio: 'inherit' });
    if (r.status !== 0) return fail(`systemctl ${cmd.join(' ')} failed`);
  }
  say('the AgentGuard service is running: agentguard doctor says what it now keeps');
  return 0;
}
