// Cloud metadata endpoints: a request for the instance's credentials, however its host is spelled.
import { readRequest } from '../common/httpRequest';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';

// ---- credentials fetched from a cloud metadata service --------------------------------

export const HTTP_FETCHERS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs']);

// The link-local metadata endpoints of EC2, ECS, GCE and Azure: from inside an instance they hand out its role's credentials.
const METADATA_HOST_RE =
  /^(?:169\.254\.169\.254|169\.254\.170\.2|169\.254\.170\.23|fd00:ec2::254|fd00:ec2::23|metadata\.google\.internal|metadata|100\.100\.100\.200|instance-data(?:\.ec2\.internal)?)$/;

const METADATA_SECRET_PATH_RE = /credentials|token|identity|service-accounts|security-credentials|user-data/i;

/** A word that may hold a metadata address in any of its spellings: dotted, one number, hex, IPv4-mapped IPv6. */
const METADATA_HINT = /169\.254\.|metadata|100\.100\.100\.200|fd00:ec2|\/\/(?:0x[0-9a-f]+|\d{8,}|0\d+\.|\[::ffff:)/i;

/** An IPv4 address in any form inet_aton accepts (`2852039166`, `0xa9fea9fe`, `0251.0376.0251.0376`, `::ffff:169.254.169.254`) as a dotted quad; other hosts as they are. */
export function canonicalHost(host: string): string {
  let h = host.toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/.exec(h);
  if (mapped) {
    const v = mapped[1];
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v);
    h = hex
      ? [
          parseInt(hex[1], 16) >> 8,
          parseInt(hex[1], 16) & 255,
          parseInt(hex[2], 16) >> 8,
          parseInt(hex[2], 16) & 255,
        ].join('.')
      : v;
  }
  const parts = h.split('.');
  if (parts.length > 4 || !parts.every((p) => /^(?:0x[0-9a-f]+|\d+)$/.test(p))) return h;
  const nums = parts.map((p) =>
    p.startsWith('0x') ? parseInt(p, 16) : p.length > 1 && p.startsWith('0') ? parseInt(p, 8) : parseInt(p, 10),
  );
  if (nums.some((n) => !Number.isFinite(n))) return h;
  // a, a.b (b is 24 bits), a.b.c (c is 16 bits), a.b.c.d
  let value = 0;
  for (let i = 0; i < nums.length - 1; i++) value = value * 256 + (nums[i] & 255);
  value = value * Math.pow(256, 5 - nums.length) + nums[nums.length - 1];
  if (value > 0xffffffff) return h;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** The finding for a URL that asks a cloud metadata service for the instance's credentials. */
export function metadataUrlFinding(name: string, url: string): Finding | undefined {
  // The host as written up to any unresolved part: `http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`.
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#$]+)(?::\d+)?(.*)$/i.exec(url);
  if (!m) return undefined;
  const host = canonicalHost(m[1]);
  const path = m[2].replace(/[?#].*$/, '');
  if (!METADATA_HOST_RE.test(host)) return undefined;
  // ECS hands out the task role's credentials at a path named by a variable; `/latest/api/token` is IMDSv2's session token.
  const ecs = host === '169.254.170.2' && (path === '' || path === '/' || /\$|credentials|v2|v4/i.test(path));
  if (!ecs && (!METADATA_SECRET_PATH_RE.test(path) || path === '/latest/api/token')) return undefined;
  return finding(
    'secrets.print-token',
    70,
    `${name} fetches the instance's cloud credentials from the metadata service (${host}${path})`,
    host,
    'let the SDK pick up the instance role itself; never print its keys',
  );
}

export function metadataFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  if (!METADATA_HINT.test(cmd.source)) return undefined;
  const req = readRequest(cmd, ctx);
  // Words with an unresolved part too (`http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`).
  for (const url of [...(req?.urls ?? []), ...cmd.argv.filter((w) => /^https?:\/\//i.test(w))]) {
    const f = metadataUrlFinding(name, url);
    if (f) return f;
  }
  return undefined;
}
