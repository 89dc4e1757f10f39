"""Fact evaluation against gold JSONL (``{"id", "text", "facts": [...]}``).

Matching rules, one-to-one and greedy in order:
* quantity: value and unit;
* member_count: count, unit and organisation (names share a word);
* membership: member and organisation (names share a word);
* role: the person's surname and the title's head word.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

from .scoring import PRF

FACT_TYPES = ("quantity", "member_count", "membership", "role")


def _words(name: str | None) -> set[str]:
    return {w.strip("\"'„“”«»()").casefold() for w in (name or "").split() if len(w.strip("\"'„“”«»()")) > 1}


def _overlap(a: str | None, b: str | None) -> bool:
    if not a and not b:
        return True
    return bool(_words(a) & _words(b))


def _last(name: str | None) -> str:
    parts = (name or "").split()
    return parts[-1].casefold() if parts else ""


def _same_number(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return False


def _name(p: Any) -> str | None:
    if p is None:
        return None
    return p["canonical"] if isinstance(p, dict) else str(p)


MATCHERS: dict[str, Callable[[dict, dict], bool]] = {
    "quantity": lambda g, p: _same_number(g["value"], p["value"]) and (g.get("unit") or "").casefold()
    == (p.get("unit") or "").casefold(),
    "member_count": lambda g, p: _same_number(g["count"], p["count"])
    and (g.get("unit") or "").casefold() == (p.get("unit") or "").casefold()
    and _overlap(_name(g.get("organization")), _name(p.get("organization"))),
    "membership": lambda g, p: _overlap(_name(g["member"]), _name(p["member"]))
    and _overlap(_name(g["organization"]), _name(p["organization"])),
    "role": lambda g, p: _last(_name(g["person"])) == _last(_name(p["person"]))
    and _last(g["role"]) == _last(p["role"]),
}


def evaluate_facts(analyzer, path: str | Path, show: bool = False) -> dict[str, Any]:  # noqa: ANN001
    scores: dict[str, PRF] = defaultdict(PRF)
    misses: list[dict] = []
    extras: list[dict] = []
    n = 0
    with open(path, encoding="utf8") as fh:
        for line in fh:
            if not line.strip():
                continue
            item = json.loads(line)
            n += 1
            article = analyzer.analyze(item["text"], id=item.get("id"), force_language="lv")
            predicted = [f.model_dump() for f in article.facts]
            for kind in FACT_TYPES:
                gold = [f for f in item["facts"] if f["type"] == kind]
                pred = [f for f in predicted if f["type"] == kind]
                used: set[int] = set()
                for g in gold:
                    hit = next((i for i, p in enumerate(pred) if i not in used and MATCHERS[kind](g, p)), None)
                    if hit is None:
                        misses.append({"id": item.get("id"), **g})
                    else:
                        used.add(hit)
                scores[kind].gold += len(gold)
                scores[kind].pred += len(pred)
                scores[kind].tp += len(used)
                extras.extend({"id": item.get("id"), **p} for i, p in enumerate(pred) if i not in used)
    total = PRF(sum(s.tp for s in scores.values()), sum(s.gold for s in scores.values()),
                sum(s.pred for s in scores.values()))
    result: dict[str, Any] = {"file": str(path), "articles": n,
                              "per_type": {k: scores[k].as_dict() for k in FACT_TYPES}, "all": total.as_dict()}
    if show:
        result["misses"] = misses
        result["extras"] = extras
    return result
