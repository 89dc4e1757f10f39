"""Map LVTB v2.17 CoNLL-U back to the UD v2.5 conventions of ``ud/train.conllu``.

Why: the new LVTB sentences (``lvtb-2.17/train50_new.conllu``, ``dev_new.conllu``)
follow UD v2.17 (DET by lemma, ``advmod:emph``, ``ExtPos``, adverb XPOS ``r0n``, ...),
while everything we train and score on is v2.5. Training on both unmapped would
teach the model two conventions for the same words.

How: a cascade, one column at a time (DEPREL, UPOS, XPOS, FEATS, LEMMA; heads are
kept), each first by a few general rules (the ones LVTB's changelog describes) and
then by a backoff table learnt on the 4,245 sentences that v2.17 and our v2.5 train
split share (matched by token sequence). A table entry is a majority (at least
``MIN_COUNT`` times and ``MIN_SHARE`` of its key), most specific key first, so an
entry that says "keep" also stops a coarser one from changing the token. Only the
shared pairs and our train split are read; never dev.

Run: ``python scripts/map_lvtb217.py CORPORA OUT_DIR [--metrics FILE]``. Writes
``OUT_DIR/lvtb217_train50_new.conllu`` and ``OUT_DIR/lvtb217_dev_new.conllu`` (corpus
text: git-ignored) and the agreement numbers (before, after, 2-fold held out) as JSON.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from lvnews.conll import Sentence, Word, read_sentences

MIN_COUNT = 3
MIN_SHARE = 0.6
COLUMNS = ("upos", "xpos", "feats", "lemma", "head", "deprel")
# Children relations that decide between clause and nominal readings (obl/advcl,
# parataxis/ccomp, case/mark): a copula or subject makes a clause.
CLAUSE_CHILDREN = frozenset({"case", "mark", "cop", "nsubj", "aux", "cc", "expl", "csubj"})
NEW_FILES = {"train50_new.conllu": "lvtb217_train50_new.conllu", "dev_new.conllu": "lvtb217_dev_new.conllu"}

Key = Callable[[list[Word], int], tuple]


# --- corpus access -------------------------------------------------------------------------

def shared_pairs(new_path: Path, old_path: Path) -> list[tuple[Sentence, Sentence]]:
    """(v2.17, v2.5) sentence pairs with the same token sequence."""
    old: dict[tuple[str, ...], Sentence] = {}
    for sent in read_sentences(old_path):
        old.setdefault(tuple(w.form for w in sent.words), sent)
    pairs = []
    for sent in read_sentences(new_path):
        match = old.get(tuple(w.form for w in sent.words))
        if match is not None:
            pairs.append((sent, match))
    return pairs


def copy_sentence(sent: Sentence) -> Sentence:
    return Sentence(sent_id=sent.sent_id, text=sent.text, words=[replace(w) for w in sent.words])


def feats_set(feats: str) -> frozenset[str]:
    return frozenset() if feats in ("_", "") else frozenset(feats.split("|"))


def universal(deprel: str | None) -> str:
    return (deprel or "").split(":", 1)[0]


# --- rules (general, from the v2.5 -> v2.17 changes) ---------------------------------------

def drop_extpos(feats: str) -> str:
    """ExtPos (v2.14+) marks multiword function words; v2.5 has no such feature."""
    kept = [f for f in feats.split("|") if f and f != "_" and not f.startswith("ExtPos=")]
    return "|".join(kept) or "_"


def rule_deprel(word: Word) -> str:
    """v2.5 had no ``advmod:emph``: emphasising particles were ``discourse``."""
    return "discourse" if word.deprel == "advmod:emph" else word.deprel


def rule_upos(word: Word) -> str:
    """v2.5 split pronouns by function: DET exactly where the pronoun is a ``det``,
    except personal and reflexive possessives (``viņas``, ``savs``), which stay PRON."""
    if word.upos in ("DET", "PRON") and word.xpos.startswith("p"):
        return "DET" if word.deprel == "det" and word.xpos[1:2] not in ("p", "x") else "PRON"
    return word.upos


def rule_lemma(word: Word) -> str:
    """v2.17 lemmatises every quote to ``"`` and dashes to ``–``; v2.5 kept the form."""
    return word.form if word.upos == "PUNCT" else word.lemma


class AdverbTypes:
    """v2.17 writes adverbs as ``r<degree>n``; v2.5 had the semantic subtype
    (t time, m manner, q quantity, p place, c cause). Learnt per form and lemma from
    our training split, where every adverb has it."""

    def __init__(self, sentences: Iterable[Sentence]) -> None:
        by_form: dict[tuple[str, str], Counter] = defaultdict(Counter)
        by_lemma: dict[tuple[str, str], Counter] = defaultdict(Counter)
        by_degree: dict[str, Counter] = defaultdict(Counter)
        for sent in sentences:
            for w in sent.words:
                if w.xpos.startswith("r") and len(w.xpos) == 3:
                    by_form[w.form.lower(), w.xpos[:2]][w.xpos] += 1
                    by_lemma[w.lemma, w.xpos[:2]][w.xpos] += 1
                    by_degree[w.xpos[:2]][w.xpos[2]] += 1
        self.by_form = {k: c.most_common(1)[0][0] for k, c in by_form.items()}
        self.by_lemma = {k: c.most_common(1)[0][0] for k, c in by_lemma.items()}
        self.default = {k: c.most_common(1)[0][0] for k, c in by_degree.items()}
        self.fallbacks = 0

    def __call__(self, word: Word) -> str:
        if not (word.xpos.startswith("r") and len(word.xpos) == 3 and word.xpos[2] == "n"):
            return word.xpos
        prefix = word.xpos[:2]
        found = self.by_form.get((word.form.lower(), prefix)) or self.by_lemma.get((word.lemma, prefix))
        if found:
            return found
        self.fallbacks += 1
        # An adverb our split never saw: the commonest subtype for its degree keeps
        # the tag set closed (an ``r0n`` label would be new to the tagger).
        return prefix + self.default.get(prefix, "m")


# --- backoff tables ------------------------------------------------------------------------

def children(words: list[Word], i: int) -> frozenset[str]:
    return frozenset(universal(w.deprel) for w in words if w.head == i + 1) & CLAUSE_CHILDREN


def head_upos(words: list[Word], i: int) -> str:
    h = words[i].head or 0
    return words[h - 1].upos if h else "ROOT"


KEYS: dict[str, list[Key]] = {
    "deprel": [
        lambda ws, i: (ws[i].lemma, ws[i].upos, ws[i].deprel, head_upos(ws, i)),
        lambda ws, i: (ws[i].upos, ws[i].xpos[:2], ws[i].deprel, head_upos(ws, i), children(ws, i)),
        lambda ws, i: (ws[i].upos, ws[i].deprel, children(ws, i)),
    ],
    "upos": [
        lambda ws, i: (ws[i].lemma, ws[i].upos, ws[i].deprel),
        lambda ws, i: (ws[i].upos, ws[i].xpos[:2], ws[i].deprel),
    ],
    "xpos": [
        lambda ws, i: (ws[i].lemma, ws[i].xpos, ws[i].deprel),
        lambda ws, i: (ws[i].lemma, ws[i].xpos),
        lambda ws, i: (ws[i].xpos,),
    ],
    "feats": [
        lambda ws, i: (ws[i].lemma, ws[i].upos, feats_set(ws[i].feats)),
        lambda ws, i: (ws[i].upos, ws[i].xpos, feats_set(ws[i].feats)),
        lambda ws, i: (ws[i].upos, feats_set(ws[i].feats)),
    ],
    "lemma": [
        lambda ws, i: (ws[i].form.lower(), ws[i].lemma, ws[i].upos),
        lambda ws, i: (ws[i].lemma, ws[i].upos, ws[i].xpos),
        lambda ws, i: (ws[i].lemma, ws[i].upos),
    ],
}
# Columns in cascade order: relations first, so that UPOS can follow the mapped deprel.
ORDER = ("deprel", "upos", "xpos", "feats", "lemma")


class BackoffTable:
    """Most specific key with a confident majority decides; none: keep the value."""

    def __init__(self, keys: list[Key]) -> None:
        self.keys = keys
        self.tables: list[dict[tuple, str]] = [{} for _ in keys]

    def learn(self, examples: list[tuple[list[Word], int, str]]) -> None:
        for level, key in enumerate(self.keys):
            counts: dict[tuple, Counter] = defaultdict(Counter)
            for words, i, gold in examples:
                counts[key(words, i)][gold] += 1
            for k, c in counts.items():
                value, n = c.most_common(1)[0]
                if n >= MIN_COUNT and n / sum(c.values()) >= MIN_SHARE:
                    self.tables[level][k] = value

    def __call__(self, words: list[Word], i: int, current: str) -> str:
        for key, table in zip(self.keys, self.tables):
            value = table.get(key(words, i))
            if value is not None:
                return value
        return current

    def size(self) -> int:
        """Entries learnt, "keep" entries (which block coarser keys) included."""
        return sum(len(t) for t in self.tables)


RULES: dict[str, Callable[[Word], str]] = {"deprel": rule_deprel, "upos": rule_upos, "lemma": rule_lemma}


class Mapper:
    def __init__(self, adverbs: AdverbTypes) -> None:
        self.adverbs = adverbs
        self.tables = {col: BackoffTable(KEYS[col]) for col in ORDER}

    def apply_rules(self, col: str, sent: Sentence) -> None:
        for w in sent.words:
            if col == "feats":
                w.feats = drop_extpos(w.feats)
            elif col == "xpos":
                w.xpos = self.adverbs(w)
            else:
                setattr(w, col, RULES[col](w))

    def apply_table(self, col: str, sent: Sentence) -> None:
        # Keys read the sentence as it was before this column changed.
        before = [replace(w) for w in sent.words]
        for i, w in enumerate(sent.words):
            setattr(w, col, self.tables[col](before, i, getattr(w, col)))

    def learn(self, pairs: list[tuple[Sentence, Sentence]]) -> None:
        """Cascade: each column's table is learnt on the output of the steps before it."""
        state = [copy_sentence(new) for new, _ in pairs]
        for col in ORDER:
            for sent in state:
                self.apply_rules(col, sent)
            examples = [(s.words, i, getattr(old.words[i], col))
                        for s, (_, old) in zip(state, pairs) for i in range(len(s.words))]
            self.tables[col].learn(examples)
            for sent in state:
                self.apply_table(col, sent)

    def map(self, sent: Sentence) -> Sentence:
        out = copy_sentence(sent)
        for col in ORDER:
            self.apply_rules(col, out)
            self.apply_table(col, out)
        return out


# --- measuring -----------------------------------------------------------------------------

def agreement(pairs: Iterable[tuple[Sentence, Sentence]]) -> dict[str, float]:
    """Per-column token accuracy of the first against the second (v2.5 gold).

    FEATS compared as sets (spaCy sorts features), DEPREL on the universal part
    (what we train), ``all`` = every column right, deprel universal."""
    right: Counter = Counter()
    total = 0
    for new, old in pairs:
        for a, b in zip(new.words, old.words):
            total += 1
            same = {
                "upos": a.upos == b.upos,
                "xpos": a.xpos == b.xpos,
                "feats": feats_set(a.feats) == feats_set(b.feats),
                "lemma": a.lemma == b.lemma,
                "head": a.head == b.head,
                "deprel": universal(a.deprel) == universal(b.deprel),
                "deprel_full": a.deprel == b.deprel,
            }
            right.update(k for k, v in same.items() if v)
            right["all"] += all(v for k, v in same.items() if k != "deprel_full")
    keys = [*COLUMNS, "deprel_full", "all"]
    return {k: round(100 * right[k] / max(total, 1), 2) for k in keys} | {"tokens": total}


def held_out(pairs: list[tuple[Sentence, Sentence]], adverbs: AdverbTypes, folds: int = 2,
             seed: int = 0) -> dict[str, float]:
    """Agreement on sentences the tables did not learn from: the honest number."""
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    mapped: list[tuple[Sentence, Sentence]] = []
    for f in range(folds):
        test = set(order[f::folds])
        mapper = Mapper(adverbs)
        mapper.learn([p for j, p in enumerate(pairs) if j not in test])
        mapped += [(mapper.map(pairs[j][0]), pairs[j][1]) for j in sorted(test)]
    return agreement(mapped)


def residuals(pairs: list[tuple[Sentence, Sentence]], col: str, limit: int = 15) -> list[tuple]:
    """Commonest differences left after mapping (v2.17 mapped, v2.5), to read."""
    diff: Counter = Counter()
    for new, old in pairs:
        for a, b in zip(new.words, old.words):
            x, y = getattr(a, col), getattr(b, col)
            if col == "deprel":
                x, y = universal(x), universal(y)
            if x != y:
                diff[(a.upos, str(x), str(y))] += 1
    return [(*k, n) for k, n in diff.most_common(limit)]


# --- writing -------------------------------------------------------------------------------

def conllu_lines(sent: Sentence) -> Iterator[str]:
    yield f"# sent_id = {sent.sent_id}"
    yield f"# text = {sent.text}"
    for w in sent.words:
        cols = [str(w.id), w.form, w.lemma, w.upos, w.xpos, w.feats or "_",
                str(w.head if w.head is not None else "_"), w.deprel or "_", "_", w.misc or "_"]
        yield "\t".join(cols)
    yield ""


def write_conllu(sentences: Iterable[Sentence], path: Path) -> int:
    n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf8") as fh:
        for sent in sentences:
            fh.write("\n".join(conllu_lines(sent)) + "\n")
            n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", type=Path, help="the lv corpora folder (ud/, lvtb-2.17/)")
    ap.add_argument("out", type=Path, help="folder for the mapped CoNLL-U files")
    ap.add_argument("--metrics", type=Path, default=None, help="write the agreement numbers here (JSON)")
    args = ap.parse_args()
    ud_train = args.corpora / "ud" / "train.conllu"
    src = args.corpora / "lvtb-2.17"
    pairs = shared_pairs(src / "train50_in_fullstack_train.conllu", ud_train)
    adverbs = AdverbTypes(read_sentences(ud_train))
    report: dict = {"pairs": len(pairs), "before": agreement(pairs)}
    report["held_out_2fold"] = held_out(pairs, adverbs)
    mapper = Mapper(adverbs)
    mapper.learn(pairs)
    mapped_pairs = [(mapper.map(new), old) for new, old in pairs]
    report["after_in_sample"] = agreement(mapped_pairs)
    report["table_entries"] = {col: t.size() for col, t in mapper.tables.items()}
    # Tag residuals only: the lemma ones are corpus words (printed, not stored).
    report["residuals"] = {col: residuals(mapped_pairs, col) for col in ("upos", "xpos", "feats", "deprel")}
    for row in residuals(mapped_pairs, "lemma"):
        print("lemma residual", row)
    adverbs.fallbacks = 0
    for name, out_name in NEW_FILES.items():
        n = write_conllu((mapper.map(s) for s in read_sentences(src / name)), args.out / out_name)
        report[f"written_{out_name}"] = n
    report["adverb_fallbacks_new_files"] = adverbs.fallbacks
    for k in ("before", "held_out_2fold", "after_in_sample"):
        print(f"{k:16s}", json.dumps(report[k]))
    print("table entries", report["table_entries"], "adverb fallbacks", adverbs.fallbacks)
    if args.metrics:
        args.metrics.parent.mkdir(parents=True, exist_ok=True)
        args.metrics.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf8")


if __name__ == "__main__":
    main()
