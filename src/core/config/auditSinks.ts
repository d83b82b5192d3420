// Where audit entries are shipped: `tcp://HOST:PORT` or `tls://HOST:PORT`
// for syslog (RFC 5424 over TCP, RFC 5425 over TLS), `http(s)://…/v1/logs`
// for OpenTelemetry logs over OTLP/HTTP. Parsed here, without the schema
// library, so the shipper and the validator read a URL the same way.

export interface SyslogSink {
  kind: 'syslog';
  url: string;
  tls: boolean;
  host: string;
  port: number;
}

export interface OtlpSink {
  kind: 'otlp';
  url: string;
}

export type AuditSink = SyslogSink | OtlpSink;

/** The `audit` key of a managed policy (and of `agentguard audit ship`'s flags). */
export interface AuditSinksConfig {
  syslog?: string;
  otlp?: string;
  /** PEM file of the certificate authorities a `tls://` syslog or `https://` OTLP receiver is checked against (default: the system's). */
  ca?: string;
  /** Headers sent with every OTLP request (an API key a collector wants). */
  otlpHeaders?: Record<string, string>;
}

export function parseSyslogUrl(url: string): SyslogSink | string {
  const m = /^(tcp|tls):\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/.exec(url);
  if (!m) return `expected tcp://HOST:PORT or tls://HOST:PORT, got ${JSON.stringify(url)}`;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return `port ${port} is out of range (1–65535)`;
  return { kind: 'syslog', url, tls: m[1] === 'tls', host: m[2].replace(/^\[|\]$/g, ''), port };
}

export function parseOtlpUrl(url: string): OtlpSink | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `expected an http(s):// URL such as https://otel.example.com:4318/v1/logs, got ${JSON.stringify(url)}`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `expected http:// or https://, got ${parsed.protocol}//`;
  if (parsed.username || parsed.password)
    return 'credentials in the URL would be shipped in every request line of a proxy log: put them in otlpHeaders';
  return { kind: 'otlp', url };
}

/** The sinks a config names, or the first problem with it. */
export function auditSinks(config: AuditSinksConfig | undefined): AuditSink[] | string {
  const out: AuditSink[] = [];
  if (config?.syslog !== undefined) {
    const s = parseSyslogUrl(config.syslog);
    if (typeof s === 'string') return `audit.syslog: ${s}`;
    out.push(s);
  }
  if (config?.otlp !== undefined) {
    const o = parseOtlpUrl(config.otlp);
    if (typeof o === 'string') return `audit.otlp: ${o}`;
    out.push(o);
  }
  return out;
}
