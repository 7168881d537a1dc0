"""Courts as printed -> CourtListener's court ids (courts-db), ours outside the US; docket numbers -> their core."""
import pytest

from ingest.nlp import courts


@pytest.mark.parametrize("printed, cid", [
    ("the U.S. District Court for the Northern District of California", "cand"),
    ("UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF CALIFORNIA", "cand"),
    ("N.D. Cal.", "cand"),
    ("S.D.N.Y.", "nysd"),
    ("Bankr. S.D.N.Y.", "nysb"),
    ("D. Del.", "ded"),
    ("the District of Massachusetts", "mad"),
    ("the Northern District of Illinois", "ilnd"),
    ("the Ninth Circuit", "ca9"),
    ("2d Cir.", "ca2"),
    ("the Federal Circuit", "cafc"),
    ("the U.S. Supreme Court", "scotus"),
    ("a federal court in Manhattan", "nysd"),
    ("federal court in New York", "nysd"),
    ("federal court in San Francisco", "cand"),
    ("a federal judge in Oakland", "cand"),
    ("San Jose federal court", "cand"),
    ("Delaware federal court", "ded"),
    ("San Francisco Superior Court", "calsuperct"),  # a county's superior court: California's, as annotated
    ("the Superior Court of California, County of San Francisco", "calsuperct"),
    ("United States District Court, S.D. New York", "nysd"),
    ("United States District Court, D. Wyoming", "wyd"),
    ("filed in federal court in Northern California", "cand"),
    ("in U.S. District Court for Central California", "cacd"),
    ("in Tennessee Middle District Court", "tnmd"),
    ("IN THE SUPREME COURT OF THE UNITED STATES", "scotus"),
    ("filed the suit in Delaware Superior Court", "delsuperct"),
    ("Court of Appeals of Georgia.", "gactapp"),
    ("the Texas Supreme Court", "tex"),
    ("the Delaware Court of Chancery", "delch"),
    ("the High Court in London", "ewhc"),
    ("London's High Court", "ewhc"),
    ("the Court of Appeal in London", "ewca"),
    ("the UK Supreme Court", "uksc"),
    ("the Court of Justice of the European Union", "cjeu"),
    ("the Delhi High Court", "in-delhi-high-court"),
    ("the Munich Regional Court", "de-munich-regional-court"),
    ("the Ontario Superior Court of Justice", "ca-ontario-superior-court"),
    ("the Beijing Internet Court", "cn-beijing-internet-court"),
    ("the Tokyo District Court", "jp-tokyo-district-court"),
])
def test_court_ids(printed, cid):
    assert courts.court_id(printed) == cid


def test_no_court():
    assert courts.court_id("nothing about courts here") is None
    assert courts.court_id("") is None
    assert courts.find("the District of Columbia sued the company") == [], "a government, not the court"
    assert courts.find("the Northern District of Atlantis") == []


def test_jurisdiction_and_display():
    assert [courts.jurisdiction(c) for c in ("cand", "ca9", "calsuppctsf", "ewhc", "cjeu", "in-delhi-high-court",
                                              "de-munich-regional-court", "cn-beijing-internet-court", None)] == \
        ["us-federal", "us-federal", "us-state", "uk", "eu", "in", "de", "cn", "other"]
    assert courts.display("cand") == "N.D. Cal."
    assert courts.display("nysd") == "S.D.N.Y."
    assert courts.display("ca9") == "9th Cir."
    assert courts.display("ewhc") == "EWHC"
    assert courts.display(None) is None


def test_find_gives_every_court_with_its_offsets_longest_reading_first():
    text = "Filed in the Delhi High Court, then in the Northern District of California (N.D. Cal.)."
    found = courts.find(text)
    assert [c for c, _, _ in found] == ["in-delhi-high-court", "cand", "cand"]
    assert text[found[0][1]:found[0][2]] == "Delhi High Court"


@pytest.mark.parametrize("number, core", [
    ("3:23-cv-03417-VC", "2303417"),
    ("23-cv-03417", "2303417"),
    ("3:23-cv-3417", "2303417"),
    ("4:24-cv-04722-YGR", "2404722"),
    ("1:23-cv-11195 (S.D.N.Y.)", "2311195"),
    ("1:2023cv05670", "2305670"),
    ("23 Civ. 5670", "2305670"),
    ("C 24-05417 WHA", "2405417"),
    ("24-1963", "24001963"),
    ("No. 24-1963", "24001963"),
    ("24\u20111963", "24001963"),  # a non-breaking hyphen
    ("IL-2023-000007", ""),
    ("JCCP 5431", ""),
    ("Nos. 17-11426, 15-11166", ""),
    ("", ""),
    (None, ""),
])
def test_docket_core_as_courtlistener(number, core):
    assert courts.docket_core(number) == core


def test_a_county_court_by_the_name_courts_db_gives_it():
    text = "Judge Tracie Cason of Gwinnett County Superior Court ruled for OpenAI."
    assert courts.find(text) == [("gasuperctgwin", text.index("Gwinnett"), text.index(" ruled"))]
    assert courts.find("filed in San Francisco County Superior Court")[0][0] == "calsuperct"  # the pattern line's
    assert courts.find("The Springfield County Superior Court") == []  # no such court in courts-db


@pytest.mark.parametrize("text, cid", [
    ("The suit, filed by Harvey Sultzer in U.S. District Court in West Palm Beach, claims", "flsd"),
    ("a federal judge in Houston ruled on Monday", "txsd"),
    ("the case is pending in Dallas federal court", "txnd"),
    ("a federal court in Washington blocked the rule", "dcd"),
])
def test_a_federal_district_court_the_press_names_by_its_seat(text, cid):
    assert [c for c, *_ in courts.find(text)] == [cid]


def test_a_state_s_district_court_in_a_city_is_no_federal_court():
    assert courts.find("a district court in Dallas said") == []


@pytest.mark.parametrize("text, j", [
    ("A class-action lawsuit has been filed in British Columbia against Apple Inc.", "ca"),
    ("The lawsuit, filed in a Paris court, marks the first legal challenge of its kind in France.", "fr"),
    ("The suit was filed in Utah state court on Monday.", "us-state"),
])
def test_a_place_that_names_no_court_still_gives_the_jurisdiction(text, j):
    assert [c for c, *_ in courts.jurisdiction_cues(text)] == [j]


def test_a_jurisdiction_cue_goes_to_the_case_whose_side_its_sentence_names(extract):
    x = extract("The New York Times sued OpenAI in 2023. French publishers sued Meta in a Paris court on Wednesday.")
    by = {c.caption: {f.value for f in c.fields if f.field == "jurisdiction"} for c in x.cases}
    assert "fr" not in by.get("The New York Times v. OpenAI", set()), by


def test_the_supreme_court_of_bc():
    assert [c for c, *_ in courts.find("its notice of claim filed with the Supreme Court of BC this week")] == [
        "ca-british-columbia-supreme-court"]


def test_a_high_court_division_a_german_higher_regional_court_and_irelands_commercial_court():
    from ingest.nlp import courts

    assert [c for c, *_ in courts.find("Mr Justice Rattee so ruled in the Chancery Division, giving judgment for the "
                                       "plaintiffs, the Scotch Whisky Association (a case in England)")] == ["ewhc"]
    assert [c for c, *_ in courts.find("The case was heard ad hoc yesterday at the German Higher Regional Court of "
                                       "Cologne")] == ["de-cologne-higher-regional-court"]
    assert [c for c, *_ in courts.find("summary proceedings before the Cologne Higher Regional Court (OLG Köln)")][:1] \
        == ["de-cologne-higher-regional-court"]
    irish = ("Dundalk-based wholesaler O’Malley Ireland Spirits Trading Ltd ... On Monday, Mr Justice Mark Sanfey "
             "admitted the case to the Commercial Court")
    assert [c for c, *_ in courts.find(irish)] == ["ie-high-court-commercial-court"]
    assert not courts.find("The dispute went to the Commercial Court in London.") or \
        courts.find("The dispute went to the Commercial Court in London.")[0][0] != "ie-high-court-commercial-court"


@pytest.mark.parametrize("text, cid", [
    ("the Upper Tribunal has allowed the regulator's appeal", "gb-upper-tribunal"),
    ("the company's appeal to the First-tier Tribunal was heard in London", "gb-first-tier-tribunal"),
    ("Japan's Intellectual Property High Court dismissed the applicant's appeal", "jp-ip-high-court"),
    ("Germany's Federal Court of Justice (Bundesgerichtshof) upheld the ruling", "de-federal-court-of-justice"),
    ("the German Federal Patent Court referred the question", "de-federal-patent-court"),
    ("a judge of the Federal Court of Australia found for the applicant", "au-federal-court-of-australia"),
    ("the High Court of Australia refused special leave", "au-high-court-of-australia"),
    ("a biometric privacy suit pending in Cook County Circuit Court", "illcirct"),
    ("the Circuit Court of Lake County in Illinois certified the class", "illcirct"),
])
def test_tribunals_and_courts_of_new_jurisdictions(text, cid):
    assert [c for c, *_ in courts.find(text)][:1] == [cid]
    assert courts.jurisdiction(cid)


def test_a_countys_circuit_court_outside_illinois_is_not_illinois():
    assert "illcirct" not in [c for c, *_ in courts.find("the Circuit Court of Jackson County in Missouri ruled")]
    assert "jp-ip-high-court" not in [c for c, *_ in courts.find("the IP High Court of Kenya")]
