# Sourced by releng/cli-contract/40-deploy.sh and releng/lab-deploy-test: Debian's sshd on 127.0.0.1 (loopback only)
# with its own config, host key, key-only auth and authorized_keys in a temp folder.
# test_sshd DIR REMOTE_BIN: starts it; sets SSHD_PORT, SSHD_PID and SSHD_CLIENT_KEY. Remote sessions get REMOTE_BIN
# first on PATH (the director's tools: a recording systemctl, vrrpstudio). The caller ends it: kill "$SSHD_PID".
test_sshd() {
  local dir=$1 bin=$2
  mkdir -p "$dir" /run/sshd
  ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key"
  cp "$dir/client_key.pub" "$dir/authorized_keys"
  SSHD_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat > "$dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
PidFile $dir/sshd.pid
Subsystem sftp internal-sftp
SetEnv SHLVL=1 PATH=$bin:/usr/sbin:/usr/bin:/sbin:/bin
CONF
  /usr/sbin/sshd -D -f "$dir/sshd_config" -p "$SSHD_PORT" -h "$dir/host_key" -E "$dir/sshd.log" &
  SSHD_PID=$!
  SSHD_CLIENT_KEY=$dir/client_key
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$SSHD_PORT") 2>/dev/null && return 0; sleep 0.1; done
  echo "sshd did not start listening on 127.0.0.1:$SSHD_PORT; its log:" >&2; cat "$dir/sshd.log" >&2
  return 1
}

# set_director_deploy CLUSTER NAME ATTRIBUTES: what a user sets in the console's director settings, done on the file
set_director_deploy() {
  python3 - "$@" <<'PY'
import sys
path, name, attributes = sys.argv[1:]
text = open(path).read()
marker = f'<directors name="{name}"'
if marker not in text:
    sys.exit(f"{path}: no director {name}")
open(path, "w").write(text.replace(marker, f'{marker} {attributes}', 1))
PY
}
