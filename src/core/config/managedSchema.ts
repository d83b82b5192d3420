// The organization's managed policy (`/etc/agentguard/policy.json` and its
// macOS and Windows places): the schema of `.agentguard.json` plus what only
// an organization sets. Workspace and user policy may tighten it, never
// loosen it (policy/managedMerge.ts). A JSON Schema is generated from this
// too (schemas/agentguard-managed.schema.json), for whoever writes the file.
import { z } from 'zod';
import { parseOtlpUrl, parseSyslogUrl } from './auditSinks';
import { configShape, semanticIssues, type Config, type SemanticIssue } from './schema';

const auditSchema = z
  .object({
    syslog: z
      .string()
      .describe(
        'Syslog receiver for every audit entry, RFC 5424 over TCP (`tcp://HOST:PORT`) or over TLS (`tls://HOST:PORT`, RFC 5425).',
      )
      .meta({ examples: ['tls://siem.acme.internal:6514'] })
      .optional(),
    otlp: z
      .string()
      .describe('OpenTelemetry collector for every audit entry, as logs over OTLP/HTTP (protobuf).')
      .meta({ examples: ['https://otel.acme.internal:4318/v1/logs'] })
      .optional(),
    ca: z
      .string()
      .min(1)
      .describe(
        "PEM file of the certificate authorities a `tls://` or `https://` receiver is checked against (default: the system's).",
      )
      .meta({ examples: ['/etc/agentguard/siem-ca.pem'] })
      .optional(),
    otlpHeaders: z
      .record(z.string().min(1), z.string())
      .describe(
        'Headers sent with every OTLP request, such as an API key the collector expects. The file is readable by every user: prefer a collector that authenticates by network.',
      )
      .optional(),
  })
  .strict()
  .describe(
    'Where every audit entry is shipped, allowed calls too, in order and at least once: the local hash-chained log is the spool. Shipping runs in the editor and in `agentguard audit ship`, never in the hook.',
  )
  .meta({ title: 'Audit shipping' });

const lockedSettingsSchema = z
  .object({
    'agentguard.mode': z
      .literal('enforce')
      .describe('The editor setting `agentguard.mode` is `enforce` whatever user or workspace settings say.')
      .optional(),
    'agentguard.approvalTimeoutSeconds': z
      .number()
      .int()
      .min(5)
      .max(600)
      .describe('How long an approval question waits in the editor, whatever the settings say.')
      .optional(),
    'agentguard.cliPath': z
      .string()
      .describe(
        'The CLI the editor wires into agent hooks, whatever the settings say (empty: the one bundled with the extension).',
      )
      .optional(),
  })
  .strict()
  .describe(
    "Values of `agentguard.*` editor settings that no user or workspace setting can change. VS Code and Cursor offer no policy channel for a third-party extension's settings, so AgentGuard reads them here.",
  )
  .meta({ title: 'Locked settings' });

const serviceSchema = z
  .object({
    user: z
      .string()
      .regex(/^[a-z_][a-z0-9_-]{0,31}$/)
      .describe(
        'The OS user the AgentGuard service runs as (default `agentguard`). A hook trusts a socket only when it and every folder above it belong to root or this user.',
      )
      .meta({ examples: ['agentguard'] })
      .optional(),
    socketDir: z
      .string()
      .regex(/^\/[^\0]*$/)
      .max(200)
      .describe(
        "Root-owned folder of the service's sockets (default `/run/agentguard`): each developer user connects to `users/<uid>/agentguard.sock`, a folder only that user's group may enter.",
      )
      .optional(),
    stateDir: z
      .string()
      .regex(/^\/[^\0]*$/)
      .max(200)
      .describe(
        "Where the service keeps each user's kill switch, audit log and circuit breaker count (default `/var/lib/agentguard`), writable by the service user only.",
      )
      .optional(),
    timeoutMs: z
      .number()
      .int()
      .min(50)
      .max(10_000)
      .describe('How long a hook waits for the service before it blocks the call (default 2000).')
      .optional(),
    usersMayRelease: z
      .boolean()
      .describe(
        '`true`: a developer may release the kill switch through the service (`agentguard service release`). Default: only root may (`sudo agentguard service release --user NAME`).',
      )
      .optional(),
    floodLimit: z
      .object({
        writes: z.number().int().min(10).max(1_000_000).optional(),
        bytes: z
          .number()
          .int()
          .min(64 * 1024)
          .max(1024 * 1024 * 1024)
          .optional(),
        windowSeconds: z.number().int().min(1).max(3600).optional(),
      })
      .strict()
      .describe(
        "How much one developer may make the service write per window (default 600 requests and 8 MiB of request lines per 60 s; one process at most half of it). Past it the service refuses, writes one `service.flood` entry into that developer's log, and hooks block until the next window.",
      )
      .optional(),
  })
  .strict()
  .describe(
    "An AgentGuard service under its own OS user (`agentguard install --managed --service`) keeps the kill switch, the audit log and the circuit breaker's count where no process of a developer can write. Named here, every hook uses it; when it is unreachable, slow or answers garbage, every hook blocks.",
  )
  .meta({ title: 'AgentGuard service' });

export const managedPolicySchema = configShape
  .extend({
    service: serviceSchema.optional(),
    audit: auditSchema.optional(),
    allowMonitorMode: z
      .boolean()
      .describe(
        "`false`: no workspace, user setting or human confirmation can switch AgentGuard to monitor mode on this machine. Even when allowed, monitor mode never lifts what this policy's own rules, protected paths and production environments gate.",
      )
      .meta({ examples: [false] })
      .optional(),
    lockedSettings: lockedSettingsSchema.optional(),
    approvalPeerProof: z
      .enum(['recorded', 'kernel', 'authenticated'])
      .describe(
        "What the check of the process that answers an approval must be worth. `kernel`: a human approval counts only where Linux keeps the developer's other processes from tracing the editor (Yama `kernel.yama.ptrace_scope` 1 or more); elsewhere every ask is denied with the fix, and on macOS and Windows (no such setting) always. `authenticated`: the AgentGuard service records an approval only after the developer typed their own password into polkit's prompt for it (action `dev.agentguard.approve`, `auth_self`, asked at every approval); without the service, polkit or an authentication agent to ask (SSH, code-server, macOS, Windows) every ask is denied with the fix. Read at each approval. Default `recorded`: an approval counts where the editor recorded it, which without Yama any process of the developer can make it do.",
      )
      .meta({ examples: ['kernel', 'authenticated'] })
      .optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    for (const { path, message } of [...semanticIssues(value), ...managedIssues(value)])
      ctx.addIssue({ code: 'custom', path, message });
  });

/** Checks of the organization's keys beyond their shape (anything malformed is left to zod). */
export function managedIssues(value: unknown): SemanticIssue[] {
  const audit = (value as { audit?: unknown } | null)?.audit;
  if (typeof audit !== 'object' || audit === null) return [];
  const out: SemanticIssue[] = [];
  const { syslog, otlp } = audit as { syslog?: unknown; otlp?: unknown };
  if (typeof syslog === 'string') {
    const s = parseSyslogUrl(syslog);
    if (typeof s === 'string') out.push({ path: ['audit', 'syslog'], message: s });
  }
  if (typeof otlp === 'string') {
    const o = parseOtlpUrl(otlp);
    if (typeof o === 'string') out.push({ path: ['audit', 'otlp'], message: o });
  }
  return out;
}

export type ManagedConfig = z.infer<typeof managedPolicySchema> & Config;
export type ServiceSettings = NonNullable<ManagedConfig['service']>;
export type LockedSettings = NonNullable<ManagedConfig['lockedSettings']>;
