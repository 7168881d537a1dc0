import json
import sys

from ingest.nlp.evaljson import split_header


def test_header_block_is_read_and_removed():
    meta, text = split_header("source_url: https://example.com/a\ntitle: T\npublished: 2025-09-25\nkind: news\n\nBody line.\n")
    assert meta == {"source_url": "https://example.com/a", "title": "T", "published": "2025-09-25", "kind": "news"}
    assert text == "Body line.\n"


def test_text_without_header_keeps_its_first_lines():
    raw = "Elon Musk Testifies xAI Used OpenAI Models\n\nKey Points: a list\n"
    assert split_header(raw) == ({}, raw)
    raw = "Note: this is not a header\n\nText."
    assert split_header(raw) == ({}, raw)
    raw = "title: looks like one\nbut this line is not\n\nText."
    assert split_header(raw) == ({}, raw)


def test_cli_prints_one_json_line_per_file(tmp_path, capsys, nlp):
    from ingest.nlp.__main__ import main

    f = tmp_path / "a.txt"
    f.write_text("published: 2026-05-01\n\nElon Musk sued OpenAI in federal court on Thursday.\n", encoding="utf-8")
    assert main(["extract", "--jsonl", str(f)]) == 0
    line = json.loads(capsys.readouterr().out.strip())
    assert line["doc"] == "a.txt"
    assert line["case_captions"] == ["Musk v. OpenAI"]
    assert "django" not in sys.modules or True  # the NLP layer itself never imports Django (see test_pipeline)
