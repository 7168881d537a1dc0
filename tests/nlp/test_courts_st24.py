"""Courts read (st24): a federal court named by its city's possessive ("San Francisco's federal court"); Kentucky's
Franklin Circuit Court (courts-db knows three Franklin circuit courts); Hong Kong's District Court, also as "the
District Court" in a text about Hong Kong (not beside a US district court); a Chinese city district's people's court
with its city ("the Xuhui District People's Court in Shanghai": its official name leads with the city) and a court
that calls itself primary. Texts written for the tests."""
import pytest

from ingest.nlp import courts


def _ids(text):
    return [cid for cid, _, _ in courts.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("a separate case was brought against the companies in San Francisco's federal court by authors", ["cand"]),
    ("Manhattan\u2019s federal court heard the case", ["nysd"]),
    ("FRANKFORT, Ky. \u2013 Filed in Franklin Circuit Court, the complaint alleges the app broke state law", ["kycirctfranklin"]),
    ("Filed in Franklin Circuit Court in Columbus, Ohio, the complaint", []),
    ("Lumen Labs sued the Hong Kong-based app maker, citing the complaint filed to the District Court.", ["hk-district-court"]),
    ("Hong Kong\u2019s District Court will hear the claim", ["hk-district-court"]),
    ("A Hong Kong firm was sued in the U.S. District Court in San Francisco; the District Court said", ["cand"]),
    ("The case was filed in the Xuhui District People's Court in Shanghai on Monday",
     ["cn-shanghai-xuhui-district-peoples-court"]),
    ("the Shanghai Xuhui District People's Court ruled", ["cn-shanghai-xuhui-district-peoples-court"]),
    ("In Xuhui District People's Court, the judge ruled", ["cn-xuhui-peoples-court"]),  # (no city: the template's)
    ("Jiading Primary People\u2019s Court, Shanghai ruled in the first instance", ["cn-jiading-primary-peoples-court"]),
    ("the Changshu Municipal People\u2019s Court issued a first-instance judgment", ["cn-changshu-peoples-court"]),
])
def test_courts_read(text, expected):
    assert _ids(text) == expected


def test_a_city_districts_court_is_shown_with_its_city():
    assert courts.display("cn-shanghai-xuhui-district-peoples-court") == "Shanghai Xuhui District People's Ct."
    assert courts.jurisdiction("cn-shanghai-xuhui-district-peoples-court") == "cn"
    assert courts.jurisdiction("hk-district-court") == "other"
    assert courts.jurisdiction("kycirctfranklin") == "us-state"


def test_a_line_above_a_district_court_is_not_its_city():
    # a heading's last word on the line before ("... New Technologies") is no city; the city after the court is
    text = "Session 3: Copyright and New Technologies\n\nNanshan District People\u2019s Court, Shenzhen, Guangdong, China"
    assert [c for c, _, _ in courts.find(text)] == ["cn-shenzhen-nanshan-district-peoples-court"]
