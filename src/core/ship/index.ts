// What the doors use of the shipper: `agentguard audit ship` and
// `audit verify --shipped` (cli/audit.ts), and the editor's follower
// (extension/shipping.ts). Bundled on its own (dist/ship.js, with the
// OpenTelemetry SDK) and loaded through load.ts only when shipping is
// configured or asked for: the hook never loads it.
import * as fs from 'node:fs';
import { auditSinks, type AuditSinksConfig } from '../config/auditSinks';
import type { ShipTarget } from './shipper';

export {
  followShipping,
  pendingCount,
  shipOnce,
  shipRound,
  type Follower,
  type RoundResult,
  type ShipTarget,
} from './shipper';
export { verifyShipped, type ShippedVerdict } from './verifyShipped';
export { readCursor } from './spool';

/** The destinations a config names, with its CA file read; or what is wrong with it. */
export function shipTargets(config: AuditSinksConfig | undefined): ShipTarget[] | string {
  const sinks = auditSinks(config);
  if (typeof sinks === 'string') return sinks;
  let ca: Buffer | undefined;
  if (config?.ca) {
    try {
      ca = fs.readFileSync(config.ca);
    } catch (err) {
      return `audit.ca: cannot read ${config.ca}: ${(err as Error).message}`;
    }
  }
  return sinks.map((sink) => ({
    sink,
    ...(ca ? { ca } : {}),
    ...(sink.kind === 'otlp' && config?.otlpHeaders ? { headers: config.otlpHeaders } : {}),
  }));
}
