// Folders served to the network (packs/outgoing/served.ts): the home, `/`, a
// key store, or a project folder holding a credential file past this machine
// asks; a build folder, or the project on 127.0.0.1, stays quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace, engine } from '../../support/engineHarness';

test('serving the home, the root or a key store asks, a public tunnel more', () => {
  const { judge } = engine();
  for (const [command, severity] of [
    ['php -S 0.0.0.0:8000 -t ~', 60],
    ['npx http-server ~ -p 8080', 60],
    ['npx serve ~', 60],
    ['python3 -m http.server -d ~', 60],
    ['cd ~ && python3 -m http.server', 60],
    ['busybox httpd -f -h ~', 60],
    ['ruby -run -e httpd ~', 60],
    ['caddy file-server --root ~ --listen :80', 60],
    ['python3 -m http.server -d ~/.aws -b 127.0.0.1', 60],
    ['jwebserver -d /', 60],
    ['tailscale serve ~', 60],
    ['tailscale funnel ~', 75],
    ['ngrok http file:///home/dev', 75],
    ['caddy file-server --root ~/.ssh --domain files.example.com', 75],
  ] as const) {
    const r = judge(command);
    const f = r.findings.find((x) => x.id === 'outgoing.serve-folder');
    assert.ok(f && r.decision === 'ask', `${command}: ${JSON.stringify(r.findings)}`);
    assert.equal(f.severity, severity, command);
  }
});

test('a project holding a credential file asks when served past this machine, not on the loopback', () => {
  const ws = diskWorkspace('ag-served-', { '.env': 'A=1\n', 'dist/index.html': '<p>', 'src/a.ts': '' });
  try {
    const judge = (c: string) => ws.judge(c);
    const r = judge('python3 -m http.server');
    assert.equal(r.decision, 'ask', JSON.stringify(r.findings));
    assert.match(r.findings[0].summary, /\.env/);
    assert.equal(judge('ngrok http file://' + ws.ws).decision, 'ask');
    for (const c of [
      'python3 -m http.server -b 127.0.0.1',
      'php -S localhost:8000',
      'npx serve dist',
      'python3 -m http.server -d dist',
    ])
      assert.equal(judge(c).decision, 'allow', c);
  } finally {
    ws.done();
  }
});

test('build folders, proxies to a port and other servers stay quiet', () => {
  const { decide } = engine();
  for (const command of [
    'php -S localhost:8000 -t public',
    'npx http-server ./dist -p 8080',
    'npx serve dist',
    'python3 -m http.server -d dist -b 127.0.0.1',
    'caddy file-server --root dist --listen 127.0.0.1:8080',
    'tailscale funnel 3000',
    'tailscale serve --bg localhost:3000',
    'ngrok http 3000',
    'httpd -k start',
    'jwebserver',
    'python3 -m http.server --help',
  ])
    assert.equal(decide(command), 'allow', command);
});
