"""Hidden tests for proctor/py-strkit-many-failures: the visible suite plus extra cases."""
import random
import sys

sys.path.insert(0, "/app")

import pytest  # noqa: E402

from strkit import (  # noqa: E402
    camel_to_snake, chunk, from_roman, human_bytes, is_palindrome, levenshtein, normalize_whitespace, ordinal,
    parse_bool, parse_duration, pluralize, render_template, rle_decode, rle_encode, slugify, snake_to_camel,
    soundex, split_csv_line, title_case, to_roman, truncate_words, wrap,
)


# ---- visible: test_algo.py ----

def test_levenshtein_insert_delete():
    assert levenshtein("abc", "abcd") == 1
    assert levenshtein("", "abc") == 3


def test_levenshtein_substitution():
    assert levenshtein("kitten", "sitting") == 3


def test_is_palindrome():
    assert is_palindrome("A man, a plan, a canal: Panama")
    assert not is_palindrome("hello")


def test_soundex():
    assert soundex("Robert") == "R163"
    assert soundex("Rupert") == "R163"


def test_soundex_h_w_rule():
    assert soundex("Ashcraft") == "A261"
    assert soundex("Tymczak") == "T522"


def test_rle_roundtrip():
    assert rle_encode("aaabcc") == "3a1b2c"
    assert rle_decode("3a1b2c") == "aaabcc"


def test_rle_long_runs():
    assert rle_encode("x" * 12) == "12x"
    assert rle_decode("12x") == "x" * 12


# ---- visible: test_case.py ----

def test_slugify_basic():
    assert slugify("Hello World") == "hello-world"


def test_slugify_collapses_and_strips():
    assert slugify("  --Héllo,   Wörld!!  ") == "hello-world"


def test_camel_to_snake_simple():
    assert camel_to_snake("parseResponse") == "parse_response"


def test_camel_to_snake_acronyms():
    assert camel_to_snake("HTTPServer") == "http_server"
    assert camel_to_snake("parseHTTPResponse2Fast") == "parse_http_response2_fast"


def test_snake_to_camel():
    assert snake_to_camel("parse_http_response") == "parseHttpResponse"
    assert snake_to_camel("__private__name_") == "privateName"


def test_title_case():
    assert title_case("the lord of the rings") == "The Lord of the Rings"
    assert title_case("what are you looking at") == "What Are You Looking At"


# ---- visible: test_inflect.py ----

def test_regular():
    assert pluralize("cat") == "cats"


def test_sibilants():
    assert [pluralize(w) for w in ("box", "church", "bus")] == ["boxes", "churches", "buses"]


def test_y_endings():
    assert pluralize("city") == "cities"
    assert pluralize("day") == "days"


def test_irregular_keeps_case():
    assert pluralize("Child") == "Children"
    assert pluralize("sheep") == "sheep"


# ---- visible: test_numbers.py ----

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


# ---- visible: test_parse.py ----

def test_parse_bool_true():
    assert all(parse_bool(s) for s in ["yes", "TRUE", " on ", "1"])


def test_parse_bool_false():
    assert not any(parse_bool(s) for s in ["no", "False", "off", "0"])


def test_parse_bool_invalid():
    with pytest.raises(ValueError):
        parse_bool("maybe")


def test_split_csv_line():
    assert split_csv_line('a,"b,c",d') == ["a", "b,c", "d"]


def test_split_csv_line_escaped_quotes():
    assert split_csv_line('"say ""hi""",x') == ['say "hi"', "x"]


def test_split_csv_line_empty_fields():
    assert split_csv_line(",a,,") == ["", "a", "", ""]


def test_render_template():
    assert render_template("Hello {name}!", {"name": "Ann"}) == "Hello Ann!"


def test_render_template_braces():
    assert render_template("{{literal}} {x}", {"x": 1}) == "{literal} 1"


# ---- visible: test_text.py ----

def test_normalize_whitespace():
    assert normalize_whitespace("  a\tb\n\nc  ") == "a b c"


def test_wrap():
    assert wrap("the quick brown fox jumps", 10) == ["the quick", "brown fox", "jumps"]


def test_wrap_exact_width():
    assert wrap("aaaa bbbb cccc", 9) == ["aaaa bbbb", "cccc"]


def test_truncate_words():
    assert truncate_words("one two three four", 2) == "one two…"


def test_truncate_words_short_text():
    assert truncate_words("one two", 5) == "one two"


def test_chunk():
    assert chunk([1, 2, 3, 4], 2) == [[1, 2], [3, 4]]


def test_chunk_remainder():
    assert chunk([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]



# ---- hidden extra cases ----

def test_h_slugify():
    assert slugify("Crème Brûlée -- 2024 Édition") == "creme-brulee-2024-edition"
    assert slugify("!!!") == ""
    assert slugify("a_b.c") == "a-b-c"


def test_h_camel_snake():
    assert camel_to_snake("getXMLHttpRequest") == "get_xml_http_request"
    assert camel_to_snake("simple") == "simple"
    assert camel_to_snake("ABC") == "abc"
    assert snake_to_camel("HELLO_WORLD") == "helloWorld"
    assert snake_to_camel("___") == ""
    assert snake_to_camel("x") == "x"


def test_h_title_case():
    assert title_case("a tale OF two cities") == "A Tale of Two Cities"
    assert title_case("war and peace and") == "War and Peace And"
    assert title_case("of") == "Of"
    assert title_case("") == ""


def test_h_roman_roundtrip():
    for n in range(1, 4000):
        assert from_roman(to_roman(n)) == n
    assert to_roman(444) == "CDXLIV" and to_roman(949) == "CMXLIX" and to_roman(3999) == "MMMCMXCIX"
    for bad in ["", "IC", "VV", "XXXX", "MMMM", "iv", "IIV", "LC"]:
        with pytest.raises(ValueError):
            from_roman(bad)
    for bad in [0, 4000, -1]:
        with pytest.raises(ValueError):
            to_roman(bad)


def test_h_ordinal():
    assert [ordinal(n) for n in (0, 10, 111, 1011, 1013, 23, 1002, -11, -2)] == \
        ["0th", "10th", "111th", "1011th", "1013th", "23rd", "1002nd", "-11th", "-2nd"]


def test_h_duration():
    assert parse_duration("1d2h30m15s") == 86400 + 7200 + 1800 + 15
    assert parse_duration("3d") == 3 * 86400
    assert parse_duration(" 10m ") == 600
    for bad in ["", "5", "1m2h", "1h1h", "2x", "d", "1.5h"]:
        with pytest.raises(ValueError):
            parse_duration(bad)


def test_h_human_bytes():
    assert human_bytes(0) == "0 B"
    assert human_bytes(1025) == "1.0 KiB"
    assert human_bytes(1024 * 1024 - 1) == "1.0 MiB"
    assert human_bytes(1024 * 1023) == "1023.0 KiB"
    assert human_bytes(int(1.25 * 1024 ** 3)) == "1.3 GiB"
    assert human_bytes(1024 ** 6) == "1024.0 PiB"


def test_h_whitespace_wrap():
    assert normalize_whitespace("\u00a0x\r\n\ty \x0b z\f") == "x y z"
    assert wrap("  a   bb\tccc\n dddd  ", 4) == ["a bb", "ccc", "dddd"]
    assert wrap("supercalifragilistic is long", 5) == ["supercalifragilistic", "is", "long"]
    assert wrap("", 3) == []
    assert wrap("a b c d e", 1) == ["a", "b", "c", "d", "e"]
    with pytest.raises(ValueError):
        wrap("x", 0)


def test_h_truncate_chunk():
    assert truncate_words("  one   two  ", 2) == "one two"
    assert truncate_words("a b c", 0) == "…"
    assert truncate_words("a b c", 2, "...") == "a b..."
    assert chunk("abcdefg", 3) == [["a", "b", "c"], ["d", "e", "f"], ["g"]]
    assert chunk([], 4) == []
    assert chunk([1, 2], 5) == [[1, 2]]
    with pytest.raises(ValueError):
        chunk([1], 0)


def test_h_parse_bool():
    assert [parse_bool(s) for s in ["Y", "t", "On", "0", "n", "OFF", "", "  "]] == \
        [True, True, True, False, False, False, False, False]
    for bad in ["2", "10", "yess", "nope", "-1"]:
        with pytest.raises(ValueError):
            parse_bool(bad)


def test_h_csv():
    assert split_csv_line("") == [""]
    assert split_csv_line('""') == [""]
    assert split_csv_line('"",""') == ["", ""]
    assert split_csv_line('a"b,c') == ['a"b', "c"]
    assert split_csv_line('"x""",y,') == ['x"', "y", ""]
    assert split_csv_line(" a , b ") == [" a ", " b "]
    with pytest.raises(ValueError):
        split_csv_line('"open')


def test_h_template():
    assert render_template("{a}{b}", {"a": 1, "b": "x"}) == "1x"
    assert render_template("}}{{{a}}}", {"a": 5}) == "}{5}"
    assert render_template("no fields", {}) == "no fields"
    with pytest.raises(KeyError):
        render_template("{missing}", {})
    for bad in ["{", "}", "a}b", "{x"]:
        with pytest.raises(ValueError):
            render_template(bad, {"x": 1})


def test_h_levenshtein():
    rng = random.Random(3)

    def ref(a, b):
        d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
        for i in range(1, len(a) + 1):
            for j in range(1, len(b) + 1):
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
        return d[-1][-1]
    for _ in range(300):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        assert levenshtein(a, b) == ref(a, b) == levenshtein(b, a)


def test_h_palindrome():
    assert is_palindrome("")
    assert is_palindrome("No 'x' in Nixon")
    assert not is_palindrome("ab1ba2")


def test_h_soundex():
    cases = {"Robert": "R163", "Rubin": "R150", "Ashcroft": "A261", "Tymczak": "T522", "Pfister": "P236",
             "Honeyman": "H555", "Lee": "L000", "Gutierrez": "G362", "Jackson": "J250", "O'Hara": "O600",
             "": "", "123": "", "Burroughs": "B620", "Lloyd": "L300"}
    for name, code in cases.items():
        assert soundex(name) == code, name


def test_h_rle():
    for s in ["", "a", "ab", "a" * 9 + "b" * 10 + "c" * 123, "  \n\n", "xyz" * 5]:
        assert rle_decode(rle_encode(s)) == s
    assert rle_encode("a" * 10 + "b") == "10a1b"
    for bad in ["a", "3", "0a", "03a", "3a4", "2ab"]:
        with pytest.raises(ValueError):
            rle_decode(bad)


def test_h_pluralize():
    cases = {"key": "keys", "boy": "boys", "lady": "ladies", "fox": "foxes", "dish": "dishes", "quiz": "quizes",
             "Mouse": "Mice", "Person": "People", "fish": "fish", "Knife": "Knives", "leaf": "leaves",
             "roof": "roofs", "y": "ys", "Day": "Days", "City": "Cities"}
    for w, p in cases.items():
        assert pluralize(w) == p, w
