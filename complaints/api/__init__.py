"""The portal's JSON API (CONTRACT.md, "HTTP"): plain Django views."""
