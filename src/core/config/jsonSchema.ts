// The JSON Schema shipped with the extension (`contributes.jsonValidation`),
// generated from the zod schema so there is one source of truth. Used by
// scripts/gen-schema.mjs to write schemas/agentguard.schema.json and by the
// drift test to check the committed file is current.
import { z } from 'zod';
import { configSchema } from './schema';

type JsonObject = { [key: string]: unknown };

export function configJsonSchema(): JsonObject {
  // draft-07: the draft VS Code's JSON language service supports fully.
  const schema = z.toJSONSchema(configSchema, { target: 'draft-07', io: 'input' }) as JsonObject;
  addMarkdownDescriptions(schema);
  return {
    $schema: schema.$schema,
    title: 'AgentGuard workspace configuration (.agentguard.json)',
    description: 'Rules, environments and protected paths that AgentGuard judges every AI agent command and file edit against.',
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

// Descriptions use `code` spans; VS Code renders them only from markdownDescription.
function addMarkdownDescriptions(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(addMarkdownDescriptions);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const obj = node as JsonObject;
  if (typeof obj.description === 'string' && obj.markdownDescription === undefined) obj.markdownDescription = obj.description;
  for (const [key, value] of Object.entries(obj)) {
    if (key !== 'examples' && key !== 'default') addMarkdownDescriptions(value);
  }
}

function withoutKey(obj: JsonObject, key: string): JsonObject {
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}
