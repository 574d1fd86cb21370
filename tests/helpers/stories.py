"""Story fixtures shared by tests: three events' sentence pools and a model-free featurizer."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

import numpy as np

from newsdesk.article import Article
from newsdesk.cluster.embed import DIM
from newsdesk.cluster.features import ArticleFeatures, features_for

EVENTS = {
    "quake": [
        "An earthquake of magnitude {n} struck the Orlen valley early on Monday.",
        "Bridges near Varna were damaged and villages around Lake Orlen lost power.",
        "Rescue teams reached the worst-hit villages by mid-morning, the governor said.",
        "Seismologists recorded more than forty aftershocks in the Orlen valley overnight.",
        "Schools in Varna stayed closed while engineers inspected the buildings.",
        "The quake was the strongest in the valley since records began, experts said.",
        "Residents of Lake Orlen spent the night in tents outside their homes.",
        "The regional governor asked the army for help clearing roads to Varna.",
    ],
    "strike": [
        "Dock workers at Port Selva walked out over automated cranes on Monday.",
        "Ferries and freight stopped as the dockers union picketed the Selva terminals.",
        "Talks with the port authority broke down after the cranes were switched on.",
        "The union said {n} members joined the stoppage on the first morning.",
        "Exporters warned that perishable cargo was rotting on the Selva quays.",
        "The port authority called the walkout illegal and threatened legal action.",
        "Dockers marched from the terminal gates to the harbour office at noon.",
        "A ballot on an indefinite strike will be held next week, the union said.",
    ],
    "vote": [
        "The Corvanian assembly passed the Affordable Homes Act by {n} votes.",
        "The act caps rents in Kessrick and Marrowby for the next five years.",
        "Housing minister Ilse Varga led the debate, which ran past midnight.",
        "Landlords' groups said the rent cap would choke new construction [sic].",
        "Tenants cheered outside the assembly building as the result was read.",
        "The opposition promised to repeal the act if it wins the next election.",
        "Varga said the act was the biggest housing reform in a generation.",
        "The law takes effect on the first of July, officials said.",
    ],
}


def hash_vector(text: str) -> np.ndarray:
    """A stand-in for the sentence model: bag of hashed words, unit length."""
    vector = np.zeros(DIM, dtype=np.float32)
    for word in text.lower().split():
        vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
    return vector / max(float(np.linalg.norm(vector)), 1e-9)


def fake_features(articles: Sequence[Article]) -> list[ArticleFeatures]:
    """Story features with a hashed bag of words standing in for the sentence model."""
    return [features_for(a, hash_vector(a.body)) for a in articles]


def record(name: str, event: str, n: int, day: int, outlet: str) -> dict[str, str]:
    """One JSON Lines record of ``event``: four of its sentences, chosen by ``n``."""
    pool = EVENTS[event]
    # four consecutive sentences from a start that moves with n; records whose n differ
    # by 2 share at most half their sentences, so neither is a near-copy of the other
    start = (n * 3) % len(pool)
    picked = [pool[(start + k) % len(pool)] for k in range(4)]
    text = " ".join(picked).format(n=n) + f" Reported by {outlet}."
    return {
        "id": name,
        "url": f"https://{outlet.lower()}.example/{name}",
        "title": f"{event.title()} report {name}",
        "text": text,
        "outlet": outlet,
        "published": (datetime(2026, 3, 9, 8) + timedelta(days=day)).isoformat(),
    }
