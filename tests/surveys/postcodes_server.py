"""A local fake of postcodes.io for tests: a threaded http.server serving recorded answers.

`GET /postcodes/<postcode>` answers the file `postcodes_io/<POSTCODE>.json` (spaces
removed, upper case) with 200, or `not_found.json` with 404. `status` forces another
answer (e.g. 500) and `delay` makes every answer slow, to test time-outs. `paths` records
what was asked for.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

ANSWERS = Path(__file__).parent / "postcodes_io"


class FakePostcodesIo:
    def __init__(self, port: int) -> None:
        self.port = port
        self.paths: list[str] = []
        self.status: int | None = None
        self.delay = 0.0
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "FakePostcodesIo":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                return

            def do_GET(self) -> None:
                fake.paths.append(self.path)
                if fake.delay:
                    time.sleep(fake.delay)
                status, body = 404, (ANSWERS / "not_found.json").read_bytes()
                if self.path.startswith("/postcodes/"):
                    key = "".join(unquote(self.path[len("/postcodes/") :]).upper().split())
                    answer = ANSWERS / f"{key}.json"
                    if key.isalnum() and answer.exists():
                        status, body = 200, answer.read_bytes()
                if fake.status is not None:
                    status = fake.status
                    body = json.dumps({"status": status, "error": "Server error"}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
