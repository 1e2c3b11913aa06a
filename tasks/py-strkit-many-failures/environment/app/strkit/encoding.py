"""Run-length encoding: 'aaabcc' <-> '3a1b2c'."""
import re


def rle_encode(text):
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i]:
            j += 1
        out.append("%d%s" % (j - i, text[i]))
        i = j
    return "".join(out)


def rle_decode(data):
    """Inverse of rle_encode; counts may have several digits. The encoded characters are never
    digits. ValueError for malformed input."""
    if not re.fullmatch(r"(?:[1-9][0-9]*[^0-9])*", data):
        raise ValueError("malformed RLE data")
    return "".join(ch * int(n) for n, ch in re.findall(r"([0-9])([^0-9])", data))
