// Characters a reader cannot see: bidirectional controls reorder what is
// displayed (`rm -rf ‮/ ~` reads as something else), zero-width characters
// and tag characters hide inside a word, C0/C1 controls move the cursor or
// recolour a terminal. The engine asks when a command or path holds one; the
// approval modal shows each one escaped, so a human reads what runs.

/** Bidi controls: ALM, LRM, RLM, LRE…RLO, LRI…PDI. */
const BIDI_CLASS = String.raw`\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069`;
/**
 * Zero-width and invisible formatting characters, invisible operators, Hangul
 * fillers, the BOM, Unicode tag characters (used to smuggle text past
 * readers), variation selectors other than the emoji one, line and paragraph
 * separators, and C0/C1 controls other than tab, newline and carriage return.
 * The emoji selector (U+FE0F) and the joiner count only outside an emoji.
 */
const INVISIBLE_CLASS = String.raw`\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064\u3164\ufe00-\ufe0f\ufeff\uffa0\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}`;
const ANY_ONE = new RegExp(`[${BIDI_CLASS}${INVISIBLE_CLASS}]`, 'u');
// The others are needed only once a text holds a hidden character, which nearly no command does: V8
// parses a pattern when it is created (the pictograph property alone, about 0.1 ms in every hook call),
// so they are created at their first use.
let bidi: RegExp | undefined;
let any: RegExp | undefined;
let pictograph: RegExp | undefined;
/** Bidi controls. */
const BIDI = (): RegExp => (bidi ??= new RegExp(`[${BIDI_CLASS}]`, 'u'));
/** Every hidden character, for a scan. */
const ANY = (): RegExp => (any ??= new RegExp(`[${BIDI_CLASS}${INVISIBLE_CLASS}]`, 'gu'));
/** In an emoji sequence (👨‍👩‍👧, ❤️) the joiner and the emoji selector are how the picture is spelled, not hidden text. */
const PICTOGRAPH = (): RegExp => (pictograph ??= /\p{Extended_Pictographic}/u);

function inEmoji(text: string, index: number, char: string): boolean {
  if (char !== '\u200d' && char !== '\ufe0f') return false;
  const before = String.fromCodePoint(text.codePointAt(Math.max(0, index - 1)) ?? 0);
  const beforePair = index >= 2 ? text.slice(index - 2, index) : '';
  return (
    PICTOGRAPH().test(before) ||
    PICTOGRAPH().test(beforePair) ||
    (char === '\u200d' && PICTOGRAPH().test(text.slice(index + 1, index + 3)))
  );
}

export interface HiddenCharacter {
  codePoint: number;
  /** `U+202E` */
  code: string;
  /** `right-to-left override` */
  name: string;
  bidi: boolean;
}

const NAMES: Record<number, string> = {
  0x061c: 'Arabic letter mark',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x2060: 'word joiner',
  0xfeff: 'zero-width no-break space',
  0x00ad: 'soft hyphen',
  0x180e: 'Mongolian vowel separator',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x001b: 'escape',
};

function describe(cp: number): HiddenCharacter {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name =
    NAMES[cp] ??
    (cp >= 0xe0000 && cp <= 0xe007f
      ? 'tag character'
      : cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)
        ? 'control character'
        : 'invisible character');
  return { codePoint: cp, code, name, bidi: BIDI().test(String.fromCodePoint(cp)) };
}

/** The hidden characters of `text`, each kind once, in order of appearance (at most `max`). */
export function hiddenCharacters(text: string, max = 8): HiddenCharacter[] {
  const out: HiddenCharacter[] = [];
  // Nearly every line has none: one test, without the iterator and match objects of a scan.
  if (!ANY_ONE.test(text)) return out;
  const seen = new Set<number>();
  for (const m of text.matchAll(ANY())) {
    const cp = m[0].codePointAt(0) ?? 0;
    if (seen.has(cp) || inEmoji(text, m.index ?? 0, m[0])) continue;
    seen.add(cp);
    out.push(describe(cp));
    if (out.length >= max) break;
  }
  return out;
}

/** `text` with every hidden character written as a visible `⟨U+202E⟩`; tabs and line breaks stay as they are. */
export function visibleText(text: string): string {
  if (!ANY_ONE.test(text)) return text;
  return text.replace(ANY(), (ch, index: number) =>
    inEmoji(text, index, ch) ? ch : `⟨${describe(ch.codePointAt(0) ?? 0).code}⟩`,
  );
}
