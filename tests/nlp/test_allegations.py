"""Distillation allegations from their many phrasings (full model)."""


def _alleg(extract, text):
    return {(a.accuser, a.accused, a.teacher, a.status) for a in extract(text).allegations}


def test_admission_by_the_accused(extract):
    got = _alleg(extract, "Elon Musk testified in a California federal court that xAI used OpenAI models to train its "
                          "Grok chatbot.")
    assert got == {(None, "xAI", "OpenAI", "admitted")}
    x = extract("Elon Musk testified in a California federal court that xAI used OpenAI models to train its Grok chatbot.")
    assert x.allegations[0].student == "Grok"


def test_accused_of_distilling_and_named(extract):
    got = _alleg(extract, "Anthropic accused DeepSeek, Moonshot and MiniMax of distilling Claude through fraudulent "
                          "accounts.")
    assert {(a[0], a[1], a[2]) for a in got} == {("Anthropic", "DeepSeek", "Claude"), ("Anthropic", "Moonshot", "Claude"),
                                                 ("Anthropic", "MiniMax", "Claude")}
    got = _alleg(extract, "Distillation is widely debated. Anthropic published a blog post naming DeepSeek, Moonshot, and "
                          "MiniMax as violators.")
    assert {a[1] for a in got} == {"DeepSeek", "Moonshot", "MiniMax"}


def test_claims_with_evidence(extract):
    got = _alleg(extract, "OpenAI says it has found evidence that DeepSeek used its models to train a competitor through "
                          "distillation.")
    assert {(a[1], a[2], a[3]) for a in got} == {("DeepSeek", "OpenAI", "alleged")}


def test_generic_talk_and_unnamed_accused_give_nothing(extract):
    assert _alleg(extract, "Distillation is a common practice in which a larger model teaches a smaller one.") == set()
    assert _alleg(extract, "Google disrupted an attempt by unnamed attackers to distill Gemini.") == set()
    assert _alleg(extract, "OpenAI and Anthropic have warned about third parties using their model outputs to train "
                           "competing systems.") == set()


def test_trade_secret_theft_is_not_distillation(extract):
    assert _alleg(extract, "xAI sued OpenAI, accusing the ChatGPT maker of stealing trade secrets related to Grok.") == set()


def test_bulleted_summary_line(extract):
    # dev 026 (AI Weekly): a list bullet must not swallow the verb
    text = ("TL;DR\n\n  • Anthropic accuses DeepSeek, Moonshot, and MiniMax of distilling Claude through roughly "
            "24,000 fraudulent accounts and more than 16 million exchanges.\n  • MiniMax drove about 13 million of "
            "those exchanges.")
    found = {(a.accuser, a.accused, a.teacher) for a in extract(text).allegations}
    assert found == {("Anthropic", "DeepSeek", "Claude"), ("Anthropic", "Moonshot", "Claude"),
                     ("Anthropic", "MiniMax", "Claude")}


def test_the_us_company_is_not_the_chinese_startup(extract):
    # dev 024 (OODA Loop / FT): "the US company's models" are OpenAI's, not DeepSeek's
    found = _alleg(extract, "OpenAI says it has found evidence that Chinese artificial intelligence start-up DeepSeek "
                            "used the US company’s proprietary models to train its own open-source competitor.")
    assert ("OpenAI", "DeepSeek", "OpenAI", "alleged") in found


def test_evidence_suggested_by_an_official(extract):
    # dev 025 (Times of India): a turned comma typed as the apostrophe, and "evidence that ..." under "suggesting"
    x = extract("OpenAI, the creator of ChatGPT, claims to have evidence that Chinese artificial intelligence startup "
                "DeepSeek used OpenAI‘s proprietary models to train its competing AI system.\nDavid Sacks, the White "
                "House AI advisor, addressed the situation on Fox News, suggesting there was “substantial evidence” "
                "that DeepSeek had extracted knowledge from OpenAI’s models, though he did not provide specific details.")
    found = {(a.accuser, a.accused, a.teacher) for a in x.allegations}
    assert found == {("OpenAI", "DeepSeek", "OpenAI"), ("David Sacks", "DeepSeek", "OpenAI")}


def test_a_campaign_about_distillation_accuses_nobody_of_it(extract):
    # dev 040 (The LGTM): the campaigners are not the accused
    found = _alleg(extract, "For the past two years, OpenAI, Anthropic, and Google have been running a coordinated "
                            "public campaign framing distillation — particularly by Chinese AI labs — as an "
                            "existential threat to American AI competitiveness.")
    assert found == set()


def test_accused_of_training_on_a_misparsed_object(extract):
    # Semafor: the parser makes "startup" a verb; "accused <names> of" still names the accused
    x = extract("OpenAI accused Chinese startup DeepSeek of training its new chatbot on the ChatGPT maker’s proprietary "
                "models, reports said.\n\nThe US company told the Financial Times it had seen evidence of “distillation”.")
    assert {(a.accuser, a.accused, a.teacher) for a in x.allegations} == {("OpenAI", "DeepSeek", "OpenAI")}


def test_the_one_named_model_of_the_accuser_is_the_teacher(extract):
    # Financial Express on Anthropic's report
    x = extract("Anthropic has accused DeepSeek, Moonshot AI and MiniMax of running distillation campaigns.\n\n"
                "Anthropic stated that these operations targeted Claude’s strongest differentiators.")
    assert {(a.accused, a.teacher) for a in x.allegations} == {("DeepSeek", "Claude"), ("Moonshot", "Claude"),
                                                               ("MiniMax", "Claude")}


def test_suggests_trained_on_outputs(extract):
    got = _alleg(extract, "Researchers said the analysis suggests DeepSeek-R1 was trained on OpenAI's outputs.")
    assert {(a[1], a[2]) for a in got} == {("DeepSeek", "OpenAI")}  # the model's owner is the accused


def test_evidence_that_x_distilled_and_an_unnamed_accuser(extract):
    assert ("Anthropic", "DeepSeek", "Claude", "alleged") in _alleg(
        extract, "Anthropic said it had found evidence that DeepSeek distilled Claude.")
    assert _alleg(extract, "A person familiar with the matter said DeepSeek distilled OpenAI's models.") == {
        (None, "DeepSeek", "OpenAI", "alleged")}


def test_a_denial_by_the_accused_keeps_the_accuser(extract):
    got = _alleg(extract, "OpenAI accused DeepSeek of distilling its models. DeepSeek denied it in a paper published "
                          "on Monday.")
    assert got == {("OpenAI", "DeepSeek", "OpenAI", "denied")}


def test_the_accuser_only_in_the_headline(extract):
    x = extract("The lab's models were trained on the outputs of ChatGPT, according to a memo. DeepSeek used "
                "distillation to build R1, the memo says.", title="OpenAI accuses DeepSeek of distillation")
    assert {(a.accuser, a.accused) for a in x.allegations} == {("OpenAI", "DeepSeek")}


def test_word_traps_and_other_charges(extract):
    assert _alleg(extract, "The SEC charged DeepSeek with securities fraud.") == set()
    assert _alleg(extract, "The distillery in Kentucky produces distilled spirits, and Jim Beam said sales rose.") == set()
    assert _alleg(extract, "Fractional distillation separates crude oil; Exxon runs the largest plant.") == set()


def test_a_reported_denial_and_an_admission_through_a_pronoun(extract):
    got = _alleg(extract, "Anthropic says DeepSeek distilled Claude. DeepSeek said the allegations were false and "
                          "denied distilling Anthropic's models.")
    assert got == {("Anthropic", "DeepSeek", "Claude", "denied")}
    got = _alleg(extract, "Moonshot admitted that it distilled Claude, Anthropic said.")
    assert {(a[1], a[2], a[3]) for a in got} == {("Moonshot", "Claude", "admitted")}


def test_an_accuser_speaking_for_a_company(extract):
    got = _alleg(extract, "OpenAI CEO Sam Altman accused DeepSeek of distilling OpenAI's models.")
    assert {(a[0], a[1]) for a in got} == {("OpenAI", "DeepSeek")}


def test_a_court_finding_is_ruled(extract):
    # the parser hangs "xAI" on the auxiliary "had"
    got = _alleg(extract, "A federal judge ruled that xAI had distilled OpenAI's models to build Grok.")
    assert got == {(None, "xAI", "OpenAI", "ruled")}


def test_according_to_names_the_accuser_and_a_by_phrase_the_actor(extract):
    assert _alleg(extract, "According to Anthropic, MiniMax ran a distillation campaign against Claude.") == {
        ("Anthropic", "MiniMax", "Claude", "alleged")}
    got = _alleg(extract, "Google said it detected a campaign by DeepSeek to extract capabilities from Gemini.")
    assert {(a[1], a[2]) for a in got} == {("DeepSeek", "Gemini")}


def test_generic_accused_gives_nothing(extract):
    assert _alleg(extract, "Chinese labs have distilled Claude at scale, Anthropic said.") == set()
