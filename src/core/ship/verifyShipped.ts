// `agentguard audit verify --shipped FILE`: checks what a log pipeline
// received against the hash chain. The file may hold RFC 5424 syslog lines
// as AgentGuard sent them, bare audit entries (a receiver that kept only the
// message), or OTLP/JSON export lines (a collector's file exporter). Every
// entry must hash to what it says, follow the one before it, and, where the
// local log is at hand, be the local entry of the same number; entries
// received twice (delivery is at least once) are named, not failed.
import { entryHash, sha256 } from '../state/audit';
import { SD_ID } from './syslog';

export interface ShippedEntry {
  /** 1-based line of the export file it came from. */
  at: number;
  seq?: number;
  hash: string;
  prev: string;
  /** The entry's line, when shipped whole (not clipped). */
  line?: string;
  synthetic?: boolean;
}

export interface ShippedVerdict {
  ok: boolean;
  entries: number;
  firstSeq?: number;
  lastSeq?: number;
  duplicates: number;
  /** Entries of the local log written after the last one received (not yet delivered). */
  notYetDelivered?: number;
  problems: string[];
  notices: string[];
}

function sdParams(sd: string): Record<string, string> | undefined {
  const start = sd.indexOf(`[${SD_ID} `);
  if (start === -1) return undefined;
  const out: Record<string, string> = {};
  const re = /\s([A-Za-z0-9_.-]+)="((?:[^"\\]|\\.)*)"/y;
  re.lastIndex = start + SD_ID.length + 1;
  for (let m = re.exec(sd); m; m = re.exec(sd)) out[m[1]] = m[2].replace(/\\(["\\\]])/g, '$1');
  return out;
}

/** The structured data and message of an RFC 5424 line (an octet count before it is skipped). */
function parseSyslogLine(text: string): { sd: Record<string, string>; msg: string } | undefined {
  const m = /^(?:\d+ )?<\d{1,3}>1 \S+ \S+ \S+ \S+ \S+ /.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length);
  if (!rest.startsWith('[')) return undefined;
  // Structured data ends at the first `]` not escaped and not followed by another `[` element.
  let i = 0;
  let inQuote = false;
  for (; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') inQuote = !inQuote;
    else if (c === ']' && !inQuote && rest[i + 1] !== '[') break;
  }
  const sd = sdParams(rest.slice(0, i + 1));
  if (!sd) return undefined;
  return { sd, msg: rest.slice(i + 2).replace(/^\uFEFF/, '') };
}

function fromAuditLine(line: string, at: number): ShippedEntry | undefined {
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    if (typeof v.hash === 'string' && typeof v.prev === 'string') return { at, hash: v.hash, prev: v.prev, line };
  } catch {
    // not an entry
  }
  return undefined;
}

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; arrayValue?: unknown };

function fromOtlpJson(
  v: {
    resourceLogs?: {
      scopeLogs?: { logRecords?: { body?: AnyValue; attributes?: { key: string; value: AnyValue }[] }[] }[];
    }[];
  },
  at: number,
): ShippedEntry[] {
  const out: ShippedEntry[] = [];
  for (const rl of v.resourceLogs ?? []) {
    for (const sl of rl.scopeLogs ?? []) {
      for (const r of sl.logRecords ?? []) {
        const attr = new Map((r.attributes ?? []).map((a) => [a.key, a.value]));
        const hash = attr.get('agentguard.audit.hash')?.stringValue;
        const prev = attr.get('agentguard.audit.prev')?.stringValue;
        if (!hash || !prev) continue;
        const seq = Number(attr.get('agentguard.audit.seq')?.intValue);
        out.push({
          at,
          hash,
          prev,
          ...(Number.isSafeInteger(seq) ? { seq } : {}),
          ...(typeof r.body?.stringValue === 'string' ? { line: r.body.stringValue } : {}),
        });
      }
    }
  }
  return out;
}

/** Every AgentGuard entry an export file holds, in its order. */
export function parseShipped(text: string): { entries: ShippedEntry[]; skipped: number } {
  const entries: ShippedEntry[] = [];
  let skipped = 0;
  text.split('\n').forEach((raw, i) => {
    const at = i + 1;
    const text = raw.replace(/\r$/, '');
    if (!text.trim()) return;
    const syslog = text.includes('<')
      ? parseSyslogLine(text.slice(Math.max(0, text.search(/(?:\d+ )?<\d{1,3}>1 /))))
      : undefined;
    if (syslog) {
      const { sd, msg } = syslog;
      const seq = Number(sd.seq);
      entries.push({
        at,
        hash: sd.hash ?? '',
        prev: sd.prev ?? '',
        ...(Number.isSafeInteger(seq) ? { seq } : {}),
        ...(sd.clipped === 'true' || sd.synthetic === 'true' ? {} : { line: msg }),
        ...(sd.synthetic === 'true' ? { synthetic: true } : {}),
      });
      return;
    }
    const audit = fromAuditLine(text, at);
    if (audit) {
      entries.push(audit);
      return;
    }
    try {
      const v = JSON.parse(text) as Parameters<typeof fromOtlpJson>[0];
      const otlp = v && typeof v === 'object' && Array.isArray(v.resourceLogs) ? fromOtlpJson(v, at) : [];
      if (otlp.length) {
        entries.push(...otlp);
        return;
      }
    } catch {
      // not JSON
    }
    skipped++;
  });
  return { entries, skipped };
}

function lineHashOk(line: string, hash: string): boolean {
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    if (v && typeof v === 'object' && typeof v.hash === 'string') return v.hash === hash && entryHash(v) === hash;
  } catch {
    // a torn line is chained by its bytes
  }
  return sha256(line) === hash;
}

/** The local chain as hash → entry number; undefined when there is no local log to compare with. */
export function localChain(localText: string | undefined): Map<string, number> | undefined {
  if (localText === undefined) return undefined;
  const m = new Map<string, number>();
  let seq = 0;
  for (const line of localText.split('\n')) {
    if (!line) continue;
    seq++;
    let hash: string;
    try {
      const v = JSON.parse(line) as { hash?: unknown };
      hash = typeof v.hash === 'string' ? v.hash : sha256(line);
    } catch {
      hash = sha256(line);
    }
    if (!m.has(hash)) m.set(hash, seq);
  }
  return m;
}

export function verifyShipped(exportText: string, localText?: string): ShippedVerdict {
  const { entries: all, skipped } = parseShipped(exportText);
  const problems: string[] = [];
  const notices: string[] = [];
  if (skipped) notices.push(`${skipped} line(s) are not AgentGuard entries and were skipped`);
  const seen = new Set<string>();
  const received: ShippedEntry[] = [];
  let duplicates = 0;
  for (const e of all) {
    if (e.synthetic) {
      notices.push(`line ${e.at}: the shipper reported a gap in the local log there`);
      continue;
    }
    if (seen.has(e.hash)) {
      duplicates++;
      continue;
    }
    seen.add(e.hash);
    received.push(e);
  }
  for (const e of received) {
    if (e.line !== undefined && !lineHashOk(e.line, e.hash))
      problems.push(
        `line ${e.at}${e.seq ? ` (entry ${e.seq})` : ''} was edited: its content does not match its hash ${e.hash.slice(0, 12)}…`,
      );
  }
  for (let i = 1; i < received.length; i++) {
    const [a, b] = [received[i - 1], received[i]];
    if (b.prev !== a.hash) {
      const why = received.some((x) => x.hash === b.prev)
        ? 'entries arrived out of order'
        : 'the entries between them never arrived';
      problems.push(
        `line ${b.at}${b.seq ? ` (entry ${b.seq})` : ''} does not follow line ${a.at}${a.seq ? ` (entry ${a.seq})` : ''}: ${why}`,
      );
    }
  }
  const local = localChain(localText);
  let notYetDelivered: number | undefined;
  if (local) {
    for (const e of received) {
      const seq = local.get(e.hash);
      if (seq === undefined)
        problems.push(
          `line ${e.at}${e.seq ? ` (entry ${e.seq})` : ''} is not in the local audit log: forged, or from another machine or log`,
        );
      else if (e.seq !== undefined && e.seq !== seq)
        problems.push(`line ${e.at} says it is entry ${e.seq}; in the local log it is entry ${seq}`);
    }
    const last = received.length ? local.get(received[received.length - 1].hash) : 0;
    if (last !== undefined) notYetDelivered = local.size - last;
  } else notices.push('no local audit log to compare with: checked the received entries among themselves');
  const seqs = received.map((e) => e.seq).filter((s): s is number => s !== undefined);
  return {
    ok: problems.length === 0,
    entries: received.length,
    ...(seqs.length ? { firstSeq: Math.min(...seqs), lastSeq: Math.max(...seqs) } : {}),
    duplicates,
    ...(notYetDelivered !== undefined ? { notYetDelivered } : {}),
    problems,
    notices,
  };
}
