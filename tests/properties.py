"""Shared hypothesis settings and text strategies for the property tests (``test_*`` files import them).

Examples are drawn deterministically (``derandomize``) so that CI runs the same ones every time; run
``pytest --hypothesis-seed=N`` with ``HYPOTHESIS_RANDOM=1`` to explore new ones.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROPERTY = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "120")),
    deadline=None,
    derandomize=not os.environ.get("HYPOTHESIS_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_WORDS = (
    "Militants attacked killed wounded police soldiers Quetta Kabul Moscow Monday Tuesday March 2024 "
    "on in at the three 12 dozens at least about between and or to from ISKP Taliban said claimed "
    "denied 1,500 twenty-one hundreds million last week ago yesterday 3/4/2024 2024-03-22 31 April "
    "Боевики атаковали погибли трое полицейских в понедельник марта 2024 года десятки около более "
    "сотни тысячи вчера неделю назад"
)
WORDS = _WORDS.split()
PUNCT = [*" ,.;:!?()[]«»“”\"'-–—/\n\t", "\n\n", "\u200b", "\u00ad", "\u202e", "ﬁ", "\r\n", "\u0301", "ё"]

# text made of the words the stages look for, glued with punctuation and odd characters
news_text = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT), st.text(max_size=3)), max_size=80).map(
    lambda parts: " ".join(parts)
)
any_text = st.one_of(news_text, st.text(max_size=400))
