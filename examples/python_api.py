"""The Python API in a few lines: load once, analyse, read records."""

import lvnews

analyzer = lvnews.load()
text = open("examples/article.txt", encoding="utf8").read()
article = analyzer.analyze(text, id="example")

print(article.language, article.section, article.captions)
for entity in article.entities:
    print(entity.label, entity.text, "->", entity.canonical)
for fact in article.facts:
    print(fact.type, fact.text)

# The spaCy Doc is there for spaCy users:
doc = analyzer.nlp("Ventspilī šodien viesojās Rīgas mērs.")
print([(t.text, t.lemma_, t.pos_, t.dep_) for t in doc])
