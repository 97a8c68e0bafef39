#!/usr/bin/env bash
# Installs Hartbench from the p2 update site into a plain Eclipse, as a user would with
# Help > Install New Software, and checks the result. Run by the product module's
# integration-test phase (skipped with -DskipTests); writes JUnit XML for the test summary.
#
# usage: install-check.sh PLAIN-ECLIPSE-DIR UPDATE-SITE-DIR WORK-DIR REPORT-DIR
#
# PLAIN-ECLIPSE-DIR is the materialised eclipse-platform.product: the Eclipse platform with
# platform debug and the unit-test view, as in an Eclipse SDK, and the p2 director, but no
# Hartbench and no SWTChart. The check copies it, so the build's own copy stays plain.
#   1. the plain Eclipse has none of the bundles the site must supply;
#   2. the p2 director installs the Hartbench feature from the update site alone;
#   3. the Hartbench bundles and SWTChart are then in the configuration;
#   4. a scaling claim runs headless in it (application org.hartbench.core.scale): the installed
#      emulator boots the installed kernel at 1 and 2 CPUs and the claim passes;
#   5. the Eclipse starts with the Hartbench perspective and logs no error (a screenshot is kept);
#   6. uninstalling the feature removes the bundles again.
set -uo pipefail
plain=$(realpath "$1"); site=$(realpath "$2"); work=$(realpath -m "$3"); reports=$(realpath -m "$4")
scripts=$(cd "$(dirname "$0")" && pwd)
java=${JAVA_HOME:?JAVA_HOME must name a JDK 21 or newer}/bin/java
feature=org.hartbench.feature.feature.group
bundles=(org.hartbench.emulator org.hartbench.core org.hartbench.ui org.hartbench.kernel org.eclipse.swtchart)

rm -rf "$work" && mkdir -p "$work" "$reports"
eclipse=$work/eclipse
cp -r "$plain" "$eclipse"
launcher=$(compgen -G "$eclipse/plugins/org.eclipse.equinox.launcher_*.jar" | head -n1)
info=$eclipse/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info

cases=()      # one <testcase> element per check
failures=0
total_seconds=0
# check NAME SECONDS MESSAGE: MESSAGE empty means passed.
check() {
    local name=$1 seconds=$2 message=$3
    total_seconds=$((total_seconds + seconds))
    if [[ -z $message ]]; then
        echo "install-check: $name: ok"
        cases+=("  <testcase classname=\"update-site.install\" name=\"$name\" time=\"$seconds\"/>")
    else
        echo "install-check: $name: FAILED: $message" >&2
        failures=$((failures + 1))
        message=${message//&/&amp;}; message=${message//</&lt;}; message=${message//\"/&quot;}
        cases+=("  <testcase classname=\"update-site.install\" name=\"$name\" time=\"$seconds\"><failure message=\"$message\"/></testcase>")
    fi
}
# installed: the bundles of the list that bundles.info names.
installed() {
    local b
    for b in "${bundles[@]}"; do
        grep -q "^$b," "$info" && echo "$b"
    done
}
application() {  # application ID ARGS...: runs an Eclipse application of the installation
    local id=$1; shift
    (cd "$eclipse" && timeout 300 "$java" -jar "$launcher" -nosplash -consoleLog -data "$work/headless" \
        -application "$id" "$@")
}
director() {  # director ARGS...: the installation's own p2 director, provisioning itself
    application org.eclipse.equinox.p2.director "$@"
}

present=$(installed | tr '\n' ' ')
check plain-eclipse-lacks-hartbench 0 "${present:+already installed: $present}"

start=$SECONDS
director -repository "file:$site" -installIU "$feature" > "$work/install.log" 2>&1
status=$?
message=""
if (( status != 0 )) || ! grep -q "Operation completed" "$work/install.log"; then
    message="p2 director exit status $status: $(grep -m3 -E 'MESSAGE|Cannot|Missing' "$work/install.log" | tr '\n' ' ')"
fi
check director-installs-feature $((SECONDS - start)) "$message"

missing=""
for b in "${bundles[@]}"; do
    grep -q "^$b," "$info" || missing+="$b "
done
check bundles-installed 0 "${missing:+not in bundles.info: $missing}"

start=$SECONDS
application org.hartbench.core.scale thread --cpus 1,2 --repeats 1 --out "$work/scale" > "$work/scale.log" 2>&1
status=$?
message=""
if (( status != 0 )) || ! grep -q "PASS" "$work/scale.log"; then
    message="exit status $status: $(grep -m3 -E 'scale:|FAIL' "$work/scale.log" | tr '\n' ' ')"
fi
check scaling-claim-runs-headless $((SECONDS - start)) "$message"

start=$SECONDS
workspace=$work/workspace
message=""
if ! "$scripts/ide-screenshot.sh" "$work/installed-ide.png" 30 "$eclipse" "$java" -Xmx1g -jar "$launcher" \
        -data "$workspace" -consoleLog -perspective org.hartbench.ui.perspective > "$work/ide.log" 2>&1; then
    message="the installed Eclipse did not stay up: $(tail -n 5 "$work/ide.log" | tr '\n' ' ')"
elif grep -qE '^!ENTRY [^ ]+ 4 ' "$workspace/.metadata/.log" 2>/dev/null; then
    message="errors in the workspace log: $(grep -m3 -A1 -E '^!ENTRY [^ ]+ 4 ' "$workspace/.metadata/.log" | tr '\n' ' ')"
fi
check installed-eclipse-opens-hartbench-perspective $((SECONDS - start)) "$message"

start=$SECONDS
director -uninstallIU "$feature" > "$work/uninstall.log" 2>&1
status=$?
left=$(installed | grep hartbench | tr '\n' ' ')
message=""
if (( status != 0 )); then
    message="p2 director exit status $status"
elif [[ -n $left ]]; then
    message="still in bundles.info: $left"
fi
check uninstall-removes-hartbench $((SECONDS - start)) "$message"

{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo "<testsuite name=\"update-site install into a plain Eclipse\" tests=\"${#cases[@]}\" failures=\"$failures\" errors=\"0\" skipped=\"0\" time=\"$total_seconds\">"
    printf '%s\n' "${cases[@]}"
    echo '</testsuite>'
} > "$reports/TEST-update-site-install.xml"
exit $(( failures > 0 ))
