import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globalOptionsOf } from '../../../src/core/command/globalOptions';

// Each CLI's global options as they were when every table was built at load (before each was built
// at its first lookup): the same words, in the same order.
const BUILT_AT_LOAD: [string, string][] = [
  [
    'git',
    '{"withValue":["-C","-c","--git-dir","--work-tree","--namespace","--exec-path","--super-prefix","--config-env","--attr-source","--list-cmds"],"flags":["-p","--paginate","-P","--no-pager","--bare","--no-replace-objects","--literal-pathspecs","--glob-pathspecs","--noglob-pathspecs","--icase-pathspecs","--no-optional-locks","--no-lazy-fetch","--no-advice"],"chdir":["-C","--work-tree"]}',
  ],
  [
    'docker',
    '{"withValue":["-c","--context","-H","--host","--config","-l","--log-level","--tlscacert","--tlscert","--tlskey","-f","--file","-p","--project-name","--profile","--env-file","--project-directory","--ansi","--progress","--parallel"],"flags":["-D","--debug","--tls","--tlsverify","--dry-run","--compatibility"],"subprograms":["compose"]}',
  ],
  [
    'docker-compose',
    '{"withValue":["-f","--file","-p","--project-name","--profile","--env-file","--project-directory","--ansi","--progress","--parallel","-H","--host","--context"],"flags":["--dry-run","--compatibility","--verbose"]}',
  ],
  [
    'kubectl',
    '{"withValue":["--context","-n","--namespace","--kubeconfig","--cluster","--user","-s","--server","--token","--as","--as-group","--as-uid","--request-timeout","-v","--v","--certificate-authority","--client-certificate","--client-key","--tls-server-name","--cache-dir","--profile"],"flags":["--insecure-skip-tls-verify","--match-server-version","--warnings-as-errors"]}',
  ],
  [
    'helm',
    '{"withValue":["--kube-context","-n","--namespace","--kubeconfig","--kube-apiserver","--kube-token","--kube-as-user","--kube-as-group","--registry-config","--repository-config","--repository-cache","--burst-limit"],"flags":["--debug","--kube-insecure-skip-tls-verify"]}',
  ],
  ['terraform', '{"withValue":[],"flags":["-help","-version"],"chdir":["-chdir"]}'],
  ['tofu', '{"withValue":[],"flags":["-help","-version"],"chdir":["-chdir"]}'],
  [
    'aws',
    '{"withValue":["--profile","--region","--output","--endpoint-url","--cli-read-timeout","--cli-connect-timeout","--ca-bundle","--color","--query","--cli-binary-format"],"flags":["--debug","--no-verify-ssl","--no-paginate","--no-cli-pager","--no-sign-request","--no-cli-auto-prompt","--cli-auto-prompt"]}',
  ],
  [
    'gcloud',
    '{"withValue":["--project","--account","--configuration","--verbosity","--format","--impersonate-service-account","--billing-project","--flags-file","--flatten","--trace-token"],"flags":["-q","--quiet","--log-http","--no-user-output-enabled","--user-output-enabled"]}',
  ],
  [
    'az',
    '{"withValue":["--subscription","-o","--output","--query"],"flags":["--debug","--verbose","--only-show-errors"]}',
  ],
  [
    'npm',
    '{"withValue":["--prefix","-w","--workspace","--loglevel","--registry","--userconfig","--cache"],"flags":["-g","--global","-s","--silent","-q","--quiet","-d","--verbose","--workspaces","-ws","--include-workspace-root","--if-present","--no-fund","--no-audit"],"chdir":["--prefix"]}',
  ],
  [
    'pnpm',
    '{"withValue":["-C","--dir","--filter","-F","--workspace-dir","--reporter","--loglevel"],"flags":["-r","--recursive","-w","--workspace-root","--silent","-s"],"chdir":["-C","--dir"]}',
  ],
  ['yarn', '{"withValue":["--cwd"],"flags":["-s","--silent","--verbose","--offline"],"chdir":["--cwd"]}'],
  [
    'cargo',
    '{"withValue":["-C","--config","-Z","--color"],"flags":["--locked","--offline","--frozen","-q","--quiet","-v","--verbose"],"chdir":["-C"]}',
  ],
  ['gh', '{"withValue":["-R","--repo"],"flags":[]}'],
  [
    'make',
    '{"withValue":["-C","--directory","-f","--file","--makefile","-j","--jobs"],"flags":["-s","--silent","-k","--keep-going","-B","--always-make"],"chdir":["-C","--directory"]}',
  ],
];

const shown = (name: string): string =>
  JSON.stringify(
    Object.fromEntries(Object.entries(globalOptionsOf(name) ?? {}).map(([k, v]) => [k, v instanceof Set ? [...v] : v])),
  );

test('each CLI has the global options it had when the tables were built at load', () => {
  assert.deepEqual(
    BUILT_AT_LOAD.map(([name]) => [name, shown(name)]),
    BUILT_AT_LOAD,
  );
  assert.equal(globalOptionsOf('ls'), undefined);
  assert.equal(globalOptionsOf('toString'), undefined);
  assert.equal(globalOptionsOf('git'), globalOptionsOf('git'), 'built once');
});
