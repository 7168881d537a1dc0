"""Counsel of a case (ingest/nlp/counsel.py, patterns/counsel.jsonl): lawyers and firms per side, never parties."""
import pytest

from ingest.nlp.counsel import _block, clean_firm, is_firm


def _counsel(x, caption_start=""):
    case = next(c for c in x.cases if c.caption.startswith(caption_start))
    return {(k.side, k.firm, k.lawyer) for k in case.counsel}


def _litigants(x):
    return {p.name for p in x.parties if p.is_litigant}


def _names(x):
    return {p.name for p in x.parties}


@pytest.mark.parametrize("name, firm", [
    ("Susman Godfrey LLP", True), ("JOSEPH SAVERI LAW FIRM, LLP", True), ("Rothwell, Figg, Ernst & Manbeck, P.C.", True),
    ("Latham & Watkins", True), ("Susman Godfrey", True), ("Joseph Saveri Law Firm", True),
    ("OpenAI", False), ("Meta Platforms, Inc.", False), ("Justin Nelson", False), ("Universal Music Group", False),
])
def test_a_firm_is_a_name_with_a_firm_suffix_or_a_known_firm(name, firm):
    assert is_firm(name) is firm


def test_a_lawyer_for_the_group_takes_the_groups_side(extract):
    x = extract("Authors sued Anthropic in Bartz v. Anthropic. Justin Nelson, a lawyer for the authors, said the "
                "settlement was historic.")
    assert _counsel(x) == {("plaintiff", None, "Justin Nelson")}
    assert "Justin Nelson" not in _litigants(x)


def test_represented_by_a_firm_and_a_lawyer_for_a_named_party(extract):
    x = extract("The New York Times sued OpenAI in December. The Times is represented by Susman Godfrey. Joseph "
                "Gratz, a lawyer for OpenAI, declined to comment.")
    assert _counsel(x) == {("plaintiff", "Susman Godfrey", None), ("defendant", None, "Joseph Gratz")}
    assert "Susman Godfrey" not in _names(x)  # a law firm is no party at all


def test_counsel_for_a_party_then_the_firm(extract):
    x = extract("Concord Music sued Anthropic in Concord v. Anthropic. Latham & Watkins, counsel for Anthropic, "
                "argued the motion. The publishers' lawyers at Oppenheim & Zebrak said nothing.")
    assert _counsel(x) == {("defendant", "Latham & Watkins", None), ("plaintiff", "Oppenheim & Zebrak", None)}
    assert not {"Latham & Watkins", "Oppenheim & Zebrak"} & _names(x)


def test_counsel_for_a_party_comma_firm(extract):
    x = extract("In Kadrey v. Meta, counsel for Meta, Cooley LLP, argued fair use. The authors are represented by "
                "attorneys at Joseph Saveri Law Firm.")
    assert _counsel(x) == {("defendant", "Cooley LLP", None), ("plaintiff", "Joseph Saveri Law Firm", None)}


def test_lawyer_of_a_firm_who_represents_a_side(extract):
    x = extract("Tremblay v. OpenAI is before Judge Araceli Martinez-Olguin. Another OpenAI attorney, Jason H. Wilson "
                "of Willenken LLP, contended that the claims fail. Matthew Butterick of the Joseph Saveri Law Firm, "
                "who represents the authors, said they would appeal.")
    assert _counsel(x) == {("defendant", "Willenken LLP", "Jason H. Wilson"),
                           ("plaintiff", "Joseph Saveri Law Firm", "Matthew Butterick")}


def test_party_lawyer_and_two_firms_represented_by(extract):
    x = extract("OpenAI lawyer Joseph Gratz told the court in Tremblay v. OpenAI that the claims fail. The "
                "plaintiffs are represented by Susman Godfrey and Lieff Cabraser.")
    assert _counsel(x) == {("defendant", None, "Joseph Gratz"), ("plaintiff", "Susman Godfrey", None),
                           ("plaintiff", "Lieff Cabraser", None)}


APPEARANCES = (
    "UNITED STATES DISTRICT COURT FOR THE DISTRICT OF DELAWARE THOMSON REUTERS ENTERPRISE CENTRE GMBH and WEST "
    "PUBLISHING CORP., Plaintiffs, No. 1:20-cv-613-SB v. ROSS INTELLIGENCE INC., Defendant. Jack B. Blumenfeld, "
    "Michael J. Flynn, MORRIS, NICHOLS, ARSHT & TUNNELL LLP, Wilmington, Delaware; Dale M. Cendali, KIRKLAND & ELLIS "
    "LLP, New York, New York. Counsel for Plaintiffs David E. Moore, POTTER ANDERSON & CORROON LLP, Wilmington, "
    "Delaware; Mark A. Klapow, CROWELL & MORING LLP, Washington, D.C. Counsel for Defendant MEMORANDUM OPINION "
    "Thomson Reuters sued Ross, an artificial intelligence startup, for copying Westlaw headnotes.")


def test_signature_blocks_give_each_lawyer_the_firm_printed_after_them(extract):
    x = extract(APPEARANCES, kind="opinion")
    assert _counsel(x) == {
        ("plaintiff", "Morris, Nichols, Arsht & Tunnell LLP", "Jack B. Blumenfeld"),
        ("plaintiff", "Morris, Nichols, Arsht & Tunnell LLP", "Michael J. Flynn"),
        ("plaintiff", "Kirkland & Ellis LLP", "Dale M. Cendali"),
        ("defendant", "Potter Anderson & Corroon LLP", "David E. Moore"),
        ("defendant", "Crowell & Moring LLP", "Mark A. Klapow"),
    }
    names = _names(x)
    assert not any("LLP" in n or "Wilmington" in n for n in names)


def test_an_appearance_list_closed_by_for_plaintiffs_and_a_solo_lawyer(extract):
    x = extract("Kadrey v. Meta Platforms, Inc., No. 23-cv-03417-VC. Joseph R. Saveri, Cadio R. Zirpoli, Joseph "
                "Saveri Law Firm, LLP, San Francisco, CA, Matthew Butterick, Attorney at Law, Los Angeles, CA, "
                "Mohammed Rathur, Cafferty Clobes Meriwether & Sprengel, LLP, Chicago, IL, for Plaintiffs Richard "
                "Kadrey, Sarah Silverman.\n\nKadrey and Silverman sued Meta over its Llama models.", kind="order")
    found = _counsel(x)
    assert ("plaintiff", "Joseph Saveri Law Firm, LLP", "Joseph R. Saveri") in found
    assert ("plaintiff", None, "Matthew Butterick") in found
    assert ("plaintiff", "Cafferty Clobes Meriwether & Sprengel, LLP", "Mohammed Rathur") in found
    assert not any(lawyer in ("San Francisco", "Los Angeles") for _, _, lawyer in found)


def test_a_signature_block_with_bar_numbers_and_an_address(extract):
    x = extract("Joseph R. Saveri (State Bar No. 130064) Cadio Zirpoli (State Bar No. 179108) JOSEPH SAVERI LAW FIRM, "
                "LLP 601 California Street, Suite 1000 San Francisco, CA 94108 Telephone: (415) 500-6800 Email: "
                "jsaveri@saverilawfirm.com Counsel for Individual and Representative Plaintiffs and the Proposed Class "
                "UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF CALIFORNIA SARAH ANDERSEN, et al., Plaintiffs, v. "
                "STABILITY AI LTD., et al., Defendants. Andersen and other artists sued Stability AI.", kind="filing")
    found = _counsel(x, "Sarah Andersen")
    assert ("plaintiff", "Joseph Saveri Law Firm, LLP", "Joseph R. Saveri") in found
    assert ("plaintiff", "Joseph Saveri Law Firm, LLP", "Cadio Zirpoli") in found
    assert not any("California Street" in n or "Suite" in n for n in _names(x))


def test_no_counsel_without_a_case_and_quotes_of_lawyers_stay(extract):
    x = extract('Justin Nelson, a lawyer for the authors, said: "This settlement is historic." Authors sued '
                'Anthropic in Bartz v. Anthropic.')
    assert any(q.speaker == "Justin Nelson" for q in x.quotes)
    assert extract("Justin Nelson is a lawyer for many clients.").cases == []


def test_represented_by_lawyers_of_two_firms_and_not_a_collecting_society(extract):
    x = extract("Cedric Lacey sued OpenAI in Lacey v. OpenAI. Plaintiffs are represented by Matthew P. Bergman and "
                "Laura Marquez-Garrett of the Social Media Victims Law Center, and Meetali Jain of the Tech Justice "
                "Law Project.")
    assert _counsel(x) == {("plaintiff", "Social Media Victims Law Center", "Matthew P. Bergman"),
                           ("plaintiff", "Social Media Victims Law Center", "Laura Marquez-Garrett"),
                           ("plaintiff", "Tech Justice Law Project", "Meetali Jain")}
    assert not {"Matthew P. Bergman", "Meetali Jain"} & _litigants(x)
    x = extract("GEMA sued OpenAI in GEMA v. OpenAI. The court ruled that ChatGPT infringed copyrights to "
                "compositions represented by GEMA, the German collecting society.")
    assert _counsel(x) == set()
    assert "GEMA" in _litigants(x)


def test_a_known_firms_words_must_lead_the_name():
    assert not is_firm("Kai Bird")  # "Bird & Bird" is a firm; the author Kai Bird is not
    assert is_firm("Boies Schiller Flexner")


@pytest.mark.parametrize("read, firm", [
    ("Filed, /, /, Page, of, `, `, `KEKER, VAN NEST & PETERS LLP", "KEKER, VAN NEST & PETERS LLP"),  # a page header
    ("FRANK, HARRIS, SHRIVER & JACOBSON LLP One New York Plaza New York", "FRANK, HARRIS, SHRIVER & JACOBSON LLP"),
    ("May, MORRIS, NICHOLS, ARSHT & TUNNELL LLP", "MORRIS, NICHOLS, ARSHT & TUNNELL LLP"),  # a date's month before it
    ("Rothwell, Figg, Ernst & Manbeck, P.C.", "Rothwell, Figg, Ernst & Manbeck, P.C."),
    ("Joseph Saveri Law Firm, LLP", "Joseph Saveri Law Firm, LLP"), ("Morgan & Morgan, P.A.", "Morgan & Morgan, P.A."),
])
def test_a_firms_name_ends_at_its_legal_form_and_takes_no_words_written_otherwise(read, firm):
    assert clean_firm(read) == firm


def test_lawyers_printed_after_the_firm_that_heads_a_block_are_its_own():
    text = ("Case 3:22-cv-01462-VC Document 44 Filed 08/15/22 Page 1 of 31\n`\n`KEKER, VAN NEST & PETERS LLP\n"
            "`BENJAMIN BERKOWITZ - # 244441\n`bberkowitz@keker.com\n`MICHELLE YBARRA - # 260697\n`633 Battery Street\n"
            "`San Francisco, CA 94111-1809\n`Attorneys for Defendant")
    found = {(firm, lawyer) for firm, lawyer, _, _ in _block(text, 0, text.index("Attorneys for"))}
    assert found == {("Keker, Van Nest & Peters LLP", None), ("Keker, Van Nest & Peters LLP", "Benjamin Berkowitz"),
                     ("Keker, Van Nest & Peters LLP", "Michelle Ybarra")}


def test_lawyers_printed_before_their_firm_stay_its_own():
    text = ("OF COUNSEL:\nNicole M. Jantzi\nPaul M. Schoenhard\nFRIED, FRANK, HARRIS, SHRIVER\n& JACOBSON LLP\n"
            "801 17th Street, NW\nWashington, DC 20006\nMay 2, 2023\nMORRIS, NICHOLS, ARSHT & TUNNELL LLP\n"
            "Attorneys for Defendants")
    found = {(firm, lawyer) for firm, lawyer, _, _ in _block(text, 0, text.index("Attorneys for"))}
    assert found == {("Fried, Frank, Harris, Shriver, & Jacobson LLP", "Nicole M. Jantzi"),
                     ("Fried, Frank, Harris, Shriver, & Jacobson LLP", "Paul M. Schoenhard"),
                     ("Morris, Nichols, Arsht & Tunnell LLP", None)}


def test_a_firms_attorneys_representing_a_party(extract):
    x = extract("Penske Media sued Google in Penske Media v. Google. The memorandum was filed by Susman Godfrey "
                "attorneys representing Penske Media.")
    assert {firm for _, firm, _ in _counsel(x)} == {"Susman Godfrey"}


def test_a_partner_for_a_firm(extract):
    x = extract("OpenAI sued Guy Ravine in OpenAI v. Open Artificial Intelligence. Greg Gilchrist, a partner for "
                "Verso Law Group LLP in San Francisco who represents Ravine, criticized the ruling.")
    assert "Verso Law Group LLP" in {firm for _, firm, _ in _counsel(x, "OpenAI v. Open")}


def test_a_firms_partner_named_after_the_firm(extract):
    x = extract("Bartz v. Anthropic settled. He praised the deal, as did Susman Godfrey LLP partner Justin A. Nelson, "
                "who represents the class.")
    assert {(firm, lawyer) for _, firm, lawyer in _counsel(x)} == {("Susman Godfrey LLP", "Justin A. Nelson")}
    x = extract("Bartz v. Anthropic settled. A partner said the deal was fair.")
    assert _counsel(x) == set()
