// AWS calls that switch off what watches the account, or take the account out
// from under its organization: the audit trail stops recording
// (`cloudtrail stop-logging`), threat detection, configuration history and
// findings stop (`guardduty update-detector --no-enable`, `configservice
// stop-configuration-recorder`, `securityhub disable-security-hub`), or the
// account leaves its organization and with it the guardrails and the
// organization's own trail (`organizations leave-organization`). Nothing is
// deleted, which is why the deletion reading misses them, but whatever runs
// next happens unrecorded: they erase the way back to knowing what happened.
import { hasFlag } from '../../command/args';
import type { Finding } from '../../types';
import { finding } from '../common/finding';

interface Oversight {
  /** What stops, for the reason. */
  what: string;
  /** Only when one of these flags is given (`update-detector --no-enable`); always when absent. */
  when?: readonly string[];
}

const OVERSIGHT: Record<string, Record<string, Oversight>> = {
  cloudtrail: {
    'stop-logging': { what: 'the CloudTrail trail stops recording API calls' },
    'stop-event-data-store-ingestion': { what: 'the CloudTrail Lake event data store stops taking in events' },
  },
  guardduty: {
    'update-detector': { what: 'GuardDuty stops watching the account for threats', when: ['--no-enable'] },
  },
  configservice: {
    'stop-configuration-recorder': { what: 'AWS Config stops recording configuration changes' },
  },
  securityhub: {
    'disable-security-hub': { what: 'Security Hub is turned off and its findings are dropped' },
  },
  macie2: {
    'disable-macie': { what: 'Macie is turned off and its findings and settings are deleted' },
  },
  inspector2: {
    disable: { what: 'Inspector stops scanning for vulnerabilities' },
  },
  organizations: {
    'leave-organization': {
      what: "the account leaves its organization: the organization's guardrails (service control policies) and its organization-wide trail no longer cover it",
    },
  },
};

/** The finding for a call that turns off the account's oversight, or undefined. */
export function awsOversightFindings(
  argv: readonly string[],
  service: string,
  operation: string,
  at: number,
): Finding[] | undefined {
  const o =
    Object.hasOwn(OVERSIGHT, service) && Object.hasOwn(OVERSIGHT[service], operation)
      ? OVERSIGHT[service][operation]
      : undefined;
  if (!o || (o.when && !hasFlag(argv, o.when, at + 1))) return undefined;
  const shown = `aws ${service} ${operation}`;
  return [
    finding(
      'cloud.aws-oversight-off',
      65,
      `${shown}: ${o.what}, so what happens next in the account goes unrecorded`,
      shown,
      "leave it on; if it must change, ask the account's owner to do it",
    ),
  ];
}
