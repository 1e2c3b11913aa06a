"""Case conversions."""
import re
import unicodedata

SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs"}


def slugify(text):
    """'Héllo,  World!' -> 'hello-world': ASCII-fold, lowercase, runs of other chars become one '-',
    no leading/trailing '-'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def camel_to_snake(name):
    """'parseHTTPResponse2Fast' -> 'parse_http_response2_fast'; 'HTTPServer' -> 'http_server'."""
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return s.lower()


def snake_to_camel(name):
    """'parse_http_response' -> 'parseHttpResponse'; leading/trailing/double underscores ignored."""
    parts = [p for p in name.split("_") if p]
    if not parts:
        return ""
    return parts[0].lower() + "".join(p[:1].upper() + p[1:].lower() for p in parts[1:])


def title_case(text):
    """Capitalize words except small words; the first and last word are always capitalized."""
    words = text.split()
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if 0 < i < len(words) - 1 and lw in SMALL_WORDS:
            out.append(lw)
        else:
            out.append(lw[:1].upper() + lw[1:])
    return " ".join(out)
