"""The static host of ``make audit`` and the browser tests (``scripts/audit.py``) as a real host behaves."""

from __future__ import annotations

import socket
import struct
import time
import urllib.request
from pathlib import Path

import pytest

from scripts.audit import serve


def test_a_browser_that_leaves_before_a_file_is_sent_is_not_an_error(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A reader's browser closes connections mid-file (a page left; a test's browser closed): a host
    says nothing of it, and goes on serving."""
    (tmp_path / "large.json").write_bytes(b"x" * 8_000_000)
    with serve(tmp_path, use_gzip=False) as url:
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset on close
                client.sendall(b"GET /large.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                client.recv(64)  # the response has begun
        time.sleep(0.5)  # (the server's threads meet the closed connections)
        with urllib.request.urlopen(f"{url}large.json") as response:
            assert response.read(4) == b"xxxx"
    assert "Traceback" not in capfd.readouterr().err
