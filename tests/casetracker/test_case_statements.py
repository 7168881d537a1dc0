"""Case identity (docket core and court), fields resolved from their sources, stage and status from dated
steps, families and counsel (casetracker.linking + casetracker.statements)."""
from datetime import date, datetime, timezone

import pytest

from casetracker import services
from casetracker.models import Case, CaseFact, CaseParty, CaseRelation, Counsel, LawFirm, Party
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

pytestmark = pytest.mark.django_db

BARTZ = ("Andrea Bartz sued Anthropic in the Northern District of California, No. 3:24-cv-05417-WHA, "
         "before Judge William Alsup. The suit was filed on August 19, 2024. Justin Nelson of Susman Godfrey "
         "represents the authors.")
BARTZ_LATER = ("Anthropic agreed to settle Bartz v. Anthropic, case 24-cv-5417, on September 5, 2025. "
               "Judge Alsup approved the settlement.")


def field(name, value, text, needle, confidence=1.0):
    return nlp.CaseFieldX(name, value, confidence, [span(text, needle)])


def record(text, cases, *, events=(), parties=(), kind="news", published=None, title=None):
    doc = DocumentFactory(text=text, kind=kind, published_at=published, **({"title": title} if title else {}))
    services.extraction_record(document=doc, extraction=nlp.Extraction(
        parties=list(parties), cases=list(cases), events=list(events), is_ai_litigation=True, extractor_version="t"))
    return doc


def bartz_first():
    cx = nlp.CaseX(caption="Bartz v. Anthropic", plaintiffs=["Andrea Bartz"], defendants=["Anthropic"],
                   evidence=[span(BARTZ, "Andrea Bartz sued Anthropic")], fields=[
                       field("court", "cand", BARTZ, "Northern District of California"),
                       field("docket_number", "3:24-cv-05417-WHA", BARTZ, "3:24-cv-05417-WHA"),
                       field("judge", "William Alsup", BARTZ, "William Alsup"),
                       field("class_action", "true", BARTZ, "the authors", 0.8),
                       field("cause_of_action", "copyright_infringement", BARTZ, "sued")],
                   counsel=[nlp.CounselX("plaintiff", "Susman Godfrey", "Justin Nelson",
                                         [span(BARTZ, "Justin Nelson of Susman Godfrey")])])
    filed = nlp.EventX("filing", "The suit was filed", "2024-08-19", "day", [span(BARTZ, "filed on August 19, 2024")],
                       stage="filed", case=0)
    return record(BARTZ, [cx], events=[filed], parties=[party(BARTZ, "Andrea Bartz", "person", "plaintiff"),
                                                         party(BARTZ, "Anthropic", role="defendant")],
                  published=datetime(2024, 8, 20, tzinfo=timezone.utc))


def bartz_settled():
    cx = nlp.CaseX(caption="Bartz v. Anthropic", plaintiffs=["Andrea Bartz"], defendants=["Anthropic"],
                   evidence=[span(BARTZ_LATER, "Bartz v. Anthropic")],
                   fields=[field("docket_number", "24-cv-5417", BARTZ_LATER, "24-cv-5417"),
                           field("judge", "William Alsup", BARTZ_LATER, "Alsup")])
    settled = nlp.EventX("settlement", "Anthropic agreed to settle", "2025-09-05", "day",
                         [span(BARTZ_LATER, "agreed to settle")], status="settled", case=0)
    return record(BARTZ_LATER, [cx], events=[settled], published=datetime(2025, 9, 6, tzinfo=timezone.utc))


def test_a_case_gets_its_fields_from_what_its_sources_state():
    bartz_first()
    bartz_settled()
    case = Case.objects.get()
    assert (case.court, case.jurisdiction, case.judge) == ("cand", "us-federal", "William Alsup")
    assert case.docket_number_core == "2405417" and case.docket_number == "3:24-cv-05417-WHA"
    assert [d.core for d in case.dockets.all()] == ["2405417"]  # two spellings, one docket
    assert case.date_filed == date(2024, 8, 19) and case.date_terminated == date(2025, 9, 5)
    assert (case.status, case.stage, case.last_activity) == ("settled", "filed", date(2025, 9, 5))
    assert case.class_action is True and case.causes == ["copyright_infringement"]
    sources = CaseFact.objects.filter(case=case, field="judge")
    assert sources.count() == 2 and all(f.evidence.sentence for f in sources)


def test_counsel_are_their_own_records_never_parties():
    bartz_first()
    counsel = Counsel.objects.get()
    assert (counsel.side, counsel.lawyer, counsel.firm.name) == ("plaintiff", "Justin Nelson", "Susman Godfrey")
    assert counsel.evidence.sentence.startswith("Justin Nelson")
    assert not Party.objects.filter(name__icontains="Susman").exists()
    assert LawFirm.objects.count() == 1


def test_the_same_caption_in_two_courts_is_two_cases():
    uk = "Getty Images v Stability AI was tried in the High Court in London."
    us = "Getty Images v. Stability AI is pending in Delaware federal court."
    for text, court, needle in ((uk, "ewhc", "High Court"), (us, "ded", "Delaware federal court")):
        record(text, [nlp.CaseX(caption="Getty Images v. Stability AI", plaintiffs=["Getty Images"],
                                defendants=["Stability AI"], fields=[field("court", court, text, needle)])],
               parties=[party(text, "Getty Images", role="plaintiff"), party(text, "Stability AI", role="defendant")])
    assert sorted(Case.objects.values_list("court", flat=True)) == ["ded", "ewhc"]
    assert sorted(Case.objects.values_list("jurisdiction", flat=True)) == ["uk", "us-federal"]


def test_a_docket_number_with_another_court_is_another_case():
    a = "Doe v. GitHub, No. 22-cv-06823, in the Northern District of California."
    b = "In Doe v. GitHub, No. 22-cv-06823, the Ninth Circuit heard argument."
    record(a, [nlp.CaseX(caption="Doe v. GitHub", fields=[field("docket_number", "22-cv-06823", a, "22-cv-06823"),
                                                           field("court", "cand", a, "Northern District")])])
    record(b, [nlp.CaseX(caption="Doe v. GitHub", fields=[field("docket_number", "22-cv-06823", b, "22-cv-06823"),
                                                           field("court", "ca9", b, "Ninth Circuit")])])
    assert Case.objects.count() == 2


def test_a_court_docket_outranks_the_news():
    text = "Judge Vince Chhabria presides over the case, No. 3:23-cv-03417."
    for _ in range(2):
        record(text + " " * _, [nlp.CaseX(caption="Kadrey v. Meta", fields=[
            field("judge", "Vince Chhabria", text, "Vince Chhabria"), field("docket_number", "3:23-cv-03417", text,
                                                                             "3:23-cv-03417")])])
    case = Case.objects.get()
    doc = DocumentFactory(text="Kadrey v. Meta Platforms\nJudge: Someone Else", kind="docket")
    CaseFact.objects.create(case=case, field="judge", value="Someone Else", document=doc, origin="docket")
    from casetracker.statements import case_resolve

    assert case_resolve(case).judge == "Someone Else"


def test_an_appeal_after_a_judgment_puts_the_case_on_appeal_and_steps_are_kept_in_order():
    text = ("The court granted summary judgment to Meta in June 2025. The authors appealed to the Ninth Circuit "
            "in July 2025.")
    cx = nlp.CaseX(caption="Kadrey v. Meta", plaintiffs=["Richard Kadrey"], defendants=["Meta"])
    record(text, [cx], events=[
        nlp.EventX("ruling", "summary judgment", "2025-06-01", "month", [span(text, "granted summary judgment")],
                   stage="summary_judgment", status="judgment_defendant"),
        nlp.EventX("filing", "appeal", "2025-07-01", "month", [span(text, "appealed")], stage="appeal")])
    case = Case.objects.get()
    assert (case.stage, case.status, case.date_terminated) == ("appeal", "on_appeal", date(2025, 6, 1))
    assert [e.stage for e in case.events.order_by("date")] == ["summary_judgment", "appeal"]


def test_a_planned_step_counts_as_open_and_an_undated_step_is_dated_by_its_source():
    text = "The judge denied OpenAI's motion to dismiss."
    record(text, [nlp.CaseX(caption="New York Times v. OpenAI")], events=[
        nlp.EventX("ruling", "denied the motion to dismiss", None, None, [span(text, "denied")],
                   stage="motion_to_dismiss", status="open")], published=datetime(2025, 4, 4, tzinfo=timezone.utc))
    case = Case.objects.get()
    assert (case.stage, case.status, case.last_activity) == ("motion_to_dismiss", "open", None)


def test_a_case_on_record_is_filed_and_open_until_a_source_says_otherwise():
    text = "Jane Roe v. Acme AI is a lawsuit over chatbot answers."
    record(text, [nlp.CaseX(caption="Roe v. Acme AI", plaintiffs=["Jane Roe"], defendants=["Acme AI"])])
    case = Case.objects.get()
    assert (case.stage, case.status, case.date_terminated) == ("filed", "open", None)


def test_an_undated_step_of_an_undated_report_is_as_of_the_latest_date_the_report_gives():
    first = "The judge denied Acme's motion to dismiss on March 3, 2025."
    record(first, [nlp.CaseX(caption="Roe v. Acme AI")], events=[
        nlp.EventX("ruling", "denied the motion to dismiss", "2025-03-03", "day", [span(first, "denied")],
                   stage="motion_to_dismiss", status="open")], published=datetime(2025, 3, 4, tzinfo=timezone.utc))
    later = "A hearing was held on June 2, 2025. The judge dismissed the case with prejudice."
    record(later, [nlp.CaseX(caption="Roe v. Acme AI")], events=[
        nlp.EventX("hearing", "A hearing", "2025-06-02", "day", [span(later, "A hearing was held")]),
        nlp.EventX("ruling", "dismissed", None, None, [span(later, "The judge dismissed")],
                   stage="motion_to_dismiss", status="dismissed"),
        nlp.EventX("ruling", "with prejudice", None, None, [span(later, "with prejudice")],
                   stage="motion_to_dismiss", status="dismissed_with_prejudice")])  # no publication date
    case = Case.objects.get()
    assert (case.status, case.date_terminated) == ("dismissed_with_prejudice", date(2025, 6, 2))


def test_a_filing_told_again_later_does_not_take_the_case_back_to_filed():
    first = "In May 2024 the court certified a class of authors."
    record(first, [nlp.CaseX(caption="Roe v. Acme AI")], events=[
        nlp.EventX("ruling", "certified a class", "2024-05-01", "month", [span(first, "certified a class")],
                   stage="class_certification")], published=datetime(2024, 6, 1, tzinfo=timezone.utc))
    later = "Authors sued Acme AI over its chatbot."
    record(later, [nlp.CaseX(caption="Roe v. Acme AI")], events=[
        nlp.EventX("filing", "sued", None, None, [span(later, "sued")], stage="filed")],
        published=datetime(2025, 1, 1, tzinfo=timezone.utc))
    assert Case.objects.get().stage == "class_certification"


def test_a_member_case_links_to_its_consolidated_case_with_the_sentence():
    text = ("Authors Guild v. OpenAI was consolidated into In re OpenAI Copyright Infringement Litigation, "
            "the multidistrict case in New York.")
    member = nlp.CaseX(caption="Authors Guild v. OpenAI", relations=[nlp.RelationX(
        "member_of", "In re OpenAI Copyright Infringement Litigation", [span(text, "was consolidated into")])])
    record(text, [member, nlp.CaseX(caption="In re OpenAI Copyright Infringement Litigation")])
    rel = CaseRelation.objects.get()
    assert (rel.from_case.case_name, rel.kind, rel.to_case.case_name) == (
        "Authors Guild v. OpenAI", "member_of", "In re OpenAI Copyright Infringement Litigation")
    assert "consolidated" in rel.evidence.sentence


def test_reextraction_takes_a_documents_statements_with_it():
    doc = bartz_first()
    case = Case.objects.get()
    services.document_clear_facts(document=doc)
    case.refresh_from_db()
    assert not CaseFact.objects.filter(case=case).exists() and not Counsel.objects.exists()
    assert (case.judge, case.court, case.status) == ("", "", "open")  # on record: filed and open by definition
    assert CaseParty.objects.filter(case=case).exists()  # roles stay until the document is linked again


def test_one_caption_spelled_two_ways_is_one_case():
    a, b = "The New York Times v. Microsoft went on.", "New York Times Company v. Microsoft Corporation, et al. went on."
    record(a, [nlp.CaseX(caption="The New York Times v. Microsoft")])
    record(b, [nlp.CaseX(caption="New York Times Company v. Microsoft Corporation, et al.")])
    assert Case.objects.get().caption_key == "new york times v microsoft"


def test_a_filing_date_keeps_the_precision_its_source_gave():
    text = "Three authors filed the lawsuit in August 2024."
    record(text, [nlp.CaseX(caption="Bartz v. Anthropic")], events=[
        nlp.EventX("filing", "filed the lawsuit", "2024-08-01", "month", [span(text, "filed the lawsuit")],
                   stage="filed")])
    case = Case.objects.get()
    assert (case.date_filed, case.date_filed_precision) == (date(2024, 8, 1), "month")
    from ingest.management.commands.export_cases import _as_precise

    assert _as_precise(case.date_filed, case.date_filed_precision) == "2024-08"


def test_the_filing_date_most_sources_agree_with_wins_and_a_precise_one_consistent_with_them():
    def told(text, when, precision):
        record(text, [nlp.CaseX(caption="Dow Jones v. Perplexity")], events=[
            nlp.EventX("filing", text, when, precision, [span(text, "filed")], stage="filed")])
    told("Dow Jones filed suit in October 2024.", "2024-10-01", "month")
    told("The publishers filed in October 2024 in New York.", "2024-10-01", "month")
    told("The lawsuit filed yesterday is one of many.", "2025-08-07", "day")  # another suit's filing
    case = Case.objects.get()
    assert (case.date_filed, case.date_filed_precision) == (date(2024, 10, 1), "month")
    told("Dow Jones filed the complaint on October 21, 2024.", "2024-10-21", "day")  # agrees: the day wins
    case.refresh_from_db()
    assert (case.date_filed, case.date_filed_precision) == (date(2024, 10, 21), "day")


def test_a_source_retelling_a_dated_filing_without_a_date_does_not_vote_for_that_date():
    def told(text, when, precision):
        record(text, [nlp.CaseX(caption="Concord v. Anthropic")], events=[
            nlp.EventX("filing", text, when, precision, [span(text, "sued" if "sued" in text else "filed")],
                       stage="filed")])
    told("The publishers initially sued in 2023, claiming infringement of at least 500 songs.", "2023-01-01", "year")
    told("UMG, Concord and ABKCO sued Anthropic in 2023, one of the earliest music cases.", "2023-01-01", "year")
    told("On October 18, 2024, Concord Music Group filed a lawsuit against Anthropic in Tennessee.",
         "2024-10-18", "day")
    # a report of the same filing that gives no date joins that event, but tells no date of its own
    told("A group of music publishers led by Concord Music Group filed a lawsuit against Anthropic in Tennessee.",
         None, None)
    case = Case.objects.get()
    assert case.events.filter(stage="filed", date=date(2024, 10, 18)).get().sources.count() == 2
    assert (case.date_filed, case.date_filed_precision) == (date(2023, 1, 1), "year")


def test_an_appellate_step_that_shows_how_the_case_ended_decides_it_and_does_not_leave_it_on_appeal():
    text = ("US District Judge Louis Stanton dismissed the case in 2023. The 2nd US Circuit Court of Appeals agreed "
            "with the lower-court judge's dismissal of the lawsuit in November 2024.")
    cx = nlp.CaseX(caption="Structured Asset Sales v. Sheeran", plaintiffs=["Structured Asset Sales"],
                   defendants=["Ed Sheeran"])
    record(text, [cx], events=[
        nlp.EventX("ruling", "dismissed", "2023-01-01", "year", [span(text, "dismissed the case")],
                   stage="motion_to_dismiss", status="dismissed"),
        nlp.EventX("ruling", "appeal decided", "2024-11-01", "month", [span(text, "agreed")], stage="appeal",
                   status="dismissed")])
    case = Case.objects.get()
    assert (case.stage, case.status) == ("appeal", "dismissed")


def test_a_case_before_an_appellate_court_has_reached_the_appeal():
    text = "Authors Guild v. Google, No. 13-4829 (2d Cir.), was argued on December 3, 2014."
    record(text, [nlp.CaseX(caption="Authors Guild v. Google", fields=[
        field("court", "ca2", text, "2d Cir."), field("docket_number", "13-4829", text, "13-4829")])])
    case = Case.objects.get()
    assert (case.court, case.stage) == ("ca2", "appeal")  # the appeal's own docket number is printed


def test_an_affirmed_appeal_leaves_the_case_as_the_decision_below_left_it():
    text = ("The district court entered summary judgment for the publishers in March 2023. The Internet Archive "
            "appealed in August 2023. The Second Circuit affirmed in September 2024.")
    cx = nlp.CaseX(caption="Hachette v. Internet Archive", plaintiffs=["Hachette"], defendants=["Internet Archive"])
    record(text, [cx], events=[
        nlp.EventX("ruling", "summary judgment", "2023-03-01", "month", [span(text, "entered summary judgment")],
                   stage="summary_judgment", status="judgment_plaintiff"),
        nlp.EventX("filing", "appealed", "2023-08-01", "month", [span(text, "appealed")], stage="appeal",
                   status="on_appeal"),
        nlp.EventX("ruling", "affirmed", "2024-09-01", "month", [span(text, "affirmed")], stage="appeal",
                   status="affirmed")])
    case = Case.objects.get()
    assert (case.stage, case.status) == ("appeal", "judgment_plaintiff")


def test_an_appeal_that_remands_the_case_leaves_it_open_not_on_appeal():
    text = ("A jury found Cox liable in December 2019. Cox appealed in 2021. The Fourth Circuit remanded the case for "
            "a new trial on damages in February 2024.")
    cx = nlp.CaseX(caption="Sony Music v. Cox", plaintiffs=["Sony Music"], defendants=["Cox"])
    record(text, [cx], events=[
        nlp.EventX("ruling", "verdict", "2019-12-01", "month", [span(text, "found Cox liable")], stage="trial",
                   status="judgment_plaintiff"),
        nlp.EventX("filing", "appealed", "2021-01-01", "year", [span(text, "appealed")], stage="appeal",
                   status="on_appeal"),
        nlp.EventX("ruling", "remanded", "2024-02-01", "month", [span(text, "remanded the case")], stage="appeal",
                   status="open")])
    case = Case.objects.get()
    assert (case.stage, case.status) == ("appeal", "open")


def test_a_decided_appeal_whose_steps_all_went_below_is_at_its_appeal_stage():
    """tests/data/cases/README.md, appellate records (c): an appellate record's stage is always `appeal`."""
    title = "Thaler v. Perlmutter, No. 23-5233 (D.C. Cir. 2025)"
    text = "United States Court of Appeals for the District of Columbia Circuit. Argued September 19, 2024."
    record(text, [nlp.CaseX(caption="Thaler v. Perlmutter",
                            fields=[field("court", "cadc", text, "District of Columbia Circuit")])],
           kind="opinion", title=title)
    case = Case.objects.get()
    assert (case.court, case.stage) == ("cadc", "appeal")


def test_an_appellate_courts_judgment_is_no_trial_judgment_stage():
    text = "The Court of Appeals of Georgia affirmed the judgment against the Macon Telegraph on March 3, 1999."
    record(text, [nlp.CaseX(caption="Macon Telegraph v. Elliott", fields=[
        field("court", "gactapp", text, "Court of Appeals of Georgia")])], events=[
        nlp.EventX("ruling", "judgment", "1999-03-03", "day", [span(text, "affirmed the judgment")],
                   stage="judgment", status="judgment_plaintiff")], kind="opinion")  # the court's own paper
    case = Case.objects.get()
    assert (case.court, case.stage) == ("gactapp", "appeal")


def test_an_appellate_record_whose_court_upheld_the_decision_below_is_at_its_appeal_stage():
    text = "The D.C. Circuit Court of Appeals affirmed the district court's ruling on March 18, 2025."
    record(text, [nlp.CaseX(caption="Thaler v. Perlmutter", fields=[field("court", "cadc", text, "D.C. Circuit")])],
           events=[nlp.EventX("ruling", "affirmed", "2025-03-18", "day", [span(text, "affirmed")], stage="appeal",
                              status="affirmed")], kind="opinion")  # the court's own paper (a news report of it: the
    # trial case at its appeal stage, test_an_appellate_court_only_news_reports_name_...)
    case = Case.objects.get()
    assert (case.court, case.stage) == ("cadc", "appeal")


@pytest.mark.parametrize("title, stage", [
    ("Tommy Williams v. The Nashville Network, 132 F.3d 1123 (6th Cir. 1998)", "appeal"),
    ("Epic Games Inc. v. Apple Inc. — Ninth Circuit Order granting Apple's Motion to Stay the Mandate (July 17, 2023)",
     "appeal"),
])
def test_an_appellate_courts_paper_decided_or_not_is_at_the_appeal_stage(title, stage):
    text = "US Court of Appeals for the Sixth Circuit. He appeals from the judgment entered following a jury verdict."
    record(text, [nlp.CaseX(caption="Williams v. Nashville Network", fields=[
        field("court", "ca6", text, "Sixth Circuit")])], kind="opinion", title=title,
        events=[nlp.EventX("filing", "He appeals", None, None, [span(text, "appeals")], stage="appeal",
                           status="on_appeal")])
    case = Case.objects.get()
    assert (case.court, case.stage) == ("ca6", stage)


def test_a_dated_source_that_shows_no_filing_does_not_date_the_filing_it_retells():
    told = "Robby Starbuck is suing Meta, claiming its chatbot defamed him over the Capitol riot."
    record(told, [nlp.CaseX(caption="Starbuck v. Meta", evidence=[span(told, "Robby Starbuck is suing Meta")])],
           events=[nlp.EventX("filing", told, None, None, [span(told, "is suing")], stage="filed", case=0)],
           published=datetime(2025, 4, 30, tzinfo=timezone.utc))
    dated = "Robby Starbuck is suing Meta, claiming its chatbot defamed him over the Capitol riot of Jan. 6, 2021."
    record(dated, [nlp.CaseX(caption="Starbuck v. Meta", evidence=[span(dated, "Robby Starbuck is suing Meta")])],
           events=[nlp.EventX("filing", dated, "2021-01-06", "day", [span(dated, "Jan. 6, 2021")], case=0)],
           published=datetime(2025, 5, 1, tzinfo=timezone.utc))
    case = Case.objects.get()
    assert case.date_filed is None  # the riot's date, not the suit's
    assert case.events.filter(stage="filed", date__isnull=True).exists()


def test_an_undated_filing_told_beside_a_dated_event_that_shows_no_filing_does_not_date_the_suit():
    dated = "Robby Starbuck is suing Meta, claiming its chatbot defamed him over the Capitol riot of Jan. 6, 2021."
    record(dated, [nlp.CaseX(caption="Starbuck v. Meta", evidence=[span(dated, "Robby Starbuck is suing Meta")])],
           events=[nlp.EventX("filing", dated, "2021-01-06", "day", [span(dated, "Jan. 6, 2021")], case=0)],
           published=datetime(2025, 5, 1, tzinfo=timezone.utc))
    told = "Robby Starbuck is suing Meta, claiming its chatbot defamed him over the Capitol riot."
    record(told, [nlp.CaseX(caption="Starbuck v. Meta", evidence=[span(told, "Robby Starbuck is suing Meta")])],
           events=[nlp.EventX("filing", told, None, None, [span(told, "is suing")], stage="filed", case=0)],
           published=datetime(2025, 4, 30, tzinfo=timezone.utc))
    case = Case.objects.get()
    assert case.date_filed is None
    assert not case.events.filter(stage="filed", date__isnull=False).exists()


def test_the_month_most_sources_telling_a_month_agree_with_refines_the_year_they_all_support():
    """Three reports say 2024, one "October 2024", one (another suit's day) "December 11, 2024": the year alone
    would outvote both; the month within it is October."""
    def told(text, when, precision):
        record(text, [nlp.CaseX(caption="Dow Jones v. Perplexity")], events=[
            nlp.EventX("filing", text, when, precision, [span(text, "sued" if "sued" in text else "filed")],
                       stage="filed")])
    told("News Corp.'s Dow Jones and the New York Post sued the startup in 2024.", "2024-01-01", "year")
    told("The publishers said in their lawsuit filed last year that Perplexity copies.", "2024-01-01", "year")
    told("The case dates back to October 2024, when Dow Jones filed suit.", "2024-10-01", "month")
    told("The Intercept filed on December 11, 2024 against OpenAI.", "2024-12-11", "day")
    case = Case.objects.get()
    assert (case.date_filed, case.date_filed_precision) == (date(2024, 10, 1), "month")


def test_a_settlement_and_the_dismissal_it_brings_at_once_leave_the_case_settled():
    text = ("Diageo North America has settled a trademark lawsuit with a US-based spirits distributor. Both parties "
            "have agreed to drop the lawsuit after reaching an undisclosed settlement.")
    record(text, [nlp.CaseX(caption="Allied Lomar v. Diageo")], events=[
        nlp.EventX("settlement", "settled", None, None, [span(text, "has settled")], status="settled"),
        nlp.EventX("filing", "agreed to drop", None, None, [span(text, "agreed to drop the lawsuit")],
                   status="voluntarily_dismissed")], published=datetime(2025, 5, 2, tzinfo=timezone.utc))
    assert Case.objects.get().status == "settled"


def _kadrey_summary_judgment():
    """A report of 26 June 2025 dating Kadrey v. Meta's summary judgment for Meta the day before."""
    first = "Judge Chhabria granted summary judgment to Meta on June 25, 2025."
    record(first, [nlp.CaseX(caption="Kadrey v. Meta")], events=[
        nlp.EventX("ruling", "granted summary judgment", "2025-06-25", "day", [span(first, "granted summary judgment")],
                   stage="summary_judgment", status="judgment_defendant")],
        published=datetime(2025, 6, 26, tzinfo=timezone.utc))


def test_an_undated_step_behind_a_dated_one_retells_the_past():
    _kadrey_summary_judgment()
    later = "Earlier, the judge had refused to dismiss the authors' suit, letting it go on."
    record(later, [nlp.CaseX(caption="Kadrey v. Meta")], events=[
        nlp.EventX("ruling", "refused to dismiss", None, None, [span(later, "refused to dismiss")],
                   stage="motion_to_dismiss", status="open")], published=datetime(2025, 7, 1, tzinfo=timezone.utc))
    case = Case.objects.get()
    assert (case.stage, case.status) == ("summary_judgment", "judgment_defendant")


def test_an_undated_report_of_a_later_point_of_the_case_outranks_the_latest_dated_step():
    """A case does not go back: a step no date places (neither its own nor its report's publication) that is further
    along than the latest dated step came after it, and so did an end told by such a report."""
    first = "Lawyers for Musk and OpenAI began closing arguments on May 14, 2026 in the trial."
    record(first, [nlp.CaseX(caption="Musk v. Altman")], events=[
        nlp.EventX("hearing", "closing arguments", "2026-05-14", "day", [span(first, "began closing arguments")],
                   stage="trial", status="open")], published=datetime(2026, 5, 14, tzinfo=timezone.utc))
    later = "Judge Gonzalez Rogers accepted the advisory verdict and dismissed the case."
    record(later, [nlp.CaseX(caption="Musk v. Altman")], events=[
        nlp.EventX("ruling", "accepted the verdict", None, None, [span(later, "accepted the advisory verdict")],
                   stage="judgment", status="judgment_defendant")])  # no publication date
    case = Case.objects.get()
    assert (case.stage, case.status) == ("judgment", "judgment_defendant")
    told = "Musk sued OpenAI in 2024."  # an undated retelling of the filing takes nothing back
    record(told, [nlp.CaseX(caption="Musk v. Altman")], events=[
        nlp.EventX("filing", "sued", None, None, [span(told, "sued")], stage="filed", status="open")])
    case.refresh_from_db()
    assert (case.stage, case.status) == ("judgment", "judgment_defendant")


def test_an_undated_judgment_after_a_dated_summary_judgment_that_ended_the_case_is_that_judgment():
    """A summary judgment that decided the case was its judgment: an undated report that a judge "sided with" the
    winner (a judgment cue) is no further step; only an appeal would be."""
    first = "Judge Gonzalez Rogers granted OpenAI's motion for summary judgment on July 21, 2025."
    record(first, [nlp.CaseX(caption="OpenAI v. Open Artificial Intelligence")], events=[
        nlp.EventX("ruling", "granted summary judgment", "2025-07-21", "day", [span(first, "granted")],
                   stage="summary_judgment", status="judgment_plaintiff")],
        published=datetime(2025, 7, 22, tzinfo=timezone.utc))
    later = "Judge Gonzalez Rogers sided with OpenAI."
    record(later, [nlp.CaseX(caption="OpenAI v. Open Artificial Intelligence")], events=[
        nlp.EventX("ruling", "sided with", None, None, [span(later, "sided with")], stage="judgment")])
    case = Case.objects.get()
    assert (case.stage, case.status) == ("summary_judgment", "judgment_plaintiff")
    appeal = "Open Artificial Intelligence appealed the ruling to the Ninth Circuit."
    record(appeal, [nlp.CaseX(caption="OpenAI v. Open Artificial Intelligence")], events=[
        nlp.EventX("filing", "appealed", None, None, [span(appeal, "appealed")], stage="appeal", status="on_appeal")])
    case.refresh_from_db()
    assert (case.stage, case.status) == ("appeal", "on_appeal")


def test_an_appellate_record_that_affirmed_ends_as_the_case_below_and_one_that_remanded_is_open():
    below = "The district court granted summary judgment to the Register of Copyrights on August 18, 2023."
    record(below, [nlp.CaseX(caption="Thaler v. Perlmutter", fields=[field("court", "dcd", below, "district court")])],
           events=[nlp.EventX("ruling", "summary judgment", "2023-08-18", "day", [span(below, "granted")],
                              stage="summary_judgment", status="judgment_defendant")], kind="opinion")
    text = "The Court of Appeals for the D.C. Circuit affirmed the district court's decision."
    record(text, [nlp.CaseX(caption="Thaler v. Perlmutter", fields=[field("court", "cadc", text, "D.C. Circuit")])],
           events=[nlp.EventX("ruling", "affirmed", None, None, [span(text, "affirmed")], stage="appeal",
                              status="affirmed")], kind="opinion")
    trial, appeal = Case.objects.get(court="dcd"), Case.objects.get(court="cadc")
    assert appeal.status == "open"  # no link to the case below yet
    from casetracker.statements import case_resolve

    CaseRelation.objects.create(from_case=appeal, to_case=trial, kind=CaseRelation.Kind.APPEAL_OF)
    assert case_resolve(appeal).status == "judgment_defendant"
    Case.objects.filter(pk=trial.pk).update(status="open")  # the case below ends after the appeal was linked
    Case.objects.filter(pk=appeal.pk).update(status="open")
    trial.refresh_from_db()
    case_resolve(trial)
    appeal.refresh_from_db()
    assert appeal.status == "judgment_defendant"
    remand = "The Supreme Court vacated the decision and remanded for further proceedings."
    record(remand, [nlp.CaseX(caption="Nitro-Lift v. Howard", fields=[field("court", "scotus", remand, "Supreme")])],
           events=[nlp.EventX("ruling", "appealed", None, None, [span(remand, "vacated")], stage="appeal",
                              status="on_appeal"),
                   nlp.EventX("ruling", "remanded", None, None, [span(remand, "remanded")], stage="appeal",
                              status="open")], kind="opinion")
    assert Case.objects.get(court="scotus").status == "open"


def test_an_appellate_court_only_news_reports_name_does_not_make_the_record_the_appeals_own():
    """A record is an appellate court's own when a court paper of it is among its sources or it is linked as the
    appeal of a case below. A suit that news reports tell on appeal is the trial case at its appeal stage, a circuit a
    report cites (a precedent) moves no stage, and the appellate court's own decided paper keeps the appeal stage
    (tests/data/cases/README.md, appellate records (c))."""
    text = ("Upholding a judge's decision last year that tossed the case, the U.S. Court of Appeals for the Fifth "
            "Circuit ruled Monday that Kirk Johnston had not proved that Nickelback infringed his song.")
    record(text, [nlp.CaseX(caption="Johnston v. Nickelback", fields=[field("court", "ca5", text, "Fifth Circuit")])],
           events=[nlp.EventX("ruling", "upheld", None, None, [span(text, "Upholding")], stage="appeal",
                              status="dismissed")])
    case = Case.objects.get()
    assert (case.stage, case.status) == ("appeal", "dismissed")
    cited = "Judge Wang sanctioned Lindell's lawyers, citing the Tenth Circuit's World Wide decision."
    record(cited, [nlp.CaseX(caption="Coomer v. Lindell", fields=[field("court", "ca10", cited, "Tenth Circuit")])])
    assert Case.objects.get(case_name="Coomer v. Lindell").stage == "filed"
    paper = "The judgment of the district court is AFFIRMED."
    record(paper, [nlp.CaseX(caption="Johnston v. Nickelback", fields=[field("court", "ca5", paper, "court")])],
           events=[nlp.EventX("ruling", "affirmed", None, None, [span(paper, "AFFIRMED")], stage="appeal",
                              status="affirmed")], kind="opinion")
    case.refresh_from_db()
    assert case.stage == "appeal"


def test_a_case_whose_appeal_was_decided_is_no_longer_on_appeal_and_the_appeal_ends_as_it_did():
    below = "The district court dismissed plaintiff's case under Rule 37. Park appealed the dismissal."
    record(below, [nlp.CaseX(caption="Park v. Kim", fields=[field("court", "nyed", below, "district court")])],
           events=[nlp.EventX("ruling", "dismissed", None, None, [span(below, "dismissed plaintiff")],
                              stage="motion_to_dismiss", status="dismissed"),
                   nlp.EventX("filing", "appealed", None, None, [span(below, "appealed")], stage="appeal",
                              status="on_appeal")], published=datetime(2022, 3, 1, tzinfo=timezone.utc))
    trial = Case.objects.get()
    assert trial.status == "on_appeal"
    text = "The dismissal was affirmed by the Second Circuit."
    record(text, [nlp.CaseX(caption="Park v. Kim", fields=[field("court", "ca2", text, "Second Circuit")])],
           events=[nlp.EventX("ruling", "affirmed", None, None, [span(text, "affirmed")], stage="appeal",
                              status="affirmed")], kind="opinion", published=datetime(2024, 1, 30, tzinfo=timezone.utc))
    appeal = Case.objects.get(court="ca2")
    CaseRelation.objects.create(from_case=appeal, to_case=trial, kind=CaseRelation.Kind.APPEAL_OF)
    from casetracker.statements import case_resolve

    case_resolve(appeal)
    trial.refresh_from_db(), appeal.refresh_from_db()
    assert (trial.status, appeal.status) == ("dismissed", "dismissed")


def test_a_ruling_for_the_defendant_that_dismissed_the_case_before_any_trial_is_the_motion_to_dismiss_stage():
    text = ("OpenAI moved to dismiss xAI's amended complaint. Judge Lin sided with OpenAI a second time. "
            "The judge dismissed the case with prejudice.")
    record(text, [nlp.CaseX(caption="xAI v. OpenAI")], events=[
        nlp.EventX("filing", "moved to dismiss", None, None, [span(text, "moved to dismiss")],
                   stage="motion_to_dismiss"),
        nlp.EventX("ruling", "sided with OpenAI", None, None, [span(text, "sided with")], stage="judgment"),
        nlp.EventX("ruling", "dismissed", None, None, [span(text, "dismissed the case")], stage="motion_to_dismiss",
                   status="dismissed_with_prejudice")], published=datetime(2026, 6, 15, tzinfo=timezone.utc))
    case = Case.objects.get()
    assert (case.stage, case.status) == ("motion_to_dismiss", "dismissed_with_prejudice")


def test_a_case_no_source_dates_was_filed_in_the_year_its_district_court_number_gives():
    text = "Getty Images (US), Inc. v. Stability AI, Inc., C.A. No. 1:23-cv-00135-GBW, in the District of Delaware."
    cx = nlp.CaseX(caption="Getty Images v. Stability AI", evidence=[span(text, "Getty Images (US), Inc.")],
                   fields=[field("docket_number", "1:23-cv-00135-GBW", text, "1:23-cv-00135-GBW"),
                           field("court", "ded", text, "District of Delaware")])
    record(text, [cx], kind="filing")
    case = Case.objects.get()
    assert (case.date_filed, case.date_filed_precision) == (date(2023, 1, 1), "year")
    from casetracker.statements import docket_year

    assert docket_year(["24-7700"]) is None  # an appeal's number: docketed when the appeal was taken
    assert docket_year(["5:24-cv-03811-EKL", "3:23-cv-01092"]) == 2023  # transferred: numbered again


def test_a_headlines_plain_dismissal_the_day_after_a_dated_summary_judgment_retells_it():
    _kadrey_summary_judgment()
    later = "Judge dismisses authors' copyright lawsuit against Meta."
    record(later, [nlp.CaseX(caption="Kadrey v. Meta")], events=[
        nlp.EventX("ruling", "dismisses", None, None, [span(later, "dismisses")],
                   stage="motion_to_dismiss", status="dismissed")], published=datetime(2025, 6, 26, tzinfo=timezone.utc))
    case = Case.objects.get()
    assert (case.stage, case.status) == ("summary_judgment", "judgment_defendant")


def test_the_year_most_sources_give_decides_before_a_month_of_another_year():
    """A report that printed no year but 2024's read "a similar lawsuit filed in June" as June 2024; two others
    date the filing in 2025 (June and July): 2025, then its earliest month."""
    def told(text, when, precision):
        record(text, [nlp.CaseX(caption="Disney v. Midjourney")], events=[
            nlp.EventX("filing", text, when, precision, [span(text, "filed")], stage="filed")])
    told("It follows a similar lawsuit filed in June against Midjourney by Walt Disney.", "2024-06-01", "month")
    told("The new complaint comes after a case filed by Disney and Universal in June.", "2025-06-01", "month")
    told("Disney and Universal filed their suit in July 2025, a report says.", "2025-07-01", "month")
    case = Case.objects.get()
    assert (case.date_filed, case.date_filed_precision) == (date(2025, 6, 1), "month")


def test_an_undated_report_that_shows_no_step_joins_the_cases_one_undated_event_of_its_kind():
    """One testimony told by many: "Elon Musk testified in a California federal courtroom" (the trial) and "Elon Musk
    testified that xAI partly used OpenAI models" (no step) are the same event, in either order; a second event of
    that kind showing another step stays apart."""
    from casetracker.models import Event

    first = "Under oath, he conceded that his startup partly relied on a rival's outputs."
    record(first, [nlp.CaseX(caption="Musk v. OpenAI")], events=[
        nlp.EventX("testimony", first, None, None, [span(first, "conceded")])])
    second = "Elon Musk testified in a California federal courtroom on Thursday."
    record(second, [nlp.CaseX(caption="Musk v. OpenAI")], events=[
        nlp.EventX("testimony", second, None, None, [span(second, "testified")], stage="trial")])
    third = "A deposition of Altman followed."
    record(third, [nlp.CaseX(caption="Musk v. OpenAI")], events=[
        nlp.EventX("testimony", third, None, None, [span(third, "deposition")], stage="discovery")])
    events = Event.objects.filter(kind="testimony").order_by("pk")
    assert [(e.stage, e.sources.count()) for e in events] == [("trial", 2), ("discovery", 1)]


def test_an_undated_end_told_by_the_report_that_dates_a_later_open_step_is_no_later_step():
    """An end no date places comes after the open case's steps, unless a report that tells it also dates the later
    step: that report places the end before it (some plaintiffs settled, then a motion to dismiss was denied)."""
    from casetracker.models import Event

    first = "Universal Music Group just settled with Udio. The two announced a deal on January 1, 2026."
    record(first, [nlp.CaseX(caption="UMG Recordings v. Uncharted Labs")], events=[
        nlp.EventX("settlement", "settled", None, None, [span(first, "settled")], status="settled"),
        nlp.EventX("other", "announced a deal", "2026-01-01", "day", [span(first, "announced a deal")])])
    text = ("Since the lawsuit was filed, Universal Music Group has settled with Udio. On April 15, 2026, Judge "
            "Hellerstein denied a motion to dismiss a claim brought by the labels against Udio.")
    record(text, [nlp.CaseX(caption="UMG Recordings v. Uncharted Labs")], events=[
        nlp.EventX("settlement", "settled", None, None, [span(text, "has settled")], status="settled"),
        nlp.EventX("ruling", "denied a motion to dismiss", "2026-04-15", "day", [span(text, "denied a motion")],
                   stage="motion_to_dismiss", status="open")])  # neither report has a publication date
    assert Event.objects.filter(status="settled").get().sources.count() == 2
    assert Case.objects.get().status == "open"
