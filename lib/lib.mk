# SPDX-License-Identifier: GPL-2.0
#
# Code that the hypervisor, the driver, the tools and the inmates share
# (Documentation/architecture.md, "Shared code"), listed once for each consumer's build to include.
# Paths are relative to lib/.

# The config validator: hypervisor, driver, tools, host tests, fuzzer.
bhlib-check-srcs := config-check.c config-place.c config-pci.c config-arm64.c
# The printf formatter: every freestanding printk, and the validator.
bhlib-format-srcs := format.c
bhlib-srcs := $(bhlib-check-srcs) $(bhlib-format-srcs)
