# SPDX-License-Identifier: GPL-2.0
#
# Helpers for guest test scripts. Each check prints a marker line the host
# harness counts:  "BHTEST: PASS <name>"  or  "BHTEST: FAIL <name>: <why>".

BH_KO=/lib/bulkhead/bulkhead.ko
BH_CELLS=/etc/bulkhead
BH_INMATES=/usr/share/bulkhead/inmates

pass() {
	echo "BHTEST: PASS $1"
}

fail() {
	local name=$1
	shift
	echo "BHTEST: FAIL $name: $*"
}

# check NAME CMD...: passes when CMD exits 0; on failure shows its output.
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass "$name"
	else
		fail "$name" "'$*' failed (rc=$?): $(echo "$out" | tail -n 5)"
	fi
}

# check_fails NAME CMD...: passes when CMD exits non-zero.
check_fails() {
	local name=$1
	shift
	if "$@" >/tmp/check.out 2>&1; then
		fail "$name" "'$*' succeeded but must fail: $(tail -n 5 /tmp/check.out)"
	else
		pass "$name"
	fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "expected '$2', got '$3'"
	fi
}

# check_grep NAME PATTERN FILE: FILE (or command output in a file) matches.
check_grep() {
	if grep -q -- "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "'$2' not found in $3: $(tail -n 5 "$3")"
	fi
}

# The kernel log since the last mark, for asserting on driver messages.
dmesg_mark() {
	dmesg > /tmp/dmesg.mark
}
dmesg_since_mark() {
	dmesg | awk 'NR==FNR { seen[$0]=1; next } !seen[$0]' /tmp/dmesg.mark - \
		> /tmp/dmesg.new
	cat /tmp/dmesg.new
}
