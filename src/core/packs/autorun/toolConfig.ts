// Settings files that run a program, or send data, only through certain keys:
// the entries of each that do, so that a write adding one asks with it shown
// and a write of ordinary settings (a region, a retry count, a completion
// setting) stays quiet. Bounded like the other readers (formats.ts).
import * as path from 'node:path';
import { isObject, parseJsonc } from './formats';

/** One thing a file would run or send (content.ts's Entry): where it sits and the line. */
interface Entry {
  name: string;
  code: string;
}

const MAX_LINES = 8192;

function meaningful(text: string): string[] {
  return text
    .slice(0, 512 * 1024)
    .split('\n')
    .slice(0, MAX_LINES)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith(';'));
}

/**
 * ~/.aws/config and ~/.aws/credentials: `credential_process` (run for
 * credentials, by the CLI from the config file and by some SDKs from the
 * credentials file too), `cli_pager` (run on every CLI call's output), and
 * the CLI's plugins (`[plugins]`, `cli_legacy_plugin_path`: Python modules
 * it imports).
 */
function awsConfig(text: string): Entry[] {
  const out: Entry[] = [];
  let section = '';
  for (const line of meaningful(text)) {
    const head = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (head) {
      section = head[1];
      continue;
    }
    const m = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    if (key === 'credential_process' || key === 'cli_legacy_plugin_path' || section === 'plugins')
      out.push({ name: `[${section}] ${key}`, code: `${m[1]} = ${m[2]}` });
    else if (key === 'cli_pager' && m[2].trim() !== '') out.push({ name: `[${section}] ${key}`, code: line });
  }
  return out;
}

/** A kubeconfig's exec credential plugins (`command:`) and legacy auth providers (`cmd-path:`). */
function kubeconfig(text: string): Entry[] {
  return meaningful(text)
    .filter((l) => /^-?\s*(?:command|cmd-path|cmd-args)\s*:/.test(l))
    .map((l) => ({ name: l, code: l.replace(/^-\s*/, '') }));
}

/**
 * curl options that reach past the one download: a local file sent (`-T`,
 * `@file` in data, forms, headers and variables), an extra request (`url`,
 * `next`), another config read (`-K`), a file written (`-o`, `-D`, traces,
 * cookie jars), a library loaded (`engine`), or traffic sent elsewhere or
 * left unchecked (proxies, `resolve`, `connect-to`, `-k`, a CA bundle).
 */
const CURL_ALWAYS =
  /^(?:upload-file|T|url|next|config|K|output|o|output-dir|remote-name|O|remote-name-all|dump-header|D|trace|trace-ascii|stderr|libcurl|cookie-jar|c|etag-save|engine|proxy|x|preproxy|socks4a?|socks5(?:-hostname)?|resolve|connect-to|doh-url|insecure|k|proxy-insecure|doh-insecure|cacert|capath|proxy-cacert)$/;
const CURL_FILE_VALUE =
  /^(?:data(?:-binary|-urlencode|-ascii)?|d|json|form|F|form-string|header|H|proxy-header|variable|write-out|w)$/;

function curlrc(text: string): Entry[] {
  const out: Entry[] = [];
  for (const line of meaningful(text)) {
    const m = /^-{0,2}([A-Za-z][\w.-]*)(?:\s*[=:]\s*|\s+|$)(.*)$/.exec(line);
    if (!m) continue;
    const [, key, value] = m;
    if (CURL_ALWAYS.test(key) || (CURL_FILE_VALUE.test(key) && /(?:^|=|["'])[@<]|%output\{/.test(value)))
      out.push({ name: `${key} ${value}`.trim(), code: line });
  }
  return out;
}

/** wgetrc commands (case, `_` and `-` ignored) that send a file, run a program, read or write other files, or move traffic. */
const WGET_KEYS = new Set([
  'postfile',
  'bodyfile',
  'useaskpass',
  'execute',
  'input',
  'outputdocument',
  'dirprefix',
  'logfile',
  'appendoutput',
  'savecookies',
  'loadcookies',
  'httpproxy',
  'httpsproxy',
  'ftpproxy',
  'checkcertificate',
  'cacertificate',
  'cadirectory',
]);

function wgetrc(text: string): Entry[] {
  const out: Entry[] = [];
  for (const line of meaningful(text)) {
    const m = /^([A-Za-z_-]+)\s*=\s*(.*)$/.exec(line);
    if (m && WGET_KEYS.has(m[1].toLowerCase().replace(/[_-]/g, '')))
      out.push({ name: `${m[1]} = ${m[2]}`, code: line });
  }
  return out;
}

/**
 * readline's macros (`"\C-x": "text"`, `Control-o: "text"`: the key types
 * the text, a `\n` in it presses Return too) and `$include`; a `set` line or
 * a key bound to a readline function runs nothing.
 */
function inputrc(text: string): Entry[] {
  return meaningful(text)
    .filter((l) => /^\$include\b/i.test(l) || /^(?:"(?:[^"\\]|\\.)*"|[A-Za-z][\w-]*)\s*:\s*["']/.test(l))
    .map((l) => ({ name: l, code: l }));
}

/** Docker's client settings that run a program or load one: a credential store or helper, extra plugin folders. */
const DOCKER_KEYS = /"(credsStore|credHelpers|cliPluginsExtraDirs)"/;
const MAX_HELPERS = 64;

/**
 * ~/.docker/config.json: `credsStore` and `credHelpers` name a program,
 * `docker-credential-<name>`, that docker runs on every login, pull and push
 * (and hands the registry passwords to); `cliPluginsExtraDirs` adds folders
 * whose `docker-*` programs become docker subcommands. A file that is not
 * JSON yet (an append) is read by its lines.
 */
function dockerConfig(text: string): Entry[] {
  const json = parseJsonc(text);
  if (!isObject(json)) {
    return meaningful(text)
      .filter((l) => DOCKER_KEYS.test(l))
      .map((l) => ({ name: l, code: l }));
  }
  const out: Entry[] = [];
  if (typeof json.credsStore === 'string' && json.credsStore.trim())
    out.push({
      name: 'credsStore',
      code: `"credsStore": "${json.credsStore}" (runs docker-credential-${json.credsStore})`,
    });
  if (isObject(json.credHelpers))
    for (const [registry, helper] of Object.entries(json.credHelpers).slice(0, MAX_HELPERS))
      out.push({
        name: `credHelpers.${registry}`,
        code: `"credHelpers": {"${registry}": ${JSON.stringify(helper)}} (runs docker-credential-${String(helper)})`,
      });
  if (json.cliPluginsExtraDirs !== undefined)
    out.push({
      name: 'cliPluginsExtraDirs',
      code: `"cliPluginsExtraDirs": ${JSON.stringify(json.cliPluginsExtraDirs).slice(0, 200)}`,
    });
  return out;
}

/** The entries of a keyed settings file that run a program or send data. */
export function keyedConfigEntries(
  kind: 'credential-helper' | 'transfer-config' | 'readline',
  text: string,
  file: string,
): Entry[] {
  const base = path.basename(file);
  if (kind === 'readline') return inputrc(text);
  if (kind === 'credential-helper')
    return file.includes('/.kube/')
      ? kubeconfig(text)
      : file.endsWith('/.docker/config.json')
        ? dockerConfig(text)
        : awsConfig(text);
  return base.includes('wgetrc') ? wgetrc(text) : curlrc(text);
}
