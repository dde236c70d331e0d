# deploy against a real OpenSSH server on 127.0.0.1 (sourced by releng/cli-contract-test; uses $work/seed.vrrpcluster)
if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/sshd ]; then
  echo "skip deploy: needs root and openssh-server"
else
  ssh_dir="$work/ssh"; remote="$work/remote"; mkdir -p "$ssh_dir" "$remote/bin" "$remote/lvs1" "$remote/lvs2" /run/sshd
  ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/client_key"
  cp "$ssh_dir/client_key.pub" "$ssh_dir/authorized_keys"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # the director's tools: a systemctl that records what it was asked, and our own checker as the validator
  printf '#!/bin/sh\necho "$*" >> %s/systemctl.log\n' "$remote" > "$remote/bin/systemctl"
  ln -s "$repo/vrrpstudio" "$remote/bin/vrrpstudio"
  chmod +x "$remote/bin/systemctl"
  cat > "$ssh_dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AuthorizedKeysFile $ssh_dir/authorized_keys
StrictModes no
PidFile $ssh_dir/sshd.pid
Subsystem sftp internal-sftp
SetEnv SHLVL=1 PATH=$remote/bin:/usr/sbin:/usr/bin:/sbin:/bin
CONF
  /usr/sbin/sshd -D -f "$ssh_dir/sshd_config" -p "$port" -h "$ssh_dir/host_key" -E "$ssh_dir/sshd.log" &
  sshd_pid=$!
  trap 'kill "$sshd_pid" 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

  echo "old config" > "$remote/lvs1/keepalived.conf"; chmod 600 "$remote/lvs1/keepalived.conf"
  # what a user does in the console's director settings, done here on the cluster file itself
  python3 - "$work/seed.vrrpcluster" "$port" "$ssh_dir/client_key" "$remote" <<'PY'
import sys, re
path, port, key, remote = sys.argv[1:]
text = open(path).read()
for name in ("lvs1", "lvs2"):
    text = text.replace(f'<directors name="{name}"',
        f'<directors name="{name}" host="127.0.0.1" sshPort="{port}" sshUser="root" identityFile="{key}" '
        f'remoteConfigPath="{remote}/{name}/keepalived.conf" daemonKind="AGENT" '
        # no agent runs here: the recording systemctl stands in for the daemon (the lab deploys to real agents)
        f'verifyCommand="systemctl is-active --quiet vrrpstudio-agent"', 1)
open(path, "w").write(text)
PY
  kh="$work/known_hosts"
  expect "deploy: unknown host key refused"  1 'SHA256:'              -- "$vs" deploy "$work/seed.vrrpcluster" --known-hosts "$kh"
  expect "deploy: nothing changed yet"       0 '^old config$'         -- cat "$remote/lvs1/keepalived.conf"
  expect "deploy: dry run"                   0 ''                     -- "$vs" deploy "$work/seed.vrrpcluster" --known-hosts "$kh" --dry-run --accept-new-host-key
  expect "deploy: dry run changed nothing"   0 '^old config$'         -- cat "$remote/lvs1/keepalived.conf"
  expect "deploy: both directors"            0 'lvs2'                 -- "$vs" deploy "$work/seed.vrrpcluster" --known-hosts "$kh" --accept-new-host-key
  expect "deploy: lvs1 got its export"       0 ''                     -- bash -c "\"$vs\" export \"$work/seed.vrrpcluster\" -d lvs1 | cmp - \"$remote/lvs1/keepalived.conf\""
  expect "deploy: lvs2 got its export"       0 ''                     -- bash -c "\"$vs\" export \"$work/seed.vrrpcluster\" -d lvs2 | cmp - \"$remote/lvs2/keepalived.conf\""
  expect "deploy: file mode 0600"            0 '^600$'                -- stat -c %a "$remote/lvs2/keepalived.conf"
  expect "deploy: old config backed up"      0 '^old config$'         -- bash -c "cat \"$remote\"/lvs1/keepalived.conf.bak-*"
  expect "deploy: daemon reloaded"           0 'reload vrrpstudio-agent' -- cat "$remote/systemctl.log"
  expect "deploy again: no changes"          0 ''                     -- bash -c "\"$vs\" deploy \"$work/seed.vrrpcluster\" --known-hosts \"$kh\" | grep -c ': NO_CHANGE' | grep -qx 2"
  expect "deploy: unknown director"          2 "no director 'nope'"   -- "$vs" deploy "$work/seed.vrrpcluster" --known-hosts "$kh" -d nope
fi
