"""Korean names in full McCune–Reischauer, with its apostrophes and breves ("P'an'gyo-kun", "Shin'gye-kun", "Hŭich'ŏn"),
read as the Hangul names are (native.py): written out without them in the spellings the tables know ("Pangyo County",
"Phangyo County", "Singye-gun", "Huichon City"), and each rendering read by the finder.

The apostrophe marks an aspirated stop ("p'", "t'", "k'", "ch'") or splits "n" from the "g" after it ("Shin'gye");
the tokenizer cuts a word there, so the name is otherwise read as "Shin" alone and its "-kun" is lost. Only a word of
Korean syllables whose apostrophe follows such a consonant is taken, and only with a Korean sign: an administrative
suffix (listed for review when nothing reads it), a breve, or Korea named in the passage (placed only where a table
knows the name). "Qur'an", "Dar'a", "Be'eri" or "Ma'alot" have no such apostrophe and are left to the finder.
"""

from __future__ import annotations

import re
import unicodedata

from mapviewer.core.ingest.places.native import ANY, PLACED_BY_NAME, Form, NativeName
from mapviewer.core.lazyre import lazy_compile

_SYL = (r"(?:ch|sh|kk|tt|pp|ss|jj|[kgndtrlmbpsjh])?(?:yae|yeo|wae|ae|ya|eo|ye|yo|yu|eu|ui|oe|wa|wo|we|wi|a|e|i|o|u)"
        r"(?:ng|k|n|t|l|m|p)?")  # fmt: skip
_SYLLABLES = lazy_compile(rf"(?:{_SYL}){{1,4}}")

_WORD = lazy_compile(r"(?<![\w’'-])(?P<name>(?:[A-Z][a-zŏŭ]*(?:ch|[ptkn])|[PTK]|Ch)['’][a-zŏŭ]+(?:['’][a-zŏŭ]+)*)(?:-(?P<suffix>kun|gun|ri|ni|ŭp|up|dong|si|do|gu|rodongjagu))?(?![\w’'-])")
"""A capitalised word split by McCune–Reischauer apostrophes after a consonant, with its administrative suffix."""

_SUFFIX_FORMS = {
    "kun": ("{}-gun", "{} County"), "gun": ("{}-gun", "{} County"), "ri": ("{}-ri",), "ni": ("{}-ri", "{}-ni"),
    "ŭp": ("{}-up", "{}-eup", "{}"), "up": ("{}-up", "{}-eup", "{}"), "dong": ("{}-dong",), "si": ("{}-si", "{} City", "{}"),
    "do": ("{} Province", "{}-do"), "gu": ("{}-gu", "{} District"), "rodongjagu": ("{}", "{}-rodongjagu"),
}  # fmt: skip
"""The English forms of a name with its suffix, as hangul.SUFFIXES writes them ("-kun" is McCune–Reischauer's "-gun")."""

_BARE_FORMS = ("{}", "{} City")
"""A name with no suffix ("Hŭich'ŏn"): the town, or the city it gives its name to."""

_KOREA = lazy_compile(r"Korea|DPRK|Pyongyang|P'yŏngyang")


def _plain(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _stems(name: str) -> tuple[str, ...]:
    """The name without its apostrophes, as the tables may spell it: dropped ("Pangyo", "Huichon"), an aspirate written
    "h" ("Phangyo"), and McCune–Reischauer's "shi" written "si" ("Singye")."""
    plain = _plain(name).replace("’", "'")
    out = [plain.replace("'", ""), re.sub(r"(?<=[ptkPTK])'", "h", plain).replace("'", "")]
    out += ["S" + s[2:] for s in out if s.startswith("Shi")]
    return tuple(dict.fromkeys(out))


def mccune_names(text: str) -> list[NativeName]:
    """The McCune–Reischauer names with apostrophes in `text`, with their renderings (see the module's docstring)."""
    if "'" not in text and "’" not in text:
        return []
    korea = _KOREA.search(text) is not None
    out = []
    for m in _WORD.finditer(text):
        name, suffix = m.group("name"), m.group("suffix")
        if not _SYLLABLES.fullmatch(re.sub(r"['’]", "", _plain(name)).lower()):
            continue
        breve = any(c in name for c in "ŏŭ")
        if not (suffix or breve or korea):
            continue
        templates = _SUFFIX_FORMS[suffix] if suffix else _BARE_FORMS
        forms = tuple(Form(t.format(stem), (0, len(t.format(stem)))) for stem in _stems(name) for t in templates)
        out.append(NativeName(m.start(), m.end(), forms, ANY if suffix else PLACED_BY_NAME, phrase_places=False))
    return out
