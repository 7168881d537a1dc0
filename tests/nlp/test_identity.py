"""Who a suit's sides are when a sentence names an owner, a trade name, an unnamed person or a role word."""
import pytest

from ingest.nlp import facts


def _sides(x):
    return [(c.caption, c.plaintiffs, c.defendants) for c in x.cases]


@pytest.mark.parametrize("text", [
    "Billionaire entrepreneur Elon Musk’s artificial intelligence startup, xAI, has filed a lawsuit against Apple "
    "and ChatGPT creator OpenAI in U.S. federal court in Texas.",
    "A federal judge heard a lawsuit brought by Elon Musk's artificial intelligence company, xAI, against OpenAI "
    "over trade secrets.",
])
def test_the_company_an_owner_owns_is_the_plaintiff(extract, text):
    x = extract(text)
    assert x.cases and all("Elon Musk" not in c.plaintiffs for c in x.cases), _sides(x)
    assert any(c.plaintiffs[:1] == ["xAI"] and "OpenAI" in c.defendants for c in x.cases), _sides(x)


def test_a_pronoun_after_an_unnamed_person_is_not_the_name_before_it(extract):
    x = extract("Elon Musk’s artificial intelligence startup xAI has filed a lawsuit against a former engineer, "
                "accusing him of stealing confidential information about its Grok chatbot.")
    assert all("Elon Musk" not in c.defendants for c in x.cases), _sides(x)


def test_a_headline_names_the_company_not_its_description(extract):
    x = extract("Penske Media Corp., the parent company of Rolling Stone, has filed a lawsuit against Google LLC.",
                title="Rolling Stone Publisher Penske Media Sues Google Over AI Summaries")
    assert [c for c in x.cases if c.plaintiffs and c.plaintiffs[0].startswith("Penske Media")], _sides(x)
    assert not [c for c in x.cases if "Rolling Stone Publisher" in c.plaintiffs], _sides(x)


def test_legal_and_trade_names_are_one_party(extract):
    x = extract("Bourbon company Willett Distillery filed a trademark infringement lawsuit on Thursday against "
                "Shaan Inc. The case is 3:22-cv-00873, Kentucky Bourbon Distillers Ltd. d/b/a Willett Distillery "
                "v. Shaan Inc. et al.")
    plaintiffs = {n for c in x.cases for n in c.plaintiffs}
    assert plaintiffs == {"Kentucky Bourbon Distillers Ltd"}, _sides(x)
    party = next(p for p in x.parties if p.name == "Kentucky Bourbon Distillers Ltd")
    assert "Willett Distillery" in party.surface_forms


def test_trade_names_are_read_only_between_two_parties():
    class P:
        def __init__(self, kind, forms):
            self.kind, self.surface_forms = kind, forms

    parties = {"Advance Magazine Publishers Inc": P("company", ["Advance Magazine Publishers Inc."]),
               "Condé Nast": P("company", ["Condé Nast"]), "Cohere": P("company", ["Cohere"])}
    text = "The suit was filed by Advance Magazine Publishers Inc. (Condé\nNast) and others against Cohere (Toronto)."
    assert facts.trade_names(text, parties) == [("Advance Magazine Publishers Inc", "Condé Nast")]
    assert facts.trade_names("Cohere (Condé Nast's rival) said", parties) == []


def test_a_caption_writes_out_a_legal_name_abbreviated_as_the_bluebook_does():
    from ingest.nlp import captions

    assert captions.explicit("Thomson Reuters Enter. Centre GmbH et al v. ROSS Intelligence Inc.")[0][:2] == (
        "Thomson Reuters Enterprise Centre GmbH", "ROSS Intelligence Inc")
    assert captions.explicit("The case ended. Nat'l Ass'n of Broadcasters v. Acme Tech. Corp. settled.")[0][:2] == (
        "National Association of Broadcasters", "Acme Technology Corp")


def test_three_companies_that_sued_separately_brought_three_suits(extract):
    x = extract("Three Japanese newspaper companies separately filed lawsuits with the Tokyo District Court against "
                "the city of Gamagori, alleging the city infringed on their copyrights. In the lawsuits filed on "
                "Thursday, The Asahi Shimbun is seeking damages of about ¥146 million, while The Nikkei is seeking "
                "about ¥140 million.")
    assert {(c.plaintiffs[0], c.defendants[0]) for c in x.cases} >= {
        ("The Asahi Shimbun", "City of Gamagori"), ("Nikkei", "City of Gamagori")}, _sides(x)
    assert all(len(c.plaintiffs) == 1 for c in x.cases), _sides(x)


def test_two_printed_captions_against_one_party_are_the_story_not_precedents(extract):
    x = extract("Judge Jeffrey Miller issued two very similar Orders in two separate cases against Tito's Vodka. "
                "The cases are:\n   – Hofmann v. Fifth Generation\n   – Cabrera v. Fifth Generation\n\nWords matter.")
    assert {c.caption for c in x.cases} >= {"Hofmann v. Fifth Generation", "Cabrera v. Fifth Generation"}, _sides(x)


def test_a_citation_of_the_story_s_own_case_names_its_sides(extract):
    x = extract("The court stated that it need only review insurance documents. Est. of Lokken v. UnitedHealth Grp., "
                "Inc., et al., No. 23-3514 (JRT/DJF), 2025 U.S. Dist. LEXIS 27262, at *2 (D. Minn. Feb. 13, 2025). "
                "Defendants UnitedHealth Group, Inc. moved to dismiss.")
    assert [(c.plaintiffs, c.defendants) for c in x.cases] == [(["Estate of Lokken"], ["UnitedHealth Group, Inc"])], \
        _sides(x)


def test_a_name_that_describes_a_company_is_no_party(extract):
    x = extract("Last month, the New York Times sued the Sam Altman-founded company for unlawful use of its articles.")
    assert all("Sam Altman" not in c.defendants for c in x.cases), _sides(x)


def test_a_name_the_tagger_found_once_is_the_same_name_where_it_recurs(extract):
    x = extract("Three Japanese newspaper companies separately filed lawsuits with the Tokyo District Court against "
                "the city of Gamagori. In the lawsuits filed on Thursday, The Asahi Shimbun is seeking damages of "
                "about ¥146 million, while The Nikkei is seeking about ¥140 million and The Chunichi Shimbun about "
                "¥150 million. The Chunichi Shimbun said, “Organized violations cannot be allowed.”")
    assert "The Chunichi Shimbun" in {c.plaintiffs[0] for c in x.cases}, _sides(x)


def test_names_who_also_filed_lawsuits_brought_one_suit_each(extract):
    x = extract("On Nov. 6, The Yomiuri Shimbun’s three headquarters in Tokyo, Osaka and Fukuoka, and The Mainichi "
                "Shimbun also filed lawsuits with the Tokyo District Court against the city of Gamagori, seeking "
                "compensation for damages.")
    assert {c.plaintiffs[0] for c in x.cases} >= {"The Yomiuri Shimbun", "The Mainichi Shimbun"}, _sides(x)
    assert all(len(c.plaintiffs) == 1 for c in x.cases), _sides(x)


def test_a_name_ending_in_a_legal_form_is_a_company_that_can_sue(extract):
    x = extract("Dundalk-based wholesaler O’Malley Ireland Spirits Trading Ltd and its related distributor Nonto DAC "
                "have brought proceedings against Great Northern Distillery Ltd (GND) which operates a distillery.")
    assert [(c.plaintiffs[:1], c.defendants[:1]) for c in x.cases] == [
        (["O’Malley Ireland Spirits Trading Ltd"], ["Great Northern Distillery Ltd"])], _sides(x)


def test_legal_action_started_against_a_company_is_a_suit(extract):
    x = extract("Diageo North America has settled a trademark lawsuit with a US-based spirits distributor. Allied "
                "Lomar started legal action against Diageo in 2015, arguing that the group’s brand breached "
                "trademark law.")
    assert any("Diageo" in " ".join(c.defendants) and "Lomar" in " ".join(c.plaintiffs) for c in x.cases), _sides(x)


@pytest.mark.parametrize("text, title, caption", [
    ("Park v. Kim, 91 F.4th 610 was decided by the Second Circuit earlier this year. The district court dismissed "
     "the case because Park violated court orders.", "Rule 37 Sanctions Affirmed", "Park v. Kim"),
    ("Duane Morris Takeaways: On July 5, 2024, in Jones, et al. v. Peloton Interactive, Inc., No. 23-CV-1082, 2024 WL "
     "3315989 (S.D. Cal. July 5, 2024), Judge M. James Lorenz denied a motion to dismiss. In Jones, Plaintiffs "
     "brought suit against an exercise equipment company.", "Court Refuses To Dismiss Wiretapping Class Action",
     "Jones v. Peloton Interactive, Inc"),
    ("Nitro-Lift Technologies v. Howard, No. 11-1377: Respondents quit their employment with petitioner.",
     "Supreme Court decision: Nitro-Lift Technologies v. Howard", "Nitro-Lift Technologies v. Howard"),
])
def test_the_case_a_text_opens_with_or_its_title_names_is_no_precedent(extract, text, title, caption):
    x = extract(text, title=title)
    assert caption in [c.caption for c in x.cases], _sides(x)


def test_a_precedent_cited_in_the_middle_of_a_story_is_still_no_case(extract):
    x = extract("Authors sued Meta last year. The judge relied on the reasoning of Campbell v. Acuff-Rose Music, Inc., "
                "510 U.S. 569 (1994), in finding the use transformative.", title="Meta wins fair use ruling")
    assert "Campbell v. Acuff-Rose Music, Inc" not in [c.caption for c in x.cases], _sides(x)


def test_a_caption_ends_at_the_full_stop_after_its_side(extract):
    x = extract("Hack-to-trade: SEC v. Westbrook. Civil Action No. 2:24-cv-09497 (D. N.J. filed Sept. 27, 2024) is an "
                "action which names as defendant Robert Westbrook, a U.K. citizen.")
    assert "SEC v. Westbrook" in [c.caption for c in x.cases], _sides(x)


def test_bluebook_abbreviations_of_a_fund_s_name_are_written_out(extract):
    x = extract("A magistrate judge recommended sanctions. Mid Cent. Operating Eng’rs Health & Welfare Fund v. "
                "HoosierVac LLC, No. 2:24-cv-00326, 2025 WL 574234 (S.D. Ind. Feb. 21, 2025).",
                title="Sanctions Rulings — Mid Central Operating Engineers v. HoosierVac")
    assert [c.caption for c in x.cases] == ["Mid Central Operating Engineers Health & Welfare Fund v. HoosierVac LLC"], \
        _sides(x)


@pytest.mark.parametrize("text, plaintiff, defendant", [
    ("TOKYO, Aug 8 — Japan’s Yomiuri Shimbun newspaper, one of the world’s biggest by circulation, is suing US-based "
     "AI firm Perplexity for allegedly “free-riding” on its content.", "Yomiuri Shimbun", "Perplexity"),
    ("SAN FRANCISCO (Reuters) - The New York Times sued OpenAI and Microsoft on Wednesday.", "The New York Times",
     "OpenAI"),
])
def test_a_dateline_is_not_the_subject_of_the_first_sentence(extract, text, plaintiff, defendant):
    x = extract(text)
    assert any(c.plaintiffs[:1] == [plaintiff] and defendant in c.defendants for c in x.cases), _sides(x)


def test_an_outlet_that_is_no_legal_person_sues_through_its_publisher(extract):
    x = extract("The Wall Street Journal and the New York Post sued Perplexity last year.")
    assert [(c.caption, c.plaintiffs[0]) for c in x.cases] == [("Dow Jones v. Perplexity", "Dow Jones")], _sides(x)


def test_hit_with_a_lawsuit_by_authors_the_next_sentence_names(extract):
    x = extract("By Blake Brittain (Reuters) -Cloud-computing firm Salesforce was hit with a proposed class action "
                "lawsuit by two authors who alleged the company used thousands of books without permission. Novelists "
                "Molly Tanzer and Jennifer Gilmore said in the complaint filed on Wednesday that Salesforce infringed "
                "copyrights. Anthropic agreed to a landmark $1.5 billion settlement with a separate group of authors "
                "suing it for copyright infringement in August.")
    assert [(c.plaintiffs, c.defendants) for c in x.cases] == [(["Molly Tanzer", "Jennifer Gilmore"], ["Salesforce"])], \
        _sides(x)


def test_a_plaintiff_known_by_an_initial_leads_a_printed_caption(extract):
    x = extract("T. et al v. OpenAI LP et al, 3:23-cv-04557, No. 59 (N.D.Cal. Mar. 7, 2024)\n\nPlaintiffs oppose the "
                "motion to dismiss.")
    assert [c.caption for c in x.cases] == ["T. v. OpenAI LP"], _sides(x)


def test_a_suit_someone_falsely_said_was_brought_is_no_case(extract):
    x = extract("A Minnesota solar company is suing Google for defamation, claiming the tech company’s “AI Overview” "
                "falsely stated that the company faced a lawsuit from the Minnesota Attorney General Keith Ellison. "
                "Ellison did sue four solar-lending companies last year. However, Isanti-based Wolf River Electric was "
                "not a defendant in that suit. Wolf River filed its lawsuit against Google in March in state court.")
    assert [c.caption for c in x.cases] == ["Wolf River Electric v. Google"], _sides(x)


def test_an_appellate_caption_with_the_sides_roles(extract):
    x = extract("Tommy Williams, Plaintiff-appellant, v. the Nashville Network and Gaylord Entertainment Company,"
                "defendants-appellees, 132 F.3d 1123 (6th Cir. 1998)\n\nUS Court of Appeals for the Sixth Circuit.",
                title="Tommy Williams v. The Nashville Network and Gaylord Entertainment Company, 132 F.3d 1123")
    assert any(c.plaintiffs == ["Tommy Williams"] and "Nashville Network" in c.defendants[0] for c in x.cases), _sides(x)


def test_the_first_of_a_list_of_newspapers_that_sued_is_a_party_too(extract):
    x = extract("Overview\n- Asahi Shimbun and Nikkei filed a joint lawsuit in Tokyo District Court on August 26 seeking "
                "¥4.4 billion in damages plus a court order to stop unlicensed use of their articles.\n- They allege "
                "Perplexity copied, saved, and reproduced their content without permission since at least June 2024.\n"
                "- Yomiuri Shimbun lodged a separate suit on August 7 seeking about ¥2.1 billion.",
                title="Asahi and Nikkei sue Perplexity in Tokyo, seek ¥4.4 billion and an injunction")
    assert any(c.plaintiffs == ["Asahi Shimbun", "Nikkei"] for c in x.cases), _sides(x)


def test_a_typo_in_a_printed_caption_is_the_same_case():
    from ingest.nlp.lawsuits import _near_side

    assert _near_side("Btyeweavr LLC", "Byteweavr, LLC") and not _near_side("Meta", "Beta")
    assert not _near_side("Andersen", "Anderson Smith")


def test_a_headline_s_words_after_a_judge_s_name_are_no_part_of_it(extract):
    x = extract("Judge Jeffrey Miller issued two very similar Orders in two separate cases against Tito's Vodka. The "
                "cases are:\n   – Hofmann v. Fifth Generation\n   – Cabrera v. Fifth Generation\n",
                title="Judge Miller Not Too Impressed With TTB System or Tito Approvals")
    assert {c.judge for c in x.cases} <= {"Jeffrey Miller", None}, [(c.caption, c.judge) for c in x.cases]


def test_a_pair_of_class_actions_against_two_companies_is_one_suit_against_each(extract):
    x = extract("(June 16, 2025, 9:05 PM EDT) -- An independent country singer has filed a pair of proposed copyright "
                "infringement class actions against artificial intelligence-generated music companies Udio and Suno, "
                "claiming that independent artists are the ones whose \"rights have been trampled the most.\"\n\n"
                "Tony Justice and his label 5th Wheel Records Inc. said the suits are needed. \"Independent artists "
                "are left without a seat at the table,\" Justice said in the complaints.")
    assert sorted((c.caption, tuple(c.defendants)) for c in x.cases) == [
        ("Justice v. Suno", ("Suno",)), ("Justice v. Udio", ("Udio",))], _sides(x)
    assert all(c.plaintiffs[0] == "Tony Justice" for c in x.cases), _sides(x)
    assert sorted((c.caption, r.kind, r.other) for c in x.cases for r in c.relations) == [
        ("Justice v. Suno", "companion_of", "Justice v. Udio"), ("Justice v. Udio", "companion_of", "Justice v. Suno")]


def test_a_caption_composed_from_roles_leads_with_sides_words_named():
    from ingest.nlp.lawsuits import Roles, _compose_from_roles

    class M:  # (mentions as stubs: only their names and places count)
        def __init__(self, name, start):
            self.name, self.kind, self.resolved, self.start, self.end = name, "company", False, start, start + 5

    def composed(model_defendant_only):
        roles, made = Roles(), []
        roles.propose("Penske Media", "plaintiff", "half")
        if model_defendant_only:
            roles["Chegg"] = "defendant"
            roles.sources.setdefault("Chegg", {})["model"] = "defendant"
        else:
            roles.propose("Google", "defendant", "title_half")
            roles["Chegg"] = "defendant"
            roles.sources.setdefault("Chegg", {})["model"] = "defendant"
        _compose_from_roles([M("Penske Media", 0), M("Chegg", 20), M("Google", 40)], roles,
                            lambda caption, pl, df, *a, **k: made.append((caption, pl, df)))
        return made

    assert composed(True) == []  # "a different antitrust action levied by Chegg": the model's defendant leads none
    assert composed(False) == [("Penske Media v. Google", ["Penske Media"], ["Google", "Chegg"])]


def test_the_justice_department_sues_as_the_united_states(extract):
    x = extract("The SEC charged Jon Montroll. In a parallel criminal case, the U.S. Attorney's Office for the Southern "
                "District of New York filed a complaint against Montroll for perjury and obstruction of justice.")
    assert any(c.caption == "United States v. Montroll" for c in x.cases), _sides(x)


def test_a_statute_s_abbreviated_state_is_no_party(extract):
    x = extract("Greenspan v. Qazi, No. 20-cv-03426-JD. The Qazi defendants also ask to strike Greenspan's state-law "
                "claims under California's anti-SLAPP statute, Cal. Civ. Proc. Code § 425.16.", kind="opinion")
    assert all("Cal" not in c.defendants for c in x.cases), _sides(x)


def test_a_legal_form_name_does_not_run_across_lines(extract):
    x = extract("COMPLAINT\n\nPlaintiff Acme Music Inc., by its counsel, files this Complaint against Tunebot Labs, Inc. "
                "and alleges as follows.", kind="filing")
    names = {p.name for p in x.parties}
    assert not any("COMPLAINT" in n or "\n" in n for n in names), names


def test_a_family_named_by_its_surname_is_its_people(extract):
    x = extract("The news comes on the heels of a jury's ruling Friday in favor of Ken and Kathy Smalley, who run "
                "Dixie Doodle Llama Farm. Vicki Lynn Moses of Washington filed suit against the Smalleys after the "
                "babies of two llamas she bought from them were born with a birth defect.")
    assert any(c.caption == "Moses v. Smalley" for c in x.cases), _sides(x)


def test_a_headline_verb_after_a_surname_is_no_part_of_the_name(extract):
    x = extract("Under oath in his lawsuit against OpenAI, Elon Musk acknowledged xAI 'partly' used distillation.",
                title="Musk Testifies xAI 'Partly' Used Distillation on OpenAI Models to Train Grok")
    assert not any("Testifies" in n for c in x.cases for n in c.plaintiffs), _sides(x)


def test_the_company_sued_again_is_the_one_sued_before_not_who_sued_it(extract):
    x = extract("Last month, the New York Times sued the Sam Altman-founded company for \"unlawful use\" of its output. "
                "More than a dozen authors, including \"Game of Thrones\" creator George RR Martin, sued the company in "
                "September 2024, accusing it of \"systematic theft on a mass scale.\"")
    assert {(c.plaintiffs[0], c.defendants[0]) for c in x.cases} == {
        ("The New York Times", "OpenAI"), ("George RR Martin", "OpenAI")}, _sides(x)


def test_a_group_that_sued_whose_lead_is_unknown_leads_with_the_first_it_names(extract):
    x = extract("On October 15, 2025, a group of musicians including David Woulard, Hamza Jilani and Michael Mell "
                "filed a class action in federal court against Uncharted Labs, Inc. (d/b/a Udio).")
    assert [c.plaintiffs[0] for c in x.cases] == ["David Woulard"], _sides(x)  # (Uncharted Labs is Udio)
    y = extract("Kadrey v. Meta Platforms, No. 3:23-cv-03417. Authors including Sarah Silverman and Richard Kadrey "
                "sued Meta in 2023.")
    assert [c.caption for c in y.cases] == ["Kadrey v. Meta Platforms"], _sides(y)  # the printed caption leads


def test_korean_broadcasters_suing_naver(extract):
    x = extract("SEOUL, Jan. 14 (Korea Bizwire) — South Korea’s three major terrestrial broadcasters—KBS, MBC, and "
                "SBS—have filed a lawsuit against tech giant Naver for unauthorized use of their news articles.")
    assert [(c.plaintiffs, c.defendants) for c in x.cases] == [(["KBS", "MBC", "SBS"], ["Naver"])], _sides(x)


def test_the_number_a_title_prints_after_its_caption_is_the_case_s(extract):
    x = extract("[00:00:00] Speaker 04: May it please the court, Jesse Pannuccio, for appellants. The district court "
                "dismissed the programmers' claims against GitHub.", kind="transcript",
                title="Doe et al. v. GitHub, Inc. et al., No. 24-7700 — appellate oral argument transcript (opening)")
    assert [c.docket_numbers for c in x.cases][:1] == [["24-7700"]], _sides(x)  # (the appeal; its case below next)
    y = extract("Case 3:23-cv-04557-VC Document 59 Filed 03/07/24. T. et al v. OpenAI LP et al. Plaintiffs oppose.",
                kind="filing", title="T. et al v. OpenAI LP et al, 3:23-cv-04557, No. 59 (N.D.Cal. Mar. 7, 2024)")
    assert all("3:23-cv-04557" not in c.docket_numbers for c in y.cases), [c.docket_numbers for c in y.cases]


def test_a_suit_s_participle_the_parser_hung_on_the_noun_before_it(extract):
    x = extract("On September 18, the Seoul Central District Court’s Civil Division 63 (Presiding Judge Lee Gyu-yeong) "
                "held the first hearing in the damages case brought against Naver by KBS, MBC, and SBS.")
    assert [(c.plaintiffs, c.defendants) for c in x.cases] == [(["KBS", "MBC", "SBS"], ["Naver"])], _sides(x)


@pytest.mark.parametrize("text, caption", [
    ("Texas sued Google on Monday, accusing the company of unlawfully collecting biometric data.", "Texas v. Google"),
    ("Attorney General Russell Coleman announced today Kentucky is the first state in the nation to launch a lawsuit "
     "against an artificial intelligence chatbot company that has preyed on children. Filed in Franklin Circuit Court, "
     "the complaint alleges Character Technologies, its owners and its product Character.AI broke Kentucky law.",
     "Kentucky v. Character.AI"),
])
def test_a_state_that_sues_is_a_party_and_the_complaint_names_whom_it_sued(extract, text, caption):
    x = extract(text)
    assert caption in [c.caption for c in x.cases], _sides(x)


def test_a_place_is_no_party_where_it_is_the_subject_of_anything_but_a_suit(extract):
    x = extract("Texas passed a law on AI chatbots last year. OpenAI was sued by authors in New York.")
    assert not any("Texas" in n for c in x.cases for n in c.plaintiffs + c.defendants), _sides(x)


def test_the_regulator_s_complaint_says_what_the_defendant_did(extract):
    x = extract("The FTC announced that it reached a settlement with Rite Aid Corporation to resolve allegations. According "
                "to the FTC’s complaint, Rite Aid “used facial recognition technology in hundreds of its retail pharmacy "
                "locations.”")
    assert any(c.defendants == ["Rite Aid"] and "Federal Trade Commission" in c.plaintiffs for c in x.cases), _sides(x)


def test_who_defeated_a_lawsuit_by_someone_was_its_defendant(extract):
    x = extract("In May 2023, Ed Sheeran defeated a separate copyright lawsuit by Townsend's heirs in a jury trial.")
    assert any(c.caption == "Townsend v. Sheeran" for c in x.cases), _sides(x)


def test_a_company_s_name_without_its_legal_form_and_a_dateline_s_place(extract):
    x = extract("WACO, Texas (Legal Newsline) - Xockets, Inc. has received a favorable ruling in its legal battle. "
                "Xockets filed the lawsuit against NVIDIA Corporation, Microsoft Corporation and RPX Corporation on "
                "Sept. 5 and is seeking to enjoin the release of its systems, which it claims will exacerbate the "
                "infringement.")
    sides = _sides(x)
    assert any(c.plaintiffs == ["Xockets, Inc"] and "Nvidia" in c.defendants for c in x.cases), sides
    assert not any(n in ("Waco", "Texas") for c in x.cases for n in c.plaintiffs + c.defendants), sides


def test_a_model_s_name_a_company_named_before_begins_with_is_that_company(extract):
    x = extract("Cryptocurrency exchange Gemini Trust is to pay $50 million to settle claims by New York's attorney "
                "general. Gemini, operated by billionaire twins Cameron and Tyler Winklevoss, will agree to a ban, "
                "attorney general Letitia James said. In her October lawsuit against the firm James alleged the company "
                "had lied to investors.")
    assert "James v. Gemini Trust" in [c.caption for c in x.cases], _sides(x)


def test_the_suit_filed_by_someone_claims_the_defendant_failed(extract):
    x = extract("The suit, filed by Delray Beach, Florida, resident Harvey Sultzer in U.S. District Court in West Palm "
                "Beach, claims that Intuitive Surgical Inc. failed to warn his wife, Sandra Sultzer, of issues.")
    assert any(c.plaintiffs == ["Harvey Sultzer"] and c.defendants == ["Intuitive Surgical Inc"] for c in x.cases), _sides(x)


def test_a_suit_told_by_the_parent_company_s_name_is_the_caption_printed_by_its_subsidiary_s(extract):
    x = extract("On September 4, several businesses of Warner Bros. Discovery (WBD) filed a copyright lawsuit against "
                "Midjourney Inc. On September 5, the court filed a document that “this action is related to Warner Bros. "
                "Entertainment Co. v. Midjourney, Inc., Case No. 2:25-cv-08376.”")
    assert [c.caption for c in x.cases] == ["Warner Bros. Entertainment Co v. Midjourney, Inc"], _sides(x)


def test_suits_a_list_names_under_a_plural_suit_are_one_each_by_its_plaintiff(extract):
    x = extract("Utah sued Snap on Monday. It’s the latest attempt by Utah to target social media companies — the state "
                "has now filed four lawsuits against major social media companies, including similar complaints against "
                "Meta and TikTok.")
    captions = [c.caption for c in x.cases]
    assert "Utah v. Meta" in captions and "Utah v. TikTok" in captions, _sides(x)
    assert not any(c.relations for c in x.cases), _sides(x)


def test_a_name_ending_in_ai_is_a_company(extract):
    x = extract("CanLII sued Caseway AI in the Supreme Court of British Columbia.")
    assert any(p.name == "Caseway AI" and p.kind == "company" for p in x.parties), [(p.name, p.kind) for p in x.parties]


@pytest.mark.parametrize("text", [
    "Among these cases, actress and author Sarah Silverman sued Meta in 2023, alleging that her books were improperly "
    "used to train AI models. Similarly, in October 2024, novelist Christopher Farnsworth initiated a lawsuit with "
    "similar claims.",
    "In the United States, Meta is already a defendant in several high-profile cases:\n- A 2023 lawsuit led by actress "
    "and author Sarah Silverman, which alleges Meta misused copyrighted books to train its LLaMA models.\n- A similar "
    "case filed by American writer Christopher Farnsworth in October 2024.",
])
def test_a_similar_suit_is_against_the_one_the_suit_before_sued(extract, text):
    captions = [c.caption for c in extract(text).cases]
    assert "Silverman v. Meta" in captions and "Farnsworth v. Meta" in captions, captions


def test_a_similar_suit_is_not_joined_to_a_different_suit_two_sentences_up(extract):
    x = extract("Judge Martinez-Olguin dismissed the case, citing concerns raised by another judge in a similar lawsuit "
                "involving OpenAI and Microsoft. Last month, Judge Vince Chhabria criticized the OpenAI complaint. Judge "
                "Martinez-Olguin advised the plaintiffs against Google to refine and focus their complaint.")
    assert not any(c.defendants == ["Google"] and "OpenAI" in c.plaintiffs for c in x.cases), _sides(x)


def test_publications_owned_by_companies_that_have_sued_are_the_plaintiffs_not_their_owners(extract):
    x = extract("The Chicago Tribune Company has joined the parade of publishers suing Perplexity AI, Inc. The Chicago "
                "Tribune is part of “a coalition of 17 news publications owned or operated by MediaNews Group and "
                "Tribune Publishing that have sued OpenAI and Microsoft.”")
    sides = _sides(x)
    assert any(c.defendants[:1] == ["OpenAI"] and c.plaintiffs == ["Chicago Tribune"] for c in x.cases), sides
    assert not any("MediaNews Group" in c.plaintiffs and "OpenAI" in c.defendants for c in x.cases), sides


@pytest.mark.parametrize("text, caption", [
    ("A class-action lawsuit has been filed in British Columbia against Apple Inc. and Apple Canada. Travis Paivarinta, "
     "who bought an iPhone 16 Pro Max on March 5, 2024, is named as the representative plaintiff in the case.",
     "Paivarinta v. Apple"),
    ("Apple shareholders have filed a new class action securities fraud case against the company over the delays. Eric "
     "Tucker, one of Apple's shareholders and lead plaintiffs in the case, claimed that Apple led the public to "
     "believe that AI would be a key driver.", "Tucker v. Apple"),
])
def test_a_name_the_text_calls_the_suit_s_plaintiff_completes_a_suit_told_without_one(extract, text, caption):
    x = extract(text)
    assert caption in [c.caption for c in x.cases], _sides(x)
    assert not any(c.plaintiffs == ["Apple"] for c in x.cases), _sides(x)


def test_the_person_a_suit_described_without_a_name_is_its_defendant_when_named(extract):
    x = extract("Scale AI, a company that helps tech companies prepare data to train AI models, has filed a lawsuit against "
                "one of its former sales employees and its rival, Mercor. The suit alleges the employee, Eugene Ling, who "
                "was hired by Mercor, stole more than one hundred confidential documents.\nScale is suing Mercor for "
                "misappropriation of trade secrets and is suing Ling for breach of contract.")
    assert [(c.caption, c.defendants) for c in x.cases] == [("Scale AI v. Mercor", ["Mercor", "Eugene Ling"])], _sides(x)


def test_the_lawsuit_the_printed_caption_s_plaintiff_filed_is_that_case(extract):
    x = extract("U.S. District Judge Yvonne Gonzalez Rogers granted OpenAI's motion for summary judgment Monday. OpenAI "
                "filed the lawsuit in 2023 accusing Ravine of fraudulently registering the near identical trademark. "
                "OpenAI, Inc. v. Open Artificial Intelligence, Inc. et al., 4:23-cv-03918 (N.D. Cal. filed Aug. 4, 2023).")
    assert [c.caption for c in x.cases] == ["OpenAI, Inc v. Open Artificial Intelligence, Inc"], _sides(x)


def test_a_suit_a_sentence_about_the_text_s_own_complaint_names_is_another_case(extract):
    x = extract("Disney v. MiniMax: the suit, filed in the district court in California on Tuesday, claims MiniMax used "
                "the studios' characters. The new complaint comes after a case filed by Disney and Universal against "
                "Midjourney in June for offering a copyright-infringing service.")
    assert "Disney v. Midjourney" in [c.caption for c in x.cases], _sides(x)


def test_a_noun_the_tagger_took_for_a_verb_does_not_end_the_suit_s_against(extract):
    x = extract("The ChatGPT developer suffered a defeat in the lawsuit brought by the music rights exploiter GEMA against "
                "OpenAI.")
    assert "GEMA v. OpenAI" in [c.caption for c in x.cases], _sides(x)
