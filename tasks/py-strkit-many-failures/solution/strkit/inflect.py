"""English plurals for common nouns."""

IRREGULAR = {"child": "children", "person": "people", "mouse": "mice", "man": "men", "woman": "women",
             "foot": "feet", "tooth": "teeth"}
UNCHANGED = {"sheep", "fish", "series", "species", "deer"}


def pluralize(word):
    """Irregular and unchanged nouns first; then -s/-x/-z/-ch/-sh -> +es; consonant+y -> ies;
    -f/-fe -> ves for the listed words; otherwise +s. The case of the first letter is kept."""
    lw = word.lower()
    if lw in UNCHANGED:
        return word
    if lw in IRREGULAR:
        p = IRREGULAR[lw]
        return p[0].upper() + p[1:] if word[:1].isupper() else p
    if lw.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if lw.endswith("y") and len(lw) > 1 and lw[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lw in ("leaf", "wolf", "knife", "wife", "life", "half", "shelf"):
        return word[:-2] + "ves" if lw.endswith("fe") else word[:-1] + "ves"
    return word + "s"
