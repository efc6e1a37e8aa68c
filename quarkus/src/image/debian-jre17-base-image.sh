#!/bin/sh
# A JRE 17 base image for Jib where no container registry is reachable (an air-gapped build machine that still has
# a Debian mirror): Debian bookworm (minbase) with openjdk-17-jre-headless, installed by debootstrap, written in the
# `docker save` layout (manifest.json, config, one layer) that Jib reads as tar://<file>.
# With a registry, skip this: the build pulls quarkus.jib.base-jvm-image (eclipse-temurin:17-jre) itself.
#
#   sudo quarkus/src/image/debian-jre17-base-image.sh ~/.cache/usagebridge/jre17-base.tar [mirror]
#   mvn -B -Pimage -pl quarkus -am package -DskipTests -Dquarkus.jib.base-jvm-image=tar://$HOME/.cache/usagebridge/jre17-base.tar
#
# Needs root (debootstrap runs the packages' install scripts in a chroot: the JRE's cacerts is made there).
set -eu

[ $# -ge 1 ] || { echo "usage: $0 <out.tar> [debian-mirror]" >&2; exit 2; }
out=$(realpath -m "$1")
mirror=${2:-http://deb.debian.org/debian}
suite=bookworm
arch=$(dpkg --print-architecture)

work=$(mktemp -d)
rootfs="$work/rootfs"
trap 'umount "$rootfs/proc" 2>/dev/null || true; rm -rf "$work"' EXIT

debootstrap --variant=minbase --arch="$arch" --include=openjdk-17-jre-headless,ca-certificates \
  "$suite" "$rootfs" "$mirror"
# the image needs no package cache or lists
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
# java finds its libraries through /proc/self/exe, as it will in a container
mount -t proc proc "$rootfs/proc"
chroot "$rootfs" java -version
umount "$rootfs/proc"

# one layer; /dev, /proc and /sys are the runtime's to fill
tar --numeric-owner --xattrs -C "$rootfs" --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
  -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
mkdir "$work/$diff_id"
mv "$work/layer.tar" "$work/$diff_id/layer.tar"

java_home=/usr/lib/jvm/java-17-openjdk-$arch
cat > "$work/config.json" <<EOF
{"architecture":"$arch","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],"WorkingDir":"/"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created_by":"debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates $suite ($mirror)"}]}
EOF
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/$config_id.json"
cat > "$work/manifest.json" <<EOF
[{"Config":"$config_id.json","RepoTags":["usagebridge/debian-jre17:$suite"],"Layers":["$diff_id/layer.tar"]}]
EOF

mkdir -p "$(dirname "$out")"
tar -C "$work" -cf "$out.partial" manifest.json "$config_id.json" "$diff_id"
mv "$out.partial" "$out"
echo "base image usagebridge/debian-jre17:$suite ($arch): $out"
