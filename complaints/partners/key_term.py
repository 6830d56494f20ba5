"""How long a partner's API key may be issued for: plain figures, read by the settings at
start (`PORTAL_PARTNER_KEY_DAYS` is checked against them) as well as by the models."""

# Every key expires (README "partner keys"): at most 3 years after it is issued. A key that
# leaked unnoticed stops by itself within that time, and a partner changes its key at least
# as often as a connection agreement is usually renewed; a longer use is a new key. The
# portal's choice, no rule of law: change it here, never through the environment.
PARTNER_KEY_MAX_DAYS = 1095

