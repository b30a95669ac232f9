"""A tiny local stand-in for the PDOK Locatieserver: tests never ask the internet."""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeGeocoder:
    def __init__(self, points: dict[str, tuple[float, float]]):
        self.points = points  # normalised query ("7544CZ") → (latitude, longitude)
        self.requests: list[dict] = []
        self.broken = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                fake.requests.append(query)
                if fake.broken:
                    self.send_response(500)
                    self.end_headers()
                    self.wfile.write(b"<html>kapot</html>")
                    return
                point = fake.points.get(query.get("q", [""])[0])
                docs = (
                    [
                        {
                            "centroide_ll": f"POINT({point[1]} {point[0]})",
                            "weergavenaam": query["q"][0],
                        }
                    ]
                    if point
                    else []
                )
                body = json.dumps({"response": {"numFound": len(docs), "docs": docs}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/free"
        # shutdown() waits for the loop to look up: at the default half second, that was a
        # fifth of the time of the tests that use a geocoder.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
