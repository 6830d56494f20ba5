"""Views of the complaints app; the public pages live in `public`."""
