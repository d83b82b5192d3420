// More wrappers that start the rest of their arguments as a command
// (parse/wrappers/moreRunners.ts): personality switchers, cpulimit, sshpass,
// lock and inhibitor wrappers, recorders, container entries, `ip netns exec`,
// capsh and start-stop-daemon, shx, dotenv-cli, job queues, lerna and
// apptainer. Each inner command is judged; each wrapper's everyday calls stay
// the program alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from '../../../../src/core/parse/normalize';
import { engine } from '../../support/engineHarness';
import { ctx, HOME, WORKSPACE } from '../../support/helpers';

function argvs(command: string): string[] {
  return normalize({ command, cwd: WORKSPACE, env: { HOME } }, ctx({})).commands.map((c) => c.argv.join(' '));
}

test('the inner command of each wrapper is found, after its own options and operands', () => {
  const cases: [string, string][] = [
    ['setarch x86_64 -R rm -rf /x', 'rm -rf /x'],
    ['setarch x86_64 rm -rf /x', 'rm -rf /x'],
    ['linux64 rm -rf /x', 'rm -rf /x'],
    ['cpulimit -l 10 -- rm -rf /x', 'rm -rf /x'],
    ['cpulimit --limit=10 rm -rf /x', 'rm -rf /x'],
    ['sshpass -p hunter2 rm -rf /x', 'rm -rf /x'],
    ['ifne -n rm -rf /x', 'rm -rf /x'],
    ['lckdo -W 5 /tmp/l rm -rf /x', 'rm -rf /x'],
    ['with-lock-ex -w /tmp/l rm -rf /x', 'rm -rf /x'],
    ['systemd-inhibit --why=x --what sleep rm -rf /x', 'rm -rf /x'],
    ['heaptrack -o /tmp/h rm -rf /x', 'rm -rf /x'],
    ['rr record rm -rf /x', 'rm -rf /x'],
    ['fakechroot -e debootstrap rm -rf /x', 'rm -rf /x'],
    ['toolbox run -c fedora rm -rf /x', 'rm -rf /x'],
    ['distrobox enter box -- rm -rf /x', 'rm -rf /x'],
    ['ip netns exec blue rm -rf /x', 'rm -rf /x'],
    // capsh hands its words to bash, whose -c line is read in turn.
    ["capsh --drop=cap_net_raw -- -c 'rm -rf /x'", 'rm -rf /x'],
    ["capsh --shell=/bin/sh -- -c 'rm -rf /x'", 'rm -rf /x'],
    ['start-stop-daemon --start --exec /bin/rm -- -rf /x', 'rm -rf /x'],
    ['shx rm -rf /x', 'rm -rf /x'],
    ['npx -y shx rm -rf /x', 'rm -rf /x'],
    ['npx dotenv-cli -- rm -rf /x', 'rm -rf /x'],
    ['tsp -L job rm -rf /x', 'rm -rf /x'],
    ['sem -j 4 rm -rf /x', 'rm -rf /x'],
    ['dtach -n /tmp/s rm -rf /x', 'rm -rf /x'],
    ['lerna exec --concurrency 1 -- rm -rf /x', 'rm -rf /x'],
    ['apptainer exec --bind /data:/data img.sif rm -rf /x', 'rm -rf /x'],
    ['singularity exec img.sif rm -rf /x', 'rm -rf /x'],
  ];
  for (const [command, inner] of cases) {
    const found = argvs(command);
    assert.ok(found.includes(inner), `${command}: ${JSON.stringify(found)}`);
  }
});

test('the same wrappers doing their own work start nothing', () => {
  for (const command of [
    'cpulimit -p 1234 -l 20',
    'rr replay',
    'toolbox list',
    'distrobox list',
    'ip netns list',
    'ip netns add blue',
    'capsh --print',
    'start-stop-daemon --stop --pidfile /tmp/x.pid',
    'heaptrack --analyze heaptrack.x.gz',
    'tsp -l',
    'sem --wait',
    'dtach -a /tmp/s',
    'lerna run build',
    'apptainer build img.sif def.def',
  ])
    assert.deepEqual(argvs(command), [command], command);
});

test('a destructive command behind a wrapper asks; an everyday one stays quiet', () => {
  const { decide, ids } = engine();
  for (const c of [
    'setarch x86_64 rm -rf ~',
    'cpulimit -l 10 -- rm -rf ~/projects',
    'sshpass -p x rm -rf ~/projects',
    'ip netns exec x rm -rf ~/projects',
    "capsh -- -c 'rm -rf ~/projects'",
    'distrobox enter box -- rm -rf ~/projects',
    'start-stop-daemon --start --exec /bin/rm -- -rf ~/projects',
    'npx -y shx rm -rf ~',
    'npx dotenv-cli -- rm -rf ~/projects',
    'tsp rm -rf ~/projects',
    'apptainer exec img.sif rm -rf ~/projects',
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    'linux32 make',
    'cpulimit -l 50 -- npm test',
    'sshpass -p x ssh host uptime',
    'lckdo /tmp/lock npm test',
    'systemd-inhibit --what=sleep npm run build',
    'toolbox run -c fedora ls',
    'ip netns exec x ip a',
    'start-stop-daemon --start --exec /usr/bin/node -- server.js',
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
