"""CourtListener docket JSON (the v4 REST API's docket, with its docket entries and parties, which the
API serves from /dockets/, /docket-entries/ and /parties/; a bundle may carry them nested)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Optional

from ingest.nlp import courts
from ingest.readers.base import ReadError, http_url

PLAINTIFF = re.compile(r"plaintiff|petitioner|claimant|appellant|movant|counter-?defendant", re.I)
DEFENDANT = re.compile(r"defendant|respondent|appellee|counter-?claimant", re.I)
COMPANY = re.compile(r"\b(?:inc|llc|ltd|corp|co|company|corporation|lp|llp|pbc|gmbh|group|holdings|news|times|"
                     r"media|ai|openai|microsoft|meta|google|anthropic)\b\.?", re.I)


@dataclass
class DocketParty:
    name: str
    role: str = "other"
    kind: str = "company"


@dataclass
class DocketEntry:
    number: Optional[int]
    date: Optional[str]
    description: str


@dataclass
class DocketData:
    case_name: str
    docket_number: str = ""
    court: str = ""
    court_id: str = ""
    judge: str = ""
    date_filed: Optional[str] = None
    date_terminated: Optional[str] = None
    cause: str = ""
    nature_of_suit: str = ""
    source_url: str = ""
    parties: list[DocketParty] = field(default_factory=list)
    entries: list[DocketEntry] = field(default_factory=list)


def _court_id(value) -> str:
    if not value:
        return ""
    value = str(value).rstrip("/")
    return value.rsplit("/", 1)[-1] if "/" in value else value


def _role(types) -> str:
    names = " ".join((t.get("name") or "") if isinstance(t, dict) else str(t) for t in types or [])
    if PLAINTIFF.search(names) and not re.search(r"counter-?defendant", names, re.I):
        return "plaintiff"
    if DEFENDANT.search(names):
        return "defendant"
    return "other"


def parse_docket(data) -> DocketData:
    if isinstance(data, (bytes, str)):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as e:
            raise ReadError(f"not valid JSON: {e}", stage="parse") from e
    if not isinstance(data, dict) or not (data.get("case_name") or data.get("docket_number")):
        raise ReadError("not a CourtListener docket: no case_name or docket_number", stage="parse")
    court_id = _court_id(data.get("court_id") or data.get("court"))
    url = str(data.get("absolute_url") or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        url = "https://www.courtlistener.com" + url
    url = http_url(url)
    parties = []
    for p in data.get("parties") or []:
        name = " ".join(str(p.get("name") or "").split())
        if name:
            parties.append(DocketParty(name=name, role=_role(p.get("party_types")),
                                       kind="company" if COMPANY.search(name) else "person"))
    entries = []
    for e in data.get("docket_entries") or []:
        description = " ".join(str(e.get("description") or "").split())
        if not description:
            docs = e.get("recap_documents") or []
            description = " ".join(str(docs[0].get("description") or "").split()) if docs else ""
        entries.append(DocketEntry(number=e.get("entry_number"), date=e.get("date_filed"), description=description))
    entries.sort(key=lambda e: (e.date or "9999", e.number or 0))
    return DocketData(case_name=" ".join(str(data.get("case_name") or data.get("case_name_short") or "").split()),
                      docket_number=str(data.get("docket_number") or "").strip(), court=courts.display(court_id),
                      court_id=court_id, judge=str(data.get("assigned_to_str") or "").strip(),
                      date_filed=data.get("date_filed"), date_terminated=data.get("date_terminated"),
                      cause=str(data.get("cause") or ""), nature_of_suit=str(data.get("nature_of_suit") or ""),
                      source_url=url, parties=parties, entries=entries)


def render(d: DocketData) -> str:
    """A readable text of the docket, one fact a line, so evidence can point at each line."""
    lines = [d.case_name, f"Court: {d.court}" if d.court else "", f"Docket number: {d.docket_number}",
             f"Judge: {d.judge}" if d.judge else "", f"Filed: {d.date_filed}" if d.date_filed else "",
             f"Terminated: {d.date_terminated}" if d.date_terminated else "",
             f"Cause: {d.cause}" if d.cause else "", f"Nature of suit: {d.nature_of_suit}" if d.nature_of_suit else "",
             "", "Parties:"]
    lines += [f"{p.name} ({p.role})" for p in d.parties]
    lines += ["", "Docket entries:"]
    lines += [f"{e.date or 'undated'} [{e.number if e.number is not None else '-'}] {e.description}"
              for e in d.entries if e.description]
    return "\n".join(line for line in lines if line is not None).strip()
