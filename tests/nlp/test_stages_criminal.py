"""A criminal verdict (session 15, learned from batch23's United States v. Ding): a conviction is the prosecution's
judgment and an acquittal the defendant's, the verdict ending the trial; a thing's owner ("to his computer") is not
whom a verdict is for. Texts written for the tests."""
from datetime import date


def _steps(extract, text, **kw):
    return {(e.stage, e.status) for e in extract(text, **kw).events if e.stage or e.status}


def test_a_conviction_is_the_prosecutions_judgment(extract):
    text = ("A former Lumen Labs researcher was convicted Tuesday of stealing the company's model weights. A federal jury "
            "in Boston found Dana Whitlock guilty on all five counts.")
    steps = _steps(extract, text, published=date(2025, 3, 6), title="Ex-researcher guilty of stealing AI weights")
    assert ("trial", "judgment_plaintiff") in steps
    assert not any(status == "judgment_defendant" for _, status in steps)


def test_an_acquittal_is_the_defendants_judgment(extract):
    text = "A jury in Concord found Dana Whitlock not guilty of voter suppression over the AI-generated robocalls."
    steps = _steps(extract, text, published=date(2025, 6, 14), title="Robocall consultant acquitted")
    assert ("trial", "judgment_defendant") in steps
    assert not any(status == "judgment_plaintiff" for _, status in steps)


def test_a_things_owner_is_not_whom_the_verdict_is_for(extract):
    text = ("The verdict caps off a two-week criminal trial in which prosecutors said Dana Whitlock copied the files "
            "and uploaded them to his personal computer.")
    steps = _steps(extract, text, published=date(2025, 3, 6), title="United States v. Whitlock")
    assert not any(status == "judgment_defendant" for _, status in steps)
