#!/ usr / bin / python3
"""A real SMTP server for the tests (Debian's python3-aiosmtpd), on a free
loopback port unless given one. It prints "PORT <n>" on stdout once it
listens, then writes each message it accepts, as received, to a file of its
own in DIR (NNNNNN.eml, written under a temporary name and renamed, so a
reader never sees half a message).

Faults, for the mailer's fault tests:
  --reply "451 4.3.0 Try again later"  answer every DATA with this instead
  --control FILE                       while FILE exists, answer DATA with
                                       its first line (the test writes and
                                       removes it as it goes)
  --no-write                           accept and count, write nothing (bench)

TERM or INT ends it.
"""
import argparse
import asyncio
import itertools
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, directory, reply, control, write):
        self.directory = directory
        self.reply = reply
        self.control = control
        self.write = write
        self.numbers = itertools.count(1)

    def fault(self):
        if self.control and os.path.exists(self.control):
            with open(self.control, encoding="utf-8") as f:
                line = f.readline().strip()
            if line:
                return line
        return self.reply

    async def handle_DATA(self, server, session, envelope):
        fault = self.fault()
        if fault:
            return fault
        if self.write:
            number = next(self.numbers)
            path = os.path.join(self.directory, "%06d.eml" % number)
            with open(path + ".tmp", "wb") as f:
                f.write(envelope.original_content)
            os.rename(path + ".tmp", path)
        return "250 2.0.0 Message accepted"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reply")
    parser.add_argument("--control")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.directory, exist_ok=True)
    sink = Sink(args.directory, args.reply, args.control, not args.no_write)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(
            lambda: SMTP(sink, hostname="sink.test", data_size_limit=64 * 1024 * 1024),
            host="127.0.0.1",
            port=args.port,
            reuse_address=True,
        )
    )
    port = server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)
    for signo in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signo, loop.stop)
    try:
        loop.run_forever()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
