// The AgentGuard service ships the logs it keeps: each developer's audit log
// goes to the managed policy's `audit` destinations from the service's own
// process, with the shipper's cursors beside the log in the service's state
// folder. No process of a developer can move, delete or rewind a cursor
// there, so none can make delivery skip entries; a log that no longer
// continues from a cursor is shipped as a gap notice first (core/ship), and
// said here as tampering, for the service's journal.
import {
  keptStateDir,
  shipModule,
  type Follower,
  type RoundResult,
  type ServiceConfig,
} from '../../core/frontdoor/records';

export interface ServiceShipping {
  /** The destinations, or why there are none. */
  to: string;
  /** Ships the log of a developer enrolled since the service started too. */
  add(uid: number): void;
  stop(): Promise<void>;
}

export function shipKeptLogs(
  service: ServiceConfig,
  uids: readonly number[],
  warn: (m: string) => void,
): ServiceShipping {
  const audit = service.audit;
  if (!audit?.syslog && !audit?.otlp)
    return {
      to: 'nowhere (the managed policy names no "audit" destination)',
      add: () => undefined,
      stop: async () => undefined,
    };
  const ship = shipModule();
  const targets = ship.shipTargets(audit);
  if (typeof targets === 'string') {
    warn(`audit shipping is not possible: ${targets}`);
    return { to: `nowhere (${targets})`, add: () => undefined, stop: async () => undefined };
  }
  const report = (uid: number) => (r: RoundResult) => {
    if (r.gap)
      warn(`TAMPERING: uid ${uid}'s audit log, shipping to ${r.sink}: ${r.gap} (a gap notice was shipped first)`);
    if (r.error) warn(`uid ${uid}: shipping to ${r.sink}: ${r.error}; ${r.pending} entries wait`);
  };
  const follow = (uid: number): Follower =>
    ship.followShipping(keptStateDir(service.stateDir, uid), targets, { onRound: report(uid) });
  const followers: Follower[] = uids.map(follow);
  return {
    to: targets.map((t) => t.sink.url).join(', '),
    add: (uid) => followers.push(follow(uid)),
    stop: async () => {
      await Promise.all(followers.map((f) => f.stop()));
    },
  };
}
