// The shape of `.agentguard.json`. A contract relied on outside this
// repository: fields may be added, never renamed. The JSON Schema under
// schemas/ is generated from this file (see scripts/gen-schema).
import { z } from 'zod';

const globList = z.array(z.string().min(1));

export const environmentSchema = z.object({
  production: z.boolean().optional(),
  hosts: globList.optional(),
  env: z.record(z.string(), z.string()).optional(),
  kubeContexts: globList.optional(),
  awsProfiles: globList.optional(),
  gcloudProjects: globList.optional(),
}).strict();

export const ruleSchema = z.object({
  match: z.string().min(1),
  decision: z.enum(['allow', 'ask', 'deny']),
  reason: z.string().optional(),
  environments: z.array(z.string()).optional(),
}).strict();

export const configSchema = z.object({
  $schema: z.string().optional(),
  environments: z.record(z.string(), environmentSchema).optional(),
  rules: z.array(ruleSchema).optional(),
  protectedPaths: globList.optional(),
  thresholds: z.object({
    ask: z.number().int().min(0).max(100).optional(),
    deny: z.number().int().min(0).max(100).optional(),
  }).strict().optional(),
  rateLimit: z.object({
    maxGated: z.number().int().min(1).optional(),
    windowSeconds: z.number().int().min(1).optional(),
  }).strict().optional(),
  mode: z.enum(['enforce', 'monitor']).optional(),
}).strict();

export type Config = z.infer<typeof configSchema>;
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type Rule = z.infer<typeof ruleSchema>;

export const DEFAULT_THRESHOLDS = { ask: 40, deny: 90 } as const;
export const DEFAULT_RATE_LIMIT = { maxGated: 5, windowSeconds: 10 } as const;
