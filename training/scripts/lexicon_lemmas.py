"""Measure the hunspell-lv lemmas of unseen words (``lvnews_lexicon_lemmas``).

Runs a model over the dev treebank end to end (as ``lvnews evaluate ud`` does;
the model's own ``lvnews_lexicon_lemmas``, if it has one, switched off), aligns
its words with the gold ones and, for words whose form the training split never
saw, reports how often today's lemma is wrong, how many the
lexicon covers, how often the gold lemma is among its candidates, and what the
component would change (fixed, broken, still wrong), with the estimated gain in
lemma accuracy over all dev words.

    python training/scripts/lexicon_lemmas.py [--model DIR] [--hunspell DIR]

The lexicon is Debian's hunspell-lv, fetched by the project's ``hunspell`` step
into ``training/assets/hunspell-lv``; the model (``spacy assemble
configs/assemble.cfg``) ships a compacted copy.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from lvnews.analyzer import load
from lvnews.conll import parse_sentences, read_paragraphs, read_sentences
from lvnews.evaluate.ud import Side, _mapped, _position_map
from lvnews.formats import to_conllu
from lvnews.lexicon_lemmas import LexiconLemmas

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "lv" / "ud"
HUNSPELL = Path(__file__).resolve().parents[1] / "assets" / "hunspell-lv"
NAME = "lvnews_lexicon_lemmas"


def aligned_words(analyzer: Any, dev: Path) -> Iterator[tuple[Any, Any]]:
    """(gold word, system word) for every dev word the system's tokens match exactly."""
    paragraphs = list(read_paragraphs(dev))
    records = analyzer.analyze_many(({"id": p.id, "text": p.text} for p in paragraphs), force_language="lv")
    for para, record in zip(paragraphs, records):
        gold = Side.of(para.sentences)
        system = Side.of(list(parse_sentences(to_conllu(record).split("\n"))))
        mapping = _position_map(gold.chars, system.chars)
        index = {span: i for i, span in enumerate(gold.spans)}
        for s, span in enumerate(system.spans):
            g = index.get(_mapped(mapping, span))
            if g is not None:
                yield gold.words[g], system.words[s]


def measure(args: argparse.Namespace) -> None:
    analyzer = load(args.model)
    if NAME in analyzer.nlp.pipe_names:
        analyzer.nlp.disable_pipe(NAME)  # measure against the lemmas without it
    component = LexiconLemmas(analyzer.nlp, NAME)
    component.initialize(lambda: [], dic_path=args.hunspell / "lv_LV.dic", aff_path=args.hunspell / "lv_LV.aff",
                         ud_train=str(args.train))
    known_forms, known_lemmas = component.known()
    train_forms = {w.form for s in read_sentences(args.train) for w in s.words}
    counts: Counter = Counter()
    by_upos: Counter = Counter()
    words = list(aligned_words(analyzer, args.dev))
    for gold, system in words:
        right = system.lemma == gold.lemma
        if system.form not in train_forms:
            candidates = {lemma for lemma, _ in component.candidates(system.form)}
            counts["unseen"] += 1
            counts["unseen wrong"] += not right
            counts["covered"] += bool(candidates)
            counts["gold among candidates"] += gold.lemma in candidates
            counts["wrong, gold among candidates"] += (not right) and gold.lemma in candidates
        if system.form in known_forms or system.upos not in component.upos or not system.form.isalpha():
            continue
        counts["acted on"] += 1
        choice = component.choose(system.form, system.upos, system.lemma, known_lemmas)
        if choice is None or choice == system.lemma:
            continue
        outcome = "fixed" if choice == gold.lemma else "broken" if right else "still wrong"
        counts[outcome] += 1
        by_upos[system.upos, outcome] += 1
    unseen, covered = counts["unseen"], counts["covered"]
    print(f"dev words aligned: {len(words)}; form unseen in the training split: {unseen}")
    wrong = counts["unseen wrong"]
    print(f"  lemma wrong today              {wrong:6d}  {wrong / unseen:6.1%} of unseen")
    print(f"  lexicon has an analysis        {covered:6d}  {covered / unseen:6.1%} of unseen")
    print(f"  gold lemma among candidates    {counts['gold among candidates']:6d}  "
          f"{counts['gold among candidates'] / max(covered, 1):6.1%} of covered")
    print(f"  ... and wrong today            {counts['wrong, gold among candidates']:6d}")
    print(f"component acts on {counts['acted on']} words (form unknown to the lookup table, UPOS "
          f"{'/'.join(sorted(component.upos))}): fixed {counts['fixed']}, broken {counts['broken']}, "
          f"still wrong {counts['still wrong']}")
    for upos in sorted(component.upos):
        print(f"  {upos:6} " + "  ".join(f"{o} {by_upos[upos, o]}" for o in ("fixed", "broken", "still wrong")))
    gain = (counts["fixed"] - counts["broken"]) / max(len(words), 1)
    print(f"estimated lemma gain: {gain:+.2%} of aligned dev words")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None, help="model folder (default: the bundled model)")
    ap.add_argument("--hunspell", type=Path, default=HUNSPELL, help="folder of lv_LV.dic and lv_LV.aff")
    ap.add_argument("--train", type=Path, default=CORPORA / "train.conllu")
    ap.add_argument("--dev", type=Path, default=CORPORA / "dev.conllu")
    args = ap.parse_args()
    measure(args)


if __name__ == "__main__":
    main()
