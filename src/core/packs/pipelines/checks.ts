// What a CI, container or package-manager file opens up by its settings
// rather than its commands: a `pull_request_target` workflow that checks out
// the pull request's own code (GitHub's documentation warns it runs a
// stranger's code with the repository's secrets and write token), a secret
// sent out or printed past the log masking (ciSecrets.ts), a compose service with the host's root,
// Docker socket or namespaces, and a package registry swapped for another
// host. Read on what the change adds, so existing settings do not ask again.
import type { Finding } from '../../types';
import type { PipelineKind } from './formats';
import { finding } from '../common/finding';
import { knownRegistry, registryHost } from '../common/registries';
import { ciSecretFinding } from './ciSecrets';
import { pipelineCommands } from './formats';

const PR_HEAD =
  /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|refs\/pull\/|gh\s+pr\s+checkout|pull\/\$\{\{\s*github\.event\.(?:number|pull_request\.number)/;
/**
 * Event text anyone may write (an issue's or pull request's title and body, a comment, a commit message, a branch
 * name), in a `${{ }}` GitHub pastes into a step's script before the shell reads it: GitHub's security hardening
 * guide lists these as untrusted input.
 */
const UNTRUSTED_CONTEXT =
  /\bgithub\.head_ref\b|\bgithub\.event\.(?:issue|pull_request|comment|review|review_comment|discussion|pages|commits|head_commit|workflow_run)\b([\w.[\]*]*)/g;
const UNTRUSTED_FIELD = /\.(?:title|body|message|ref|label|name|email|page_name|head_branch|default_branch)\b/;
/** Expressions looked at in one step; past this the step asks as if the next one pasted untrusted text. */
const MAX_EXPRESSIONS = 64;

/**
 * The first `${{ … }}` of a step's script that pastes untrusted event text, scanned once (each context's path taken
 * whole, so a crafted run of them costs no more than its length); past the bound, the one where reading stopped.
 */
function untrustedExpression(script: string): string | undefined {
  let n = 0;
  for (let open = script.indexOf('${{'); open !== -1; open = script.indexOf('${{', open + 3)) {
    const close = script.indexOf('}}', open + 3);
    if (close === -1) return undefined;
    const expr = script.slice(open, close + 2);
    if (++n > MAX_EXPRESSIONS) return expr;
    UNTRUSTED_CONTEXT.lastIndex = 0;
    for (let m = UNTRUSTED_CONTEXT.exec(expr); m; m = UNTRUSTED_CONTEXT.exec(expr))
      if (m[1] === undefined || UNTRUSTED_FIELD.test(m[1])) return expr;
  }
  return undefined;
}

function githubChecks(after: string, rel: string): Finding[] {
  const out: Finding[] = [];
  let expr: string | undefined;
  for (const c of pipelineCommands('github-actions', after).commands) if ((expr ??= untrustedExpression(c))) break;
  if (expr) {
    out.push(
      finding(
        'autorun.ci-injection',
        60,
        `${rel} pastes ${expr} into a step's script: whoever writes that text (an issue, a comment, a branch name) runs commands in CI with the repository's secrets and token`,
        rel,
        'hand it to the step through env: (TITLE: ${{ … }}) and use "$TITLE" in the script',
      ),
    );
  }
  if (/^\s*(?:on\s*:[^\n]*\bpull_request_target\b|pull_request_target\s*:)/m.test(after) && PR_HEAD.test(after)) {
    out.push(
      finding(
        'autorun.ci-untrusted-checkout',
        70,
        `${rel} runs on pull_request_target and checks out the pull request's own code: anyone who opens a pull request runs code with the repository's secrets and write token`,
        rel,
        'use the pull_request event for code from forks, or keep pull_request_target jobs from checking out and running the head',
      ),
    );
  }
  return out;
}

const HOST_ROOTS =
  /^\s*-\s*["']?(?:\/|\/etc|\/root|\/home|\/Users|\/var\/run\/docker\.sock|\/run\/docker\.sock|\/proc|\/sys|\/dev|~|\$\{?HOME\}?)(?:\/?)["']?\s*:/;
const COMPOSE_HOST =
  /^\s*(?:privileged\s*:\s*true|network_mode\s*:\s*["']?host|pid\s*:\s*["']?host|ipc\s*:\s*["']?host|userns_mode\s*:\s*["']?host)\b|^\s*-\s*["']?(?:SYS_ADMIN|ALL|SYS_PTRACE)["']?\s*$|(?:seccomp|apparmor)[:=]unconfined/;

function composeChecks(added: readonly string[], rel: string): Finding[] {
  const line = added.find((l) => COMPOSE_HOST.test(l) || HOST_ROOTS.test(l));
  if (!line) return [];
  return [
    finding(
      'autorun.container-host-access',
      65,
      `${rel} gives a container ${line.trim()}: what runs in it reaches this machine's files, processes or Docker daemon`,
      rel,
      'mount only the project folders the service needs, without privileges',
    ),
  ];
}

const REGISTRY_LINE =
  /^\s*(@[\w.-]+:)?(?:registry|index-url|extra-index-url|find-links|npmRegistryServer|index_url|extra_index_url|find_links|url)\s*[=:]\s*["']?(https?:\/\/[^\s"']+)/i;

/**
 * RubyGems' `:sources:` (a flow list, or block items below it), Bundler's `BUNDLE_MIRROR__HOST: URL`: each URL is a
 * place gems come from. A block item (`- URL`) counts in a gem settings file only, where no other list holds URLs.
 */
const GEM_SOURCE_LINE = /^\s*(?::sources:\s*\[?|BUNDLE_MIRROR__[^\s"']*:\s)\s*["']?(https?:\/\/[^\s"',\]]+)/i;
const GEM_ITEM_LINE = /^\s*-\s*["']?(https?:\/\/[^\s"',\]]+)/i;
const GEM_SETTINGS = /(?:^|\/)(?:\.gemrc|\.bundle\/config)$/;
/** RubyGems' `gem: --source URL` (`-s URL`): options every gem command takes, a source among them. */
const GEM_OPTIONS_LINE = /^\s*["']?gem["']?\s*:/;
const GEM_SOURCE_OPTION = /(?:^|\s)(?:--source|-s)(?:=|\s+)["']?(https?:\/\/[^\s"',\]]+)/;

function registryUrl(line: string, gems: boolean): string | undefined {
  const m = REGISTRY_LINE.exec(line);
  if (m) return m[2];
  if (!gems) return undefined;
  const options = GEM_OPTIONS_LINE.exec(line);
  if (options) return GEM_SOURCE_OPTION.exec(line.slice(options[0].length))?.[1];
  return (GEM_SOURCE_LINE.exec(line) ?? GEM_ITEM_LINE.exec(line))?.[1];
}

function registryChecks(added: readonly string[], rel: string): Finding[] {
  const gems = GEM_SETTINGS.test(rel);
  for (const line of added) {
    const m = REGISTRY_LINE.exec(line);
    const url = registryUrl(line, gems);
    if (url === undefined) continue;
    const host = registryHost(url);
    if (knownRegistry(url)) continue;
    // `@scope:registry=…` serves that scope's packages only, but every install of one of them runs what the host serves.
    const what = m?.[1] ? `every install of a ${m[1].slice(0, -1)} package` : 'every package install';
    return [
      finding(
        'autorun.package-registry',
        65,
        `${rel} sends ${what} to ${host}: whatever that host serves is installed and run as dependencies`,
        rel,
        'keep the default registry, or let the user configure the company mirror',
      ),
    ];
  }
  return [];
}

export function structuralFindings(
  kind: PipelineKind,
  added: readonly string[],
  after: string,
  rel: string,
  before: string | undefined,
): Finding[] {
  const out: Finding[] = [];
  if (kind === 'github-actions') {
    // Judged on the whole file, but only when the change brings it about.
    const now = githubChecks(after, rel);
    const was = before === undefined ? [] : githubChecks(before, rel);
    out.push(...now.filter((x) => !was.some((y) => y.id === x.id)));
  }
  if (kind === 'compose') out.push(...composeChecks(added, rel));
  if (kind === 'registry-config') out.push(...registryChecks(added, rel));
  const exposed = ciSecretFinding(kind, added, after, before, rel);
  if (exposed) out.push(exposed);
  return out;
}
