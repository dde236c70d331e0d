# mirror, import, export (sourced by releng/cli-contract-test: $vs, $work, $repo, expect)
seed="$repo/plugins/org.vrrpstudio.config.tests/data/seed/director1-keepalived.conf"

# keepalived's own verdict (exit code of keepalived -t) inside a throwaway namespace that has eth0 and eth1,
# because keepalived checks that the configured interfaces exist. Prints "skip" without root or keepalived.
keepalived_verdict() {
  command -v keepalived >/dev/null && [ "$(id -u)" = 0 ] || { echo skip; return; }
  local ns="vscli$$"
  ip netns add "$ns" && ip -n "$ns" link add eth0 type veth peer name eth0p && ip -n "$ns" link add eth1 type veth peer name eth1p
  ip netns exec "$ns" keepalived -t -f "$1" >/dev/null 2>&1; echo $?
  ip netns del "$ns"
}

expect "mirror seed"                    0 ''                      -- bash -c "\"$vs\" mirror \"$seed\" > \"$work/d2.conf\""
expect "mirror: VI_3 MASTER at 150"     0 ''                      -- python3 - "$work/d2.conf" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
blocks = dict(re.findall(r'vrrp_instance (VI_\d) \{(.*?)\n\}', text, re.S))
want = {"VI_1": ("BACKUP", "100"), "VI_2": ("BACKUP", "100"), "VI_3": ("MASTER", "150"), "VI_4": ("MASTER", "150")}
for name, (state, prio) in want.items():
    body = blocks[name]
    assert f"state {state}" in body and f"priority {prio}" in body, (name, body)
PY
expect "mirror missing file"            2 'no such file'          -- "$vs" mirror "$work/nope.conf"
expect "keepalived -t: mirror verdict = seed verdict" 0 '' -- bash -c "a=\$(keepalived_verdict \"$seed\"); b=\$(keepalived_verdict \"$work/d2.conf\"); echo \"seed=\$a mirror=\$b\"; [ \"\$a\" = \"\$b\" ]"

expect "import seed"                    0 ''                      -- "$vs" import "$seed" -o "$work/seed.vrrpcluster" --names lvs1,lvs2
expect "cluster file has no secret"     1 ''                      -- grep -q 'k@l' "$work/seed.vrrpcluster"
expect "secrets sidecar is 0600"        0 '^600$'                 -- stat -c %a "$work/seed.secrets"
expect "sidecar holds the secrets"      0 ''                      -- grep -q 'k@l' "$work/seed.secrets"
expect "export lvs2 = mirror"           0 ''                      -- bash -c "\"$vs\" export \"$work/seed.vrrpcluster\" --director lvs2 | cmp - \"$work/d2.conf\""
expect "export lvs1 -o file"            0 ''                      -- "$vs" export "$work/seed.vrrpcluster" --director lvs1 -o "$work/d1.conf"
# the model keeps comments and unknown content, not blank lines between top-level blocks
expect "export lvs1 = fmt seed"         0 ''                      -- bash -c "\"$vs\" fmt \"$seed\" | diff -B - \"$work/d1.conf\""
expect "export unknown director"        2 "no director 'nope'"    -- "$vs" export "$work/seed.vrrpcluster" --director nope
expect "import both files"              0 ''                      -- "$vs" import "$seed" "$work/d2.conf" -o "$work/pair.vrrpcluster"
echo 'this is <not xml' > "$work/damaged.vrrpcluster"
expect "damaged cluster file"           2 'damaged.vrrpcluster'   -- "$vs" export "$work/damaged.vrrpcluster" --director lvs1
expect "import a broken file"           1 'nothing imported'      -- "$vs" import "$work/unbalanced.conf" -o "$work/broken.vrrpcluster"
expect "broken import wrote nothing"    1 ''                      -- test -e "$work/broken.vrrpcluster"
