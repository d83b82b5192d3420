// A Jenkinsfile's shell steps: Jenkins runs each `sh` step's text with the job's credentials when the file lands on
// the branch it builds, so a step that sends one out is judged as a GitHub or GitLab step is. The steps are found
// by their call, not by a Groovy parser: `sh 'CMD'`, `sh """…"""`, `sh(script: "CMD", returnStdout: true)`,
// `sh label: 'x', script: '''…'''`. The Groovy around them is not read.

/** Steps read from one file; past this the rest of the file is unread (`readLines`). */
const MAX_STEPS = 1_024;
/** How far past `sh` the step's text is looked for (its named arguments come first). */
const ARGUMENT_WINDOW = 400;

const STEP = /\bsh\b\s*(?:\(|(?=['"]|[A-Za-z_]+\s*:))/g;

/** The steps' texts, and how many leading lines were read for them (formats.ts: PipelineRead). */
export function jenkinsCommands(text: string): { commands: string[]; readLines: number } {
  const commands: string[] = [];
  STEP.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = STEP.exec(text))) {
    if (commands.length >= MAX_STEPS) return { commands, readLines: lineOf(text, m.index) };
    const from = m.index + m[0].length;
    const lead = /^\s*/.exec(text.slice(from, from + ARGUMENT_WINDOW))?.[0].length ?? 0;
    // The first argument is the text, unless named arguments come first: then `script:` names it, within the call
    // (up to its `)`, or the line's end without parentheses).
    let literal = stringAt(text, from + lead);
    if (literal === undefined) {
      const window = text.slice(from, from + ARGUMENT_WINDOW);
      const call = window.slice(0, Math.max(0, window.search(m[0].endsWith('(') ? /\)/ : /\n/))) || window;
      const named = /(?:^|[,(\s])script\s*:\s*/.exec(call);
      if (named) literal = stringAt(text, from + named.index + named[0].length);
    }
    if (literal === undefined) continue;
    commands.push(literal.value);
    STEP.lastIndex = literal.end;
  }
  return { commands, readLines: Number.MAX_SAFE_INTEGER };
}

/** The Groovy string literal starting at `i` (''' """ ' "), its escapes undone; undefined when none starts there. */
function stringAt(text: string, i: number): { value: string; end: number } | undefined {
  const quote = text.startsWith("'''", i) ? "'''" : text.startsWith('"""', i) ? '"""' : text[i];
  if (quote !== "'" && quote !== '"' && quote !== "'''" && quote !== '"""') return undefined;
  let value = '';
  for (let j = i + quote.length; j < text.length; j++) {
    if (text[j] === '\\' && j + 1 < text.length) {
      value += text[j + 1] === 'n' ? '\n' : text[j + 1] === '$' ? '\\$' : text[j + 1];
      j++;
    } else if (text.startsWith(quote, j)) return { value, end: j + quote.length };
    else if (quote.length === 1 && text[j] === '\n') return undefined;
    else value += text[j];
  }
  return undefined;
}

function lineOf(text: string, at: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
