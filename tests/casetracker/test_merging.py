"""A story's case that retells a known suit is merged into it (casetracker.merging), whatever order they come in;
separate suits a story lists together stay apart."""
import pytest

from casetracker import services, writes
from casetracker.merging import case_merge, merge_target
from casetracker.models import Case, CaseDocket, CaseDocument, CaseFact, CaseParty, CaseRelation, Event
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

pytestmark = pytest.mark.django_db


def record(text, cases, parties, kind="news", events=()):
    doc = DocumentFactory(text=text, kind=kind)
    services.extraction_record(document=doc, extraction=nlp.Extraction(
        parties=list(parties), cases=list(cases), events=list(events), is_ai_litigation=True, extractor_version="t"))
    return doc


def told(text, caption, plaintiffs, defendants, courts=()):
    return nlp.CaseX(caption=caption, inferred=True, plaintiffs=plaintiffs, defendants=defendants,
                     fields=[nlp.CaseFieldX("court", c, 1.0, []) for c in courts],
                     evidence=[span(text, plaintiffs[0].split()[-1])])


def printed(text, caption, plaintiffs, defendants, docket=None, court=None):
    fields = [nlp.CaseFieldX("court", court, 1.0, [])] if court else []
    return nlp.CaseX(caption=caption, plaintiffs=plaintiffs, defendants=defendants, fields=fields,
                     docket_numbers=[docket] if docket else [], evidence=[span(text, plaintiffs[0].split()[0])])


STORY = "Comedian Sarah Silverman sued Meta over its Llama models."
ORDER = "Kadrey v. Meta Platforms, Inc., No. 3:23-cv-03417-VC. Plaintiffs Richard Kadrey, Sarah Silverman and Christopher Golden are authors."


def silverman_story():
    return record(STORY, [told(STORY, "Silverman v. Meta", ["Sarah Silverman"], ["Meta"])],
                  [party(STORY, "Sarah Silverman", "person", role="plaintiff"), party(STORY, "Meta", role="defendant")],
                  events=[nlp.EventX(kind="filing", what="Silverman sues Meta", date="2023-07-07", precision="day",
                                     evidence=[span(STORY, "sued")], stage="filed")])


def kadrey_order():
    return record(ORDER, [printed(ORDER, "Kadrey v. Meta Platforms, Inc.", ["Richard Kadrey"], ["Meta Platforms, Inc."],
                                  docket="3:23-cv-03417-VC", court="cand")],
                  [party(ORDER, "Richard Kadrey", "person", role="plaintiff"),
                   party(ORDER, "Sarah Silverman", "person", role="plaintiff"),
                   party(ORDER, "Christopher Golden", "person", role="plaintiff"),
                   party(ORDER, "Meta Platforms, Inc.", role="defendant", surface="Meta Platforms, Inc.")],
                  kind="opinion")


@pytest.mark.parametrize("order", ["story first", "court paper first"])
def test_a_story_told_by_a_co_plaintiffs_name_is_the_court_case_in_either_order(order):
    if order == "story first":
        story, paper = silverman_story(), kadrey_order()
    else:
        paper, story = kadrey_order(), silverman_story()
    case = Case.objects.get()
    assert case.case_name == "Kadrey v. Meta Platforms, Inc." and case.court == "cand"
    assert set(case.case_documents.values_list("document_id", flat=True)) == {story.pk, paper.pk}
    assert CaseParty.objects.get(case=case, party__name="Sarah Silverman", role="plaintiff").named
    assert Event.objects.get(case=case, kind="filing").date.isoformat() == "2023-07-07"
    # the next story that tells it the same way finds it at once
    again = "Sarah Silverman's suit against Meta goes on."
    record(again, [told(again, "Silverman v. Meta", ["Sarah Silverman"], ["Meta"])],
           [party(again, "Sarah Silverman", "person", role="plaintiff"), party(again, "Meta", role="defendant")])
    assert Case.objects.count() == 1


def test_suits_a_story_lists_together_stay_apart():
    """'The Times and the Tribune sued Perplexity within a day of each other': two suits, one sentence."""
    tribune = "Chicago Tribune Co. v. Perplexity AI, Inc. Complaint."
    record(tribune, [printed(tribune, "Chicago Tribune Co. v. Perplexity AI, Inc.", ["Chicago Tribune Co."],
                             ["Perplexity AI, Inc."], docket="1:25-cv-10094", court="nysd")],
           [party(tribune, "Chicago Tribune Co.", role="plaintiff"), party(tribune, "Perplexity AI, Inc.", role="defendant")],
           kind="filing")
    both = "The New York Times and Chicago Tribune Co., which sued Perplexity within one day of each other, asked to consolidate."
    record(both, [told(both, "Chicago Tribune v. Perplexity", ["Chicago Tribune Co."], ["Perplexity"])],
           [party(both, "The New York Times", role="plaintiff"), party(both, "Chicago Tribune Co.", role="plaintiff"),
            party(both, "Perplexity AI, Inc.", role="defendant", surface="Perplexity")])
    times = "The New York Times sued Perplexity on Friday."
    record(times, [told(times, "The New York Times v. Perplexity", ["The New York Times"], ["Perplexity"])],
           [party(times, "The New York Times", role="plaintiff"), party(times, "Perplexity AI, Inc.", role="defendant",
                                                                        surface="Perplexity")])
    assert Case.objects.count() == 2
    assert CaseParty.objects.filter(party__name="The New York Times", role="plaintiff", named=False).exists()


def test_a_story_that_could_be_either_of_two_suits_is_left_alone():
    """One plaintiff, one defendant, two courts: a story-built case naming neither court joins neither; one
    naming a court joins that court's case."""
    musk, altman = services.party_get_or_create(name="Elon Musk", kind="person"), \
        services.party_get_or_create(name="Samuel Altman", kind="person")

    def case(name, court, inferred):
        c = Case.objects.create(case_name=name, slug=f"{name}-{court}-{inferred}".lower().replace(" ", "-").replace(".", ""),
                                court=court, caption_inferred=inferred)
        CaseParty.objects.create(case=c, party=musk, role="plaintiff", named=True)
        CaseParty.objects.create(case=c, party=altman, role="defendant", named=True)
        return c

    with writes.atomic():
        federal, state = case("Musk v. Altman", "cand", False), case("Musk v. Altman", "calsuperct", False)
        assert merge_target(case("Musk v. Altman", "", True)) is None
        assert merge_target(case("Musk v. Altman", "cand", True)) == federal
        assert merge_target(federal) is None and merge_target(state) is None  # a printed case is never merged away


def test_case_merge_moves_everything_the_case_holds():
    silverman_story()
    source = Case.objects.get()
    text = "Kadrey v. Meta, N.D. Cal."
    doc = DocumentFactory(text=text, kind="filing")
    with writes.atomic():
        target = Case.objects.create(case_name="Kadrey v. Meta", slug="kadrey-v-meta")
        CaseFact.objects.create(case=source, field="docket_number", value="3:23-cv-03417-VC", document=doc)
        CaseFact.objects.create(case=source, field="judge", value="Vince Chhabria", document=doc)
        other = Case.objects.create(case_name="In re Mosaic LLM Litigation", slug="in-re-mosaic")
        CaseRelation.objects.create(from_case=source, to_case=other, kind=CaseRelation.Kind.COMPANION_OF)
        CaseRelation.objects.create(from_case=target, to_case=source, kind=CaseRelation.Kind.COMPANION_OF)
        case_merge(source=source, target=target)
    assert not Case.objects.filter(pk=source.pk).exists()
    target.refresh_from_db()
    assert CaseDocument.objects.filter(case=target).count() == 1
    assert CaseDocket.objects.get().case == target and set(CaseFact.objects.values_list("case", flat=True)) == {target.pk}
    assert target.judge == "Vince Chhabria"
    assert list(CaseRelation.objects.values_list("from_case", "to_case")) == [(target.pk, other.pk)]
    assert Event.objects.get().case == target
    assert {(cp.party.name, cp.named) for cp in target.case_parties.all()} == {("Sarah Silverman", True), ("Meta", True)}


def test_the_same_two_parties_in_another_court_are_another_suit():
    """xAI and OpenAI are parties of X Corp. v. Apple (Texas); xAI's own suit against OpenAI in San Francisco is
    another case, even when xAI has become a named side of the Texas case."""
    texas = "X Corp. v. Apple Inc., No. 4:25-cv-00914. Plaintiffs X Corp. and xAI sue defendants Apple Inc. and OpenAI."
    record(texas, [printed(texas, "X Corp. v. Apple Inc.", ["X Corp."], ["Apple Inc."], docket="4:25-cv-00914",
                           court="txnd")],
           [party(texas, "X Corp.", role="plaintiff"), party(texas, "xAI", role="plaintiff"),
            party(texas, "Apple Inc.", role="defendant"), party(texas, "OpenAI", role="defendant", gid="openai")],
           kind="filing")
    story = "xAI sued Apple over the App Store."
    record(story, [told(story, "xAI v. Apple", ["xAI"], ["Apple Inc."])],
           [party(story, "xAI", role="plaintiff"), party(story, "Apple Inc.", role="defendant", surface="Apple")])
    assert Case.objects.count() == 1 and CaseParty.objects.get(party__name="xAI").named
    secrets = "xAI sued OpenAI in San Francisco federal court over trade secrets."
    record(secrets, [told(secrets, "xAI v. OpenAI", ["xAI"], ["OpenAI"], courts=["cand"])],
           [party(secrets, "xAI", role="plaintiff"), party(secrets, "OpenAI", role="defendant", gid="openai")])
    assert sorted(Case.objects.values_list("court", flat=True)) == ["cand", "txnd"]


def test_a_printed_caption_joins_a_suit_only_where_a_court_paper_lists_its_plaintiff():
    """'Ortiz v. Stability AI', as a story prints it, is Andersen v. Stability AI when the court's opinion lists
    Karla Ortiz among its plaintiffs; a story's list is not enough for a printed caption."""
    opinion = "Andersen v. Stability AI Ltd. Artists Sarah Andersen, Kelly McKernan, and Karla Ortiz filed this class action."
    record(opinion, [printed(opinion, "Andersen v. Stability AI Ltd.", ["Sarah Andersen"], ["Stability AI Ltd."],
                             court="cand")],
           [party(opinion, "Sarah Andersen", "person", role="plaintiff"), party(opinion, "Karla Ortiz", "person", role="plaintiff"),
            party(opinion, "Stability AI Ltd.", role="defendant")], kind="opinion")
    story = "In Ortiz v. Stability AI, the artists won a round."
    record(story, [printed(story, "Ortiz v. Stability AI", ["Ortiz"], ["Stability AI"])],
           [party(story, "Karla Ortiz", "person", role="plaintiff", surface="Ortiz"),
            party(story, "Stability AI Ltd.", role="defendant", surface="Stability AI")])
    assert list(Case.objects.values_list("case_name", flat=True)) == ["Andersen v. Stability AI Ltd."]



def test_a_printed_caption_is_not_merged_on_a_storys_list():
    story = "Andersen v. Stability AI continues. Sarah Andersen and Karla Ortiz sued Stability AI Ltd."
    record(story, [printed(story, "Andersen v. Stability AI", ["Sarah Andersen"], ["Stability AI Ltd."])],
           [party(story, "Sarah Andersen", "person", role="plaintiff"), party(story, "Karla Ortiz", "person", role="plaintiff"),
            party(story, "Stability AI Ltd.", role="defendant")])
    other = "In Ortiz v. Stability AI, the artists won a round."
    record(other, [printed(other, "Ortiz v. Stability AI", ["Ortiz"], ["Stability AI"])],
           [party(other, "Karla Ortiz", "person", role="plaintiff", surface="Ortiz"),
            party(other, "Stability AI Ltd.", role="defendant", surface="Stability AI")])
    assert Case.objects.count() == 2


def ross_paper(docket, court):
    """A court paper of Thomson Reuters v. Ross Intelligence: the Delaware case's or its Third Circuit appeal's."""
    text = f"Thomson Reuters v. Ross Intelligence, No. {docket} ({'D. Del.' if court == 'ded' else '3d Cir.'})."
    return record(text, [printed(text, "Thomson Reuters v. Ross Intelligence", ["Thomson Reuters"], ["Ross Intelligence"],
                                 docket=docket, court=court)],
                  [party(text, "Thomson Reuters", role="plaintiff"), party(text, "Ross Intelligence", role="defendant")],
                  kind="opinion")


def test_an_appeal_a_story_tells_of_is_the_trial_case_but_an_appeal_court_paper_is_its_own_record():
    """"The Third Circuit heard Thomson Reuters v. Ross" is the Delaware case's appeal told in words: one record.
    An appellate court's own paper (its docket number) stays a record of its own, related to the case below."""
    ross_paper("1:20-cv-00613-SB", "ded")
    story = "Thomson Reuters told the Third Circuit that Ross copied its headnotes."
    record(story, [told(story, "Thomson Reuters v. Ross", ["Thomson Reuters"], ["Ross Intelligence"], courts=["ca3"])],
           [party(story, "Thomson Reuters", role="plaintiff"), party(story, "Ross Intelligence", role="defendant",
                                                                    surface="Ross")])
    assert Case.objects.count() == 1 and Case.objects.get().court == "ded"
    ross_paper("25-2153", "ca3")
    assert sorted(Case.objects.values_list("court", flat=True)) == ["ca3", "ded"]


@pytest.mark.parametrize("order", ["story first", "court paper first"])
def test_a_story_that_lists_the_known_suit_s_plaintiff_among_its_own_is_that_suit(order):
    """'John Grisham, Jodi Picoult and the Authors Guild sued OpenAI': the story leads with Grisham, the court's
    caption with the Authors Guild."""
    story = "John Grisham, Jodi Picoult and the Authors Guild sued OpenAI in federal court in Manhattan."
    paper = "Authors Guild v. OpenAI Inc., No. 1:23-cv-08292. Plaintiff Authors Guild brings this action."

    def tell():
        return record(story, [told(story, "Grisham v. OpenAI", ["John Grisham"], ["OpenAI"], courts=["nysd"])],
                      [party(story, "John Grisham", "person", role="plaintiff"),
                       party(story, "Jodi Picoult", "person", role="plaintiff"),
                       party(story, "Authors Guild", role="plaintiff"), party(story, "OpenAI", role="defendant")])

    def court():
        return record(paper, [printed(paper, "Authors Guild v. OpenAI Inc.", ["Authors Guild"], ["OpenAI"],
                                      docket="1:23-cv-08292", court="nysd")],
                      [party(paper, "Authors Guild", role="plaintiff"), party(paper, "OpenAI", role="defendant")],
                      kind="filing")

    first, second = (tell, court) if order == "story first" else (court, tell)
    first(), second()
    assert list(Case.objects.values_list("case_name", flat=True)) == ["Authors Guild v. OpenAI Inc."]
    assert CaseParty.objects.filter(party__name="John Grisham", role="plaintiff").exists()


def test_a_story_told_by_the_parent_company_s_name_joins_the_case_its_subsidiary_filed():
    """Warner Bros. Entertainment Inc. (a unit of Warner Bros. Discovery, alias 'Warner Bros.' in the gazetteer) is
    the plaintiff of the docketed case; a story that says Warner Bros. Discovery sued Midjourney tells that case."""
    paper = "Warner Bros. Entertainment Co. v. Midjourney, Inc., Case No. 2:25-cv-08376."
    record(paper, [printed(paper, "Warner Bros. Entertainment Co v. Midjourney, Inc", ["Warner Bros. Entertainment Co"],
                           ["Midjourney"], docket="2:25-cv-08376", court="cacd")],
           [party(paper, "Warner Bros. Entertainment Co", role="plaintiff", surface="Warner Bros. Entertainment Co."),
            party(paper, "Midjourney", role="defendant", surface="Midjourney, Inc.")], kind="filing")
    story = "Warner Bros. Discovery sued Midjourney on Thursday."
    record(story, [told(story, "Warner Bros. Discovery v. Midjourney", ["Warner Bros. Discovery"], ["Midjourney"])],
           [party(story, "Warner Bros. Discovery", role="plaintiff", gid="warner"),
            party(story, "Midjourney", role="defendant")])
    assert Case.objects.count() == 1
    other = "Warner Music Group sued Midjourney."
    record(other, [told(other, "Warner Music Group v. Midjourney", ["Warner Music Group"], ["Midjourney"])],
           [party(other, "Warner Music Group", role="plaintiff", gid="warner-music"),
            party(other, "Midjourney", role="defendant")])
    assert Case.objects.count() == 2


def test_a_story_that_fits_both_an_appeal_and_the_case_below_joins_the_case_below():
    ross_paper("1:20-cv-00613-SB", "ded")
    ross_paper("25-2153", "ca3")
    below, above = Case.objects.get(court="ded"), Case.objects.get(court="ca3")
    CaseRelation.objects.get_or_create(from_case=above, to_case=below, kind=CaseRelation.Kind.APPEAL_OF)
    story = "Ross Intelligence lost its fight with Thomson Reuters over headnotes."
    record(story, [told(story, "Thomson Reuters v. Ross", ["Thomson Reuters"], ["Ross Intelligence"])],
           [party(story, "Thomson Reuters", role="plaintiff"), party(story, "Ross Intelligence", role="defendant")])
    assert Case.objects.count() == 2
    assert CaseDocument.objects.filter(case=below).count() == 2, list(CaseDocument.objects.values_list("case__court", flat=True))
