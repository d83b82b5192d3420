// A small, bounded XML reader for build files (Maven's pom.xml, Ant targets): elements, their attributes and
// text, with comments, CDATA, processing instructions and the doctype read past. No namespaces, no entities but
// the five predefined and character references (a doctype declaring more is not read). A document it cannot read whole (a tag unbalanced, a stray `<`,
// more elements or nesting than the bounds) gives undefined: the caller treats the file as unread.

export interface XmlElement {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** The element's own text (not its children's), trimmed. */
  text: string;
}

const MAX_ELEMENTS = 20_000;
const MAX_DEPTH = 64;

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>|<(\/?)([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|</g;
const ATTR = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function decode(s: string): string {
  return s.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|(lt|gt|amp|quot|apos));/gi,
    (_m, hex?: string, dec?: string, name?: string) => {
      if (name) return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[name.toLowerCase()] ?? '';
      const code = hex ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    },
  );
}

/** The document's root element, or undefined when it cannot be read whole within the bounds. */
export function readXml(text: string): XmlElement | undefined {
  const top: XmlElement = { name: '', attrs: {}, children: [], text: '' };
  const stack = [top];
  let count = 0;
  for (const m of text.matchAll(TOKEN)) {
    const current = stack[stack.length - 1];
    // A doctype's internal subset can declare entities the reader does not expand: the text would not be what runs.
    if (m[0].startsWith('<!D') && m[0].includes('[')) return undefined;
    if (m[0].startsWith('<!--') || m[0].startsWith('<?') || m[0].startsWith('<!D')) continue;
    if (m[1] !== undefined) current.text += m[1];
    else if (m[6] !== undefined) current.text += decode(m[6]);
    else if (m[3] === undefined) return undefined;
    else if (m[2]) {
      if (stack.length < 2 || current.name !== m[3]) return undefined;
      current.text = current.text.trim();
      stack.pop();
    } else {
      if (++count > MAX_ELEMENTS || stack.length > MAX_DEPTH) return undefined;
      const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const a of (m[4] ?? '').matchAll(ATTR)) attrs[a[1]] = decode(a[2] ?? a[3]);
      const el: XmlElement = { name: m[3], attrs, children: [], text: '' };
      current.children.push(el);
      if (!m[5]) stack.push(el);
    }
  }
  const root = top.children.filter((c) => c.name);
  return stack.length === 1 && root.length === 1 && !top.text.trim() ? root[0] : undefined;
}

/** The first child element named `name` (local name: a `pom:` prefix is read past). */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => localName(c) === name);
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el?.children.filter((c) => localName(c) === name) ?? [];
}

/** Every element below `el` named `name`, in document order. */
export function descendants(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement): void => {
    for (const c of e.children) {
      if (localName(c) === name) out.push(c);
      visit(c);
    }
  };
  visit(el);
  return out;
}

export function localName(el: XmlElement): string {
  return el.name.slice(el.name.indexOf(':') + 1);
}
