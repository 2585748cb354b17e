docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-java-maven-multistage-1 \
  --replicas=2 \
  --label=nap.app=java-maven-multistage \
  --label=nap.release=1 \
  --container-label=nap.app=java-maven-multistage \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=8080 \
  --env-file=/var/lib/nap/apps/java-maven-multistage/env \
  --env=PORT=8080 \
  --user=spring:spring \
  --stop-grace-period=10s \
  '--health-cmd=wget -qO- http://localhost:8081/actuator/health || exit 1' \
  --health-interval=30s \
  --health-timeout=5s \
  --health-start-period=40s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-java-maven-multistage \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/java-maven-multistage:20260102-030405-4b825dc
