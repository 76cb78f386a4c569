#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installs what Bulkhead needs to build and test on Debian bookworm, and
# fetches Debian's stock arm64 kernel, its headers, a static busybox and
# libfdt (for the static tools) into build/cache. Idempotent and quiet when
# everything is already in place.
#
# arm64 packages are fetched with `apt-get download` and unpacked with
# `dpkg -x`, never installed: installing an :arm64 package drags in the arm64
# gcc and breaks the cross compiler.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${BULKHEAD_CACHE:-$top/build/cache}
stamp=$cache/setup.done
# libfdt for the static arm64 build of tools/bulkhead (libfdt-dev:arm64).
arm64_libfdt=arm64/usr/lib/aarch64-linux-gnu/libfdt.a

# Host packages, installed natively.
host_pkgs="gcc make libc6-dev gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	libc6-dev-arm64-cross linux-libc-dev-arm64-cross
	device-tree-compiler libfdt-dev kconfig-frontends-nox cpio
	picolibc-aarch64-linux-gnu clang libclang-rt-dev clang-format linux-kbuild-6.1 bc
	flex bison groff-base cppcheck gnuplot-nox"

log() { echo "setup: $*" >&2; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing_pkgs() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed$' || echo "$p"
	done
}

apt_updated=
apt_update() {
	[ -n "$apt_updated" ] && return 0
	log "apt-get update"
	as_root apt-get update -qq >/dev/null
	apt_updated=1
}

ensure_sources() {
	local changed=
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		as_root dpkg --add-architecture arm64
		changed=1
	fi
	# QEMU 7.2 livelocks under -icount with several CPUs; 10.0 is in backports.
	if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		as_root tee /etc/apt/sources.list.d/bulkhead-backports.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
		changed=1
	fi
	if [ -n "$changed" ]; then apt_update; fi
}

install_host_pkgs() {
	local miss
	miss=$(missing_pkgs $host_pkgs)
	if [ -n "$miss" ]; then
		apt_update
		log "installing:" $miss
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $miss >/dev/null
	fi
	if ! qemu-system-aarch64 --version 2>/dev/null | grep -q 'version \([1-9][0-9]\)\.'; then
		apt_update
		log "installing qemu-system-arm from bookworm-backports"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends -t bookworm-backports \
			qemu-system-arm ipxe-qemu >/dev/null
	fi
}

# The kernel ABI (e.g. 6.1.0-56) from the metapackage: security updates bump it.
resolve_abi() {
	local dep
	dep=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9.]*-[0-9]*\)-arm64.*/\1/p' | head -n1)
	if [ -z "$dep" ]; then
		apt_update
		dep=$(apt-cache depends linux-image-arm64:arm64 |
			sed -n 's/^ *Depends: linux-image-\([0-9.]*-[0-9]*\)-arm64.*/\1/p' | head -n1)
	fi
	[ -n "$dep" ] || { log "cannot resolve linux-image-arm64's ABI"; exit 1; }
	echo "$dep"
}

fetch_arm64() {
	local abi=$1 debs=$cache/debs root=$cache/arm64
	mkdir -p "$debs" "$root"
	cd "$debs"
	local p
	for p in linux-image-$abi-arm64 linux-headers-$abi-arm64 busybox-static \
		 libfdt-dev; do
		if ! ls ${p}_*_arm64.deb >/dev/null 2>&1; then
			log "downloading $p:arm64"
			apt-get download -qq -o APT::Sandbox::User=root "$p:arm64" >/dev/null
		fi
	done
	for f in linux-image-$abi-arm64_*_arm64.deb linux-headers-$abi-arm64_*_arm64.deb \
		 busybox-static_*_arm64.deb libfdt-dev_*_arm64.deb; do
		dpkg -x "$f" "$root"
	done
	cd - >/dev/null
	# The headers' scripts/tools are relative symlinks into linux-kbuild,
	# which dangle in the cache: point them at the native kbuild.
	local kdir=$root/usr/src/linux-headers-$abi-arm64
	ln -sfn /usr/lib/linux-kbuild-6.1/scripts "$kdir/scripts"
	ln -sfn /usr/lib/linux-kbuild-6.1/tools "$kdir/tools"
	ln -sfn "$kdir" "$cache/kdir"
	ln -sfn "$root/boot/vmlinuz-$abi-arm64" "$cache/vmlinuz"
	ln -sfn "$root/bin/busybox" "$cache/busybox"
	echo "$abi" > "$cache/abi"
}

main() {
	# Fast path: everything was done and the host packages are still there.
	if [ -f "$stamp" ] && [ -z "$(missing_pkgs $host_pkgs)" ] &&
	   [ -e "$cache/kdir/Makefile" ] && [ -e "$cache/vmlinuz" ] &&
	   [ -e "$cache/$arm64_libfdt" ] &&
	   dpkg-query -W "linux-headers-$(cat "$cache/abi")-common" >/dev/null 2>&1; then
		return 0
	fi
	ensure_sources
	install_host_pkgs
	local abi
	abi=$(resolve_abi)
	if [ -z "$(dpkg-query -W -f='${Status}' linux-headers-$abi-common 2>/dev/null | grep ' installed')" ]; then
		apt_update
		log "installing linux-headers-$abi-common"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "linux-headers-$abi-common" >/dev/null
	fi
	fetch_arm64 "$abi"
	touch "$stamp"
	log "ready: kernel $abi"
}

main "$@"
