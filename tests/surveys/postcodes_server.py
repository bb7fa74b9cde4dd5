"""A local fake of postcodes.io for tests, serving recorded answers.

`GET /postcodes/<postcode>` answers the file `postcodes_io/<POSTCODE>.json` (spaces
removed, upper case) with 200, or `not_found.json` with 404. `status` forces another
answer (e.g. 500) and `delay` makes every answer slow, to test time-outs. `paths` records
what was asked for.
"""

import time
from email.message import Message
from pathlib import Path
from urllib.parse import unquote

from tests.fake_http import FakeJsonService

ANSWERS = Path(__file__).parent / "postcodes_io"


class FakePostcodesIo(FakeJsonService):
    def __init__(self, port: int) -> None:
        self.paths: list[str] = []
        self.status: int | None = None
        self.delay = 0.0
        super().__init__(port)

    def answer(self, method: str, path: str, headers: Message, body: bytes) -> tuple[int, object]:
        self.paths.append(path)
        if self.delay:
            time.sleep(self.delay)
        if self.status is not None:
            return self.status, {"status": self.status, "error": "Server error"}
        if method == "GET" and path.startswith("/postcodes/"):
            key = "".join(unquote(path[len("/postcodes/") :]).upper().split())
            recorded = ANSWERS / f"{key}.json"
            if key.isalnum() and recorded.exists():
                return 200, recorded.read_bytes()
        return 404, (ANSWERS / "not_found.json").read_bytes()
