#!/usr/bin/env bash
# Builds the base image of Conveyor's container images without a Docker daemon or a registry: a Java
# runtime linked by jlink from the local JDK 17, the shared libraries it loads (glibc, zlib, libstdc++
# for the JNI libraries of DuckDB, RocksDB and zstd), /etc/passwd with the non-root user 65532 and a
# writable /tmp and /var/lib/conveyor, written as a `docker save` tarball that Jib reads with
# `tar://` (the images profile of the root pom.xml). Users with registry access skip it with
# -Djib.from.image=eclipse-temurin:17-jre.
#
# Usage: build-base-image.sh OUTPUT.tar [JAVA_HOME]   (does nothing when OUTPUT.tar is newer than this script)
# JAVA_HOME: the JDK to link the runtime from; the images profile passes the JDK that runs Maven.
set -euo pipefail

out=$(realpath -m "$1")
script=$(realpath "$0")
if [[ -s "$out" && "$out" -nt "$script" ]]; then
  echo "base image up to date: $out"
  exit 0
fi

java_home=${2:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
jlink="$java_home/bin/jlink"
[[ -x "$jlink" ]] || { echo "build-base-image.sh: no jlink in $java_home (JAVA_HOME must be a JDK 17)" >&2; exit 1; }
[[ -d "$java_home/jmods" ]] || { echo "build-base-image.sh: no $java_home/jmods (a full JDK is needed; Debian: apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
work=$(mktemp -d "${out%.tar}.work.XXXXXX")
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt/java" "$root/etc" "$root/tmp" "$root/var/lib/conveyor" "$root/home/conveyor"

# Every java.* module plus the jdk.* modules a server needs at run time (what a JRE image holds
# without the tools): crypto providers, DNS naming, JMX, JFR, Unsafe for Netty and RocksDB.
"$jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.management,jdk.management.agent,jdk.jfr,jdk.zipfs,jdk.security.auth,jdk.security.jgss,jdk.httpserver,jdk.net,jdk.charsets,jdk.localedata \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java/openjdk"

# The shared libraries of the runtime's binaries and native libraries, except the AWT/sound ones that
# only a desktop application loads (they would pull in X11, ALSA and font libraries), plus libstdc++
# and libgcc_s, which the JNI libraries that DuckDB, RocksDB and zstd-jni unpack at run time need
# (checked by deploy/'s ImagesRunTest: the scheduler image's tracker loads RocksDB).
libs=$( { find "$root/opt/java/openjdk" -type f \( -name '*.so' -o -path '*/bin/*' \) \
            ! -name 'libawt_xawt.so' ! -name 'libjawt.so' ! -name 'libsplashscreen.so' ! -name 'libjsound.so' \
            ! -name 'libfontmanager.so' ! -name 'liblcms.so' ! -name 'libjavajpeg.so' \
            -exec ldd {} \; 2>/dev/null || true; } \
        | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' | sort -u)
libdir=$(dirname "$(ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64|libstdc\+\+\.so\.6 .*AArch64/ {print $NF; exit}')")
# glibc's compatibility libraries too: since glibc 2.34 libpthread, libdl and librt are empty stubs (their
# code is in libc), but binaries linked against older glibc, like RocksDB's and zstd-jni's, still name them.
for lib in $libs "$libdir/libstdc++.so.6" "$libdir/libgcc_s.so.1" \
    "$libdir/libpthread.so.0" "$libdir/libdl.so.2" "$libdir/librt.so.1" "$libdir/libutil.so.1" "$libdir/libresolv.so.2"; do
  real=$(readlink -f "$lib")
  [[ "$lib" == "$root"/* ]] && continue
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$real" "$root$lib"
done
# The dynamic loader's path as compiled into every binary (/lib64/ld-linux-x86-64.so.2 on amd64).
interp=$(readelf -l "$root/opt/java/openjdk/bin/java" 2>/dev/null | sed -n 's/.*interpreter: \(.*\)]/\1/p' || true)
if [[ -n "$interp" && ! -e "$root$interp" ]]; then
  mkdir -p "$root$(dirname "$interp")"
  cp -L "$interp" "$root$interp"
fi

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
conveyor:x:65532:65532:conveyor:/home/conveyor:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
conveyor:x:65532:
GROUP
echo 'hosts: files dns' > "$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp"
chmod 0777 "$root/var/lib/conveyor" "$root/home/conveyor"

# A docker save tarball: one layer, its config (PATH as eclipse-temurin sets it, so that Jib's
# entrypoint "java ..." resolves the same way on either base) and manifest.json.
image="$work/image"
mkdir -p "$image"
tar --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$image/layer.tar" .
diff_id=$(sha256sum "$image/layer.tar" | cut -d' ' -f1)
arch=$(uname -m); case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
cat > "$image/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"1970-01-01T00:00:01Z",
 "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"],"User":"65532:65532","WorkingDir":"/home/conveyor"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:01Z","created_by":"deploy/images/build-base-image.sh: jlink runtime of $("$root/opt/java/openjdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.runtime.version = //p')"}]}
JSON
cat > "$image/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["conveyor/jre-base:17"],"Layers":["layer.tar"]}]
JSON
tar --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner -C "$image" -cf "$out.partial" manifest.json config.json layer.tar
mv "$out.partial" "$out"
echo "base image: $out ($(du -h "$out" | cut -f1))"
