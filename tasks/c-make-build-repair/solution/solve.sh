#!/bin/bash
# Reference repair: include guard, missing include, -lm, generated version.h rule, automatic
# header dependencies (-MMD -MP), working install target.
set -euo pipefail
cd /app
cat > Makefile <<'MK'
# statcalc -- descriptive statistics of numbers read from stdin
CC      ?= gcc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror
CPPFLAGS += -Isrc -MMD -MP
LDLIBS  += -lm
PREFIX  ?= /usr/local
SRCS    = src/main.c src/parse.c src/stats.c src/format.c
OBJS    = $(SRCS:.c=.o)
DEPS    = $(OBJS:.o=.d) tests/test_stats.d

all: statcalc

statcalc: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(LDLIBS)

%.o: %.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# generated from VERSION; main.c includes it
src/version.h: VERSION
	printf '#ifndef VERSION_H\n#define VERSION_H\n#define STATCALC_VERSION "%s"\n#endif\n' "$$(cat VERSION)" > $@.tmp
	mv $@.tmp $@

src/main.o: src/version.h

tests/test_stats: tests/test_stats.c src/stats.o
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $^ $(LDLIBS)

test: tests/test_stats
	./tests/test_stats

install: statcalc
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 statcalc $(DESTDIR)$(PREFIX)/bin/statcalc
	install -m 644 man/statcalc.1 $(DESTDIR)$(PREFIX)/share/man/man1/statcalc.1

clean:
	rm -f statcalc $(OBJS) $(DEPS) tests/test_stats src/version.h

-include $(DEPS)

.PHONY: all test install clean
MK
if ! grep -q '#ifndef STATS_H' src/stats.h; then
  { printf '#ifndef STATS_H\n#define STATS_H\n'; cat src/stats.h; printf '\n#endif\n'; } > src/stats.h.new
  mv src/stats.h.new src/stats.h
fi
grep -q '#include <string.h>' src/format.c || sed -i 's/#include <stdio.h>/#include <stdio.h>\n#include <string.h>/' src/format.c
make clean >/dev/null
make
make test
