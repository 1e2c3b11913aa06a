from strkit import chunk, normalize_whitespace, truncate_words, wrap


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
