"""Integration tests on the full model: the seed minimum, the public API, and no Django."""
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ingest.nlp.evaljson import extract_files

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "samples").glob("*.txt"))


@pytest.fixture(scope="module")
def seeds(nlp):
    return {line["doc"]: line for line in extract_files(SEEDS)}


def test_the_nlp_package_never_imports_django():
    code = ("import sys; import ingest.nlp.pipeline, ingest.nlp.evaljson, ingest.nlp.facts; "
            "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_seed_000_minimum(seeds):
    line = seeds["000_3533d663893043f7.txt"]
    names = {p["name"] for p in line["parties"]}
    assert {"Elon Musk", "xAI", "OpenAI", "Anthropic", "DeepSeek", "Moonshot", "MiniMax"} <= names
    assert {"speaker": "Elon Musk", "text": "It is standard practice to use other AIs to validate your AI."} in line["quotes"]
    allegations = {(a["accuser"], a["accused"], a["teacher"], a["status"]) for a in line["distillation_allegations"]}
    assert any(a[1] == "xAI" and a[2] == "OpenAI" and a[3] == "admitted" for a in allegations)
    for accused in ("DeepSeek", "Moonshot", "MiniMax"):
        assert ("Anthropic", accused) in {(a[0], a[1]) for a in allegations}


def test_seeds_admission_student_and_inferred_caption(seeds):
    xai = [a for line in seeds.values() for a in line["distillation_allegations"] if a["accused"] == "xAI"]
    assert xai and all(a["status"] == "admitted" for a in xai)
    assert any(a["student"] == "Grok" for a in xai)
    assert "Musk v. OpenAI" in seeds["001_df2d44c0bc6c26d2.txt"]["case_captions"]


def test_extract_and_extract_many(nlp):
    from ingest.nlp.pipeline import EXTRACTOR_VERSION, extract, extract_many

    x = extract("Elon Musk sued OpenAI on Thursday in federal court in San Francisco.", published=date(2026, 4, 30))
    assert x.extractor_version == EXTRACTOR_VERSION
    assert {(p.name, p.role) for p in x.parties if p.is_litigant} == {("Elon Musk", "plaintiff"), ("OpenAI", "defendant")}
    assert x.cases[0].caption == "Musk v. OpenAI" and x.cases[0].inferred
    assert x.court == "N.D. Cal."
    assert [(e.kind, e.date) for e in x.events] == [("filing", "2026-04-30")]
    ev = x.parties[0].evidence[0]
    assert "Musk" in "Elon Musk sued OpenAI"[ev.start:ev.end] or ev.start >= 0
    many = list(extract_many([("OpenAI sued Musk.", {}), ("No lawsuit here.", {"published": "2026-01-02"})]))
    assert len(many) == 2 and many[1].cases == []


def test_offsets_survive_line_joining(extract):
    text = "Lawyers for\nElon Musk and\nOpenAI began closing arguments."
    x = extract(text)
    for p in x.parties:
        for ev in p.evidence:
            assert text[ev.start:ev.end].replace("\n", " ") in {*p.surface_forms, p.name}


def test_two_people_sharing_a_surname_and_a_third_mention(extract):
    # found by running the whole corpus as one long text: the third "Johnson" used to crash the mentions step
    x = extract("Kirk Wallace Johnson sued Anthropic. Tiara N. Johnson sued Meta. Later Johnson said nothing, and "
                "Andrea Bartz, Kirk Wallace Johnson and Tiara N. Johnson were not available.")
    names = {p.name for p in x.parties}
    assert {"Kirk Wallace Johnson", "Tiara N. Johnson"} <= names
