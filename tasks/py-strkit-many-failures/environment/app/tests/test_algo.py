from strkit import is_palindrome, levenshtein, rle_decode, rle_encode, soundex


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
