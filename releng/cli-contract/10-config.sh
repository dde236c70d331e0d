# check and fmt (sourced by releng/cli-contract-test: $vs, $work, $repo, expect)
seed="$repo/plugins/org.vrrpstudio.config.tests/data/seed/director1-keepalived.conf"
printf 'vrrp_instance VI_1 {\n    state MASTER\n    virtual_ipaddress {\n        192.168.200.10\n}\n' > "$work/unbalanced.conf"
printf 'vrrp_instance   VI_1 {\n  state MASTER\n\tpriority 150   # the main one\n}\n' > "$work/messy.conf"

expect "check seed"                 0 ''                                    -- "$vs" check "$seed"
expect "check missing file"         2 'no-such.conf: no such file'          -- "$vs" check "$work/no-such.conf"
expect "check directory"            2 'is a directory'                      -- "$vs" check "$work"
expect "check no arguments"         2 'Missing required parameter'          -- "$vs" check
expect "check unbalanced braces"    1 '^.*unbalanced.conf:[0-9]+:[0-9]+: error: ' -- "$vs" check "$work/unbalanced.conf"

expect "fmt seed"                   0 '^vrrp_sync_group VG1 \{'             -- "$vs" fmt "$seed"
"$vs" fmt "$seed" > "$work/seed-fmt.conf" 2>/dev/null
expect "fmt is idempotent"          0 ''                                    -- bash -c "test -s \"$work/seed-fmt.conf\" && \"$vs\" fmt \"$work/seed-fmt.conf\" | cmp - \"$work/seed-fmt.conf\""
cp "$work/unbalanced.conf" "$work/unbalanced.orig"
expect "fmt refuses a broken file"  1 'error: '                             -- "$vs" fmt -i "$work/unbalanced.conf"
expect "fmt -i left it untouched"   0 ''                                    -- cmp "$work/unbalanced.conf" "$work/unbalanced.orig"
expect "fmt -i rewrites in place"   0 ''                                    -- "$vs" fmt -i "$work/messy.conf"
expect "fmt -i canonical result"    0 '^    priority 150 # the main one$'   -- cat "$work/messy.conf"
expect "fmt -i file mode 0600"      0 '^600$'                               -- stat -c %a "$work/messy.conf"
