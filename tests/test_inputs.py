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


def test_malformed_csv_row_names_the_line(tmp_path):
    from stancekit.exceptions import CorpusError
    from stancekit.io import read_records

    f = tmp_path / "c.csv"
    f.write_text('id,text\n1,"fine"\n2,"too",many,fields\n3,"ok"\n')
    with pytest.raises(CorpusError, match=r"c\.csv:3: expected 2 fields as in the header, got 4"):
        list(read_records(f))


def test_undecodable_bytes_in_a_corpus_file_name_the_line_and_the_fix(tmp_path):
    from stancekit.exceptions import EncodingError
    from stancekit.io import iter_documents

    f = tmp_path / "c.jsonl"
    f.write_bytes(b'{"text": "eins"}\n{"text": "zwei"}\n{"text": "Gr\xf6\xdfe"}\n')
    docs = iter_documents(f)
    assert next(docs)[0] == "eins" and next(docs)[0] == "zwei"
    with pytest.raises(EncodingError, match="near line 3.*--encoding cp1252"):
        next(docs)
    assert [t for t, _, _ in iter_documents(f, encoding="cp1252")][2] == "Größe"


def test_non_text_cell_becomes_an_error_record_not_a_crash(tmp_path):
    from stancekit.exceptions import InputTypeError
    from stancekit.io import iter_documents

    f = tmp_path / "c.jsonl"
    f.write_text('{"id": "a", "text": 42}\n{"id": "b", "text": "ok"}\n')
    (t1, m1, e1), (t2, m2, e2) = iter_documents(f)
    assert t1 is None and isinstance(e1, InputTypeError) and m1["id"] == "a"
    assert t2 == "ok" and e2 is None
