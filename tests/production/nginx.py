"""deploy/nginx-congtruong.conf, rendered for a loopback port (the production leg).

Only what cannot exist on a CI machine changes, each substitution named below:
the application's folder, the gunicorn socket, the listening port, and TLS.
Everything else (locations, static caching, gzip, upload sizes, the internal
location for private files, proxy timeouts) is the file as deployed.
"""

import re
from pathlib import Path

DEPLOYED = Path(__file__).resolve().parents[2] / "deploy" / "nginx-congtruong.conf"


def render_site(*, app_dir: Path, private_root: Path, socket: Path, port: int) -> str:
    text = DEPLOYED.read_text()
    text = text.replace("/srv/congtruong/app/var/private/", f"{private_root}/")
    # The plain-HTTP server (certbot's challenge, redirect to HTTPS) has no use here.
    text = re.sub(r"# Plain HTTP:.*?\n}\n", "", text, count=1, flags=re.S)
    text = text.replace("/srv/congtruong/app", str(app_dir))
    text = text.replace("unix:/run/congtruong/gunicorn.sock", f"unix:{socket}")
    # TLS is nginx's own work and needs certificates: the loopback copy listens in
    # plain HTTP and tells the application what the TLS one tells it (https).
    text = re.sub(r"\n\s*listen \[::\]:443[^\n]*", "", text)
    text = re.sub(r"listen 443[^\n]*;", f"listen 127.0.0.1:{port};", text)
    text = re.sub(r"\n\s*ssl_[a-z_]+ [^\n]*;", "", text)
    text = re.sub(r"server_name [^;]+;", "server_name 127.0.0.1 localhost;", text)
    text = text.replace(
        "include /etc/nginx/proxy_params;",
        "proxy_set_header Host $http_host; proxy_set_header X-Real-IP $remote_addr; "
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; "
        "proxy_set_header X-Forwarded-Proto https;",
    )
    assert "443" not in text and "/srv/congtruong" not in text, (
        "deploy/ changed: update the rendering"
    )
    return text


def render_main(*, site: str, prefix: Path, as_root: bool) -> str:
    """A whole nginx.conf around the site: its own pid, logs and temp folders."""
    user = "user root;\n" if as_root else ""
    return f"""{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
{site}
}}
"""
