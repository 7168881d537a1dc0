"""The review queue, stored (casetracker.review_queue): one row per fact an editor can check, with its priority, so
the queue page and its API read a page of the most urgent facts through an index (keyset pagination) however many
facts there are, instead of computing every case's facts on each request.

A case's rows are rebuilt from its facts (``review_queue.refresh``) when the writers mark it stale
(``ReviewStale``, in the same transaction as the change), before the queue is read, by celery beat, and
all of them by ``manage.py review_queue --rebuild`` (the visibility of a fact decays with age: beat rebuilds daily).
"""
from __future__ import annotations

from django.db import models


class ReviewItem(models.Model):
    kind = models.CharField(max_length=12, help_text="casefield, caseparty, event, allegation, quote, mention, claim")
    key = models.CharField(max_length=30, help_text="the fact's id, or the case field's name")
    case = models.ForeignKey("Case", on_delete=models.CASCADE, related_name="review_items")
    priority = models.FloatField(help_text="visibility × (1 − certainty)")
    certainty = models.FloatField()
    visibility = models.FloatField()
    review = models.CharField(max_length=10, blank=True, help_text='"" unchecked, or the decision')
    reviewed_at = models.DateTimeField(null=True, blank=True)
    listed = models.BooleanField(default=True, help_text="its case is AI litigation: in the queue of every case")
    data = models.JSONField(default=dict, help_text="what the queue shows: label, value, sentence, fields ...")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "kind", "key"], name="reviewitem_unique")]
        # the queue's views, most urgent first, each read after a keyset cursor (priority, id) < (p, i)
        indexes = [
            models.Index(models.F("priority").desc(), models.F("id").desc(), name="reviewitem_unchecked",
                         condition=models.Q(review="", listed=True)),
            models.Index("kind", models.F("priority").desc(), models.F("id").desc(), name="reviewitem_kind",
                         condition=models.Q(review="", listed=True)),
            models.Index("case", models.F("priority").desc(), models.F("id").desc(), name="reviewitem_case"),
            models.Index(models.F("priority").desc(), models.F("id").desc(), name="reviewitem_listed",
                         condition=models.Q(listed=True)),
        ]


class ReviewStale(models.Model):
    """A case whose queue rows are out of date (a writer changed its facts). No foreign key: a writer may mark a case
    that a merge deletes in the same transaction; the rebuild drops the marks of cases that are gone."""

    case_id = models.BigIntegerField(primary_key=True)
    marked_at = models.DateTimeField(auto_now=True)
