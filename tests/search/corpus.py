"""The five seed documents of demo/seeds as search documents."""

import datetime
from pathlib import Path

from search.documents import SearchDocument

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"


def seed_documents() -> list[SearchDocument]:
    docs = []
    for n, path in enumerate(sorted(SEEDS.glob("*.txt")), start=1):
        text = path.read_text(encoding="utf-8")
        docs.append(
            SearchDocument(
                key=f"seed:{path.stem}",
                type="directive",
                title=path.stem.replace("-", " "),
                url=f"/van-ban-chi-dao/{path.stem}/",
                text=text,
                date=datetime.date(2020 + n, 1, 1),
            )
        )
    return docs
