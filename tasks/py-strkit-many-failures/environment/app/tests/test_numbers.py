import pytest

from strkit import from_roman, human_bytes, ordinal, parse_duration, to_roman


def test_to_roman():
    assert to_roman(1994) == "MCMXCIV"
    assert to_roman(3888) == "MMMDCCCLXXXVIII"


def test_to_roman_ninety():
    assert to_roman(90) == "XC"
    assert to_roman(99) == "XCIX"


def test_from_roman():
    assert from_roman("MCMXCIV") == 1994
    with pytest.raises(ValueError):
        from_roman("IIII")


def test_ordinal():
    assert [ordinal(n) for n in (1, 2, 3, 4, 21, 22, 101)] == ["1st", "2nd", "3rd", "4th", "21st", "22nd", "101st"]


def test_ordinal_teens():
    assert [ordinal(n) for n in (11, 12, 13, 111, 112)] == ["11th", "12th", "13th", "111th", "112th"]


def test_parse_duration():
    assert parse_duration("1h30m") == 5400
    assert parse_duration("45s") == 45


def test_parse_duration_days():
    assert parse_duration("2d3h") == 2 * 86400 + 3 * 3600


def test_human_bytes():
    assert human_bytes(1023) == "1023 B"
    assert human_bytes(1536) == "1.5 KiB"


def test_human_bytes_boundary():
    assert human_bytes(1024) == "1.0 KiB"
    assert human_bytes(1024 * 1024) == "1.0 MiB"
