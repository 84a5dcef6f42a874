"""dom_check.py PAGE.html...: the structure of profdiff's HTML pages as a
browser builds it (html5lib, the WHATWG parsing algorithm).

For each page:
- the markup as written never opens a block element (a list, a div, a
  table, a heading, another paragraph...) inside an open <p>: a browser
  would close the paragraph there, and what follows would fall outside
  it (the blame page's history did);
- html5lib reports no parse error: the tree a browser builds is the one
  the markup says;
- <html lang>, one <h1>, headings that never skip a level down;
- with --blame: every claim is an element holding its history, a list.
Prints each problem as PAGE: what; exit 1 when there is one.
"""
import sys
from html.parser import HTMLParser

import html5lib

BLOCK = set('address article aside blockquote details dialog div dl fieldset '
            'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr '
            'main menu nav ol p pre section table ul li dd dt'.split())
VOID = set('area base br col embed hr img input link meta source track wbr'.split())
NS = '{http://www.w3.org/1999/xhtml}'


class Written(HTMLParser):
    """The nesting as the markup writes it, no element closed for it."""

    def __init__(self, problems):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems = [], problems

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK and 'p' in self.stack:
            self.problems.append('<%s> inside <p> (line %d)' %
                                 (tag, self.getpos()[0]))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass
        else:
            self.problems.append('</%s> closes nothing (line %d)' %
                                 (tag, self.getpos()[0]))


def local(el):
    return el.tag[len(NS):] if el.tag.startswith(NS) else el.tag


def check(path, blame):
    problems = []
    text = open(path, encoding='utf-8').read()
    Written(problems).feed(text)
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder('etree'))
    root = parser.parse(text)
    for pos, code, data in parser.errors:
        problems.append('parse error %s at %s %s' % (code, pos, data or ''))
    if not root.get('lang'):
        problems.append('<html> without lang')
    heads = [int(local(e)[1]) for e in root.iter()
             if local(e) in ('h1', 'h2', 'h3', 'h4', 'h5', 'h6')]
    if heads.count(1) < 1:
        problems.append('no <h1>')
    for a, b in zip(heads, heads[1:]):
        if b > a + 1:
            problems.append('heading h%d after h%d' % (b, a))
            break
    for p in root.iter(NS + 'p'):
        for e in p.iter():
            if e is not p and local(e) in BLOCK:
                problems.append('<%s> in a <p> of the tree' % local(e))
    if blame:
        claims = [e for e in root.iter()
                  if 'claim' in (e.get('class') or '').split()]
        if not claims:
            problems.append('no claim')
        for c in claims:
            hist = [e for e in c.iter()
                    if 'hist' in (e.get('class') or '').split()]
            if len(hist) != 1 or hist[0].find('.//' + NS + 'ol') is None or \
               not len(hist[0].find('.//' + NS + 'ol')):
                problems.append('a claim without its history list inside')
                break
            if local(c) == 'p':
                problems.append('a claim is a <p>')
                break
    return problems


def main(argv):
    blame = '--blame' in argv
    bad = 0
    for path in [a for a in argv if a != '--blame']:
        for p in check(path, blame):
            print('%s: %s' % (path, p))
            bad = 1
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
