// A command or code written in the line but encoded (`os.system(base64.b64decode('cm0gLXJmIH4=').decode())`,
// `execSync(Buffer.from('…', 'hex').toString())`, `system(pack("H*", "…"))`) is decoded here, and the call is read
// as if the text were written out: `os.system('rm -rf ~')`. Only literals are decoded: text read at run time (a file,
// a download) stays what it was, unknown until it runs. A literal that does not decode to readable text is left as
// written.

const LIT = String.raw`b?(?:'([A-Za-z0-9+/=_\-\s]*)'|"([A-Za-z0-9+/=_\-\s]*)")`;
/** Each decoder, its literal's encoding, and what may follow the call to make bytes text (`.decode()`, `.toString()`). */
const DECODERS: readonly { re: RegExp; hex: boolean }[] = [
  {
    re: new RegExp(
      String.raw`\b(?:base64\s*\.\s*)?(?:b64decode|standard_b64decode|decodebytes)\s*\(\s*${LIT}\s*\)(?:\s*\.\s*decode\s*\([^()]{0,20}\))?`,
      'g',
    ),
    hex: false,
  },
  {
    re: new RegExp(String.raw`\bbytes\s*\.\s*fromhex\s*\(\s*${LIT}\s*\)(?:\s*\.\s*decode\s*\([^()]{0,20}\))?`, 'g'),
    hex: true,
  },
  {
    re: new RegExp(
      String.raw`\bBuffer\s*\.\s*from\s*\(\s*${LIT}\s*,\s*['"]base64['"]\s*\)(?:\s*\.\s*toString\s*\([^()]{0,20}\))?`,
      'g',
    ),
    hex: false,
  },
  {
    re: new RegExp(
      String.raw`\bBuffer\s*\.\s*from\s*\(\s*${LIT}\s*,\s*['"]hex['"]\s*\)(?:\s*\.\s*toString\s*\([^()]{0,20}\))?`,
      'g',
    ),
    hex: true,
  },
  {
    re: new RegExp(
      String.raw`\b(?:atob|base64_decode|decode_base64|Base64\s*\.\s*(?:decode64|strict_decode64))\s*\(\s*${LIT}\s*\)`,
      'g',
    ),
    hex: false,
  },
  { re: new RegExp(String.raw`\b(?:hex2bin)\s*\(\s*${LIT}\s*\)`, 'g'), hex: true },
  { re: new RegExp(String.raw`\bpack\s*\(\s*['"]H\*['"]\s*,\s*${LIT}\s*\)`, 'g'), hex: true },
  { re: new RegExp(String.raw`\[\s*${LIT}\s*\]\s*\.\s*pack\s*\(\s*['"]H\*['"]\s*\)`, 'g'), hex: true },
];
/** Literals decoded in one piece of code, and the longest read. */
const MAX_DECODED = 64;
const MAX_LITERAL = 64 * 1024;

function decoded(text: string, hex: boolean): string | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!clean || clean.length > MAX_LITERAL) return undefined;
  if (hex && !/^(?:[0-9a-fA-F]{2})+$/.test(clean)) return undefined;
  if (!hex && !/^[A-Za-z0-9+/_-]+={0,2}$/.test(clean)) return undefined;
  const out = Buffer.from(clean, hex ? 'hex' : 'base64').toString('utf8');
  // Readable text only: bytes that are no text (an image, a key) are left as the call that decodes them.
  return out && !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(out) ? out : undefined;
}

/** The code with each encoded literal that decodes to text written out as a string literal. */
export function decodeLiterals(code: string): string {
  if (!/b64decode|decodebytes|fromhex|Buffer|atob|base64|hex2bin|\bpack\s*\(|\.\s*pack\b|Base64/.test(code))
    return code;
  let count = 0;
  let out = code;
  for (const { re, hex } of DECODERS) {
    out = out.replace(re, (whole: string, single?: string, double?: string) => {
      if (count >= MAX_DECODED) return whole;
      const text = decoded(single ?? double ?? '', hex);
      if (text === undefined) return whole;
      count++;
      return !text.includes("'") && !text.includes('\\') && !text.includes('\n') ? `'${text}'` : JSON.stringify(text);
    });
  }
  return out;
}
