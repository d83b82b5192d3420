// Audit entries as OpenTelemetry log records, sent over OTLP/HTTP
// (protobuf) by the official SDK to the collector a team already runs. Each
// record's body is the entry's exact line (so its hash can be recomputed);
// its attributes follow the semantic conventions where one exists, its
// EventName names the event, its severity is one a SIEM alerts on
// (classify.ts). A batch counts as delivered when the exporter reports
// success (the collector answered 2xx, after the exporter's own retries).
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, type LogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import * as os from 'node:os';
import type { OtlpSink } from '../config/auditSinks';
import { BUILD_ID } from '../build';
import { attributesOf, OTEL_SEVERITY, SEMCONV, type Classified } from './classify';

export interface OtlpEntry {
  line: string;
  seq: number;
  hash: string;
  prev: string;
  time: string | undefined;
  record: Record<string, unknown>;
  classified: Classified;
}

export interface OtlpOptions {
  headers?: Record<string, string>;
  /** PEM certificate authorities for an https:// collector (default: the system's). */
  ca?: string | Buffer;
  timeoutMs?: number;
}

/** OpenTelemetry's `os.type` values for the platforms AgentGuard runs on. */
function osType(): string {
  return process.platform === 'win32' ? 'windows' : process.platform;
}

export class OtlpShipper {
  private readonly provider: LoggerProvider;
  private readonly logger: ReturnType<LoggerProvider['getLogger']>;
  private readonly exporter: OTLPLogExporter;
  private emitted: ReadableLogRecord[] = [];

  constructor(
    readonly sink: OtlpSink,
    opts: OtlpOptions = {},
  ) {
    // The SDK builds each record; this processor only hands them to the export below, batch by batch,
    // so the cursor advances exactly when the exporter reports a batch delivered.
    const collector: LogRecordProcessor = {
      onEmit: (record) => {
        this.emitted.push(record);
      },
      forceFlush: async () => undefined,
      shutdown: async () => undefined,
    };
    this.provider = new LoggerProvider({
      resource: resourceFromAttributes({
        [ATTR_SERVICE_NAME]: 'agentguard',
        [ATTR_SERVICE_VERSION]: BUILD_ID,
        [SEMCONV.hostName]: os.hostname(),
        [SEMCONV.osType]: osType(),
      }),
      processors: [collector],
    });
    this.logger = this.provider.getLogger('agentguard.audit', BUILD_ID);
    this.exporter = new OTLPLogExporter({
      url: sink.url,
      timeoutMillis: opts.timeoutMs ?? 15_000,
      ...(opts.headers ? { headers: opts.headers } : {}),
      ...(opts.ca ? { httpAgentOptions: { ca: opts.ca } } : {}),
    });
  }

  /** Sends one batch; resolves once the collector accepted it, rejects otherwise. */
  send(entries: readonly OtlpEntry[]): Promise<void> {
    this.emitted = [];
    for (const e of entries) {
      const time = e.time && !Number.isNaN(Date.parse(e.time)) ? new Date(e.time) : new Date();
      this.logger.emit({
        timestamp: time,
        observedTimestamp: new Date(),
        severityNumber: OTEL_SEVERITY[e.classified.severity] as SeverityNumber,
        severityText: e.classified.severity.toUpperCase(),
        eventName: e.classified.eventName,
        body: e.line,
        attributes: attributesOf(e.record, e, e.classified),
      });
    }
    const batch = this.emitted;
    this.emitted = [];
    return new Promise((resolve, reject) => {
      this.exporter.export(batch, (result) => {
        // ExportResultCode.SUCCESS is 0.
        if (result.code === 0) resolve();
        else reject(result.error ?? new Error(`${this.sink.url} did not accept the batch`));
      });
    });
  }

  async close(): Promise<void> {
    await this.exporter.shutdown().catch(() => undefined);
    await this.provider.shutdown().catch(() => undefined);
  }
}
