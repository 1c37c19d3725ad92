"""The canonical example: every statement of the seed article, right speaker, actor and kind."""

import json

import pytest

from stancekit import analyze, extract_statements

from .conftest import SHARED, needs_shared, overlap_match

pytestmark = needs_shared


@pytest.fixture(scope="module")
def seed():
    text = (SHARED / "seed" / "article_de.txt").read_text(encoding="utf-8")
    gold = [json.loads(line) for line in (SHARED / "seed" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return text, gold, list(extract_statements(text))


def test_every_gold_statement_found_with_speaker_actor_kind(seed):
    text, gold, found = seed
    for g in gold:
        hits = [s for s in found if overlap_match(g["text"], s.text)]
        assert hits, f"missing gold statement: {g['text']!r}"
        st = hits[0]
        assert st.speaker == g["speaker"], (g["text"], st.speaker)
        assert st.actor == g["actor"], (g["text"], st.actor)
        assert st.kind == g["kind"], (g["text"], st.kind)


def test_no_statement_that_is_not_in_gold(seed):
    _, gold, found = seed
    for st in found:
        assert any(overlap_match(g["text"], st.text) for g in gold), f"spurious statement: {st.text!r}"


def test_offsets_slice_the_input(seed):
    text, _, found = seed
    for st in found:
        assert text[st.start:st.end] == st.text


def test_outlet_rule_marks_yang_jin(seed):
    _, _, found = seed
    yang = next(s for s in found if s.speaker == "Yang Jin")
    assert (yang.actor_id, yang.actor_source) == ("CHN", "outlet")


def test_threat_labels_on_seed():
    text = (SHARED / "seed" / "article_de.txt").read_text(encoding="utf-8")
    by_speaker = {s.speaker: s for s in analyze(text)}
    assert by_speaker["Matthew Miller"].stance == "threatening"
    assert by_speaker["Washington"].stance == "threatening"
    assert by_speaker["Kim Jong Un"].stance == "cooperative"
    assert by_speaker["Mao Ning"].stance == "neutral"
