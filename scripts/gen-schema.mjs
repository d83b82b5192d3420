// Writes schemas/agentguard.schema.json and schemas/agentguard-managed.schema.json
// from the zod schemas in src/core/config/schema.ts and managedSchema.ts. Run
// after `npm run build` (it loads the transpiled module from out/);
// test/unit/config/schemaDrift.test.ts fails when a committed file is stale.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let mod;
try {
  mod = require(path.join(root, 'out/src/core/config/jsonSchema.js'));
} catch (err) {
  console.error(
    `gen-schema: cannot load out/src/core/config/jsonSchema.js (run \`npm run build\` first): ${err.message}`,
  );
  process.exit(1);
}
for (const [file, text] of [
  ['schemas/agentguard.schema.json', mod.configJsonSchemaText()],
  ['schemas/agentguard-managed.schema.json', mod.managedJsonSchemaText()],
]) {
  const target = path.join(root, file);
  writeFileSync(target, text);
  console.log(`gen-schema: wrote ${path.relative(root, target)}`);
}
