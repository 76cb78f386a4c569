# SPDX-License-Identifier: GPL-2.0
#
# Top-level build of Bulkhead. `make` builds every artefact for arm64:
#   hypervisor/bulkhead.bin   the EL2 image (firmware loaded by the driver)
#   driver/bulkhead.ko        the Linux module, built by the kernel's Kbuild
#   tools/bulkhead            the CLI, cross-built for the target
#   configs/cells/*.cell      binary system and cell configs
#   inmates/demos/*.bin       bare-metal inmates
#   tests/guest/ioctl-fuzz    test program for the QEMU guest
# `make test` runs host unit tests and QEMU system tests, `make demo` boots
# QEMU and runs the demo, `make run` boots QEMU to a shell.

ARCH		?= arm64
CROSS_COMPILE	?= aarch64-linux-gnu-
HOSTCC		?= gcc

TOP		:= $(CURDIR)
BUILD		:= $(TOP)/build
CACHE		:= $(BUILD)/cache
KDIR		?= $(CACHE)/kdir
KCONFIG_DIR	:= $(BUILD)/config
CONFIG_H	:= $(KCONFIG_DIR)/autoconf.h

# Warnings that every C file of Bulkhead is built with.
WARN_CFLAGS	:= -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
		   -Wstrict-prototypes -Wno-unused-parameter

export ARCH CROSS_COMPILE HOSTCC TOP BUILD CACHE KDIR CONFIG_H WARN_CFLAGS

# Skip the dependency check when asked to (e.g. when KDIR points elsewhere).
SETUP		?= 1

Q		:= $(if $(V),,@)
MAKEFLAGS	+= --no-print-directory

.PHONY: all setup hypervisor driver tools configs inmates guest-tests host-tools check \
	format format-check check-cppcheck \
	config menuconfig olddefconfig test unit-test system-test demo run \
	bench clean distclean help

all: hypervisor driver tools configs inmates guest-tests

help:
	@echo "Targets:"
	@echo "  all (default)  build hypervisor, driver, tools, configs, inmates"
	@echo "  setup          install build dependencies, fetch the Debian kernel"
	@echo "  menuconfig     edit hypervisor options (.config)"
	@echo "  olddefconfig   update .config, new options at their defaults"
	@echo "  test           host unit tests + QEMU system tests"
	@echo "  unit-test      host unit tests only"
	@echo "  system-test    QEMU system tests only (T=name runs one, R=row only that row)"
	@echo "  demo           boot QEMU and run the demo"
	@echo "  run            boot QEMU to an interactive shell"
	@echo "  bench          benchmarks in QEMU, saved in build/bench/results.json"
	@echo "  check          formatting (clang-format) and static analysis (cppcheck)"
	@echo "  format         reformat the C sources (.clang-format)"
	@echo "  clean          remove build output (keeps the download cache)"
	@echo "  distclean      clean, and remove the download cache and .config"
	@echo "Variables: KDIR=<kernel build tree>  CROSS_COMPILE=<prefix>  V=1"

setup:
ifeq ($(SETUP),1)
	$(Q)$(TOP)/ci/setup.sh
endif

# --- hypervisor options (kconfig-frontends, no Python) ---

KCONF_ENV := KCONFIG_CONFIG=$(TOP)/.config \
	     KCONFIG_AUTOCONFIG=$(KCONFIG_DIR)/auto.conf \
	     KCONFIG_AUTOHEADER=$(CONFIG_H)

.config:
	$(Q)$(KCONF_ENV) kconfig-conf --olddefconfig $(TOP)/Kconfig >/dev/null

$(CONFIG_H): .config Kconfig
	$(Q)mkdir -p $(KCONFIG_DIR)/include/config
	$(Q)cd $(KCONFIG_DIR) && $(KCONF_ENV) kconfig-conf --silentoldconfig $(TOP)/Kconfig

config: setup $(CONFIG_H)

menuconfig: setup
	$(Q)$(KCONF_ENV) kconfig-mconf $(TOP)/Kconfig

olddefconfig: setup
	$(Q)$(KCONF_ENV) kconfig-conf --olddefconfig $(TOP)/Kconfig

# --- artefacts ---

hypervisor: config
	$(Q)$(MAKE) -C hypervisor

driver: setup
	$(Q)$(MAKE) -C $(KDIR) M=$(TOP) ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE) \
		CONFIG_DEBUG_INFO_BTF_MODULES= $(if $(V),V=1) modules

tools: setup
	$(Q)$(MAKE) -C tools

# Validated with the host build of the tools as they are built.
configs: setup tools
	$(Q)$(MAKE) -C configs

inmates: setup
	$(Q)$(MAKE) -C inmates

guest-tests: setup
	$(Q)$(MAKE) -C tests/guest

# --- tests and QEMU ---

# Static analysis: part of the unit tests (ci/run-tests.sh) too.
CPPCHECK_FLAGS := --quiet --enable=warning,performance,portability \
	--error-exitcode=1 --inline-suppr --suppress=missingIncludeSystem \
	--suppress='unknownMacro:tools/fdt-*.c' -D__BULKHEAD_HYPERVISOR__ \
	-Ihypervisor/include -Ihypervisor/arch/$(ARCH)/include -Iinclude -Ilib/include \
	--include=$(CONFIG_H)

check: format-check check-cppcheck

check-cppcheck: config
	$(Q)cppcheck $(CPPCHECK_FLAGS) hypervisor lib tools

# Formatting (.clang-format, kernel style): `make format` rewrites the C
# sources, `make format-check` (part of `make check`) names those that
# differ. Generated files are not tracked, so not listed.
FORMAT_FILES = $(shell git -C $(TOP) ls-files '*.c' '*.h')

format:
	$(Q)cd $(TOP) && clang-format -i $(FORMAT_FILES)

format-check:
	$(Q)cd $(TOP) && bad=$$(for f in $(FORMAT_FILES); do \
		clang-format --dry-run -Werror "$$f" >/dev/null 2>&1 || echo "$$f"; \
	done); [ -z "$$bad" ] || { echo "not formatted (run make format):" $$bad; exit 1; }

unit-test: setup
	$(Q)$(MAKE) -C tests/host run

# T=NAME: only that test (in every row that has it); R="ROW...": only
# those rows of ci/rows.
system-test: all
	$(Q)BH_ROWS="$(R)" $(TOP)/ci/run-tests.sh system $(T)

test: all
	$(Q)BH_ROWS="$(R)" $(TOP)/ci/run-tests.sh all $(T)

demo: all
	$(Q)$(TOP)/ci/qemu.sh demo

run: all
	$(Q)$(TOP)/ci/qemu.sh run

# Benchmarks in QEMU with -icount (not part of `make test`): a table, and
# build/bench/results.json, for GICv3 and then GICv2 (build/bench/gicv2/,
# "not run" until the harness runs that variant). See
# Documentation/benchmarks.md.
bench: all
	$(Q)st=0; $(TOP)/ci/bench.sh || st=1; \
	BH_GIC=2 $(TOP)/ci/bench.sh || st=1; exit $$st

clean:
	$(Q)if [ -e $(KDIR)/Makefile ]; then \
		$(MAKE) -C $(KDIR) M=$(TOP) ARCH=$(ARCH) clean >/dev/null; fi
	$(Q)rm -f lib/*.o lib/.*.cmd
	$(Q)for d in hypervisor tools configs inmates tests/host tests/guest; do \
		$(MAKE) -C $$d clean; done
	$(Q)find $(BUILD) -mindepth 1 -maxdepth 1 ! -name cache -exec rm -rf {} + \
		2>/dev/null || true

distclean: clean
	$(Q)rm -rf $(BUILD) .config .config.old
