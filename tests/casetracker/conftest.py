import pytest

from casetracker import services
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

HOSTILE = ('In a development for the <a href="https://example.com/x” title=”AI”>artificial intelligence industry, '
           "Elon Musk testified that xAI used OpenAI’s models to train Grok. <script>alert(1)</script> "
           "The lawsuit, filed by OpenAI, accuses Musk. Musk said: “Partly.”")


def musk_extraction(text: str, *, with_quote: bool, version: str = "t") -> nlp.Extraction:
    """What the pipeline would read in one of musk_case's documents: the first quotes Musk, the second also has
    Anthropic accusing DeepSeek."""
    extraction = nlp.Extraction(
        parties=[party(text, "Elon Musk", "person", role="plaintiff", surface="Elon Musk", gid="elon-musk"),
                 party(text, "OpenAI", role="defendant", gid="openai"), party(text, "xAI", gid="xai")],
        cases=[nlp.CaseX(caption="Musk v. OpenAI", inferred=True, plaintiffs=["Elon Musk"],
                         defendants=["OpenAI"], evidence=[span(text, "OpenAI")])],
        events=[nlp.EventX(kind="testimony", what="Musk testifies that xAI used OpenAI models",
                           evidence=[span(text, "testified")])],
        allegations=[nlp.AllegationX(accused="xAI", teacher="OpenAI", status="admitted",
                                     evidence=[span(text, "xAI used OpenAI")])],
        is_ai_litigation=True, extractor_version=version)
    if with_quote:
        extraction.quotes = [nlp.QuoteX(text="Partly.", speaker="Elon Musk", cue="said",
                                        evidence=[span(text, "Partly.")])]
    else:
        extraction.parties += [party(text, "Anthropic"), party(text, "DeepSeek")]
        extraction.allegations.append(nlp.AllegationX(accused="DeepSeek", accuser="Anthropic", teacher="Claude",
                                                      evidence=[span(text, "accused DeepSeek")]))
    return extraction


@pytest.fixture
def musk_case(db):
    """One case, two documents (one with raw markup), quotes, an allegation and an event."""
    docs = []
    for i, text in enumerate([HOSTILE, "Elon Musk sued OpenAI. Musk testified on Thursday that xAI used OpenAI "
                                       "models. Anthropic accused DeepSeek of distilling Claude."]):
        doc = DocumentFactory(text=text, title=f"Musk testimony {i}", publisher=["GeekWire", "The Verge"][i])
        extraction = musk_extraction(text, with_quote=i == 0)
        services.extraction_record(document=doc, extraction=extraction)
        docs.append(doc)
    from casetracker.models import Case

    return Case.objects.get(), docs


# ----------------------------------------------------------------------------- following (issue 16)
@pytest.fixture
def member(db, django_user_model, settings):
    """A member (group "member", made by migration 0011_alerts; a transactional test's flush empties it) with an
    email address (passwords hashed fast)."""
    from django.contrib.auth.models import Group

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = django_user_model.objects.create_user("reporter", "reporter@example.org", "a long passphrase 16")
    user.groups.add(Group.objects.get_or_create(name="member")[0])
    return user


class _SMTPSink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        import email
        from email import policy

        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 (aiosmtpd); Django's mail goes to it for this test."""
    from aiosmtpd.controller import Controller

    sink = _SMTPSink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", controller.port, False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture
def receiver(settings):
    """A webhook receiver on 127.0.0.1: records every request (headers, body) and answers ``receiver.status``."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    received, state = [], {"status": 204}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.append({"path": self.path, "headers": dict(self.headers.items()), "body": body})
            self.send_response(state["status"])
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    class Receiver:
        url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
        requests = received

        @staticmethod
        def answer(status: int) -> None:
            state["status"] = status

    yield Receiver
    server.shutdown()
    server.server_close()
