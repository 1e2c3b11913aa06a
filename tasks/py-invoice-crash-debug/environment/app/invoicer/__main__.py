"""python3 -m invoicer < request.json > invoice.txt"""
import sys

from .parse import RequestError, parse_request
from .render import render


def main():
    try:
        order = parse_request(sys.stdin.read())
    except RequestError as exc:
        print("error: %s" % exc, file=sys.stderr)
        return 2
    sys.stdout.write(render(order))
    return 0


if __name__ == "__main__":
    sys.exit(main())
