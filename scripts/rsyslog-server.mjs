// A throwaway rsyslog receiver for the audit-shipping tests: Debian's
// rsyslogd with its own config in a temp folder, a TCP listener (plain, or
// TLS through the gtls driver) on 127.0.0.1 and every message written as
// received, one per line, to a file. rsyslogd is run as `nobody` when the
// tests run as root (runuser), as a SIEM's receiver is not root either. It
// can be stopped and started again on the same port, to test an outage.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const INSTALL_HINT = 'apt-get install rsyslog rsyslog-gnutls';

export function findRsyslogd() {
  for (const p of ['/usr/sbin/rsyslogd', '/sbin/rsyslogd']) if (fs.existsSync(p)) return p;
  return undefined;
}

function gtlsAvailable() {
  return [
    '/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so',
    '/usr/lib/aarch64-linux-gnu/rsyslog/lmnsd_gtls.so',
    '/usr/lib/rsyslog/lmnsd_gtls.so',
  ].some((p) => fs.existsSync(p));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Whether something accepts connections on 127.0.0.1:port (the connection is closed at once, sending nothing). */
function accepts(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Starts a receiver; returns how to reach and control it, or `{ missing }`
 * when rsyslog (or, for `tls`, its gtls driver) is not installed. `tls`:
 * `{ cert, key, ca }` PEM file paths the server presents.
 */
export async function startRsyslog({ tls } = {}) {
  const rsyslogd = findRsyslogd();
  if (!rsyslogd) return { missing: INSTALL_HINT };
  if (tls && !gtlsAvailable()) return { missing: `${INSTALL_HINT} (the gtls driver)` };
  const asRoot = process.getuid?.() === 0;
  const dir = fs.realpathSync(fs.mkdtempSync(path.join('/tmp', 'agentguard-rsyslog-')));
  const work = path.join(dir, 'work');
  fs.mkdirSync(work);
  const received = path.join(dir, 'received.log');
  const portFile = path.join(dir, 'port');
  const pidFile = path.join(dir, 'rsyslogd.pid');
  let tlsFiles;
  if (tls) {
    tlsFiles = {};
    for (const k of ['cert', 'key', 'ca']) {
      tlsFiles[k] = path.join(dir, `${k}.pem`);
      fs.copyFileSync(tls[k], tlsFiles[k]);
    }
  }
  const config = (port) =>
    [
      `global(workDirectory="${work}" maxMessageSize="256k"${tlsFiles ? ` defaultNetstreamDriverCAFile="${tlsFiles.ca}" defaultNetstreamDriverCertFile="${tlsFiles.cert}" defaultNetstreamDriverKeyFile="${tlsFiles.key}"` : ''})`,
      tlsFiles
        ? 'module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")'
        : 'module(load="imtcp")',
      `input(type="imtcp" address="127.0.0.1" port="${port}" listenPortFileName="${portFile}")`,
      'template(name="raw" type="string" string="%rawmsg%\\n")',
      `action(type="omfile" file="${received}" template="raw")`,
      '',
    ].join('\n');
  const as = asRoot ? ['runuser', '-u', 'nobody', '--'] : [];
  if (asRoot) {
    fs.chmodSync(dir, 0o755);
    spawnSync('chown', ['-R', 'nobody', dir]);
  }
  let child;
  let port = 0;
  const start = async () => {
    fs.writeFileSync(path.join(dir, 'rsyslog.conf'), config(port));
    fs.rmSync(portFile, { force: true });
    fs.rmSync(pidFile, { force: true });
    if (asRoot) spawnSync('chown', ['-R', 'nobody', dir]);
    const argv = [...as, rsyslogd, '-n', '-f', path.join(dir, 'rsyslog.conf'), '-i', pidFile];
    child = spawn(argv[0], argv.slice(1), {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' },
    });
    let stderr = '';
    child.stderr.on('data', (b) => {
      stderr += b;
    });
    for (let i = 0; i < 200; i++) {
      // rsyslog names the port it chose only when asked for port 0; on a restart the known port is tried.
      const p =
        port > 0
          ? (await accepts(port))
            ? port
            : 0
          : Number(fs.existsSync(portFile) ? fs.readFileSync(portFile, 'utf8').trim() : NaN);
      if (p > 0) {
        port = p;
        return;
      }
      if (child.exitCode !== null) throw new Error(`rsyslogd exited ${child.exitCode}: ${stderr}`);
      await sleep(25);
    }
    throw new Error(`rsyslogd did not listen within 5 s: ${stderr}`);
  };
  /** Stops rsyslogd (it drains its queue to the file first) and waits for it to exit. */
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    const pid = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').trim() : NaN);
    // The daemon itself, not runuser: runuser would pass the signal on, but only after its own start-up.
    if (pid > 0) process.kill(pid, 'SIGTERM');
    else child.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    get port() {
      return port;
    },
    dir,
    received,
    /** The received file's lines (the file may not exist before the first message). */
    lines: () => (fs.existsSync(received) ? fs.readFileSync(received, 'utf8').split('\n').filter(Boolean) : []),
    stop,
    /** Starts again on the same port. */
    restart: start,
    cleanup: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A self-signed CA and a server certificate for 127.0.0.1 signed by it, made with openssl in `dir`. */
export function makeCertificates(dir) {
  const run = (args) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  };
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca-key.pem',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=AgentGuard test CA',
  ]);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-CAcreateserial',
    '-out',
    'cert.pem',
    '-days',
    '2',
    '-extfile',
    'san.ext',
  ]);
  return { cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem'), ca: path.join(dir, 'ca.pem') };
}
