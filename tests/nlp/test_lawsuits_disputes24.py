"""A legal dispute "between" two named sides is a suit of those sides (session 16; real sentence shapes)."""


def _sides(x):
    return [(c.caption, c.plaintiffs, c.defendants) for c in x.cases]


def test_a_legal_fight_between_two_named_sides_with_a_bracket_between_them_is_their_suit(extract):
    # the parser hangs "and Tesla" on the verb when a bracket comes between the two sides
    x = extract("A legal fight between Alcon Entertainment (the company behind Blade Runner 2049) and Tesla took a big "
                "step this week. U.S. District Judge George Wu dismissed the trademark part of the lawsuit but kept "
                "some of the copyright claims going.", title="Tesla wins part of lawsuit over AI images", kind="news")
    assert _sides(x) == [("Alcon Entertainment v. Tesla", ["Alcon Entertainment"], ["Tesla"])], _sides(x)
    assert x.cases[0].judge == "George Wu"


def test_a_legal_battle_between_two_sides_the_parser_coordinates(extract):
    x = extract("The copyright battle between Getty Images and Stability AI continues. Both sides filed new papers "
                "this week.", title="", kind="news")
    assert _sides(x) == [("Getty Images v. Stability AI", ["Getty Images"], ["Stability AI"])], _sides(x)


def test_a_rivalry_between_two_companies_that_no_legal_word_or_court_marks_is_no_suit(extract):
    x = extract("The fight between Apple and Epic Games for market share goes on. Both launched new stores this year.",
                title="", kind="news")
    assert x.cases == []
