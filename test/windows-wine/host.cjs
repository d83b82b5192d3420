// The agent host's side of a hook call, run by Windows' node.exe under
// Wine: starts each hook command the way the named host starts it on
// Windows, writes the payload to its stdin through a Windows pipe, and
// records what the host would read (exit code, stdout, stderr). Plain
// CommonJS for the Windows Node; reads a job file, writes a result file
// (Windows' Node cannot write to the Unix pipe Wine would hand it).
//
// How each host starts a hook command on Windows:
// - `shell`: Node's `spawn(command, { shell: true })`, i.e.
//   `cmd.exe /d /s /c "COMMAND"` as cmd reads it (Claude Code's cmd.exe
//   path; the hosts built on Node that run hooks with `shell: true`);
// - `cmd-argv`: `spawn(ComSpec, ['/d', '/s', '/c', COMMAND])` (Qwen Code
//   0.24's hook runner), where Node quotes COMMAND as one argument;
// - `direct`: the program and its arguments, no shell.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, run by Windows' node.exe as is */
const { spawnSync } = require('child_process');
const fs = require('fs');

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const env = { ...process.env, ...job.env };
const results = [];
for (const call of job.calls) {
  const started = Date.now();
  const options = {
    input: call.stdin ?? '',
    env: { ...env, ...call.env },
    cwd: call.cwd,
    encoding: 'utf8',
    timeout: call.timeoutMs ?? 60000,
    windowsHide: true,
  };
  const start = () => {
    if (call.how === 'shell') return spawnSync(call.command, { ...options, shell: true });
    if (call.how === 'cmd-argv') return spawnSync(env.ComSpec || 'cmd.exe', ['/d', '/s', '/c', call.command], options);
    return spawnSync(call.command, call.args ?? [], options);
  };
  // Wine now and then fails to create a process at all (spawnSync's error UNKNOWN, no exit status): nothing of
  // the hook ran, so the call is started again, at most twice, and the retry is reported. Any other error, or a
  // process that started and failed, is the result as it is.
  let r = start();
  let retried = 0;
  while (retried < 2 && r.error && r.error.code === 'UNKNOWN' && r.status === null) {
    retried++;
    r = start();
  }
  results.push({
    retried,
    name: call.name,
    code: r.status,
    signal: r.signal,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    error: r.error ? String(r.error) : undefined,
    ms: Date.now() - started,
  });
}
fs.writeFileSync(process.argv[3], JSON.stringify(results, null, 1));
