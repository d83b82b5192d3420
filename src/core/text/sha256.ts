// SHA-256 in plain TypeScript (FIPS 180-4), for the hashes on the hook's
// path: the audit chain, the config cache key, the confirmed-policy and
// socket file names. Loading node:crypto and initialising OpenSSL costs a
// hook call several milliseconds before it hashes anything; the inputs here
// are a few hundred bytes to a few KiB. Same digest as
// createHash('sha256') (test/unit/text/sha256.test.ts holds them against each other).
// A long-running process that has node:crypto loaded anyway (the editor's
// judge, in the extension host) hands the hashing to it (useNodeCrypto).
import type * as Crypto from 'node:crypto';

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

function bytesOf(parts: readonly (string | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
  const total = chunks.reduce((n, c) => n + c.length, 0);
  // Room for the 0x80 byte and the 64-bit length, rounded up to whole 64-byte blocks.
  const padded = new Uint8Array(Math.ceil((total + 9) / 64) * 64);
  let at = 0;
  for (const c of chunks) {
    padded.set(c, at);
    at += c.length;
  }
  padded[total] = 0x80;
  const bits = total * 8;
  const end = padded.length;
  padded[end - 1] = bits & 0xff;
  padded[end - 2] = (bits >>> 8) & 0xff;
  padded[end - 3] = (bits >>> 16) & 0xff;
  padded[end - 4] = (bits >>> 24) & 0xff;
  // Lengths past 2^32 bits (512 MiB) are not hashed here.
  padded[end - 5] = Math.floor(bits / 2 ** 32) & 0xff;
  return padded;
}

type Parts = readonly (string | Uint8Array)[];

/** node:crypto's digest of the parts, once a process has said it has node:crypto loaded (useNodeCrypto). */
let nodeCrypto: ((parts: Parts) => string) | undefined;

/**
 * From now on this process hashes with OpenSSL: 10 to 50 times faster than
 * the loop here for a few hundred bytes (0.5–2 µs against 6–50 µs), the same
 * digest. Only for a process that has node:crypto loaded anyway: the CLI never
 * calls it (loading it would cost each hook call more than all its hashes).
 */
export function useNodeCrypto(crypto: typeof Crypto): void {
  // crypto.hash, one call without a Hash object, where this Node has it (20.12 and later).
  const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;
  nodeCrypto = (parts) => {
    if (oneShot && parts.length === 1) return oneShot('sha256', parts[0], 'hex');
    const hash = crypto.createHash('sha256');
    for (const p of parts) hash.update(p);
    return hash.digest('hex');
  };
}

/** The SHA-256 of the parts (strings as UTF-8), concatenated, as lowercase hex. */
export function sha256Hex(...parts: (string | Uint8Array)[]): string {
  return nodeCrypto ? nodeCrypto(parts) : sha256HexInScript(...parts);
}

/** sha256Hex as this module computes it, never by node:crypto. */
export function sha256HexInScript(...parts: (string | Uint8Array)[]): string {
  const m = bytesOf(parts);
  const h = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Int32Array(64);
  for (let off = 0; off < m.length; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = (m[j] << 24) | (m[j + 1] << 16) | (m[j + 2] << 8) | m[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15];
      const b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  let hex = '';
  for (let i = 0; i < 8; i++) hex += (h[i] >>> 0).toString(16).padStart(8, '0');
  return hex;
}

/**
 * Past this many bytes, OpenSSL's hash (with the cost of loading node:crypto)
 * is the faster one. A hook's process hashes little, so the loop here runs in
 * V8's interpreter, about 0.8 µs a byte: the 14 KB sandbox part took 10–13 ms
 * of a confined call's CPU, where loading node:crypto and hashing it took
 * 1.5–3.5 ms. Under 2 KB the loop wins; the two meet near 4 KB.
 */
const SMALL_INPUT_BYTES = 4 * 1024;

/**
 * sha256Hex for input of any size: hashed here when small (a hook's command,
 * most payloads), by node:crypto, loaded on first use, when large (an edit's
 * whole file content, a lazily loaded part of the CLI). Once loaded it hashes
 * everything after it too (useNodeCrypto): the same digests, for less.
 */
export function sha256HexAnySize(...parts: (string | Uint8Array)[]): string {
  if (nodeCrypto) return nodeCrypto(parts);
  let size = 0;
  for (const p of parts) size += typeof p === 'string' ? Buffer.byteLength(p, 'utf8') : p.length;
  if (size <= SMALL_INPUT_BYTES) return sha256HexInScript(...parts);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    useNodeCrypto(require('node:crypto') as typeof Crypto);
  } catch {
    // A Node built without OpenSSL: the same digest, by hand.
  }
  return sha256Hex(...parts);
}
