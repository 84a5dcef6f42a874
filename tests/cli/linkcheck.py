"""linkcheck.py SITE_DIR: follows every href and src of every HTML page
of a generated site, from its index, as a reader would, and fetches
nothing: a relative link must name a file of the site (and, with a
#fragment, an id in it); a src must be relative; a link elsewhere must be
a web address (http or https) of a reader's link to a source. Prints each
broken link as PAGE: what, and the pages no link reaches; exit 1 when
there is one."""
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get('id'):
            self.ids.add(a['id'])
        if tag == 'a' and a.get('name'):
            self.ids.add(a['name'])
        for k in ('href', 'src'):
            if a.get(k) is not None:
                self.links.append((tag, k, a[k], a.get('class') or ''))


def parse(path, cache):
    if path not in cache:
        p = Page()
        with open(path, encoding='utf-8') as f:
            p.feed(f.read())
        cache[path] = p
    return cache[path]


def main(root):
    root = os.path.abspath(root)
    cache, bad, seen = {}, [], set()
    todo = [os.path.join(root, 'index.html')]
    if not os.path.exists(todo[0]):
        print('no index.html')
        return 1
    checked = 0
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        rel = os.path.relpath(page, root)
        for tag, attr, url, cls in parse(page, cache).links:
            checked += 1
            u = urlsplit(url)
            if u.scheme or url.startswith('//'):
                if attr == 'src':
                    bad.append('%s: %s loads %s' % (rel, tag, url))
                elif u.scheme not in ('http', 'https') or tag != 'a' or \
                        'url' not in cls.split():
                    bad.append('%s: link elsewhere %s' % (rel, url))
                continue
            target = page if not u.path else os.path.normpath(
                os.path.join(os.path.dirname(page), unquote(u.path)))
            if not target.startswith(root + os.sep):
                bad.append('%s: %s leaves the site' % (rel, url))
                continue
            if not os.path.isfile(target):
                bad.append('%s: %s: no such file' % (rel, url))
                continue
            if target.endswith('.html'):
                # a browser looks for the fragment, then for it decoded
                ids = parse(target, cache).ids
                if u.fragment and u.fragment not in ids and \
                        unquote(u.fragment) not in ids:
                    bad.append('%s: %s: no id %s' % (rel, url, u.fragment))
                todo.append(target)
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            if f.endswith('.html') and p not in seen:
                bad.append('%s: no link reaches it' % os.path.relpath(p, root))
    for b in bad:
        print(b)
    print('%d pages, %d links followed' % (len(seen), checked),
          file=sys.stderr)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
