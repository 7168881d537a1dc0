import pytest

from casetracker import selectors, services
from casetracker.models import Case, CaseDocument, CaseParty, Event
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

pytestmark = pytest.mark.django_db

MUSK_SUES = "Elon Musk sued OpenAI. During hearings on his lawsuit against OpenAI, Musk testified on Thursday."
OPENAI_SUES = "The lawsuit, filed by OpenAI, accuses Elon Musk of misusing its technology. Musk testified in court."
BOTH_NAMED = "Elon Musk testified in a federal courtroom about OpenAI models."
UNRELATED = "Anthropic accused DeepSeek of distilling its models. No lawsuit was filed."


def record(text, *, cases=(), parties=(), events=(), litigation=True):
    doc = DocumentFactory(text=text)
    services.extraction_record(document=doc, extraction=nlp.Extraction(
        parties=list(parties), cases=list(cases), events=list(events), is_ai_litigation=litigation,
        extractor_version="t"))
    return doc


def musk(text, role="other"):
    return party(text, "Elon Musk", "person", role=role, surface="Elon Musk", gid="elon-musk")


def openai(text, role="other"):
    return party(text, "OpenAI", role=role, gid="openai")


def sworn_testimony(text, date=None, precision=None):
    return nlp.EventX(kind="testimony", what="Musk testifies", date=date, precision=precision,
                      evidence=[span(text, "testified")])


def test_inferred_caption_creates_a_case_with_roles_and_a_reason():
    doc = record(MUSK_SUES, cases=[nlp.CaseX(caption="Musk v. OpenAI", inferred=True, plaintiffs=["Elon Musk"],
                                             defendants=["OpenAI"], evidence=[span(MUSK_SUES, "his lawsuit against OpenAI")])],
                 parties=[musk(MUSK_SUES, "plaintiff"), openai(MUSK_SUES, "defendant")],
                 events=[sworn_testimony(MUSK_SUES, "2026-04-30", "day")])
    case = Case.objects.get()
    assert case.case_name == "Musk v. OpenAI" and case.caption_inferred
    link = CaseDocument.objects.get(document=doc)
    assert link.reason == "caption" and 0 < link.confidence < 1
    roles = {(cp.party.name, cp.role) for cp in case.case_parties.all()}
    assert roles == {("Elon Musk", "plaintiff"), ("OpenAI", "defendant")}
    assert all(cp.evidence.exists() for cp in case.case_parties.all())
    assert Event.objects.get().date.isoformat() == "2026-04-30"


def test_reversed_caption_joins_the_same_case_and_shows_the_conflict():
    record(MUSK_SUES, cases=[nlp.CaseX(caption="Musk v. OpenAI", inferred=True, plaintiffs=["Elon Musk"],
                                       defendants=["OpenAI"])],
           parties=[musk(MUSK_SUES, "plaintiff"), openai(MUSK_SUES, "defendant")])
    record(OPENAI_SUES, cases=[nlp.CaseX(caption="OpenAI v. Musk", inferred=True, plaintiffs=["OpenAI"],
                                         defendants=["Elon Musk"], evidence=[span(OPENAI_SUES, "filed by OpenAI")])],
           parties=[musk(OPENAI_SUES, "defendant"), openai(OPENAI_SUES, "plaintiff")])
    case = Case.objects.get()
    assert case.case_documents.count() == 2
    conflicted = {p.name for p in selectors.role_conflicts(case)}
    assert conflicted == {"Elon Musk", "OpenAI"}


def test_document_naming_both_sides_links_even_when_it_came_first():
    early = record(BOTH_NAMED, parties=[musk(BOTH_NAMED), openai(BOTH_NAMED)],
                   events=[sworn_testimony(BOTH_NAMED)])
    assert not CaseDocument.objects.exists()
    record(MUSK_SUES, cases=[nlp.CaseX(caption="Musk v. OpenAI", inferred=True, plaintiffs=["Elon Musk"],
                                       defendants=["OpenAI"])],
           parties=[musk(MUSK_SUES, "plaintiff"), openai(MUSK_SUES, "defendant")],
           events=[sworn_testimony(MUSK_SUES)])
    case = Case.objects.get()
    assert CaseDocument.objects.get(document=early, case=case).reason == "parties"
    event = Event.objects.get()  # one testimony, two sources
    assert event.case == case and event.sources.count() == 2


def test_distillation_news_without_a_lawsuit_stays_unlinked():
    record(MUSK_SUES, cases=[nlp.CaseX(caption="Musk v. OpenAI", plaintiffs=["Elon Musk"], defendants=["OpenAI"])],
           parties=[musk(MUSK_SUES, "plaintiff"), openai(MUSK_SUES, "defendant")])
    doc = record(UNRELATED, parties=[party(UNRELATED, "Anthropic"), party(UNRELATED, "DeepSeek")], litigation=False)
    assert not doc.case_links.exists()


def test_docket_number_links_before_caption():
    case = Case.objects.create(case_name="Musk v. Altman", slug="musk-v-altman", docket_number="4:24-cv-04722-YGR")
    case.dockets.create(number="4:24-cv-04722-YGR", core="2404722")  # a docket's core is the case's key
    text = "In Musk v. OpenAI, Case No. 4:24-cv-04722-YGR, the court ruled."
    doc = record(text, cases=[nlp.CaseX(caption="Musk v. OpenAI", docket_numbers=["4:24-cv-04722-YGR"])])
    assert CaseDocument.objects.get(document=doc).case == case
    assert CaseDocument.objects.get(document=doc).reason == "docket"


def test_events_from_several_documents_are_one_event_and_undated_stay_apart():
    for text in (MUSK_SUES, MUSK_SUES + " Again."):
        record(text, cases=[nlp.CaseX(caption="Musk v. OpenAI", plaintiffs=["Elon Musk"], defendants=["OpenAI"])],
               parties=[musk(text, "plaintiff"), openai(text, "defendant")],
               events=[sworn_testimony(text, "2026-04-30", "day"),
                       nlp.EventX(kind="ruling", what="a ruling", evidence=[span(text, "sued")])])
    case = Case.objects.get()
    groups = selectors.timeline(case)
    assert [g.label for g in groups] == ["30 April 2026", "Undated"]
    assert groups[0].events[0].sources.count() == 2
    assert CaseParty.objects.filter(case=case).count() == 2


def test_an_undated_source_joins_a_dated_event_only_when_it_retells_it():
    dated = MUSK_SUES + " The report came out."
    later = MUSK_SUES + " Anthropic published a blog post naming DeepSeek."
    again = MUSK_SUES + " The report about Musk testified xAI used OpenAI models came out."
    caption = nlp.CaseX(caption="Musk v. OpenAI", plaintiffs=["Elon Musk"], defendants=["OpenAI"])
    record(dated, cases=[caption], parties=[musk(dated, "plaintiff"), openai(dated, "defendant")],
           events=[nlp.EventX(kind="report", what="Reports say Musk testified xAI used OpenAI models", date="2026-04-30",
                              precision="day", evidence=[span(dated, "report")])])
    record(later, cases=[caption], parties=[musk(later, "plaintiff"), openai(later, "defendant")],
           events=[nlp.EventX(kind="report", what="Anthropic published a blog post naming DeepSeek",
                              evidence=[span(later, "published")])])
    record(again, cases=[caption], parties=[musk(again, "plaintiff"), openai(again, "defendant")],
           events=[nlp.EventX(kind="report", what="The report about Musk testified xAI used OpenAI models came out",
                              evidence=[span(again, "report")])])
    reports = {e.title: e for e in Event.objects.filter(kind="report")}
    assert reports["Anthropic published a blog post naming DeepSeek"].date is None  # not glued to 30 April
    retold = reports["Reports say Musk testified xAI used OpenAI models"]
    assert retold.sources.count() == 2 and str(retold.date) == "2026-04-30"


def _loaded(model):
    """Rows of model instantiated while the block runs (a read that grows with the corpus shows here)."""
    import contextlib

    from django.db.models.signals import post_init

    @contextlib.contextmanager
    def counting():
        seen = []

        def count(sender, instance, **kwargs):
            seen.append(instance.pk)

        post_init.connect(count, sender=model, weak=False)
        try:
            yield seen
        finally:
            post_init.disconnect(count, sender=model)

    return counting()


def test_linking_by_parties_reads_only_the_cases_the_document_names_both_sides_of():
    from casetracker import linking, writes

    openai_party = services.party_get_or_create(name="OpenAI", kind="company", gazetteer_id="openai")
    for n in range(12):  # a very common defendant: its other cases are not read
        case = Case.objects.create(case_name=f"Author {n} v. OpenAI", slug=f"author-{n}-v-openai")
        plaintiff = services.party_get_or_create(name=f"Author Number{n}", kind="person")
        CaseParty.objects.create(case=case, party=plaintiff, role="plaintiff", named=True)
        CaseParty.objects.create(case=case, party=openai_party, role="defendant", named=True)
    doc = record(BOTH_NAMED, parties=[musk(BOTH_NAMED), openai(BOTH_NAMED)])
    musk_case = Case.objects.create(case_name="Musk v. OpenAI", slug="musk-v-openai")
    CaseParty.objects.create(case=musk_case, party=services.party_find(name="Elon Musk"), role="plaintiff", named=True)
    CaseParty.objects.create(case=musk_case, party=openai_party, role="defendant", named=True)
    # a suit where a source only listed both among co-parties (a counterclaim's side, a co-defendant) is not named
    other = Case.objects.create(case_name="X Corp. v. Apple", slug="x-corp-v-apple")
    CaseParty.objects.create(case=other, party=services.party_find(name="Elon Musk"), role="plaintiff")
    CaseParty.objects.create(case=other, party=openai_party, role="defendant")
    with writes.atomic(), _loaded(Case) as cases:
        linked = linking.link_by_parties(doc)
    assert linked == [musk_case] and CaseDocument.objects.get(document=doc).case == musk_case
    assert cases == [musk_case.pk]


def test_a_dated_event_is_matched_among_the_events_of_its_year_only():
    from casetracker import linking, writes

    caption = nlp.CaseX(caption="Musk v. OpenAI", plaintiffs=["Elon Musk"], defendants=["OpenAI"])
    events = [sworn_testimony(MUSK_SUES, f"{year}-04-30", "day") for year in range(2000, 2012)]
    doc = record(MUSK_SUES, cases=[caption], parties=[musk(MUSK_SUES, "plaintiff"), openai(MUSK_SUES, "defendant")],
                 events=events + [sworn_testimony(MUSK_SUES, "2026-05-01", "day")])
    case = Case.objects.get()
    assert Event.objects.filter(case=case).count() == 13
    source = doc.evidence.first()
    with writes.atomic(), _loaded(Event) as loaded:
        same = linking.attach_event(case, "testimony", "Musk testifies", "2026-05-01", "day", doc, source, "t")
        month = linking.attach_event(case, "testimony", "Musk testifies", "2026-05-20", "month", doc, source, "t")
    assert same.date.isoformat() == "2026-05-01" and month.pk == same.pk
    assert Event.objects.filter(case=case).count() == 13
    assert set(loaded) == {same.pk}  # only the events of 2026 (and undated ones) were read


# ----------------------------------------------------------------------------------- case identity (issue 14)
X_SUES = "X Corp. sued Apple and OpenAI in Texas."
XAI_SUES = "Elon Musk's xAI and X Corp. sued Apple and OpenAI over the App Store."
DOW_SUES = "Dow Jones sued Perplexity. Reddit has also sued Perplexity, in another suit."
REDDIT_SUES = "Reddit sued Perplexity over scraping."


def suit(text, caption, plaintiffs, defendants, courts=()):
    return nlp.CaseX(caption=caption, inferred=True, plaintiffs=plaintiffs, defendants=defendants,
                     fields=[nlp.CaseFieldX("court", c, 1.0, []) for c in courts],
                     evidence=[span(text, caption.split(" v. ")[0].split()[0])])


def test_a_plaintiff_suing_together_with_a_known_cases_plaintiff_is_that_case():
    record(X_SUES, cases=[suit(X_SUES, "X Corp v. Apple", ["X Corp."], ["Apple", "OpenAI"])],
           parties=[party(X_SUES, "X Corp.", role="plaintiff"), party(X_SUES, "Apple", role="defendant"),
                    party(X_SUES, "OpenAI", role="defendant", gid="openai")])
    record(XAI_SUES, cases=[suit(XAI_SUES, "xAI v. Apple", ["xAI", "X Corp."], ["Apple", "OpenAI"])],
           parties=[party(XAI_SUES, "xAI", role="plaintiff"), party(XAI_SUES, "X Corp.", role="plaintiff"),
                    party(XAI_SUES, "Apple", role="defendant"), party(XAI_SUES, "OpenAI", role="defendant", gid="openai")])
    case = Case.objects.get()
    assert case.case_name.startswith("X Corp") and case.case_documents.count() == 2


def test_a_role_an_article_gives_in_passing_does_not_make_another_suit_this_case():
    """An article on Dow Jones v. Perplexity that mentions Reddit suing Perplexity gives Reddit a role there; a
    later Reddit v. Perplexity is still its own case (only captions and suits name a case's sides)."""
    record(DOW_SUES, cases=[suit(DOW_SUES, "Dow Jones v. Perplexity", ["Dow Jones"], ["Perplexity"])],
           parties=[party(DOW_SUES, "Dow Jones", role="plaintiff"), party(DOW_SUES, "Perplexity", role="defendant"),
                    party(DOW_SUES, "Reddit", role="plaintiff")])
    dow = Case.objects.get()
    assert CaseParty.objects.filter(case=dow, party__name="Reddit", named=False).exists()
    record(REDDIT_SUES, cases=[suit(REDDIT_SUES, "Reddit v. Perplexity", ["Reddit"], ["Perplexity"])],
           parties=[party(REDDIT_SUES, "Reddit", role="plaintiff"), party(REDDIT_SUES, "Perplexity", role="defendant")])
    assert sorted(Case.objects.values_list("case_name", flat=True)) == ["Dow Jones v. Perplexity", "Reddit v. Perplexity"]


def test_a_document_naming_two_courts_joins_the_case_of_either():
    first = "Dow Jones sued Perplexity in New York."
    later = "Dow Jones v. Perplexity: a court in California heard it before the New York court."
    record(first, cases=[suit(first, "Dow Jones v. Perplexity", ["Dow Jones"], ["Perplexity"], ["nysd"])],
           parties=[party(first, "Dow Jones", role="plaintiff"), party(first, "Perplexity", role="defendant")])
    record(later, cases=[suit(later, "Dow Jones v. Perplexity", ["Dow Jones"], ["Perplexity"], ["cand", "nysd"])],
           parties=[party(later, "Dow Jones", role="plaintiff"), party(later, "Perplexity", role="defendant")])
    assert Case.objects.count() == 1


def test_a_caption_side_is_the_party_of_that_very_name_before_a_longer_one():
    text = "Palantir Gets Partial Win. Palantir sued Hirsh Jain last year."
    record(text, cases=[suit(text, "Palantir v. Jain", ["Palantir"], ["Hirsh Jain"])],
           parties=[party(text, "Palantir Gets Partial Win", role="plaintiff"), party(text, "Palantir", role="plaintiff"),
                    party(text, "Hirsh Jain", "person", role="defendant")])
    case = Case.objects.get()
    named = {(cp.party.name, cp.role) for cp in case.case_parties.filter(named=True)}
    assert named == {("Palantir", "plaintiff"), ("Hirsh Jain", "defendant")}


def test_named_sides_match_by_name_and_either_document_may_list_the_co_defendant():
    """The printed Reddit v. SerpApi names one defendant; a later story says Reddit sued Perplexity and SerpApi:
    one suit. 'Thomson Reuters' is 'Thomson Reuters Enterprise Centre GmbH'."""
    order = "Reddit, Inc. v. SerpApi LLC: order."
    record(order, cases=[nlp.CaseX(caption="Reddit, Inc. v. SerpApi LLC", plaintiffs=["Reddit, Inc."],
                                   defendants=["SerpApi LLC"], evidence=[span(order, "Reddit")])],
           parties=[party(order, "Reddit, Inc.", role="plaintiff"), party(order, "SerpApi LLC", role="defendant")])
    story = "Reddit sued Perplexity and SerpApi over scraping."
    record(story, cases=[suit(story, "Reddit v. Perplexity", ["Reddit"], ["Perplexity", "SerpApi"])],
           parties=[party(story, "Reddit", role="plaintiff"), party(story, "Perplexity", role="defendant"),
                    party(story, "SerpApi", role="defendant")])
    assert Case.objects.count() == 1
    tr = "Thomson Reuters sued Ross Intelligence."
    record(tr, cases=[suit(tr, "Thomson Reuters v. Ross Intelligence", ["Thomson Reuters"], ["Ross Intelligence"])],
           parties=[party(tr, "Thomson Reuters", role="plaintiff"), party(tr, "Ross Intelligence", role="defendant")])
    full = "Thomson Reuters Enterprise Centre GmbH v. Ross Intelligence Inc."
    record(full, cases=[nlp.CaseX(caption=full, plaintiffs=["Thomson Reuters Enterprise Centre GmbH"],
                                  defendants=["Ross Intelligence Inc."], evidence=[span(full, "Thomson")])],
           parties=[party(full, "Thomson Reuters Enterprise Centre GmbH", role="plaintiff"),
                    party(full, "Ross Intelligence Inc.", role="defendant")])
    assert Case.objects.count() == 2


def test_a_caption_names_the_justice_department_as_the_united_states():
    from casetracker.text import short_name

    assert short_name("Department of Justice", "agency") == "United States"
    assert short_name("OpenAI", "company") == "OpenAI" and short_name("Sam Altman", "person") == "Altman"


def test_a_composed_caption_keeps_the_legal_name_the_text_gave_a_company_it_knows_by_a_trade_name():
    from casetracker.linking import _caption_side
    from casetracker.models import Party

    udio = Party(name="Udio", kind="company")
    assert _caption_side("Uncharted Labs", udio) == "Uncharted Labs"
    assert _caption_side("Udio", udio) == "Udio"
    assert _caption_side("Suno", udio) == "Udio"  # (a side naming another entity: the party's own name)
    assert _caption_side("Woulard", Party(name="David Woulard", kind="person")) == "Woulard"
