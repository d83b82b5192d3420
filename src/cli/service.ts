// `agentguard service …`: the AgentGuard service the organization's managed
// policy names (`service` in /etc/agentguard/policy.json), which keeps the
// kill switch, the audit log and the circuit breaker's count under its own OS
// user, where no process of a developer can write.
//
//   run                      the service itself, as its user (systemd's ExecStart)
//   prepare [--user NAME]…   as root: the socket folders and the state folder
//                            (systemd's ExecStartPre, since /run is emptied at boot),
//                            for every developer the name service lists, those named,
//                            and those who asked to be enrolled
//   prepare --enrolled       as root: only those who asked (agentguard-enrol.path runs it)
//   status | engage [--reason TEXT] | release | verify [--user NAME]
//                            a developer on their own socket; root on the admin
//                            socket, for the developer named by --user
//
// Who may release: root (`sudo agentguard service release --user NAME`), or a
// developer when the policy says `service.usersMayRelease: true`. An agent runs
// as the developer, so by default nothing it runs can lift the switch.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serviceConfig, type ServiceConfig } from '../core/frontdoor/records';
import { adminSocketPath, userSocketPath, type ServiceOp, type ServiceRequest } from '../shared/serviceProtocol';
import { askService } from '../channels/service/client';
import { SUBCOMMAND_USAGE } from './usage';
import { accountNamed, accountWithUid, developerAccounts, isDeveloper, type Account } from '../channels/service/users';
import { takeEnrolRequests } from '../channels/service/enrol';

const warn = (m: string) => process.stderr.write(`agentguard service: ${m}\n`);

function option(args: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === name && args[i + 1] !== undefined) out.push(args[++i]);
  return out;
}

export async function runServiceCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const service = serviceConfig();
  if (!service) {
    warn(
      'no service is named in the managed policy (its "service" key): every guarantee rests on this user\'s own state folder',
    );
    return 1;
  }
  switch (sub) {
    case 'run':
      return run(service);
    case 'prepare':
      return prepare(service, option(rest, '--user'), rest.includes('--enrolled'));
    case 'status':
    case 'engage':
    case 'release':
    case 'verify':
      return ask(service, sub, rest);
    default:
      process.stderr.write(SUBCOMMAND_USAGE.service);
      return 64;
  }
}

async function run(service: ServiceConfig): Promise<number> {
  const { runService } = await import('../channels/service/server');
  const { shipKeptLogs } = await import('../channels/service/shipping');
  // Developers enrolled while it runs are shipped too, once shipping has started.
  const enrolled: { add?: (uid: number) => void } = {};
  const running = await runService(service, warn, (uid) => enrolled.add?.(uid));
  const shipping = shipKeptLogs(service, running.uids, warn);
  enrolled.add = shipping.add;
  warn(
    `listening on ${running.sockets.length} socket(s) under ${service.socketDir}; state in ${service.stateDir}; shipping to ${shipping.to}`,
  );
  const stop = () => void Promise.all([running.close(), shipping.stop()]).then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return new Promise<number>(() => undefined);
}

/** Makes a folder with exactly this owner and mode, refusing a link or a file in its place. */
function folder(dir: string, uid: number, gid: number, mode: number): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory()) throw new Error(`${dir} is not a folder`);
  fs.chownSync(dir, uid, gid);
  fs.chmodSync(dir, mode);
}

/** Developers waiting in the enrol folder (bounded, junk removed and named: enrol.ts), as accounts. */
function enrolled(enrolDir: string): Account[] {
  const out: Account[] = [];
  for (const uid of takeEnrolRequests(enrolDir, warn).uids) {
    const who = accountWithUid(uid);
    if (!who || !isDeveloper(who)) {
      warn(`enrol: uid ${uid} is not a developer the name service knows; not enrolled`);
      continue;
    }
    out.push(who);
  }
  return out;
}

function prepare(service: ServiceConfig, names: string[], onlyEnrolled: boolean): number {
  if (process.getuid?.() !== 0) {
    warn('prepare runs as root (it makes folders owned by the service user)');
    return 77;
  }
  const svc = accountNamed(service.user);
  if (!svc) {
    warn(
      `no user ${service.user}: create it first (useradd --system --no-create-home --shell /usr/sbin/nologin ${service.user})`,
    );
    return 1;
  }
  const missing = names.filter((n) => !accountNamed(n));
  if (missing.length) {
    warn(`no user ${missing.join(', ')} (the name service, getent passwd, knows none)`);
    return 1;
  }
  folder(service.socketDir, 0, 0, 0o755);
  folder(path.join(service.socketDir, 'users'), 0, 0, 0o755);
  folder(path.join(service.socketDir, 'admin'), svc.uid, svc.gid, 0o700);
  // Anyone may leave a file here (sticky: nobody else's can be removed), nobody but root may list it: its owner is who asks to be enrolled.
  folder(path.join(service.socketDir, 'enrol'), 0, 0, 0o1733);
  const asked = enrolled(path.join(service.socketDir, 'enrol'));
  const users: Account[] = onlyEnrolled
    ? asked
    : [...(names.length ? names.map((n) => accountNamed(n)!) : developerAccounts()), ...asked];
  for (const u of users) {
    if (u.uid === 0 || u.uid === svc.uid) continue;
    // Setgid: the socket the service binds in it takes the developer's group, the only group that may connect.
    folder(path.join(service.socketDir, 'users', String(u.uid)), svc.uid, u.gid, 0o2750);
  }
  folder(service.stateDir, svc.uid, svc.gid, 0o700);
  const who = [...new Set(users.map((u) => u.name))].join(', ') || 'no users';
  process.stdout.write(
    onlyEnrolled
      ? `enrolled ${who}\n`
      : `prepared ${service.socketDir} for ${who}; state in ${service.stateDir} (${service.user} only)\n`,
  );
  return 0;
}

async function ask(service: ServiceConfig, op: ServiceOp, rest: string[]): Promise<number> {
  const uid = process.getuid?.() ?? -1;
  const [forUser] = option(rest, '--user');
  const request: ServiceRequest = { op };
  let socket = userSocketPath(service.socketDir, uid);
  if (uid === 0) {
    const target = forUser !== undefined ? accountNamed(forUser) : undefined;
    if (!target) {
      warn('as root, name the developer: --user NAME');
      return 64;
    }
    socket = adminSocketPath(service.socketDir);
    request.uid = target.uid;
  } else if (forUser !== undefined) {
    warn("--user is root's: a developer acts on their own state only");
    return 64;
  }
  const [reason] = option(rest, '--reason');
  if (op === 'engage' && reason) request.reason = reason;
  const result = await askService({ socket, user: service.user, timeoutMs: service.timeoutMs }, request);
  if (rest.includes('--json')) process.stdout.write(JSON.stringify(result) + '\n');
  if (!result.ok) {
    if (!rest.includes('--json')) warn(result.error);
    return op === 'release' ? 77 : 1;
  }
  const { killSwitch, verify } = result.reply;
  if (rest.includes('--json')) return verify && !verify.ok ? 1 : 0;
  if (killSwitch)
    process.stdout.write(
      `kill switch: ${killSwitch.engaged ? `ENGAGED${killSwitch.by ? ` by ${killSwitch.by}` : ''}${killSwitch.reason ? `: ${killSwitch.reason}` : ''}` : 'released'} (kept by the service)\n`,
    );
  if (op === 'status') {
    const { approvalsProof } = await import('./doctorService');
    process.stdout.write(`approvals: ${approvalsProof(result.reply.recorders, service)}\n`);
  }
  if (verify) {
    const shipped = verify.shipped?.length
      ? `, shipped up to entry ${verify.shipped.map((c) => `${c.seq} to ${c.sink}`).join(', ')}`
      : '';
    process.stdout.write(
      verify.ok
        ? `audit log kept by the service: intact, ${verify.entries} entries${shipped}\n`
        : `audit log kept by the service: BROKEN at line ${verify.line ?? '?'}: ${verify.problem ?? ''}\n`,
    );
    return verify.ok ? 0 : 1;
  }
  return 0;
}
