// `agentguard audit ship [--once] [--syslog URL] [--otlp URL] [--ca FILE]`:
// delivers every audit entry to the organization's pipeline — the
// destinations the managed policy's `audit` key names, or the flags. It
// follows the log until stopped (run it as a user service where no editor
// runs); `--once` sends what is pending and exits 1 if any of it could not
// be delivered. `agentguard audit verify --shipped FILE` checks an export
// the pipeline received against the local chain.
import * as fs from 'node:fs';
import { type AuditSinksConfig, auditFile, shipModule, type RoundResult } from '../core/frontdoor/records';
import { readManagedPolicy } from '../core/frontdoor/policy';
import { serviceConfig } from '../core/frontdoor/records';

const USAGE =
  'usage: agentguard audit ship [--once] [--syslog tcp://HOST:PORT|tls://HOST:PORT] [--otlp http(s)://HOST:PORT/v1/logs] [--ca FILE]\n';
const MAX_EXPORT_BYTES = 1024 * 1024 * 1024;

function parse(args: readonly string[]): { once: boolean; config?: AuditSinksConfig } | string {
  let once = false;
  const config: AuditSinksConfig = {};
  let named = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--once') once = true;
      else if (a === '--syslog') {
        config.syslog = value();
        named = true;
      } else if (a === '--otlp') {
        config.otlp = value();
        named = true;
      } else if (a === '--ca') config.ca = value();
      else return `unknown argument ${JSON.stringify(a)}`;
    } catch (err) {
      return (err as Error).message;
    }
  }
  return named ? { once, config } : { once };
}

function line(r: RoundResult): string {
  const what = r.busy ? 'another shipper is delivering to it now' : r.error ? `FAILED: ${r.error}` : 'delivered';
  return `${r.sink}: ${what}; ${r.delivered} sent, ${r.pending} pending${r.gap ? `; GAP: ${r.gap}` : ''}\n`;
}

export async function runShip(stateDir: string, args: string[]): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`agentguard audit ship: ${parsed}\n${USAGE}`);
    return 64;
  }
  let config = parsed.config;
  if (!config) {
    const service = serviceConfig();
    if (service) {
      // The service ships the log it keeps, with cursors no process of this user can move; this user's copy is not shipped a second time.
      process.stdout.write(
        `the AgentGuard service (user ${service.user}) ships this machine's audit logs to the managed policy's destinations and keeps how far it got: agentguard audit verify shows it\n`,
      );
      return 0;
    }
    const managed = readManagedPolicy();
    if (managed.state === 'invalid') {
      process.stderr.write(`agentguard audit ship: the managed policy cannot be used: ${managed.problem}\n`);
      return 78;
    }
    config = managed.state === 'ok' ? managed.config.audit : undefined;
    if (!config?.syslog && !config?.otlp) {
      process.stderr.write(
        `agentguard audit ship: no destination: the managed policy (${managed.file}) names none under "audit"; pass --syslog or --otlp\n${USAGE}`,
      );
      return 64;
    }
  }
  const ship = shipModule();
  const targets = ship.shipTargets(config);
  if (typeof targets === 'string') {
    process.stderr.write(`agentguard audit ship: ${targets}\n`);
    return 64;
  }
  if (parsed.once) {
    const results = await ship.shipOnce(stateDir, targets);
    for (const r of results) process.stdout.write(line(r));
    return results.every((r) => !r.error && !r.busy && r.pending === 0) ? 0 : 1;
  }
  process.stdout.write(`following ${auditFile(stateDir)} to ${targets.map((t) => t.sink.url).join(', ')}\n`);
  const follower = ship.followShipping(stateDir, targets, { onRound: (r) => process.stdout.write(line(r)) });
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await follower.stop();
  return 0;
}

export async function runVerifyShipped(stateDir: string, args: string[]): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    process.stderr.write('usage: agentguard audit verify --shipped FILE\n');
    return 64;
  }
  let exported: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_EXPORT_BYTES)
      throw new Error(st.isFile() ? `larger than ${MAX_EXPORT_BYTES} bytes` : 'not a regular file');
    exported = fs.readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`agentguard audit verify --shipped: cannot read ${file}: ${(err as Error).message}\n`);
    return 64;
  }
  let local: string | undefined;
  try {
    local = fs.readFileSync(auditFile(stateDir), 'utf8');
  } catch {
    local = undefined;
  }
  const v = shipModule().verifyShipped(exported, local);
  const range = v.firstSeq !== undefined ? ` (entries ${v.firstSeq}–${v.lastSeq})` : '';
  const extra = [
    ...(v.duplicates ? [`${v.duplicates} received twice (delivery is at least once)`] : []),
    ...(v.notYetDelivered ? [`${v.notYetDelivered} written locally after the last one received`] : []),
  ];
  if (v.ok)
    process.stdout.write(
      `shipped export intact: ${v.entries} ${v.entries === 1 ? 'entry' : 'entries'}${range}${local !== undefined ? ' match the local chain' : ''}${extra.length ? `; ${extra.join('; ')}` : ''}\n`,
    );
  else {
    process.stdout.write(
      `shipped export BROKEN: ${v.problems.length} ${v.problems.length === 1 ? 'problem' : 'problems'} in ${v.entries} entries${range}\n`,
    );
    for (const p of v.problems.slice(0, 20)) process.stdout.write(`  ${p}\n`);
    if (v.problems.length > 20) process.stdout.write(`  and ${v.problems.length - 20} more\n`);
  }
  for (const n of v.notices) process.stdout.write(`note: ${n}\n`);
  return v.ok ? 0 : 1;
}
