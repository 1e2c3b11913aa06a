"""Text layout."""
import re


def normalize_whitespace(text):
    """Collapse every run of whitespace (spaces, tabs, newlines...) into one space and strip."""
    return " ".join(text.split())


def wrap(text, width):
    """Greedy word wrap: lines of at most `width` characters; a word longer than width gets a line
    of its own (not split). Whitespace is normalized first. Returns a list of lines."""
    if width < 1:
        raise ValueError("width must be >= 1")
    lines, cur = [], ""
    for word in normalize_whitespace(text).split(" "):
        if not word:
            continue
        if not cur:
            cur = word
        elif len(cur) + 1 + len(word) <= width:
            cur += " " + word
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


def truncate_words(text, max_words, ellipsis="…"):
    """Keep the first max_words words (whitespace normalized); append ellipsis only if words were cut."""
    words = normalize_whitespace(text).split()
    if len(words) <= max_words:
        return " ".join(words)
    return " ".join(words[:max_words]) + ellipsis


def chunk(items, size):
    """Split a sequence into lists of `size` items; the last one may be shorter."""
    if size < 1:
        raise ValueError("size must be >= 1")
    return [list(items[i:i + size]) for i in range(0, len(items), size)]
