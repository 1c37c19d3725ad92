"""Property-based tests: extraction never raises, offsets slice the input, output is deterministic."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancekit import extract_statements
from stancekit.extract.quotes import find_quotations

QUOTES = "»«„“”\"‚‘’'›‹"
WORDS = ["sagte", "Minister", "er", "said", "the", "spokesman", "warnte", "Russland", "USA", "Kreml", ",", ".", ":",
         "dass", "sei", "werde", "laut", "according", "to", "\n\n", "?", "!", "Washington", "Putin", "droht"]
text_strategy = st.one_of(
    st.text(min_size=1, max_size=300),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(list(QUOTES)), st.text(max_size=5)),
             min_size=1, max_size=80).map(" ".join),
)
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text_strategy, st.sampled_from(["de", "en"]))
def test_extraction_never_raises_and_offsets_slice(text, lang):
    found = list(extract_statements(text, lang))
    for s in found:
        assert text[s.start:s.end] == s.text
        assert 0 <= s.start < s.end <= len(text)
    assert [x.to_dict() for x in extract_statements(text, lang)] == [x.to_dict() for x in found]


@SETTINGS
@given(st.text(alphabet=QUOTES + "ab \n", max_size=400))
def test_quotations_are_ordered_and_within_bounds(text):
    qs = find_quotations(text)
    for a, b in zip(qs, qs[1:]):
        assert a.end <= b.start
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)


def test_linear_time_guard_on_hostile_inputs():
    """Guards against quadratic blow-ups only (generous); speed itself is a benchmark."""
    import time

    for hostile in ["»" * 100_000, "„‚" * 50_000, "a " * 50_000, ("»a " * 30_000), '"x" ' * 25_000]:
        t = time.perf_counter()
        list(extract_statements(hostile, "de"))
        assert time.perf_counter() - t < 60
