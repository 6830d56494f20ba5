"""Fill English translations into locale/en/LC_MESSAGES/django.po from tools/en.tsv
(Vietnamese msgid <TAB> English; for a plural, Vietnamese <TAB> English singular <TAB> English
plural; for a msgid with a context, "context::msgid"), then compile. Run after
`manage.py makemessages -l en`. The table is authoritative over the catalogue."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
TABLE = ROOT / "tools" / "en.tsv"


def main() -> int:
    pairs, plurals = {}, {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            vi, *english = line.split("\t")
            if len(english) == 2:  # a plural: Vietnamese, English singular, English plural
                plurals[vi] = english
            else:
                pairs[vi] = "\t".join(english)
    text = PO.read_text(encoding="utf-8")

    def escaped(english: str) -> str:
        return english.replace("\\", "\\\\").replace('"', '\\"')

    def fill_plural(match):
        msgid = match.group(1)
        key = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if key not in plurals:
            return match.group(0)
        one, many = (escaped(english) for english in plurals[key])
        return (
            f'msgid "{msgid}"\nmsgid_plural "{match.group(2)}"\n'
            f'msgstr[0] "{one}"\nmsgstr[1] "{many}"'
        )

    def fill(match):
        context, msgid = match.group(1), match.group(2)
        key = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if context:  # written "context::msgid" in the table (pgettext)
            key = f"{decoded(context)}::{key}"
        english = pairs.get(key)
        if english is None:
            return match.group(0)
        english = english.replace("\\", "\\\\").replace('"', '\\"')
        prefix = f'msgctxt "{context}"\n' if context else ""
        return f'{prefix}msgid "{msgid}"\nmsgstr "{english}"'

    def decoded(escaped_text: str) -> str:
        return escaped_text.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")

    def unfuzzy(block: str) -> str:
        """msgmerge's guess for a new msgid (a "fuzzy" neighbour's English) gives way to
        the table's translation when the table has one."""
        found = re.search(r'^msgid "((?:[^"\\]|\\.)+)"$', block, re.M)
        if "#, fuzzy" not in block or not found:
            return block
        key = found.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        context = re.search(r'^msgctxt "((?:[^"\\]|\\.)+)"$', block, re.M)
        if context:
            key = f"{decoded(context.group(1))}::{key}"
        if key not in pairs and key not in plurals:
            return block
        lines = [line for line in block.split("\n") if not line.startswith("#|")]
        lines = [re.sub(r"^#, fuzzy(, )?", "#, ", line) for line in lines]
        lines = [line for line in lines if line != "#, "]
        block = "\n".join(lines)
        block = re.sub(r'^msgstr\[(\d)\] ".*"$', r'msgstr[\1] ""', block, flags=re.M)
        return re.sub(r'^msgstr ".*"$', 'msgstr ""', block, flags=re.M)

    text = "\n\n".join(unfuzzy(block) for block in text.split("\n\n"))
    # The table is authoritative: its English replaces whatever the catalogue held (a
    # translation made by hand once, or a wrong one: "qua cổng trực tuyến" was "By hand").
    text = re.sub(
        r'(?:^msgctxt "((?:[^"\\]|\\.)+)"\n)?^msgid "((?:[^"\\]|\\.)+)"\nmsgstr "(?:[^"\\]|\\.)*"',
        fill, text, flags=re.M,
    )
    text = re.sub(
        r'msgid "((?:[^"\\]|\\.)+)"\nmsgid_plural "((?:[^"\\]|\\.)+)"\n'
        r'msgstr\[0\] ""\nmsgstr\[1\] ""',
        fill_plural,
        text,
    )
    # The header's own "fuzzy" (a new catalogue's): only in the first block, never an
    # entry's, whose flag marks a guess still to be translated.
    header, sep, rest = text.partition("\n\n")
    text = header.replace("#, fuzzy\n", "", 1) + sep + rest
    PO.write_text(text, encoding="utf-8")
    return subprocess.call(["msgfmt", "-o", str(PO.with_suffix(".mo")), str(PO)])


if __name__ == "__main__":
    sys.exit(main())
