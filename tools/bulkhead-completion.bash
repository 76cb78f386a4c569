# SPDX-License-Identifier: GPL-2.0
#
# bash completion for bulkhead(1): commands, subcommands, options, config
# files (*.cell), device trees (*.dtb) and, on the target, the names of the
# running cells and the ivshmem link ids. Source it, or install it as
# /usr/share/bash-completion/completions/bulkhead.

# Files ending in $1 (and directories to walk into).
_bulkhead_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	if [ -n "$1" ]; then
		COMPREPLY+=($(compgen -d -- "$cur"))
		COMPREPLY+=($(compgen -f -X "!*$1" -- "$cur"))
	else
		COMPREPLY+=($(compgen -f -- "$cur"))
	fi
}

# Names of the cells the hypervisor runs now.
_bulkhead_cells()
{
	local f names=
	for f in /sys/devices/bulkhead/cells/*/name; do
		[ -r "$f" ] && names="$names $(<"$f")"
	done
	COMPREPLY+=($(compgen -W "$names" -- "$cur"))
}

# Link ids of the root cell's ivshmem devices.
_bulkhead_links()
{
	local d ids=
	for d in /dev/bulkhead-ivshmem*; do
		[ -e "$d" ] && ids="$ids ${d#/dev/bulkhead-ivshmem}"
	done
	COMPREPLY+=($(compgen -W "$ids" -- "$cur"))
}

_bulkhead_words()
{
	COMPREPLY+=($(compgen -W "$1" -- "$cur"))
}

_bulkhead_cell()
{
	case $sub in
	create)
		[ "$COMP_CWORD" = 3 ] && _bulkhead_files .cell ;;
	load)
		if [ "$COMP_CWORD" = 3 ]; then
			_bulkhead_cells
		elif [ "$prev" != -a ] && [ "$prev" != -s ]; then
			_bulkhead_words "-a -s"
			_bulkhead_files
		fi ;;
	linux)
		case $prev in
		-d | --system-dtb) _bulkhead_files .dtb ;;
		-s) _bulkhead_files .cell ;;
		-i | -w | --write-dtb) _bulkhead_files ;;
		--psci) _bulkhead_words "smc hvc" ;;
		-c | --kernel-at | --dtb-at | --initrd-at) ;;
		*)
			if [ "$COMP_CWORD" = 3 ]; then
				_bulkhead_files .cell
			elif [[ $cur == -* ]]; then
				_bulkhead_words "-d -i -c -s -w -n --system-dtb --write-dtb --dry-run --psci --kernel-at --dtb-at --initrd-at --no-pristine-copy"
			else
				_bulkhead_files
			fi ;;
		esac ;;
	start | destroy | stats)
		[ "$COMP_CWORD" = 3 ] && _bulkhead_cells ;;
	shutdown)
		_bulkhead_words "--force"
		_bulkhead_cells ;;
	esac
}

_bulkhead_ivshmem()
{
	if [ "$COMP_CWORD" = 3 ]; then
		[ "$sub" != list ] && _bulkhead_links
		return
	fi
	case $sub in
	wait)
		[ "$prev" != --timeout ] && _bulkhead_words "--timeout" ;;
	read | write)
		[ "$COMP_CWORD" = 4 ] && _bulkhead_words "rw out" ;;
	esac
}

_bulkhead_config()
{
	case $sub in
	check)
		if [ "$prev" = --dtb ]; then
			_bulkhead_files .dtb
		elif [ "$prev" != --cpus ]; then
			_bulkhead_words "--cpus --dtb"
			_bulkhead_files .cell
		fi ;;
	dump)
		[ "$COMP_CWORD" = 3 ] && _bulkhead_files .cell ;;
	create)
		case $prev in
		--dtb) _bulkhead_files .dtb ;;
		-o | --output) _bulkhead_files ;;
		--name) ;;
		*) _bulkhead_words "--dtb --name -o --output" ;;
		esac ;;
	create-cell)
		case $prev in
		--name | --cpus | --mem | --device | --gicd) ;;
		--console) _bulkhead_words "virtual none" ;;
		--system) _bulkhead_files .cell ;;
		-o | --output) _bulkhead_files ;;
		*) _bulkhead_words "--name --cpus --mem --device --console --system --gicd -o --output" ;;
		esac ;;
	esac
}

_bulkhead()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd=${COMP_WORDS[1]} sub=${COMP_WORDS[2]}

	COMPREPLY=()
	if [ "$COMP_CWORD" = 1 ]; then
		_bulkhead_words "enable disable console stats cell ivshmem config hardware --help --version"
		return 0
	fi
	if [ "$cur" = --help ] || [ "$prev" = --help ]; then
		return 0
	fi
	case $cmd in
	enable)
		[ "$COMP_CWORD" = 2 ] && _bulkhead_files .cell ;;
	console)
		[ "$COMP_CWORD" = 2 ] && _bulkhead_words "--own --help" ;;
	disable | stats)
		[ "$COMP_CWORD" = 2 ] && _bulkhead_words "--help" ;;
	cell)
		if [ "$COMP_CWORD" = 2 ]; then
			_bulkhead_words "create load start shutdown destroy linux list stats --help"
		else
			_bulkhead_cell
		fi ;;
	ivshmem)
		if [ "$COMP_CWORD" = 2 ]; then
			_bulkhead_words "list info state ring wait read write --help"
		else
			_bulkhead_ivshmem
		fi ;;
	config)
		if [ "$COMP_CWORD" = 2 ]; then
			_bulkhead_words "check dump create create-cell --help"
		else
			_bulkhead_config
		fi ;;
	hardware)
		if [ "$COMP_CWORD" = 2 ]; then
			_bulkhead_words "check --help"
		elif [ "$sub" = check ]; then
			if [ "$prev" = --dtb ]; then
				_bulkhead_files .dtb
			else
				_bulkhead_words "--dtb"
				_bulkhead_files .cell
			fi
		fi ;;
	esac
	return 0
}

complete -F _bulkhead bulkhead
