// The seccomp filter every confined command runs under (bubblewrap loads it
// with --seccomp): it refuses the ioctls that push characters into a
// terminal's input (TIOCSTI) or drive the console (TIOCLINUX), so nothing
// confined can type a command into the shell or editor terminal that
// started it — that command would run unconfined. Classic BPF, built here
// (no libseccomp at hand): for x86_64 (and its i386 and x32 entry points)
// and aarch64; any other architecture is let through unfiltered, where the
// kernel's own default (no legacy TIOCSTI since 6.2) is the guard.

const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const RET_K = 0x06;

const RET_ALLOW = 0x7fff0000;
const RET_EPERM = 0x00050000 | 1;

const AUDIT_ARCH_X86_64 = 0xc000003e;
const AUDIT_ARCH_I386 = 0x40000003;
const AUDIT_ARCH_AARCH64 = 0xc00000b7;
const X32_SYSCALL_BIT = 0x40000000;

/** ioctl's number per architecture. */
const IOCTL: ReadonlyArray<[number, number]> = [
  [AUDIT_ARCH_X86_64, 16],
  [AUDIT_ARCH_I386, 54],
  [AUDIT_ARCH_AARCH64, 29],
];
const TIOCSTI = 0x5412;
const TIOCLINUX = 0x541c;

// seccomp_data: nr at 0, arch at 4, args[i] at 16 + 8i. The request is an
// unsigned int to the kernel: its low 32 bits (little-endian: offset 24) are
// what counts, whatever the high ones say.
const NR = 0;
const ARCH = 4;
const ARG1_LOW = 24;

type Insn = [code: number, jt: number, jf: number, k: number];

/** The filter program. Jumps are relative, so it is laid out by hand, one block per architecture. */
export function tiocstiFilter(): Insn[] {
  const p: Insn[] = [[LD_W_ABS, 0, 0, ARCH]];
  // Per architecture: [jeq arch] [ld nr] ([jge x32] on x86_64) [jeq ioctl] [ld arg1] [jeq TIOCSTI] [jeq TIOCLINUX] [allow]
  for (const [arch, ioctl] of IOCTL) {
    const x32 = arch === AUDIT_ARCH_X86_64;
    const block: Insn[] = [];
    block.push([LD_W_ABS, 0, 0, NR]);
    // x32 calls (nr with bit 30) reach the same ioctl under other numbers: refused outright.
    if (x32) block.push([JGE_K, 0, 1, X32_SYSCALL_BIT], [RET_K, 0, 0, RET_EPERM]);
    block.push([JEQ_K, 0, 4, ioctl]);
    block.push([LD_W_ABS, 0, 0, ARG1_LOW]);
    block.push([JEQ_K, 1, 0, TIOCSTI]);
    block.push([JEQ_K, 0, 1, TIOCLINUX]);
    block.push([RET_K, 0, 0, RET_EPERM]);
    block.push([RET_K, 0, 0, RET_ALLOW]);
    // Not this architecture: skip the block, back to comparing the arch.
    p.push([JEQ_K, 0, block.length, arch], ...block);
    p.push([LD_W_ABS, 0, 0, ARCH]);
  }
  p.push([RET_K, 0, 0, RET_ALLOW]);
  return p;
}

/** The program as struct sock_filter[] bytes (little-endian), as bubblewrap reads it from a descriptor. */
export function tiocstiFilterBytes(): Buffer {
  const insns = tiocstiFilter();
  const buf = Buffer.alloc(insns.length * 8);
  insns.forEach(([code, jt, jf, k], i) => {
    buf.writeUInt16LE(code, i * 8);
    buf.writeUInt8(jt, i * 8 + 2);
    buf.writeUInt8(jf, i * 8 + 3);
    buf.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return buf;
}
