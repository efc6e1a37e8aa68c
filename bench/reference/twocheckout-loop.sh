#!/usr/bin/env bash
# The cron job UsageBridge replaces, as users write it: for every CSV in a folder, md5sum the file, sign 2Checkout's
# string with openssl (HMAC-MD5), POST it with curl, and move it to a done folder only when the receiver answered 1.
# The wire is the one 2Checkout's receiver (and the sandbox simulator) takes: merchant, secret_key, file_MD5, hash
# and the file part "file"; the hash covers merchant, secret_key, file_MD5 as <byte length><value> each.
#
# usage: twocheckout-loop.sh <inbox> <done-dir> <url> <merchant> <secret-key>
# exit 0 when every file was answered 1; 1 (after the whole folder) when any was not, naming them on stderr.
set -u
inbox=$1 done=$2 url=$3 merchant=$4 secret=$5
# byte lengths, as 2Checkout counts them (PHP's strlen), not characters
export LC_ALL=C
mkdir -p "$done"
failed=0
for file in "$inbox"/*.csv; do
    [ -e "$file" ] || continue
    md5=$(md5sum < "$file") && md5=${md5%% *}
    signed="${#merchant}${merchant}${#secret}${secret}${#md5}${md5}"
    # openssl prints "(stdin)= <hex>" (or "HMAC-MD5(stdin)= <hex>"): the hex is the last word
    hash=$(printf '%s' "$signed" | openssl dgst -md5 -hmac "$secret")
    hash=${hash##* }
    # HTTP 200 on failure too: the body decides
    reply=$(curl -sS --max-time 120 -F "merchant=$merchant" -F "secret_key=$secret" -F "file_MD5=$md5" \
        -F "hash=$hash" -F "file=@$file;type=text/csv" "$url")
    if [ "$reply" = "1" ]; then
        mv -- "$file" "$done/"
    else
        echo "twocheckout-loop: $file not accepted: $reply" >&2
        failed=1
    fi
done
exit $failed
