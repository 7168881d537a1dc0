"""Case statements learned from batch22 (session 14)."""
from casetracker.statements import docket_year


def test_the_filing_year_a_massachusetts_or_an_indian_suit_number_gives():
    assert docket_year(["19-12551-FDS"]) == 2019  # the District of Massachusetts prints no "cv"
    assert docket_year(["CS(COMM) 389/2024"]) == 2024  # India: the suit's number within its year
    assert docket_year(["W.P.(C) 123/2022"]) == 2022
    assert docket_year(["24-1963"]) is None  # an appeal's number
    assert docket_year(["2024-0123-LWW"]) is None  # Delaware's Chancery: not a district court's number
    assert docket_year(["C-250/25", "UKSC/2024/0131", "IL-2023-000007"]) is None
