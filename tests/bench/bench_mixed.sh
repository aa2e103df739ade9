#!/usr/bin/env bash
# bench_mixed.sh - mixed loads (issue 14): buses and kilometres of
# `schoolrun plan` with `--mixed-load no` and `--mixed-load yes` on the
# bundled district (examples/district), a generated large region (300
# villages, 15 destinations, 60 buses; maps/gen_district, --time-limit 600
# as in bench_plan.sh) and a town with several facilities: the bundled
# district's map and villages with six sports sessions at the stadium, the
# pool, the sports school and the school of its town, starting 15 minutes
# apart, and the same town with the sessions 5 minutes apart (three on a
# run: issue 14's groups beyond pairs); written into /tmp by this script,
# every village's children split over two sessions deterministically. One run each (plans depend on the
# inputs and seed only). Kilometres are the week's: each run's metres
# times its pattern's days, to the sessions and home apart, and all of
# the buses' driving (with the empty drives and depot legs).
#
# usage: [ONLY=NAME] tests/bench/bench_mixed.sh [BUILD_DIR]   (default: build;
# ONLY=town plans only the examples whose name starts with it)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
exe=$build/schoolrun
gen=$build/maps/gen_district
work=$(mktemp -d /tmp/bench_mixed.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -x "$exe" ] || { echo "build first: $exe missing"; exit 1; }

examples=("district:examples/district:")
if [ -x "$gen" ]; then
	"$gen" --seed 7 --out "$work/large.osm" --villages 300 --destinations 15 \
		--example-dir "$work/large" --example-map "$work/large.osm" --buses 60 >/dev/null
	examples+=("large-300:$work/large:--time-limit 600")
fi

# the town: six sessions at four facilities of Ольховск, GAP minutes apart
town() { # DIR GAP
	local town=$1 g=$2
	mkdir -p "$town"
	# the district's 12 buses twice over (the town's children all travel at once)
	{ cat examples/district/fleet.csv; tail -n +2 examples/district/fleet.csv | sed 's/^\([^,]*\),/\1b,/'; } >"$town/fleet.csv"
	cat >"$town/plan.conf" <<CONF
map = $PWD/maps/district.osm
sessions = sessions.csv
riders = riders.csv
fleet = fleet.csv
CONF
	t() { # session K: starts K * GAP min after 16:00, 90 min long
		local a=$((960 + $1 * g)) b=$((1050 + $1 * g))
		printf '%02d:%02d,%02d:%02d' $((a / 60)) $((a % 60)) $((b / 60)) $((b % 60))
	}
	cat >"$town/sessions.csv" <<CSV
session,destination,days,start,end
Футбол,Стадион «Колос»,"Mon,Wed,Fri",$(t 0)
Плавание,Бассейн «Чайка»,"Mon,Wed,Fri",$(t 1)
Волейбол,ДЮСШ «Витязь»,"Mon,Wed,Fri",$(t 2)
Шахматы,Средняя школа № 1,"Tue,Thu",$(t 0)
Лёгкая атлетика,Стадион «Колос»,"Tue,Thu",$(t 1)
Борьба,ДЮСШ «Витязь»,"Tue,Thu",$(t 2)
CSV
	tail -n +2 examples/district/riders.csv | cut -d, -f1 | sort -u | awk -F, '
		BEGIN { print "pickup,session,children"
			split("Футбол Плавание Волейбол", a, " "); split("Шахматы Лёгкая_атлетика Борьба", b, " ") }
		{ i = NR % 3; j = (NR + 1) % 3
		  print $1 "," a[i + 1] "," 1 + NR % 4; print $1 "," a[j + 1] "," 1 + NR % 3
		  s = b[i + 1]; gsub("_", " ", s); print $1 "," s "," 1 + NR % 4 }' >"$town/riders.csv"
}
town "$work/town" 15
examples+=("town (6 sessions, 4 facilities, 15 min apart):$work/town:")
town "$work/town5" 5
examples+=("town (6 sessions, 4 facilities, 5 min apart):$work/town5:")

figures() { # PLAN_DIR: buses a day (most), distinct buses, km to, km home, km driven
	python3 - "$1/plan.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
km = [0.0, 0.0]; drive = 0.0; mixed = 0
for pat in p["patterns"]:
    days = bin(pat["days_mask"]).count("1")
    for r in pat["runs"]:
        km[r["direction"] == "home"] += r["meters"] * days / 1000
        mixed += days if r.get("mixed") else 0
    drive += sum(d["meters"] for d in pat["duties"]) * days / 1000
w = p["week"]
print(max(w["buses_per_day"]), "/".join(str(b) for b in w["buses_per_day"][:6]), w["distinct_buses"], "%.1f" % km[0], "%.1f" % km[1], "%.1f" % drive,
      mixed, p["unserved_children"])
PY
}

printf '| example | mixed loads | buses a day (most) | buses Mon/Tue/Wed/Thu/Fri/Sat | distinct buses | km to the sessions | km home | km driven (with empty) | mixed runs a week | unserved |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for e in "${examples[@]}"; do
	IFS=: read -r name dir flags <<<"$e"
	[[ "$name" == "${ONLY:-}"* ]] || continue
	for m in no yes; do
		set +e
		# shellcheck disable=SC2086 # flags are words
		"$exe" plan "$dir" --out "$work/out" --mixed-load "$m" -q $flags 2>/dev/null
		rc=$?
		set -e
		if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then echo "$name: exit $rc"; exit 1; fi
		read -r day perday distinct kto khome kdrive nmix uns < <(figures "$work/out")
		printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$m" "$day" "$perday" \
			"$distinct" "$kto" "$khome" "$kdrive" "$nmix" "$uns"
	done
done
