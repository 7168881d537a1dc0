from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError

from casetracker.models import FollowedDocket


class Command(BaseCommand):
    help = ("CourtListener dockets: follow DOCKET (an id or a courtlistener.com docket URL), sync the followed ones, "
            "search \"QUERY\" for dockets to follow, list them, unfollow DOCKET.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        follow = sub.add_parser("follow", help="fetch a docket and keep it current")
        follow.add_argument("dockets", nargs="+", help="docket ids or courtlistener.com docket URLs")
        sub.add_parser("sync", help="refresh every followed docket (only what changed)")
        search = sub.add_parser("search", help="list dockets matching a query")
        search.add_argument("query")
        search.add_argument("--limit", type=int, default=20)
        sub.add_parser("list", help="the followed dockets and how their last sync went")
        unfollow = sub.add_parser("unfollow", help="stop refreshing a docket (its record stays)")
        unfollow.add_argument("dockets", nargs="+")

    def handle(self, *args, action, **opts):
        from ingest.courtlistener.client import CourtListenerError

        try:
            getattr(self, f"_{action}")(**opts)
        except ValueError as e:  # a bad docket reference, a bad COURTLISTENER_RATE or COURTLISTENER_API_URL
            raise CommandError(str(e)) from e
        except CourtListenerError as e:
            raise CommandError(str(e)) from e

    def _follow(self, dockets, **_):
        from ingest.courtlistener import sync
        from ingest.courtlistener.client import CourtListenerError

        refs = [(ref, sync.docket_id(ref)) for ref in dockets]  # every reference checked before any request
        api, failed = sync.client(), []
        for ref, _ in refs:
            fd = sync.follow(ref)
            try:
                synced = sync.sync_docket(fd, api=api, full=not fd.document_id)
            except CourtListenerError as e:
                failed.append(str(e))
                self.stderr.write(f"{e} (recorded; the next sync tries again)")
                continue
            fd.refresh_from_db()
            case = fd.case
            self.stdout.write(f"docket {fd.courtlistener_id}: {case.case_name if case else '?'} — "
                              f"{synced.new_entries} new entr{'y' if synced.new_entries == 1 else 'ies'}, case "
                              f"{case.get_absolute_url() if case else '?'}")
        if failed:
            raise CommandError(f"{len(failed)} of {len(refs)} dockets failed")

    def _sync(self, **_):
        from ingest.courtlistener import sync

        report = sync.sync_all()
        for s in report.synced:
            self.stdout.write(f"docket {s.docket}: " + (f"updated, {s.new_entries} new entries" if s.changed
                                                         else "unchanged"))
        for docket, error in report.failed:
            self.stderr.write(f"{error} (recorded; the next sync tries again)")
        if report.deferred:
            self.stderr.write(f"rate limit reached: {len(report.deferred)} dockets wait for the next sync "
                              f"({', '.join(map(str, report.deferred))})")
        self.stdout.write(f"{sum(s.changed for s in report.synced)} updated, "
                          f"{sum(not s.changed for s in report.synced)} unchanged, {len(report.failed)} failed, "
                          f"{len(report.deferred)} deferred")

    def _search(self, query, limit, **_):
        from ingest.courtlistener import sync
        from ingest.courtlistener.client import site_url

        if not query.strip():
            raise CommandError("give a query, e.g. \"OpenAI copyright\"")
        hits = sync.client().search(query, limit=max(1, min(limit, 100)))
        followed = set(FollowedDocket.objects.filter(active=True).values_list("courtlistener_id", flat=True))
        for hit in hits:
            cl_id = hit.get("docket_id")
            mark = " (followed)" if cl_id in followed else ""
            self.stdout.write(f"{cl_id}\t{_one_line(hit.get('caseName') or hit.get('case_name'))}\t"
                              f"{_one_line(hit.get('court_id'))}\t{_one_line(hit.get('docketNumber'))}\t"
                              f"filed {_one_line(hit.get('dateFiled')) or '?'}\t"
                              f"{site_url(hit.get('docket_absolute_url') or '')}{mark}")
        self.stdout.write(f"{len(hits)} docket{'s' if len(hits) != 1 else ''}; follow one with "
                          "`manage.py courtlistener follow DOCKET_ID`")

    def _list(self, **_):
        for fd in FollowedDocket.objects.select_related("case").order_by("courtlistener_id"):
            state = fd.status + (f": {fd.error}" if fd.error else "")
            self.stdout.write(f"{fd.courtlistener_id}\t{fd.case.case_name if fd.case else '-'}\t"
                              f"{'followed' if fd.active else 'unfollowed'}\t{state}\t"
                              f"last synced {fd.last_synced_at or 'never'}")

    def _unfollow(self, dockets, **_):
        from ingest.courtlistener import sync

        n = sum(sync.unfollow(ref) for ref in dockets)
        self.stdout.write(f"{n} docket{'s' if n != 1 else ''} unfollowed")


def _one_line(value) -> str:
    """Text from CourtListener on one terminal line, without control characters (no escape sequences)."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", str(value or "")).split())[:200]
