"""A fake CourtListener REST API v4 on 127.0.0.1 (an ephemeral port), built from the documented response shapes:
/dockets/<id>/, /docket-entries/, /parties/, /attorneys/ and /search/ with cursor pagination (``next`` links
carrying an opaque cursor), token authentication (401 without the token) and 404 for unknown dockets. Tests script
faults per path: a status with headers (429 with Retry-After, 500), malformed JSON, a slow answer. Every request is
logged (path, query, headers) with the time of the clock the test injects."""
from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

TOKEN = "fake-token-0123456789"
API = "/api/rest/v4/"


class FakeCourtListener:
    def __init__(self, page_size: int = 2, clock=time.time):
        self.dockets: dict[int, dict] = {}
        self.entries: dict[int, list[dict]] = {}
        self.parties: dict[int, list[dict]] = {}
        self.attorneys: dict[int, list[dict]] = {}
        self.page_size = page_size
        self.clock = clock
        self.faults: dict[str, list[dict]] = {}  # path prefix -> scripted answers, used once each, in order
        self.log: list[dict] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{API}"

    def start(self) -> "FakeCourtListener":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fault(self, path: str, *, status: int = 0, headers: dict | None = None, body: bytes | None = None,
              delay: float = 0.0) -> None:
        self.faults.setdefault(path, []).append({"status": status, "headers": headers or {}, "body": body,
                                                 "delay": delay})

    def requests_to(self, prefix: str) -> list[dict]:
        return [r for r in self.log if r["path"].startswith(API + prefix)]

    # ------------------------------------------------------------------ data, in the v4 shapes
    def add_docket(self, docket: dict, entries: list[dict], parties: list[dict], attorneys: list[dict]) -> None:
        cl_id = docket["id"]
        self.dockets[cl_id] = docket
        self.entries[cl_id] = entries
        self.parties[cl_id] = parties
        self.attorneys[cl_id] = attorneys

    def _answer(self, path: str, query: dict, base: str):
        rest = path[len(API):]
        parts = [p for p in rest.split("/") if p]
        if parts[:1] == ["dockets"] and len(parts) == 2 and parts[1].isdigit():
            docket = self.dockets.get(int(parts[1]))
            return (200, docket) if docket else (404, {"detail": "No Docket matches the given query."})
        if parts == ["docket-entries"]:
            rows = list(self.entries.get(int(query.get("docket", "0") or 0), []))
            since = query.get("date_modified__gte")
            if since:
                rows = [r for r in rows if r["date_modified"] >= since]
            return 200, self._page(sorted(rows, key=lambda r: r["id"]), query, base, path)
        if parts in (["parties"], ["attorneys"]):
            store = self.parties if parts == ["parties"] else self.attorneys
            return 200, self._page(list(store.get(int(query.get("docket", "0") or 0), [])), query, base, path)
        if parts == ["search"]:
            words = query.get("q", "").lower().split()
            hits = [{"docket_id": d["id"], "caseName": d["case_name"], "court_id": d["court_id"],
                     "docketNumber": d["docket_number"], "dateFiled": d["date_filed"],
                     "docket_absolute_url": d["absolute_url"], "assignedTo": d["assigned_to_str"]}
                    for d in self.dockets.values() if all(w in json.dumps(d).lower() for w in words)]
            return 200, self._page(hits, query, base, path)
        return 404, {"detail": "Not found."}

    def _page(self, rows: list, query: dict, base: str, path: str) -> dict:
        offset = int(json.loads(base64.urlsafe_b64decode(query["cursor"]))["o"]) if query.get("cursor") else 0
        size = int(query.get("page_size") or self.page_size)
        chunk = rows[offset:offset + size]
        nxt = None
        if offset + size < len(rows):
            params = {k: v for k, v in query.items() if k != "cursor"}
            params["cursor"] = base64.urlsafe_b64encode(json.dumps({"o": offset + size}).encode()).decode()
            nxt = f"{base}{path}?{urlencode(params)}"
        return {"count": len(rows), "next": nxt, "previous": None, "results": chunk}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                split = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(split.query).items()}
                with fake.lock:
                    fake.log.append({"path": split.path, "query": query, "at": fake.clock(),
                                     "authorization": self.headers.get("Authorization", "")})
                    script = next((fake.faults[p] for p in fake.faults if split.path.startswith(API + p)
                                   and fake.faults[p]), None)
                    fault = script.pop(0) if script else None
                if fault and fault["delay"]:
                    time.sleep(fault["delay"])
                if fault and (fault["status"] or fault["body"] is not None):
                    return self._send(fault["status"] or 200, fault["body"] if fault["body"] is not None else
                                      json.dumps({"detail": "scripted"}).encode(), fault["headers"])
                if self.headers.get("Authorization") != f"Token {TOKEN}":
                    return self._send(401, json.dumps({"detail": "Invalid token."}).encode(), {})
                status, body = fake._answer(split.path, query, f"http://{self.headers['Host']}")
                return self._send(status, json.dumps(body).encode(), {})

            def _send(self, status, body, headers):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    pass

        return Handler


def musk_docket(fake: FakeCourtListener, cl_id: int = 69013420) -> None:
    """Musk v. Altman as CourtListener's v4 API serves it (the public facts of tests/ingest/assets/
    courtlistener_docket_musk_v_openai.json, split into the docket, entries, parties and attorneys endpoints)."""
    api = fake.url
    docket_url = f"{api}dockets/{cl_id}/"
    fake.add_docket({
        "resource_uri": docket_url, "id": cl_id, "court": f"{api}courts/cand/", "court_id": "cand",
        "absolute_url": f"/docket/{cl_id}/musk-v-altman/", "case_name_short": "Musk", "case_name": "Musk v. Altman",
        "case_name_full": "Elon Musk v. Samuel Altman, et al.", "docket_number": "4:24-cv-04722-YGR",
        "docket_number_core": "2404722", "assigned_to": f"{api}people/3052/", "assigned_to_str": "Yvonne Gonzalez Rogers",
        "referred_to": None, "referred_to_str": "Thomas S. Hixson", "date_filed": "2024-08-05",
        "date_terminated": None, "date_last_filing": "2025-03-04", "cause": "28:1332 Diversity-Breach of Contract",
        "nature_of_suit": "Contract: Other", "jury_demand": "Plaintiff", "pacer_case_id": "433688",
        "date_created": "2024-08-05T20:01:12.000000-07:00", "date_modified": "2025-03-04T18:00:00.000000-07:00",
    }, entries=[
        _entry(api, cl_id, 900001, 1, "2024-08-05", "COMPLAINT against Samuel Altman, Gregory Brockman, OpenAI, Inc. "
               "and others. Filed by Elon Musk.", "2024-08-06T10:00:00-07:00"),
        _entry(api, cl_id, 900032, 32, "2024-11-14", "FIRST AMENDED COMPLAINT against all defendants, adding Microsoft "
               "Corporation. Filed by Elon Musk.", "2024-11-15T10:00:00-07:00"),
        _entry(api, cl_id, 900046, 46, "2024-12-13", "MOTION to Dismiss filed by Microsoft Corporation.",
               "2024-12-14T10:00:00-07:00"),
        _entry(api, cl_id, 900121, 121, "2025-03-04", "ORDER DENYING MOTION FOR PRELIMINARY INJUNCTION. Signed by Judge "
               "Yvonne Gonzalez Rogers.", "2025-03-04T18:00:00-07:00"),
    ], parties=[
        _party(api, cl_id, 501, "Elon Musk", "Plaintiff", [801]),
        _party(api, cl_id, 502, "Samuel Altman", "Defendant", [802]),
        _party(api, cl_id, 503, "Gregory Brockman", "Defendant", [802]),
        _party(api, cl_id, 504, "OpenAI, Inc.", "Defendant", [802]),
        _party(api, cl_id, 505, "Microsoft Corporation", "Defendant", [803]),
    ], attorneys=[
        _attorney(api, cl_id, 801, "Marc Toberoff", "Toberoff & Associates, P.C.\n23823 Malibu Road\nSuite 50-363\n"
                  "Malibu, CA 90265\n(310) 246-3333\nEmail: mtoberoff@toberoffandassociates.com", [501]),
        _attorney(api, cl_id, 802, "Jordan Eth", "Morrison & Foerster LLP\n425 Market Street\nSan Francisco, CA 94105",
                  [502, 503, 504]),
        _attorney(api, cl_id, 803, "Russell P. Cohen", "Dechert LLP\n45 Fremont Street\nSan Francisco, CA 94105", [505]),
    ])


def _entry(api, cl_id, pk, number, filed, description, modified) -> dict:
    return {"resource_uri": f"{api}docket-entries/{pk}/", "id": pk, "docket": f"{api}dockets/{cl_id}/",
            "date_created": modified, "date_modified": modified, "date_filed": filed, "entry_number": number,
            "recap_sequence_number": f"{filed}.{number:03d}", "pacer_sequence_number": number,
            "description": description, "recap_documents": [{
                "resource_uri": f"{api}recap-documents/{pk * 10}/", "id": pk * 10, "document_number": str(number),
                "attachment_number": None, "description": "", "page_count": 3, "is_available": False,
                "absolute_url": f"/docket/{cl_id}/{number}/musk-v-altman/", "date_modified": modified}]}


def _party(api, cl_id, pk, name, party_type, attorney_ids) -> dict:
    return {"resource_uri": f"{api}parties/{pk}/", "id": pk, "name": name, "extra_info": "",
            "date_created": "2024-08-06T10:00:00-07:00", "date_modified": "2024-08-06T10:00:00-07:00",
            "party_types": [{"docket": f"{api}dockets/{cl_id}/", "docket_id": cl_id, "name": party_type,
                             "date_terminated": None, "extra_info": "", "highest_offense_level_opening": "",
                             "highest_offense_level_terminated": "", "criminal_counts": [],
                             "criminal_complaints": []}],
            "attorneys": [{"attorney": f"{api}attorneys/{a}/", "attorney_id": a, "date_action": None,
                           "docket": f"{api}dockets/{cl_id}/", "docket_id": cl_id, "role": 1} for a in attorney_ids]}


def _attorney(api, cl_id, pk, name, contact, party_ids) -> dict:
    return {"resource_uri": f"{api}attorneys/{pk}/", "id": pk, "name": name, "contact_raw": contact, "phone": "",
            "fax": "", "email": "", "date_created": "2024-08-06T10:00:00-07:00",
            "date_modified": "2024-08-06T10:00:00-07:00",
            "parties_represented": [{"role": 1, "docket": f"{api}dockets/{cl_id}/", "party": f"{api}parties/{p}/",
                                     "date_action": None} for p in party_ids]}
