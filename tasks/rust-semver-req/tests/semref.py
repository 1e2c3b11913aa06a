"""Python reference for the semver spec of proctor/rust-semver-req (used to generate hidden cases)."""
import re

NUM = r"(0|[1-9][0-9]*)"
IDENT = r"[0-9A-Za-z-]+"
VERSION = re.compile(rf"^{NUM}\.{NUM}\.{NUM}(?:-({IDENT}(?:\.{IDENT})*))?(?:\+({IDENT}(?:\.{IDENT})*))?$")
U64 = 2**64 - 1


class Invalid(Exception):
    pass


def parse_pre(text):
    out = []
    for ident in text.split("."):
        if ident.isdigit() and ident.isascii():
            if len(ident) > 1 and ident[0] == "0":
                raise Invalid(text)
            if int(ident) > U64:
                raise Invalid(text)
            out.append((0, int(ident), ""))
        else:
            out.append((1, 0, ident))
    return tuple(out)


def parse_version(s):
    m = VERSION.match(s)
    if not m or "\n" in s:
        raise Invalid(s)
    major, minor, patch = (int(m.group(i)) for i in (1, 2, 3))
    if max(major, minor, patch) > U64:
        raise Invalid(s)
    pre = parse_pre(m.group(4)) if m.group(4) else ()
    return (major, minor, patch, pre)


def key(v):
    major, minor, patch, pre = v
    # no pre-release sorts after any pre-release
    return (major, minor, patch, 1 if not pre else 0, pre)


def cmp(a, b):
    ka, kb = key(a), key(b)
    return (ka > kb) - (ka < kb)


PARTIAL = re.compile(r"^(?:(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*|[*xX])(?:\.(0|[1-9][0-9]*|[*xX])"
                     rf"(?:-({IDENT}(?:\.{IDENT})*))?(?:\+({IDENT}(?:\.{IDENT})*))?)?)?)$")


def parse_comparator(text):
    text = text.strip()
    m = re.match(r"^(>=|<=|=|>|<|~|\^)?\s*(.*)$", text, re.S)
    op, rest = m.group(1) or "", m.group(2)
    if rest in ("*", "x", "X"):
        if op not in ("",):
            raise Invalid(text)
        return ("any",)
    pm = PARTIAL.match(rest)
    if not pm or not rest:
        raise Invalid(text)
    major = int(pm.group(1))
    minor, patch, pre = pm.group(2), pm.group(3), pm.group(4)
    wild = False
    if minor in ("*", "x", "X"):
        wild, minor = True, None
        if patch is not None and patch not in ("*", "x", "X"):
            raise Invalid(text)
        patch = None
    elif patch in ("*", "x", "X"):
        wild, patch = True, None
    if (pre or pm.group(5)) and (patch is None):
        raise Invalid(text)
    if wild and op not in ("", "="):
        raise Invalid(text)
    minor = int(minor) if minor is not None else None
    patch = int(patch) if patch is not None else None
    if max(x for x in (major, minor, patch) if x is not None) > U64:
        raise Invalid(text)
    pre = parse_pre(pre) if pre else ()
    if op == "" and not wild:
        op = "^"
    if wild:
        op = "="
    return (op, major, minor, patch, pre)


def parse_req(text):
    if not text.strip():
        raise Invalid(text)
    return [parse_comparator(part) for part in text.split(",")]


def V(M, m, p, pre=()):
    return (M, m, p, pre)


def comp_matches(c, v):
    if c[0] == "any":
        return True
    op, M, m, p, pre = c
    ge = lambda b: cmp(v, b) >= 0
    lt = lambda b: cmp(v, b) < 0
    if op == "=":
        if m is None:
            return ge(V(M, 0, 0)) and lt(V(M + 1, 0, 0))
        if p is None:
            return ge(V(M, m, 0)) and lt(V(M, m + 1, 0))
        return cmp(v, V(M, m, p, pre)) == 0
    if op == ">":
        if m is None:
            return ge(V(M + 1, 0, 0))
        if p is None:
            return ge(V(M, m + 1, 0))
        return cmp(v, V(M, m, p, pre)) > 0
    if op == ">=":
        return ge(V(M, m or 0, p or 0, pre))
    if op == "<":
        return lt(V(M, m or 0, p or 0, pre))
    if op == "<=":
        if m is None:
            return lt(V(M + 1, 0, 0))
        if p is None:
            return lt(V(M, m + 1, 0))
        return cmp(v, V(M, m, p, pre)) <= 0
    if op == "~":
        if m is None:
            return ge(V(M, 0, 0)) and lt(V(M + 1, 0, 0))
        return ge(V(M, m, p or 0, pre)) and lt(V(M, m + 1, 0))
    if op == "^":
        if m is None:
            return ge(V(M, 0, 0)) and lt(V(M + 1, 0, 0))
        if p is None:
            return ge(V(M, m, 0)) and (lt(V(M + 1, 0, 0)) if M > 0 else lt(V(0, m + 1, 0)))
        lo = V(M, m, p, pre)
        if M > 0:
            hi = V(M + 1, 0, 0)
        elif m > 0:
            hi = V(0, m + 1, 0)
        else:
            hi = V(0, 0, p + 1)
        return ge(lo) and lt(hi)
    raise AssertionError(op)


def req_matches(req, v):
    if not all(comp_matches(c, v) for c in req):
        return False
    if not v[3]:
        return True
    return any(c[0] != "any" and c[4] and (c[1], c[2], c[3]) == v[:3] for c in req)
