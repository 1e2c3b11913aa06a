from strkit import camel_to_snake, slugify, snake_to_camel, title_case


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
