"""A local HTTP server for a test: an SMS gateway or a push service on 127.0.0.1, random port."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeServer:
    """`status` is what it answers; `delay` seconds before answering (to time a client out)."""

    status: int = 200
    answer: bytes = b'{"id": "msg-1"}'
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    url: str = ""

    def handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                server.received.append(
                    Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                )
                if server.delay:
                    time.sleep(server.delay)
                try:
                    self.send_response(server.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(server.answer)))
                    self.end_headers()
                    self.wfile.write(server.answer)
                except OSError:  # the client gave up (timeout test)
                    pass

            def log_message(self, *args):
                pass

        return Handler


def start(fake: FakeServer, path: str = "/send"):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), fake.handler())
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{httpd.server_address[1]}{path}"
    return httpd
