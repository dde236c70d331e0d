# Sourced by releng/deb-install-test and releng/deb-lab-test: clean Debian 12 root file systems made with debootstrap
# from the mirror apt is configured with, cached as tarballs under $cache (default /var/tmp/vrrpstudio-deb-test).
# The sourcing script sets $work (its temporary folder; the tarballs are made there) and removes it itself.
#   minbase   debootstrap --variant=minbase
#   systemd   minbase + systemd, dbus, iproute2, procps, util-linux (boots with systemd-nspawn -b)
#   lab       systemd + keepalived (2.2.7 in Debian 12), openssh-server, sudo (a director for releng/deb-lab-test)
cache=${VS_DEB_TEST_CACHE:-/var/tmp/vrrpstudio-deb-test}

mirror() {   # the first Debian mirror apt is configured with (deb822 or one-line sources)
  local m
  m=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null)
  [ -n "$m" ] || m=$(awk '$1 == "deb" && $2 !~ /^\[/ { print $2; exit } $1 == "deb" { print $3; exit }' /etc/apt/sources.list 2>/dev/null)
  echo "$m"
}

# the kind a tarball is made from, and the packages apt adds to it
deb_lib_parent() { case $1 in systemd) echo minbase ;; lab) echo systemd ;; esac; }
deb_lib_packages() {
  case $1 in
    systemd) echo systemd systemd-sysv dbus iproute2 procps util-linux ;;
    lab) echo keepalived openssh-server sudo ;;
  esac
}

# base_tar minbase|systemd|lab: a cached tarball of a clean Debian 12 root file system (made once, then reused)
base_tar() {
  local kind=$1 tar=$cache/bookworm-$1.tar dir parent rc
  [ -s "$tar" ] && { echo "$tar"; return 0; }
  mkdir -p "$cache"; dir=$work/base-$kind
  if [ "$kind" = minbase ]; then
    debootstrap --variant=minbase bookworm "$dir" "$(mirror)" >"$work/debootstrap.log" 2>&1 \
      || { tail -3 "$work/debootstrap.log" >&2; return 1; }
  else
    parent=$(deb_lib_parent "$kind"); [ -n "$parent" ] || { echo "base_tar: unknown kind $kind" >&2; return 1; }
    mkdir -p "$dir" && tar -C "$dir" -xf "$(base_tar "$parent")" || return 1
    cp /etc/resolv.conf "$dir/etc/resolv.conf"
    mount -t proc proc "$dir/proc"
    # policy-rc.d: a package's postinst starts no service inside the chroot (keepalived, ssh)
    printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"; chmod 755 "$dir/usr/sbin/policy-rc.d"
    chroot "$dir" sh -c "export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends $(deb_lib_packages "$kind")" \
      >"$work/apt.log" 2>&1; rc=$?
    umount "$dir/proc"; chroot "$dir" apt-get clean; rm -f "$dir/etc/resolv.conf" "$dir/usr/sbin/policy-rc.d"
    [ $rc = 0 ] || { tail -3 "$work/apt.log" >&2; return 1; }
  fi
  tar -C "$dir" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar" && rm -rf "$dir" && echo "$tar"
}

# deb_lib_umount_all DIR: every mount under DIR (from the kernel's table: some are made in subshells), deepest
# first; fails when one is left
deb_lib_umount_all() {
  local m
  for m in $(awk -v w="$1/" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r); do umount -l "$m"; done
  ! awk -v w="$1/" 'index($2, w) == 1 { found = 1 } END { exit !found }' /proc/mounts
}
