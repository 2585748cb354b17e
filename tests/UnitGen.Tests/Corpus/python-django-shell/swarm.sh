# python-django-shell has a VOLUME (/code/media): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/python-django-shell/volumes
mkdir -p /var/lib/nap/apps/python-django-shell/volumes/code-media
docker service create \
  --detach \
  --with-registry-auth \
  --name=nap-python-django-shell-1 \
  --replicas=2 \
  --label=nap.app=python-django-shell \
  --label=nap.release=1 \
  --container-label=nap.app=python-django-shell \
  --container-label=nap.release=1 \
  --init \
  --publish=mode=host,target=8000 \
  --env-file=/var/lib/nap/apps/python-django-shell/env \
  --env=PORT=8000 \
  --mount=type=bind,source=/var/lib/nap/apps/python-django-shell/volumes/code-media,target=/code/media \
  --stop-grace-period=10s \
  --limit-memory=256m \
  --limit-cpu=0.5 \
  --limit-pids=512 \
  --network=nap-python-django-shell \
  --constraint=node.role==manager \
  --restart-condition=any \
  --log-driver=journald \
  registry.nap.test:5000/python-django-shell:20260102-030405-4b825dc
