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
