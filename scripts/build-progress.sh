#!/usr/bin/env bash
# Filters `swift build` output to what a person watching wants: one line per
# module compiled or linked, every warning and error with its context, and the
# final line. Per-file "Compiling"/"Emitting"/"Wrapping" lines (hundreds of
# them) are dropped. Reads standard input, writes standard output, line-buffered.
exec awk '
    /^\[[0-9]+\/[0-9]+\] (Compiling|Emitting module|Wrapping AST|Write |Copying|Planning|Writing|Merging)/ {
        # Keep the first line per module, so progress stays visible.
        split($0, w, " ")
        if (w[2] == "Compiling" && !(w[3] in seen)) { seen[w[3]] = 1; print; fflush() }
        next
    }
    { print; fflush() }
'
