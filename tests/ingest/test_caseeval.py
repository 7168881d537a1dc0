"""The case-record scorer (ingest.caseeval): gold merged from per-document statements, records matched one to
one, duplicates and non-lawsuits counted against precision, fields scored where a source states them."""
import json

from ingest import caseeval


def statement(doc, case, published="", **fields):
    return {"doc": doc, "case": case, "_published": published, "caption": fields.pop("caption", "Bartz v. Anthropic"),
            "caption_printed": True, **fields}


def test_docket_cores_are_courtlisteners():
    assert caseeval.docket_core("23-3514 (JRT/DJF)") == caseeval.docket_core("23-3514")
    assert caseeval.docket_core("3:24-cv-05417-WHA") == caseeval.docket_core("24-cv-5417") == "24-cv-05417"
    assert caseeval.docket_core("1:23-CV-11195") == "23-cv-11195"
    assert caseeval.docket_core("IL-2023-000007") != caseeval.docket_core("24-cv-5417")


def test_gold_takes_the_most_stated_value_and_the_latest_status():
    cases = caseeval.build([
        statement("a.txt", "bartz", "2024-08-20", judge="William Alsup", status="open", stage="filed",
                  date_filed="2024-08"),
        statement("b.txt", "bartz", "2025-09-06", judge="William Alsup", status="settled", stage="class_certification",
                  date_filed="2024-08-19", docket_numbers=["3:24-cv-05417-WHA"]),
        statement("c.txt", "bartz", "2025-01-01", judge="Vince Chhabria", status="open"),
    ])
    (case,) = cases
    assert case["judge"] == "William Alsup" and case["conflicts"]["judge"] == {
        "William Alsup": ["a.txt", "b.txt"], "Vince Chhabria": ["c.txt"]}
    assert case["status"] == "settled" and case["stage"] == "class_certification"
    assert case["date_filed"] == "2024-08-19"  # the most precise of two that agree on the month
    assert case["docket_cores"] == ["24-cv-05417"] and case["sources"]["docket"] == ["b.txt"]


def test_an_undated_statement_of_a_later_point_of_the_case_outranks_the_latest_dated_one():
    """A case does not go back: an undated report of the verdict is later than a dated report of the trial, while an
    undated report of the filing says nothing against a dated ruling, and a later dated reopening stands."""
    case, = caseeval.build([
        statement("trial.txt", "musk", "2026-05-14", status="open", stage="trial"),
        statement("verdict.txt", "musk", status="judgment_defendant", stage="judgment"),
        statement("filing.txt", "musk", status="open", stage="filed"),
    ])
    assert (case["status"], case["stage"]) == ("judgment_defendant", "judgment")
    case, = caseeval.build([
        statement("ruling.txt", "x", "2024-05-09", status="dismissed", stage="motion_to_dismiss"),
        statement("amended.txt", "x", "2024-11-26", status="open", stage="motion_to_dismiss"),
        statement("old.txt", "x", status="open", stage="filed"),
    ])
    assert (case["status"], case["stage"]) == ("open", "motion_to_dismiss")


def test_precision_counts_duplicates_and_records_that_are_no_lawsuit():
    gold = caseeval.build([statement("a.txt", "bartz", judge="William Alsup", docket_numbers=["24-cv-05417"],
                                     parties=[{"name": "Andrea Bartz", "role": "plaintiff"},
                                              {"name": "Anthropic PBC", "role": "defendant"}])])
    preds = [
        {"id": "p1", "caption": "Bartz v. Anthropic PBC", "docket_numbers": ["3:24-cv-05417-WHA"],
         "judge": "Alsup", "docs": ["a.txt"]},
        {"id": "p2", "caption": "Andrea Bartz v. Anthropic", "docs": ["a.txt"]},  # a second record of one suit
        {"id": "p3", "caption": "Grok v. ChatGPT", "docs": ["a.txt"]},  # no lawsuit at all
    ]
    figures = caseeval.score(gold, preds)
    assert (figures["matched"], figures["duplicates"], figures["not_lawsuits"]) == (1, 1, 1)
    assert figures["precision"] == round(1 / 3, 3) and figures["recall"] == 1.0
    assert figures["fields"]["docket"]["accuracy"] == 1.0 and figures["fields"]["judge"]["accuracy"] == 1.0
    assert figures["fields"]["court"]["stated"] == 0


def test_an_unfilled_field_counts_as_wrong_and_a_date_is_compared_at_the_golds_precision():
    gold = caseeval.build([statement("a.txt", "bartz", date_filed="2024", status="dismissed", court="cand")])
    pred = {"id": "p", "caption": "Bartz v. Anthropic", "date_filed": "2024-08-19",
            "status": "dismissed_with_prejudice", "docs": ["a.txt"]}
    fields = caseeval.score(gold, [pred])["fields"]
    assert fields["date_filed"]["accuracy"] == 1.0 and fields["status"]["accuracy"] == 1.0
    assert fields["court"] == {"stated": 1, "accuracy": 0.0, "filled": 0.0}


def test_two_courts_two_records():
    gold = caseeval.build([statement("a.txt", "getty-uk", caption="Getty Images v Stability AI", court="ewhc"),
                           statement("b.txt", "getty-de", caption="Getty Images v. Stability AI", court="ded")])
    preds = [{"id": "x", "caption": "Getty Images v. Stability AI", "court": "ded", "docs": ["a.txt", "b.txt"]},
             {"id": "y", "caption": "Getty Images v. Stability AI", "court": "ewhc", "docs": ["a.txt"]}]
    matched, duplicates, _ = caseeval.match(preds, gold)
    assert matched == {"x": "getty-de", "y": "getty-uk"} and duplicates == []


def test_the_committed_gold_is_what_the_statements_build(tmp_path):
    """tests/data/cases.jsonl is rebuilt from the statements, never edited by hand."""
    out = tmp_path / "cases.jsonl"
    caseeval.write_gold(out)
    assert out.read_text(encoding="utf-8") == caseeval.GOLD.read_text(encoding="utf-8")
    cases = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(cases) > 150 and all(c["docs"] for c in cases)


def test_a_set_is_scored_on_its_own_documents_and_statements():
    """`eval_cases --sets batch16` ingests batch16 alone and scores it against the gold of its own statements."""
    import pytest
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from ingest.management.commands import eval_cases

    files = eval_cases.corpus_files(["batch16"])
    assert files and all("/tests/data/batch16/" in f for f in files)
    assert len(eval_cases.corpus_files()) > len(files)
    assert any(f.endswith("samples/" + f.rsplit("/", 1)[-1]) for f in eval_cases.corpus_files(["samples"]))
    gold = eval_cases.gold_of(["batch16"])
    assert gold and all(all(d.startswith("batch16/") for d in rec["docs"]) for rec in gold)
    with pytest.raises(CommandError, match="unknown sets: nosuchset"):
        call_command("eval_cases", sets="nosuchset", pred="/dev/null")
