import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  configJsonSchema,
  configJsonSchemaText,
  managedJsonSchema,
  managedJsonSchemaText,
} from '../../../src/core/config/jsonSchema';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const COMMITTED = path.join(ROOT, 'schemas', 'agentguard.schema.json');

test('schemas/agentguard.schema.json is what the zod schema generates (run `npm run build && node scripts/gen-schema.mjs`)', () => {
  assert.equal(fs.readFileSync(COMMITTED, 'utf8'), configJsonSchemaText());
});

test("schemas/agentguard-managed.schema.json is what the managed policy's zod schema generates", () => {
  assert.equal(
    fs.readFileSync(path.join(ROOT, 'schemas', 'agentguard-managed.schema.json'), 'utf8'),
    managedJsonSchemaText(),
  );
  const props = managedJsonSchema().properties as Record<string, unknown>;
  for (const k of [
    'rules',
    'environments',
    'protectedPaths',
    'thresholds',
    'rateLimit',
    'audit',
    'allowMonitorMode',
    'lockedSettings',
  ])
    assert.ok(props[k], k);
});

test('package.json wires the committed schema to .agentguard.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { jsonValidation: { fileMatch: string; url: string }[] };
  };
  assert.deepEqual(
    pkg.contributes.jsonValidation.find((v) => v.fileMatch === '.agentguard.json')?.url,
    './schemas/agentguard.schema.json',
  );
});

type Node = { [k: string]: unknown };

/** Every named field of every object in the schema, with its JSON path. */
function fields(node: Node, at: string, out: [string, Node][] = []): [string, Node][] {
  const props = node.properties as Record<string, Node> | undefined;
  for (const [name, child] of Object.entries(props ?? {})) {
    out.push([`${at}.${name}`, child]);
    fields(child, `${at}.${name}`, out);
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    const child = node[key];
    if (child && typeof child === 'object') fields(child as Node, `${at}${key === 'items' ? '[]' : '.*'}`, out);
  }
  return out;
}

test('every field of the schema has a description and examples for hover and completion', () => {
  const all = fields(configJsonSchema(), '$');
  assert.ok(all.length >= 20, `only ${all.length} fields found`);
  for (const [at, node] of all) {
    assert.equal(typeof node.description, 'string', `${at} has no description`);
    assert.ok((node.description as string).length > 10, `${at} has a too-short description`);
    assert.equal(node.markdownDescription, node.description, `${at} has no markdownDescription`);
    assert.ok(Array.isArray(node.examples) && node.examples.length > 0, `${at} has no examples`);
  }
});

test('the contract shape of DESIGN.md is in the schema (fields are never renamed)', () => {
  const s = configJsonSchema() as { properties: Record<string, Node> };
  assert.deepEqual(
    Object.keys(s.properties).sort(),
    ['$schema', 'environments', 'mode', 'protectedPaths', 'rateLimit', 'rules', 'thresholds'].sort(),
  );
  const env = (s.properties.environments.additionalProperties as Node).properties as Record<string, Node>;
  for (const k of ['production', 'hosts', 'env', 'kubeContexts', 'awsProfiles', 'gcloudProjects'])
    assert.ok(env[k], `environments.*.${k}`);
  const rule = (s.properties.rules.items as Node).properties as Record<string, Node>;
  for (const k of ['match', 'decision', 'reason', 'environments']) assert.ok(rule[k], `rules[].${k}`);
  assert.deepEqual((rule.decision as Node).enum, ['allow', 'ask', 'deny']);
});
