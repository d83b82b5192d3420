// Invoke-WebRequest / Invoke-RestMethod as the curl request the HTTP and
// secrets packs read (method, URL, headers, body, files sent and written),
// and Invoke-Sqlcmd as the sqlcmd call the SQL pack reads.
import type { Expanded } from '../../bash/words';
import type { ShellValue } from '../../normalize/scope';
import { type Call, emit, param, paramText } from '../call';
import { isDynamic, textOf, wordsOf } from '../values';
import { FILE_OBJECT, pathWord } from './files';

function one(v: ShellValue): Expanded {
  return { value: textOf(v), dynamic: isDynamic(v) };
}

export function webRequest(call: Call): void {
  const out: (Expanded | string)[] = ['curl'];
  const method = call.bound.named.get('CustomMethod') ?? call.bound.named.get('Method');
  if (method) out.push('-X', { value: textOf(method).toUpperCase(), dynamic: isDynamic(method) });
  const headers = call.bound.named.get('Headers');
  if (headers?.entries)
    for (const [k, v] of headers.entries) out.push('-H', { value: `${k}: ${textOf(v)}`, dynamic: isDynamic(v) });
  else if (headers) out.push('-H', one(headers));
  const token = call.bound.named.get('Token');
  if (token) out.push('-H', { value: `Authorization: Bearer ${textOf(token)}`, dynamic: isDynamic(token) });
  const type = paramText(call, 'ContentType');
  if (type) out.push('-H', `Content-Type: ${type}`);
  // What is piped in is the body, also when named as the pipeline's own variable (`-Body $input`).
  const named = call.bound.named.get('Body');
  const pipeVariable = named && call.piped && isDynamic(named) && /^\$(?:input|_|psitem)$/i.test(textOf(named));
  const body = (pipeVariable ? undefined : named) ?? call.piped?.value;
  if (body) out.push('--data', one(body));
  // `$env:GITHUB_TOKEN | irm …`: the expression piped in is part of what this request says it sends.
  if (body && body === call.piped?.value && call.piped.text) call.source = `${call.piped.text} | ${call.source}`;
  else if (call.piped?.argv) out.push('--data-binary', '@-');
  const form = call.bound.named.get('Form');
  if (form?.entries)
    for (const [k, v] of form.entries) {
      // `-Form @{f = Get-Item .env}`: a file object is sent as the file's content, curl's `-F f=@.env`.
      const files = (v.items ?? [v]).filter((x) => x.object === FILE_OBJECT);
      if (files.length) for (const f of files) out.push('-F', { value: `${k}=@${f.text}`, dynamic: isDynamic(f) });
      else out.push('-F', { value: `${k}=${textOf(v)}`, dynamic: isDynamic(v) });
    }
  const inFile = param(call, 'InFile')[0];
  if (inFile) out.push('--data-binary', { value: '@' + pathWord(inFile).value, dynamic: inFile.dynamic });
  const outFile = param(call, 'OutFile')[0];
  if (outFile) out.push('-o', pathWord(outFile));
  const credential = call.bound.named.get('Credential');
  if (credential) out.push('-u', one(credential));
  const uris = param(call, 'Uri');
  for (const v of call.bound.rest) uris.push(...wordsOf(v));
  out.push(...uris);
  emit(call, out);
  // What comes back is from the network: code made of it is fetched code.
  if (!outFile)
    call.output = { text: `$(curl ${uris.map((u) => u.value).join(' ')})`, dynamic: true, origin: 'network' };
}

/** `Server=db.prod;Database=app;…`: the server and database of a SQL Server connection string. */
function connectionParts(text: string): { server?: string; database?: string } {
  const out: { server?: string; database?: string } = {};
  for (const part of text.split(';')) {
    const [k, v] = part.split('=').map((x) => x?.trim());
    if (!k || v === undefined) continue;
    if (/^(?:server|data source|address|addr|network address)$/i.test(k)) out.server = v;
    if (/^(?:database|initial catalog)$/i.test(k)) out.database = v;
  }
  return out;
}

export function invokeSqlcmd(call: Call): void {
  const out: (Expanded | string)[] = ['sqlcmd'];
  const conn = paramText(call, 'ConnectionString');
  const parts = conn ? connectionParts(conn) : {};
  const server =
    param(call, 'ServerInstance')[0] ?? (parts.server ? { value: parts.server, dynamic: false } : undefined);
  if (server) out.push('-S', server);
  const db = param(call, 'Database')[0] ?? (parts.database ? { value: parts.database, dynamic: false } : undefined);
  if (db) out.push('-d', db);
  const query = call.bound.named.get('Query') ?? call.piped?.value;
  if (query) out.push('-Q', one(query));
  const file = param(call, 'InputFile')[0];
  if (file) out.push('-i', pathWord(file));
  emit(call, out);
}
