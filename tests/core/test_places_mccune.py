"""Korean names in full McCune–Reischauer, apostrophes and breves kept (issue 13, recall): "Tok'ang-kun",
"Hwap'yŏng" are read as the tables spell them, and a county the tables lack is listed for review, not cut at its
apostrophe. Every sentence and name here is invented for these tests (or a real county used in a new sentence)."""

from __future__ import annotations

from placing import found

from mapviewer.core.ingest.places.mccune import mccune_names


def test_a_county_with_apostrophes_is_read_as_the_tables_spell_it() -> None:
    c = [c for c in found("Engineers were sent to P'an'gyo-kun, in Kangwŏn Province of North Korea.") if c.surface == "P'an'gyo-kun"]
    assert c and c[0].place is not None and "Phangyo" in c[0].place.name


def test_a_county_the_tables_lack_is_listed_whole_for_review() -> None:
    c = [c for c in found("Trucks left for Tok'ang-kun at dawn.") if c.surface.startswith("Tok")]
    assert [x.surface for x in c] == ["Tok'ang-kun"] and c[0].status == "unplaced"


def test_words_with_other_apostrophes_are_left_alone() -> None:
    assert mccune_names("Pilgrims read the Qur'an near Dar'a and Be'eri on Sunday.") == []
    assert mccune_names("Kim didn't say; Park'n'Ride opened in Seoul's north.") == []
    assert found("Kim didn't say where the meeting was held.") == []
