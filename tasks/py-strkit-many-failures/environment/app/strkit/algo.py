"""Classic string algorithms."""


def levenshtein(a, b):
    """Edit distance with unit costs for insertion, deletion and substitution."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + 2 * (ca != cb)))
        prev = cur
    return prev[-1]


def is_palindrome(text):
    """Palindrome ignoring case and every character that is not a letter or digit."""
    chars = [c.lower() for c in text if c.isalnum()]
    return chars == chars[::-1]


CODES = {c: d for d, letters in {"1": "BFPV", "2": "CGJKQSXZ", "3": "DT", "4": "L", "5": "MN", "6": "R"}.items()
         for c in letters}


def soundex(name):
    """American Soundex: first letter + 3 digits ('Robert' -> 'R163', 'Tymczak' -> 'T522',
    'Ashcraft' -> 'A261'). Non-letters are ignored; H and W do not separate equal codes, vowels do."""
    letters = [c for c in name.upper() if "A" <= c <= "Z"]
    if not letters:
        return ""
    first = letters[0]
    out = []
    last = CODES.get(first, "")
    for c in letters[1:]:
        code = CODES.get(c, "")
        if code and code != last:
            out.append(code)
        last = code
    return (first + "".join(out) + "000")[:4]
