// The AgentGuard service's sockets (`agentguard service run`, as the
// service's own OS user). One socket per developer, at
// `<socketDir>/users/<uid>/agentguard.sock`, in a folder `service prepare`
// made (as root): owned by the service user, group the developer's private
// group, mode 2750 — so the socket, created 0660, takes that group, and only
// that developer (and root) can connect. That is the uid check: Node cannot
// read SO_PEERCRED, so identity is the kernel's permission check on connect,
// and every connection on a user's socket is that user. Which of that user's
// processes connected matters for a human's answer (an approval, a confirmed
// policy): those only the editor records (peerCheck.ts). The admin socket
// (`<socketDir>/admin/`, 0700) is root's. Each connection: the hello, one
// request line within a size and a time bound (and the snapshot that follows
// it, for `snapshot.keep`), one reply (and a snapshot after it), closed.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  confirmationLoosenings,
  keeperAnswer,
  keptStateDir,
  recordFlood,
  republishHookRecord,
  republishPolicies,
  type KeeperContext,
  type KeeperReply,
  type KeeperRequest,
  type ServiceConfig,
} from '../../core/frontdoor/records';
import { peerProofOf, readPtraceScope } from '../../core/frontdoor/launch';
import { readRequest } from './frames';
import { accountWithUid } from './users';
import { DEFAULT_FLOOD_LIMIT, FloodGate } from './flood';
import { EDITOR_OPS, canCheckPeers, connectionPeers, editorPeerProblem } from './peerCheck';
import { authenticateProcess } from './authenticate';
import {
  AUTHENTICATION_TIMEOUT_MS,
  CONFIRM_POLICY_ACTION_ID,
  MIN_AUTHENTICATION_MS,
  approvalPrompt,
  approvalRequirementNow,
  policyPrompt,
} from '../../core/frontdoor/approvalProof';
import {
  MAX_SERVICE_LINE_BYTES,
  READING_OPS,
  SERVICE_PROTOCOL,
  SERVICE_READ_TIMEOUT_MS,
  SOCKET_NAME,
  parseServiceRequest,
  type ServiceRequest,
} from '../../shared/serviceProtocol';

/** Connections served at once, over all sockets: a flood waits in the kernel's backlog, it does not grow the service. */
export const MAX_CONNECTIONS = 64;

export interface RunningService {
  sockets: string[];
  /** The developers it listens for. */
  uids: number[];
  close(): Promise<void>;
}

interface Listener {
  socket: string;
  /** The developer this socket is for, or undefined for the admin socket. */
  uid?: number;
}

/** The sockets to listen on: each user folder prepared for this service user, and the admin folder. */
function listeners(socketDir: string, me: number, warn: (m: string) => void): Listener[] {
  const out: Listener[] = [];
  const usersDir = path.join(socketDir, 'users');
  let names: string[] = [];
  try {
    names = fs.readdirSync(usersDir);
  } catch (err) {
    warn(`no user folders in ${usersDir}: ${(err as Error).message} (run: sudo agentguard service prepare)`);
  }
  for (const name of names.slice(0, 10_000)) {
    if (!/^\d+$/.test(name)) continue;
    const dir = path.join(usersDir, name);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(dir);
    } catch {
      continue;
    }
    if (!st.isDirectory() || st.uid !== me) {
      warn(`skipping ${dir}: not a folder of the service user`);
      continue;
    }
    out.push({ socket: path.join(dir, SOCKET_NAME), uid: Number(name) });
  }
  const admin = path.join(socketDir, 'admin');
  try {
    if (fs.lstatSync(admin).uid === me) out.push({ socket: path.join(admin, SOCKET_NAME) });
  } catch {
    warn(`no admin folder ${admin}: root cannot release the kill switch until prepare makes it`);
  }
  return out;
}

function serve(
  conn: net.Socket,
  listener: Listener,
  service: ServiceConfig,
  gate: FloodGate,
  warn: (m: string) => void,
  checkPeers: boolean,
): void {
  conn.on('error', () => undefined);
  const reply = (answer: KeeperReply) => {
    if (!answer.ok || !answer.payload) return conn.end(JSON.stringify(answer) + '\n');
    const { payload, ...line } = answer;
    conn.write(JSON.stringify({ ...line, bytes: payload.length }) + '\n');
    conn.end(payload);
  };
  conn.write(JSON.stringify({ agentguard: 'service', protocol: SERVICE_PROTOCOL }) + '\n');
  let pending: { req: KeeperRequest; uid: number; admin: boolean } | undefined;
  // A question asked for this connection (the password) is withdrawn the moment the editor stops waiting.
  const asker = new AbortController();
  conn.on('close', () => asker.abort());
  const act = (req: KeeperRequest, uid: number, admin: boolean, proven: ApprovalProven = {}) => {
    const answer = keeperAnswer(req, {
      dir: keptStateDir(service.stateDir, uid),
      admin,
      usersMayRelease: service.usersMayRelease,
      config: service.config,
      now: new Date(),
      publishDir: path.join(service.socketDir, 'users', String(uid)),
      // Asked only where it is needed: a look-up in the name service.
      ...(req.op === 'hooks.record' ? { home: accountWithUid(uid)?.home } : {}),
      // A confirmed loosening is an approval too, under the policy as it reads now.
      ...(req.op === 'approval' || req.op === 'policy.confirm' ? proven : {}),
    });
    if (!answer.ok) warn(`uid ${uid}: ${req.op}: ${answer.error}`);
    reply(answer.ok && req.op === 'status' ? { ...answer, recorders: checkPeers ? 'editor' : 'any' } : answer);
  };
  readRequest(
    conn,
    { maxLineBytes: MAX_SERVICE_LINE_BYTES, timeoutMs: SERVICE_READ_TIMEOUT_MS },
    (line) => {
      const req = parseServiceRequest(line);
      if ('error' in req) {
        reply({ ok: false, error: `malformed request: ${req.error}` });
        return 0;
      }
      const admin = listener.uid === undefined;
      // On a developer's socket the uid is the socket's; only root's socket names whose state it acts on.
      const uid = admin ? req.uid : listener.uid;
      if (uid === undefined) {
        reply({ ok: false, error: 'the admin socket needs the uid of the user to act for' });
        return 0;
      }
      if (!admin && req.uid !== undefined && req.uid !== uid) {
        reply({ ok: false, error: "a developer's socket acts only for that developer" });
        return 0;
      }
      if (!admin && !READING_OPS.includes(req.op)) {
        const admitted = gate.admit(uid, req.pid, Buffer.byteLength(line));
        if (!admitted.admit) {
          if (admitted.first) {
            warn(`uid ${uid}: flood: ${admitted.reason}`);
            recordFlood(keptStateDir(service.stateDir, uid), admitted.reason, new Date());
          }
          reply({ ok: false, error: `too many requests, refused until the next window (${admitted.reason})` });
          return 0;
        }
      }
      // What says "a human answered in the editor" is taken from the editor only, where the service can see who connected.
      if (!admin && checkPeers && EDITOR_OPS.includes(req.op)) {
        const notEditor = editorPeerProblem(conn, uid, listener.socket);
        if (notEditor !== undefined) {
          warn(`uid ${uid}: ${req.op} refused: not recorded by the editor: ${notEditor}`);
          reply({ ok: false, error: `only the editor records a human's answer, and ${notEditor}` });
          return 0;
        }
      }
      if (req.bytes) {
        pending = { req: req as KeeperRequest, uid, admin };
        return req.bytes;
      }
      if (req.op === 'approval' && !admin) {
        void approvalProven(conn, uid, listener.socket, service, checkPeers, req, asker.signal)
          .catch((err: Error): ApprovalProven => ({
            require: 'authenticated',
            peerProof: 'recorded',
            unauthenticated: `the service could not ask for it (${err.message})`,
          }))
          .then((proven) => {
            if (proven.unauthenticated) warn(`uid ${uid}: approval not authenticated: ${proven.unauthenticated}`);
            // The editor stopped waiting (a password typed too late): it already told the hook no, so nothing is held.
            if (conn.destroyed) return warn(`uid ${uid}: approval not recorded: the editor stopped waiting for it`);
            act(req as KeeperRequest, uid, admin, proven);
          });
        return 0;
      }
      act(req as KeeperRequest, uid, admin);
      return 0;
    },
    (payload) => {
      if (!pending) return;
      const { req, uid, admin } = pending;
      if (req.op !== 'policy.confirm') return act({ ...req, payload }, uid, admin);
      const where = { conn, uid, socket: listener.socket, admin, signal: asker.signal };
      void confirmationProven(where, service, checkPeers, payload)
        .catch((err: Error): ApprovalProven => ({
          require: 'authenticated',
          peerProof: 'recorded',
          unauthenticated: `the service could not ask for it (${err.message})`,
        }))
        .then((proven) => {
          if (proven.unauthenticated && proven.unauthenticated !== TIGHTENS_ONLY)
            warn(`uid ${uid}: policy confirmation not authenticated: ${proven.unauthenticated}`);
          if (conn.destroyed) return warn(`uid ${uid}: policy not confirmed: the editor stopped waiting for it`);
          act({ ...req, payload }, uid, admin, proven);
        });
    },
  );
}

type ApprovalProven = Pick<KeeperContext, 'peerProof' | 'require' | 'unauthenticated'>;

const TIGHTENS_ONLY = 'no password is asked for a policy that loosens nothing';
const CANNOT_SEE =
  'this service cannot see which process sent it, to ask for the password on its screen (it needs CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH, as the systemd unit grants)';

/**
 * What an approval on developer `uid`'s connection is worth, by the managed
 * policy as it reads now (an administrator may tighten it while the service
 * runs): under `authenticated`, polkit asks the developer for their password
 * on behalf of the process that sent it (authenticate.ts), which only a
 * service that can see who connected can name.
 */
async function approvalProven(
  conn: net.Socket,
  uid: number,
  socket: string,
  service: ServiceConfig,
  checkPeers: boolean,
  { decision, summary, asked, waitMs }: Pick<ServiceRequest, 'decision' | 'summary' | 'asked' | 'waitMs'>,
  signal: AbortSignal,
): Promise<ApprovalProven> {
  const require = approvalRequirementNow(service.policyFile);
  const kernelProof = checkPeers ? peerProofOf(readPtraceScope()) : 'recorded';
  if (require !== 'authenticated') return { require, peerProof: kernelProof };
  // A human's deny only tightens: no password is asked for it.
  if (decision !== 'allow') return { require: 'recorded', peerProof: kernelProof };
  if (!checkPeers)
    return {
      require,
      peerProof: kernelProof,
      unauthenticated: CANNOT_SEE,
    };
  const holders = connectionPeers(conn, uid, socket);
  if (typeof holders === 'string') return { require, peerProof: kernelProof, unauthenticated: holders };
  // Never longer than the editor said it waits (its hook's wait, less the margin), nor than the service's own bound.
  const timeoutMs = Math.min(AUTHENTICATION_TIMEOUT_MS, waitMs ?? AUTHENTICATION_TIMEOUT_MS);
  if (timeoutMs < MIN_AUTHENTICATION_MS)
    return {
      require,
      peerProof: kernelProof,
      unauthenticated: 'too little of the wait for the answer was left to ask',
    };
  // What the prompt shows, made safe to read here whatever the editor sent (an older one sends only the log's line).
  const prompt = approvalPrompt(asked ?? { host: 'an agent', kind: 'other', text: summary ?? '' });
  const answer = await authenticateProcess(holders[0], uid, { prompt, timeoutMs, signal });
  return answer.ok
    ? { require, peerProof: 'authenticated' }
    : { require, peerProof: kernelProof, unauthenticated: answer.why };
}

/**
 * What a confirmed policy on a developer's connection is worth: the kernel's
 * proof, or under `authenticated` the developer's password for a loosening
 * (its own polkit action, whose prompt names the workspace and what loosens).
 * A record that only tightens needs no human, so no password; root's socket
 * has no editor to ask, and a loosening sent there is refused as before.
 */
async function confirmationProven(
  where: { conn: net.Socket; uid: number; socket: string; admin: boolean; signal: AbortSignal },
  service: ServiceConfig,
  checkPeers: boolean,
  payload: Buffer,
): Promise<ApprovalProven> {
  const require = approvalRequirementNow(service.policyFile);
  const peerProof = checkPeers ? peerProofOf(readPtraceScope()) : 'recorded';
  if (require !== 'authenticated') return { require, peerProof };
  if (where.admin)
    return { require, peerProof, unauthenticated: "root's socket has no editor to ask for the password" };
  // Taken as it stands: the keeper compares again when it stores, and refuses a loosening this did not see.
  const loosening = confirmationLoosenings(keptStateDir(service.stateDir, where.uid), payload);
  if (!loosening) return { require, peerProof, unauthenticated: TIGHTENS_ONLY };
  if (!checkPeers) return { require, peerProof, unauthenticated: CANNOT_SEE };
  const holders = connectionPeers(where.conn, where.uid, where.socket);
  if (typeof holders === 'string') return { require, peerProof, unauthenticated: holders };
  const answer = await authenticateProcess(holders[0], where.uid, {
    actionId: CONFIRM_POLICY_ACTION_ID,
    prompt: policyPrompt(loosening.workspace, loosening.loosenings),
    signal: where.signal,
  });
  return answer.ok ? { require, peerProof: 'authenticated' } : { require, peerProof, unauthenticated: answer.why };
}

/** How often the service looks for developers prepared (or enrolled) since it started. */
export const RESCAN_MS = 2_000;

/**
 * Listens on every prepared socket, and on each one prepared later (a
 * developer enrolled while it runs: rescanned every RESCAN_MS); refuses to
 * run as root (the state must belong to a user no developer is).
 */
export async function runService(
  service: ServiceConfig,
  warn: (m: string) => void,
  onUser: (uid: number) => void = () => undefined,
): Promise<RunningService> {
  const me = process.getuid?.() ?? 0;
  if (me === 0) throw new Error(`the service runs as its own user (${service.user}), not as root`);
  fs.mkdirSync(path.join(service.stateDir, 'users'), { recursive: true, mode: 0o700 });
  const servers = new Map<string, net.Server>();
  let open = 0;
  const gate = new FloodGate({
    writes: service.flood.writes ?? DEFAULT_FLOOD_LIMIT.writes,
    bytes: service.flood.bytes ?? DEFAULT_FLOOD_LIMIT.bytes,
    windowMs: (service.flood.windowSeconds ?? DEFAULT_FLOOD_LIMIT.windowMs / 1000) * 1000,
  });
  const uids: number[] = [];
  // With CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH (the systemd unit grants them) the service sees who records an approval.
  const checkPeers = canCheckPeers();
  if (!checkPeers)
    warn(
      'approvals and confirmed policies are taken from any process of the developer: this service cannot see who connects (it needs CAP_SYS_PTRACE, CAP_DAC_READ_SEARCH and ss on Linux)',
    );
  const listen = async (l: Listener): Promise<void> => {
    // Confirmed policies and the hook-file record are published where the developer reads them: /run is emptied at boot.
    if (l.uid !== undefined) {
      try {
        republishPolicies(keptStateDir(service.stateDir, l.uid), path.dirname(l.socket));
        republishHookRecord(keptStateDir(service.stateDir, l.uid), path.dirname(l.socket));
      } catch (err) {
        warn(`uid ${l.uid}: confirmed policies not published: ${(err as Error).message}`);
      }
    }
    fs.rmSync(l.socket, { force: true });
    const server = net.createServer((conn) => {
      if (open >= MAX_CONNECTIONS) return conn.destroy();
      open++;
      conn.on('close', () => open--);
      serve(conn, l, service, gate, warn, checkPeers);
    });
    server.maxConnections = MAX_CONNECTIONS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // The folder's mode (2750 for a user, 0700 for admin) keeps everyone else out from the first moment.
      server.listen(l.socket, () => resolve());
    });
    fs.chmodSync(l.socket, l.uid === undefined ? 0o600 : 0o660);
    servers.set(l.socket, server);
    if (l.uid !== undefined) uids.push(l.uid);
  };
  for (const l of listeners(service.socketDir, me, warn)) await listen(l);
  let scanning = false;
  const rescan = setInterval(() => {
    if (scanning) return;
    scanning = true;
    const fresh = listeners(service.socketDir, me, () => undefined).filter((l) => !servers.has(l.socket));
    void (async () => {
      for (const l of fresh.slice(0, 64)) {
        try {
          await listen(l);
          warn(`listening for uid ${l.uid ?? 'root'} too (prepared since the service started)`);
          if (l.uid !== undefined) onUser(l.uid);
        } catch (err) {
          warn(`cannot listen on ${l.socket}: ${(err as Error).message}`);
        }
      }
    })().finally(() => (scanning = false));
  }, RESCAN_MS);
  return {
    sockets: [...servers.values()].map((s) => String(s.address())),
    uids,
    close: () => {
      clearInterval(rescan);
      return Promise.all([...servers.values()].map((s) => new Promise<void>((r) => s.close(() => r())))).then(
        () => undefined,
      );
    },
  };
}
