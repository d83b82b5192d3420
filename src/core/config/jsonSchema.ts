// The JSON Schema shipped with the extension (`contributes.jsonValidation`),
// generated from the zod schema so there is one source of truth. Used by
// scripts/gen-schema.mjs to write schemas/agentguard.schema.json and by the
// drift test to check the committed file is current.
import { z } from 'zod';
import { configSchema } from './schema';
import { managedPolicySchema } from './managedSchema';

type JsonObject = { [key: string]: unknown };

export function configJsonSchema(): JsonObject {
  // draft-07: the draft VS Code's JSON language service supports fully.
  const schema = z.toJSONSchema(configSchema, { target: 'draft-07', io: 'input' }) as JsonObject;
  addMarkdownDescriptions(schema);
  return {
    $schema: schema.$schema,
    title: 'AgentGuard workspace configuration (.agentguard.json)',
    description:
      'Rules, environments and protected paths that AgentGuard judges every AI agent command and file edit against.',
    // VS Code extensions to JSON Schema: the loader accepts comments and trailing commas, so the editor should too.
    allowComments: true,
    allowTrailingCommas: true,
    ...withoutKey(schema, '$schema'),
  };
}

/** The file's text exactly as committed: two-space indent, trailing newline. */
export function configJsonSchemaText(): string {
  return JSON.stringify(configJsonSchema(), null, 2) + '\n';
}

/** The organization's managed policy (`/etc/agentguard/policy.json`): for whoever writes it, and for its own drift test. */
export function managedJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(managedPolicySchema, { target: 'draft-07', io: 'input' }) as JsonObject;
  addMarkdownDescriptions(schema);
  return {
    $schema: schema.$schema,
    title: 'AgentGuard managed policy (/etc/agentguard/policy.json)',
    description:
      "The organization's policy, merged under every workspace and user policy on the machine: the schema of .agentguard.json plus audit shipping, allowMonitorMode and lockedSettings.",
    allowComments: true,
    allowTrailingCommas: true,
    ...withoutKey(schema, '$schema'),
  };
}

export function managedJsonSchemaText(): string {
  return JSON.stringify(managedJsonSchema(), null, 2) + '\n';
}

// Descriptions use `code` spans; VS Code renders them only from markdownDescription.
function addMarkdownDescriptions(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(addMarkdownDescriptions);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const obj = node as JsonObject;
  if (typeof obj.description === 'string' && obj.markdownDescription === undefined)
    obj.markdownDescription = obj.description;
  for (const [key, value] of Object.entries(obj)) {
    if (key !== 'examples' && key !== 'default') addMarkdownDescriptions(value);
  }
}

function withoutKey(obj: JsonObject, key: string): JsonObject {
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}
