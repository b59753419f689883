# teamfw — build, test, demo, bench.  `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := all

HOST_ARCH := $(shell uname -m)
ifeq ($(HOST_ARCH),x86_64)
  HOST_RID := linux-x64
else ifeq ($(HOST_ARCH),aarch64)
  HOST_RID := linux-arm64
else
  HOST_RID := linux-arm
endif
RID ?= $(HOST_RID)
CONFIGURATION ?= Release
OUT := out/$(RID)
BIN := $(OUT)/teamfw
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

# Debian packages the build, the tests, the demo and the bench need.
BUILD_DEPS := clang zlib1g-dev
TEST_DEPS  := iproute2 iputils-ping gcc gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf tcpdump ethtool busybox procps python3-pyroute2 util-linux
BENCH_DEPS := iperf3 netsniff-ng

SRC := $(shell find src -name '*.cs' -o -name '*.csproj') Directory.Build.props Directory.Packages.props

.PHONY: all deps test-deps bench-deps test unit-test integration-test demo bench clean help

all: $(BIN)

help:
	@echo "make [RID=linux-x64]   build the Native AOT binary into out/<rid>/teamfw"
	@echo "make test              run every test (unit, layout, integration in network namespaces)"
	@echo "make demo              the lab: two teams over veth links in throwaway namespaces"
	@echo "make bench             throughput, frame rate, failover, RSS and size against a plain veth pair"
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

test-deps: deps
	$(call ensure_pkgs,$(TEST_DEPS))

bench-deps: test-deps
	$(call ensure_pkgs,$(BENCH_DEPS))

$(BIN): $(SRC) | deps
	@if [ "$(RID)" != "$(HOST_RID)" ]; then ./build/check-cross.sh "$(RID)" || exit 1; fi
	$(DOTNET) publish src/TeamFw/TeamFw.csproj -c $(CONFIGURATION) -r $(RID) -o $(OUT) --nologo -v:q -p:WarningLevel=4 2>&1 | grep -v '^\s*$$' ; test $${PIPESTATUS[0]} -eq 0
	@rm -f $(OUT)/*.pdb $(OUT)/*.dbg
	@ls -l $(BIN) | awk '{print "built " $$NF " (" $$5 " bytes)"}'

test: test-deps $(BIN)
	TEAMFW_BIN=$(abspath $(BIN)) ./build/run-tests.sh

demo: test-deps $(BIN)
	$(BIN) lab demo

bench: bench-deps $(BIN)
	TEAMFW_BIN=$(abspath $(BIN)) ./tests/bench/bench.sh

clean:
	rm -rf out
	find src tests -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
