// The environment sent from interpreter code, as the curl line it amounts to:
// `requests.post(URL, data=dict(os.environ))` is `curl URL -d "$(env)"`, and
// `fetch(URL + process.env.GITHUB_TOKEN)` is `curl URL -d "$GITHUB_TOKEN"`,
// so the secrets pack judges code as it judges the shell: the whole
// environment sent anywhere asks, a secret variable sent to another host asks,
// a token sent to the service it belongs to and a variable that names no
// secret (`API_URL`, `PORT`) stay quiet. Each read goes with the URL of its
// own statement, written before it where there is one, else the nearest URL
// before it; code that names none sends to `$URL`, a host nobody can know.

/** The code must send a request for any of this to matter. */
const SENDS =
  /\b(?:fetch|axios|got|ky|superagent|urlopen|urllib\d?|requests|httpx|aiohttp|Request|XMLHttpRequest|sendBeacon|WebSocket|http\.request|https\.request|http\.client|HTTPS?Connection|file_get_contents|curl_exec|Faraday|HTTParty|RestClient)\b|Net::HTTP|LWP|HTTP::Tiny|Mojo::UserAgent|\bget\s*\(\s*["']https?:/;

/** The whole environment, in each language's spellings. */
const WHOLE_ENV =
  /\bos\.environ\b(?!\s*\[|\s*\.\s*(?:get|setdefault|pop|__getitem__)\b)|\bprocess\.env\b(?!\s*(?:\.\s*[A-Za-z_$]|\[|\?\.))|\bDeno\.env\.toObject\s*\(|\bBun\.env\b(?!\s*(?:\.\s*\w|\[))|\bENV\s*\.\s*(?:to_h|to_hash|to_a|each|map|select|filter|inspect|keys|values)\b|%ENV\b|\$_ENV\b(?!\s*\[)|\bgetenv\s*\(\s*\)/;

/** One variable read by name; the name is whichever group matched. */
const NAMED_ENV =
  /\bos\.environ\s*\[\s*['"](\w+)['"]\s*\]|\bos\.environ\.get\(\s*['"](\w+)['"]|\bos\.getenv\(\s*['"](\w+)['"]|\bprocess\.env(?:\?)?\.([A-Za-z_]\w*)|\bprocess\.env\s*\[\s*['"](\w+)['"]\s*\]|\bDeno\.env\.get\(\s*['"](\w+)['"]|\bBun\.env\.([A-Za-z_]\w*)|\bENV\s*\[\s*['"](\w+)['"]\s*\]|\bENV\.fetch\(\s*['"](\w+)['"]|\$ENV\{\s*['"]?(\w+)['"]?\s*\}|\bgetenv\(\s*['"](\w+)['"]|\$_ENV\s*\[\s*['"](\w+)['"]\s*\]/g;

const URL_LITERAL = /\bhttps?:\/\/[^\s'"`)\]}]+/g;
/** Reads and URLs looked at: far more than a one-liner or a script of real use holds. */
const MAX_READS = 32;
const MAX_URLS = 16;

/** The curl lines that send what the code reads from the environment; none when it sends nothing or reads nothing. */
export function envSends(code: string): string[][] {
  if (!SENDS.test(code) || !/ENV|env|getenv/.test(code)) return [];
  const urls: { at: number; url: string }[] = [];
  URL_LITERAL.lastIndex = 0;
  for (let m = URL_LITERAL.exec(code); m && urls.length < MAX_URLS; m = URL_LITERAL.exec(code))
    urls.push({ at: m.index, url: m[0].replace(/\$\{[^}]*\}|\{[^}]*\}|#\{[^}]*\}/g, 'x') });
  const nearest = (at: number): string => {
    // The statement the read is in (between newlines or `;`): its request's URL, written before its headers and body.
    const from = Math.max(code.lastIndexOf('\n', at), code.lastIndexOf(';', at));
    const ends = [code.indexOf('\n', at), code.indexOf(';', at)].filter((x) => x !== -1);
    const to = ends.length ? Math.min(...ends) : code.length;
    const inStatement = urls.filter((u) => u.at > from && u.at < to);
    const pool = inStatement.length ? inStatement : urls;
    const before = pool.filter((u) => u.at < at);
    const pick = before.length ? before[before.length - 1] : pool.find((u) => u.at > at);
    return pick?.url ?? '$URL';
  };
  const sent = new Map<string, string[]>();
  const send = (url: string, what: string) => {
    const list = sent.get(url) ?? [];
    if (!list.includes(what)) list.push(what);
    sent.set(url, list);
  };
  if (WHOLE_ENV.test(code)) for (const u of urls.length ? urls.map((x) => x.url) : ['$URL']) send(u, '$(env)');
  NAMED_ENV.lastIndex = 0;
  let reads = 0;
  for (let m = NAMED_ENV.exec(code); m && reads++ < MAX_READS; m = NAMED_ENV.exec(code)) {
    const name = m.slice(1).find((g) => g !== undefined);
    if (name) send(nearest(m.index), `$${name}`);
  }
  return [...sent].map(([url, what]) => ['curl', url, '-d', what.join(' ')]);
}
