# The headline chart: server CPU per operation and memory per idle connection, ours divided by Node's (median of
# the runs; with both load generators, the worse of their two ratios), one bar per figure; 1 = parity, and the red
# dash over each bar is that figure's goal (the data file's third column). An optional fourth column, Kestrel's bare
# WebSocket divided by Node's where it was measured (NaN where not), is drawn as a black dash: the floor under ours.
# Usage: gnuplot -e "data='artifacts/bench/final.dat'; out='docs/benchmarks.png'" benchmarks/chart.gp
if (!exists("data")) data = 'artifacts/bench/final.dat'
if (!exists("out")) out = 'docs/benchmarks.png'
set terminal pngcairo size 1350,540 font "DejaVu Sans,11"
set output out
set title "SocketIo vs Node socket.io 4.8: ours ÷ Node (lower is better; median of runs, worse of two load generators)"
set style data histograms
set style fill solid 0.85 border -1
set boxwidth 0.6
set bmargin 5
set yrange [0:*]
set ylabel "ours / Node"
set grid ytics
set key top left
set xtics noenhanced font ",9"
set label 1 "parity 1" at graph 0.99, first 1 right offset 0,0.6
plot data using 2:xtic(1) notitle linecolor rgb "#2e86c1", \
     '' using 0:2:(sprintf("%.2f", $2)) with labels offset 0,0.8 notitle, \
     '' using ($0 - 0.35):3:(0.7):(0) with vectors nohead linewidth 3 linecolor rgb "#c0392b" title "goal", \
     '' using ($0 - 0.3):(column(4)):(0.6):(0) with vectors nohead linewidth 2 dashtype 2 linecolor rgb "#000000" title "Kestrel's bare WebSocket", \
     1 with lines linewidth 1 linecolor rgb "#555555" notitle
