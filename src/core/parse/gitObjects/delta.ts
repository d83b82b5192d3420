// A packed object stored as a delta (gitformat-pack(5)): the base's size and
// the result's, then instructions that copy a span of the base or insert the
// bytes that follow them. Bounded by the result's size; anything that does not
// add up reads as unknown.

function varint(delta: Buffer, at: { k: number }): number | undefined {
  let value = 0;
  for (let shift = 0; shift <= 28; shift += 7) {
    if (at.k >= delta.length) return undefined;
    const c = delta[at.k++];
    value += (c & 0x7f) * 2 ** shift;
    if (!(c & 0x80)) return value;
  }
  return undefined;
}

/** `base` with `delta` applied; undefined when the delta is damaged or its result is larger than `most`. */
export function applyDelta(base: Buffer, delta: Buffer, most: number): Buffer | undefined {
  const at = { k: 0 };
  const baseSize = varint(delta, at);
  const size = varint(delta, at);
  if (baseSize !== base.length || size === undefined || size > most) return undefined;
  const out = Buffer.alloc(size);
  let n = 0;
  while (at.k < delta.length) {
    const op = delta[at.k++];
    if (op & 0x80) {
      let offset = 0;
      let length = 0;
      for (let b = 0; b < 4; b++) {
        if (op & (1 << b)) {
          if (at.k >= delta.length) return undefined;
          offset += delta[at.k++] * 2 ** (8 * b);
        }
      }
      for (let b = 0; b < 3; b++) {
        if (op & (0x10 << b)) {
          if (at.k >= delta.length) return undefined;
          length += delta[at.k++] * 2 ** (8 * b);
        }
      }
      if (length === 0) length = 0x10000;
      if (offset + length > base.length || n + length > size) return undefined;
      base.copy(out, n, offset, offset + length);
      n += length;
    } else if (op) {
      if (at.k + op > delta.length || n + op > size) return undefined;
      delta.copy(out, n, at.k, at.k + op);
      at.k += op;
      n += op;
    } else return undefined;
  }
  return n === size ? out : undefined;
}
