docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-healthcheck-shell-1 \
  --replicas=2 \
  --label=nap.app=healthcheck-shell \
  --label=nap.release=1 \
  --container-label=nap.app=healthcheck-shell \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=5000 \
  --env-file=/var/lib/nap/apps/healthcheck-shell/env \
  --env=PORT=5000 \
  --stop-grace-period=10s \
  '--health-cmd=python -c '\''import urllib.request,sys; sys.exit(0 if urllib.request.urlopen("http://localhost:5000/").status==200 else 1)'\''' \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-healthcheck-shell \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/healthcheck-shell:20260102-030405-4b825dc
