"""Two-factor sign-in for staff (issue 14): after the password, a 6-digit code from an
authenticator app (django-otp's TOTP device) or a one-time backup code (its static
device). Offered to every staff user, required for administrators and for holders of the
denouncer-identity permission (`policy.py`). Until verified, such a session reaches
nothing of the admin (`middleware.py`) nor the staff API (`complaints/api/auth.py`)."""
