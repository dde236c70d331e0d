# deploy against a real OpenSSH server on 127.0.0.1 (sourced by releng/cli-contract-test; uses $work/seed.vrrpcluster)
if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/sshd ]; then
  echo "skip deploy: needs root and openssh-server"
else
  . "$repo/releng/sshd-lib.sh"
  remote="$work/remote"; mkdir -p "$remote/bin" "$remote/lvs1" "$remote/lvs2"
  # the director's tools: a systemctl that records what it was asked, and our own checker as the validator
  printf '#!/bin/sh\necho "$*" >> %s/systemctl.log\n' "$remote" > "$remote/bin/systemctl"
  ln -s "$repo/vrrpstudio" "$remote/bin/vrrpstudio-agent"   # the agent launcher's commands, as a director has them
  chmod +x "$remote/bin/systemctl"
  test_sshd "$work/ssh" "$remote/bin"
  port=$SSHD_PORT; sshd_pid=$SSHD_PID
  trap 'kill "$sshd_pid" 2>/dev/null; rm -rf "$work"' EXIT

  echo "old config" > "$remote/lvs1/keepalived.conf"; chmod 600 "$remote/lvs1/keepalived.conf"
  # no agent runs here: the recording systemctl stands in for the daemon (releng/lab-deploy-test deploys to real agents)
  for name in lvs1 lvs2; do
    set_director_deploy "$work/seed.vrrpcluster" "$name" "host=\"127.0.0.1\" sshPort=\"$port\" sshUser=\"root\" \
identityFile=\"$SSHD_CLIENT_KEY\" remoteConfigPath=\"$remote/$name/keepalived.conf\" daemonKind=\"AGENT\" \
verifyCommand=\"systemctl is-active --quiet vrrpstudio-agent\""
  done
  kh="$work/known_hosts"
  expect "deploy: unknown host key refused"  1 'SHA256:'              -- "$vs" deploy "$work/seed.vrrpcluster" --known-hosts "$kh"
  expect "deploy: nothing changed yet"       0 '^old config$'         -- cat "$remote/lvs1/keepalived.conf"
  # the dry run's report (stdout) is kept for the checks below; its progress (stderr) still reaches expect
  expect "deploy: dry run"                   0 ''                     -- bash -c "set -o pipefail; \"$vs\" deploy \"$work/seed.vrrpcluster\" --known-hosts \"$kh\" --dry-run --accept-new-host-key | tee \"$work/dry.out\""
  expect "deploy: dry run changed nothing"   0 '^old config$'         -- cat "$remote/lvs1/keepalived.conf"
  expect "deploy: dry run shows lvs1's diff" 0 ''                     -- bash -c "grep -qxF \"+++ $remote/lvs1/keepalived.conf (new)\" \"$work/dry.out\" && grep -qxF -- '-old config' \"$work/dry.out\""
  expect "deploy: dry run masks auth_pass"   0 ''                     -- bash -c "grep -q '^+ *auth_pass \*\{8\}$' \"$work/dry.out\" && ! grep -q 'k@l' \"$work/dry.out\""
  expect "deploy: dry run, a line per director" 0 ''                  -- bash -c "[ \$(grep -cE '^lvs[12]: WOULD_CHANGE \(' \"$work/dry.out\") = 2 ]"
  expect "deploy: both directors"            0 'lvs2'                 -- "$vs" deploy "$work/seed.vrrpcluster" --known-hosts "$kh" --accept-new-host-key
  expect "deploy: lvs1 got its export"       0 ''                     -- bash -c "\"$vs\" export \"$work/seed.vrrpcluster\" -d lvs1 | cmp - \"$remote/lvs1/keepalived.conf\""
  expect "deploy: lvs2 got its export"       0 ''                     -- bash -c "\"$vs\" export \"$work/seed.vrrpcluster\" -d lvs2 | cmp - \"$remote/lvs2/keepalived.conf\""
  expect "deploy: file mode 0600"            0 '^600$'                -- stat -c %a "$remote/lvs2/keepalived.conf"
  expect "deploy: old config backed up"      0 '^old config$'         -- bash -c "cat \"$remote\"/lvs1/keepalived.conf.bak-*"
  expect "deploy: daemon reloaded"           0 'reload vrrpstudio-agent' -- cat "$remote/systemctl.log"
  expect "deploy again: no changes"          0 ''                     -- bash -c "\"$vs\" deploy \"$work/seed.vrrpcluster\" --known-hosts \"$kh\" | grep -c ': NO_CHANGE' | grep -qx 2"
  # a fleet: a second cluster beside the deployed one, both pairs at once; the report names cluster and director
  expect "deploy: a second cluster"          0 ''                     -- "$vs" import "$repo/plugins/org.vrrpstudio.config.tests/data/seed/director1-keepalived.conf" -o "$work/fleet2.vrrpcluster" --names lvs1,lvs2
  for name in lvs1 lvs2; do
    mkdir -p "$remote/fleet2-$name"
    set_director_deploy "$work/fleet2.vrrpcluster" "$name" "host=\"127.0.0.1\" sshPort=\"$port\" sshUser=\"root\" \
identityFile=\"$SSHD_CLIENT_KEY\" remoteConfigPath=\"$remote/fleet2-$name/keepalived.conf\" daemonKind=\"AGENT\" \
verifyCommand=\"systemctl is-active --quiet vrrpstudio-agent\""
  done
  expect "deploy: fleet of two clusters"     0 ''                     -- bash -c "set -o pipefail; \"$vs\" deploy \"$work/seed.vrrpcluster\" \"$work/fleet2.vrrpcluster\" --parallel 2 --diff --known-hosts \"$kh\" | tee \"$work/fleet.out\""
  expect "deploy: fleet, a line per director" 0 ''                    -- bash -c "[ \"\$(grep -E '^[a-z0-9]+/lvs[12]: [A-Z_]+ ' \"$work/fleet.out\" | cut -d' ' -f1-2 | tr '\n' ' ')\" = 'seed/lvs1: NO_CHANGE seed/lvs2: NO_CHANGE fleet2/lvs1: OK fleet2/lvs2: OK ' ]"
  expect "deploy: fleet2/lvs2 got its export" 0 ''                    -- bash -c "\"$vs\" export \"$work/fleet2.vrrpcluster\" -d lvs2 | cmp - \"$remote/fleet2-lvs2/keepalived.conf\""
  expect "deploy: --diff shows what changed" 0 ''                     -- bash -c "grep -qxF \"+++ $remote/fleet2-lvs1/keepalived.conf (new)\" \"$work/fleet.out\" && ! grep -q '(on seed/' \"$work/fleet.out\" && ! grep -q 'k@l' \"$work/fleet.out\""
  expect "deploy: unknown director"          2 "no director 'nope'"   -- "$vs" deploy "$work/seed.vrrpcluster" --known-hosts "$kh" -d nope
fi
