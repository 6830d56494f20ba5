"""Partner systems (issue 15): their API keys and scopes (`keys`), the log of their
calls (`calls`), and signed webhooks about the cases they filed (`webhooks`)."""
