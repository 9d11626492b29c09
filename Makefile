# libscall and scall.  GNU make; objects go to $(B)/.
#   make                 library, CLI, examples
#   make check           build and run every test
#   make check SAN=1     the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make install PREFIX=/usr/local [DESTDIR=...]

VERSION := 0.1.0
SOVERSION := 0
PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man

ARCH ?= $(shell uname -m)
CC ?= cc
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes $(if $(WERROR),-Werror)
CPPFLAGS += -Iinclude -D_GNU_SOURCE
LDLIBS_SECCOMP := $(shell pkg-config --libs libseccomp 2>/dev/null || echo -lseccomp)
LDLIBS_DW := $(shell pkg-config --libs libdw 2>/dev/null || echo -ldw -lelf)

ifeq ($(SAN),1)
B ?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
B ?= build
SANFLAGS :=
endif
ALL_CFLAGS = $(CFLAGS) $(WARN) $(SANFLAGS) -pthread
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS) -pthread

LIB_SRC := $(wildcard src/*.c) src/arch/$(ARCH).c
LIB_OBJ := $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_SRC := $(wildcard tools/scall/*.c tools/scall/decode/*.c)
CLI_OBJ := $(CLI_SRC:%.c=$(B)/obj/%.o)
EXAMPLES := $(patsubst examples/%.c,$(B)/examples/%,$(wildcard examples/*.c))
PROG_SRC := $(wildcard tests/progs/*.c)
PROGS := $(PROG_SRC:tests/progs/%.c=$(B)/tests/progs/%)
PROGS32 := $(PROG_SRC:tests/progs/%.c=$(B)/tests/progs/%.32)
LIBTEST_SRC := $(wildcard tests/lib/*.c)
CLITEST_SRC := $(wildcard tests/cli/*.c)
TESTS := $(if $(LIBTEST_SRC),$(B)/tests/lib_tests) $(if $(CLITEST_SRC),$(B)/tests/cli_tests)

SONAME := libscall.so.$(SOVERSION)

.PHONY: all check check-tables install uninstall clean format format-check cross-aarch64
all: $(B)/libscall.a $(B)/libscall.so $(B)/scall $(EXAMPLES)

$(B)/obj/src/%.o: src/%.c include/scall.h $(wildcard src/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc $(ALL_CFLAGS) -fPIC -fvisibility=hidden -c $< -o $@

$(B)/obj/tools/%.o: tools/%.c include/scall.h $(wildcard tools/scall/*.h tools/scall/decode/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itools/scall $(ALL_CFLAGS) -c $< -o $@

$(B)/libscall.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/libscall.so.$(VERSION): $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined $^ -o $@ $(LDLIBS_SECCOMP)

$(B)/libscall.so: $(B)/libscall.so.$(VERSION)
	ln -sf $(notdir $<) $(B)/$(SONAME)
	ln -sf $(SONAME) $@

$(B)/scall: $(CLI_OBJ) $(B)/libscall.a
	$(CC) $(ALL_LDFLAGS) $(CLI_OBJ) $(B)/libscall.a -o $@ $(LDLIBS_SECCOMP) $(LDLIBS_DW) -lm

$(B)/examples/%: examples/%.c $(B)/libscall.a include/scall.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $< $(B)/libscall.a -o $@ $(ALL_LDFLAGS) $(LDLIBS_SECCOMP)

# Tracee programs: native, and 32-bit (i386 ABI) where the compiler can.
$(B)/tests/progs/%: tests/progs/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -pthread $< -o $@

$(B)/tests/progs/%.32: tests/progs/%.c
	@mkdir -p $(dir $@)
	$(CC) -m32 $(CPPFLAGS) $(CFLAGS) $(WARN) -pthread $< -o $@

TEST_DEFS = -DPROGS_DIR='"$(abspath $(B)/tests/progs)"' -DSCALL_BIN='"$(abspath $(B)/scall)"' \
	-DDATA_DIR='"$(abspath data)"'

$(B)/tests/lib_tests: $(LIBTEST_SRC) $(wildcard tests/lib/*.h) $(B)/libscall.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc -Itests/lib $(TEST_DEFS) $(ALL_CFLAGS) $(LIBTEST_SRC) $(B)/libscall.a -o $@ $(ALL_LDFLAGS) -lcriterion $(LDLIBS_SECCOMP)

$(B)/tests/cli_tests: $(CLITEST_SRC) $(wildcard tests/cli/*.h) $(B)/scall
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/cli $(TEST_DEFS) $(ALL_CFLAGS) $(CLITEST_SRC) -o $@ $(ALL_LDFLAGS) -lcriterion

check: all check-tables $(PROGS) $(PROGS32) $(TESTS)
	@rc=0; for t in $(TESTS); do echo "== $$t"; \
		LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp) $$t --jobs 2 || rc=1; done; exit $$rc

# The committed syscall tables must be what the script makes of data/syscalls.
check-tables:
	@mkdir -p $(B)
	sh scripts/gen-syscall-tables data/syscalls > $(B)/syscall_tables.c
	diff -u src/syscall_tables.c $(B)/syscall_tables.c

# Compile the library for aarch64: objects only, nothing links or runs here.  clang, because
# Debian 12's gcc-aarch64-linux-gnu conflicts with gcc-multilib.  seccomp.h is not in the
# aarch64 sysroot; the host's copy is machine-independent, so it is put last on the path.
AARCH64_CC := clang --target=aarch64-linux-gnu --sysroot=/usr/aarch64-linux-gnu
SECCOMP_INCDIR := $(shell pkg-config --variable=includedir libseccomp 2>/dev/null || echo /usr/include)
cross-aarch64:
	@rm -rf $(B)/aarch64 && mkdir -p $(B)/aarch64/include
	cp $(SECCOMP_INCDIR)/seccomp.h $(SECCOMP_INCDIR)/seccomp-syscalls.h $(B)/aarch64/include/
	@rc=0; for f in $(wildcard src/*.c) src/arch/aarch64.c; do \
		echo "  CC (aarch64) $$f"; \
		$(AARCH64_CC) $(CPPFLAGS) -Isrc -idirafter $(B)/aarch64/include -O2 $(WARN) -Werror \
			-c $$f -o $(B)/aarch64/$$(basename $$f .c).o || rc=1; \
	done; exit $$rc
	@echo "aarch64: library sources compile"

# Remade every time: it holds PREFIX, which make cannot see change.
$(B)/libscall.pc: libscall.pc.in FORCE
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
		-e 's|@VERSION@|$(VERSION)|' $< > $@

install: all $(B)/libscall.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3
	install -m 755 $(B)/scall $(DESTDIR)$(BINDIR)/scall
	install -m 644 include/scall.h $(DESTDIR)$(INCLUDEDIR)/scall.h
	install -m 644 $(B)/libscall.a $(DESTDIR)$(LIBDIR)/libscall.a
	install -m 755 $(B)/libscall.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libscall.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libscall.so
	install -m 644 $(B)/libscall.pc $(DESTDIR)$(LIBDIR)/pkgconfig/libscall.pc
	install -m 644 man/scall.1 $(DESTDIR)$(MANDIR)/man1/scall.1
	install -m 644 man/libscall.3 $(DESTDIR)$(MANDIR)/man3/libscall.3

FORMAT_MORE := $(wildcard tools/scall/*.h tools/scall/decode/*.h tests/*/*.[ch] tests/*/*/*.[ch])

format:
	clang-format -i $(LIB_SRC) $(wildcard src/*.h src/arch/*.c) include/scall.h $(CLI_SRC) $(wildcard examples/*.c) $(FORMAT_MORE)

format-check:
	clang-format --dry-run --Werror $(wildcard src/*.c src/*.h src/arch/*.c) include/scall.h $(CLI_SRC) $(wildcard examples/*.c) $(FORMAT_MORE)

clean:
	rm -rf build build-san

FORCE:

# Stress and transparency suites: tests/stress/run, tests/transparency/run.  They run their
# cases under the CLI too once it builds and traces; until then those are reported as not run.
STRESS_PROGS := $(patsubst tests/stress/progs/%.c,$(B)/tests/stress/progs/%,$(wildcard tests/stress/progs/*.c))
STRESS_PROGS += $(STRESS_PROGS:%=%.32)
STRESS_TOOLS := $(patsubst tests/stress/%.c,$(B)/tests/stress/%,$(wildcard tests/stress/*.c))
TRANSP_PROGS := $(patsubst tests/transparency/%.c,$(B)/tests/transparency/%,$(wildcard tests/transparency/*.c))
SUITE_CLI = @$(MAKE) --no-print-directory $(B)/scall >/dev/null 2>&1 || echo "note: $(B)/scall does not build"
.PHONY: stress transparency

$(B)/tests/stress/progs/%: tests/stress/progs/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -pthread $< -o $@

$(B)/tests/stress/progs/%.32: tests/stress/progs/%.c
	@mkdir -p $(dir $@)
	$(CC) -m32 $(CPPFLAGS) $(CFLAGS) $(WARN) -pthread $< -o $@

$(B)/tests/stress/%: tests/stress/%.c $(B)/libscall.a include/scall.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $< $(B)/libscall.a -o $@ $(ALL_LDFLAGS) $(LDLIBS_SECCOMP)

$(B)/tests/transparency/%: tests/transparency/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -pthread $< -o $@

stress: $(STRESS_PROGS) $(STRESS_TOOLS)
	$(SUITE_CLI)
	B=$(B) tests/stress/run

transparency: $(STRESS_TOOLS) $(TRANSP_PROGS)
	$(SUITE_CLI)
	B=$(B) tests/transparency/run

# Fuzzing: libFuzzer targets tests/fuzz/fuzz_*.c, built with clang in build/fuzz/ from
# the CLI's objects (all but main.o) and libscall's, compiled again with coverage
# and sanitizers.  tests/fuzz/run runs them.
#   make fuzz [FUZZ_SECONDS=60]   each target that long, from tests/fuzz/corpus/TARGET/
#   make fuzz-regress             the committed corpus and crash inputs, once each
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FZ := build/fuzz
FUZZ_CFLAGS := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fsanitize=fuzzer-no-link
FUZZ_WRAP := $(foreach f,usage_error die msg exit regcomp scall_mem_read scall_mem_read_str \
	scall_get_siginfo,-Wl,--wrap=$(f))
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(FZ)/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SUPPORT := $(patsubst tests/fuzz/%.c,$(FZ)/obj/tests/fuzz/%.o,\
	$(filter-out tests/fuzz/fuzz_%,$(wildcard tests/fuzz/*.c)))
FUZZ_OBJ := $(LIB_SRC:%.c=$(FZ)/obj/%.o) $(filter-out %/main.o,$(CLI_SRC:%.c=$(FZ)/obj/%.o))
.PHONY: fuzz fuzz-build fuzz-regress
.SECONDARY: $(FUZZ_OBJ) $(FUZZ_SUPPORT) $(FUZZ_BINS:$(FZ)/%=$(FZ)/obj/tests/fuzz/%.o)

$(FZ)/obj/src/%.o: src/%.c include/scall.h $(wildcard src/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -Isrc $(FUZZ_CFLAGS) $(WARN) -c $< -o $@

$(FZ)/obj/tools/%.o: tools/%.c include/scall.h $(wildcard tools/scall/*.h tools/scall/decode/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -Itools/scall $(FUZZ_CFLAGS) $(WARN) -c $< -o $@

$(FZ)/obj/tests/fuzz/%.o: tests/fuzz/%.c tests/fuzz/fuzz.h include/scall.h \
		$(wildcard tools/scall/*.h tools/scall/decode/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -Itools/scall $(FUZZ_CFLAGS) $(WARN) -c $< -o $@

$(FZ)/fuzz_%: $(FZ)/obj/tests/fuzz/fuzz_%.o $(FUZZ_SUPPORT) $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_WRAP) $^ -o $@ $(LDLIBS_SECCOMP) $(LDLIBS_DW) -lm

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run $(FUZZ_BINS)

fuzz-regress: fuzz-build
	tests/fuzz/run --regress $(FUZZ_BINS)
