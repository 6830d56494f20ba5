"""The law as data (STYLE.md 11): tables a legal officer can review in one sitting, each row
citing its article. The services that apply them live beside, in `complaints.services`."""
