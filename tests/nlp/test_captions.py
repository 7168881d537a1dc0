from ingest.nlp import captions


def test_docket_numbers_as_printed():
    text = ("Case No. 4:24-cv-04722-YGR and 1:23-cv-11195 (S.D.N.Y.); C.A. No. 1:20-cv-613-SB; "
            "Case No. 23-cv-03417-VC (TSH); No. C 24-05417 WHA; 23 Civ. 5670 (NRB); No. 1:2023cv05670.")
    assert [d for d, _, _ in captions.dockets(text)] == [
        "4:24-cv-04722-YGR", "1:23-cv-11195", "1:20-cv-613-SB", "23-cv-03417-VC", "C 24-05417 WHA", "23 Civ. 5670",
        "1:2023cv05670"]


def test_courts_are_normalised():
    assert captions.court("in the U.S. District Court for the Northern District of California") == "N.D. Cal."
    assert captions.court("a federal court in Manhattan") == "S.D.N.Y."
    assert captions.court("before the High Court in London") == "EWHC"
    assert captions.court("the Delhi High Court, then the Ninth Circuit") == "Delhi H.C."
    assert captions.court("nothing about courts here") is None


def test_printed_captions():
    text = ("The case is Dow Jones & Co v. Perplexity AI Inc, U.S. District Court. "
            "In The New York Times Co. v. Microsoft Corp., the judge ruled. Kadrey, et al. v. Meta Platforms Inc. "
            "See Manzarek v. St. Paul Fire & Marine Ins. Co., 519 F.3d 1025, 1031 (9th Cir. 2008). "
            "In re OpenAI Copyright Infringement Litigation was consolidated.")
    found = [(l.rstrip("."), r.rstrip(".")) for l, r, _, _ in captions.explicit(text)]
    assert ("Dow Jones & Co", "Perplexity AI Inc") in found
    assert ("New York Times Co", "Microsoft Corp") in found
    assert ("Kadrey", "Meta Platforms Inc") in found
    assert not any(l.startswith("Manzarek") for l, _ in found), "a precedent cited is not a case of the text"
    assert ("In re OpenAI Copyright Infringement Litigation", "") in found


def test_caption_block_of_a_court_paper():
    text = ("UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF CALIFORNIA PAUL TREMBLAY, et al., Plaintiffs, "
            "v. OPENAI, INC., et al., Defendants. ORDER GRANTING IN PART")
    [(plaintiffs, defendants, _, _)] = captions.blocks(text)
    assert plaintiffs == ["Paul Tremblay"]
    assert defendants == ["Openai, INC."] or defendants[0].lower().startswith("openai")


def test_role_lists():
    text = ("Plaintiffs Paul Tremblay, Sarah Silverman, Christopher Golden, and Richard Kadrey (collectively, "
            "“Plaintiffs”) hold copyrights. Plaintiff Mona Awad voluntarily dismissed her claims.")
    got = {(n, r) for n, r, _, _ in captions.role_lists(text)}
    assert {("Paul Tremblay", "plaintiff"), ("Sarah Silverman", "plaintiff"), ("Richard Kadrey", "plaintiff"),
            ("Mona Awad", "plaintiff")} <= got


def test_against_caption_block_of_sdny():
    # dev 037 (Olivet University v. Newsweek, S.D.N.Y. 2024): "- against -" instead of "v."
    text = ("UNITED STATES DISTRICT COURT SOUTHERN DISTRICT OF NEW YORK ------------------------------------X "
            "OLIVET UNIVERSITY, Plaintiff, MEMORANDUM AND ORDER - against - 23 Civ. 5670 (NRB) NEWSWEEK DIGITAL LLC, "
            "NEWSWEEK LLC, NEWSWEEK MAGAZINE LLC, NW MEDIA HOLDINGS CORP., and NAVEED JAMALI, Defendants. "
            "------------------------------------X")
    [(plaintiffs, defendants, _, _)] = captions.blocks(text)
    assert plaintiffs == ["Olivet University"]
    assert defendants == ["Newsweek Digital LLC", "Newsweek LLC", "Newsweek Magazine LLC", "NW Media Holdings Corp.",
                          "Naveed Jamali"]


def test_counsel_lists_are_not_parties():
    # dev 028 (Thomson Reuters v. Ross, D. Del.): the names after "Counsel for Plaintiffs" are the next lawyers
    text = ("Dale M. Cendali, KIRKLAND & ELLIS LLP, New York, New York. Counsel for Plaintiffs David E. Moore, "
            "Bindu A. Palapura, POTTER ANDERSON & CORROON LLP, Wilmington, Delaware. Counsel for Defendant "
            "MEMORANDUM OPINION September 25, 2023 BIBAS, Circuit Judge, sitting by designation.")
    assert captions.role_lists(text) == []


def test_judge_initials_after_a_docket_are_not_a_caption():
    text = "WEST PUBLISHING CORP., Plaintiffs, No. 1:20-cv-613-SB v. ROSS INTELLIGENCE INC., Defendant."
    assert [left for left, _, _, _ in captions.explicit(text)] == []


def test_cited_precedents_and_order_titles_are_no_parties():
    # Kadrey v. Meta Platforms, Inc., order of June 27, 2025 (N.D. Cal. 3:23-cv-03417-VC)
    text = ("UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF CALIFORNIA RICHARD KADREY, et al., Case No. "
            "23-cv-03417-VC Plaintiffs, ORDER GRANTING META'S\n\nv. MOTION FOR PARTIAL SUMMARY JUDGMENT AS TO THE "
            "META PLATFORMS, INC., PLAINTIFFS' DMCA CLAIM Defendant. Re: Dkt. No. 501\n\nA fair use “is not an "
            "infringement of copyright.” 17 U.S.C. § 107; see also Lenz v. Universal Music Corp. , 815 F.3d 1145, "
            "1152–53 (9th Cir. 2016).")
    [(plaintiffs, defendants, _, _)] = captions.blocks(text)
    assert plaintiffs == ["Richard Kadrey"] and defendants == ["Meta Platforms Inc."]
    assert not any(left.startswith("Lenz") for left, _, _, _ in captions.explicit(text))


def test_caption_sides_that_are_headline_words_or_a_group_name_no_party():
    assert captions.party_side("Goliath Battle") is None, "'A David v. Goliath Battle' is a figure of speech"
    assert captions.party_side("Lawsuit Allegations Otter.ai’s") is None
    assert captions.party_side("Company Disclosure") is None
    assert captions.party_side("Groups Sue") is None, "a headline's verb run into a name"
    assert captions.party_side("Independent Musicians") is None, "a group of unnamed people"
    assert captions.party_side("Authors Guild") == "Authors Guild"
    assert captions.party_side("Concord Music Group") == "Concord Music Group"


def test_a_caption_in_quotes_after_a_description_begins_at_its_quote():
    text = 'The German consumer rights organisation "Verbraucherzentrale NRW v. Meta" was dismissed in Cologne.'
    assert [(left, right) for left, right, _, _ in captions.explicit(text)] == [("Verbraucherzentrale NRW", "Meta")]


def test_a_listed_cases_number_ends_the_case_before_the_next_caption():
    text = ("Before the Court are two complaints in Tremblay et al v. OpenAI, Inc. et al, 23-cv-3223 and Silverman et "
            "al v. OpenAI, Inc. et al, 23-cv-3416. Plaintiffs are authors.")
    found = [(left, right, text[start:end]) for left, right, start, end in captions.explicit(text, "")]
    assert found == [("Tremblay", "OpenAI, Inc", "Tremblay et al v. OpenAI, Inc. et al"),
                     ("Silverman", "OpenAI, Inc", "Silverman et al v. OpenAI, Inc. et al")], found
