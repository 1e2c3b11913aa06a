#!/bin/bash
# Start the inventory API backend and nginx in the background.
cd /app/backend
nohup python3 app.py 9001 > /var/log/backend.log 2>&1 &
nginx
