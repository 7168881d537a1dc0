"""CourtListener docket JSON (the v4 REST API's docket, with its docket entries, parties and attorneys, which the
API serves from /dockets/, /docket-entries/, /parties/ and /attorneys/; a bundle carries them nested:
``docket_entries``, ``parties`` (each with ``party_types`` and ``attorneys``, the roles naming an attorney) and
``attorneys`` (each with ``contact_raw``, whose first line is the firm, and ``parties_represented``))."""
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
    party_types: list[str] = field(default_factory=list)  # as the docket gives them ("Plaintiff", "Counter-Defendant")


@dataclass
class DocketEntry:
    number: Optional[int]
    date: Optional[str]
    description: str
    url: str = ""  # the entry on CourtListener
    documents: list[str] = field(default_factory=list)  # its documents' descriptions


@dataclass
class DocketCounsel:
    """An attorney of record with the firm and the side (the role of the parties represented)."""

    lawyer: str
    firm: str = ""
    side: str = "other"
    parties: list[str] = field(default_factory=list)


@dataclass
class DocketData:
    case_name: str
    docket_number: str = ""
    court: str = ""
    court_id: str = ""
    judge: str = ""
    referred_judge: str = ""
    case_name_full: str = ""
    docket_number_core: str = ""
    jury_demand: str = ""
    courtlistener_id: Optional[int] = None
    date_filed: Optional[str] = None
    date_terminated: Optional[str] = None
    cause: str = ""
    nature_of_suit: str = ""
    source_url: str = ""
    parties: list[DocketParty] = field(default_factory=list)
    entries: list[DocketEntry] = field(default_factory=list)
    counsel: list[DocketCounsel] = field(default_factory=list)


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


def _clean(value) -> str:
    return " ".join(str(value or "").split())


def _site_url(path) -> str:
    path = str(path or "").strip()
    if path.startswith("/") and not path.startswith("//"):
        path = "https://www.courtlistener.com" + path
    return http_url(path)


_CONTACT_NOISE = re.compile(r"^(?:\d|p\.?\s*o\.?\s+box|suite\b|email|e-mail|fax|tel|phone|\(\d{3}\))|@|\d{3}[-.) ]\d{3}", re.I)


def _firm(contact_raw, lawyer: str) -> str:
    """The firm of an attorney's contact block: its first line that is neither the lawyer's name nor an address,
    a phone number or an e-mail ("Toberoff & Associates, P.C.\n23823 Malibu Road\n...")."""
    for line in str(contact_raw or "").splitlines()[:3]:
        line = _clean(line)
        if not line or _clean(line).lower() == lawyer.lower() or _CONTACT_NOISE.search(line):
            continue
        return line[:300] if re.search(r"[A-Za-z]{2}", line) else ""
    return ""


def _id_of(value) -> Optional[int]:
    """An id given as a number or as the API URL of the object (".../parties/123/")."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    m = re.search(r"/(\d+)/?$", str(value or ""))
    return int(m.group(1)) if m else (int(value) if str(value or "").isdigit() else None)


def _counsel(data: dict, parties: list[tuple[Optional[int], DocketParty, list]]) -> list[DocketCounsel]:
    """Attorneys with their firm and the side of the parties they represent: from the parties' ``attorneys``
    roles (naming an attorney record, or embedding it) and the ``attorneys`` records' ``parties_represented``."""
    records = {}
    for a in data.get("attorneys") or []:
        if isinstance(a, dict) and _clean(a.get("name")):
            records[_id_of(a.get("id") or a.get("resource_uri"))] = a
    by_id = {pid: party for pid, party, _ in parties if pid is not None}
    found: dict[str, DocketCounsel] = {}

    def add(record: dict, party: Optional[DocketParty]) -> None:
        lawyer = _clean(record.get("name"))[:200]
        if lawyer:
            c = found.setdefault(lawyer.lower(), DocketCounsel(lawyer=lawyer, firm=_firm(record.get("contact_raw"),
                                                                                          lawyer)))
            if party is not None and party not in c.parties:
                c.parties.append(party)

    for _, party, roles in parties:
        for role in roles:
            record = role if _clean(role.get("name")) else records.get(_id_of(role.get("attorney_id") or
                                                                              role.get("attorney")))
            if record:
                add(record, party)
    for record in records.values():
        for rep in record.get("parties_represented") or []:
            if isinstance(rep, dict):
                add(record, by_id.get(_id_of(rep.get("party_id") or rep.get("party"))))
        add(record, None)
    for c in found.values():
        sides = {p.role for p in c.parties} - {"other"}
        c.side = sides.pop() if len(sides) == 1 else "other"
        c.parties = [p.name for p in c.parties]
    return list(found.values())


def parse_docket(data) -> DocketData:
    if isinstance(data, (bytes, str)):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as e:
            raise ReadError(f"not valid JSON: {e}", stage="parse") from e
    if not isinstance(data, dict) or not (data.get("case_name") or data.get("docket_number")):
        raise ReadError("not a CourtListener docket: no case_name or docket_number", stage="parse")
    court_id = _court_id(data.get("court_id") or data.get("court"))
    url = _site_url(data.get("absolute_url"))
    parties, numbered = [], []
    for p in data.get("parties") or []:
        if not isinstance(p, dict):
            continue
        name = _clean(p.get("name"))
        if name:
            types = [_clean(t.get("name") or t.get("party_type")) if isinstance(t, dict) else _clean(t)
                     for t in p.get("party_types") or []]
            party = DocketParty(name=name, role=_role(p.get("party_types")),
                                kind="company" if COMPANY.search(name) else "person", party_types=[t for t in types if t])
            parties.append(party)
            numbered.append((_id_of(p.get("id") or p.get("resource_uri")), party,
                             [a for a in p.get("attorneys") or [] if isinstance(a, dict)]))
    entries = []
    for e in data.get("docket_entries") or []:
        if not isinstance(e, dict):
            continue
        docs = [d for d in e.get("recap_documents") or [] if isinstance(d, dict)]
        description = _clean(e.get("description"))
        if not description:
            description = _clean(docs[0].get("description")) if docs else ""
        number = e.get("entry_number") if isinstance(e.get("entry_number"), int) else None
        link = next((_site_url(d.get("absolute_url")) for d in docs if _site_url(d.get("absolute_url"))), "")
        if not link and url:
            link = url + (f"#entry-{number}" if number is not None else "")
        entries.append(DocketEntry(number=number, date=e.get("date_filed"), description=description, url=link,
                                   documents=[_clean(d.get("description")) for d in docs if _clean(d.get("description"))]))
    entries.sort(key=lambda e: (str(e.date or "9999"), e.number or 0))
    return DocketData(case_name=" ".join(str(data.get("case_name") or data.get("case_name_short") or "").split()),
                      docket_number=str(data.get("docket_number") or "").strip(), court=courts.display(court_id),
                      court_id=court_id, judge=str(data.get("assigned_to_str") or "").strip(),
                      date_filed=data.get("date_filed"), date_terminated=data.get("date_terminated"),
                      cause=_clean(data.get("cause")), nature_of_suit=_clean(data.get("nature_of_suit")),
                      source_url=url, parties=parties, entries=entries,
                      referred_judge=_clean(data.get("referred_to_str")), case_name_full=_clean(data.get("case_name_full")),
                      docket_number_core=_clean(data.get("docket_number_core")) or courts.docket_core(
                          str(data.get("docket_number") or "")),
                      jury_demand=_clean(data.get("jury_demand")),
                      courtlistener_id=data.get("id") if isinstance(data.get("id"), int) else None,
                      counsel=_counsel(data, numbered))


def render(d: DocketData) -> str:
    """A readable text of the docket, one fact a line, so evidence can point at each line."""
    lines = [d.case_name, f"Court: {d.court}" if d.court else "", f"Docket number: {d.docket_number}",
             f"Judge: {d.judge}" if d.judge else "", f"Referred to: {d.referred_judge}" if d.referred_judge else "",
             f"Filed: {d.date_filed}" if d.date_filed else "",
             f"Terminated: {d.date_terminated}" if d.date_terminated else "",
             f"Cause: {d.cause}" if d.cause else "", f"Nature of suit: {d.nature_of_suit}" if d.nature_of_suit else "",
             f"Jury demand: {d.jury_demand}" if d.jury_demand else "", "", "Parties:"]
    lines += [f"{p.name} ({p.role})" for p in d.parties]
    if d.counsel:
        lines += ["", "Counsel:"]
        lines += [f"{c.lawyer}{', ' + c.firm if c.firm else ''} (for {', '.join(c.parties) or 'a party'})"
                  for c in d.counsel]
    lines += ["", "Docket entries:"]
    lines += [f"{e.date or 'undated'} [{e.number if e.number is not None else '-'}] {e.description}"
              for e in d.entries if e.description]
    return "\n".join(line for line in lines if line is not None).strip()
