"""strkit: small, dependency-free string utilities."""
from .case import camel_to_snake, slugify, snake_to_camel, title_case
from .numbers import human_bytes, ordinal, parse_duration, from_roman, to_roman
from .text import chunk, normalize_whitespace, truncate_words, wrap
from .parse import parse_bool, split_csv_line, render_template
from .algo import is_palindrome, levenshtein, soundex
from .encoding import rle_decode, rle_encode
from .inflect import pluralize
