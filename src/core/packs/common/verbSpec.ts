// One platform CLI as the verb grammar sees it, plus its own named
// judgments, nouns and effects.
import { hasFlag } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import { asksForHelp, isDryRun, type CliAnalyzer, type Effect } from './deletion';
import { commandWords, judgeDeleteVerb, verbEffect, type VerbCliSpec } from './verbs';
import { own } from '../../text/own';

export interface PaasSpec extends VerbCliSpec {
  /** Named judgments; `null` means judged harmless, `undefined` falls through to the verb grammar. */
  special?(cmd: SimpleCommand, words: string[]): Finding[] | null | undefined;
  /** This CLI's short nouns (`env` is an environment on Railway, a variable on Vercel). */
  aliases?: Record<string, string>;
  /** Effect of subcommands the verb grammar misreads (`heroku pg:psql -c 'SELECT 1'` only reads). */
  effectOf?(cmd: SimpleCommand, words: string[]): Effect | undefined;
}

export function analyzer(spec: PaasSpec): CliAnalyzer {
  const wordsOf = (cmd: SimpleCommand): string[] => {
    const words = commandWords(cmd, spec.valueOptions);
    const aliases = spec.aliases;
    return aliases ? words.map((w, i) => (i < 4 ? (own(aliases, w) ?? w) : w)) : words;
  };
  return {
    analyze(cmd) {
      if (asksForHelp(cmd.argv) || isDryRun(cmd.argv)) return undefined;
      const words = wordsOf(cmd);
      if (!words.length || words[0] === 'help') return undefined;
      const special = spec.special?.(cmd, words);
      if (special !== undefined) return special ?? undefined;
      return judgeDeleteVerb(cmd, spec, words);
    },
    effect(cmd) {
      // `railway variables --set K=V`: the option, not the word, changes something.
      if (hasFlag(cmd.argv, ['--set', '--unset', '--remove', '--delete'])) return 'write';
      const words = wordsOf(cmd);
      return spec.effectOf?.(cmd, words) ?? verbEffect(words);
    },
  };
}
