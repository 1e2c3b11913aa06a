import pytest

from strkit import parse_bool, render_template, split_csv_line


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
