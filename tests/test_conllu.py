"""CoNLL-U from records: the official UD validator, text round trips, error records.

The messy articles are generated here from sentences written for these tests
(no corpus text): the same sentences with hard-wrapped lines, tabs, double
spaces, CRLF, no-break spaces inside and between numbers, zero-width spaces
and soft hyphens, a rubric and a photo credit.
"""

from __future__ import annotations

import io
import random
import unicodedata
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lvnews.conll import parse_sentences
from lvnews.formats import to_conllu
from lvnews.records import Article, Token

SENTENCES = [
    "Rīgas domes priekšsēdētājs Jānis Bērziņš otrdien tikās ar uzņēmēju pārstāvjiem.",
    "Sanāksmē piedalījās 25 000 iedzīvotāju pārstāvji no 12 novadiem.",
    "Valmierā atklāta jauna bibliotēka, kurā ir vairāk nekā 40 000 grāmatu.",
    "Pašvaldība skolas pārbūvei piešķīrusi 3,5 miljonus eiro.",
    "Darbi sāksies nākamā gada martā un ilgs divus gadus.",
    "Ventspils ostā pērn pārkrauti 12,4 miljoni tonnu kravu.",
    "Domes pārstāve Anna Ozola sacīja: „Mēs esam gandarīti par rezultātu.”",
    "Latvijas Banka prognozē, ka inflācija šogad būs 2 %.",
    "Festivālā uzstāsies vairāk nekā 300 mūziķu no 15 valstīm.",
    "Satiksmes ministrija vēl nav pieņēmusi lēmumu par jaunā tilta būvniecību.",
]
WORD_GAPS = ["  ", "\n", "\t", "\u00a0", " \u200b", "\u200b ", " \n ", "\r\n", "   \t", "\u2009"]
NUMBER_GAPS = ["\u00a0", "\u202f", " "]
PARAGRAPH_GAPS = ["\n\n", "\r\n\r\n", "\n \n", "\n\t\n", "\n\n\n"]


def messy_article(seed: int) -> str:
    """A news-like text whose whitespace is as bad as scraped text gets."""
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        sents = rng.sample(SENTENCES, rng.randint(1, 3))
        text = rng.choice([" ", "  ", "\n", " \u200b"]).join(sents)
        # digits groups: "25 000" with a (narrow) no-break space
        text = re.sub(r"(?<=\d) (?=\d{3}\b)", lambda m: rng.choice(NUMBER_GAPS), text)
        words = text.split(" ")
        out = words[0]
        for word in words[1:]:
            out += (rng.choice(WORD_GAPS) if rng.random() < 0.3 else " ") + word
        if rng.random() < 0.5:
            out = out.replace("priekšsēdētājs", "priekš\u00adsēdētājs")
        paragraphs.append(out)
    body = paragraphs[0]
    for para in paragraphs[1:]:
        body += rng.choice(PARAGRAPH_GAPS) + para
    head = rng.choice(["", "Ekonomika\n\n", "  \n", "\ufeff"])
    credit = rng.choice(["", "\n\nFoto: Anna Ozola"])
    return head + body + credit + rng.choice(["", "\n", "  \n", "\t"])


def udvalidate(path: Path) -> subprocess.CompletedProcess:
    pytest.importorskip("udtools")
    return subprocess.run([sys.executable, "-c", "import sys; from udtools.cli import main; sys.exit(main())",
                           "--lang", "lv", "--level", "2", "--max-err", "0", str(path)],
                          capture_output=True, text=True)


def validator_report(conllu: str) -> tuple[bool, str]:
    """(passed, summary) of the UD validator run in this process on ``conllu``."""
    validator_module = pytest.importorskip("udtools.validator")
    validator = validator_module.Validator(lang="lv", level=2, output=io.StringIO(), max_store=20)
    state = validator.validate_file_handle(io.StringIO(conllu))
    validator.validate_end(state)
    return state.passed(), str(state)


def unescape(value: str) -> str:
    """Inverse of formats.escape_spaces."""
    return re.sub(r"\\(u[0-9A-F]{4}|[strnp\\])",
                  lambda m: {"s": " ", "t": "\t", "r": "\r", "n": "\n", "p": "|", "\\": "\\"}.get(
                      m.group(1)) or chr(int(m.group(1)[1:], 16)), value)


def misc(cols: list[str]) -> dict[str, str]:
    return dict(item.split("=", 1) for item in cols[9].split("|") if "=" in item)


def token_rows(conllu: str) -> list[list[str]]:
    return [line.split("\t") for line in conllu.split("\n") if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def messy_files(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("messy")
    paths = []
    for seed in range(8):
        path = root / f"raksts {seed}.txt"  # a space in the id: sent_id must not have one
        path.write_bytes(messy_article(seed).encode("utf-8"))
        paths.append(path)
    return paths


def test_messy_news_pass_the_ud_validator(messy_files, tmp_path):
    """Depends on records being one tree per sentence (pipeline fix 7d22235) and on the writer."""
    out = subprocess.run([sys.executable, "-m", "lvnews.cli", "analyze", *map(str, messy_files),
                          "--format", "conllu"], capture_output=True, text=True, check=True).stdout
    assert out.count("# newdoc id = ") == len(messy_files)
    assert "SpacesAfter=\\n" in out and "SpacesInToken=25\\u00A0000" in out
    path = tmp_path / "messy.conllu"
    path.write_text(out, encoding="utf-8")
    result = udvalidate(path)
    assert result.returncode == 0 and "*** PASSED ***" in result.stderr, result.stdout + result.stderr


@pytest.mark.slow
def test_news_through_annotate_pass_the_ud_validator(corpora, tmp_path):
    """The 40 real news articles, through the batch path (lvnews annotate --format conllu)."""
    news = corpora / "news" / "articles_dev.jsonl"
    out = tmp_path / "news.conllu"
    subprocess.run([sys.executable, "-m", "lvnews.cli", "annotate", str(news), "-o", str(out), "--format", "conllu",
                    "--quiet"], check=True, capture_output=True)
    assert out.read_text(encoding="utf-8").count("# newdoc id = ") == 40
    result = udvalidate(out)
    assert result.returncode == 0 and "*** PASSED ***" in result.stderr, result.stdout + result.stderr


ODD = [" ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\u00a0", "\u202f",
       "\u3000", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u200e", "\u202e", "\x00", "\x07", "\x7f", "\x9b",
       "|", "\\", "#", "_", "=", "\u0304", "1\u00a0000", "👨\u200d👩"]


def test_odd_characters_pass_the_validator(analyzer):
    """Control, format, line-separator and combining characters, NFD text, ids with
    tabs and slashes: whatever the text, the CoNLL-U is valid."""
    rng = random.Random(13)
    for n in range(12):
        text = " ".join(rng.sample(SENTENCES, 3))
        if n % 3 == 0:
            text = unicodedata.normalize("NFD", text)
        text = "".join(w + "".join(rng.choice(ODD) for _ in range(rng.randint(1, 3))) for w in text.split(" "))
        conllu = to_conllu(analyzer.analyze(text, id=f"odd\t{n}/x", force_language="lv"))
        assert conllu.count("# sent_id") >= 2
        passed, report = validator_report(conllu)
        assert passed, (text, report)


def test_text_comes_back_from_forms_and_misc(analyzer, messy_files):
    """FORMs with SpacesInToken/SpacesAfter/SpaceAfter give each sentence's text as written."""
    for path in messy_files:
        text = path.read_bytes().decode("utf-8")
        article = analyzer.analyze(text, id=path.name)
        assert article.sentences
        rows = token_rows(to_conllu(article))
        tokens = [tok for sent in article.sentences for tok in sent.tokens]
        assert len(rows) == len(tokens)
        rebuilt = ""
        for cols in rows:
            m = misc(cols)
            rebuilt += unescape(m["SpacesInToken"]) if "SpacesInToken" in m else cols[1]
            rebuilt += "" if m.get("SpaceAfter") == "No" else unescape(m.get("SpacesAfter", " "))
        for sent in article.sentences:
            piece = text[sent.start:sent.end]
            assert piece in rebuilt, (piece, rebuilt)


def test_feats_sorted_the_ud_way(analyzer):
    article = analyzer.analyze("Sanāksmē piedalījās 25 000 iedzīvotāju.", id="feats")
    tok = article.sentences[0].tokens[2]
    odd = article.model_copy(deep=True)
    odd.sentences[0].tokens[2] = Token(**{**tok.model_dump(), "morph": "NumType=Card|Number=Plur|Case=Gen,Acc"})
    rows = token_rows(to_conllu(odd))
    assert rows[2][5] == "Case=Acc,Gen|Number=Plur|NumType=Card"
    for cols in token_rows(to_conllu(article)):
        feats = cols[5].split("|")
        assert feats == sorted(feats, key=str.lower)


def test_no_break_space_inside_a_number(analyzer):
    text = "Sanāksmē piedalījās 25\u00a0000 iedzīvotāju."
    out = to_conllu(analyzer.analyze(text, id="nbsp"))
    assert "# text = Sanāksmē piedalījās 25 000 iedzīvotāju." in out
    number = next(cols for cols in token_rows(out) if cols[1].startswith("25"))
    assert number[1] == "25 000" and misc(number)["SpacesInToken"] == "25\\u00A0000"


def test_ids_sentences_and_paragraphs(analyzer):
    text = "Rīgā līst.Jānis Bērziņš devās uz Cēsīm.\n\nValmierā atklāta jauna bibliotēka."
    out = to_conllu(analyzer.analyze(text, id="arhīvs/2024 01/a.txt"))
    assert out.startswith("# newdoc id = arhīvs/2024 01/a.txt\n# newpar id = arhīvs%2F2024%2001%2Fa.txt-p1\n")
    sent_ids = re.findall(r"^# sent_id = (.*)$", out, flags=re.M)
    assert sent_ids == [f"arhīvs%2F2024%2001%2Fa.txt-s{k}" for k in (1, 2, 3)]
    assert out.count("# newpar id = ") == 2
    blocks = out.rstrip("\n").split("\n\n")
    assert len(blocks) == 3 and out.endswith("\n\n")
    last_of_first = token_rows(blocks[0])[-1]
    assert misc(last_of_first).get("SpaceAfter") == "No"  # "līst.Jānis": no space between sentences
    for block in blocks[1:]:  # a paragraph's and the text's end: never SpaceAfter=No
        assert misc(token_rows(block)[-1]).get("SpaceAfter") is None
    anonymous = [to_conllu(analyzer.analyze(t)) for t in ("Rīgā līst.", "Cēsīs snieg.")]
    first, second = (re.findall(r"^# sent_id = (.*)$", a, flags=re.M) for a in anonymous)
    assert anonymous[0].startswith("# newdoc\n") and not set(first) & set(second)


def test_error_record_is_a_closed_block(analyzer):
    bad = Article(id="bad", language="und", language_score=0.0, text="x", error="TypeError:\n  text must be str")
    block = to_conllu(bad)
    assert block == "# newdoc id = bad\n# error = TypeError: text must be str\n\n"
    good = to_conllu(analyzer.analyze("Rīgā līst.", id="good"))
    sentences = list(parse_sentences((block + good).split("\n")))
    assert [s.sent_id for s in sentences] == ["good-s1"]
    assert to_conllu(Article(id="ru", language="ru", language_score=0.99, text="Привет")) == ""


def test_normalised_values_in_conllu_and_text(analyzer):
    from lvnews.formats import to_text

    text = "Vakar Rīgā notika sapulce. Lēmums izmaksās 3 miljonus eiro, un tas stājas spēkā 2019. gada 15. martā."
    article = analyzer.analyze(text, id="v", metadata={"published": "2026-11-25"})
    conllu = to_conllu(article)
    assert "# published = 2026-11-25" in conllu.splitlines()[:3]
    first = {row[1]: misc(row) for row in token_rows(conllu)}
    assert first["Vakar"].get("TimeValue") == "2026-11-24"
    assert first["2019."].get("TimeValue") == "2019-03-15"
    ok, report = validator_report(conllu)
    assert ok, report
    summary = to_text(article)
    assert "published: 2026-11-25" in summary and "Vakar = 2026-11-24" in summary
    assert "currency=EUR" in summary
