"""Bad input gets a clear error naming the problem and the fix."""

import pytest

from stancekit import (Analyzer, EmptyInputError, InputTooLargeError, InputTypeError, UnsupportedLanguageError,
                       analyze, detect_language, extract_statements)


@pytest.mark.parametrize("bad,exc,msg", [
    (None, InputTypeError, "None"),
    (b"bytes", InputTypeError, "decode"),
    (42, InputTypeError, "str"),
    ("", EmptyInputError, "empty"),
    ("   \n\t ", EmptyInputError, "whitespace"),
])
def test_bad_text(bad, exc, msg):
    with pytest.raises(exc, match=msg):
        analyze(bad)


def test_too_large():
    with pytest.raises(InputTooLargeError, match="max_chars"):
        Analyzer(max_chars=100).analyze("x" * 101)


def test_unsupported_language_names_the_fix():
    with pytest.raises(UnsupportedLanguageError, match="lang='de'"):
        analyze("Le ministre a déclaré que la France restera aux côtés de ses partenaires européens.")
    with pytest.raises(UnsupportedLanguageError, match="supported"):
        list(extract_statements("text", lang="fr"))


def test_html_is_stripped_and_offsets_refer_to_clean_text():
    html = "<html><body><p>»Wir sind bereit«, sagte die Sprecherin des Auswärtigen Amtes.</p><script>x()</script></body></html>"
    an = Analyzer()
    statements = an.analyze(html)
    assert statements and statements[0].text == "Wir sind bereit"
    assert statements[0].actor == "Germany"


def test_language_detection():
    assert detect_language("Die Regierung hat am Montag erklärt, dass sie die Gespräche fortsetzen werde.") == "de"
    assert detect_language("The government said on Monday that it would continue the talks.") == "en"
