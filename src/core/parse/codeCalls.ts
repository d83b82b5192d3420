// Network, SDK and database calls in interpreter code, translated into the
// shell commands they amount to so the packs that know those commands judge
// them: an HTTP DELETE is `curl -X DELETE URL`, a GraphQL mutation posted from
// code is `curl --data '{"query":…}' URL`, destructive SQL handed to a driver
// is `psql -c SQL`, a Redis flush is `redis-cli FLUSHALL`, a Mongo wipe is
// `mongosh --eval …`. Cloud SDK deletions (boto3, AWS SDK v3, Google Cloud,
// Stripe, Octokit) and ORM calls that empty or drop tables (codeOrmWipes.ts)
// have no shell twin and become findings.
import type { Finding } from '../types';
import { envSends } from './codeEnvSends';
import { ormWipes } from './codeOrmWipes';

export interface CallReading {
  argvs: string[][];
  findings: Finding[];
}

const MAX_MATCHES = 64;
/** String literals looked at: far more than code of MAX_SCRIPT_CHARS holds but for padding. */
const MAX_STRINGS = 16_384;
const URL_LITERAL = /\b(https?:\/\/[^\s'"`)\]}]+)/;
const STRING_LIT =
  /(?:[fbru]{0,2})(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`|"""([\s\S]*?)"""|'''([\s\S]*?)''')/g;

// requests.delete(URL), httpx.delete, session.delete, axios.delete, client.delete(…) on an HTTP client, got.delete, ky.delete, superagent.del;
// Perl's `$ua->delete(…)` and `LWP::UserAgent->new->delete(…)` (HTTP::Tiny, Mojo::UserAgent, Furl, WWW::Mechanize alike).
const HTTP_DELETE =
  /(?:\brequire\s*\(\s*['"](?:axios|got|ky|superagent|node-fetch)['"]\s*\)|\b(?:requests|httpx|session|sess|s|client|http|axios|got|ky|superagent|api|req|request|faraday|conn|HTTParty|RestClient|Http|\$http|this\.http)|\$(?:ua|http|client|tiny|mech|furl)\b|\b(?:LWP::UserAgent|HTTP::Tiny|Mojo::UserAgent|Furl|WWW::Mechanize)\s*->\s*new\b(?:\s*\([^()]{0,200}\))?)\s*(?:\.|->)\s*(?:delete|del)\s*\(\s*/g;
// Any client's `.delete(URL)` (`->delete(URL)` in Perl and PHP) when the URL is written out.
const URL_DELETE = /(?:\.|->)\s*(?:delete|del)\s*\(\s*([fr]?['"`]https?:\/\/)/g;
// Ruby's Net::HTTP hands its connection to a block or a variable under any name (`Net::HTTP.start(host, port) { |c| … }`,
// `c = Net::HTTP.new(host)`), and Ruby calls need no parentheses: `c.delete u.path` is a DELETE request.
const NET_HTTP_BINDING =
  /\bNet::HTTP\s*\.\s*start\b[^{}\n]{0,300}?(?:\{|\bdo)\s*\|\s*(\w+)\s*\||\b(\w+)\s*=\s*Net::HTTP\s*\.\s*(?:new|start)\b/g;
const NET_HTTP_CHAINED_DELETE = /\bNet::HTTP\s*\.\s*(?:new|start)\s*\([^()]{0,300}\)\s*\.\s*delete\b\s*\(?/g;

/** Where each Net::HTTP connection's `delete` call's argument starts (bounded). */
function netHttpDeletes(code: string): number[] {
  if (!code.includes('Net::HTTP')) return [];
  const at: number[] = [];
  const names = new Set<string>();
  NET_HTTP_BINDING.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NET_HTTP_BINDING.exec(code)) && names.size < 8) names.add(m[1] ?? m[2]);
  for (const name of names) {
    const call = new RegExp(`(?<![\\w.$@])${name}\\s*\\.\\s*delete\\b(?![?!])\\s*\\(?`, 'g');
    while ((m = call.exec(code)) && at.length < MAX_MATCHES) at.push(m.index + m[0].length);
  }
  NET_HTTP_CHAINED_DELETE.lastIndex = 0;
  while ((m = NET_HTTP_CHAINED_DELETE.exec(code)) && at.length < MAX_MATCHES) at.push(m.index + m[0].length);
  return at;
}

// fetch(URL, { method: 'DELETE' }), PHP's stream_context_create(['http' => ['method' => 'DELETE']]), urllib Request(URL, method='DELETE'),
// requests.request('DELETE', URL), Net::HTTP::Delete, CURLOPT_CUSTOMREQUEST => 'DELETE', Perl's HTTP::Request->new(DELETE => URL) and HTTP::Request::Common's DELETE(URL).
// fetch, axios, requests, httpx and jQuery upper-case the method they are given, so `method: 'delete'` and
// `request('Delete', URL)` send a DELETE too: the method's letters are read in any case.
const DEL = '[Dd][Ee][Ll][Ee][Tt][Ee]';
const METHOD_DELETE = new RegExp(
  `\\brequest\\s*\\(\\s*['"]${DEL}['"]|Net::HTTP::Delete\\b|CURLOPT_CUSTOMREQUEST\\s*(?:,|=>)\\s*['"]${DEL}['"]|-X\\s*${DEL}|HTTP::Request\\s*->\\s*new\\s*\\(\\s*['"]?${DEL}\\b|\\bDELETE\\s*\\(?\\s*['"]https?:\\/\\/`,
);
// `{ method: 'DELETE' }` and `req.method = 'DELETE'` are data until code sends a request with them: a JSON fixture
// written or printed (`json.dumps({"method": "DELETE"})`) holds the same key.
// XMLHttpRequest's `x.open('DELETE', URL)` and jQuery's `$.ajax({ type: 'DELETE' })` alike.
const METHOD_KEY_DELETE = new RegExp(
  `\\bmethod['"]?\\s*(?:[:=]|=>)\\s*['"]${DEL}['"]|\\.method\\s*=\\s*['"]${DEL}['"]|\\.open\\s*\\(\\s*['"]${DEL}['"]|\\btype['"]?\\s*:\\s*['"]DELETE['"]`,
);
// A lower-case `type: 'delete'` is an everyday action or event name (`dispatch({ type: 'delete' })`): it is a method
// only where the code calls jQuery's ajax, which upper-cases it.
const AJAX_TYPE_DELETE = new RegExp(`\\.\\s*ajax\\s*\\([\\s\\S]{0,400}?\\btype['"]?\\s*:\\s*['"]${DEL}['"]`);
const SENDS_REQUEST =
  /\b(?:fetch|axios|got|ky|superagent|ajax|urlopen|urllib\d?|requests|httpx|aiohttp|request|Request|stream_context_create|file_get_contents|Faraday|HTTParty|RestClient|XMLHttpRequest|HttpClient|WebClient|UnityWebRequest|http\.client|HTTPConnection|HTTPSConnection)\b/;
const SQL_START = /^\s*(?:DROP|TRUNCATE|DELETE|UPDATE|ALTER|GRANT|REVOKE)\b/i;
// An embedded database opened by its file: Python's and DuckDB's `connect`, node-sqlite3's `new sqlite3.Database`,
// better-sqlite3's `new Database`, Ruby's `SQLite3::Database.new`.
const EMBEDDED_OPEN =
  /\b(?:sqlite3?\s*\.\s*(?:connect|Database)|SQLite3::Database\s*\.\s*new|new\s+Database|duckdb\s*\.\s*connect)\s*\(\s*[rbu]?["'`]([^"'`\n]{1,512})["'`]/g;

/** The one database file the code opens, when it opens exactly one (not in memory, not a server's URL). */
function embeddedFile(code: string): string | undefined {
  if (!/sqlite|SQLite3|Database|duckdb/.test(code)) return undefined;
  const files = new Set<string>();
  EMBEDDED_OPEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EMBEDDED_OPEN.exec(code)) && files.size < 2) files.add(m[1]);
  EMBEDDED_OPEN.lastIndex = 0;
  const file = files.size === 1 ? [...files][0] : undefined;
  return file && !file.includes(':memory:') && !file.includes('://') && !file.includes('{') ? file : undefined;
}
const REDIS_FLUSH = /\.\s*(flushall|flushdb|flushAll|flushDb)\s*\(/;
const MONGO_WIPE =
  /\.\s*(?:delete_many|deleteMany|remove)\s*\(\s*\{\s*\}\s*[,)]|\.\s*(?:drop_database|dropDatabase)\s*\(|\.\s*drop\s*\(\s*\)/;

/** Cloud and SaaS SDK calls that delete, each with the service it names. */
const SDK_DELETES: readonly { re: RegExp; what: string }[] = [
  {
    re: /\.\s*(delete_(?:bucket|objects?|table|db_instance|db_cluster|stack|function|cluster|repository|user|secret|key|vpc|volume|snapshot|backup|item|queue|topic|log_group|distribution|hosted_zone|instance|domain|index|collection|file_system|load_balancer|dataset|container|blob|database|project|namespace|zone)\w*|begin_delete\w*|terminate_instances|purge_queue|empty_bucket)\s*\(/,
    what: 'an AWS SDK (boto3) call',
  },
  {
    // boto3's resources: `s3.Bucket("b").objects.all().delete()`, `.object_versions.delete()`, `ec2.Volume(v).delete()`.
    // A class's `objects` is Django's model manager (`User.objects.filter(id=1).delete()`), judged in codeOrmWipes.ts.
    re: /(?<!\b[A-Z]\w*)\.\s*(?:objects|object_versions)\s*\.\s*(?:(?:all|filter)\s*\([^)]*\)\s*\.\s*)?(delete)\s*\(|\.\s*(?:Bucket|Object|Table|Volume|Snapshot|Instance|Image|Vpc|Queue|Topic|Stack|DBInstance|DBCluster)\s*\([^)]*\)\s*\.\s*(delete|terminate)\s*\(/,
    what: 'an AWS SDK (boto3) resource call',
  },
  {
    // `new DeleteBucketCommand(…)`, and the class fetched in the same expression: `new (require(…).DeleteBucketCommand)(…)`.
    re: /\bnew\s+(?:\([^;]{0,120}?\.\s*)?(Delete\w*Command|Terminate\w*Command|Purge\w*Command|BatchDelete\w*Command)\s*\)?\s*\(/,
    what: 'an AWS SDK v3 command',
  },
  {
    // Ruby's SDKs drop the parentheses: `Aws::S3::Resource.new.bucket("b").delete!`.
    re: /\.\s*(?:bucket|file|instance|database|table|dataset|cluster|topic|subscription|secret|volume|disk|backup)\s*\([^)]*\)\s*\.\s*(delete!?)\s*(?:\(|[;\n'"]|$)/,
    what: 'a Google Cloud client call',
  },
  {
    re: /\bstripe\b[^;\n]{0,120}?\.\s*(?:customers|subscriptions|products|prices|plans|coupons|accounts|webhookEndpoints|invoiceItems|subscriptionItems|taxRates)\s*\.\s*(del|cancel)\s*\(|\.\s*(refunds|payouts|transfers)\s*\.\s*create\s*\(/,
    what: 'a Stripe API call (deletes, cancels or moves money)',
  },
  {
    re: /\boctokit\s*\.\s*(?:rest\s*\.\s*)?(?:\w+\s*\.\s*)?(delete\w*|remove\w*)\s*\(|octokit\s*\.\s*request\s*\(\s*['"](DELETE)\s/,
    what: 'a GitHub API (Octokit) call',
  },
  {
    re: /\.\s*(?:droplets|databases|volumes|apps|projects|sites|deployments|services)\s*\.\s*(delete|destroy|remove)\s*\(/,
    what: 'a cloud provider SDK call',
  },
];

// Code that loads a cloud or hosted-database SDK: any deletion it calls goes to a provider, whichever client or
// resource the verb is on (`boto3.client("backup").delete_recovery_point`, `DisksClient().delete(…)`,
// `bucket.deleteFiles()`, `firestore().recursiveDelete(…)`, `supabase.from("users").delete()`, `volume.destroy()`).
const CLOUD_SDK =
  /\bboto3\b|['"]@aws-sdk\/|['"]aws-sdk['"]|\bgoogle\.cloud\b|['"]@google-cloud\/|\bgoogleapiclient\b|\bazure\.(?:mgmt|storage|cosmos|identity)\b|['"]@azure\/|firebase[-_]admin|['"]@supabase\/|\bsupabase\b|\bhcloud\b|\bdigitalocean\b|\blinode_api4\b|\bpydo\b|['"]@vercel\/|['"]@netlify\/|\bcloudflare\b|\boci\b\.|\bibm_|['"]@pulumi\//;
const SDK_DELETE_VERB =
  /(?:\.|->)\s*((?:delete|destroy|terminate|purge|deregister|recursive_?[Dd]elete|batch_?[Dd]elete|empty)(?:_\w+|[A-Z]\w*)?|(?:remove|drop)(?:_\w+|[A-Z]\w*))\s*\(/;

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

// A literal that is the whole argument of a print call is text for the reader, as `echo "DROP TABLE x"` is:
// `print('DROP TABLE users')`, `console.log(…)`, `puts '…'`. Handed to anything else it may be run.
const PRINT_BEFORE =
  /(?:\b(?:print|println|printf|Println|Printf|puts|echo|say|warn)|\bconsole\s*\.\s*(?:log|info|warn|error|debug)|\bSystem\s*\.\s*(?:out|err)\s*\.\s*print(?:ln|f)?)\s*\(?\s*[fbru]{0,2}$/;
const PRINT_AFTER = /^\s*(?:\)|;|$|\n)/;

/**
 * The code's string literals that are not only printed, the first
 * MAX_STRINGS; `over` when there were more.
 */
function strings(code: string): { texts: string[]; over: boolean } {
  const texts: string[] = [];
  STRING_LIT.lastIndex = 0;
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = STRING_LIT.exec(code))) {
    if (seen++ >= MAX_STRINGS) return { texts, over: true };
    const end = m.index + m[0].length;
    if (PRINT_BEFORE.test(code.slice(Math.max(0, m.index - 48), m.index)) && PRINT_AFTER.test(code.slice(end, end + 8)))
      continue;
    texts.push(unescape(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? ''));
  }
  return { texts, over: false };
}

/** The URL a call names: its first argument when it is a literal (f-strings and templates included), else the first URL in the code. */
function urlNear(code: string, from: number): string {
  const head = code.slice(from, from + 400);
  const direct = /^\s*[fr]?['"`]((?:https?:\/\/|\/)[^'"`]*)['"`]/.exec(head);
  if (direct) return direct[1].replace(/\$\{[^}]*\}|\{[^}]*\}/g, 'x');
  const near = URL_LITERAL.exec(head) ?? URL_LITERAL.exec(code);
  return near ? near[1].replace(/\$\{[^}]*\}|\{[^}]*\}/g, 'x') : '$URL';
}

const GRAPHQL_URL = /\b(https?:\/\/[^\s'"`)\]}]*graphql[^\s'"`)\]}]*)/i;
// The path alone, the host given apart (`http.client`'s HTTPSConnection, Node's `https.request({ host, path })`).
const GRAPHQL_PATH = /['"`](\/[^\s'"`]*graphql[^\s'"`]*)['"`]/i;
// The code sends a body: requests/httpx .post, fetch's body, urllib's data, http.client's POST, Net::HTTP.post, a stream's end(…).
const SENDS_BODY = /\.\s*post\s*\(|\bbody\s*[:=]|\bdata\s*=|\bjson\s*=|['"][Pp][Oo][Ss][Tt]['"]|\.\s*end\s*\(\s*[^)\s]/;
// A GraphQL document written out: `{ me { id } }`, `query …`, `mutation …`.
const GRAPHQL_DOCUMENT = /^\s*(?:query\b|mutation\b|subscription\b|\{)[\s\S]*\{/;

/**
 * A body posted to a GraphQL endpoint that no literal in the code spells out
 * (read from a file, an argument or the environment) may be any mutation:
 * PocketOS's `volumeDelete` came from a token and a query the agent had at
 * hand. It is judged as `curl` posting an unreadable body to that URL.
 */
function unseenGraphqlPost(code: string, texts: readonly string[]): string[] | undefined {
  const url = GRAPHQL_URL.exec(code)?.[1] ?? GRAPHQL_PATH.exec(code)?.[1];
  if (!url || !SENDS_BODY.test(code)) return undefined;
  // A path whose host is this machine is a dev server's, routine as curl to localhost is.
  if (url.startsWith('/') && /['"`](?:localhost|127\.0\.0\.1|::1)['"`:]/.test(code)) return undefined;
  if (texts.some((t) => GRAPHQL_DOCUMENT.test(t))) return undefined;
  // A host given apart is unknown here: `$GRAPHQL_HOST` keeps the request's destination unresolved, never local.
  return ['curl', '-X', 'POST', url.startsWith('/') ? `$GRAPHQL_HOST${url}` : url, '--data', '$GRAPHQL_BODY'];
}

export function readCalls(code: string): CallReading {
  const reading: CallReading = { argvs: [], findings: [] };
  let m: RegExpExecArray | null;
  let count = 0;
  HTTP_DELETE.lastIndex = 0;
  while ((m = HTTP_DELETE.exec(code)) && count++ < MAX_MATCHES)
    reading.argvs.push(['curl', '-X', 'DELETE', urlNear(code, m.index + m[0].length)]);
  for (const at of netHttpDeletes(code))
    if (count++ < MAX_MATCHES) reading.argvs.push(['curl', '-X', 'DELETE', urlNear(code, at)]);
  URL_DELETE.lastIndex = 0;
  while ((m = URL_DELETE.exec(code)) && count++ < MAX_MATCHES)
    reading.argvs.push(['curl', '-X', 'DELETE', urlNear(code, m.index + m[0].length - m[1].length)]);
  const method =
    METHOD_DELETE.exec(code) ??
    (SENDS_REQUEST.test(code) ? (METHOD_KEY_DELETE.exec(code) ?? AJAX_TYPE_DELETE.exec(code)) : null);
  if (method) reading.argvs.push(['curl', '-X', 'DELETE', urlNear(code, Math.max(0, method.index - 300))]);

  // A match past the bound stops its loop with count at MAX_MATCHES + 1.
  let unread = count > MAX_MATCHES;
  const { texts, over } = strings(code);
  unread ||= over;
  // SQL run on a database file is judged where that file lies: `sqlite3 FILE SQL`, not a server's client.
  const dbFile = texts.some((t) => SQL_START.test(t)) ? embeddedFile(code) : undefined;
  for (const s of texts) {
    const found: string[][] = [];
    // GraphQL: a mutation in a string literal, posted to the URL the code names.
    if (/\bmutation\b/.test(s) && /[{(]/.test(s)) {
      const url = URL_LITERAL.exec(code)?.[1] ?? '$GRAPHQL_URL';
      found.push([
        'curl',
        '-X',
        'POST',
        url,
        '-H',
        'Content-Type: application/json',
        '--data',
        JSON.stringify({ query: s }),
      ]);
    }
    if (SQL_START.test(s)) found.push(dbFile ? ['sqlite3', dbFile, s] : ['psql', '-c', s]);
    if (!found.length) continue;
    if (reading.argvs.length + found.length > MAX_MATCHES) {
      unread = true;
      break;
    }
    reading.argvs.push(...found);
  }
  const unseen = unseenGraphqlPost(code, texts);
  if (unseen) reading.argvs.push(unseen);
  reading.argvs.push(...envSends(code));
  if (unread)
    reading.findings.push({
      id: 'parse.too-complex',
      summary: `the code makes more requests, SQL or GraphQL calls than AgentGuard reads (${MAX_MATCHES}); those past the bound were not judged, so a human must look at it`,
      severity: 60,
    });
  const flush = REDIS_FLUSH.exec(code);
  if (flush) reading.argvs.push(['redis-cli', flush[1].toUpperCase()]);
  const wipe = MONGO_WIPE.exec(code);
  if (wipe)
    reading.argvs.push([
      'mongosh',
      '--eval',
      /drop_?database/i.test(wipe[0])
        ? 'db.dropDatabase()'
        : /\.\s*drop\s*\(/.test(wipe[0])
          ? 'db.collection.drop()'
          : wipedCollectionCall(code, wipe),
    ]);
  const sdkVerb = CLOUD_SDK.test(code) ? SDK_DELETE_VERB.exec(code) : null;
  const rules = sdkVerb ? [...SDK_DELETES, { re: SDK_DELETE_VERB, what: 'a cloud SDK call' }] : SDK_DELETES;
  for (const { re, what } of rules) {
    const hit = re.exec(code);
    if (!hit || (re === SDK_DELETE_VERB && reading.findings.some((f) => f.id === 'code.sdk-delete'))) continue;
    const call = (hit[1] ?? hit[2] ?? hit[0]).replace(/\s+/g, '');
    reading.findings.push({
      id: 'code.sdk-delete',
      summary: `the code deletes or destroys through ${what} (${call}), which no command line shows`,
      target: call,
      alternative: 'run the deletion by hand after checking what it removes and that a backup exists',
      severity: 60,
    });
  }
  reading.findings.push(...ormWipes(code));
  return reading;
}

/**
 * `db.users.remove({})` as the shell statement it amounts to, naming the collection the code names, so the finding
 * reads the same (and is listed once) when the code is the MongoDB shell's own.
 */
function wipedCollectionCall(code: string, wipe: RegExpExecArray): string {
  const receiver = /(?:^|[^\w$])([A-Za-z_$][\w$]*)\s*$/.exec(code.slice(Math.max(0, wipe.index - 120), wipe.index));
  const verb = /remove/.test(wipe[0]) ? 'remove' : 'deleteMany';
  const coll = receiver && receiver[1] !== 'db' ? receiver[1] : 'collection';
  return `db.${coll}.${verb}({})`;
}
