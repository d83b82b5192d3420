// The lines of `check --batch`'s input: UTF-8 bytes arriving in chunks, split where readline splits them
// (\r\n, \n or a lone \r) and each line decoded as a decoder of the whole stream decodes it.
import * as NodeBuffer from 'node:buffer';

/** Node's test for bytes that are all ASCII (Node 18.15 and later); without it, every chunk is split as bytes. */
const isAscii = (NodeBuffer as { isAscii?: (b: Buffer) => boolean }).isAscii;

/**
 * Splits UTF-8 bytes arriving in chunks into lines of text; a \r at a chunk's end waits to see whether a \n follows.
 * A chunk of ASCII bytes (most input) is decoded at once and split as text. Any other is split as bytes (a \n or \r
 * byte is never part of a longer UTF-8 sequence) and each line decoded on its own: a line of ASCII is then a
 * one-byte string even in a chunk holding other characters, where decoding the chunk whole made every line of it a
 * two-byte string (slower to hash, compare and parse).
 */
export class LineSplitter {
  /** The bytes of a line whose end has not arrived yet. */
  private rest: Buffer | undefined;
  constructor(private readonly line: (text: string) => void) {}

  push(chunk: Buffer): void {
    const bytes = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    // In ASCII a character is a byte: where the text's last line starts is where its bytes do.
    const start = isAscii?.(bytes) ? this.splitText(bytes.toString('latin1')) : this.splitBytes(bytes);
    // A copy: the rest of a line outlives the chunk it came in.
    this.rest = start < bytes.length ? Buffer.from(bytes.subarray(start)) : undefined;
  }

  end(): void {
    const rest = this.rest;
    this.rest = undefined;
    if (!rest) return;
    const last = (rest[rest.length - 1] === 13 ? rest.subarray(0, rest.length - 1) : rest).toString('utf8');
    if (last !== '') this.line(last);
  }

  /** Hands over the lines `text` ends; returns where the line not ended yet starts. */
  private splitText(text: string): number {
    let start = 0;
    // Found by indexOf (native) rather than a test of every character; a \r is looked for only in text that has one.
    let cr = text.indexOf('\r');
    for (let lines = 0; lines <= text.length; lines++) {
      const lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      const i = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (i === -1) break;
      if (i === cr && i === text.length - 1) break; // maybe the first half of \r\n
      this.line(text.slice(start, i));
      start = i === cr && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    }
    return start;
  }

  /** As splitText, for bytes that are not all ASCII: each line decoded from its own bytes. */
  private splitBytes(bytes: Buffer): number {
    let start = 0;
    let cr = bytes.indexOf(13);
    for (let lines = 0; lines <= bytes.length; lines++) {
      const lf = bytes.indexOf(10, start);
      if (cr !== -1 && cr < start) cr = bytes.indexOf(13, start);
      const i = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (i === -1) break;
      if (i === cr && i === bytes.length - 1) break; // maybe the first half of \r\n
      this.line(bytes.toString('utf8', start, i));
      start = i === cr && bytes[i + 1] === 10 ? i + 2 : i + 1;
    }
    return start;
  }
}
