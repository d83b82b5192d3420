// Reads GraphQL request bodies far enough to name the top-level fields of
// each mutation: `mutation { volumeDelete(volumeId: "…") }` deletes a volume,
// `mutation { login(…) }` does not. Bodies arrive as JSON (`{"query": …}`,
// batched arrays), as raw GraphQL, or still JSON-escaped when they could not
// be parsed; the scanner copes with all three and never backtracks.

const MAX_BODY = 64 * 1024;
const MAX_OPERATIONS = 16;
const MAX_FIELDS = 64;

export interface GraphqlFacts {
  /** Top-level fields of every mutation found. */
  mutationFields: string[];
  /**
   * Names of mutation operations (`mutation DeleteVolume { … }`) and
   * `operationName`s. Only labels: they matter when no field could be read
   * (persisted queries send the name alone).
   */
  operationNames: string[];
  /** The text holds at least one GraphQL operation (query or mutation). */
  isGraphql: boolean;
  /** Which bound left part of the text unread, when one did: what lies past it may be any mutation. */
  unread?: string;
}

/** Text past MAX_BODY that may hold a mutation: the keyword, or JSON `\u` escapes that may spell it. */
const MAY_MUTATE = /mutation|\\u[0-9a-f]{4}/i;

const MUTATION_KEYWORD = /(?:^|[^A-Za-z0-9_$])mutation\b/g;
const OPERATION_NAME = /"operationName"\s*:\s*"([A-Za-z_][A-Za-z0-9_]*)"/g;
/** A GraphQL document starts with an operation keyword or a bare selection set. */
const LOOKS_GRAPHQL = /^\s*(?:(?:query|mutation|subscription)\b|\{\s*[A-Za-z_])/;

export function readGraphql(body: string): GraphqlFacts {
  const text = body.length > MAX_BODY ? body.slice(0, MAX_BODY) : body;
  const facts: GraphqlFacts = { mutationFields: [], operationNames: [], isGraphql: false };
  if (text !== body && MAY_MUTATE.test(body.slice(MAX_BODY)))
    facts.unread = `a body longer than ${MAX_BODY} characters`;
  const { documents, clean } = documentsOf(text, facts);
  for (const doc of documents) {
    if (clean || LOOKS_GRAPHQL.test(doc)) {
      facts.isGraphql = true;
      scanDocument(doc, facts);
    } else {
      scanLoosely(doc, facts);
    }
  }
  OPERATION_NAME.lastIndex = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = OPERATION_NAME.exec(text)) && n++ < MAX_OPERATIONS) facts.operationNames.push(m[1]);
  if (facts.operationNames.length) facts.isGraphql = true;
  return facts;
}

/**
 * The GraphQL documents in a body: the string `query` members of JSON or the
 * `query` field of a form (`clean`: these are GraphQL documents as written;
 * a JSON body without one is not GraphQL), else the text itself.
 */
function documentsOf(text: string, facts: GraphqlFacts): { documents: string[]; clean: boolean } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const out: string[] = [];
      if (collectQueries(JSON.parse(trimmed), out, 0))
        facts.unread ??= `more than ${MAX_OPERATIONS} batched operations`;
      return { documents: out, clean: out.length > 0 };
    } catch {
      // Not JSON (raw GraphQL, or JSON with shell escapes left in): scan the text as is.
    }
  }
  // Form or query-string encoding: `query=mutation%7B…%7D&variables=…`.
  const param = FORM_QUERY.exec(text);
  if (param) {
    const value = decodeForm(param[1]);
    if (value !== undefined) return { documents: [value], clean: true };
  }
  if (text.includes('%')) {
    const decoded = decodeForm(text);
    if (decoded !== undefined && decoded !== text) return { documents: [text, decoded], clean: false };
  }
  return { documents: [text], clean: false };
}

const FORM_QUERY = /(?:^|&)query=([^&]*)/;

function decodeForm(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Collects the `query` and `mutation` strings (servers take an object or an
 * array of them; deeper nesting is not a request they run); true when one
 * was found past MAX_OPERATIONS, unread.
 */
/**
 * A JSON body that names its GraphQL operations only by a persisted hash or id (Apollo's `persistedQuery`, Relay's
 * `doc_id`/`documentId`), with no document of its own: what it runs is known only to the server.
 */
export function persistedOnly(body: string): boolean {
  if (!/persistedQuery|"doc(?:_id|umentId)"/.test(body)) return false;
  try {
    const value: unknown = JSON.parse(body.trimStart());
    const ops = (Array.isArray(value) ? value.slice(0, MAX_OPERATIONS) : [value]) as unknown[];
    return ops.some((op) => {
      if (!op || typeof op !== 'object') return false;
      const o = op as Record<string, unknown>;
      const ext = o.extensions as Record<string, unknown> | undefined;
      const named = (ext && typeof ext === 'object' && 'persistedQuery' in ext) || 'doc_id' in o || 'documentId' in o;
      return named && typeof o.query !== 'string';
    });
  } catch {
    // Not JSON: read as text elsewhere.
    return false;
  }
}

function collectQueries(value: unknown, out: string[], depth: number): boolean {
  if (depth > 3) return false;
  if (Array.isArray(value)) {
    let over = false;
    for (const v of value) over = collectQueries(v, out, depth + 1) || over;
    return over;
  }
  if (!value || typeof value !== 'object') return false;
  const q = (value as Record<string, unknown>).query;
  const m = (value as Record<string, unknown>).mutation;
  let over = false;
  for (const x of [q, m]) {
    if (typeof x !== 'string') continue;
    if (out.length < MAX_OPERATIONS) out.push(x);
    else over = true;
  }
  return over;
}

/**
 * A clean GraphQL document is walked definition by definition, so the word
 * `mutation` inside a string argument or a query's selection is not taken
 * for an operation.
 */
function scanDocument(doc: string, facts: GraphqlFacts): void {
  let i = 0;
  let definitions = 0;
  while (i < doc.length) {
    i = skipSpace(doc, i);
    const c = doc[i];
    if (c === undefined) return;
    if (definitions++ >= MAX_OPERATIONS * 4) {
      if (/mutation/.test(doc.slice(i))) facts.unread ??= `more than ${MAX_OPERATIONS * 4} definitions in one document`;
      return;
    }
    if (c === '{') {
      i = skipBalanced(doc, i, '{', '}'); // shorthand query
      continue;
    }
    const name = readName(doc, i);
    if (!name) {
      i++;
      continue;
    }
    i += name.length;
    if (name === 'mutation') {
      i = readMutation(doc, i, facts);
      continue;
    }
    // query, subscription, fragment: skip to the end of its selection set.
    while (i < doc.length) {
      const d = doc[i];
      if (d === '(') i = skipBalanced(doc, i, '(', ')');
      else if (d === '"') i = skipString(doc, i);
      else if (d === '{') {
        i = skipBalanced(doc, i, '{', '}');
        break;
      } else i++;
    }
  }
}

/**
 * Text that is not a clean document (JSON the shell left escapes in, form
 * bodies) is searched for the keyword instead: looser, and so it errs
 * towards finding a mutation.
 */
function scanLoosely(doc: string, facts: GraphqlFacts): void {
  MUTATION_KEYWORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  let ops = 0;
  while ((m = MUTATION_KEYWORD.exec(doc))) {
    if (ops++ >= MAX_OPERATIONS) {
      facts.unread ??= `more than ${MAX_OPERATIONS} mutations`;
      return;
    }
    const end = readMutation(doc, m.index + m[0].length, facts);
    MUTATION_KEYWORD.lastIndex = Math.max(MUTATION_KEYWORD.lastIndex, end);
  }
}

/** Reads `[Name][(vars)][@directives] { fields }` after the `mutation` keyword; returns where it ends. */
function readMutation(doc: string, start: number, facts: GraphqlFacts): number {
  let i = skipSpace(doc, start);
  const name = readName(doc, i);
  if (name) {
    facts.operationNames.push(name);
    i = skipSpace(doc, i + name.length);
  }
  if (doc[i] === '(') i = skipSpace(doc, skipBalanced(doc, i, '(', ')'));
  while (doc[i] === '@') {
    i = skipSpace(doc, i + 1 + (readName(doc, i + 1)?.length ?? 0));
    if (doc[i] === '(') i = skipSpace(doc, skipBalanced(doc, i, '(', ')'));
  }
  if (doc[i] !== '{') return i;
  return readSelection(doc, i + 1, facts);
}

/** Reads the top-level fields of a selection set starting after `{`; returns the index after its `}`. */
function readSelection(doc: string, start: number, facts: GraphqlFacts): number {
  let i = start;
  let found = 0;
  while (i < doc.length) {
    i = skipSpace(doc, i);
    const c = doc[i];
    if (c === undefined) return i;
    if (c === '}') return i + 1;
    if (c === '"' || (c === '\\' && doc[i + 1] === '"')) {
      i = skipString(doc, i);
      continue;
    }
    if (c === '.' && doc.startsWith('...', i)) {
      i += 3;
      continue;
    }
    const name = readName(doc, i);
    if (!name) {
      i++;
      continue;
    }
    i = skipSpace(doc, i + name.length);
    let field = name;
    if (doc[i] === ':') {
      // `alias: realField(…)`: the real field is what runs.
      i = skipSpace(doc, i + 1);
      const real = readName(doc, i);
      if (real) {
        field = real;
        i = skipSpace(doc, i + real.length);
      }
    }
    if (field !== 'on' && found++ < MAX_FIELDS) facts.mutationFields.push(field);
    else if (field !== 'on') facts.unread ??= `more than ${MAX_FIELDS} fields in one mutation`;
    if (doc[i] === '(') i = skipSpace(doc, skipBalanced(doc, i, '(', ')'));
    while (doc[i] === '@') {
      i = skipSpace(doc, i + 1 + (readName(doc, i + 1)?.length ?? 0));
      if (doc[i] === '(') i = skipSpace(doc, skipBalanced(doc, i, '(', ')'));
    }
    if (doc[i] === '{') i = skipBalanced(doc, i, '{', '}');
  }
  return i;
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}

function isNamePart(c: string | undefined): boolean {
  return isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');
}

function readName(doc: string, i: number): string | undefined {
  if (!isNameStart(doc[i])) return undefined;
  let j = i + 1;
  while (isNamePart(doc[j])) j++;
  return doc.slice(i, j);
}

function skipSpace(doc: string, i: number): number {
  while (i < doc.length) {
    const c = doc[i];
    // `\n` and `\t` left as escapes in unparsed JSON are whitespace too.
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === ',') i++;
    else if (c === '\\' && (doc[i + 1] === 'n' || doc[i + 1] === 't' || doc[i + 1] === 'r')) i += 2;
    else if (c === '#') {
      while (i < doc.length && doc[i] !== '\n') i++;
    } else break;
  }
  return i;
}

/** Skips a string starting at `i` (`"…"`, or `\"…\"` inside unparsed JSON). */
function skipString(doc: string, i: number): number {
  const escaped = doc[i] === '\\';
  let j = i + (escaped ? 2 : 1);
  while (j < doc.length) {
    if (escaped) {
      if (doc[j] === '\\' && doc[j + 1] === '"') return j + 2;
    } else if (doc[j] === '\\') {
      j++;
    } else if (doc[j] === '"') {
      return j + 1;
    }
    j++;
  }
  return j;
}

/** Skips a balanced `(…)` or `{…}` starting at `i` (which holds `open`), strings included. */
function skipBalanced(doc: string, i: number, open: string, close: string): number {
  let depth = 0;
  let j = i;
  while (j < doc.length) {
    const c = doc[j];
    if (c === '"' || (c === '\\' && doc[j + 1] === '"')) {
      j = skipString(doc, j);
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
    j++;
  }
  return j;
}
