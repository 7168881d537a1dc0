"""Quote spans (no model) and their speakers (full model)."""
from ingest.nlp.quotes import spans


def _texts(text):
    return [text[a:b] for a, b in spans(text)]


def test_spans_straight_curly_single_and_multi_paragraph():
    text = ('He said "partly." Then: “It is standard practice.” The firm called it ‘a widely used method’ today.\n'
            '“We remain concerned.\n“We urge governments to act.”')
    assert _texts(text) == ["partly.", "It is standard practice.", "a widely used method", "We remain concerned.",
                            "We urge governments to act."]


def test_apostrophes_are_not_quotes():
    assert _texts("Musk’s lawyers and the companies' claims were 'partly' heard.") == []


def _quotes(extract, text, **kw):
    return [(q.speaker, q.text) for q in extract(text, **kw).quotes]


def test_speaker_before_after_and_pronoun(extract):
    got = _quotes(extract, "Elon Musk testified on Thursday. “It is standard practice to use other AIs to validate your "
                           "AI,” he said. Sam Altman disagreed: “That is not true.”")
    assert got == [("Elon Musk", "It is standard practice to use other AIs to validate your AI"),
                   ("Sam Altman", "That is not true.")]


def test_partial_one_word_quote(extract):
    got = _quotes(extract, "Pressed about whether xAI had distilled OpenAI’s technology, Musk answered “partly.”")
    assert got == [("Elon Musk", "partly.")]


def test_written_sources(extract):
    got = _quotes(extract, "Reddit sued Anthropic on Wednesday. “Anthropic refuses to respect Reddit’s guardrails,” the "
                           "complaint states. Anthropic’s blog post notes: “Distillation is a widely used and legitimate "
                           "training method.” An OpenAI spokesperson said the models “empower innovation.”")
    assert ("Reddit", "Anthropic refuses to respect Reddit’s guardrails") in got
    assert ("Anthropic", "Distillation is a widely used and legitimate training method.") in got
    assert ("OpenAI", "empower innovation.") in got


def test_scare_quotes_and_defined_terms_are_not_quotes(extract):
    got = _quotes(extract, "A larger model serves as a “teacher” to a smaller “student” model. Google blocks what it "
                           "calls “distillation attacks.” Plaintiffs Paul Tremblay and Sarah Silverman (collectively, "
                           "“Plaintiffs”) hold copyrights in “A Game of Thrones” and other books.")
    assert got == []


def test_according_to_an_unnamed_source_has_no_speaker(extract):
    got = _quotes(extract, "The ruling will “frustrate many in the creative industries”, according to a legal expert.")
    assert got == [(None, "frustrate many in the creative industries")]


def test_a_curly_quote_closed_by_a_straight_mark(extract):
    # Republic World on xAI v. Apple and OpenAI
    x = extract("“This latest filing is consistent with Mr. Musk’s ongoing pattern of harassment,\" an OpenAI "
                "spokesperson said in a statement.")
    assert [(q.text[:22], q.speaker) for q in x.quotes] == [("This latest filing is ", "OpenAI")]


def test_the_story_quoted_is_the_outlet_named_before(extract):
    # 404 Media quoting Bloomberg
    x = extract("Here is how the Bloomberg article begins. The story goes on to say that “Such activity could "
                "violate OpenAI’s terms of service, the people said.”")
    assert [q.speaker for q in x.quotes] == ["Bloomberg"]


def test_the_honourable_judge_and_a_word_that_is_only_mentioned(extract):
    x = extract("“To survive a motion to dismiss, a complaint must contain sufficient factual matter,” said the Hon. "
                "Sidney H. Stein, US District Judge for this case. When lawyers pressed whether this meant \"yes,\" "
                "Musk replied briefly: \"partially.\"")
    quotes = [(q.text.split()[0].strip(".,"), q.speaker) for q in x.quotes]
    assert quotes[0] == ("To", "Sidney Stein") or quotes[0][1].endswith("Stein")
    assert ("yes", "Elon Musk") not in quotes and ("partially", "Elon Musk") in quotes


def test_the_speaker_after_the_quote_not_a_subject_inside_it(extract):
    # GlobalNews4U (The Verge) on Reddit v. Perplexity: the parser gives "writes" a subject from inside the quote
    x = extract("Reddit sued Perplexity in New York.\n\n“The only way that Perplexity could have obtained that Reddit "
                "content and then used it in its ‘answer engine’ is if it and/or its Co-Defendants scraped Google SERPs "
                "for that Reddit content and Perplexity then quickly incorporated that data into its answer engine,” "
                "Reddit writes.")
    assert [q.speaker for q in x.quotes] == ["Reddit"]


def test_the_company_says_means_the_company_quoted_so_far(extract):
    x = extract("Reddit sued Perplexity in New York, saying it “will apparently do anything to get the Reddit data”, "
                "Reddit said.\n\nReddit also created a post that could only be crawled by Google, and “within hours,” "
                "Perplexity “produced the contents” of that post, the company says.")
    assert [q.speaker for q in x.quotes][-2:] == ["Reddit", "Reddit"]


def test_the_publishers_are_the_group_that_sued_not_the_group_named_last(extract):
    # Billboard on Concord v. Anthropic: "the publishers" / "the music companies" after "against Suno and Udio"
    x = extract("UMG, Concord Music Group, ABKCO and other music companies sued Anthropic in 2023. The case was later "
                "overshadowed by larger litigation filed by all three major music companies against Suno and Udio.\n"
                "“To be clear, this case is not a referendum on AI technology,” lawyers for the music companies write.")
    assert x.quotes and x.quotes[0].speaker not in ("Suno", "Udio")


def test_a_word_mentioned_inside_a_clause_is_no_quote_even_beside_a_speaker(extract):
    got = _quotes(extract, "Asked whether the deal meant “surrender,” Altman replied: “No.” He added nothing.")
    assert [t for _, t in got if t.lower().startswith("surrender")] == [], got


def test_a_word_no_one_says_in_its_sentence_is_a_term_not_a_quote(extract):
    got = _quotes(extract, "Frontier labs have grown concerned about third parties “distilling” their models. "
                           "Musk testified that xAI had “partly” done so.")
    assert [t for _, t in got if t.startswith("distilling")] == [], got
    assert [s for s, t in got if t.startswith("partly")] == ["Elon Musk"], got
