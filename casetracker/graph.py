"""Who accuses whom of distilling which models: the allegation graph, laid out on the server.

Nodes are parties, edges go from the accuser to the accused (from the teacher when no accuser is named,
as with an admission). Nodes sit on a circle, accusers first; the template draws the SVG and, beside it,
a table of the same edges. Each edge links to its row in the table, which lists every source sentence.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from casetracker import provenance

WIDTH, HEIGHT, RADIUS = 720, 520, 190


@dataclass
class Node:
    party: object
    x: float = 0.0
    y: float = 0.0
    made: int = 0
    received: int = 0

    @property
    def anchor(self) -> str:
        return "start" if self.x > WIDTH / 2 + 5 else ("end" if self.x < WIDTH / 2 - 5 else "middle")

    @property
    def label_x(self) -> float:
        return self.x + (12 if self.anchor == "start" else -12 if self.anchor == "end" else 0)

    @property
    def label_y(self) -> float:
        return self.y + (4 if self.anchor != "middle" else (-14 if self.y < HEIGHT / 2 else 22))


@dataclass
class Edge:
    key: str
    source: Node
    target: Node
    accuser: object
    accused: object
    teachers: list = field(default_factory=list)
    students: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)  # status -> number of documents
    allegations: list = field(default_factory=list)
    independent: int = 0

    @property
    def status(self) -> str:
        return ", ".join(sorted(self.statuses))

    @property
    def documents(self) -> int:
        return len({a.document_id for a in self.allegations})

    def _shorten(self, node_from: Node, node_to: Node, by: float):
        dx, dy = node_to.x - node_from.x, node_to.y - node_from.y
        length = math.hypot(dx, dy) or 1
        return node_from.x + dx * by / length, node_from.y + dy * by / length

    @property
    def line(self) -> tuple:
        x1, y1 = self._shorten(self.source, self.target, 12)
        x2, y2 = self._shorten(self.target, self.source, 16)
        return round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1)

    @property
    def width(self) -> float:
        return round(1.5 + min(self.documents, 8) * 0.6, 1)


@dataclass
class Graph:
    nodes: list[Node]
    edges: list[Edge]
    orphans: list = field(default_factory=list)  # allegations naming neither accuser nor teacher
    width: int = WIDTH
    height: int = HEIGHT


def build(allegations) -> Graph:
    allegations = list(allegations)
    edges: dict[tuple, Edge] = {}
    nodes: dict[int, Node] = {}
    orphans: list = []

    def node(party) -> Node:
        if party.pk not in nodes:
            nodes[party.pk] = Node(party)
        return nodes[party.pk]

    for a in allegations:
        origin = a.accuser or a.teacher
        if origin is None or origin.pk == a.accused_id:
            origin = None
        key = (origin.pk if origin else None, a.accused_id)
        if origin is None:
            orphans.append(a)  # listed under the table: nobody named on the other end
            continue
        e = edges.get(key)
        if e is None:
            e = edges[key] = Edge(f"{origin.slug}--{a.accused.slug}", node(origin), node(a.accused), a.accuser,
                                  a.accused)
            e.source.made += 1
            e.target.received += 1
        e.allegations.append(a)
        e.statuses[a.status] = e.statuses.get(a.status, 0) + 1
        for value, bucket in ((a.teacher, e.teachers), (a.student, e.students)):
            if value and value not in bucket:
                bucket.append(value)
    for e in edges.values():
        e.independent = provenance.independent_count({a.document_id: a.document for a in e.allegations}.values())
    ordered = sorted(nodes.values(), key=lambda n: (-(n.made > 0), -n.made, n.received, n.party.name.lower()))
    for i, n in enumerate(ordered):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(ordered), 1)
        n.x = round(WIDTH / 2 + RADIUS * 1.35 * math.cos(angle), 1)
        n.y = round(HEIGHT / 2 + RADIUS * math.sin(angle), 1)
    return Graph(ordered, sorted(edges.values(), key=lambda e: (-e.documents, e.source.party.name, e.target.party.name)),
                 orphans)
