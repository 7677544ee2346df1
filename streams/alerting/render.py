"""Render: an alert dict -> a few readable lines for a terminal (``tickerwire watch``, the demo)."""

from __future__ import annotations

from typing import Any


def render_alert(alert: dict[str, Any]) -> str:
    if alert.get("schema") == "alert-retraction.v1":
        return (
            f"[{alert.get('language') or '?'}] RETRACTED {alert.get('alert_id')}: "
            f"{alert.get('headline') or alert.get('article_id')}\n    why: {alert.get('reason')}"
        )
    tags = ", ".join(f"{t['name']} {t['score']:.2f}" for t in alert.get("tags", []))
    lines = [f"[{alert.get('language', '?')}] {alert.get('headline') or alert.get('article_id')}"]
    lines.append(f"    tags: {tags}")
    if alert.get("supersedes"):
        lines.append(f"    supersedes {alert['supersedes']} (revision {alert.get('revision')})")
    partnership = alert.get("partnership")
    if partnership:
        pairs = "; ".join(" + ".join(p) for p in partnership.get("partners", []))
        scope = ", ".join(partnership.get("scope", []))
        lines.append(
            f"    partnership: {partnership['status']}"
            + (f" ({pairs})" if pairs else "")
            + (f" scope: {scope}" if scope else "")
        )
    for entity in alert.get("entities", []):
        symbols = " ".join(x["yahoo"] for x in entity.get("listings", [])) or "unlisted"
        lines.append(f"    {entity['role']:<9} {entity['name']} [{symbols}]")
    for tag in alert.get("tags", []):
        for ev in tag.get("evidence", [])[:1]:
            sentence = " ".join(ev.get("sentence", "").split())
            lines.append(f"    why {tag['name']}: «{ev['text']}» in: {_clip(sentence, 160)}")
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
