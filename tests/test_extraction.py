"""Extraction rules on small constructed cases, and on the authored articles."""

import pytest

from stancekit import extract_statements
from stancekit.datasets import load_articles
from stancekit.extract.quotes import find_quotations
from stancekit.extract.scoring import score_articles
from stancekit.segment import sentences

from .conftest import overlap_match


def one(text, lang=None):
    found = list(extract_statements(text, lang))
    assert len(found) == 1, [s.text for s in found]
    return found[0]


@pytest.mark.parametrize("text,speaker,actor,kind", [
    ("»Wir sind zu Gesprächen bereit«, sagte Kremlsprecher Dmitri Peskow am Montag.", "Dmitri Peskow", "Russia", "direct"),
    ("Die Lage sei sehr ernst, sagte der französische Außenminister am Abend in Paris.", "der französische Außenminister", "France", "indirect"),
    ("Der chinesische Außenamtssprecher Lin Jian erklärte, Peking werde die Interessen seines Landes entschlossen verteidigen.", "Lin Jian", "China", "indirect"),
    ('"We will respond to any attack," the British defence secretary told reporters.', "the British defence secretary", "UK", "direct"),
    ("We will respond to any provocation with force, the Iranian foreign minister said on Tuesday.", "the Iranian foreign minister", "Iran", "direct"),
    ("According to the Kremlin, the talks were held in a constructive atmosphere on Friday.", "Kremlin", "Russia", "indirect"),
    # institutions speak as a whole
    ("Die Lage an der Grenze sei ernst, teilte das deutsche Verteidigungsministerium am Abend mit.",
     "deutsche Verteidigungsministerium", "Germany", "indirect"),
    ('"We will not back down," Russia\'s defence ministry said in a statement.', "Russia's defence ministry", "Russia",
     "direct"),
    # ", so X" and a lone surname after the reporting verb; a gazetteer surname gives the actor
    ("Die Gespräche seien in einer konstruktiven Atmosphäre verlaufen, so Lawrow.", "Lawrow", "Russia", "indirect"),
    ("Die Gespräche seien in einer konstruktiven Atmosphäre verlaufen, sagt Brenner.", "Brenner", "", "indirect"),
    # the role holder is the apposition, not the possessor inside the attachment
    ("»Wir sind zu Gesprächen bereit«, sagte der Sprecher von Präsident Wladimir Putin, Dmitri Peskow.",
     "Dmitri Peskow", "Russia", "direct"),
    ("»Wir lehnen das ab«, sagte ein US-Vertreter am Montag.", "ein US-Vertreter", "USA", "direct"),
    # English: after a non-inverted verb stands the reported subject, not the speaker
    ('Mr Lavrov said he expected "constructive talks" with the American delegation.', "Lavrov", "Russia", "partial"),
    # forms of address and party-state tags do not end the sentence; apostrophes inside names
    ('"Our assumption is that the veto will be overridden," Mr. McConnell said Tuesday.', "McConnell", "", "direct"),
    ('"It is a dog whistle," Rep. Gwen Moore (D-Wis.) said Friday.', "Gwen Moore", "", "direct"),
    ('"We are ready," Senate Majority Leader Mitch McConnell, R-Ky., said.', "Mitch McConnell", "", "direct"),
    ('"The cause has not been determined," said O\'Neill, on his first day.', "O'Neill", "", "direct"),
    ('"We will go ahead," said George W. Bush.', "George W. Bush", "", "direct"),
    ("»Wir gehen weiter«, sagte Frau Merkel.", "Merkel", "Germany", "direct"),
    # a name before a role qualifies it: the holder is the name after the role
    ('"We will respond," Trump spokeswoman Hope Hicks said.', "Hope Hicks", "", "direct"),
    # unmarked speech after a colon; the object of a threat or warning; "der Arzt" after the verb
    ("Der Chefredakteur Can Dündar warnte am Sonntag: Man muss sich auf eine Zeit der Repression einstellen.",
     "Can Dündar", "", "direct"),
    ("Unterdessen drohte auch Serbiens Außenminister Ivica Dačić, die Grenzen zu schließen.", "Ivica Dačić",
     "Serbia", "indirect"),
    ("Der WWF warnte zum Tag des Tigers vor einem Aussterben der Art.", "WWF", "WWF", "indirect"),
    ("The minister warned of dire consequences for Moscow.", "The minister", "", "indirect"),
    ("Die Kommission hat den Wert dieses Naturkapitals erkannt, sagt der Wissenschafter.", "der Wissenschafter", "",
     "indirect"),
    ('"Food security must never be held hostage," the ministry\'s spokesman, Onur Keskin, said on Thursday.',
     "Onur Keskin", "", "direct"),
    # an inverted English subject follows the verb; after a conjunction stands a new clause
    ('"They are trying to silence us," Quina Jones, 25, said as she marched through the city.', "Quina Jones", "",
     "direct"),
    # a pronoun refers to the subject that opens its sentence
    ('Sen. Claire McCaskill scolded him: "The scientific community is against you," she said.', "Claire McCaskill",
     "", "direct"),
    # ", wie X sagte"; a long inverted clause with an apposition; a fronted object; "von der" + place
    ("Es gebe kaum Möglichkeiten für eine Hotspot-Regelung, wie ein Sprecher der Regierung in Berlin sagte.",
     "ein Sprecher der Regierung in Berlin", "Germany", "indirect"),
    ("Es war ein sehr produktives Treffen, sagte der Chefunterhändler der Regierung, Humberto de la Calle, nach den "
     "Gesprächen in Havanna.", "Humberto de la Calle", "", "indirect"),
    ("Vor den Herausforderungen in den internationalen Beziehungen warnt auch die britische Botschafterin in Wien.",
     "die britische Botschafterin in Wien", "UK", "indirect"),
    ("Anfang März warnte Virologe Christian Drosten von der Berliner Charité: Es werde kein infektionsfreier Sommer.",
     "Christian Drosten", "Berliner Charité", "indirect"),
    # a second verb of the same subject; an object is no reported clause
    ("The President thanked the APEC countries for their support but said he hoped for more concrete results.",
     "The President", "", "indirect"),
    # a colon before a quotation with no reporting verb: the sentence's subject speaks
    ('Deputy Foreign Minister Oleg Ryabinin went further in an interview: "Ships that carry weapons will be '
     'treated as targets."', "Oleg Ryabinin", "", "direct"),
    ('"We are ready," the spokeswoman told a regular news conference in Beijing on Monday.', "the spokeswoman", "",
     "direct"),
    # coordinated speakers; a role in apposition after the name gives the actor
    ("Merz und Macron erklärten, Europa werde geschlossen handeln.", "Merz und Macron", "Germany, France",
     "indirect"),
    ('"We stand by our allies," said Kenji Odagiri, Japan\'s defence minister.', "Kenji Odagiri", "Japan", "direct"),
    ("The senator thanked the allies but said sanctions would follow if the talks failed.", "The senator", "",
     "indirect"),
    ("MR. KIRBY: We are not going to telegraph our response.", "KIRBY", "", "direct"),
    # Konjunktiv I in a source-first sentence; "laut" + surname; a role phrase with "and"
    ("Der IAEA zufolge verfügt Teheran inzwischen über mehr als 180 Kilogramm Uran.", "IAEA", "IAEA", "indirect"),
    ("Laut Nwosu liegt inzwischen ein dritter Entwurf auf dem Tisch.", "Nwosu", "", "indirect"),
    ('"The forest and the economy are no opposites," said Norway\'s climate and environment minister, Ingrid Haugland.',
     "Ingrid Haugland", "Norway", "direct"),
    # after a role's attachment, capitalised words name the body, not the speaker
    ("Der Chefredakteur der regierungskritischen Zeitung Cumhuriyet, Can Dündar, warnte: „Man muss sich auf "
     "Repressionen einstellen.“", "Can Dündar", "Zeitung Cumhuriyet", "direct"),
    # a name that opens a German sentence is the subject of the verb after a long apposition and relative clause
    ("Bruno Keller, der Trainer der Grazer, die seit vier Spielen nicht gewonnen haben, warnte vor dem Gegner.",
     "Bruno Keller", "", "indirect"),
    # a lone name right before the reporting verb; a sentence adverb is no name
    ("Brenner sagte, die Lage sei ernst und werde sich nicht bessern.", "Brenner", "", "indirect"),
    ('Alexander asks: "How would you comment on the admission that Libya was a mistake?"', "Alexander", "", "direct"),
    ('Alexander from Dubna asks: "How would you comment on the admission?"', "Alexander from Dubna", "", "direct"),
    ("President Putin and Chancellor Merz discussed relations and said the forum was an important step.",
     "Putin and Merz", "Russia, Germany", "indirect"),
    # the addressee of "told" stands outside what was said
    ("Mr Putin told Mr Chirac about the efforts to find a political solution.", "Putin", "Russia", "indirect"),
    ("The spokesman told CNN the talks would go on for several days.", "The spokesman", "", "indirect"),
    # an English common noun phrase as the subject of a reporting verb
    ('"A state cannot avoid the conclusion," the ruling said.', "the ruling", "", "direct"),
    ('"For you, immigration matters most," a friend commented.', "a friend", "", "direct"),
    # a reported clause without "that"
    ("US officials said the talks would go on for several days.", "US officials", "USA", "indirect"),

])
def test_constructions(text, speaker, actor, kind):
    st = one(text)
    assert st.speaker == speaker
    assert st.actor == actor
    assert st.kind == kind


def test_mixed_quotation_marks_pair():
    text = '\u201cImmunity deals should not be a requirement," Chairman Jason Chaffetz said in a statement.'
    assert [(s.text, s.speaker) for s in extract_statements(text, "en")] == [
        ("Immunity deals should not be a requirement", "Jason Chaffetz")]


def test_organisation_outside_the_gazetteer_speaks_for_itself():
    st = one("Der WWF warnte zum Tag des Tigers vor einem Aussterben der Art.", "de")
    assert (st.actor, st.actor_id, st.actor_source) == ("WWF", "", "self")
    st = one("»Die Zahl der Unfälle steigt«, sagte KFV-Direktor Othmar Thann.", "de")
    assert (st.speaker, st.actor, st.actor_id, st.actor_source) == ("Othmar Thann", "KFV", "", "role")


@pytest.mark.parametrize("text", [
    "Tanzania and Rwanda have not reported any cases so far.",
    "The United States expanded restrictions on exports to China on Tuesday, adding 140 Chinese companies to its list.",
    "China will remove its duties on wine, the ministry said on Thursday, ending a dispute that had closed a market.",
])
def test_no_reported_clause(text):
    assert [s.text for s in extract_statements(text, "en") if "ending" in s.text or "cases" in s.text
            or "140" in s.text] == []


def test_first_person_in_a_transcript_is_the_line_speaker():
    text = ("Vladimir Putin: It was not developed. I talked at length with the prime minister. "
            'I asked: "Why are you draining money from Crimea?"')
    found = list(extract_statements(text, "en"))  # (the middle sentence is his turn going on)
    assert [(s.speaker, s.actor_id) for s in found] == [("Vladimir Putin", "RUS")] * 3
    assert [s.speaker for s in extract_statements('I asked: "Why are you doing this?"', "en")] == [""]


def test_transcript_line_names_its_speaker():
    st = one("Putin: Wir werden auf jede Provokation antworten.", "de")
    assert (st.speaker, st.kind, st.text) == ("Putin", "direct", "Wir werden auf jede Provokation antworten.")
    assert list(extract_statements("Berlin: Die Polizei hat am Montag drei Personen festgenommen.", "de")) == []


def test_low_nine_quote_closed_by_a_typewriter_mark():
    text = 'Er nannte es „das Ideal" der Menschen.'
    assert [text[q.start:q.end] for q in find_quotations(text)] == ['„das Ideal"']


def test_second_reporting_verb_beside_a_quotation_reports_its_own_clause():
    found = list(extract_statements('The Kremlin called the plan "theft" and said Russia would respond in kind.', "en"))
    assert [(s.kind, s.speaker, s.text) for s in found] == [
        ("partial", "Kremlin", 'The Kremlin called the plan "theft'),
        ("indirect", "Kremlin", "Russia would respond in kind")]


def test_dateline_and_trailing_apposition_are_outside_the_statement():
    text = ("SEOUL — North Korea fired a ballistic missile into the sea on Tuesday, South Korea's Joint Chiefs of "
            "Staff said, the third launch in less than a month.")
    assert [s.text for s in extract_statements(text, "en")] == [
        "North Korea fired a ballistic missile into the sea on Tuesday"]


def test_konjunktiv_with_quoted_words_continues_the_last_speaker():
    text = ("Der Vizeaußenminister Anatoli Gruschin sagte, die Nato provoziere bewusst eine Eskalation. "
            "Russland werde seine Streitkräfte im Westen „entsprechend verstärken“.")
    found = list(extract_statements(text, "de"))
    assert [(s.speaker, s.kind) for s in found] == [("Anatoli Gruschin", "indirect"), ("Anatoli Gruschin", "partial")]


def test_headline_is_no_statement():
    text = "Moscow threatens to cut gas supplies\n\nThe talks will go on, the minister said on Monday."
    assert [s.text for s in extract_statements(text, "en")] == ["The talks will go on"]


def test_object_of_a_verb_at_the_clause_end_is_no_statement():
    assert list(extract_statements("Es blieb unklar, ob er mit Sanktionen drohte.", "de")) == []


def test_bylines_after_quotations_name_the_speakers():
    text = ("\u201cThe talks were a waste of time.\u201d \u2015 Karen Bobadilla\n"
            "\u201cWe need a new start.\u201d \u2015 Carla Sanchez\n")
    found = list(extract_statements(text, "en"))
    assert [(s.text, s.speaker, s.kind) for s in found] == [
        ("The talks were a waste of time.", "Karen Bobadilla", "direct"),
        ("We need a new start.", "Carla Sanchez", "direct")]


def test_pronoun_refers_to_the_previous_sentence_subject():
    found = list(extract_statements("Scholz telefonierte mit Macron. Er sagte, die Lage sei ernst.", "de"))
    assert [(s.speaker, s.actor_id, s.actor_source) for s in found] == [("Scholz", "DEU", "coreference")]


def test_pronoun_refers_to_last_speaker():
    text = ("»Die Sanktionen bleiben«, sagte EU-Kommissarin Maria Lund.\n\n"
            "Sie fügte hinzu, man sei dennoch zu Gesprächen mit Moskau bereit.")
    found = list(extract_statements(text, "de"))
    assert [s.speaker for s in found] == ["Maria Lund", "Maria Lund"]
    assert found[1].actor == "EU"


def test_continuation_quote_takes_previous_speaker():
    text = ('“We are ready to help,” said Anna Meyer, a spokeswoman for the German foreign ministry. '
            '“Nobody should doubt our commitment.”')
    found = list(extract_statements(text, "en"))
    assert [s.speaker for s in found] == ["Anna Meyer", "Anna Meyer"]
    assert found[1].confidence < found[0].confidence


def test_so_called_terms_are_not_statements():
    assert list(extract_statements("Die Regierung plant ein sogenanntes »Sondervermögen« für die Bundeswehr.", "de")) == []


def test_apostrophes_are_not_quotes():
    q = find_quotations("Putin's plan and the leaders' summit don't change 'much' here.")
    assert len(q) == 1


def test_multi_paragraph_quote_is_one_quotation():
    text = "»Der erste Teil des Zitats.\n\n»Und hier endet es«, sagte er."
    q = find_quotations(text)
    assert len(q) == 1 and q[0].paragraphs == 2


def test_unclosed_quote_gets_low_confidence():
    q = find_quotations("»Das ist nie geschlossen, sagte sie")
    assert len(q) == 1 and not q[0].closed and q[0].confidence < 1


def test_double_periods_and_ellipses_end_sentences():
    text = "Das teilte Biden am Freitag mit.. Informationen sollten offen sein. Er zögerte... Dann ging er."
    assert [text[s:e] for s, e in sentences(text, "de")] == [
        "Das teilte Biden am Freitag mit..", "Informationen sollten offen sein.", "Er zögerte...", "Dann ging er."]


def test_sentences_keep_abbreviations_and_dates():
    text = "Dr. Müller kam am 3. Okt. nach Berlin. Dann sprach er z.B. über Kiew."
    spans = [text[a:b] for a, b in sentences(text, "de")]
    assert spans == ["Dr. Müller kam am 3. Okt. nach Berlin.", "Dann sprach er z.B. über Kiew."]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_authored_articles_recall_and_precision(lang, record_property):
    """The team-written articles (frozen before tuning): misses are reported, not edited away."""
    scores = score_articles(load_articles(lang), lang)
    recall, precision, misses = scores["recall"], scores["precision"], scores["misses"]
    record_property("misses", misses)
    # Measured 2026-11-30: de recall 0.90 / precision 0.96, en 0.93 / 0.95 (see benchmarks).
    assert recall >= 0.85 and precision >= 0.9, (recall, precision, misses[:20])


def test_long_unit_with_many_quotes_stays_linear():
    """Speaker and cue search are windowed: one endless sentence of quotes with cues is not quadratic."""
    import time

    text = "»Das ist gut«, sagte Peter Müller, " * 20_000
    t = time.perf_counter()
    found = list(extract_statements(text, "de"))
    assert len(found) == 20_000
    assert time.perf_counter() - t < 60


def test_scare_quotes_leave_a_sentence_unquoted():
    st = one("Mr Petrov told Mr Dubois about the efforts to solve the so-called \u201cnuclear problem\u201d of North Korea.")
    assert (st.speaker, st.kind) == ("Petrov", "indirect")
    assert st.text.startswith("about the efforts")


def test_werden_alone_does_not_continue_a_speaker():
    text = "Die Ministerin Karin Lohse sagte, die Lage sei ernst. Zunächst soll vor allem Wasserstoff geliefert werden."
    assert [s.speaker for s in extract_statements(text, "de")] == ["Karin Lohse"]


@pytest.mark.parametrize("text,speaker", [
    # a definite description names the person quoted just before
    ("Die Anlage spart viel Energie, so Scharnagl. Die Kommission hat den Wert erkannt, sagt der Wissenschafter.",
     "Scharnagl"),
    # an age description names the person the previous sentence was about
    ("Maria Lindner erklärt, warum sie blieb. \u201eIch glaube an Vergebung, also blieb ich\u201c, so die 57-Jährige.",
     "Maria Lindner"),
])
def test_definite_descriptions_refer_back(text, speaker):
    assert [s.speaker for s in extract_statements(text, "de")][-1] == speaker


def test_reported_clause_boundaries():
    st = one("Es gebe kaum Möglichkeiten für eine Hotspot-Regelung, wie ein Sprecher der Regierung in Saarbrücken sagte.",
             "de")
    assert st.speaker == "ein Sprecher der Regierung in Saarbrücken"
    st = one("Der Innenminister knüpfte daran an, mit einer positiven Einschätzung: In Deutschland kommt derzeit "
             "nur ein Zehntel an, sagte er.", "de")
    assert (st.text, st.speaker) == ("In Deutschland kommt derzeit nur ein Zehntel an", "Der Innenminister")
    st = one("Auch 2026 ist laut der EU-Kommission zu erwarten, dass die Zentralbank ihr Ziel deutlich verfehlt.", "de")
    assert "zu erwarten, dass die Zentralbank" in st.text and st.speaker == "EU-Kommission"
    st = one("In Deutschland kommt derzeit nur ein Zehntel an, sagte Innenminister Thomas Brandt, und wir arbeiten "
             "daran, dass das so bleibt.", "de")
    assert (st.text, st.speaker) == ("In Deutschland kommt derzeit nur ein Zehntel an", "Thomas Brandt")
    found = list(extract_statements("Er warnte vor den Folgen solcher Entscheidungen: Einseitige Beschlüsse würden "
                                    "in Europa schweren Schaden anrichten, sagte Gentiloni.", "de"))
    assert [(s.text.split()[0], s.speaker) for s in found] == [("vor", ""), ("Einseitige", "Gentiloni")]
    found = list(extract_statements("Man suche keine Konfrontation, so Biden; falls Russland sich für Gewalt "
                                    "entscheide, würden die USA entschlossen handeln.", "de"))
    assert [(s.speaker, s.text.split()[0]) for s in found] == [("Biden", "Man"), ("Biden", "falls")]


def test_they_refers_to_a_coordinated_subject_not_to_one_speaker():
    text = ("Mr Kovalenko and Mr Petrenko met with the prime minister. The minister asked them: \u201cWhy do you care?\u201d "
            "They said: \u201cWhat matters for us is that our consumers receive cheaper gas.\u201d")
    assert [s.speaker for s in extract_statements(text, "en")] == ["The minister", "Kovalenko and Petrenko"]
    text = "The two leaders met in Paris. They said the talks would go on."
    assert [s.speaker for s in extract_statements(text, "en")] == ["The two leaders"]
    text = "The minister met the envoy on Monday. They said the talks would go on."
    assert [s.speaker for s in extract_statements(text, "en")] == [""]


def test_the_one_asked_replies():
    text = ("Vladimir Putin: I asked Ukraine\u2019s last prime minister: \u201cWhy are you draining money from Crimea?\u201d "
            "He replied: \u201cWe have no choice.\u201d")
    assert [s.speaker for s in extract_statements(text, "en")] == ["Vladimir Putin", "Ukraine\u2019s last prime minister"]
    text = "Vladimir Putin: I asked: \u201cWhy are you doing this?\u201d He replied: \u201cWe have no choice.\u201d"
    assert [s.speaker for s in extract_statements(text, "en")] == ["Vladimir Putin", ""]  # not the asker


def test_a_question_with_no_one_named_goes_to_the_conversation_partner():
    text = ("I talked at length with the last prime minister, when he was in office. "
            "I asked: \u201cWhy are you doing this?\u201d He replied: \u201cWe have no choice.\u201d")
    assert [s.speaker for s in extract_statements(text, "en")][-1] == "the last prime minister"
    text = ("Ich habe lange mit dem ukrainischen Ministerpräsidenten gesprochen. Ich fragte: »Warum tun Sie das?« "
            "Er antwortete: »Wir haben keine Wahl.«")
    assert [s.actor for s in extract_statements(text, "de")][-1] == "Ukraine"
    # a partner three sentences back is forgotten
    text = ("I talked with the prime minister. The weather was mild. Rain fell. The roads were wet. "
            "I asked: \u201cWhy?\u201d He replied: \u201cWe have no choice.\u201d")
    assert [s.speaker for s in extract_statements(text, "en")][-1] == ""


def test_a_transcript_turn_is_the_speakers_to_the_paragraph_end():
    text = ("Vladimir Putin: It was not exactly destroyed. When we had normal relations, I talked to our colleagues "
            "at length.\n\nThe weather in Moscow was mild on Tuesday, with rain in the evening.")
    assert [(s.speaker, s.kind) for s in extract_statements(text, "en")] == [("Vladimir Putin", "direct")] * 2
    # a "Name:" inside running text opens no turn
    text = "Es sprach zuerst Anja Weber: Das ist nur ein Aspekt. Die Sitzung dauerte bis zum Abend an."
    assert all("Sitzung" not in s.text for s in extract_statements(text, "de"))


def test_glued_particles_belong_to_the_surname():
    text = "Der Militärsprecher der Huthi, Mohammed al-Hamdani, erklärte, man werde die Angriffe fortsetzen."
    [st] = extract_statements(text, "de")
    assert (st.speaker, st.role) == ("Mohammed al-Hamdani", "Militärsprecher der Huthi")
    text = ("Vor neuen Herausforderungen in den internationalen Beziehungen warnt auch Susan le Jeune "
            "dAllegeershecque, britische Botschafterin in Wien.")
    [st] = extract_statements(text, "de")
    assert (st.speaker, st.actor_id) == ("Susan le Jeune dAllegeershecque", "GBR")
    [st] = extract_statements("\u201cThat is wrong,\u201d said Val\u00e9ry Giscard d'Estaing.", "en")
    assert st.speaker == "Val\u00e9ry Giscard d'Estaing"


def test_a_genitive_article_opens_the_body_a_role_belongs_to():
    # "des" is an attachment, not an adjective: "FC Barcelona" is the club, not the speaker's name
    text = ("Joan Laporta, Präsident des FC Barcelona, hat im Gespräch mit Radio Catalunya erklärt, "
            "dass es Ousmane Dembele \"reizt, Barcelona zu verlassen\".")
    [st] = extract_statements(text, "de")
    assert (st.speaker, st.role) == ("Joan Laporta", "Präsident des FC Barcelona")


def test_the_subject_of_a_dass_clause_is_not_the_speaker():
    [st] = extract_statements("Gestern hat er erklärt, dass Ousmane Dembele den Verein verlassen werde.", "de")
    assert "Dembele" not in st.speaker


def test_a_role_outside_the_gazetteer_speaks_for_the_body_it_names():
    def actor(text, lang="de"):
        [st] = extract_statements(text, lang)
        return st.actor, st.actor_id, st.actor_source
    assert actor("Das sei falsch, sagte der Präsident des FC Barcelona, Joan Laporta.") == ("FC Barcelona", "", "role")
    assert actor("Das sei falsch, sagte die Direktorin des Wirtschaftsdachverbands Economiesuisse, Monika Rüegg.") \
        == ("Economiesuisse", "", "role")
    assert actor("Das sei falsch, sagte der Adidas-Sprecher Oliver Brüggen.") == ("Adidas", "", "role")
    assert actor("Das sei falsch, sagte ein Sprecher des Paares.")[0] == ""  # a common noun names no body
    assert actor("Das sei falsch, sagte ein Sprecher des Weißen Hauses.")[1] == "USA"  # the gazetteer first
    assert actor("A spokeswoman for the Internet Watch Foundation said the figures were alarming.", "en") \
        == ("Internet Watch Foundation", "", "role")


def test_the_source_of_hiess_es_follows_it_or_opens_the_sentence():
    text = "Die Zahlen aus der Türkei sollen sinken, hieß es am Montag in EU-Ratskreisen."
    [st] = extract_statements(text, "de")
    assert (st.speaker, st.actor_id) == ("EU-Ratskreisen", "EU")  # not "Türkei", which is in what is said
    [st] = extract_statements("Aus dem Kreml hieß es, man werde reagieren.", "de")
    assert st.actor_id == "RUS"
    # only the first source phrase: the place after it is where the source sits
    text = ("Moldau schulde dem Konzern »mehr als 700 Millionen Dollar«, erklärte Gazprom. Lieferungen werde man "
            "erst wieder aufnehmen, hieß es aus der Konzernzentrale in Sankt Petersburg.")
    assert [s.speaker for s in extract_statements(text, "de")] == ["Gazprom", "Gazprom"]


def test_a_reporting_verb_in_a_relative_clause_leaves_the_main_clause_its_own_statement():
    text = ("Charles Barkley, who said he typically votes democratic, said one candidate he likes so far is "
            "Ohio Governor John Kasich.")
    found = [(s.speaker, s.text) for s in extract_statements(text, "en")]
    assert found == [("Charles Barkley", "he typically votes democratic"),
                     ("Charles Barkley", "one candidate he likes so far is Ohio Governor John Kasich")]
    text = "Die Ministerin, die zuvor gesagt hatte, sie sei skeptisch, sagte am Montag, die Lage sei sehr ernst."
    assert [s.text for s in extract_statements(text, "de")] == ["sie sei skeptisch", "die Lage sei sehr ernst"]


def test_an_unnamed_source_speaks_for_no_body_of_its_own():
    [st] = extract_statements("Die Gespräche seien gescheitert, hieß es in Regierungskreisen.", "de")
    assert (st.speaker, st.actor, st.actor_id) == ("Regierungskreisen", "", "")
    [st] = extract_statements("Die Gespräche seien gescheitert, hieß es in EU-Ratskreisen.", "de")
    assert st.actor_id == "EU"
