"""Do two renderings of a page show the same thing? The <main> element of
each (the flash message left out), as a list of tags with their attributes
sorted and of texts with entities decoded and white space folded; the
difference printed as a unified diff, exit status 1 when there is one.

    python3 compare_pages.py OURS.html PEER.html

What it passes over: white space between tags, attribute order and quoting,
how a character is escaped (&quot; or &#34;), and the CSRF token's value. Everything a reader sees or
follows (text, figures, link targets, the order of rows and sections) counts.
"""

import difflib
import sys
from html.parser import HTMLParser


class MainContent(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items, self.depth, self.flash = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if not self.depth:
            return
        if self.flash or dict(attrs).get("id") == "flash":
            self.flash += 1
            return
        if tag == "input" and dict(attrs).get("name") == "csrf_token":
            # each server signs its token with its own key
            attrs = [(k, "CSRF" if k == "value" else v) for k, v in attrs]
        shown = " ".join(f'{k}="{v}"' if v is not None else k for k, v in sorted(attrs))
        self.items.append(f"<{tag}{' ' + shown if shown else ''}>")

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if self.flash:
            self.flash -= 1
            return
        self.items.append(f"</{tag}>")
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if self.depth and not self.flash and text:
            self.items.append(text)


def main_of(path: str) -> list:
    parser = MainContent()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    if not parser.items:
        sys.exit(f"compare_pages.py: no <main> in {path}")
    return parser.items


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    ours, peer = main_of(sys.argv[1]), main_of(sys.argv[2])
    diff = list(difflib.unified_diff(ours, peer, sys.argv[1], sys.argv[2], lineterm="", n=2))
    print("\n".join(diff) if diff else f"same <main>: {len(ours)} tags and texts")
    sys.exit(1 if diff else 0)
