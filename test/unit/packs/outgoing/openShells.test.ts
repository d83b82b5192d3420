// Shells opened to the network (packs/outgoing/openShells.ts): a writable web
// terminal, the Docker API on TCP without client certificates, a notebook past
// the loopback with an empty token, and a public tunnel to a shell's port ask;
// the loopback behind a password, unix sockets, `--tlsverify`, a notebook with
// its token and a tunnel to a web app stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

function assertAsks(command: string, severity: number): void {
  const r = engine().judge(command);
  const f = r.findings.find((x) => x.id === 'outgoing.open-shell');
  assert.ok(f && r.decision === 'ask', `${command}: ${JSON.stringify(r.findings)}`);
  assert.equal(f.severity, severity, command);
  assert.ok(f.target && f.alternative, `${command}: a target and a safer way`);
}

test('a web terminal others can type into asks', () => {
  for (const command of [
    'ttyd bash',
    'ttyd -p 7681 -W bash',
    'ttyd -Wp9000 zsh',
    'ttyd -W -i eth0 -c admin:secret bash',
    'ttyd -i lo bash',
    'sudo ttyd --port=80 login',
    'gotty -w bash',
    'gotty --permit-write --address 0.0.0.0 bash',
    'gotty -w -a 127.0.0.1 tmux attach',
    "ssh build-box 'ttyd -W bash'",
  ])
    assertAsks(command, 70);
});

test('the Docker API on TCP without client certificates asks', () => {
  for (const command of [
    'dockerd -H tcp://0.0.0.0:2375',
    'sudo dockerd -H unix:///var/run/docker.sock -H tcp://0.0.0.0:2375 &',
    'dockerd --host=tcp://0.0.0.0:2376 --tls --tlscert=c.pem --tlskey=k.pem',
    'dockerd -H 0.0.0.0:2375 --tlsverify=false',
    'dockerd -H tcp://127.0.0.1:2375 -H tcp://10.0.0.5:2375',
  ])
    assertAsks(command, 70);
});

test('a notebook past the loopback with an empty token asks, the empty value read after the shell', () => {
  for (const command of [
    "jupyter notebook --ip=0.0.0.0 --NotebookApp.token=''",
    "jupyter lab --ip='*' --ServerApp.token=",
    "jupyter server --ip 0.0.0.0 --IdentityProvider.token ''",
    'jupyter lab --ip=0.0.0.0 --ServerApp.token=""',
    "jupyter-lab --no-browser --ip=192.168.1.20 --ServerApp.token=''",
    "python3 -m jupyterlab --ip=0.0.0.0 --ServerApp.token=''",
  ])
    assertAsks(command, 70);
});

test('a public tunnel to a shell, Docker or notebook port asks more strongly', () => {
  for (const command of [
    'ngrok tcp 22',
    'ngrok tcp --region eu localhost:2375',
    'ngrok http 8888',
    'cloudflared tunnel --url http://localhost:2375',
    'cloudflared tunnel --url ssh://localhost',
    'lt --port 8888',
    'npx localtunnel --port 7681',
    'bore local 22 --to bore.pub',
    'tailscale funnel --tcp 10000 tcp://localhost:22',
    'ssh -R 80:localhost:22 serveo.net',
    'ssh -R 80:localhost:8888 nokey@localhost.run',
    'ssh -p 443 -R0:localhost:7681 a.pinggy.io',
    // 8080 is a shell only when a web terminal on the line listens there.
    'gotty bash & ngrok http 8080',
    'ttyd -p 9000 -i lo -c admin:secret bash & cloudflared tunnel --url localhost:9000',
  ])
    assertAsks(command, 75);
  // The open terminal itself asks too; the line weighs what the tunnel adds.
  assert.equal(engine().judge('gotty -w bash & ngrok http 8080').score, 75);
});

test('the loopback behind a password, sockets, TLS-verified Docker, tokens and web-app tunnels stay quiet', () => {
  const { judge } = engine();
  for (const command of [
    // A password on the loopback is how a terminal sits behind ssh -L or a proxy.
    'ttyd -i lo -c admin:secret bash',
    'ttyd --interface 127.0.0.1 --credential=admin:secret -W bash',
    'ttyd -i /run/user/1000/ttyd.sock bash',
    'ttyd -R bash',
    'gotty -w -a 127.0.0.1 -c admin:secret bash',
    // Read-only gotty shows the terminal and takes no input; `-w` after the command is the command's.
    'gotty top',
    'gotty bash -w',
    'dockerd',
    'dockerd -H unix:///var/run/docker.sock',
    'dockerd -H fd://',
    'dockerd -H tcp://127.0.0.1:2375',
    'dockerd -H tcp://0.0.0.0:2376 --tlsverify --tlscacert=ca.pem --tlscert=server.pem --tlskey=server-key.pem',
    'jupyter lab',
    'jupyter notebook --ip=0.0.0.0',
    'jupyter notebook --ip=0.0.0.0 --NotebookApp.token=abc123',
    "jupyter lab --ServerApp.token=''",
    "jupyter lab --ip=0.0.0.0 --ServerApp.token='' --ServerApp.password=argon2:abc",
    "jupyter lab --ip=127.0.0.1 --ServerApp.token=''",
    'ngrok http 3000',
    'ngrok http 8080',
    "ngrok http 8888 --basic-auth 'user:secret'",
    'cloudflared tunnel --url http://localhost:3000',
    'cloudflared access tcp --hostname ssh.example.com --url localhost:2222',
    'lt --port 3000',
    'bore local 3000 --to bore.pub',
    'ngrok tcp 22 --help',
  ])
    assert.equal(judge(command).decision, 'allow', `${command}: ${JSON.stringify(judge(command).findings)}`);
});

test('a reverse tunnel to a plain host stays the reverse-tunnel finding alone', () => {
  const { ids } = engine();
  assert.deepEqual(ids('ssh -R 2222:localhost:22 relay.example.com'), ['outgoing.reverse-tunnel']);
  assert.deepEqual(ids('ssh -R 80:localhost:3000 serveo.net'), ['outgoing.reverse-tunnel']);
});

test('the message says who gets in and what they get', () => {
  const { judge } = engine();
  const docker = judge('dockerd -H tcp://0.0.0.0:2375').findings[0];
  assert.match(docker.summary, /root container/);
  assert.equal(docker.target, 'tcp://0.0.0.0:2375');
  const notebook = judge("jupyter lab --ip=0.0.0.0 --ServerApp.token=''").findings[0];
  assert.match(notebook.summary, /empty token: anyone who reaches the port runs any code/);
  const tunnel = judge('gotty bash & ngrok http 8080').findings.find((f) => f.id === 'outgoing.open-shell');
  assert.match(tunnel?.summary ?? '', /gotty web terminal started earlier on this line/);
});
