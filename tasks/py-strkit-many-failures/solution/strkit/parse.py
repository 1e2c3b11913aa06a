"""Parsing helpers."""
import re

TRUE = {"1", "true", "yes", "on", "y", "t"}
FALSE = {"0", "false", "no", "off", "n", "f", ""}


def parse_bool(text):
    """Case-insensitive, surrounding whitespace ignored; ValueError for anything else."""
    t = text.strip().lower()
    if t in TRUE:
        return True
    if t in FALSE:
        return False
    raise ValueError("not a boolean: %r" % (text,))


def split_csv_line(line):
    """Split one CSV line: ',' separates fields, fields may be double-quoted, '""' inside quotes is
    a literal quote. Unquoted fields are returned as is (no stripping)."""
    fields, cur, i, quoted = [], [], 0, False
    while i < len(line):
        c = line[i]
        if quoted:
            if c == '"':
                if i + 1 < len(line) and line[i + 1] == '"':
                    cur.append('"')
                    i += 1
                else:
                    quoted = False
            else:
                cur.append(c)
        elif c == '"' and not cur:
            quoted = True
        elif c == ",":
            fields.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    if quoted:
        raise ValueError("unterminated quote")
    fields.append("".join(cur))
    return fields


def render_template(template, values):
    """Replace {name} with str(values[name]); '{{' and '}}' are literal braces. KeyError for a
    missing name, ValueError for an unmatched single brace."""
    out, i = [], 0
    while i < len(template):
        c = template[i]
        if c == "{" and template.startswith("{{", i):
            out.append("{")
            i += 2
        elif c == "}" and template.startswith("}}", i):
            out.append("}")
            i += 2
        elif c == "{":
            j = template.find("}", i)
            if j < 0:
                raise ValueError("unmatched '{'")
            name = template[i + 1:j]
            out.append(str(values[name]))
            i = j + 1
        elif c == "}":
            raise ValueError("unmatched '}'")
        else:
            out.append(c)
            i += 1
    return "".join(out)
