"""Distillation allegations: who says (accuser) that whom (accused) trained on whose model outputs
(teacher) to build which model (student), and whether it is alleged, admitted, denied or ruled.

Rules propose, small learned decisions dispose (ingest/nlp/learn.py):
1. Cues. A token Matcher over patterns/allegations.jsonl (role "distillation_cue": "distilled", "trained on
   ... outputs", "extracted capabilities", ...), minus word traps (role "distillation_trap": "distilled
   spirits", "fractional distillation"; "distillery" is no cue at all) marks the sentences worth reading,
   and the headline (doc._.ct_title, tokenised, no parse).
2. Frames. A DependencyMatcher over patterns/allegations_frames.jsonl finds the verbs: an act ("DeepSeek
   distilled Claude", "R1 was trained on OpenAI's outputs") gives the accused (its subject) and the teacher
   (a model or company in its object); the verb governing it gives the accuser and the status (accuse/
   claim/say -> alleged, admit/testify -> admitted, deny -> denied, a court finding -> ruled); an accusation
   verb with named objects ("accused DeepSeek, Moonshot and MiniMax of distilling") gives accuser and
   accused directly. Accusation verbs and distillation cues are separate roles: an accusation verb never
   makes an allegation without a distillation cue in its sentence or next to it ("The SEC charged DeepSeek
   with securities fraud" gives nothing).
3. Candidates and the learned decision "allegation": every named organisation of a cue sentence (a model
   stands for its owner: the accused's own model is never the accused) and of the headline's frame is a
   candidate; the frames' verdict is its default and a feature, beside parse features (its dependency
   role, the verb classes around it, whether it owns the models named, ...). An accepted candidate with no
   frame gets its accuser and teacher from the sentence.
4. Canonical facts: one allegation per (accuser, accused company, teacher company), the models named kept
   as attributes (teacher "Claude", "its models" and "Anthropic" are one fact); an accuser named only in
   the headline fills a body allegation's missing accuser; a denial or an admission by the accused is the
   same allegation with that status, keeping the accuser. The status is the learned decision
   "allegation_status" over the evidence of all the sentences of the fact.
Generic targets ("Chinese firms", "third parties") name no one and give nothing; so does talk about
distillation in general, and an accusation of trade-secret or data theft that is not distillation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import spacy
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span

from ingest.nlp import layout, learn, rules
from ingest.nlp.goldmatch import name_match as _name_match
from ingest.nlp.mentions import Mention, covering
from ingest.nlp.types import AllegationX, Evidence, ALLEGATION_STATUSES

FILE = "allegations"
FRAMES = "allegations_frames"


@lru_cache(maxsize=None)
def lex(role: str) -> frozenset:
    """The words of one role of patterns/allegations.jsonl (lemmas and texts, lower-cased)."""
    return rules.lexicon(FILE, role, "lemma") | rules.lexicon(FILE, role, "text")


def _expand(value):
    """{"IN": ["@role", ...]} in a frame stands for the lexicon of that role."""
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, str) and value.startswith("@"):
        return sorted(lex(value[1:]))
    if isinstance(value, list):
        out = []
        for v in value:
            if isinstance(v, str) and v.startswith("@"):
                out += sorted(lex(v[1:]))
            else:
                out.append(_expand(v))
        return out
    return value


@lru_cache(maxsize=8)
def frame_matcher(vocab) -> tuple[DependencyMatcher, dict]:
    """The DependencyMatcher of the frames, and for each match id (role, [node names])."""
    dm = DependencyMatcher(vocab, validate=True)
    info = {}
    for e in rules.entries(FRAMES):
        nodes = [{k: (_expand(v) if k == "RIGHT_ATTRS" else v) for k, v in node.items()} for node in e["dep"]]
        dm.add(e["id"], [nodes])
        info[vocab.strings[e["id"]]] = (e["role"], e["id"], [n["RIGHT_ID"] for n in e["dep"]])
    return dm, info


def _frame_matches(doc) -> list:
    """The DependencyMatcher's matches over the Doc, once per Doc."""
    key = ("casetracker_allegation_frames", len(doc))
    if key not in doc.user_data:
        doc.user_data[key] = frame_matcher(doc.vocab)[0](doc)
    return doc.user_data[key]


def cue_spans(doc) -> list[tuple[int, int, str]]:
    """(start, end, label) of the distillation cues of a Doc, those inside a word trap removed; matched once per
    Doc (kept in doc.user_data: the component asks for them more than once)."""
    key = ("casetracker.allegations", "cue_spans")
    cached = doc.user_data.get(key)
    if cached is not None:
        return list(cached)
    cues = rules.matcher(doc.vocab, FILE, "distillation_cue")(doc)
    traps = [(s, e) for _, s, e in rules.matcher(doc.vocab, FILE, "distillation_trap")(doc)]
    out, seen = [], set()
    for mid, s, e in sorted(cues, key=lambda x: (x[1], -x[2])):
        if (s, e) in seen:
            continue
        seen.add((s, e))
        if any(ts < e and s < te for ts, te in traps):
            continue
        label = next((x.get("label") for x in rules.token_patterns(FILE, "distillation_cue")
                      if x.get("id") == doc.vocab.strings[mid]), "DISTILL")
        out.append((s, e, label))
    doc.user_data[key] = tuple(out)
    return out


# --------------------------------------------------------------------------- helpers over the parse
def _company(m: Mention) -> Optional[str]:
    if m.kind in ("company", "agency"):
        return m.name
    if m.kind == "model" and m.owner:
        return m.owner
    return None


def _np(doc: Doc, tok, ms) -> list[Mention]:
    """Named actors of a noun phrase: its mention and coordinated ones, names it includes or is linked to
    ("employees of DeepSeek", "individuals linked to DeepSeek", "companies such as X, Y"), a resolved group."""
    out: list[Mention] = []
    toks = [tok, *tok.conjuncts]
    if tok.conjuncts:  # "DeepSeek, Moonshot AI, and MiniMax" with the middle name parsed as an apposition
        toks += [c for t in toks for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    for t in toks:
        m = covering(ms, doc, t.i)
        if m is not None and m.kind in ("company", "person", "agency", "model"):
            if m.resolved and len(m.group) > 1:
                for n in m.group:
                    g = next((x for x in ms if x.name == n and not x.resolved), None)
                    if g and g not in out:
                        out.append(g)
            elif m not in out:
                out.append(m)
            continue
        for sub in t.subtree:
            if sub.i == t.i:
                continue
            path_ok = True
            x = sub
            while x.i != t.i and x.head.i != x.i:
                if x.dep_ in ("relcl", "ccomp", "advcl") or (x.dep_ == "acl" and x.lower_ not in lex("context_link")) or \
                        (x.dep_ == "prep" and x.lower_ not in lex("np_prep") and x.head.lower_ not in lex("context_link")) \
                        or x.lower_ in ("than",):
                    path_ok = False
                    break
                x = x.head
            m = covering(ms, doc, sub.i)
            if path_ok and m and m.kind in ("company", "person", "agency") and m not in out:
                if not _is_source(doc, m):
                    out.append(m)
    heads = [m for m in out if doc[m.tok].dep_ != "compound"]
    if heads and len(heads) < len(out):  # "new Trump administration member David Sacks": the modifier is not the actor
        out = heads
    return out


def _is_source(doc: Doc, m: Mention) -> bool:
    """The mention names whose models are meant: "OpenAI's models", "from OpenAI", "Claude's capabilities"."""
    tok = doc[m.tok]
    nxt = doc[m.tok_end] if 0 <= m.tok_end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("’s", "'s", "’") and m.tok_end + 1 < len(doc):
        if any(t.lower_ in lex("model_word") for t in doc[m.tok_end + 1:m.tok_end + 4]):
            return True
    if tok.dep_ in ("poss", "compound", "nmod") and tok.head.lower_ in lex("model_word"):
        return True  # "OpenAI's models", "the OpenAI large language model" (nmod)
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in lex("model_word"):
        return True  # "the outputs of ChatGPT"
    return tok.dep_ == "pobj" and tok.head.lower_ in ("from", "on", "through", "via")


def _negated(verb) -> bool:
    """The act is negated ("never distilled", "did not use")."""
    return any(c.dep_ == "neg" or c.lower_ in lex("negation") and c.dep_ == "advmod" for c in verb.children)


def _passive(verb) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _purpose_of_object(v) -> bool:
    """An infinitive hanging from the object of a verb, its noun with no actor of its own ("ran campaigns to
    extract ...", "created accounts to query ..."): the purpose of whoever does the verb."""
    noun = v.head
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) and noun.dep_ in ("dobj", "obj") and \
        noun.head.pos_ in ("VERB", "AUX") and not any(c.lower_ == "by" for c in noun.children)


def _concern(v) -> bool:
    """A verb of worry ("fear", "grown concerned about"): its subject worries about the act, never does it."""
    return v.lemma_.lower() in lex("concern_word") or any(
        c.dep_ in ("acomp", "xcomp", "oprd") and c.lemma_.lower() in lex("concern_word") for c in v.children)


def _subject_toks(verb) -> list:
    """The actor of a verb: its subject, climbing from infinitives and participles; for a passive verb the
    'by' agent ("it can be exploited by competitors to capture ..." -> competitors)."""
    v = verb
    for _ in range(4):
        if _passive(v):
            return [o for c in v.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        subs = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
        # "xAI had distilled ...", the subject hung on the auxiliary by the parser
        subs += [g for c in v.children if c.dep_ in ("aux", "auxpass") for g in c.children if g.dep_ == "nsubj"]
        if subs and v.dep_ == "ccomp" and v.head.lemma_ == "be" and all(t.lower_ in ("they", "it") for t in subs):
            # "what DeepSeek did here is they distilled ...": the pronoun is the doer of the pseudo-cleft
            doers = [n for c in v.head.children if c.dep_ == "csubj" and c.lemma_ == "do" for n in c.children
                     if n.dep_ == "nsubj"]
            subs = doers or subs
        if subs and v.dep_ == "relcl" and all(t.lower_ in ("that", "which", "who") for t in subs):
            subs = []  # "a model that learns ...": the relative pronoun stands for the noun it hangs from
        if subs:
            return subs
        if v.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl", "pcomp") and v.head.i != v.i:
            if v.dep_ == "acl" and _purpose_of_object(v):
                v = v.head.head  # "X ran campaigns to extract ...": the campaigns' runner extracts
                continue
            if v.dep_ in ("acl", "relcl"):
                h = v.head  # "Orca, a 13-billion parameter model that learns ... from GPT-4": the name the noun stands for
                return [h.head] if h.dep_ == "appos" and h.head.pos_ == "PROPN" else [h]
            if v.dep_ in ("xcomp", "pcomp", "advcl") and _concern(v.head):
                return []  # "labs have grown concerned about rivals distilling their models": not the labs
            v = v.head
        else:
            break
    return []


GOVERNED_BY = ("ccomp", "xcomp", "advcl", "conj", "pcomp", "pobj", "prep", "acl", "relcl", "dobj", "nsubj",
               "nsubjpass", "csubj", "attr", "mark")


def _governor(verb):
    """The nearest verb above the action clause that reports, admits, denies or rules on it ("OpenAI says
    it has found evidence that DeepSeek used ..." -> says)."""
    verbs = lex("accusation_verb") | lex("strong_accusation_verb") | lex("admission_verb") | lex("denial_verb") | \
        lex("ruling_verb")
    v = verb
    for _ in range(5):
        if v.head.i == v.i or v.dep_ not in GOVERNED_BY:
            return None
        v = v.head
        if v.pos_ in ("VERB", "AUX") and v.lemma_.lower() in verbs:
            return v
    return None


def _actors(doc, toks, ms) -> list[Mention]:
    out = []
    for t in toks:
        out += [m for m in _np(doc, t, ms) if m not in out]
    return out


def _ai_source(name) -> bool:
    from ingest.nlp import gazetteer
    e = gazetteer.by_name(name) if name else None
    return bool(e and (e.kind == "model" or e.ai))


def _owner(ms, name):
    return next((m.owner for m in ms if m.name == name and m.owner), None)


def _as_written(m: Mention) -> str:
    """A student model as the text names it ("the R1 model" -> R1, not the gazetteer's DeepSeek-R1)."""
    t = (m.text or "").strip()
    return t if t and t[0].isalnum() and len(t) <= len(m.name) and not m.resolved else m.name


def _is_model_name(name: str) -> bool:
    from ingest.nlp import gazetteer
    e = gazetteer.by_name(name)
    return bool(e and e.kind == "model")


def _has_own_models(sent: Span) -> bool:
    """"its models", "their own AI models", "our models": the speaker's own models."""
    own = lex("own_models")
    for t in sent:
        if t.lower_ in own:
            for u in sent.doc[t.i + 1:min(t.i + 4, sent.end)]:
                if u.lower_ in ("model", "models", "output", "outputs"):
                    return True
    return False


# --------------------------------------------------------------------------- frames
@dataclass
class Found:
    """One allegation read off one sentence (or the headline) by a frame."""

    allegation: AllegationX
    sent: int  # index into layout.sents(doc), -1 for the headline
    path: str  # the frame's id
    gov: Optional[str] = None  # lemma of the governing verb


@dataclass
class Candidate:
    accused: str
    sent: int
    features: dict = field(default_factory=dict)
    found: list = field(default_factory=list)


def _teacher(doc: Doc, verb, ms, accused: set, accuser: Optional[str], sent: Span) -> tuple[Optional[str], Optional[str]]:
    teacher = student = None
    skip = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    scope = [t for t in verb.subtree if t.i not in skip]
    for t in scope:
        m = covering(ms, doc, t.i)
        if m is None:
            continue
        co = _company(m)
        if m.kind == "model" and co in accused:
            student = student or _as_written(m)
            continue
        if co in accused or co is None:
            continue
        if m.kind == "model" and (teacher is None or teacher == co) and not (
                t.dep_ in ("appos", "attr") or t.head.lemma_.lower() in lex("competitor_word")):
            teacher = m.name
        elif teacher is None and (_is_source(doc, m) or t.dep_ in ("dobj", "pobj")):
            teacher = co
    if student is None:
        for m in ms:
            if sent.start_char <= m.start < sent.end_char and m.kind == "model" and m.owner in accused:
                student = _as_written(m)
                break
    if teacher is None and accuser and _has_own_models(sent):
        teacher = accuser
    return teacher, student


def _status(gov, sent: Span, ms, doc) -> str:
    if gov is not None:
        lemma = gov.lemma_.lower()
        if lemma in lex("ruling_verb") and any(t.lower_ in lex("ruling_subject") for s in _subject_toks(gov)
                                               for t in s.subtree):
            return "ruled"
        if lemma in lex("denial_verb"):
            return "denied"
        if lemma in lex("admission_verb"):
            return "admitted"
    if any(t.lower_.startswith(("accus", "alleg")) for t in sent):
        return "alleged"
    if any(t.lower_ in lex("admission_noun") or t.lower_ in ("partly", "partially", "partial") for t in sent):
        return "admitted"
    return "alleged"


def _from_action(doc, verb, sent, si, ms, signal, path, actor=None) -> list[Found]:
    passive = _passive(verb)
    if passive and actor is None:
        return []
    if any(a.lemma_.lower() in lex("prevent_verb") for a in list(verb.ancestors)[:4]):
        return []  # "its terms prohibit using their models to train ...": a rule, not an act
    skip = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    skip |= {t.i for t in verb.subtree if t.i != verb.i and t.dep_ in ("acl", "relcl", "advcl", "ccomp")
             for t in t.subtree}  # what a clause hanging from the object says is not what the verb does
    scope = [t for t in verb.subtree if t.i not in skip]
    if not any(t.lower_.startswith("distil") or t.lower_ in lex("model_word") or (
            covering(ms, doc, t.i) is not None and covering(ms, doc, t.i).kind == "model") for t in scope):
        return []
    campaign = verb.lemma_.lower() in lex("campaign_verb")
    if campaign and not any(t.lower_.startswith("distil") for t in scope):
        return []  # "ran a campaign against Chinese AI labs" is not "ran distillation campaigns"
    if actor is not None:  # every passive subject ("its chatbot, Bard is trained on ...": two, the name the second)
        subject = [actor] + [c for c in verb.children if c.dep_ == "nsubjpass" and c.i != actor.i]
    else:
        subject = _subject_toks(verb)
    accused_ms = [m for m in _actors(doc, subject, ms) if _company(m) or m.kind == "person"]
    for a in (subject if actor is not None else ()):  # "R1 was trained on ...": the model itself is the subject
        m = covering(ms, doc, a.i)
        if m is not None and m.kind == "model" and m not in accused_ms:
            accused_ms.append(m)
    gov = _governor(verb)
    accusers = []
    if gov is not None and gov.lemma_.lower() not in lex("denial_verb") | lex("admission_verb"):
        # one who denies or admits the act is never its accuser ("DeepSeek has denied distilling ...")
        accusers = [m for m in _actors(doc, _subject_toks(gov), ms) if m.kind in ("company", "person", "agency")]
        accusers += [m for c in gov.children if c.dep_ == "agent" for o in c.children for m in _np(doc, o, ms)]
    if not accusers:  # "OpenAI has evidence that DeepSeek used ...", "OpenAI's evidence that ...": who holds it
        noun = next((a for a in list(verb.ancestors)[:3] if a.pos_ == "NOUN" and a.lower_ in lex("evidence_noun")),
                    None)
        if noun is not None:
            holders = [c for c in noun.children if c.dep_ == "poss"]
            if not holders and noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in lex("holder_verb"):
                holders = _subject_toks(noun.head)
            accusers = [m for m in _actors(doc, holders, ms) if m.kind in ("company", "person", "agency")]
    denied = False
    if _negated(verb):  # "DeepSeek said it never distilled ...": the accused's denial; another's word: nothing
        speakers = {_company(a) or a.name for a in accusers}
        if not any(_company(m) in speakers for m in accused_ms):
            return []
        accusers, denied = [], True
    # "DeepSeek, Moonshot and MiniMax ran distillation campaigns, the company said": a description resolved to one
    # of the names the act is about is no accuser (coreference went wrong, or the accused speaks for itself)
    named = {_company(m) for m in accused_ms if not m.resolved}
    accusers = [a for a in accusers if not (a.resolved and (_company(a) or a.name) in named)]
    accused = []
    for m in accused_ms:
        name = _company(m)
        if name and name not in accused and name not in {a.name for a in accusers}:
            accused.append(name)
    if not accused:
        return []
    accuser = next((a.name for a in accusers if a.name not in accused), None)
    status = "denied" if denied else _status(gov, sent, ms, doc)
    if status == "admitted" and accuser and gov is not None and gov.lemma_.lower() in lex("admission_verb"):
        accuser = None  # the one admitting is the accused's side
    teacher, student = _teacher(doc, verb, ms, set(accused), accuser, sent)
    owner = teacher_company(ms, teacher)
    if owner and owner != accuser and any(a.name == owner for a in accusers):
        accuser = owner  # "Microsoft and OpenAI are probing whether DeepSeek trained on OpenAI's outputs"
    if passive and student is None:
        m = covering(ms, doc, actor.i)
        student = m.name if m is not None and m.kind == "model" else None
    if campaign and gov is None and teacher is None:
        return []  # "X has been running a campaign framing distillation as a threat": nobody says X distilled
    if not signal and not _ai_source(teacher):
        return []  # "used X to train Y" with no distillation and no AI model as the source
    ev = Evidence(sent.start_char, sent.end_char, sent.start_char, sent.end_char)
    out = []
    for name in accused:
        if teacher and (teacher == name or _owner(ms, teacher) == name):
            continue
        out.append(Found(AllegationX(accused=name, accuser=accuser, teacher=teacher, student=student, status=status,
                                     evidence=[ev]), si, path, gov.lemma_.lower() if gov is not None else None))
    return out


def _from_accusation(doc, verb, objects, sent, si, ms, signal, path, cued=True) -> list[Found]:
    if path == "accused_passive":
        accused_ms = _actors(doc, objects, ms)
        accuser_ms = [m for c in verb.children if c.dep_ == "agent" for o in c.children for m in _np(doc, o, ms)]
    else:
        accuser_ms = _actors(doc, _subject_toks(verb), ms)
        accused_ms = _actors(doc, objects, ms)
    lemma = verb.lemma_.lower()
    if not cued:  # a sentence with no cue, next to one: its object itself names the accused ("naming DeepSeek,
        # Moonshot and MiniMax as violators"), not a name inside it ("criticized the company's shift")
        heads = {t.i for o in objects for t in [o, *o.conjuncts]}
        heads |= {c.i for i in list(heads) for c in doc[i].children if c.dep_ == "appos"}  # "companies—A, B and C—"
        heads |= {c.i for i in list(heads) for c in doc[i].conjuncts}
        accused_ms = [m for m in accused_ms if m.tok in heads or any(m.start <= doc[i].idx < m.end for i in heads)]
    if lemma == "accuse" and not accused_ms:  # "accused Chinese startup DeepSeek of ...", misparsed
        for t in doc[verb.i + 1:min(verb.i + 12, sent.end)]:
            if t.lower_ == "of":
                break
            m = covering(ms, doc, t.i)
            if m is not None and m.kind in ("company", "person", "agency") and m not in accused_ms:
                accused_ms.append(m)
        else:
            accused_ms = []
    of_clause = [t for c in verb.children if c.dep_ in ("prep", "advcl", "xcomp") for t in c.subtree]
    of_clause += [t for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                  for t in c.subtree]  # "suspects DeepSeek of training R1 on ...", the 'of' hung on the object
    if not (signal or any(t.lower_.startswith("distil") for t in of_clause) or lemma in lex("strong_accusation_verb")
            or path == "concerns_about" or cued and any(t.pos_ == "VERB" for t in of_clause)):
        return []
    text = sent.text.lower()
    if any(w in text for w in lex("not_distillation")) and not signal:
        return []
    accusers = [m.name for m in accuser_ms if m.kind in ("company", "person", "agency")]
    v = verb
    while not accusers and v.head.i != v.i and v.dep_ in ("acl", "advcl", "xcomp", "conj", "pcomp", "dobj", "pobj",
                                                          "prep"):
        v = v.head  # "Anthropic published a blog post naming DeepSeek ..." -> Anthropic
        accusers = [m.name for m in _actors(doc, [c for c in v.children if c.dep_ == "nsubj"], ms)
                    if m.kind in ("company", "person", "agency")]
    accused = []
    for m in accused_ms:
        name = _company(m)
        if name and name not in accusers and name not in accused and m.text.split()[0].lower() not in \
                lex("generic_accused"):
            accused.append(name)
    if not accusers and path == "accused_passive" and cued:
        accusers = [None]  # "DeepSeek is suspected of distilling ...": an accuser the text does not name
    if not accused or not accusers:
        return []
    teacher, student = _teacher(doc, verb, ms, set(accused), accusers[0], sent)
    own = teacher == accusers[0]  # "X and Y accused ... of distilling their models": each accuser's own
    ev = Evidence(sent.start_char, sent.end_char, sent.start_char, sent.end_char)
    out = []
    for accuser in accusers:
        for name in accused:
            t = accuser if own else teacher
            if t and (t == name or _owner(ms, t) == name):
                t = None
            out.append(Found(AllegationX(accused=name, accuser=accuser, teacher=t, student=student, status="alleged",
                                         evidence=[ev]), si, path, lemma))
    return out


# --------------------------------------------------------------------------- the headline
@lru_cache(maxsize=1)
def _tokenizer():
    return spacy.blank("en")


@dataclass
class TitleFrame:
    accused: Optional[str]
    accuser: Optional[str]
    teacher: Optional[str]
    status: str
    verb: Optional[str]  # the headline's verb class: accusation, admission, denial, ruling


def _title_names(title: str, ms, title_doc) -> list[tuple[int, Mention]]:
    """(token index, mention) of the document's names that occur in the headline."""
    from ingest.nlp import gazetteer
    forms: dict[str, Mention] = {}
    for m in ms:
        if m.resolved or m.kind not in ("company", "person", "agency", "model"):
            continue
        for f in {m.text, m.name}:
            f = f.strip()
            if f and f[0].isupper():
                forms.setdefault(f, m)
    out = []
    toks = [t.text for t in title_doc]
    taken = set()
    for form, m in sorted(forms.items(), key=lambda x: -len(x[0])):
        words = [t.text for t in _tokenizer().make_doc(form)]
        for i in range(len(toks) - len(words) + 1):
            if toks[i:i + len(words)] == words and not taken & set(range(i, i + len(words))):
                taken |= set(range(i, i + len(words)))
                out.append((i, m))
    for i, t in enumerate(title_doc):  # a gazetteer name the body only refers to ("xAI" as "his AI lab")
        if i in taken or not t.text[:1].isalpha():
            continue
        e = gazetteer.lookup(t.text)
        if e is not None and e.kind in ("company", "model") and t.text[:1].isupper() or (e and t.text[:1] == "x"):
            out.append((i, Mention(start=-1, end=-1, tok=-1, sent_start=-1, sent_end=-1, name=e.name, kind=e.kind,
                                   eid=e.id, text=t.text, owner=e.owner)))
    return sorted(out, key=lambda x: x[0])


def title_frames(doc: Doc, ms) -> list[TitleFrame]:
    """The allegations a headline states (a headline with a distillation cue): "<Accuser> accuses <Accused> of
    distilling ...", "<A>, <B> and <C> made ... attacks to copy <Teacher>, accuses <Accuser>", "<Accuser>:
    <A>, <B> distilled <Teacher>", "<Person> admits <Accused> used <Teacher> models", "<Accused> denies ...".
    A headline with neither such a verb nor a name before an act ("Google fears attempt to clone Gemini")
    gives nothing."""
    title = (doc._.ct_title if Doc.has_extension("ct_title") else "") or ""
    if not title.strip():
        return []
    tdoc = _tokenizer().make_doc(title.strip())
    cues = cue_spans(tdoc)
    if not cues:
        return []
    names = _title_names(title, ms, tdoc)
    if not names:
        return []
    verb_at, verb = None, None
    for i, t in enumerate(tdoc):
        for cls in ("accusation", "admission", "denial", "ruling"):
            if t.lower_ in lex(f"title_{cls}"):
                verb_at, verb = i, cls
                break
        if verb:
            break
    colon = next((i for i, t in enumerate(tdoc) if t.text == ":"), None)
    status = {"admission": "admitted", "denial": "denied", "ruling": "ruled"}.get(verb, "alleged")
    accuser, accused, teacher_after = None, [], None
    cue_at = cues[0][0]

    def cos(items):
        """The companies of the first run of names ("DeepSeek, Moonshot and MiniMax"): names joined only by
        commas and "and"."""
        out, last = [], None
        for i, m in items:
            if last is not None and any(t.text not in (",", "and", "&") for t in tdoc[last + 1:i]):
                break
            co = _company(m)
            if co and co not in out:
                out.append(co)
            last = i + len(_tokenizer().make_doc(m.text)) - 1 if m.text else i
        return out

    if verb is None:
        if colon is None or colon > cue_at:
            return []  # no verb and no "<Accuser>:"
        accuser = next((m.name for i, m in names if i < colon and m.kind in ("company", "person", "agency")), None)
        accused = cos([(i, m) for i, m in names if colon < i < cue_at and m.kind != "model"])
        teacher_after = [(i, m) for i, m in names if i > cue_at]
    elif verb_at > 0 and tdoc[verb_at - 1].text == "," and verb == "accusation":
        # "<A>, <B> and <C> made ... to copy Claude, accuses Anthropic"
        accuser = next((m.name for i, m in names if i > verb_at and m.kind in ("company", "person", "agency")), None)
        accused = cos([(i, m) for i, m in names if i < cue_at and m.kind != "model"])
        teacher_after = [(i, m) for i, m in names if cue_at <= i < verb_at]
    else:
        before = [(i, m) for i, m in names if i < verb_at]
        after = [(i, m) for i, m in names if i > verb_at]
        if verb == "denial":
            accused = cos(before)[:1]
            teacher_after = after
        else:
            if verb == "accusation":
                accuser = next((m.name for _, m in reversed(before) if m.kind in ("company", "person", "agency")),
                               None)
            first_after = cos(after)
            accused = first_after
            if not accused and verb == "admission":
                accused = cos(before)[:1]
            teacher_after = [x for x in after if _company(x[1]) not in accused]
    teacher = next((m.name for _, m in teacher_after if _company(m) and _company(m) not in accused), None)
    if teacher is None and accuser and any(t.lower_ in lex("own_models") for t in tdoc):
        teacher = accuser
    out = []
    for a in accused:
        if a == accuser:
            continue
        t = None if teacher and (teacher == a or _owner(ms, teacher) == a) else teacher
        out.append(TitleFrame(accused=a, accuser=accuser, teacher=t, status=status, verb=verb))
    return out


def _title_accuser(doc: Doc, ms) -> tuple:
    """The accuser a headline with a distillation cue names before its accusation verb, whoever it accuses
    ("Anthropic says Chinese labs distilled Claude"; "OpenAI: ..." before the cue), and the model it names after
    the cue (Claude)."""
    title = (doc._.ct_title if Doc.has_extension("ct_title") else "") or ""
    if not title.strip():
        return None, None
    tdoc = _tokenizer().make_doc(title.strip())
    cues = cue_spans(tdoc)
    if not cues:
        return None, None
    verb_at = next((i for i, t in enumerate(tdoc) if t.lower_ in lex("title_accusation")), None)
    colon = next((i for i, t in enumerate(tdoc) if t.text == ":"), None)
    end = verb_at if verb_at is not None else colon
    if end is None or end > cues[0][0]:
        return None, None
    found = _title_names(title, ms, tdoc)
    names = [m for i, m in found if i < end and m.kind in ("company", "agency")]
    if not names:
        return None, None
    teacher = next((m.name for i, m in found if i >= cues[0][0] and m.kind == "model"), None)
    return names[-1].name, teacher


# --------------------------------------------------------------------------- candidates and decisions
def _verb_class(tok) -> Optional[str]:
    lemma = tok.lemma_.lower()
    for cls in ("denial_verb", "admission_verb", "strong_accusation_verb", "accusation_verb", "action_verb",
                "prevent_verb"):
        if lemma in lex(cls):
            return cls
    return None


def _features(doc, sent: Span, m: Mention, company: str, ms, cues, found: list[Found], tf, title_names) -> dict:
    tok = doc[m.tok]
    head = tok.head
    f = {
        "rule": bool(found),
        "rule_path": sorted({x.path for x in found}) or None,
        "rule_gov": sorted({x.gov for x in found if x.gov}) or None,
        "rule_accuser": any(x.allegation.accuser for x in found),
        "rule_teacher": any(x.allegation.teacher for x in found),
        "kind": m.kind,
        "dep": tok.dep_,
        "head_class": _verb_class(head) or head.pos_,
        "source": _is_source(doc, m),
        "model_mention": m.kind == "model",
        "resolved": m.resolved,
        "in_quote": m.in_quote,
        "cue": sorted({label for s, e, label in cues if sent.start <= s < sent.end}) or None,
        "ai_teacher_named": any(_ai_source(x.allegation.teacher) for x in found),
        "in_title": company in title_names,
        "title_accused": any(t.accused == company for t in tf),
        "title_accuser": any(t.accuser == company for t in tf),
        "generic_word": tok.lower_ in lex("generic_accused"),
    }
    verbs = {c for t in sent if t.pos_ in ("VERB", "AUX") for c in [_verb_class(t)] if c}
    for c in verbs:
        f[f"sent_has_{c}"] = True
    anc = [a for a in list(tok.ancestors)[:4]]
    f["anc_classes"] = sorted({c for a in anc for c in [_verb_class(a)] if c}) or None
    near = min((abs(m.tok - s) for s, e, _ in cues if sent.start <= s < sent.end), default=99)
    f["cue_dist"] = min(near, 30) / 30.0
    f["subject"] = tok.dep_ in ("nsubj", "nsubjpass")
    f["sent_first"] = sent.start == 0
    f["n_orgs"] = min(5, len({_company(x) for x in ms if sent.start_char <= x.start < sent.end_char and _company(x)}))
    return f


@learn.labeler("allegation")
def _label_allegation(meta: dict, gold: dict):
    """True when the gold names this candidate as an accused (and, where both name one, the same teacher)."""
    for g in gold.get("distillation_allegations") or []:
        if _name_match(g.get("accused"), meta.get("accused")):
            if not g.get("teacher") or not meta.get("teacher") or _name_match(g["teacher"], meta["teacher"]) or \
                    _name_match(g["teacher"], meta.get("teacher_company")):
                return True
    return False


@learn.labeler("allegation_status")
def _label_status(meta: dict, gold: dict):
    best = None
    for g in gold.get("distillation_allegations") or []:
        if not _name_match(g.get("accused"), meta.get("accused")):
            continue
        if g.get("teacher") and meta.get("teacher") and not (_name_match(g["teacher"], meta["teacher"]) or
                                                             _name_match(g["teacher"], meta.get("teacher_company"))):
            continue
        if best is None or _name_match(g.get("accuser"), meta.get("accuser")):
            best = g
    return best.get("status") if best else None


def _sentence_guess(doc, sent: Span, company: str, ms, tf) -> AllegationX:
    """An accepted candidate with no frame: the accuser is the subject of an accusation verb of the sentence
    (else the headline's), the teacher another AI company or model the sentence names as a source."""
    accuser = None
    for t in sent:
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex("accusation_verb") | lex("strong_accusation_verb"):
            names = [m.name for m in _actors(doc, _subject_toks(t), ms) if m.kind in ("company", "person", "agency")
                     and _company(m) != company]
            if names:
                accuser = names[0]
                break
    if accuser is None:
        accuser = next((t.accuser for t in tf if t.accused == company and t.accuser), None)
    teacher = student = None
    for m in ms:
        if not (sent.start_char <= m.start < sent.end_char):
            continue
        co = _company(m)
        if m.kind == "model" and co == company:
            student = student or _as_written(m)
        elif co and co != company and co != accuser and teacher is None and (m.kind == "model" or _is_source(doc, m)):
            teacher = m.name
    if teacher is None and accuser and _has_own_models(sent):
        teacher = accuser
    ev = Evidence(sent.start_char, sent.end_char, sent.start_char, sent.end_char)
    return AllegationX(accused=company, accuser=accuser, teacher=teacher, student=student,
                       status=_status(None, sent, ms, doc), evidence=[ev])


def _frames(doc: Doc, ms, sents, cue_sents: dict, near: set) -> list[Found]:
    dm, info = frame_matcher(doc.vocab)
    out: list[Found] = []
    matches = _frame_matches(doc)
    by_verb: dict[int, tuple] = {}
    starts = [s.start for s in sents]
    import bisect
    for mid, toks in matches:
        role, fid, names = info[mid]
        nodes = dict(zip(names, (doc[i] for i in toks)))
        verb = nodes["verb"]
        si = max(0, bisect.bisect_right(starts, verb.i) - 1)
        if role == "action_frame" and si in cue_sents:
            key = (verb.i, "action", fid)
            if fid == "action_subject" and any(k[0] == verb.i and k[2] == "action_passive" for k in by_verb):
                continue
            by_verb.setdefault(key, (verb, si, fid, nodes.get("actor")))
        elif role == "accusation_frame" and (si in near or si in cue_sents):  # "accused X of using outputs ..."
            key = (verb.i, "accusation", fid)
            entry = by_verb.setdefault(key, (verb, si, fid, []))
            entry[3].append(nodes["object"])
        elif role == "denial_frame" and fid == "deny_subject" and "DISTILL" in cue_sents.get(si, ()):
            out += _from_denial(doc, verb, nodes["denier"], sents[si], si, ms)
    for _, s, e in rules.matcher(doc.vocab, FILE, "action_sequence")(doc):
        si = max(0, bisect.bisect_right(starts, s) - 1)
        if si in cue_sents:
            out += _from_sequence(doc, doc[s], doc[e - 1], sents[si], si, ms)
    for (vi, kind, fid), (verb, si, _, extra) in sorted(by_verb.items()):
        sent = sents[si]
        signal = "DISTILL" in cue_sents.get(si, ())
        if kind == "action":
            if fid == "action_subject" and _passive(verb):
                continue
            if fid == "distillation_noun_of":
                out += _from_action_noun(doc, verb, extra, sent, si, ms)
                continue
            out += _from_action(doc, verb, sent, si, ms, signal or "EXTRACT" in cue_sents.get(si, ()), fid, extra)
        else:
            out += _from_accusation(doc, verb, extra, sent, si, ms, signal, fid, si in cue_sents)
    return out


def _from_denial(doc, verb, denier, sent, si, ms) -> list[Found]:
    """"Moonshot rejected Anthropic's accusations of distillation": the denier is the accused, whoever owns the
    accusations its accuser (the act itself, "denied distilling ...", is read by the action frames)."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lower_ in lex("denial_object")]
    if not objs:
        return []
    accused = [n for n in (_company(m) for m in _actors(doc, [denier], ms)) if n]
    if len(accused) != 1:
        return []
    accuser = None
    for o in objs:
        for c in o.children:
            if c.dep_ == "poss":
                accuser = next((m.name for m in _actors(doc, [c], ms) if m.kind in ("company", "person", "agency")
                                and _company(m) != accused[0]), None)
    ev = Evidence(sent.start_char, sent.end_char, sent.start_char, sent.end_char)
    return [Found(AllegationX(accused=accused[0], accuser=accuser, teacher=None, student=None, status="denied",
                              evidence=[ev]), si, "deny_subject", verb.lemma_.lower())]


def _attributed(doc, ms, sents, found: list[Found]) -> None:
    """"According to Anthropic, MiniMax ran ...": the source of the sentence is the accuser of what it says
    (an outlet is no mention of these kinds, so "according to Bloomberg" names no accuser)."""
    dm, info = frame_matcher(doc.vocab)
    for mid, toks in _frame_matches(doc):
        role, fid, names = info[mid]
        if role != "attribution_frame":
            continue
        source = doc[toks[names.index("source")]]
        at = next((i for i, s in enumerate(sents) if s.start <= source.i < s.end), None)
        own = any(f.sent == at for f in found)
        for f in found:
            # the sentence itself, or the one right after when it reads nothing of its own ("X allegedly ran
            # campaigns to extract Claude's capabilities. ... According to Anthropic, these were deliberate")
            if f.allegation.accuser or f.allegation.status != "alleged" or not (
                    f.sent == at or not own and at is not None and 0 < at - f.sent <= 3):
                continue
            cands = [m.name for m in _actors(doc, [source], ms) if m.kind in ("company", "person", "agency")
                     and _company(m) != f.allegation.accused]
            if cands:
                f.allegation.accuser = cands[0]


def _accuser_company(doc, ms, sent: Span, a: AllegationX) -> None:
    """An accuser written with the company they speak for ("OpenAI CEO Sam Altman accuses ...", "OpenAI's
    Sam Altman") is that company: the canonical fact is the company's accusation."""
    if not a.accuser:
        return
    for m in ms:
        if m.name != a.accuser or m.kind != "person" or not (sent.start_char <= m.start < sent.end_char):
            continue
        for c in doc[m.tok].children:
            if c.dep_ not in ("compound", "poss", "appos"):
                continue
            for t in c.subtree:  # "OpenAI CEO Sam Altman", "Sam Altman, OpenAI's chief executive"
                x = covering(ms, doc, t.i)
                if x is not None and x.kind == "company" and x.eid and t.dep_ in ("compound", "poss") and \
                        x.name != a.accused:
                    a.accuser = x.name
                    return


def _from_sequence(doc, name_tok, act, sent, si, ms) -> list[Found]:
    """"<Name> distilled <Teacher>" read off the words when the parse does not make the name the subject."""
    m = covering(ms, doc, name_tok.i)
    co = _company(m) if m is not None else None
    if co is None or m.tok_end > act.i or any(t.lower_ not in lex("sequence_filler") for t in doc[m.tok_end:act.i]):
        return []  # "xAI had partly distilled ...": only auxiliaries and adverbs between the name and the act
    verbs = lex("accusation_verb") | lex("strong_accusation_verb") | lex("admission_verb") | lex("denial_verb") | \
        lex("ruling_verb")
    gov = next((a for a in act.ancestors if a.pos_ in ("VERB", "AUX") and a.lemma_.lower() in verbs), None)
    accuser = None
    if gov is not None:
        accuser = next((x.name for x in _actors(doc, _subject_toks(gov), ms) if _company(x) != co and
                        x.kind in ("company", "person", "agency")), None)
    teacher = student = None
    for x in ms:
        if x.start < doc[act.i].idx or x.start >= sent.end_char:
            continue
        xc = _company(x)
        if xc and xc != co and xc != accuser or xc and xc == accuser and x.kind == "model":
            teacher = x.name if x.kind == "model" else teacher or x.name
            if x.kind == "model":
                break
    student = next((_as_written(x) for x in ms if doc[act.i].idx <= x.start < sent.end_char and x.kind == "model" and
                    x.owner == co), None)  # "xAI partly used OpenAI's models to train Grok"
    status = _status(gov, sent, ms, doc)
    if status == "admitted" and gov is not None and gov.lemma_.lower() in lex("admission_verb"):
        accuser = None
    if _negated(act) or any(t.lower_ in lex("negation") for t in doc[m.tok_end:act.i]):
        speakers = {_company(x) or x.name for x in _actors(doc, _subject_toks(gov), ms)} if gov is not None else set()
        if co not in speakers:
            return []  # "Researchers said DeepSeek did not distill ...": no allegation
        accuser, status = None, "denied"
    ev = Evidence(sent.start_char, sent.end_char, sent.start_char, sent.end_char)
    return [Found(AllegationX(accused=co, accuser=accuser, teacher=teacher, student=student, status=status,
                              evidence=[ev]), si, "name_then_act", gov.lemma_.lower() if gov is not None else None)]


def _from_action_noun(doc, noun, actor, sent, si, ms) -> list[Found]:
    """"evidence of distillation by DeepSeek": the 'by' object is the accused."""
    out = []
    for m in _actors(doc, [actor], ms):
        co = _company(m)
        if co:
            gov = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
            accuser = None
            if gov is not None and gov.lemma_.lower() in lex("accusation_verb") | lex("strong_accusation_verb"):
                accuser = next((x.name for x in _actors(doc, _subject_toks(gov), ms) if _company(x) != co and
                                x.kind in ("company", "person", "agency")), None)
            teacher, student = _teacher(doc, noun, ms, {co}, accuser, sent)
            ev = Evidence(sent.start_char, sent.end_char, sent.start_char, sent.end_char)
            out.append(Found(AllegationX(accused=co, accuser=accuser, teacher=teacher, student=student,
                                         status=_status(gov, sent, ms, doc), evidence=[ev]), si,
                             "distillation_noun_of", gov.lemma_.lower() if gov is not None else None))
    return out


def find(doc: Doc, mentions: list[Mention]) -> list[AllegationX]:
    ms = mentions
    cues = cue_spans(doc)
    tf = title_frames(doc, ms)
    if not cues and not tf:
        return []
    sents = layout.sents(doc)
    import bisect
    starts = [s.start for s in sents]
    cue_sents: dict[int, set] = {}
    for s, e, label in cues:
        cue_sents.setdefault(max(0, bisect.bisect_right(starts, s) - 1), set()).add(label)
    near = {j for i, labels in cue_sents.items() if "DISTILL" in labels
            for j in range(max(0, i - 2), min(len(sents), i + 3))}
    found = _frames(doc, ms, sents, cue_sents, near)
    _attributed(doc, ms, sents, found)
    for f in found:
        _accuser_company(doc, ms, sents[f.sent], f.allegation)

    # candidates: every named organisation of a cue sentence, and of a sentence a frame was read from
    title_names = {x for t in tf for x in (t.accused, t.accuser) if x}
    cands: dict[tuple[int, str], Candidate] = {}
    for si in sorted(set(cue_sents) | {f.sent for f in found}):
        sent = sents[si]
        for m in ms:
            if not (sent.start_char <= m.start < sent.end_char):
                continue
            names = [_company(m)]
            if m.resolved and len(m.group) > 1:  # "these Chinese firms" standing for DeepSeek, Moonshot, MiniMax
                for n in m.group:
                    g = next((x for x in ms if x.name == n and not x.resolved), None)
                    if g is not None and _company(g) not in names:
                        names.append(_company(g))
            for co in names:
                if co is None or (si, co) in cands:
                    continue
                _candidate(doc, sent, si, m, co, ms, cues, found, tf, title_names, cands)
    accepted: list[AllegationX] = []
    guesses: list[AllegationX] = []
    for (si, co), c in cands.items():
        teacher = next((f.allegation.teacher for f in c.found if f.allegation.teacher), None)
        meta = {"accused": co, "teacher": teacher, "teacher_company": _owner(ms, teacher) or teacher}
        if not learn.accept("allegation", c.features, default=bool(c.found), meta=meta):
            continue
        if c.found:
            accepted += [f.allegation for f in c.found]
        else:
            guesses.append(_sentence_guess(doc, sents[si], co, ms, tf))
    # a sentence read without a frame only adds an accused the frames missed (its accuser and teacher are
    # guesses: they never make a second fact beside one read off a frame)
    framed = {a.accused for a in accepted} | {a.accuser for a in accepted} | \
        {teacher_company(ms, a.teacher) for a in accepted} | {t.accuser for t in tf}  # already plays a role
    for g in guesses:
        if g.accused not in framed:
            accepted.append(g)
    for t in tf:
        f = {"title": True, "title_verb": t.verb, "title_accuser": bool(t.accuser), "title_teacher": bool(t.teacher),
             "body_has": any(a.accused == t.accused for a in accepted), "ai": _ai_source(t.accused),
             "body_cues": bool(cues)}
        meta = {"accused": t.accused, "teacher": t.teacher, "teacher_company": _owner(ms, t.teacher) or t.teacher}
        if learn.accept("allegation", f, default=True, meta=meta):
            ev = Evidence(0, 0, 0, 0)
            accepted.append(AllegationX(accused=t.accused, accuser=t.accuser, teacher=t.teacher, status=t.status,
                                        evidence=[ev]))
    accepted = _admissions(doc, ms, accepted)
    out = canonical(accepted, ms, tf)
    headline, title_teacher = _title_accuser(doc, ms)
    for a in out:  # "Anthropic says Chinese labs distilled Claude" over a body that names the labs only
        if headline and a.accuser is None and a.status == "alleged" and headline != a.accused:
            a.accuser = headline
            if a.teacher is None and title_teacher and teacher_company(ms, title_teacher) == headline:
                a.teacher = title_teacher
    _own_models_teacher(doc, ms, out)
    # "DeepSeek used distillation to train smaller versions of its own R1", "Meta distilled Llama into smaller
    # models": nobody accuses and nobody's model is the source, a company distilling its own
    out = [a for a in out if a.accuser or a.teacher or a.status != "alleged"]
    people = {m.name for m in ms if m.kind == "person"}
    for a in out:
        a.status = _decide_status(doc, ms, a, sents, cue_sents, tf)
        if a.status == "admitted" and a.accuser in people:
            a.accuser = None  # "When asked whether xAI had distilled ..., Musk said: 'Partly'": the one admitting
    return out


def _candidate(doc, sent, si, m, co, ms, cues, found, tf, title_names, cands) -> None:
    key = (si, co)
    here = [f for f in found if f.sent == si and f.allegation.accused == co]
    c = Candidate(accused=co, sent=si, found=here)
    c.features = _features(doc, sent, m, co, ms, cues, here, tf, title_names)
    others = [f.allegation for f in found if f.sent == si and f.allegation.accused != co]
    c.features["frame_accuser"] = any(a.accuser == co for a in others)
    c.features["frame_teacher"] = any(teacher_company(ms, a.teacher) == co for a in others)
    c.features["frame_other_accused"] = bool(others)
    c.features["doc_accused"] = any(f.allegation.accused == co for f in found)
    c.features["doc_accuser"] = any(f.allegation.accuser == co for f in found)
    c.features["doc_teacher"] = any(teacher_company(ms, f.allegation.teacher) == co for f in found)
    cands[key] = c


def _admissions(doc, ms, found: list[AllegationX]) -> list[AllegationX]:
    """What the accused's own people say under oath is an admission (a person the text has testify or admit
    is no accuser)."""
    admit = lex("admission_verb") - {"answer", "reply", "agree"}
    admitters = {m.name for m in ms if m.kind == "person" and doc[m.tok].dep_ == "nsubj"
                 and doc[m.tok].head.lemma_.lower() in admit}
    reports_admission = any(t.lower_ in lex("admission_noun") - {"oath"} or
                            (t.lower_ == "oath" and t.i > 0 and doc[t.i - 1].lower_ == "under") for t in doc)
    for a in found:
        if a.status == "alleged" and (a.accuser in admitters or a.accuser is None and reports_admission):
            a.accuser, a.status = None, "admitted"
    return found


def _own_models_teacher(doc, ms, out: list[AllegationX]) -> None:
    if not any(a.teacher is None and a.accuser for a in out):
        return
    cue_sents = {s for s, e, _ in cue_spans(doc)}
    own = [(s.start_char, s.end_char) for s in layout.sents(doc) if any(s.start <= c < s.end for c in cue_sents)
           and _has_own_models(s)]
    for a in out:
        if a.teacher is not None or not a.accuser:
            continue
        if any(m.name == a.accuser and s0 <= m.start < s1 for s0, s1 in own for m in ms):
            a.teacher = a.accuser
            continue
        # Anthropic accusing labs of a campaign that "targeted Claude's strongest differentiators": the one
        # model of the accuser the text names is what was distilled
        named = {m.name for m in ms if m.kind == "model" and m.owner == a.accuser}
        if len(named) == 1:
            a.teacher = named.pop()
        elif a.status in ("alleged", "denied") and _ai_source(a.accuser):
            # an AI lab accusing another of distillation without naming a source speaks of its own models
            # ("The company said DeepSeek employees collected model outputs ... for training")
            a.teacher = a.accuser


RANK = {"alleged": 0, "denied": 1, "admitted": 2, "ruled": 3}


def teacher_company(ms, teacher: Optional[str]) -> Optional[str]:
    if not teacher:
        return None
    from ingest.nlp import gazetteer
    e = gazetteer.by_name(teacher)
    return _owner(ms, teacher) or (e.owner if e and e.owner else None) or teacher


def canonical(found: list[AllegationX], ms, tf=()) -> list[AllegationX]:
    """One allegation per (accuser, accused, teacher company): "Claude", "its models" and "Anthropic" are one
    teacher; the models named are kept (teacher_models, the most specific shown as teacher); one with no
    teacher or no accuser joins the one that has it; the strongest status wins (a denial or an admission
    by the accused keeps the accuser)."""
    out: list[AllegationX] = []
    for new in found:
        new_tc = teacher_company(ms, new.teacher)
        for old in out:
            old_tc = teacher_company(ms, old.teacher)
            if old.accused != new.accused:
                continue
            same_accuser = old.accuser == new.accuser or not old.accuser or not new.accuser
            same_teacher = old_tc == new_tc or not old_tc or not new_tc or (old.accuser == new.accuser and old.accuser)
            if same_accuser and same_teacher:
                _join(old, new)
                break
        else:
            new.teacher_company = new_tc
            new.teacher_models = [new.teacher] if new.teacher and _is_model_name(new.teacher) else []
            new.student_models = [new.student] if new.student else []
            out.append(new)
    # an accuser named only in the headline fills a body allegation's missing accuser
    for t in tf or ():
        for a in out:
            if t.accuser and a.accused == t.accused and a.accuser is None and a.status == "alleged":
                a.accuser = t.accuser
    return out


def _join(old: AllegationX, new: AllegationX) -> None:
    if new.teacher and _is_model_name(new.teacher) and new.teacher not in old.teacher_models:
        old.teacher_models.append(new.teacher)
    if old.teacher is None or new.teacher and _is_model_name(new.teacher) and not _is_model_name(old.teacher):
        old.teacher = new.teacher or old.teacher
    if old.teacher_company is None and new.teacher:
        old.teacher_company = new.teacher_company or new.teacher
    old.student = old.student or new.student
    if new.student and new.student not in old.student_models:
        old.student_models.append(new.student)
    if new.accuser and not old.accuser and new.status != "admitted":
        old.accuser = new.accuser
    if RANK[new.status] > RANK[old.status]:
        old.status = new.status
    old.evidence += new.evidence


def _status_features(doc, ms, a: AllegationX, sents, cue_sents, tf) -> dict:
    """What the text around an allegation says of it: the verbs whose subject is the accused (a denial, an
    admission), a court's finding, the headline's verb."""
    f: dict = {"rule": a.status, "accuser": bool(a.accuser), "title_verb": next((t.verb for t in tf if t.accused == a.accused), None)}
    near = {j for i in cue_sents for j in range(max(0, i - 2), min(len(sents), i + 3))}
    by_accused = set()
    dm, info = frame_matcher(doc.vocab)
    for mid, toks in _frame_matches(doc):
        role, fid, names = info[mid]
        if role not in ("denial_frame", "admission_frame"):
            continue
        nodes = dict(zip(names, (doc[i] for i in toks)))
        subj = nodes.get("denier") or nodes.get("admitter")
        verb = nodes["verb"]
        if verb.dep_ == "relcl" and subj.lower_ in ("which", "who", "that"):
            subj = verb.head  # "DeepSeek, which denies wrongdoing, has been accused ..."
        si = next((i for i, s in enumerate(sents) if s.start <= verb.i < s.end), None)
        if si not in near:
            continue
        names_ = {_company(m) or m.name for m in _actors(doc, [subj], ms)}
        if a.accused in names_:
            by_accused.add(role)
            if role == "denial_frame" and any(c.lower_ in lex("denial_object") or c.dep_ in ("ccomp", "dobj")
                                              for c in verb.children):
                f["accused_denies_object"] = True
        elif role == "admission_frame" and any(m.kind == "person" for m in _actors(doc, [subj], ms)):
            f["person_admits"] = True
    for r in sorted(by_accused):
        f[f"accused_{r}"] = True
    return f


def _decide_status(doc, ms, a: AllegationX, sents, cue_sents, tf) -> str:
    f = _status_features(doc, ms, a, sents, cue_sents, tf)
    default = a.status
    if f.get("accused_denial_frame") and default == "alleged":
        default = "denied"  # "DeepSeek denied it in a paper": the accused's denial is the allegation's status
    meta = {"accused": a.accused, "accuser": a.accuser, "teacher": a.teacher, "teacher_company": a.teacher_company}
    label = learn.choose("allegation_status", f, default=default, labels=ALLEGATION_STATUSES, meta=meta)
    m = learn.model("allegation_status")
    if m is not None and default not in m.labels:
        return default  # a model that never saw this status (no denial in the corpus yet) cannot overrule it
    return label
