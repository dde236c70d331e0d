# hostile files (issue 20) through check, import, the agent's dry run and export (a cluster file), as a user runs
# them: one located error line (or warnings and a result), the exit code of a refused file, bounded time (timeout) and
# memory (each command's own heap: 256 MiB for check/import, the agent's 160 MiB), never a stack trace (expect refuses one).
# (sourced by releng/cli-contract-test: $vs, $work, $repo, expect)
h="$work/hostile"; mkdir -p "$h"
printf 'include b.conf\nvrrp_instance A {\n}\n' > "$h/a.conf"; printf 'include a.conf\n' > "$h/b.conf"
printf 'a {\n  ~SEQ(i, 1, 9223372036854775806) x ${i}\n}\n' > "$h/seq.conf"
printf 'global_defs {\n}\nxx\0yy\n' > "$h/binary.conf"
head -c 104857600 /dev/zero | tr '\0' 'a' > "$h/bigline.conf"; echo >> "$h/bigline.conf"   # a 100 MB line
python3 - "$h" <<'PY'
import sys
h = sys.argv[1]
open(h + "/deep.conf", "w").write("a {\n" * 150000 + "}\n" * 150000)
open(h + "/lines.conf", "w").write("a 1\n" * 1000000)            # 4 MB: 256 MiB of heap ran out on it before
open(h + "/words.conf", "w").write(("a " * 499000 + "\n") * 4)    # 4 MB of one-letter words
open(h + "/expansion.conf", "w").write("$X=" + "a " * 100000 + "\n~SEQ(i, 1, 70) y $X\n")   # 800 MB once expanded
open(h + "/repeat.conf", "w").write("~SEQ(i, 1, 100000) frob ${i}\n")
PY
t="timeout 60"

expect "check include cycle"       1 '^.*b\.conf:1:1: error: include cycle: '                        -- $t "$vs" check "$h/a.conf"
expect "check huge ~SEQ"           1 '^.*seq\.conf:2:35: error: bad ~SEQ.*more than 100000 values'   -- $t "$vs" check "$h/seq.conf"
expect "check binary file"         1 '^.*binary\.conf:3:1: error: binary file: NUL byte'             -- $t "$vs" check "$h/binary.conf"
expect "check 100 MB line"         1 '^.*bigline\.conf:1:1: error: cannot read file: file is larger than 16 MiB' -- $t "$vs" check "$h/bigline.conf"
expect "check deep nesting"        1 '^.*deep\.conf:65:3: error: blocks nested more than 64 deep'    -- $t "$vs" check "$h/deep.conf"
expect "check a million lines"     1 '^.*lines\.conf:200001:1: error: more than 200000 lines read'   -- $t "$vs" check "$h/lines.conf"
expect "check long lines of words" 1 '^.*words\.conf:2:1: error: more than 500000 words read'        -- $t "$vs" check "$h/words.conf"
expect "check huge expansion"      1 '^.*expansion\.conf:2:16: error: expansion produces more than 500000 words' -- $t "$vs" check "$h/expansion.conf"
expect "check: one line each"      0 ''                                                              -- bash -c \
  "for f in a seq binary bigline deep lines words expansion; do n=\$($t \"$vs\" check \"$h/\$f.conf\" 2>&1 | grep -c ': error: '); [ \"\$n\" = 1 ] || { echo \"\$f: \$n errors\"; exit 1; }; done"

expect "import a million lines"    1 'more than 200000 lines read'                                   -- $t "$vs" import "$h/lines.conf" -o "$h/lines.vrrpcluster"
expect "import wrote nothing"      1 ''                                                              -- test -e "$h/lines.vrrpcluster"
expect "import huge expansion"     1 'nothing imported'                                              -- $t "$vs" import "$h/expansion.conf" -o "$h/exp.vrrpcluster"
expect "import: a repeated line warns once" 0 '^1$'                                                  -- bash -c \
  "$t \"$vs\" import \"$h/repeat.conf\" -o \"$h/repeat.vrrpcluster\" 2>&1 | grep -c \"unknown keyword 'frob'\""

expect "agent dry run: a million lines" 1 'lines\.conf:200001:1: error: more than 200000 lines read' -- $t "$vs" agent --dry-run -f "$h/lines.conf"
expect "agent dry run: huge expansion"  1 'expansion\.conf:2:16: error: expansion produces more than' -- $t "$vs" agent --dry-run -f "$h/expansion.conf"
expect "agent dry run: deep nesting"    1 'deep\.conf:65:3: error: blocks nested more than 64 deep'  -- $t "$vs" agent --dry-run -f "$h/deep.conf"

printf '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "/etc/hostname">]>\n<x>&e;</x>\n' > "$h/entity.vrrpcluster"
expect "export: endless cluster file"   2 '^vrrpstudio: /dev/zero:1:1: error: cannot read cluster file: it is larger than 64 MiB' -- $t "$vs" export /dev/zero --director lvs1
expect "export: entities refused"       2 'entity\.vrrpcluster:2:[0-9]+: error: damaged cluster file: DOCTYPE is disallowed' -- $t "$vs" export "$h/entity.vrrpcluster" --director lvs1
rm -rf "$h"
