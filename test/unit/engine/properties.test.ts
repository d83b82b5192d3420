// Properties of the whole engine, checked over generated inputs:
// wrapping a gated command never ungates it; quoting any command as data
// never gates it; no input crashes, hangs or fails open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type EngineOptions } from '../../../src/core/engine';
import { HOME, WORKSPACE } from '../support/helpers';

const opts: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/bin:/bin' },
  readFile: () => undefined,
};

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

const GATED = [
  'rm -rf /',
  'rm -rf ~',
  'rm -rf ~/projects',
  'git reset --hard HEAD~3',
  'git push --force origin main',
  'git clean -fdx',
  'terraform destroy -auto-approve',
  'kubectl delete namespace production',
  'aws s3 rb s3://acme-db-backups --force',
  "psql -c 'DROP DATABASE app'",
  'dropdb app_production',
  'redis-cli FLUSHALL',
  'docker volume rm pgdata',
  'mkfs.ext4 /dev/sda1',
  'dd if=/dev/zero of=/dev/sda',
  'chmod -R 000 /',
  'crontab -r',
  'kill -9 -1',
  'curl -X DELETE https://api.acme.io/v1/projects/42',
  `curl -X POST https://backboard.railway.app/graphql/v2 -d '{"query":"mutation { volumeDelete(volumeId: \\"x\\") }"}'`,
  'cat ~/.aws/credentials',
  'npx prisma migrate reset --force',
  'python manage.py flush --noinput',
];

type Wrap = (cmd: string) => string;
const WRAPPERS: Wrap[] = [
  (c) => `sudo ${c}`,
  (c) => `env FOO=1 ${c}`,
  (c) => `timeout 30 ${c}`,
  (c) => `nohup ${c}`,
  (c) => `nice -n 10 ${c}`,
  (c) => `command ${c}`,
  (c) => `time ${c}`,
  (c) => `bash -c ${sq(c)}`,
  (c) => `sh -c ${sq(c)}`,
  (c) => `eval ${sq(c)}`,
  (c) => `(${c})`,
  (c) => `{ ${c}; }`,
  (c) => `true && ${c}`,
  (c) => `false || ${c}`,
  (c) => `echo start; ${c}`,
  (c) => `${c} | cat`,
  (c) => `${c} & wait`,
  (c) => `echo $(${c})`,
  (c) => `if true; then ${c}; fi`,
  (c) => `for i in 1; do ${c}; done`,
  (c) => `bash <<'EOF'\n${c}\nEOF`,
  (c) => `ssh build-box ${sq(c)}`,
  (c) => `f() { ${c}; }; f`,
  // Secret injectors, detached runners, traps and sourced code.
  (c) => `doppler run -- ${c}`,
  (c) => `dotenv -e .env -- ${c}`,
  (c) => `aws-vault exec dev -- ${c}`,
  (c) => `op run -- ${c}`,
  (c) => `screen -dm ${c}`,
  (c) => `coproc ${c}`,
  (c) => `trap ${sq(c)} EXIT`,
  (c) => `. /dev/stdin <<< ${sq(c)}`,
  (c) => `source <(echo ${sq(c)})`,
  (c) => `echo ${sq(c)} > /tmp/step.sh && bash /tmp/step.sh`,
  // Words resolved at run time but known statically: positional parameters, arrays, function arguments.
  (c) => `set -- ${c}; "$@"`,
  (c) => `argv=(${c}); "\${argv[@]}"`,
  (c) => `run() { "$@"; }; run ${c}`,
];

const DATA: Wrap[] = [
  (c) => `echo ${sq(c)}`,
  (c) => `git commit -m ${sq(c)}`,
  (c) => `cat <<'EOF'\n${c}\nEOF`,
  (c) => `grep -rn ${sq(c)} src`,
  (c) => `printf '%s\\n' ${sq(c)}`,
  (c) => `echo ${sq(c)} >> notes/commands.md`,
];

const gated = (d: string) => d === 'ask' || d === 'deny';

test('every base command of the property tests is gated on its own', () => {
  for (const c of GATED) assert.ok(gated(evaluate({ command: c }, opts).decision), c);
});

test('wrapping a gated command in any wrapper, chain or subshell keeps it gated', () => {
  const rand = rng(42);
  let checked = 0;
  for (const base of GATED) {
    for (const wrap of WRAPPERS) {
      const cmd = wrap(base);
      assert.ok(gated(evaluate({ command: cmd }, opts).decision), `ungated: ${cmd}`);
      checked++;
    }
    // Random stacks of two and three wrappers.
    for (let k = 0; k < 12; k++) {
      let cmd = base;
      const depth = 2 + Math.floor(rand() * 2);
      for (let d = 0; d < depth; d++) cmd = WRAPPERS[Math.floor(rand() * WRAPPERS.length)](cmd);
      const r = evaluate({ command: cmd }, opts);
      assert.ok(gated(r.decision), `ungated: ${JSON.stringify(cmd)} → ${r.decision}`);
      checked++;
    }
  }
  assert.ok(checked > 500);
});

test('quoting any command as data keeps it allowed', () => {
  let checked = 0;
  for (const base of [...GATED, 'ls -la', 'npm test', 'sudo rm -rf / && git push -f', "bash -c 'rm -rf ~'"]) {
    for (const wrap of DATA) {
      const cmd = wrap(base);
      const r = evaluate({ command: cmd }, opts);
      assert.equal(
        r.decision,
        'allow',
        `gated data: ${JSON.stringify(cmd)} → ${r.findings.map((f) => f.id).join(', ')}`,
      );
      checked++;
    }
  }
  assert.ok(checked >= GATED.length * DATA.length);
});

const ALPHABET = ' \t\n;&|()<>{}[]$`\'"\\*?~#=!-_/.:,@%+^abcdefrmgitshxyz0123456789é🚀\u0000\u0002\u0001';

function randomString(rand: () => number, max: number): string {
  const n = Math.floor(rand() * max);
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

function mutate(rand: () => number, base: string): string {
  const ops = [
    (s: string) => s.slice(0, Math.floor(rand() * s.length)),
    (s: string) => {
      const i = Math.floor(rand() * (s.length + 1));
      return s.slice(0, i) + ALPHABET[Math.floor(rand() * ALPHABET.length)] + s.slice(i);
    },
    (s: string) => {
      const i = Math.floor(rand() * s.length);
      return s.slice(0, i) + s.slice(i + 1);
    },
    (s: string) => s + ' ' + s,
    (s: string) => `$(${s})`,
    (s: string) => `"${s}`,
    (s: string) => s.replace(/ /g, '\n'),
  ];
  let out = base;
  const times = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < times; i++) out = ops[Math.floor(rand() * ops.length)](out);
  return out;
}

const ADVERSARIAL = [
  '$('.repeat(5000),
  '$('.repeat(200) + 'rm -rf /' + ')'.repeat(200),
  '('.repeat(10000),
  '{ '.repeat(3000),
  '`'.repeat(999),
  "'".repeat(10001),
  '"'.repeat(10001),
  'echo ' + 'a'.repeat(100_001),
  'ls | '.repeat(5000) + 'ls',
  'a && '.repeat(5000) + 'b',
  'eval '.repeat(500) + 'rm -rf /',
  'bash -c '.repeat(300) + 'ls',
  'cat <<EOF\n'.repeat(500),
  '<<'.repeat(1000),
  'x=$(' + 'echo $('.repeat(63) + 'rm -rf /' + ')'.repeat(64),
  ':(){ :|:& };:',
  'f() { f; }; f',
  'a() { b; }; b() { a; }; a',
  '${'.repeat(3000),
  '$(('.repeat(3000),
  'echo ' + '\\'.repeat(50001),
  'for x in ' + 'a '.repeat(20000) + '; do rm $x; done',
  'case x in ' + 'a) b;; '.repeat(3000) + 'esac',
  'echo '.padEnd(90_000, "'a' "),
  String.fromCharCode(0) + 'rm -rf /',
  // Long words that almost match a fast path, then fail at the end (regex backtracking).
  'echo ' + 'x'.repeat(90_000) + '#',
  'echo ' + 'x'.repeat(90_000) + '!',
  "echo '" + 'x'.repeat(90_000),
  'echo "' + 'a'.repeat(45_000) + '"' + 'b'.repeat(45_000) + '$',
];

/** Ways to embed a command so that it still runs: substitutions, groups, chains, expansions that stay unknown. */
const EMBED: Wrap[] = [
  // A space after `$(`: `$((…))` would be arithmetic, in bash as here.
  (c) => `$( ${c} )`,
  (c) => `\`${c}\``,
  (c) => `x=$( ${c} )`,
  (c) => `echo "$( ${c} )"`,
  (c) => `{ ${c}; }`,
  (c) => `(${c})`,
  (c) => `true; ${c} # trailing comment`,
  (c) => `${c} &`,
  (c) => `echo $(( $( ${c} ) + 1 ))`,
  (c) => `case a in $( ${c} )) :;; esac`,
  // An unknown expansion in front of the program name makes the program unknown: still gated.
  (c) => `\${UNSET_PREFIX}${c}`,
  (c) => `"$UNSET_PREFIX"${c}`,
  (c) => `$(printf '')${c}`,
];

test('fuzz: a destructive command embedded in random stacks of substitutions, groups and expansions is always gated', () => {
  const rand = rng(11);
  let checked = 0;
  for (const base of GATED) {
    for (let k = 0; k < 24; k++) {
      let cmd = base;
      const depth = 1 + Math.floor(rand() * 3);
      for (let d = 0; d < depth; d++) cmd = EMBED[Math.floor(rand() * EMBED.length)](cmd);
      const r = evaluate({ command: cmd }, opts);
      assert.ok(gated(r.decision), `ungated: ${JSON.stringify(cmd)} → ${r.decision}`);
      checked++;
    }
  }
  // The adversarial inputs that carry a destructive command gate too, whatever limit they hit.
  for (const input of ADVERSARIAL.filter((a) => a.includes('rm -rf /'))) {
    assert.ok(
      gated(evaluate({ command: input }, opts).decision),
      `ungated adversarial input ${JSON.stringify(input.slice(0, 80))}`,
    );
    checked++;
  }
  assert.ok(checked > 500);
});

test('fuzz: random and adversarial input never crashes, hangs or fails open', () => {
  const rand = rng(7);
  const seeds = [...GATED, 'ls -la', 'git status', "echo 'x' | psql", 'cat <<EOF\nhi\nEOF', 'a=$(b) c "$d" `e` <(f)'];
  const inputs: string[] = [...ADVERSARIAL];
  for (let i = 0; i < 6000; i++) inputs.push(randomString(rand, 80));
  for (let i = 0; i < 6000; i++) inputs.push(mutate(rand, seeds[Math.floor(rand() * seeds.length)]));
  assert.ok(inputs.length >= 10_000);
  let slowest = 0;
  let slowestInput = '';
  for (const input of inputs) {
    const t0 = process.hrtime.bigint();
    const r = evaluate({ command: input }, opts);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms > slowest) {
      slowest = ms;
      slowestInput = input;
    }
    assert.ok(['allow', 'ask', 'deny'].includes(r.decision));
    assert.ok(
      !r.findings.some((f) => f.id === 'engine.internal-error'),
      `internal error on ${JSON.stringify(input.slice(0, 120))}: ${r.findings.map((f) => f.summary).join('; ')}`,
    );
    if (r.findings.some((f) => f.id.startsWith('parse.')))
      assert.notEqual(r.decision, 'allow', `fails open on ${JSON.stringify(input.slice(0, 120))}`);
  }
  // A hang guard, not a benchmark (npm run bench measures speed): nothing may take seconds.
  assert.ok(
    slowest < 2000,
    `slowest input took ${slowest.toFixed(1)} ms: ${JSON.stringify(slowestInput.slice(0, 80))}`,
  );
});
