// Field names the schema allows at a JSON path, read from the zod schema
// itself so "did you mean" suggestions never drift from the real shape.
import type { z } from 'zod';
import { configSchema } from './schema';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
};

function defOf(schema: z.ZodType | undefined): Def | undefined {
  return (schema as unknown as { _zod?: { def: Def } } | undefined)?._zod?.def;
}

// Peels optional/default/pipe wrappers down to the schema that holds the shape.
function unwrap(schema: z.ZodType | undefined): Def | undefined {
  let def = defOf(schema);
  for (let i = 0; def && i < 10; i++) {
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) break;
    def = defOf(inner);
  }
  return def;
}

/** Keys of the object at `path` (`['rules', 0]` → match, decision, …); empty for records and non-objects. */
export function knownKeys(path: readonly PropertyKey[], schema: z.ZodType = configSchema): string[] {
  let def = unwrap(schema);
  for (const segment of path) {
    if (!def) return [];
    if (def.type === 'object') def = unwrap(def.shape?.[String(segment)]);
    else if (def.type === 'record') def = unwrap(def.valueType);
    else if (def.type === 'array') def = unwrap(def.element);
    else return [];
  }
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
