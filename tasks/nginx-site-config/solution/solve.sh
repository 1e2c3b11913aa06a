#!/bin/bash
# Reference setup: site on 8080, API proxy with prefix stripping, health check, cache/gzip,
# basic auth, readable docroot, idempotent start script with the backend on port 9000.
set -euo pipefail
cat > /etc/nginx/conf.d/site.conf <<'NGINX'
# Inventory site
server {
    listen 8080;
    server_name _;
    root /srv/www;
    index index.html;

    gzip on;
    gzip_types text/css application/javascript application/json;
    gzip_min_length 256;

    error_page 404 /404.html;

    location / {
        try_files $uri $uri/ =404;
    }

    location = /404.html {
        internal;
    }

    location = /healthz {
        default_type text/plain;
        return 200 "ok\n";
    }

    location /static/ {
        add_header Cache-Control "public, max-age=86400";
        try_files $uri =404;
    }

    location /api/ {
        proxy_pass http://127.0.0.1:9000/;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Real-IP $remote_addr;
    }

    location /admin/ {
        auth_basic "admin";
        auth_basic_user_file /etc/nginx/admin.htpasswd;
        try_files $uri $uri/ =404;
    }
}
NGINX
# www-data must be able to read the document root and the credentials file (group www-data)
chmod -R u=rwX,go=rX /srv/www
chmod 640 /etc/nginx/admin.htpasswd
cat > /app/start.sh <<'SH'
#!/bin/bash
# Start the inventory API backend and nginx in the background (safe to re-run).
set -u
if ! pgrep -f "python3 /app/backend/app.py 9000" >/dev/null; then
    nohup python3 /app/backend/app.py 9000 > /var/log/backend.log 2>&1 &
fi
nginx -t -q || exit 1
if [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
    nginx -s reload
else
    nginx
fi
for _ in $(seq 50); do
    curl -fsS -o /dev/null http://127.0.0.1:8080/healthz 2>/dev/null && break
    sleep 0.1
done
SH
chmod +x /app/start.sh
nginx -t
