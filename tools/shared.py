"""Where the team's shared folder is (labelled corpus, Compose schema): one answer for every script.

``$TICKERWIRE_SHARED`` when set, else ``shared/`` beside the checkout, else this machine's
``/work/shared``: a clone made elsewhere (CI's may be) still finds it.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = next(
    (
        p
        for p in (
            Path(os.environ.get("TICKERWIRE_SHARED", REPO.parent / "shared")),
            Path("/work/shared"),
        )
        if p.is_dir()
    ),
    REPO.parent / "shared",
)
