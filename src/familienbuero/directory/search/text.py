"""Text analysis shared by both search back-ends: folding, tokens, stems, stop words, edit distance.

Index and query text go through the same functions, so whatever a family types is compared with the
index in the same form: ``Familienbüro`` and ``Familienbuero`` both become ``familienbuero``.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

# ä→ae, ö→oe, ü→ue, ß→ss: German spellings without umlauts are the same word. Applied after lower().
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_WORD = re.compile(r"[^\W_]+")

#: Snowball algorithm per site language (``None``: no stemmer, e.g. Ukrainian).
STEMMERS: dict[str, str | None] = {
    "de": "german",
    "de-ls": "german",
    "en": "english",
    "tr": "turkish",
    "ar": "arabic",
    "uk": None,
}

# Snowball's German stop-word list (folded) plus a few English ones: words that carry no meaning for
# a search and would otherwise turn "Schwimmkurs für Kinder" into a query that also requires "für".
_STOP_WORDS = """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm
    andern anderr anders auch auf aus bei bin bis bist da damit dann das dass dasselbe dazu dein deine
    deinem deinen deiner deines dem demselben den denn denselben der derer derselbe derselben des
    desselben dessen dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir doch dort du
    durch ein eine einem einen einer eines einig einige einigem einigen einiger einiges einmal er es etwas
    euch euer eure eurem euren eurer eures fuer gegen gewesen hab habe haben hat hatte hatten hier hin
    hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder
    jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines koennen koennte
    machen man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit
    muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines
    selbst sich sie ihnen sind so solche solchem solchen solcher solches soll sollte sondern sonst ueber
    um und uns unsere unserem unseren unser unseres unter viel vom von vor waehrend war waren warst was
    weg weil weiter welche welchem welchen welcher welches wenn werde werden wie wieder will wir wird
    wirst wo wollen wollte wuerde wuerden zu zum zur zwar zwischen
    a an and for in of on or the to with
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_local = threading.local()

#: Marks the index entries that hold a part of a word: every ending of at least MIN_PART letters, so
#: that "berat" is found in "schuldnerberat" by a prefix match ("ǂberat*") – one index lookup instead of
#: a list of every compound in the vocabulary. The mark is a letter no language of the site writes;
#: folding removes it from any text, so that only the index's parts carry it.
PART = "\u01c2"
MIN_PART = 5


def fold(text: str) -> str:
    """Lower case, German umlauts spelled out, other accents and Arabic vowel marks removed."""
    text = unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS).replace(PART, "")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words of a text, without stop words."""
    return [word for word in _WORD.findall(fold(text)) if word not in STOP_WORDS]


def _stemmer(algorithm: str) -> snowballstemmer.stemmer:
    # Snowball stemmer objects keep state while stemming: one per thread.
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if algorithm not in stemmers:
        stemmers[algorithm] = snowballstemmer.stemmer(algorithm)
    return stemmers[algorithm]


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The Snowball stem of a folded word in the given site language (the word itself without one)."""
    algorithm = STEMMERS.get(language, "german")
    if algorithm is None or word.isdigit():
        return word
    return _stemmer(algorithm).stemWord(word)


def stems(text: str, language: str) -> list[str]:
    return [stem(word, language) for word in words(text)]


def parts(term: str) -> list[str]:
    """The marked endings of ``term`` (without the term itself): its parts for compound search."""
    return [PART + term[i:] for i in range(1, len(term) - MIN_PART + 1)]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two neighbouring letters is one typo), cut off
    above ``limit`` so that comparing a query word with many candidates stays cheap."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def max_typos(term: str) -> int:
    """How many typos a query word may contain: none in short words (too many false friends)."""
    if len(term) < 5:
        return 0
    return 1 if len(term) < 9 else 2
