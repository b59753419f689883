# teamfw — build, test, demo, bench.  `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := all

# The host's RID: architecture and C library (a musl host builds linux-musl-* natively).
HOST_ARCH := $(shell uname -m)
HOST_LIBC := $(if $(shell ldd --version 2>&1 | grep -i musl),linux-musl,linux)
HOST_RID := $(HOST_LIBC)-$(or $(if $(filter x86_64,$(HOST_ARCH)),x64),$(if $(filter aarch64 arm64,$(HOST_ARCH)),arm64),$(if $(filter armv7l armv8l,$(HOST_ARCH)),arm),$(HOST_ARCH))
RID ?= $(HOST_RID)
CONFIGURATION ?= Release
# ISA: the instruction set the AOT code may assume (IlcInstructionSet), e.g. x86-64-v2 (SSE4.2: the
# CRC32C instruction for flow hashing) or armv8-a,crc. Default: the RID's baseline, which runs on
# every core of the architecture (README, Flow hashing).
ISA ?=
comma := ,
ISA_PROP := $(if $(ISA),-p:IlcInstructionSet=$(subst $(comma),%2C,$(ISA)))
OUT := out/$(RID)$(if $(ISA),-$(subst $(comma),-,$(ISA)))
BIN := $(OUT)/teamfw
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

# Debian packages the build, the tests, the demo and the bench need.
BUILD_DEPS := clang zlib1g-dev
TEST_DEPS  := iproute2 iputils-ping gcc g++ gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf g++-aarch64-linux-gnu g++-arm-linux-gnueabihf tcpdump ethtool busybox procps python3-pyroute2 util-linux openvswitch-switch qemu-system-arm cpio kmod binutils qemu-system-x86 libteam-utils
BENCH_DEPS := iperf3 netsniff-ng
# What a cross build for RID needs from Debian (build/check-cross.sh names anything still missing:
# NuGet packs, a musl SYSROOT). Only for a RID that is not the host's.
CROSS_DEPS_linux-arm64 := clang llvm binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu libc6-dev-arm64-cross
CROSS_DEPS_linux-arm   := clang llvm binutils-arm-linux-gnueabihf gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
CROSS_DEPS_linux-x64   := clang llvm binutils-x86-64-linux-gnu gcc-x86-64-linux-gnu libc6-dev-amd64-cross
CROSS_DEPS_linux-musl-x64 := clang llvm lld
CROSS_DEPS_linux-musl-arm64 := clang llvm lld
CROSS_DEPS_linux-musl-arm := clang llvm lld
CROSS_DEPS := $(if $(filter $(HOST_RID),$(RID)),,$(CROSS_DEPS_$(RID)))

SRC := $(shell find src -name '*.cs' -o -name '*.csproj') Directory.Build.props Directory.Packages.props

.PHONY: all deps cross-deps test-deps bench-deps test unit-test integration-test demo bench fuzz soak clean help install uninstall check-buildroot board oracle

all: $(BIN)

help:
	@echo "make [RID=linux-x64]   build the Native AOT binary into out/<rid>/teamfw (cross: linux-arm64 linux-arm"
	@echo "                       linux-musl-x64 linux-musl-arm64 linux-musl-arm; SYSROOT=... for musl)"
	@echo "make install DESTDIR=... PREFIX=/usr [INIT=busybox|openwrt|none]   install into DESTDIR"
	@echo "make check-buildroot   Buildroot's utils/check-package on buildroot/ (BUILDROOT_SRC=<checkout>)"
	@echo "make test              run every test (unit, layout, integration in network namespaces, the arm64 board)"
	@echo "make board             only the emulated boards (tests/board: make RID=linux-arm64, QEMU, Debian's kernel)"
	@echo "make oracle            only the kernel team + teamd oracle, every LACP start order (x86_64 machine, README \"Compatibility ...\")"
	@echo "make demo              the lab: two teams over veth links in throwaway namespaces"
	@echo "make bench             frame rate and TCP against the same path without teamfw, CPU per frame,"
	@echo "                       failover, RSS, size (BENCH_SCENARIOS, BENCH_TEAM_DEVICE: tests/bench/README.md)"
	@echo "make fuzz              wire fuzz: 1,000,000 random/mutated frames each way per mode; port churn: 200 cycles"
	@echo "                       per mode under flood (about 15 minutes)"
	@echo "make soak              30 minutes of mixed traffic, a port flapping 10/s, control clients polling;"
	@echo "                       RSS, descriptors and stuck ports checked (SOAK_SECONDS=... to change)"
	@echo "make clean             remove build output"

# Install what a fresh Debian machine lacks, or say exactly what to run.
define ensure_pkgs
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    { apt-get install -y -qq $$missing >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }; } \
	      || { echo "error: apt-get install$$missing failed" >&2; exit 1; }; \
	  else \
	    echo "error: missing packages:$$missing" >&2; echo "run: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call ensure_pkgs,$(BUILD_DEPS))
	@command -v $(DOTNET) >/dev/null || { echo "error: the .NET SDK (dotnet) is not on PATH" >&2; exit 1; }

cross-deps: deps
	$(if $(CROSS_DEPS),$(call ensure_pkgs,$(CROSS_DEPS)))

test-deps: deps
	$(call ensure_pkgs,$(TEST_DEPS))

bench-deps: test-deps
	$(call ensure_pkgs,$(BENCH_DEPS))

# Another RID: build/check-cross.sh checks packs and toolchain first and prints the extra
# properties (SysRoot, LinkerFlavor) or one message naming what is missing.
$(BIN): $(SRC) | cross-deps
	@set -o pipefail; props=""; \
	if [ "$(RID)" != "$(HOST_RID)" ]; then props=$$(./build/check-cross.sh "$(RID)") || exit 1; echo "cross build $(HOST_RID) -> $(RID) $$props"; fi; \
	echo "$(DOTNET) publish src/TeamFw/TeamFw.csproj -c $(CONFIGURATION) -r $(RID) -o $(OUT) $$props $(ISA_PROP)"; \
	$(DOTNET) publish src/TeamFw/TeamFw.csproj -c $(CONFIGURATION) -r $(RID) -o $(OUT) $$props $(ISA_PROP) --nologo -v:q -p:WarningLevel=4 2>&1 | { grep -v '^\s*$$' || true; }
	@rm -f $(OUT)/*.pdb $(OUT)/*.dbg
	@ls -l $(BIN) | awk '{print "built " $$NF " (" $$5 " bytes)"}'

test: test-deps $(BIN)
	TEAMFW_BIN=$(abspath $(BIN)) ./build/run-tests.sh

# The emulated boards alone (README "Emulated boards"); the arm64 board runs `make RID=linux-arm64` itself.
board: test-deps
	$(DOTNET) test tests/TeamFw.IntegrationTests -c $(CONFIGURATION) --nologo --filter "FullyQualifiedName~TeamFw.IntegrationTests.Board" --logger "console;verbosity=detailed"

# The kernel team driver and teamd as a test oracle alone (README "Compatibility with the kernel team driver and teamd").
oracle: test-deps $(BIN)
	TEAMFW_ORACLE_LACP=all TEAMFW_BIN=$(abspath $(BIN)) $(DOTNET) test tests/TeamFw.IntegrationTests -c $(CONFIGURATION) --nologo --filter "FullyQualifiedName~TeamFw.IntegrationTests.Oracle"

demo: test-deps $(BIN)
	$(BIN) lab demo

bench: bench-deps $(BIN)
	TEAMFW_BIN=$(abspath $(BIN)) ./tests/bench/bench.sh

# The long versions of the wire fuzz and port churn tests that `make test` runs small.
FUZZ_FRAMES ?= 1000000
CHURN_CYCLES ?= 200
fuzz: test-deps $(BIN)
	TEAMFW_BIN=$(abspath $(BIN)) TEAMFW_WIRE_FUZZ_FRAMES=$(FUZZ_FRAMES) TEAMFW_CHURN_CYCLES=$(CHURN_CYCLES) \
	  dotnet test tests/TeamFw.IntegrationTests -c Release --nologo --logger "console;verbosity=detailed" \
	  --filter "FullyQualifiedName~WireFuzzTests|FullyQualifiedName~PortChurnTests"

soak: bench-deps $(BIN)
	TEAMFW_BIN=$(abspath $(BIN)) ./tests/soak/soak.sh

# make install DESTDIR=/tmp/root PREFIX=/usr: the binary, its busybox-style links, an example
# config (an existing one is kept) and the init script for INIT (busybox: /etc/init.d/S39teamfw,
# openwrt: the procd script and /etc/config/teamfw, none). Writes nothing outside DESTDIR.
# TEAMFW_BIN=path installs that binary instead of building out/$(RID)/teamfw.
PREFIX ?= /usr/local
INIT ?= busybox
SBINDIR = $(PREFIX)/sbin
INSTALL_BIN = $(or $(TEAMFW_BIN),$(BIN))
INSTALLED = $(SBINDIR)/teamfw $(SBINDIR)/teamd $(SBINDIR)/teamdctl $(SBINDIR)/teamnl

install: $(if $(TEAMFW_BIN),,$(BIN))
	@case "$(INIT)" in busybox|openwrt|none) ;; *) echo "error: INIT=$(INIT): use busybox, openwrt or none" >&2; exit 2;; esac
	install -d -m 0755 "$(DESTDIR)$(SBINDIR)" "$(DESTDIR)/etc/teamfw"
	install -m 0755 "$(INSTALL_BIN)" "$(DESTDIR)$(SBINDIR)/teamfw"
	for l in teamd teamdctl teamnl; do ln -sfn teamfw "$(DESTDIR)$(SBINDIR)/$$l"; done
	@if [ -e "$(DESTDIR)/etc/teamfw/team0.conf" ]; then echo "kept $(DESTDIR)/etc/teamfw/team0.conf"; \
	else echo "install -m 0644 buildroot/package/teamfw/team0.conf $(DESTDIR)/etc/teamfw/team0.conf"; \
	  install -m 0644 buildroot/package/teamfw/team0.conf "$(DESTDIR)/etc/teamfw/team0.conf"; fi
	@if [ "$(INIT)" = busybox ]; then \
	  echo "install S39teamfw -> $(DESTDIR)/etc/init.d/S39teamfw (TEAMFW_BIN=$(SBINDIR)/teamfw)"; \
	  install -d -m 0755 "$(DESTDIR)/etc/init.d"; \
	  sed 's|^TEAMFW_BIN=.*|TEAMFW_BIN="$(SBINDIR)/$$DAEMON"|' buildroot/package/teamfw/S39teamfw >"$(DESTDIR)/etc/init.d/S39teamfw"; \
	  chmod 0755 "$(DESTDIR)/etc/init.d/S39teamfw"; \
	elif [ "$(INIT)" = openwrt ]; then \
	  echo "install teamfw.init -> $(DESTDIR)/etc/init.d/teamfw, teamfw.config -> $(DESTDIR)/etc/config/teamfw"; \
	  install -d -m 0755 "$(DESTDIR)/etc/init.d" "$(DESTDIR)/etc/config"; \
	  sed 's|^PROG=.*|PROG="$(SBINDIR)/teamfw"|' board/openwrt/teamfw/files/teamfw.init >"$(DESTDIR)/etc/init.d/teamfw"; \
	  chmod 0755 "$(DESTDIR)/etc/init.d/teamfw"; \
	  [ -e "$(DESTDIR)/etc/config/teamfw" ] || install -m 0600 board/openwrt/teamfw/files/teamfw.config "$(DESTDIR)/etc/config/teamfw"; \
	fi

# Removes what install put there, except configuration.
uninstall:
	rm -f $(foreach f,$(INSTALLED),"$(DESTDIR)$(f)") "$(DESTDIR)/etc/init.d/S39teamfw" "$(DESTDIR)/etc/init.d/teamfw"

# Buildroot's own linter on buildroot/ and the board scripts (exit 77 = skipped without BUILDROOT_SRC).
check-buildroot:
	$(call ensure_pkgs,python3-magic flake8 shellcheck)
	./build/check-buildroot.sh

clean:
	rm -rf out
	find src tests -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
