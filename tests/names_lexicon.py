"""A tiny lexicon of proper nouns in hunspell-lv's style, for the tests of the name rules.

Written for the tests (not taken from hunspell-lv): a masculine and a feminine
given name with their diminutive classes (``P``/``p``, ``T``/``t``); places with
one number's endings (``Rīga/S``, ``Zilupe/S``, ``Talsi/o``); another proper noun
spelt as a form of a given name (``Ginta``, as ``Viļņa`` is Vilnius and Vilnis's
genitive); a surname-like stem with masculine singular endings (``Kalns/O``); and
a common noun spelt as a given name in lower case (``vara``).
"""

from __future__ import annotations

from lvnews.hunspell import Dictionary

AFF = """\
SET UTF-8

SFX O Y 4
SFX O s a [s] is:vpg
SFX O s u [s] is:vpa
SFX O s am [s] is:vpd
SFX O s ā [s] is:vpl

SFX o Y 2
SFX o s i s is:dpn
SFX o i os i is:dpl

SFX P Y 1
SFX P s iņš [^gk]s is:vdn

SFX p Y 1
SFX p s iņi [^gk]s is:ddn

SFX S Y 5
SFX S 0 s [ae] is:vpg
SFX S 0 i [ae] is:vpd
SFX S a u a is:vpa
SFX S a ā a is:vpl
SFX S e ē e is:vpl

SFX s Y 1
SFX s a ām a is:dpd

SFX T Y 1
SFX T a iņa [^gk]a is:vdn

SFX t Y 1
SFX t a iņām [^gk]a is:ddd
"""

DIC = """\
9
Gints/OoPp po:lietv1i
Anna/SsTt po:lietv4i
Vara/SsTt po:lietv4i
Rīga/S po:lietv4i
Ginta/S po:lietv4i
Zilupe/S po:lietv5i
Talsi/o po:lietv2i
Kalns/O po:lietv1i
vara/Ss po:lietv4r
"""


def names_dictionary() -> Dictionary:
    return Dictionary.from_text(DIC, AFF)
