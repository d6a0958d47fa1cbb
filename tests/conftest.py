import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


def truth(path: Path) -> dict:
    return json.loads((SAMPLES / "truth" / (path.stem + ".json")).read_text(encoding="utf-8"))


@pytest.fixture(params=SAMPLE_FILES, ids=lambda p: p.stem[:3])
def sample(request) -> Path:
    return request.param
