#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Histograms of the real-time figures, the way cyclictest users read
# them: latency on x, log-scale counts on y, the cell beside bare metal.
# Reads rtos-bench's "rtos-bench: hist KIND FROM_NS COUNT" lines from the
# cell's and the bare-metal log; writes OUT/KIND-hist.dat and
# OUT/KIND-hist.png (gnuplot, Debian's gnuplot-nox) for KIND latency and
# jitter. Run by ci/bench.sh; by hand:
#   ci/plot-hist.sh CELL_LOG BARE_LOG OUT_DIR
set -euo pipefail

cell=$1 bare=$2 out=$3
command -v gnuplot > /dev/null || { echo "plot-hist.sh: gnuplot missing (ci/setup.sh installs gnuplot-nox)" >&2; exit 1; }

for kind in latency jitter; do
	dat=$out/$kind-hist.dat
	# FROM_NS CELL BARE, every bin either has.
	tr -d '\r' < "$cell" | awk -v k="$kind" '$1 == "rtos-bench:" && $2 == "hist" && $3 == k { print $4, $5, "c" }' > "$dat.tmp"
	tr -d '\r' < "$bare" | awk -v k="$kind" '$1 == "rtos-bench:" && $2 == "hist" && $3 == k { print $4, $5, "b" }' >> "$dat.tmp"
	awk '{ if ($3 == "c") c[$1] = $2; else b[$1] = $2; seen[$1] = 1 }
	     END { for (x in seen) print x, (x in c) ? c[x] : 0, (x in b) ? b[x] : 0 }' \
		"$dat.tmp" | sort -n > "$dat"
	rm -f "$dat.tmp"
	[ -s "$dat" ] || { echo "plot-hist.sh: no $kind histogram in the logs" >&2; exit 1; }
	case $kind in
	latency) title="Timer interrupt latency: release -> first instruction of the IRQ vector" ;;
	jitter) title="Release jitter of a 1 kHz task: release -> task running" ;;
	esac
	gnuplot << EOF2
set terminal png size 900,500
set output "$out/$kind-hist.png"
set title "$title (QEMU -icount, 1 instruction = 1 ns)"
set xlabel "ns (bins of 50 ns)"
set ylabel "samples (log scale)"
set logscale y
set yrange [0.8:*]
set xrange [0:*]
set style fill solid 0.6 border -1
set boxwidth 20
set key top right
plot "$dat" using (\$1 + 15):(\$2 > 0 ? \$2 : 1/0) with boxes title "in a cell (CPU 3)", \
     "$dat" using (\$1 + 35):(\$3 > 0 ? \$3 : 1/0) with boxes title "bare metal"
EOF2
done
