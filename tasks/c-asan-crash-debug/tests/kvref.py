"""Reference behaviour of kvjson (on bytes)."""
import re

KEY = re.compile(rb"[A-Za-z0-9_.-]+")


class Bad(Exception):
    pass


def unquote(s):
    out, i = bytearray(), 0
    while i < len(s):
        c = s[i:i + 1]
        if c == b'"':
            return bytes(out), s[i + 1:]
        if c == b"\\":
            nxt = s[i + 1:i + 2]
            m = {b"n": b"\n", b"t": b"\t", b'"': b'"', b"\\": b"\\"}.get(nxt)
            if m is None:
                raise Bad()
            out += m
            i += 2
            continue
        out += c
        i += 1
    raise Bad()


def parse_line(line):
    p = line.lstrip(b" \t")
    if not p or p[:1] in (b"#", b";"):
        return None
    m = KEY.match(p)
    if not m:
        raise Bad()
    key = m.group(0)
    p = p[m.end():].lstrip(b" \t")
    if p[:1] != b"=":
        raise Bad()
    p = p[1:].lstrip(b" \t")
    if p[:1] == b'"':
        value, rest = unquote(p[1:])
        rest = rest.lstrip(b" \t")
        if rest and rest[:1] != b"#":
            raise Bad()
    else:
        value = p.split(b"#", 1)[0].strip(b" \t")
    return key, value


def js(s):
    out = bytearray(b'"')
    for c in s:
        if c in (0x22, 0x5C):
            out += b"\\" + bytes([c])
        elif c == 0x0A:
            out += b"\\n"
        elif c == 0x09:
            out += b"\\t"
        elif c < 0x20:
            out += b"\\u%04x" % c
        else:
            out.append(c)
    return bytes(out) + b'"'


def run(data):
    """-> (exit code, stdout, expected stderr; for errors the stderr prefix up to 'error: line N:')"""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    pairs, order, err = {}, [], []
    for no, line in enumerate(lines, 1):
        try:
            kv = parse_line(line)
        except Bad:
            return 1, b"", b"".join(w + b"\n" for w in err) + b"error: line %d: " % no
        if kv is None:
            continue
        k, v = kv
        if k in pairs:
            err.append(b"warning: line %d: duplicate key %s (previous value %s)" % (no, k, pairs[k]))
        else:
            order.append(k)
        pairs[k] = v
    body = b", ".join(js(k) + b": " + js(pairs[k]) for k in order)
    return 0, b"{" + body + b"}\n", b"".join(w + b"\n" for w in err)
