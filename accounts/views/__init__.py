"""Account administration pages (mounted at /nguoi-dung/)."""
