"""An item's digest, computed the same way here and by the team server (the function
``team_item_digest`` of migration 0002), which refuses any row whose digest does not match.

The digest covers the whole item: its commitment, its kind and every field of its payload, so
a digest names exactly one content and nobody can store other words under it. The canonical
text is what PostgreSQL builds from the stored JSONB: JSON strings of commitment and kind, then
the payload's keys in code-point order, each with its value as PostgreSQL prints it.
"""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring
from typing import Any


def item_digest(cid: str, kind: str, payload: Any) -> str:
    text = f"{_string(cid)},{_string(kind)},{_canonical(payload)}"
    # surrogatepass: a string Python holds but UTF-8 cannot is refused by the server, not here
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _string(value: str) -> str:
    # PostgreSQL's escape_json and Python agree: \" \\ \b \f \n \r \t, other controls \u00xx
    return encode_basestring(value)  # = json.dumps, faster


def _canonical(payload: Any) -> str:
    if isinstance(payload, dict):
        fields = (f"{_string(k)}:{_jsonb_text(v)}" for k, v in sorted(payload.items()))
        return "{" + ",".join(fields) + "}"
    return _jsonb_text(payload)


def _jsonb_text(value: Any) -> str:
    """A value as PostgreSQL prints JSONB (nested objects: keys by length, then bytes)."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: (len(k.encode()), k.encode()))
        return "{" + ", ".join(f"{_string(k)}: {_jsonb_text(value[k])}" for k in keys) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_jsonb_text(v) for v in value) + "]"
    if isinstance(value, str):
        return _string(value)
    return json.dumps(value)  # null, true/false, integers: printed alike
