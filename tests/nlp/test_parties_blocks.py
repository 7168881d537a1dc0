"""Caption blocks of court papers: corporate families kept, whole (one name a line or split over lines),
column pieces and headings dropped; counsel never a party."""
from ingest.nlp import captions

NYT = ("UNITED STATES DISTRICT COURT\n\n\nSOUTHERN DISTRICT OF NEW YORK\n\nTHE NEW YORK TIMES COMPANY\n\n\n"
       "Plaintiff, Civil Action No. ________\n\nv.\nCOMPLAINT\nMICROSOFT CORPORATION, OPENAI, INC.,\n"
       "OPENAI LP, OPENAI GP, LLC, OPENAI, LLC,\nOPENAI OPCO LLC, OPENAI GLOBAL LLC, JURY TRIAL DEMANDED\n"
       "OAI CORPORATION, LLC, and OPENAI\nHOLDINGS, LLC,\n\nDefendants.\n")


def test_a_corporate_family_in_a_caption_block():
    (plaintiffs, defendants, _, _), = captions.blocks(NYT)
    assert plaintiffs == ["New York Times Company"]
    assert defendants == ["Microsoft Corporation", "OpenAI Inc.", "OpenAI LP", "OpenAI GP LLC", "OpenAI LLC",
                          "OpenAI OpCo LLC", "OpenAI Global LLC", "Oai Corporation LLC", "OpenAI Holdings LLC"]


def test_line_marks_of_a_pdf_do_not_cut_names():
    text = ("`RAW STORY MEDIA, INC., ALTERNET\n`MEDIA, INC.,\n`\n` Plaintiffs,\n`\n` v.\n`\n"
            "`OPENAI, INC., OPENAI GP, LLC,\n`OPENAI, LLC,\n`\n` Defendants.\n")
    (plaintiffs, defendants, _, _), = captions.blocks(text)
    assert plaintiffs == ["Raw Story Media Inc.", "AlterNet Media Inc."]
    assert defendants == ["OpenAI Inc.", "OpenAI GP LLC", "OpenAI LLC"]


def test_two_column_pieces_are_dropped():
    names = captions._names_in("OPENAI, L.P., a Delaware L.L.C., OPENAI STARTUP FUND I, L.P. AND OPENAI STARTUP "
                               "FUND GP I, L.L.C., STARTUP FUND GP I, L.L.C.")
    assert "OpenAI L.P. L.L.C." not in names and "Startup Fund GP I L.L.C." not in names


def test_counsel_is_no_party(extract):
    x = extract("The New York Times, by its attorneys Susman Godfrey LLP and Rothwell, Figg, Ernst & Manbeck, "
                "P.C., for its complaint against Defendants Microsoft alleges as follows.")
    litigants = {p.name: p.role for p in x.parties if p.is_litigant}
    assert litigants == {"The New York Times": "plaintiff", "Microsoft": "defendant"}
