"""The error analysis tool compares like the scorer and sorts each difference into its kind."""
from ingest.nlp.errors import compare


def test_compare_sorts_differences_by_kind():
    gold = {"parties": [{"name": "Authors Guild", "role": "plaintiff"}, {"name": "OpenAI", "role": "defendant"}],
            "quotes": [{"speaker": "OpenAI", "text_start": "We respect the rights of writers"},
                       {"speaker": "Authors Guild", "text_start": "flagrant and harmful infringements"}],
            "case_captions": ["Authors Guild v. OpenAI"], "docket_numbers": ["1:23-cv-08292"],
            "distillation_allegations": [], "is_ai_litigation": True}
    pred = {"parties": [{"name": "OpenAI Inc.", "role": "plaintiff"}, {"name": "Susman Godfrey", "role": "other"}],
            "quotes": [{"speaker": "Microsoft", "text": "We respect the rights of writers and authors"},
                       {"speaker": None, "text": "a scare quote"}],
            "case_captions": ["Authors Guild v. OpenAI Inc."], "docket_numbers": ["1:23-cv-08292"],
            "distillation_allegations": [{"accuser": None, "accused": "Anthropic", "teacher": None}],
            "is_ai_litigation": False}
    kinds = sorted(k for k, _ in compare(gold, pred))
    assert kinds == ["allegation spurious", "is_ai_litigation wrong", "party missed", "party role",
                     "party spurious", "quote missed", "quote speaker wrong", "quote spurious"]
