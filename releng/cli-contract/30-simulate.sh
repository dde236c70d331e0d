# simulate (sourced by releng/cli-contract-test: $vs, $work, $repo, expect); uses $work/d2.conf from 20-cluster.sh
seed="$repo/plugins/org.vrrpstudio.config.tests/data/seed/director1-keepalived.conf"
expect "simulate seed converges"        0 '^MASTER distribution: d1 \(VI_1, VI_2\); d2 \(VI_3, VI_4\)$' \
       -- "$vs" simulate --director d1="$seed" --director d2="$work/d2.conf"
expect "simulate eth0 failure: takeover after Master_Down_Interval" 0 '^t=13\.024 d2 VI_1 BACKUP->MASTER \(master down timer\)$' \
       -- "$vs" simulate --director d1="$seed" --director d2="$work/d2.conf" --fail d1:eth0@10 --until 20
expect "simulate eth0 failure: VI_2 follows through VG1" 0 '^MASTER distribution: d1 \(none\); d2 \(VI_1, VI_2, VI_3, VI_4\)$' \
       -- "$vs" simulate --director d1="$seed" --director d2="$work/d2.conf" --fail d1:eth0@10 --until 20
expect "simulate eth0 back: initial distribution" 0 '^MASTER distribution: d1 \(VI_1, VI_2\); d2 \(VI_3, VI_4\)$' \
       -- "$vs" simulate --director d1="$seed" --director d2="$work/d2.conf" --fail d1:eth0@10 --restore d1:eth0@20 --until 30
expect "simulate clean stop: priority 0"  0 '^t=10\.6[0-9]+ d2 VI_1 BACKUP->MASTER' \
       -- "$vs" simulate --director d1="$seed" --director d2="$work/d2.conf" --stop d1@10
expect "simulate a cluster file"        0 '^MASTER distribution: lvs1 \(VI_1, VI_2\); lvs2 \(VI_3, VI_4\)$' \
       -- "$vs" simulate --cluster "$work/seed.vrrpcluster"
expect "simulate unknown interface"     2 "has no interface 'eth9'" -- "$vs" simulate --director d1="$seed" --fail d1:eth9@10
expect "simulate bad event"             2 'takes NAME:IFACE@SECONDS' -- "$vs" simulate --director d1="$seed" --fail bogus
expect "simulate needs directors"       2 'give either --cluster'  -- "$vs" simulate
