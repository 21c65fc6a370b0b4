#!/usr/bin/python3
"""A bare SMTP sink for bench/mailer.sh: answers 250 to everything, reads
DATA to its end, keeps nothing. Plain asyncio, no aiosmtpd: to measure the
mailer where test/support/smtp_sink.py would be the limit. Prints "PORT <n>".
Not a test tool: it checks nothing a real server checks."""
import asyncio
import signal


class Session(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""
        self.in_data = False
        transport.write(b"220 fast-sink ESMTP\r\n")

    def data_received(self, data):
        self.buffer += data
        while True:
            if self.in_data:
                end = self.buffer.find(b"\r\n.\r\n")
                if end < 0:
                    return
                self.buffer = self.buffer[end + 5:]
                self.in_data = False
                self.transport.write(b"250 2.0.0 Accepted\r\n")
                continue
            line_end = self.buffer.find(b"\r\n")
            if line_end < 0:
                return
            line, self.buffer = self.buffer[:line_end], self.buffer[line_end + 2:]
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.transport.write(b"250-fast-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                self.in_data = True
                self.buffer = b"\r\n" + self.buffer  # a message may be empty
                self.transport.write(b"354 Go ahead\r\n")
            elif verb == b"QUIT":
                self.transport.write(b"221 Bye\r\n")
                self.transport.close()
                return
            else:
                self.transport.write(b"250 OK\r\n")


def main():
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(Session, "127.0.0.1", 0))
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    for signo in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signo, loop.stop)
    loop.run_forever()


if __name__ == "__main__":
    main()
