"""Distillation allegations: who says (accuser) that whom (accused) trained on whose model outputs
(teacher) to build which model (student), and whether it is alleged, admitted, denied or ruled.

Read from the dependency parse of the sentences that speak of distillation (or of training on another
lab's outputs):
- an action clause ("DeepSeek distilled Claude", "xAI used OpenAI's models to train Grok", "the labs
  extracted capabilities from Claude", "individuals linked to DeepSeek sought to obtain outputs") gives
  the accused (its subject, with coordinated names or a resolved "these firms") and the teacher (a
  model named in its object or a from/of phrase, else the company whose models/outputs/API it names;
  "its models" is the accuser's);
- the verb that governs it gives the accuser and the status: accuse/claim/say/allege -> alleged by its
  subject; admit/acknowledge/confirm/testify/"partly" -> admitted; deny/reject -> denied; a court or
  judge finding -> ruled;
- an accusation verb with named objects ("accused DeepSeek, Moonshot and MiniMax of distilling",
  "naming DeepSeek, Moonshot and MiniMax as violators", "were criticized by Anthropic") in or next to a
  distillation sentence gives accuser and accused directly.
Generic targets ("Chinese firms", "third parties") name no one and give nothing; so does talk about
distillation in general, and an accusation of trade-secret or data theft that is not distillation.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span

from ingest.nlp import layout
from ingest.nlp.mentions import Mention, covering
from ingest.nlp.types import AllegationX, Evidence

SIGNAL = re.compile(r"\bdistil\w*|\bdistillation\b", re.I)
ACTION_SIGNAL = re.compile(
    r"\b(?:train\w*|improve\w*|develop\w*|build\w*|bootstrap\w*|boost\w*)\b[^.]{0,80}\b(?:outputs?|responses|answers|"
    r"models?|technology|systems?)\b|\b(?:outputs?|models?|technology)\b[^.]{0,60}\bto (?:train|improve|develop|build|"
    r"validate|enhance)\b|\bextract\w* (?:\w+ )?(?:capabilities|knowledge|data)|\bsiphon\w*|\bclon\w+|\breplicat\w+|"
    r"\bfraudulent accounts\b|\bmimic\w*|\bobtain outputs\b|\bcollect outputs\b", re.I)
ACCUSE = {"accuse", "allege", "claim", "name", "cite", "identify", "flag", "single", "blame", "charge", "say", "tell",
          "warn", "report", "find", "detect", "suspect", "point", "complain", "reveal", "believe", "investigate",
          "probe", "catch", "criticize", "criticise", "raise", "suggest", "argue", "maintain", "link", "observe",
          "state", "write", "note", "show", "add", "discover", "know", "see"}
STRONG_ACCUSE = {"accuse", "name", "cite", "identify", "single", "blame", "criticize", "criticise", "flag", "list",
                 "call"}
ADMIT = {"admit", "acknowledge", "confirm", "concede", "testify", "confess", "answer", "reply", "agree"}
DENY = {"deny", "reject", "refute", "dispute"}
RULE = {"rule", "hold", "conclude", "decide", "find"}
ACTION = {"distill", "distil", "use", "train", "employ", "extract", "siphon", "copy", "clone", "leverage", "exploit",
          "mimic", "steal", "harvest", "query", "scrape", "bootstrap", "replicate", "exfiltrate",
          "obtain", "collect", "access", "conduct", "run", "engage", "rip", "capture", "acquire"}
MODEL_WORDS = {"model", "models", "output", "outputs", "technology", "technologies", "system", "systems",
               "responses", "answers", "capabilities", "api", "chatbot", "ai", "tech", "data", "knowledge",
               "reasoning", "intelligence", "services", "platform", "llm", "llms"}
ADMIT_RE = re.compile(r"[“\"‘'](?:partly|partially|partial)\b|\b(?:admitted|acknowledged|conceded|confessed|"
                      r"testified|under oath)\b", re.I)
DENY_RE = re.compile(r"\bden(?:y|ies|ied)\b|\brejected (?:the|these|those) (?:claims?|allegations?|accusations?)", re.I)
GENERIC_ACCUSED = re.compile(r"^(?:chinese|foreign|third|rival|other|some|competitors|adversaries)", re.I)
CONTEXT_LINKS = ("linked", "affiliated", "associated", "connected", "tied", "including", "such")


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
    for t in [tok, *tok.conjuncts]:
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
                if x.dep_ in ("relcl", "ccomp", "advcl") or (x.dep_ == "acl" and x.lower_ not in CONTEXT_LINKS) or \
                        (x.dep_ == "prep" and x.lower_ not in ("of", "to", "as", "including", "like", "at", "from")
                         and x.head.lower_ not in CONTEXT_LINKS) or x.lower_ in ("than",):
                    path_ok = False
                    break
                x = x.head
            m = covering(ms, doc, sub.i)
            if path_ok and m and m.kind in ("company", "person", "agency") and m not in out:
                if not _is_source(doc, m):
                    out.append(m)
    return out


def _is_source(doc: Doc, m: Mention) -> bool:
    """The mention names whose models are meant: "OpenAI's models", "from OpenAI", "Claude's capabilities"."""
    tok = doc[m.tok]
    nxt = doc[m.tok_end] if m.tok_end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("’s", "'s", "’") and m.tok_end + 1 < len(doc):
        if any(t.lower_ in MODEL_WORDS for t in doc[m.tok_end + 1:m.tok_end + 4]):
            return True
    if tok.dep_ in ("poss", "compound") and tok.head.lower_ in MODEL_WORDS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ("from", "on", "through", "via")


def _subject_toks(verb) -> list:
    """The actor of a verb: its subject, climbing from infinitives and participles; for a passive verb the
    'by' agent ("it can be exploited by competitors to capture ..." -> competitors)."""
    v = verb
    for _ in range(4):
        if any(c.dep_ == "auxpass" for c in v.children):
            return [o for c in v.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        subs = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
        if subs:
            return subs
        if v.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl", "pcomp") and v.head.i != v.i:
            if v.dep_ in ("acl", "relcl"):
                return [v.head]
            v = v.head
        else:
            break
    return []


def _governor(verb):
    """The nearest verb above the action clause that reports, admits, denies or rules on it."""
    v = verb
    for _ in range(5):
        if v.head.i == v.i:
            return None
        if v.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "pcomp", "pobj", "prep", "acl", "relcl", "dobj",
                          "nsubj", "nsubjpass", "csubj", "attr"):
            return None
        v = v.head
        lemma = v.lemma_.lower()
        if v.pos_ in ("VERB", "AUX") and lemma in ACCUSE | ADMIT | DENY | RULE | STRONG_ACCUSE:
            return v
        if v.pos_ == "NOUN" and v.lower_ in ("evidence", "signs", "accusation", "accusations", "allegation",
                                             "allegations", "claims", "concerns", "admission"):
            continue
    return None


def _actors(doc, toks, ms) -> list[Mention]:
    out = []
    for t in toks:
        out += [m for m in _np(doc, t, ms) if m not in out]
    return out


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
            student = student or m.name
            continue
        if co in accused or co is None:
            continue
        if m.kind == "model" and (teacher is None or teacher == co) and not (
                t.dep_ in ("appos", "attr") or t.head.lemma_.lower() in ("competitor", "rival", "alternative", "to")):
            teacher = m.name
        elif teacher is None and (_is_source(doc, m) or t.dep_ in ("dobj", "pobj")):
            teacher = co
    if student is None:
        for m in ms:
            if sent.start_char <= m.start < sent.end_char and m.kind == "model" and m.owner in accused:
                student = m.name
                break
    if teacher is None and accuser and re.search(r"\b(?:its|their) (?:own )?(?:\w+ )?(?:models?|outputs?)\b",
                                                 sent.text, re.I):
        teacher = accuser
    return teacher, student


def _status(gov, sent_text: str, accused: set, ms, doc) -> str:
    if gov is not None:
        lemma = gov.lemma_.lower()
        subj = [m for s in _subject_toks(gov) for m in _np(doc, s, ms)]
        if lemma in RULE and any(t.lower_ in ("court", "judge", "jury") for s in _subject_toks(gov) for t in s.subtree):
            return "ruled"
        if lemma in DENY:
            return "denied"
        if lemma in ADMIT:
            return "admitted"
    if re.search(r"\b(?:accus\w*|alleg\w*)\b", sent_text, re.I):
        return "alleged"
    if ADMIT_RE.search(sent_text):
        return "admitted"
    return "alleged"


def _sentences(doc: Doc) -> list[tuple[Span, bool, bool]]:
    """(sentence, speaks of distillation itself, or a neighbour does) for sentences worth reading."""
    sents = layout.sents(doc)
    out = []
    flags = [bool(SIGNAL.search(s.text)) for s in sents]
    for i, s in enumerate(sents):
        near = any(flags[max(0, i - 2):i + 3])
        if flags[i] or ACTION_SIGNAL.search(s.text) or near:
            out.append((s, flags[i], near))
    return out


def find(doc: Doc, mentions: list[Mention]) -> list[AllegationX]:
    if not SIGNAL.search(doc.text) and not ACTION_SIGNAL.search(doc.text):
        return []
    ms = mentions
    found: list[AllegationX] = []
    for sent, signal, near in _sentences(doc):
        ev = Evidence(sent.start_char, sent.end_char, sent.start_char, sent.end_char)
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and lemma in ("distillation",)):
                continue
            if lemma in ACTION and (signal or ACTION_SIGNAL.search(sent.text)):
                _from_action(doc, tok, sent, ms, found, ev, signal)
            elif near and lemma in STRONG_ACCUSE | {"accuse", "raise", "link", "investigate", "suspect"}:
                _from_accusation(doc, tok, sent, ms, found, ev, signal)
    admitters = {m.name for m in ms if m.kind == "person" and doc[m.tok].dep_ == "nsubj"
                 and doc[m.tok].head.lemma_.lower() in ADMIT - {"answer", "reply", "agree"}}
    reports_admission = bool(re.search(r"\b(?:admission|admitted|admits|testified|testimony|under oath|confessed)\b",
                                       doc.text, re.I))
    for a in found:  # what the accused's own people say under oath is an admission
        if a.status == "alleged" and (a.accuser in admitters or a.accuser is None and reports_admission):
            a.accuser, a.status = None, "admitted"
    out = _dedupe(found)
    if any(a.teacher is None and a.accuser for a in out):
        # "OpenAI said it removes users suspected of attempting to distill its models": the speaker's own
        own_models = [(s.start_char, s.end_char) for s in layout.sents(doc)
                      if SIGNAL.search(s.text) and OWN_MODELS.search(s.text)]
        for a in out:
            if a.teacher is not None or not a.accuser:
                continue
            if any(m.name == a.accuser and s0 <= m.start < s1 for s0, s1 in own_models for m in ms):
                a.teacher = a.accuser
                continue
            # Anthropic accusing labs of a campaign that "targeted Claude's strongest differentiators": the one
            # model of the accuser the text names is what was distilled
            named = {m.name for m in ms if m.kind == "model" and m.owner == a.accuser}
            if len(named) == 1:
                a.teacher = named.pop()
    return out


OWN_MODELS = re.compile(r"\b(?:its|our) (?:own )?(?:\w+ )?models?\b", re.I)
CAMPAIGN_VERBS = {"run", "conduct", "engage"}
PREVENT = {"prohibit", "forbid", "ban", "bar", "restrict", "prevent", "block", "protect", "disrupt", "stop", "detect"}


def _from_action(doc, verb, sent, ms, found, ev, signal) -> None:
    if any(c.dep_ == "auxpass" for c in verb.children):
        return
    if any(a.lemma_.lower() in PREVENT for a in list(verb.ancestors)[:4]):
        return  # "its terms prohibit using their models to train ...": a rule, not an act
    skip = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    skip |= {t.i for t in verb.subtree if t.i != verb.i and t.dep_ in ("acl", "relcl", "advcl", "ccomp")
             for t in t.subtree}  # what a clause hanging from the object says is not what the verb does
    scope = [t for t in verb.subtree if t.i not in skip]
    if not any(SIGNAL.match(t.text) or t.lower_ in MODEL_WORDS or (covering(ms, doc, t.i) is not None and
               covering(ms, doc, t.i).kind == "model") for t in scope):
        return
    if verb.lemma_.lower() in CAMPAIGN_VERBS and not any(SIGNAL.match(t.text) for t in scope):
        return  # "ran a campaign against Chinese AI labs" is not "ran distillation campaigns"
    accused_ms = [m for m in _actors(doc, _subject_toks(verb), ms) if _company(m) or m.kind == "person"]
    gov = _governor(verb)
    accusers = []
    if gov is not None:
        accusers = [m for m in _actors(doc, _subject_toks(gov), ms) if m.kind in ("company", "person", "agency")]
        accusers += [m for c in gov.children if c.dep_ == "agent" for o in c.children for m in _np(doc, o, ms)]
    accused = []
    for m in accused_ms:
        name = _company(m)
        if name and name not in accused and name not in {a.name for a in accusers}:
            accused.append(name)
    if not accused:
        return
    accuser = next((a.name for a in accusers if a.name not in accused), None)
    status = _status(gov, sent.text, set(accused), ms, doc)
    if status == "admitted" and accuser and gov is not None and gov.lemma_.lower() in ADMIT:
        accuser = None  # the one admitting is the accused's side
    teacher, student = _teacher(doc, verb, ms, set(accused), accuser, sent)
    if verb.lemma_.lower() in CAMPAIGN_VERBS and gov is None and teacher is None:
        return  # "X has been running a campaign framing distillation as a threat": nobody says X distilled
    if not signal and not _ai_source(teacher):
        return  # "used X to train Y" with no distillation and no AI model as the source
    for name in accused:
        if teacher and (teacher == name or _owner(ms, teacher) == name):
            continue
        found.append(AllegationX(accused=name, accuser=accuser, teacher=teacher, student=student, status=status,
                                 evidence=[ev]))


def _ai_source(name) -> bool:
    from ingest.nlp import gazetteer
    e = gazetteer.by_name(name) if name else None
    return bool(e and (e.kind == "model" or e.ai))


def _owner(ms, name):
    return next((m.owner for m in ms if m.name == name and m.owner), None)


def _from_accusation(doc, verb, sent, ms, found, ev, signal) -> None:
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if passive:
        accused_ms = _actors(doc, [c for c in verb.children if c.dep_ == "nsubjpass"], ms)
        accuser_ms = [m for c in verb.children if c.dep_ == "agent" for o in c.children for m in _np(doc, o, ms)]
    else:
        accuser_ms = _actors(doc, _subject_toks(verb), ms)
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj", "oprd")]
        objs += [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("about", "to", "over")
                 for o in c.children if o.dep_ == "pobj"]
        accused_ms = _actors(doc, objs, ms)
        if not accused_ms and verb.lemma_.lower() == "accuse":  # "accused Chinese startup DeepSeek of ...", misparsed
            for t in doc[verb.i + 1:min(verb.i + 12, sent.end)]:
                if t.lower_ == "of":
                    break
                m = covering(ms, doc, t.i)
                if m is not None and m.kind in ("company", "person", "agency") and m not in accused_ms:
                    accused_ms.append(m)
            else:
                accused_ms = []
    of_clause = " ".join(t.text for c in verb.children if c.dep_ in ("prep", "advcl", "xcomp") for t in c.subtree)
    if not (signal or SIGNAL.search(of_clause) or verb.lemma_.lower() in STRONG_ACCUSE):
        return
    if re.search(r"\btrade secrets?\b|\bpoach\w*|\bdata theft\b", sent.text, re.I) and not SIGNAL.search(sent.text):
        return
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
        if name and name not in accusers and name not in accused and not GENERIC_ACCUSED.match(m.text):
            accused.append(name)
    if not accused or not accusers:
        return
    teacher, student = _teacher(doc, verb, ms, set(accused), accusers[0], sent)
    own = teacher == accusers[0]  # "X and Y accused ... of distilling their models": each accuser's own
    for accuser in accusers:
        for name in accused:
            t = accuser if own else teacher
            if t and (t == name or _owner(ms, t) == name):
                t = None
            found.append(AllegationX(accused=name, accuser=accuser, teacher=t, student=student,
                                     status="alleged", evidence=[ev]))


RANK = {"alleged": 0, "denied": 1, "admitted": 2, "ruled": 3}


def _dedupe(found: list[AllegationX]) -> list[AllegationX]:
    out: list[AllegationX] = []
    for new in found:
        for old in out:
            if old.accused == new.accused and (old.accuser == new.accuser or not old.accuser or not new.accuser) and \
                    (old.teacher == new.teacher or not old.teacher or not new.teacher or
                     old.accuser == new.accuser and old.accuser):
                if old.teacher is None or new.teacher and _is_model_name(new.teacher) and not _is_model_name(old.teacher):
                    old.teacher = new.teacher or old.teacher
                old.student = old.student or new.student
                if new.accuser and not old.accuser and new.status != "admitted":
                    old.accuser = new.accuser
                if RANK[new.status] > RANK[old.status]:
                    old.status = new.status
                old.evidence += new.evidence
                break
        else:
            out.append(new)
    return out


def _is_model_name(name: str) -> bool:
    from ingest.nlp import gazetteer
    e = gazetteer.by_name(name)
    return bool(e and e.kind == "model")
