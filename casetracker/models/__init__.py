from .documents import Document, Evidence, Feed, FeedItem, RawInput, StoryBand, StoryCluster
from .parties import Alias, Party
from .cases import Case, CaseDocket, CaseDocument, CaseFact, CaseParty, CaseRelation, Counsel, LawFirm
from .facts import Allegation, Claim, Correction, Event, EventSource, Mention, Quote, Review
from .alerts import Alert, AlertSent, Change, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .courtlistener import FollowedDocket, WebhookEvent
from .history import CaseRedirect, Revision
from .queue import ReviewItem, ReviewStale

__all__ = [
    "Alert", "AlertSent", "Change", "WebhookAttempt", "WebhookDelivery", "WebhookEndpoint",
    "Alias", "Allegation", "Case", "CaseRedirect", "Revision", "Review", "CaseDocket", "CaseDocument", "CaseFact", "CaseParty", "CaseRelation",
    "Counsel", "LawFirm", "Claim", "Correction", "Document",
    "Event", "EventSource", "Evidence", "Feed", "FeedItem", "FollowedDocket", "Mention", "Party", "Quote",
    "RawInput", "ReviewItem", "ReviewStale", "StoryBand", "StoryCluster", "WebhookEvent",
]
