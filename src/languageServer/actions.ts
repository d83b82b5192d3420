// Quick fixes on a flagged command: allow it in `.agentguard.json` (the
// exact rule), mark a host it reaches as production, or use the safer
// alternative where it is a mechanical edit. Config edits keep the file's
// comments and layout (jsonc-parser modify) and create the file when missing.
import { applyEdits, modify, parse as parseJsonc, type FormattingOptions } from 'jsonc-parser';
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Rule } from '../core/frontdoor/config';
import { type DocumentJudgeOptions, type Flag, allowRulesFor, hostsOf, saferEdits } from '../core/frontdoor/documents';
import { pathToUri, type FolderState } from './folders';

const FORMAT: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

export interface ActionContext {
  doc: TextDocument;
  flag: Flag;
  diagnostic: Diagnostic | undefined;
  folder: FolderState;
  options: DocumentJudgeOptions;
  /** Version of the config document when it is open in the editor. */
  configVersion: number | undefined;
  canCreateFiles: boolean;
}

function configEdit(ctx: ActionContext, change: (text: string) => string): WorkspaceEdit | undefined {
  const uri = pathToUri(ctx.folder.configFile);
  const before = ctx.folder.configText;
  if (before === undefined) {
    if (!ctx.canCreateFiles) return undefined;
    const text = change('{}\n');
    return {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        {
          textDocument: { uri, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }],
        },
      ],
    };
  }
  const after = change(before);
  if (after === before) return undefined;
  const old = TextDocument.create(uri, 'jsonc', 0, before);
  // One edit over what changed only, so the rest of an open config (and the cursor in it) stays put.
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  const edit: TextEdit = {
    range: { start: old.positionAt(head), end: old.positionAt(before.length - tail) },
    newText: after.slice(head, after.length - tail),
  };
  return ctx.configVersion !== undefined
    ? { documentChanges: [{ textDocument: { uri, version: ctx.configVersion }, edits: [edit] }] }
    : { changes: { [uri]: [edit] } };
}

function addRules(text: string, rules: readonly Rule[]): string {
  let out = text;
  for (const rule of rules) out = applyEdits(out, modify(out, ['rules', -1], rule, { formattingOptions: FORMAT }));
  return out;
}

function markProduction(text: string, host: string): string {
  const parsed = (parseJsonc(text) ?? {}) as {
    environments?: Record<string, { production?: boolean; hosts?: unknown }>;
  };
  const envs = parsed.environments && typeof parsed.environments === 'object' ? parsed.environments : {};
  const name = Object.keys(envs).find((n) => envs[n]?.production === true) ?? 'production';
  const env = envs[name];
  if (env && Array.isArray(env.hosts)) {
    if (env.hosts.includes(host)) return text;
    return applyEdits(text, modify(text, ['environments', name, 'hosts', -1], host, { formattingOptions: FORMAT }));
  }
  let out = text;
  if (!env)
    return applyEdits(
      out,
      modify(out, ['environments', name], { production: true, hosts: [host] }, { formattingOptions: FORMAT }),
    );
  if (env.production !== true)
    out = applyEdits(out, modify(out, ['environments', name, 'production'], true, { formattingOptions: FORMAT }));
  return applyEdits(out, modify(out, ['environments', name, 'hosts'], [host], { formattingOptions: FORMAT }));
}

export function codeActionsFor(ctx: ActionContext): CodeAction[] {
  const { doc, flag } = ctx;
  const diagnostics = ctx.diagnostic ? [ctx.diagnostic] : undefined;
  const out: CodeAction[] = [];
  for (const e of saferEdits(flag)) {
    out.push({
      title: e.title,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      ...(diagnostics ? { diagnostics } : {}),
      edit: {
        changes: {
          [doc.uri]: [{ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }],
        },
      },
    });
  }
  const rules = allowRulesFor(flag, ctx.options);
  if (rules) {
    const edit = configEdit(ctx, (text) => addRules(text, rules));
    const shown = rules.map((r) => r.match).join('`, `');
    if (edit)
      out.push({
        title: `Allow this command in .agentguard.json: \`${shown.length > 60 ? shown.slice(0, 57) + '…' : shown}\`${rules[0].environments ? ` (in ${rules[0].environments.join(', ')})` : ''}`,
        kind: CodeActionKind.QuickFix,
        ...(diagnostics ? { diagnostics } : {}),
        edit,
      });
  }
  for (const host of hostsOf(flag, ctx.options)) {
    const edit = configEdit(ctx, (text) => markProduction(text, host));
    if (edit)
      out.push({
        title: `Mark ${host} as production in .agentguard.json`,
        kind: CodeActionKind.QuickFix,
        ...(diagnostics ? { diagnostics } : {}),
        edit,
      });
  }
  return out;
}
