#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# install.layout: `cmake --install BUILD_DIR --prefix <tmp>` puts every file where a Debian
# packager expects it, the desktop files are valid, and the INSTALLED programs work from the
# installed data alone (no build tree, no sources on their paths).
#
#   check_install_layout.sh BUILD_DIR SOURCE_DIR GUI(ON|OFF) [PATH_DEFINES]
#
# PATH_DEFINES: "none", or the TARGET:DEFINITION pairs (comma-separated) whose value names the
# source or build tree, found by tests/style/CMakeLists.txt among the targets an installed
# program is built from; any is a failure.
set -eu

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
    echo "usage: $0 BUILD_DIR SOURCE_DIR GUI(ON|OFF) [PATH_DEFINES]" >&2
    exit 2
fi
build=$1
source=$(cd "$2" && pwd)
gui=$3
path_defines=${4:-none}

prefix=$(mktemp -d "${TMPDIR:-/tmp}/attune-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
failures=0
fail()
{
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

if ! cmake --install "$build" --prefix "$prefix" >"$prefix.log" 2>&1; then
    cat "$prefix.log" >&2
    rm -f "$prefix.log"
    echo "FAIL: cmake --install $build --prefix $prefix" >&2
    exit 1
fi
rm -f "$prefix.log"

# --- every file in its place -----------------------------------------------------------------
expect_file()
{
    [ -f "$prefix/$1" ] || fail "not installed: $1"
}
expect_exec()
{
    if [ ! -f "$prefix/$1" ] || [ ! -x "$prefix/$1" ]; then
        fail "not installed as an executable: $1"
    fi
}
expect_exec bin/attune-cli
for s in aai-state-of-mind aai-experience aai-coherence-grice aai-unresolved; do
    expect_file "share/attune/schemes/$s.xml"
done
expect_file share/attune/schemes/attune-scheme.xsd
expect_file share/attune/schemes/README.md
expect_exec share/attune/samples/build-demo
expect_file share/attune/samples/README.md
for t in P01-secure.txt P02-dismissing-idealizing.txt P03-dismissing-derogating.txt \
    P04-preoccupied-angry.txt P05-preoccupied-passive.docx P06-unresolved-loss.odt \
    P07-earned-secure.txt P08-cannot-classify.txt; do
    expect_file "share/attune/samples/transcripts/$t"
done
expect_file share/attune/samples/coding/P01-secure/passages.csv
for d in README.md user-guide.md cli.md schemes.md agreement.md architecture.md; do
    expect_file "share/doc/attune/$d"
done
ls "$prefix"/share/doc/attune/images/*.png >/dev/null 2>&1 ||
    fail "no images in share/doc/attune/images"
expect_file share/man/man1/attune-cli.1
expect_file share/mime/packages/attune.xml
if [ "$gui" = ON ]; then
    expect_exec bin/attune
    expect_file share/man/man1/attune.1
    expect_file share/applications/attune.desktop
    expect_file share/icons/hicolor/scalable/apps/attune.svg
fi
# The sources' tools and the samples' provenance are not part of the installation.
[ ! -e "$prefix/share/attune/samples/tools" ] || fail "share/attune/samples/tools installed"
[ ! -e "$prefix/share/attune/samples/transcripts/source" ] ||
    fail "share/attune/samples/transcripts/source installed"

# --- desktop integration, MIME type, man pages -----------------------------------------------
if [ "$gui" = ON ] && [ -f "$prefix/share/applications/attune.desktop" ]; then
    if ! out=$(desktop-file-validate "$prefix/share/applications/attune.desktop" 2>&1) ||
        [ -n "$out" ]; then
        fail "desktop-file-validate attune.desktop: $out"
    fi
    grep -qx 'MimeType=application/x-attune;' "$prefix/share/applications/attune.desktop" ||
        fail "attune.desktop does not declare application/x-attune"
    xmllint --noout "$prefix/share/icons/hicolor/scalable/apps/attune.svg" ||
        fail "attune.svg is not well-formed XML"
fi
mime=$prefix/share/mime
if [ -f "$mime/packages/attune.xml" ]; then
    xmllint --noout "$mime/packages/attune.xml" || fail "attune.xml (MIME) is not well-formed"
    # update-mime-database compiles the package as a desktop would; it reports unknown elements
    # and bad magic on stderr (with status 0), so any output fails. The XDG variables name the
    # prefix so that it does not add a note that the directory is not searched.
    if ! out=$(XDG_DATA_DIRS="$prefix/share" XDG_DATA_HOME="$prefix/share" \
        update-mime-database "$mime" 2>&1) || [ -n "$out" ]; then
        fail "update-mime-database: $out"
    fi
    grep -q '^[0-9]*:application/x-attune:\*\.attune' "$mime/globs2" 2>/dev/null ||
        fail "MIME database has no glob *.attune for application/x-attune"
    [ -f "$mime/application/x-attune.xml" ] || fail "MIME database has no application/x-attune"
    grep -q 'ATNE' "$mime/magic" 2>/dev/null || fail "MIME magic has no Attune application_id"
fi
for page in "$prefix"/share/man/man1/*.1; do
    [ -f "$page" ] || continue
    if ! out=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1) || [ -n "$out" ]; then
        fail "$(basename "$page"): groff warnings: $out"
    fi
    lexgrog "$page" >/dev/null 2>&1 || fail "$(basename "$page"): no NAME section (lexgrog)"
done

# --- the installed programs, from the installed data only ---------------------------------
# A PATH without the build tree, and no variable pointing at the sources.
path="$prefix/bin:/usr/bin:/bin"
run()
{
    # (a sanitizer build's options pass through, or LeakSanitizer fails the run on GTK's leaks)
    env -i PATH="$path" HOME="$prefix/home" LC_ALL=C.UTF-8 \
        ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} ${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} "$@"
}
mkdir -p "$prefix/home"
cli=$prefix/bin/attune-cli
if [ -x "$cli" ]; then
    out=$(run "$cli" --help 2>&1) || fail "installed attune-cli --help failed: $out"
    case $out in *scheme*) ;; *) fail "installed attune-cli --help lists no scheme command" ;; esac
    run "$cli" --version >/dev/null 2>&1 || fail "installed attune-cli --version failed"
    if ! out=$(run "$cli" scheme validate "$prefix"/share/attune/schemes/*.xml 2>&1); then
        fail "installed attune-cli scheme validate of the installed schemes: $out"
    fi
    # The installed build-demo finds the installed schemes and samples beside itself and the
    # installed attune-cli on PATH.
    demo=$prefix/home/demo.attune
    if ! out=$(run "$prefix/share/attune/samples/build-demo" "$demo" 2>&1); then
        fail "installed build-demo: $out"
    else
        n=$(run "$cli" transcripts "$demo" | tail -n +2 | grep -c . || true)
        [ "$n" = 8 ] || fail "the installed demo has $n transcripts, not 8"
        case $out in
            *"with $cli"*) ;;
            *) fail "build-demo did not use the installed attune-cli: $out" ;;
        esac
        # The MIME magic is right for a real project: SQLite header + "ATNE" at byte 68.
        magic=$(od -An -c -j 68 -N 4 "$demo" | tr -d ' ')
        [ "$magic" = ATNE ] || fail "a project's application_id at byte 68 is '$magic', not ATNE"
    fi
fi
if [ "$gui" = ON ] && [ -x "$prefix/bin/attune" ]; then
    out=$(run "$prefix/bin/attune" --version 2>&1) || fail "installed attune --version: $out"
fi

# --- the installed workbench finds its schemes, demo and guide -----------------------------
# The demo the installed build-demo made above is shipped ready-made, as a package may ship it
# (share/attune/demo.attune); the installed workbench must find it there, open it, and show the
# installed user guide. (Building the demo from the workbench is gui.xvfb.demo_build's part: it
# takes minutes on a loaded machine, past the test script's watchdog.) Run as root, the source
# and build trees are hidden under empty read-only mounts in a mount namespace of the run's own,
# so nothing there can stand in for the installation.
if [ "$gui" = ON ] && [ -x "$prefix/bin/attune" ] && [ -f "$prefix/home/demo.attune" ]; then
    cp "$prefix/home/demo.attune" "$prefix/share/attune/demo.attune"
    if ! command -v xvfb-run >/dev/null 2>&1; then
        echo "NOTE: xvfb-run not found: the installed workbench was not run"
    else
        cat >"$prefix/installed.gui" <<'GUI'
expect-title Attune
open-demo
expect-title demo.attune
expect-transcripts 8
menu user-guide
expect-help "Attune workbench"
GUI
        # run-installed.sh HIDE(yes|no) SOURCE BUILD APP SCRIPT
        cat >"$prefix/run-installed.sh" <<'SH'
set -eu
if [ "$1" = yes ]; then
    for tree in "$2" "$3"; do
        [ -d "$tree" ] && mount -t tmpfs -o ro,size=4k attune-hidden "$tree" 2>/dev/null || true
    done
    if [ -e "$2/schemes" ] || [ -e "$3/share" ]; then
        echo "the source or build tree is still visible" >&2
        exit 1
    fi
fi
exec xvfb-run -a -s "-screen 0 1280x1024x24" "$4" --size 1280x860 --coder anna --gui-test "$5"
SH
        hide=no
        namespace=""
        if [ "$(id -u)" = 0 ] && unshare -m --propagation private true 2>/dev/null; then
            hide=yes
            namespace="unshare -m --propagation private"
        else
            echo "NOTE: not root (or no mount namespaces): the source and build trees stay" \
                "visible to the installed workbench"
        fi
        build_abs=$(cd "$build" && pwd)
        set +e
        # shellcheck disable=SC2086 # $namespace is a command prefix or nothing
        out=$(run $namespace /bin/sh "$prefix/run-installed.sh" "$hide" "$source" "$build_abs" \
            "$prefix/bin/attune" "$prefix/installed.gui" 2>&1)
        rc=$?
        set -e
        demo=$prefix/share/attune/demo.attune
        if [ "$rc" -ne 0 ]; then
            fail "the installed workbench did not open the installed demo and show its guide" \
                "(exit $rc): $out"
        elif [ -e "$prefix/home/.Attune/demo.attune" ]; then
            fail "the installed workbench built its own demo instead of opening $demo: $out"
        else
            n=$(run "$cli" transcripts "$demo" | tail -n +2 | grep -c . || true)
            [ "$n" = 8 ] || fail "the demo the installed workbench opened has $n transcripts"
            if [ "$hide" = yes ]; then
                echo "install.layout: the installed workbench opened the installed demo and" \
                    "showed the installed guide with $source and $build_abs hidden"
            fi
        fi
    fi
fi

# --- no source or build path compiled into the programs ------------------------------------
# No compile definition of theirs names the source or build tree (checked by CMake, which
# knows the definitions), and no string constant names either directory or a file in them,
# except the name of a C++ source file (__FILE__ in an assertion's message, which names no
# data to be found).
if [ "$path_defines" != none ]; then
    fail "compiled with a definition naming the source or build tree: $path_defines"
fi
build_abs=$(cd "$build" && pwd)
ere()
{
    printf '%s' "$1" | sed 's/[][\.*^$+?(){}|]/\\&/g'
}
for exe in "$prefix"/bin/*; do
    name=$(basename "$exe")
    objcopy -O binary --only-section=.rodata "$exe" "$prefix/rodata" 2>/dev/null || continue
    # Literals are packed without separators, so paths are cut out of the bytes by pattern.
    found=$(tr '\0' '\n' <"$prefix/rodata" |
        grep -aoE -e "$(ere "$source")[^[:space:][:cntrl:]]*" \
            -e "$(ere "$build_abs")[^[:space:][:cntrl:]]*" |
        grep -vE '/[A-Za-z0-9_.+-]+\.(cpp|cc|h|hpp)$' | sort -u | head -n 3 || true)
    if [ -n "$found" ]; then
        fail "bin/$name holds a path of the source or build tree as a string: $found"
    fi
    rm -f "$prefix/rodata"
done

if [ "$failures" -ne 0 ]; then
    echo "install.layout: $failures problem(s) in the installation" >&2
    exit 1
fi
echo "install.layout: every file installed and valid; the installed attune-cli validated the" \
    "installed schemes and built the demo from the installed samples"
