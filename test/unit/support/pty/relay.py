# A real pseudo-terminal for the terminal gate's tests: runs the command given
# as arguments on a new pty (as a terminal emulator would), prints "PID <pid>"
# first, then relays bytes both ways: this process's stdin to the terminal,
# the terminal's output to stdout. Closing stdin hangs the terminal up.
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios

pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])

fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
out = sys.stdout.buffer
out.write(b"PID %d\n" % pid)
out.flush()
stdin_open = True
while True:
    watch = [fd] + ([0] if stdin_open else [])
    ready, _, _ = select.select(watch, [], [], 1.0)
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out.write(data)
        out.flush()
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            stdin_open = False
            os.kill(pid, signal.SIGHUP)
        else:
            os.write(fd, data)
try:
    os.waitpid(pid, 0)
except ChildProcessError:
    pass
